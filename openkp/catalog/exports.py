"""Open data: an area's public catalogue as CSV, XLSX, JSON and Open Referral HSDS 3.0.

Only what citizens already see on the public catalogue is exported: published, not ended services
and related activities, their providers (name, IČO, legal form, web: public registry facts) and
the contacts published for the service. Never people: no users, no memberships, no statutory
bodies or facility heads (the catalogue does not even store those).
"""

import csv
import io
import uuid
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .models import Capacity, Facility, Form, Service, ServiceForm

# Licence of the catalogue as a whole (the area's own descriptions, activities, coordinates).
# Operators who publish under other terms change it here; every format reads these constants.
LICENCE = "Creative Commons Uveďte původ 4.0 (CC BY 4.0)"
LICENCE_ID = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.cs"
LICENCE_NOTE = (
    "Údaje převzaté z Registru poskytovatelů sociálních služeb (data.mpsv.cz) jsou otevřená data MPSV, "
    "která lze užít bez licenčních povinností; licence CC BY 4.0 se týká údajů doplněných v katalogu."
)
SOURCE = "OpenKP – katalog sociálních služeb; registrované služby podle Registru poskytovatelů sociálních služeb MPSV"
REGISTRY_URL = "https://data.mpsv.cz/od/soubory/rpss/rpss.json"
PERSONAL_DATA_NOTE = (
    "Neobsahuje osobní údaje: jen údaje o organizacích a kontakty zveřejněné u služby, "
    "žádná jména osob, statutárních orgánů ani vedoucích zařízení."
)

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


def detail_path(area, service):
    return reverse("catalog:detail", kwargs={"area_slug": area.slug, "pk": service.pk})


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
        "detail_url": detail_path(area, service),
    }


def dataset_metadata(area, count):
    """What the data are, whose, under which terms; shared by JSON, HSDS and the XLSX sheet."""
    return {
        "title": f"Katalog sociálních služeb – {area.name}",
        "description": (
            "Registrované sociální služby a související aktivity v území, jak je zveřejňuje "
            "katalog komunitního plánování. Jeden záznam = jedna služba (registrace) nebo aktivita."
        ),
        "area": {"slug": area.slug, "name": area.name},
        "publisher": area.office_name or area.name,
        "licence": LICENCE,
        "licence_id": LICENCE_ID,
        "licence_url": LICENCE_URL,
        "licence_note": LICENCE_NOTE,
        "source": SOURCE,
        "registry_source_url": REGISTRY_URL,
        "personal_data": PERSONAL_DATA_NOTE,
        "generated_at": timezone.now().replace(microsecond=0).isoformat(),
        "record_count": count,
    }


# --- CSV / XLSX / JSON ------------------------------------------------------------------------

def export_csv(area):
    """UTF-8 with BOM and ``;`` so that Excel with Czech settings opens it without an import wizard."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[key for key, _label, _width in COLUMNS], delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for service in public_services(area):
        writer.writerow(service_row(area, service))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(area):
    """The same columns as the CSV, with Czech headings, and a sheet "O datech" on licence and source."""
    services = list(public_services(area))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Služby"
    sheet.append([label for _key, label, _width in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for service in services:
        row = service_row(area, service)
        sheet.append([row[key] for key, _label, _width in COLUMNS])
    for index, (_key, _label, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(services) + 1}"

    about = workbook.create_sheet("O datech")
    metadata = dataset_metadata(area, len(services))
    about.append(["Údaj", "Hodnota"])
    for cell in about[1]:
        cell.font = Font(bold=True)
    for label, key in (
        ("Název", "title"), ("Popis", "description"), ("Vydavatel", "publisher"), ("Licence", "licence"),
        ("Text licence", "licence_url"), ("Údaje z registru MPSV", "licence_note"), ("Zdroj", "source"),
        ("Registr MPSV", "registry_source_url"), ("Osobní údaje", "personal_data"),
        ("Vytvořeno", "generated_at"), ("Počet záznamů", "record_count"),
    ):
        about.append([label, metadata[key]])
    about.append([])
    about.append(["Sloupec (klíč v CSV a JSON)", "Význam"])
    about.cell(row=about.max_row, column=1).font = Font(bold=True)
    about.cell(row=about.max_row, column=2).font = Font(bold=True)
    for key, label, _width in COLUMNS:
        about.append([key, label])
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 100
    for row in about.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def service_record(area, service, today=None):
    """One service for the JSON export: the flat row's facts with lists kept as lists."""
    row = service_row(area, service, today)
    return {
        "id": service.pk,
        "registry_id": service.registry_id,
        "kind": service.kind,
        "name": service.name,
        "provider": {"name": service.provider.name, "ico": service.provider.ico or None},
        "service_type": (
            {"section": service.service_type.section, "name": service.service_type.name, "code": service.service_type.code}
            if service.service_type else None
        ),
        "activity_category": service.activity_category.name if service.activity_category else None,
        "target_groups": [{"name": str(group), "code": group.code} for group in service.target_groups.all()],
        "forms": [
            {
                "form": service_form.form,
                "label": service_form.get_form_display(),
                "nonstop": service_form.nonstop,
                "capacities": [
                    {"type": capacity.capacity_type.number, "count": capacity.count, "text": capacity_text(capacity)}
                    for capacity in service_form.capacities.all()
                ],
            }
            for service_form in service.forms.all()
        ],
        "capacities": row["capacities"],
        "facilities": [
            {
                "name": facility.name,
                "address": facility.address,
                "municipality_code": municipality_code(facility) or None,
                "municipality": facility.municipality.name if facility.municipality else None,
                "postcode": facility.postcode or None,
                "address_point": facility.address_point,
                "latitude": decimal_or_none(facility.latitude),
                "longitude": decimal_or_none(facility.longitude),
            }
            for facility in current_facilities(service, today)
        ],
        "email": service.email or None,
        "phone": service.phone or None,
        "web": service.web or None,
        "opening_hours": service.opening_hours or None,
        "valid_from": service.valid_from.isoformat() if service.valid_from else None,
        "updated_at": service.updated_at.isoformat() if service.updated_at else None,
        "detail_url": row["detail_url"],
    }


def export_json(area):
    """``{"dataset": {… licence, source …}, "fields": {…}, "services": [...]}``."""
    services = [service_record(area, service) for service in public_services(area)]
    return {
        "dataset": dataset_metadata(area, len(services)),
        "fields": {key: label for key, label, _width in COLUMNS},
        "services": services,
    }


# --- Open Referral HSDS 3.0 -------------------------------------------------------------------

HSDS_VERSION = "3.0"
# Fixed namespace: ids are uuid5(namespace, "<kind>:<our key>"), so repeated exports keep them.
HSDS_NAMESPACE = uuid.UUID("6f1c3c2e-5b8e-4d6a-9a51-0c9b8f3e7d21")

TAXONOMIES = {
    "service_type": {
        "name": "Druhy sociálních služeb (zákon č. 108/2006 Sb.)",
        "description": "Druhy sociálních služeb podle paragrafů zákona o sociálních službách; kód termínu je paragraf.",
        "uri": "https://data.mpsv.cz/od/soubory/ciselniky/druhy-socialni-sluzby.json",
    },
    "target_group": {
        "name": "Cílové skupiny osob (číselník MPSV)",
        "description": "Cílové skupiny sociálních služeb podle číselníku MPSV; kód termínu je číslo položky číselníku.",
        "uri": "https://data.mpsv.cz/od/soubory/ciselniky/cilove-skupiny-osoby.json",
    },
    "service_form": {
        "name": "Formy sociálních služeb (§ 33 zákona č. 108/2006 Sb.)",
        "description": "Ambulantní, pobytová a terénní forma; hodnota atributu je registrovaná kapacita formy.",
        "uri": "https://data.mpsv.cz/od/soubory/ciselniky/formy-soc-sluzby.json",
    },
    "activity_category": {
        "name": "Kategorie souvisejících aktivit",
        "description": "Kategorie aktivit, které nejsou registrovanými sociálními službami (katalog OpenKP).",
    },
}


def hsds_id(*parts):
    return str(uuid.uuid5(HSDS_NAMESPACE, ":".join(str(part) for part in parts)))


def hsds_taxonomy(key):
    taxonomy = {"id": hsds_id("taxonomy", key), "name": TAXONOMIES[key]["name"], "description": TAXONOMIES[key]["description"]}
    if TAXONOMIES[key].get("uri"):
        taxonomy["uri"] = TAXONOMIES[key]["uri"]
    return taxonomy


def hsds_term(taxonomy_key, code, name, description):
    return {
        "id": hsds_id("taxonomy-term", taxonomy_key, code),
        "code": str(code),
        "name": name,
        "description": description,
        "taxonomy_id": hsds_id("taxonomy", taxonomy_key),
        "language": "cs",
        "taxonomy": hsds_taxonomy(taxonomy_key),
    }


def service_type_term(service_type):
    code = service_type.section or service_type.number or service_type.pk
    description = f"§ {service_type.section} zákona č. 108/2006 Sb., o sociálních službách" if service_type.section else str(service_type)
    return hsds_term("service_type", code, service_type.name or str(service_type), description)


def target_group_term(group):
    code = group.number or f"openkp-{group.pk}"
    return hsds_term("target_group", code, str(group), f"Cílová skupina: {group}")


def form_term(form_value):
    label = Form(form_value).label
    return hsds_term("service_form", form_value, str(label), f"{str(label).capitalize()} forma sociální služby")


def activity_category_term(category):
    return hsds_term("activity_category", category.pk, category.name, f"Související aktivita: {category.name}")


def hsds_attribute(service_id, link_type, term, value=None):
    attribute = {
        "id": hsds_id("attribute", service_id, term["id"]),
        "link_id": service_id,
        "link_type": link_type,
        "link_entity": "service",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }
    if value:
        attribute["value"] = value
    return attribute


def hsds_organization(organisation):
    organisation_id = hsds_id("organisation", organisation.pk)
    record = {
        "id": organisation_id,
        "name": organisation.name,
        "description": organisation.get_legal_form_display() or "Poskytovatel služeb v katalogu sociálních služeb",
    }
    if organisation.legal_form:
        record["legal_status"] = organisation.get_legal_form_display()
    if organisation.web:
        record["website"] = organisation.web
    if organisation.ico:
        record["organization_identifiers"] = [{
            "id": hsds_id("organisation-ico", organisation.pk),
            "organization_id": organisation_id,
            "identifier_scheme": "CZ-ICO",  # org-id.guide: ARES, the Czech register of economic subjects
            "identifier_type": "IČO",
            "identifier": organisation.ico,
        }]
    return record


def hsds_address(facility, location_id):
    """A Czech address in HSDS fields; ``None`` when the facility has no town to put in ``city``."""
    town = facility.municipality.name if facility.municipality else ""
    if not town:
        return None
    number = "/".join(part for part in (facility.house_number, facility.orientation_number) if part)
    postcode = f"{facility.postcode[:3]} {facility.postcode[3:]}" if len(facility.postcode) == 5 else facility.postcode
    address = {
        "id": hsds_id("address", facility.pk),
        "location_id": location_id,
        "address_1": " ".join(part for part in (facility.street or town, number) if part),
        "city": town,
        "state_province": facility.municipality.region,
        "postal_code": postcode,
        "country": "CZ",
        "address_type": "physical",
    }
    if facility.municipality.district:
        address["region"] = facility.municipality.district
    return address


def hsds_location(facility, organization_id):
    location_id = hsds_id("facility", facility.pk)
    location = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": organization_id,
        "name": facility.name or facility.address,
    }
    if facility.has_location:
        location["latitude"] = float(facility.latitude)
        location["longitude"] = float(facility.longitude)
    if facility.address_point:
        location["external_identifier"] = str(facility.address_point)
        location["external_identifier_type"] = "RÚIAN – kód adresního místa"
    address = hsds_address(facility, location_id)
    if address:
        location["addresses"] = [address]
    return location


def hsds_service(area, service, today=None):
    """One fully nested HSDS service (the shape of ``GET /services/{id}`` in the HSDS API)."""
    service_id = hsds_id("service", service.pk)
    organization = hsds_organization(service.provider)
    record = {
        "id": service_id,
        "organization_id": organization["id"],
        "name": service.name,
        "status": "active",
    }
    if service.description:
        record["description"] = service.description
    if service.web:
        record["url"] = service.web
    if service.email:
        record["email"] = service.email
    if service.conditions:
        record["eligibility_description"] = service.conditions
    if service.fees:
        record["fees_description"] = service.fees
    if service.updated_at:
        record["last_modified"] = service.updated_at.isoformat()
    record["organization"] = organization
    if service.phone:
        record["phones"] = [{"id": hsds_id("phone", "service", service.pk), "service_id": service_id, "number": service.phone, "type": "voice"}]
    if service.opening_hours:
        record["schedules"] = [{"id": hsds_id("schedule", "service", service.pk), "service_id": service_id, "description": service.opening_hours}]
    record["service_at_locations"] = [
        {
            "id": hsds_id("service-at-location", facility.pk),
            "service_id": service_id,
            "location_id": hsds_id("facility", facility.pk),
            "location": hsds_location(facility, organization["id"]),
        }
        for facility in current_facilities(service, today)
    ]
    attributes = []
    if service.service_type:
        attributes.append(hsds_attribute(service_id, "service_type", service_type_term(service.service_type)))
    if service.activity_category:
        attributes.append(hsds_attribute(service_id, "activity_category", activity_category_term(service.activity_category)))
    for group in service.target_groups.all():
        attributes.append(hsds_attribute(service_id, "target_group", target_group_term(group)))
    for service_form in service.forms.all():
        capacities = ", ".join(capacity_text(capacity) for capacity in service_form.capacities.all())
        attributes.append(hsds_attribute(service_id, "service_form", form_term(service_form.form), capacities))
    record["attributes"] = attributes
    return record


def export_hsds(area):
    """HSDS 3.0 in the shape of the HSDS API's paged ``/services?full=true`` response: every
    service fully nested (organization, service_at_locations → location → addresses, phones,
    schedules, attributes → taxonomy_term → taxonomy), all on one page; plus the taxonomies and
    their terms, and the dataset's licence and source."""
    services = [hsds_service(area, service) for service in public_services(area)]
    terms = {}
    for service in services:
        for attribute in service["attributes"]:
            terms.setdefault(attribute["taxonomy_term"]["id"], attribute["taxonomy_term"])
    return {
        "hsds_version": HSDS_VERSION,
        "dataset": dataset_metadata(area, len(services)),
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
        "taxonomies": [hsds_taxonomy(key) for key in TAXONOMIES],
        "taxonomy_terms": sorted(terms.values(), key=lambda term: (term["taxonomy_id"], term["code"])),
    }
