"""Import of municipalities, city districts and parts from a CSV file (all or nothing).

Columns (header row, any order, case-insensitive; `;` or `,` separated; UTF-8 or Windows-1250):
- ``code`` (or ``kod``, ``CHODNOTA`` in ČSÚ code-list exports): 6-digit code, required
- ``name`` (or ``nazev``, ``TEXT``): required
- ``kind`` (or ``typ``): ``obec`` (default), ``mestsky_obvod`` or ``cast_obce``
- ``parent_code`` (or ``kod_obce``): the municipality of a district or part, required for those
- ``district`` (or ``okres``), ``region`` (or ``kraj``): optional
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Municipality, MunicipalityPart
from .spreadsheets import SpreadsheetError, csv_rows, row_limit

CODEBOOK_FILE = Path(__file__).parent / "data" / "municipalities.csv"

COLUMN_ALIASES = {
    "code": ("code", "kod", "chodnota", "kod_obce_csu"),
    "name": ("name", "nazev", "text", "název"),
    "kind": ("kind", "typ"),
    "parent_code": ("parent_code", "kod_obce", "obec_code"),
    "district": ("district", "okres", "nazev_okresu"),
    "region": ("region", "kraj", "nazev_kraje"),
}
PART_KINDS = {
    "mestsky_obvod": MunicipalityPart.Kind.CITY_DISTRICT,
    "mestska_cast": MunicipalityPart.Kind.CITY_DISTRICT,
    "cast_obce": MunicipalityPart.Kind.PART,
}


class MunicipalityImportError(Exception):
    """The file cannot be imported; ``errors`` lists what is wrong and where (Czech)."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)

    def summary(self):
        return _("Obce a jejich části: %(created)s nových, %(updated)s změněných, %(unchanged)s beze změny.") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def decode_csv(data):
    """Text of an uploaded CSV: UTF-8 (with or without BOM), else Windows-1250 as ČSÚ exports use."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1250")


def read_rows(text):
    """``(line, {column: text})`` of the non-blank rows, streamed; more rows than
    ``settings.IMPORT_MAX_ROWS_MUNICIPALITIES`` raise MunicipalityImportError at the first one over."""
    text = decode_csv(text)
    if not text.strip():
        raise MunicipalityImportError([_("Soubor je prázdný.")])
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,\t")
    except csv.Error:
        raise MunicipalityImportError([_("Soubor není CSV oddělené středníkem nebo čárkou.")]) from None
    reader = csv_rows(text, row_limit("municipalities"), dialect=dialect)
    header = [column.strip().lower() for column in next(reader)[1]]
    positions = {}
    for column, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in header:
                positions[column] = header.index(alias)
                break
    missing = [column for column in ("code", "name") if column not in positions]
    if missing:
        raise MunicipalityImportError(
            [_("V záhlaví chybí sloupec „%(column)s“ (nalezené sloupce: %(found)s).") % {"column": column, "found": ", ".join(header)} for column in missing]
        )
    for line_number, values in _checked(reader):
        if not any(value.strip() for value in values):
            continue
        yield line_number, {column: (values[index].strip() if index < len(values) else "") for column, index in positions.items()}


def _checked(rows):
    try:
        yield from rows
    except SpreadsheetError as error:
        raise MunicipalityImportError(error.errors) from None


def import_municipalities(data, *, progress=None):
    """Create or update municipalities and their parts from CSV text or bytes; all or nothing."""
    rows = list(read_rows(data))
    errors = []
    for line_number, row in rows:
        kind = row.get("kind") or "obec"
        if kind != "obec" and kind not in PART_KINDS:
            errors.append(_("Řádek %(line)s: neznámý typ „%(kind)s“ (povoleno: obec, mestsky_obvod, cast_obce).") % {"line": line_number, "kind": kind})
        if not row["code"].isdigit() or (kind == "obec" and len(row["code"]) != 6):
            errors.append(_("Řádek %(line)s: kód „%(code)s“ není platný kód obce (6 číslic).") % {"line": line_number, "code": row["code"]})
        if not row["name"]:
            errors.append(_("Řádek %(line)s: chybí název.") % {"line": line_number})
        if kind in PART_KINDS and not row.get("parent_code"):
            errors.append(_("Řádek %(line)s: u části obce chybí kód obce (parent_code).") % {"line": line_number})
    if errors:
        raise MunicipalityImportError(errors)

    report = ImportReport()
    total = len(rows) or 1
    with transaction.atomic():
        # Municipalities first, so that parts further up the file find their parent.
        ordered = sorted(rows, key=lambda item: (item[1].get("kind") or "obec") != "obec")
        for done, (line_number, row) in enumerate(ordered, start=1):
            kind = row.get("kind") or "obec"
            if kind == "obec":
                _save(report, Municipality, {"code": row["code"]}, {
                    "name": row["name"], "district": row.get("district", ""), "region": row.get("region", "")
                })
            else:
                municipality = Municipality.objects.filter(code=row["parent_code"]).first()
                if municipality is None:
                    report.errors.append(
                        _("Řádek %(line)s: obec s kódem %(code)s neexistuje; uveďte ji v souboru nebo ji nejdřív naimportujte.")
                        % {"line": line_number, "code": row["parent_code"]}
                    )
                    continue
                _save(report, MunicipalityPart, {"code": row["code"], "kind": PART_KINDS[kind]}, {
                    "name": row["name"], "municipality": municipality
                })
            if progress and done % 200 == 0:
                progress(100 * done / total, ngettext("Zpracován %(count)s řádek", "Zpracováno %(count)s řádků", done) % {"count": done})
        if report.errors:
            raise MunicipalityImportError(report.errors)
    return report


def _save(report, model, lookup, values):
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        model.objects.create(**lookup, **values)
        report.created += 1
    elif any(getattr(instance, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(instance, key, value)
        instance.save()
        report.updated += 1
    else:
        report.unchanged += 1


def load_codebook():
    """Load the municipalities shipped with the project (those of the demo areas)."""
    return import_municipalities(CODEBOOK_FILE.read_bytes())
