"""Open Referral HSDS 3.0: services fully nested as the HSDS API's ``/services?full=true`` returns
them, with organisations, locations, addresses, phones, schedules and taxonomy attributes.

Ids are stable UUIDs derived from our keys; a record imported from another HSDS system keeps the
id it came with. The released HSDS 3.0 schemas the output is tested against live in
``openkp/catalog/hsds/schema/``.
"""

import uuid

from ..models import Form
from .metadata import dataset_metadata
from .rows import capacity_text, current_facilities, public_services

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
        # HSDS 3.0 as released: ``taxonomy`` names the taxonomy, the object goes in ``taxonomy_detail``.
        "taxonomy": TAXONOMIES[taxonomy_key]["name"],
        "taxonomy_detail": hsds_taxonomy(taxonomy_key),
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


def service_hsds_id(service):
    """The id a service had in the HSDS data it was imported from, else one derived from our key."""
    return str(service.hsds_id) if service.hsds_id else hsds_id("service", service.pk)


def hsds_service(area, service, today=None):
    """One fully nested HSDS service (the shape of ``GET /services/{id}`` in the HSDS API)."""
    service_id = service_hsds_id(service)
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
    schedules, attributes → taxonomy_term → taxonomy_detail), all on one page; plus the taxonomies and
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
