"""Reading a registry file and parsing its records into plain values, without database access.

``read_registry`` decodes the file (UTF-8, optional BOM) and returns its ``polozky`` or raises
RegistryFileError with a Czech message; ``parse_record`` turns one item into a ParsedService or
raises RecordRejected. Statutory bodies and facility heads are deliberately never read.
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from openkp.core.models import MunicipalityPart
from openkp.core.spreadsheets import row_limit, too_many_records_message
from openkp.core.validators import validate_ico

from ..models import Form, Service

MAX_INTEGER = 2**31 - 1
# Address keys naming a city district or a part of a municipality, most specific first.
PART_KEYS = (
    ("mestskyObvodMestskaCast", MunicipalityPart.Kind.CITY_DISTRICT),
    ("mestskyObvodVPraze", MunicipalityPart.Kind.CITY_DISTRICT),
    ("castObce", MunicipalityPart.Kind.PART),
)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_validate_url = URLValidator(schemes=["http", "https"])


class RegistryFileError(Exception):
    """The file is not a readable registry file; nothing was imported (Czech message)."""


class RecordRejected(Exception):
    """One record cannot be imported; the message (Czech) says why."""


# --- Reading the file ------------------------------------------------------------------------


def read_registry(data):
    """The list of records (``polozky``) of a registry file; RegistryFileError when malformed."""
    text = _decode(data)
    if not text.strip():
        raise RegistryFileError(_("Soubor je prázdný."))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RegistryFileError(_json_error_message(text, error)) from None
    except (ValueError, RecursionError):
        raise RegistryFileError(_("Soubor není platný JSON.")) from None
    if not isinstance(document, dict):
        raise RegistryFileError(
            _("Soubor nemá tvar registru MPSV: kořenem musí být objekt {\"polozky\": […]}, ne %(kind)s.")
            % {"kind": _("seznam") if isinstance(document, list) else _("jednoduchá hodnota")}
        )
    items = document.get("polozky")
    if not isinstance(items, list):
        raise RegistryFileError(
            _("V souboru chybí seznam služeb „polozky“; nejde o soubor registru poskytovatelů sociálních služeb (rpss.json).")
        )
    limit = row_limit("registry")
    if len(items) > limit:
        raise RegistryFileError(too_many_records_message(limit, len(items)))
    return items


def _decode(data):
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegistryFileError(
            _("Soubor není v kódování UTF-8 (chybný bajt na pozici %(position)s). Registr MPSV se vydává v UTF-8; "
              "stáhněte soubor znovu a neukládejte ho v jiném kódování.") % {"position": error.start}
        ) from None


def _json_error_message(text, error):
    if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
        return _("Soubor je neúplný: JSON končí předčasně (řádek %(line)s). Soubor se zřejmě nestáhl celý; stáhněte ho znovu.") % {
            "line": error.lineno
        }
    return _("Soubor není platný JSON: chyba na řádku %(line)s, ve sloupci %(column)s.") % {"line": error.lineno, "column": error.colno}


# --- Parsing one record (no database access) -------------------------------------------------


@dataclass
class ParsedProvider:
    ico: str
    name: str
    web: str
    email: str
    phone: str


@dataclass
class ParsedFacility:
    name: str
    street: str
    house_number: str
    orientation_number: str
    postcode: str
    municipality_code: str
    part_refs: tuple
    address_point: int | None
    valid_from: date | None
    valid_to: date | None


@dataclass
class ParsedService:
    portal_id: int
    identifier: str
    service_type_code: str
    provider: ParsedProvider
    target_group_codes: tuple
    age_group_codes: tuple
    age_note: str
    valid_from: date | None
    valid_to: date | None
    status: str
    email: str
    phone: str
    web: str
    forms: dict  # form → (nonstop, [(capacity type code, count, note)])
    facilities: list
    warnings: list


def parse_record(item, *, today):
    """A registry record as plain values, or RecordRejected with the reason."""
    if not isinstance(item, dict):
        raise RecordRejected(_("Položka není objekt (záznam služby)."))
    portal_id = portal_id_of(item)
    if portal_id is None:
        raise RecordRejected(_("Chybí portalId, nebo není kladné celé číslo."))
    service_type_code = _code(item.get("druhSocialniSluzby"))
    if not service_type_code:
        raise RecordRejected(_("Chybí druh sociální služby (druhSocialniSluzby)."))
    provider_contacts = item.get("poskytovatel") if isinstance(item.get("poskytovatel"), dict) else {}
    age_note = item.get("doplnujiciInformaceVekoveSkupiny")
    valid_to = _date(item, "datumPoskytovaniDo")
    warnings = []
    return ParsedService(
        portal_id=portal_id,
        identifier=_text(item.get("identifikator"), 20),
        service_type_code=service_type_code,
        provider=parse_provider(item.get("poskytovatel")),
        target_group_codes=_unique(_code(_get(entry, "cilovaSkupina")) for entry in _objects(item.get("ciloveSkupiny"))),
        age_group_codes=_unique(_age_group_code(entry) for entry in _list(item.get("vekoveSkupiny"))),
        age_note=_text(age_note, 300) if isinstance(age_note, str) else "",
        valid_from=_date(item, "datumPoskytovaniOd"),
        valid_to=valid_to,
        status=Service.Status.ENDED if valid_to and valid_to < today else Service.Status.ACTIVE,
        email=_first_email(item.get("emaily")) or _first_email(provider_contacts.get("emaily")),
        phone=_first_phone(item.get("telefony"), 100) or _first_phone(provider_contacts.get("telefony"), 100),
        web=_first_web(item.get("weby"), 300) or _first_web(provider_contacts.get("weby"), 300),
        forms=parse_forms(item.get("formy"), warnings),
        facilities=parse_facilities(item.get("zarizeni")),
        warnings=warnings,
    )


def portal_id_of(item):
    value = item.get("portalId") if isinstance(item, dict) else None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_INTEGER:
        return value
    return None


def parse_provider(value):
    """The provider's IČO, name and first contacts; ``statutarniOrgany`` is deliberately not read."""
    if not isinstance(value, dict):
        raise RecordRejected(_("Chybí poskytovatel (poskytovatel)."))
    ico = value.get("ico")
    if isinstance(ico, int) and not isinstance(ico, bool):
        ico = f"{ico:08d}"  # leading zeros lost when written as a number
    ico = ico.strip() if isinstance(ico, str) else ""
    if not ico:
        raise RecordRejected(_("Chybí IČO poskytovatele."))
    try:
        validate_ico(ico)
    except ValidationError as error:
        raise RecordRejected(_("Neplatné IČO poskytovatele: %(error)s") % {"error": error.messages[0]}) from None
    name = _text(value.get("nazev"), 300)
    if not name:
        raise RecordRejected(_("Chybí název poskytovatele s IČO %(ico)s.") % {"ico": ico})
    return ParsedProvider(
        ico=ico, name=name, web=_first_web(value.get("weby"), 200),
        email=_first_email(value.get("emaily")), phone=_first_phone(value.get("telefony"), 40),
    )


def parse_forms(items, warnings):
    """Forms with their capacities; a form listed twice is merged, capacities are never summed."""
    forms = {}
    for entry in _objects(items):
        form = _code(entry.get("forma")).rpartition("/")[2]
        if form not in Form.values:
            warnings.append(_("neznámá forma „%(form)s“ vynechána") % {"form": form})
            continue
        nonstop, capacities = forms.get(form, (False, []))
        forms[form] = (nonstop or entry.get("nepretrzitePoskytovani") is True, capacities + parse_capacities(entry.get("kapacity"), warnings))
    return forms


def parse_capacities(items, warnings):
    capacities = []
    for entry in _objects(items):
        type_code, count = _code(entry.get("typ")), _count(entry.get("pocet"))
        if not type_code or count is None:
            warnings.append(_("kapacita bez typu nebo platného počtu vynechána"))
            continue
        capacities.append((type_code, count, _text(entry.get("popis"), 500)))
    return capacities


def parse_facilities(items):
    """Facilities without repeats: the same (address point, name) is listed twice in real data."""
    facilities, seen = [], set()
    for entry in _objects(items):
        facility = parse_facility(entry)
        key = (facility.address_point, facility.name)
        if key not in seen:
            seen.add(key)
            facilities.append(facility)
    return facilities


def parse_facility(entry):
    """Name, address and dates of a facility; names of facility heads are deliberately not read."""
    address = entry.get("adresa") if isinstance(entry.get("adresa"), dict) else {}
    municipality_code = _code(address.get("obec")).rpartition("/")[2]
    return ParsedFacility(
        name=_text(entry.get("nazev"), 300),
        street=_text(_get(address, "ulice", "nazev"), 200),
        house_number=_text(address.get("cisloDomovni"), 20),
        orientation_number=_text(address.get("cisloOrientacni"), 20),
        postcode=_text(address.get("psc"), 20).replace(" ", "")[:10],
        municipality_code=municipality_code if municipality_code.isdigit() and len(municipality_code) == 6 else "",
        part_refs=tuple((kind, code) for key, kind in PART_KEYS if (code := _code(address.get(key)).rpartition("/")[2])),
        address_point=_count(address.get("kodAdresnihoMista"), maximum=2**63 - 1),
        valid_from=_date(entry, "poskytujeOd"),
        valid_to=_date(entry, "poskytujeDo"),
    )


def _get(value, *keys):
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _list(value):
    return value if isinstance(value, list) else []


def _objects(value):
    return [item for item in _list(value) if isinstance(item, dict)]


def _unique(codes):
    return tuple(sorted({code for code in codes if code}))


def _code(value):
    """``"DruhSocialniSluzby/13"`` from ``{"id": "DruhSocialniSluzby/13"}``, else ``""``."""
    code = _get(value, "id")
    code = code.strip() if isinstance(code, str) else ""
    return code if len(code) <= 60 else ""


def _age_group_code(entry):
    # The item shape is not verified: accept {"id": …}, {"<any>": {"id": …}} or a bare reference.
    if isinstance(entry, str) and "/" in entry:
        return entry.strip()[:60]
    if _code(entry):
        return _code(entry)
    return next((_code(value) for value in entry.values() if _code(value)), "") if isinstance(entry, dict) else ""


def _text(value, max_length):
    """Trimmed text with single spaces, cut to the column length; numbers become text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    return " ".join(value.split())[:max_length]


def _count(value, maximum=MAX_INTEGER):
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= maximum:
        return value
    return None


def _date(container, key):
    value = container.get(key)
    if value is None or value == "":
        return None
    try:
        if isinstance(value, str) and _ISO_DATE.match(value):
            return date.fromisoformat(value[:10])
    except ValueError:
        pass
    raise RecordRejected(_("Neplatné datum „%(value)s“ v poli %(key)s (očekává se RRRR-MM-DD).") % {"value": value, "key": key})


def _first_email(entries):
    for entry in _objects(entries):
        value = entry.get("email")
        value = value.strip().lower() if isinstance(value, str) else ""
        try:
            validate_email(value)
        except ValidationError:
            continue
        if len(value) <= 254:
            return value
    return ""


def _first_phone(entries, max_length):
    for entry in _objects(entries):
        value = _text(entry.get("telefon"), 1000)
        if value and len(value) <= max_length:
            return value
    return ""


def _first_web(entries, max_length):
    for entry in _objects(entries):
        value = normalise_web(entry.get("web"))
        if value and len(value) <= max_length:
            return value
    return ""


def normalise_web(value):
    """``https://www.example.org`` from ``"www. example.org"``; ``""`` when not a usable address."""
    value = "".join(value.split()) if isinstance(value, str) else ""
    if not value:
        return ""
    if not _SCHEME.match(value):
        value = "https://" + value
    try:
        _validate_url(value)
    except ValidationError:
        return ""
    return value
