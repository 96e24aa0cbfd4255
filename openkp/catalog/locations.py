"""Coordinates of facilities: the registry has none. They come from a CSV of RÚIAN address points
or from a click on the map by a coordinator (at once) or a provider (as a draft)."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from openkp.core.municipalities import decode_csv
from openkp.core.spreadsheets import SpreadsheetError, csv_rows, row_limit

from .models import Facility, Service

# The Czech Republic with a margin: a point outside is a swapped or mistyped coordinate.
LATITUDE_RANGE = (Decimal("48.5"), Decimal("51.1"))
LONGITUDE_RANGE = (Decimal("12.0"), Decimal("18.9"))
MAX_ERRORS = 1000


class LocationError(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class AddressPointReport:
    rows: int = 0
    facilities: int = 0
    unknown: int = 0
    errors: list = field(default_factory=list)

    def summary(self):
        return _("Řádků: %(rows)s, zařízení s novou polohou: %(facilities)s, adresních míst bez zařízení: %(unknown)s.") % {
            "rows": self.rows, "facilities": self.facilities, "unknown": self.unknown,
        }


def parse_coordinate(value, bounds, label):
    """A coordinate within the Czech Republic, with a decimal point or comma."""
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("%(label)s „%(value)s“ není číslo.") % {"label": label, "value": value}) from None
    if not bounds[0] <= number <= bounds[1]:
        raise ValueError(_("%(label)s %(value)s leží mimo Českou republiku.") % {"label": label, "value": number})
    return number.quantize(Decimal("0.000001"))


def import_address_points(data):
    """Set coordinates of facilities from ``kodAdresnihoMista;lat;lon`` rows (all or nothing).

    The file (the whole country has some three million address points) is streamed once and only the points
    of known facilities are kept; more rows than ``settings.IMPORT_MAX_ROWS_ADDRESS_POINTS`` are refused."""
    wanted = set(Facility.objects.filter(address_point__isnull=False).values_list("address_point", flat=True))
    points, errors, count, matched = {}, [], 0, 0
    try:
        for line, row in csv_rows(decode_csv(data), row_limit("address_points"), header_rows=1, delimiter=";"):
            if not any(cell.strip() for cell in row) or (line == 1 and not row[0].strip().isdigit()):
                continue  # blank lines and the header
            count += 1
            if len(row) < 3 or not row[0].strip().isdigit():
                errors.append(_("Řádek %(line)s: očekávám kodAdresnihoMista;lat;lon, nalezeno „%(row)s“.") % {"line": line, "row": ";".join(row)})
                continue
            try:
                point = (parse_coordinate(row[1], LATITUDE_RANGE, _("Šířka")), parse_coordinate(row[2], LONGITUDE_RANGE, _("Délka")))
            except ValueError as error:
                errors.append(_("Řádek %(line)s: %(error)s") % {"line": line, "error": error})
                continue
            code = int(row[0])
            if code in wanted:
                matched += 1
                points[code] = point
    except SpreadsheetError as error:
        raise LocationError(error.errors) from None
    if not count:
        raise LocationError([_("Soubor neobsahuje žádné řádky kodAdresnihoMista;lat;lon.")])
    if errors:
        raise LocationError(errors[:MAX_ERRORS] + ([_("… a dalších %(count)s chyb.") % {"count": len(errors) - MAX_ERRORS}]
                                                    if len(errors) > MAX_ERRORS else []))
    report = AddressPointReport(rows=count)
    with transaction.atomic():
        facilities = list(Facility.objects.filter(address_point__in=points))
        for facility in facilities:
            facility.latitude, facility.longitude = points[facility.address_point]
        bulk_update_with_history(facilities, Facility, ["latitude", "longitude"], batch_size=1000,
                                 default_change_reason=_("Souřadnice z adresních míst RÚIAN"))
        # The services' map points changed: move their updated_at, which cached search pages depend on.
        service_ids = sorted({facility.service_id for facility in facilities})
        for start in range(0, len(service_ids), 1000):
            Service.objects.filter(pk__in=service_ids[start:start + 1000]).update()
    report.facilities = len(facilities)
    report.unknown = count - matched
    return report


def set_locations(service, locations, *, reason):
    """Apply ``{facility_id: (lat, lon)}`` to the service's facilities (others are ignored)."""
    for facility in service.facilities.filter(pk__in=[int(key) for key in locations]):
        facility.latitude, facility.longitude = (Decimal(str(value)) for value in locations[str(facility.pk)])
        facility._change_reason = reason
        facility.save(update_fields=["latitude", "longitude"])
