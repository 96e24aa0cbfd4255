"""Import of demographic figures from CSV, all or nothing, in one of two formats recognised by the header:

1. the simple one: ``kod_obce;kod_obvodu;rok;ukazatel;hodnota[;jednotka;zdroj]`` (``kod_obvodu`` may be empty);
2. the Czech Statistical Office's open-data long format (population by age and sex): ``hodnota``, ``vuzemi_cis``,
   ``vuzemi_kod``, ``casref_do`` or ``rok``, ``vek_txt`` / ``vek_kod``, ``pohlavi_txt``. Territory codebook 43 is
   a municipality, 44 a city district; rows of other territories (the region, districts, municipalities outside the
   area) are skipped and counted.

UTF-8 (with or without BOM) or Windows-1250, separated by ``;`` or ``,``. Importing the same figures again updates
their values: a figure is identified by area, place, year and indicator.
"""

import itertools
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from openkp.core.municipalities import decode_csv
from openkp.core.spreadsheets import SpreadsheetError, csv_rows, row_limit

from ..models import DemographicFigure
from ..selectors.register import area_districts, area_municipalities

MIN_YEAR, MAX_YEAR = 1900, 2100
CZSO_MUNICIPALITY, CZSO_CITY_DISTRICT = "43", "44"
DEFAULT_UNIT = "osob"
CZSO_SOURCE = "ČSÚ"


class DemographyImportError(Exception):
    """The file cannot be imported; ``errors`` says what is wrong on which line (Czech). Nothing was written."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class DemographyReport:
    file_format: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)

    def summary(self):
        text = _("Demografické údaje (%(format)s): %(created)s nových, %(updated)s změněných, %(unchanged)s beze změny.") % {
            "format": self.file_format, "created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        if self.skipped:
            text += " " + _("Přeskočeno %(count)s řádků jiných území.") % {"count": self.skipped}
        return text


@dataclass
class FigureRow:
    line: int
    municipality: object
    part: object
    year: int
    indicator: str
    value: Decimal
    unit: str
    source: str

    @property
    def key(self):
        return (self.municipality.pk if self.municipality else None, self.part.pk if self.part else None, self.year, self.indicator)


def _read_table(data):
    """The header and a stream of ``(line, {column: text})`` of the non-blank rows; the stream raises
    TooManyRows at the first row over ``settings.IMPORT_MAX_ROWS_DEMOGRAPHY``."""
    text = decode_csv(data)
    if not text.strip():
        raise DemographyImportError([_("Soubor je prázdný.")])
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    lines = csv_rows(text, row_limit("demography"), delimiter=delimiter)
    header = [column.strip().strip('"').lower() for column in next(lines)[1]]

    def rows():
        for line, values in lines:
            if any(value.strip() for value in values):
                yield line, {column: (values[index].strip() if index < len(values) else "") for index, column in enumerate(header)}

    return header, rows()


def _number(text):
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    # Stored with two decimal places (shares such as 12.345 % are rounded).
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if value.is_finite() and abs(value) < Decimal("1e12") else None


def _year(text):
    # ČSÚ gives the reference date ("2023-12-31"); the simple format the year itself.
    match = re.match(r"^\s*(\d{4})(?:-\d{2}-\d{2})?\s*$", text or "")
    if match is None:
        return None
    return int(match[1])


class _Places:
    """The area's municipalities and city districts by code."""

    def __init__(self, area):
        self.municipalities = {municipality.code: municipality for municipality in area_municipalities(area=area)}
        self.parts = {part.code: part for part in area_districts(area=area)}


def _check_value_and_year(line, value_text, year_text, errors):
    value, year = _number(value_text), _year(year_text)
    if value is None:
        errors.append(_("Řádek %(line)s: hodnota „%(value)s“ není číslo.") % {"line": line, "value": value_text})
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        errors.append(_("Řádek %(line)s: rok „%(year)s“ není rok mezi %(min)s a %(max)s.") % {
            "line": line, "year": year_text, "min": MIN_YEAR, "max": MAX_YEAR})
        year = None
    return value, year


def _simple_rows(rows, places, default_source, errors):
    result = []
    for line, row in rows:
        value, year = _check_value_and_year(line, row.get("hodnota", ""), row.get("rok", ""), errors)
        municipality = places.municipalities.get(row.get("kod_obce", ""))
        part = None
        if municipality is None:
            errors.append(_("Řádek %(line)s: obec s kódem „%(code)s“ v území není (zkontrolujte kód obce ČSÚ).") % {
                "line": line, "code": row.get("kod_obce", "")})
        district_code = row.get("kod_obvodu", "")
        if district_code:
            part = places.parts.get(district_code)
            if part is None:
                errors.append(_("Řádek %(line)s: městský obvod s kódem „%(code)s“ v území není.") % {"line": line, "code": district_code})
            elif municipality is not None and part.municipality_id != municipality.pk:
                errors.append(_("Řádek %(line)s: městský obvod „%(part)s“ nepatří do obce „%(municipality)s“.") % {
                    "line": line, "part": part.name, "municipality": municipality.name})
        indicator = " ".join(row.get("ukazatel", "").split())
        if not indicator:
            errors.append(_("Řádek %(line)s: chybí ukazatel.") % {"line": line})
        elif len(indicator) > 200:
            errors.append(_("Řádek %(line)s: ukazatel je delší než 200 znaků.") % {"line": line})
        if value is not None and year is not None and municipality is not None and indicator and (part is not None or not district_code):
            result.append(FigureRow(line=line, municipality=municipality, part=part, year=year, indicator=indicator[:200], value=value,
                                    unit=(row.get("jednotka") or DEFAULT_UNIT)[:40], source=(row.get("zdroj") or default_source)[:300]))
    return result


AGE_RANGE = re.compile(r"(\d+)\s*(?:až|-|–)\s*(\d+)")
AGE_FROM = re.compile(r"(\d+)\s*(?:\+|a\s+ví[cč]e|let\s+a\s+ví[cč]e)")
AGE_FROM_ONLY = re.compile(r"ví[cč]e\s+nebo\s+rovno\s+(\d+)\s*\)?\s*$")


def age_label(text):
    """A short Czech age label from the ČSÚ age text: "65 a více" → "65+", "15 až 64 (…)" → "15–64"; "" for all ages."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    head = text.split("(")[0]
    match = AGE_FROM.search(head)
    if match:
        return f"{match[1]}+"
    match = AGE_RANGE.search(head)
    if match:
        return f"{match[1]}–{match[2]}"
    match = AGE_FROM_ONLY.search(text)
    if match and "méně" not in text:
        return f"{match[1]}+"
    return text


def czso_indicator(age_text, sex_text, age_code=""):
    """The indicator name of a ČSÚ row, e.g. "Obyvatelé 65+ let", "Obyvatelé 15–64 let, ženy", "Obyvatelé celkem"."""
    age = age_label(age_text)
    if not age and age_code:
        name = _("Obyvatelé – věková skupina %(code)s") % {"code": age_code}
    elif not age:
        name = _("Obyvatelé celkem")
    elif age[0].isdigit():
        name = _("Obyvatelé %(age)s let") % {"age": age}
    else:
        name = _("Obyvatelé – %(age)s") % {"age": age}
    sex = (sex_text or "").strip().lower()
    if sex.startswith("muž"):
        name += _(", muži")
    elif sex.startswith("žen"):
        name += _(", ženy")
    return name[:200]


def _czso_rows(rows, places, default_source, report, errors):
    result = []
    for line, row in rows:
        territory, code = row.get("vuzemi_cis", ""), row.get("vuzemi_kod", "")
        municipality = part = None
        if territory == CZSO_MUNICIPALITY:
            municipality = places.municipalities.get(code)
        elif territory == CZSO_CITY_DISTRICT:
            part = places.parts.get(code)
            municipality = part.municipality if part else None
        if municipality is None:
            report.skipped += 1  # the region, districts, municipalities outside the area
            continue
        value, year = _check_value_and_year(line, row.get("hodnota", ""), row.get("casref_do") or row.get("rok", ""), errors)
        if value is not None and year is not None:
            indicator = czso_indicator(row.get("vek_txt", ""), row.get("pohlavi_txt", ""), row.get("vek_kod", ""))
            result.append(FigureRow(line=line, municipality=municipality, part=part, year=year, indicator=indicator, value=value,
                                    unit=DEFAULT_UNIT, source=default_source or CZSO_SOURCE))
    return result


def detect_format(header):
    """ "simple", "czso", or None when the header fits neither."""
    columns = set(header)
    if {"hodnota", "vuzemi_cis", "vuzemi_kod"} <= columns and columns & {"casref_do", "rok"}:
        return "czso"
    if {"kod_obce", "rok", "ukazatel", "hodnota"} <= columns:
        return "simple"
    return None


def parse_figures(data, *, area, source=""):
    """The figures of a CSV file (text or bytes) for ``area``, and the report with what was skipped.
    Raises DemographyImportError with every problem found, line by line."""
    try:
        return _parse_figures(data, area=area, source=source)
    except SpreadsheetError as error:
        raise DemographyImportError(error.errors) from None


def _parse_figures(data, *, area, source):
    header, rows = _read_table(data)
    file_format = detect_format(header)
    if file_format is None:
        raise DemographyImportError([_(
            "Záhlaví souboru neodpovídá žádnému podporovanému formátu. Použijte sloupce "
            "kod_obce;kod_obvodu;rok;ukazatel;hodnota;jednotka;zdroj, nebo soubor otevřených dat ČSÚ "
            "se sloupci hodnota, vuzemi_cis, vuzemi_kod a casref_do (nalezené sloupce: %(found)s).") % {"found": ", ".join(header)}])
    first = next(rows, None)
    if first is None:
        raise DemographyImportError([_("Soubor nemá žádné řádky s údaji.")])
    rows = itertools.chain([first], rows)
    places, errors = _Places(area), []
    report = DemographyReport(file_format=_("otevřená data ČSÚ") if file_format == "czso" else _("jednoduchý formát"))
    if file_format == "czso":
        figures = _czso_rows(rows, places, source, report, errors)
        if not figures and not errors:
            errors.append(_("V souboru nejsou údaje za žádnou obec ani městský obvod tohoto území."))
    else:
        figures = _simple_rows(rows, places, source, errors)
    first_line = {}
    for figure in figures:
        if figure.key in first_line:
            errors.append(_("Řádek %(line)s: stejný údaj (místo, rok a ukazatel) je už na řádku %(first)s.") % {
                "line": figure.line, "first": first_line[figure.key]})
        first_line.setdefault(figure.key, figure.line)
    if errors:
        raise DemographyImportError(errors)
    return figures, report


@transaction.atomic
def import_figures(data, *, area, source=""):
    """Create or update the area's figures from a CSV file; all or nothing. Returns the report."""
    figures, report = parse_figures(data, area=area, source=source)
    existing = {(figure.municipality_id, figure.part_id, figure.year, figure.indicator): figure
                for figure in DemographicFigure.objects.for_area(area)}
    for row in figures:
        figure = existing.get(row.key)
        if figure is None:
            figure = DemographicFigure(area=area, municipality=row.municipality, part=row.part, year=row.year, indicator=row.indicator,
                                       value=row.value, unit=row.unit, source=row.source)
            figure.full_clean()
            figure.save()
            existing[row.key] = figure
            report.created += 1
        elif (figure.value, figure.unit, figure.source) != (row.value, row.unit, row.source):
            figure.value, figure.unit, figure.source = row.value, row.unit, row.source
            figure.full_clean()
            figure.save(update_fields=["value", "unit", "source"])
            report.updated += 1
        else:
            report.unchanged += 1
    return report
