"""The shared reading of the public catalogue and its flat, one-row-per-service form.

``public_services`` fetches an area's public services with everything the exports print in a
fixed number of queries; the helpers turn facilities and capacities into text, ``service_row``
into the row the CSV and XLSX write.
"""

from datetime import date

from django.db.models import Prefetch
from django.urls import reverse

from openkp.core.links import absolute_url

from ..models import Capacity, Facility, Service, ServiceForm

LIST_SEPARATOR = "; "

# One row per service; the key is the CSV/JSON column, the label heads the XLSX column.
COLUMNS = [
    ("id", "ID v katalogu", 10),
    ("registry_id", "portalId v registru MPSV", 14),
    ("kind", "Druh záznamu", 12),
    ("name", "Název", 40),
    ("provider_name", "Poskytovatel", 36),
    ("provider_ico", "IČO poskytovatele", 12),
    ("service_type_section", "Paragraf zákona č. 108/2006 Sb.", 10),
    ("service_type_name", "Druh služby", 32),
    ("activity_category", "Kategorie související aktivity", 28),
    ("target_groups", "Cílové skupiny", 40),
    ("forms", "Formy", 24),
    ("capacities", "Kapacita (registrované maximum)", 32),
    ("addresses", "Adresy zařízení", 48),
    ("municipality_codes", "Kódy obcí", 14),
    ("latitude", "Zeměpisná šířka", 12),
    ("longitude", "Zeměpisná délka", 12),
    ("email", "E-mail", 28),
    ("phone", "Telefon", 18),
    ("web", "Web", 32),
    ("detail_url", "Stránka v katalogu", 28),
]

# Czech plural forms (1 / 2–4 / 5+) of the unit of each registry capacity type.
CAPACITY_UNITS = {
    "klient": ("klient", "klienti", "klientů"),
    "luzka": ("lůžko", "lůžka", "lůžek"),
    "kontakt": ("kontakt", "kontakty", "kontaktů"),
    "interv": ("intervence", "intervence", "intervencí"),
    "hovor": ("hovor", "hovory", "hovorů"),
}


# --- reading ---------------------------------------------------------------------------------

def public_services(area):
    """The area's public services and activities with everything the exports print, in a fixed
    number of queries."""
    forms = ServiceForm.objects.prefetch_related(
        Prefetch("capacities", queryset=Capacity.objects.select_related("capacity_type").order_by("pk"))
    )
    return (
        Service.objects.for_area(area).public()
        .select_related("provider", "service_type", "activity_category")
        .prefetch_related(
            "target_groups",
            Prefetch("forms", queryset=forms),
            Prefetch("facilities", queryset=Facility.objects.select_related("municipality").order_by("pk")),
        )
        .order_by("sort_name", "pk")
    )


def current_facilities(service, today=None):
    """Facilities still in use: a facility whose own end date has passed is history (the registry
    keeps two end dates that can disagree)."""
    today = today or date.today()
    return [facility for facility in service.facilities.all() if facility.valid_to is None or facility.valid_to >= today]


def capacity_text(capacity):
    """``32 lůžek``: the registered maximum in the unit of its type."""
    forms = CAPACITY_UNITS.get(capacity.capacity_type.number)
    if forms is None:
        return f"{capacity.count} ({capacity.capacity_type})"
    count = capacity.count
    if count == 1:
        unit = forms[0]
    elif 2 <= count <= 4:
        unit = forms[1]
    else:
        unit = forms[2]
    return f"{count} {unit}"


def form_capacity_text(service_form):
    """``pobytová: 32 lůžek, 10 klientů`` — capacities stay with their form, never summed."""
    capacities = ", ".join(capacity_text(capacity) for capacity in service_form.capacities.all())
    label = service_form.get_form_display()
    return f"{label}: {capacities}" if capacities else ""


def municipality_code(facility):
    return facility.municipality.code if facility.municipality else facility.municipality_code


def detail_url(area, service):
    """The service's page in the public catalogue, as an absolute URL (open data are read off-site)."""
    return absolute_url(reverse("catalog:detail", kwargs={"area_slug": area.slug, "pk": service.pk}))


def decimal_or_none(value):
    return float(value) if value is not None else None


def service_row(area, service, today=None):
    """One flat row (CSV, XLSX): lists joined with ``; ``."""
    facilities = current_facilities(service, today)
    located = next((facility for facility in facilities if facility.has_location), None)
    forms = list(service.forms.all())
    codes = list(dict.fromkeys(code for code in map(municipality_code, facilities) if code))
    return {
        "id": service.pk,
        "registry_id": service.registry_id or "",
        "kind": service.kind,
        "name": service.name,
        "provider_name": service.provider.name,
        "provider_ico": service.provider.ico or "",
        "service_type_section": service.service_type.section if service.service_type else "",
        "service_type_name": service.service_type.name if service.service_type else "",
        "activity_category": service.activity_category.name if service.activity_category else "",
        "target_groups": LIST_SEPARATOR.join(str(group) for group in service.target_groups.all()),
        "forms": LIST_SEPARATOR.join(form.get_form_display() for form in forms),
        "capacities": LIST_SEPARATOR.join(text for text in map(form_capacity_text, forms) if text),
        "addresses": LIST_SEPARATOR.join(address for address in (facility.address for facility in facilities) if address),
        "municipality_codes": LIST_SEPARATOR.join(codes),
        "latitude": decimal_or_none(located.latitude) if located else "",
        "longitude": decimal_or_none(located.longitude) if located else "",
        "email": service.email,
        "phone": service.phone,
        "web": service.web,
        "detail_url": detail_url(area, service),
    }
