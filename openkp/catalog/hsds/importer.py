"""Import of HSDS 3.0 services (read and checked by ``reading``) into an area's related activities.

``activities_plan`` says what an import would do (the preview); ``related_activities_import``
does it in one transaction. A service is matched by its HSDS id: importing the same data twice
updates the activities the first import made. Organisations are matched by IČO (identifier scheme
``CZ-ICO``), else by name, and created when unknown; their existing data are never overwritten.
Registered social services come from the MPSV registry, so the attributes that describe one
(druh služby, forma s kapacitou) are not imported.
"""

import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openkp.core.models import Municipality, Organisation

from ..exports.hsds import TAXONOMIES, hsds_id
from ..models import ActivityCategory, Facility, Service, TargetGroup
from ..services import service_index
from .reading import HsdsReadError, service_label

CHANGE_REASON = "Import HSDS"
ICO_SCHEMES = {"cz-ico", "ičo", "ico"}
COORDINATE = Decimal("0.000001")
# "Na Výsluní 999/9a": street, then the house number and, after a slash, the orientation number.
ADDRESS_LINE = re.compile(r"^(?P<street>.*?)\s+(?P<house>\d+[a-zA-Z]?)(?:/(?P<orientation>\d+[a-zA-Z]?))?$")


@dataclass
class PlannedActivity:
    """One service of the upload as the activity it becomes."""

    label: str
    hsds_id: uuid.UUID
    values: dict
    organisation: dict
    facilities: list
    target_groups: list
    category: str = ""
    existing: Service | None = None
    skipped: bool = False
    notes: list = field(default_factory=list)

    @property
    def name(self):
        return self.values["name"]


# --- mapping -------------------------------------------------------------------------------------

def _taxonomy_key(term):
    """Which of our taxonomies a term belongs to (by id or name), or ``None`` for another system's."""
    detail = term.get("taxonomy_detail") if isinstance(term.get("taxonomy_detail"), dict) else {}
    for key, taxonomy in TAXONOMIES.items():
        if hsds_id("taxonomy", key) in (term.get("taxonomy_id"), detail.get("id")) or taxonomy["name"] in (term.get("taxonomy"), detail.get("name")):
            return key
    return None


def _organisation_values(organization):
    ico = ""
    for identifier in organization.get("organization_identifiers") or []:
        scheme = {str(identifier.get("identifier_scheme", "")).lower(), str(identifier.get("identifier_type", "")).lower()}
        if scheme & ICO_SCHEMES:
            ico = str(identifier.get("identifier", "")).replace(" ", "")
    legal_forms = {str(label): value for value, label in Organisation.LegalForm.choices}
    return {
        "name": organization.get("name", "").strip(),
        "ico": ico or None,
        "web": organization.get("website") or "",
        "email": organization.get("email") or "",
        "legal_form": legal_forms.get(organization.get("legal_status") or "", ""),
    }


def _coordinate(value):
    try:
        return Decimal(str(value)).quantize(COORDINATE) if value is not None else None
    except InvalidOperation:
        return None


def _facility_values(location, municipalities, notes):
    values = {"name": (location.get("name") or "").strip()}
    addresses = location.get("addresses") or []
    address = next((item for item in addresses if item.get("address_type") == "physical"), addresses[0] if addresses else None)
    if address:
        line = (address.get("address_1") or "").strip()
        match = ADDRESS_LINE.match(line)
        values["street"] = match["street"] if match else line
        values["house_number"] = match["house"] if match else ""
        values["orientation_number"] = (match["orientation"] or "") if match else ""
        values["postcode"] = (address.get("postal_code") or "").replace(" ", "")
        town = (address.get("city") or "").strip()
        candidates = [m for m in municipalities.get(town.lower(), []) if not address.get("state_province") or m.region in ("", address["state_province"])]
        if len(candidates) > 1 and address.get("region"):
            candidates = [m for m in candidates if m.district == address["region"]] or candidates
        if len(candidates) == 1:
            values["municipality"] = candidates[0]
            values["municipality_code"] = candidates[0].code
            if values["street"] == town:
                values["street"] = ""  # our address line names the town when the place has no street
        elif town:
            notes.append(_("obec „%(town)s“ jsme v číselníku obcí nenašli jednoznačně; adresa zůstane bez obce") % {"town": town})
    if (location.get("external_identifier_type") or "").startswith("RÚIAN") and str(location.get("external_identifier", "")).isdigit():
        values["address_point"] = int(location["external_identifier"])
    values["latitude"] = _coordinate(location.get("latitude"))
    values["longitude"] = _coordinate(location.get("longitude"))
    if values["latitude"] is None or values["longitude"] is None:
        values["latitude"] = values["longitude"] = None
    return values


def _activity(number, service, lookups):
    notes = []
    values = {
        "name": (service.get("name") or "").strip(),
        "description": service.get("description") or "",
        "web": service.get("url") or "",
        "email": service.get("email") or "",
        "conditions": service.get("eligibility_description") or "",
        "fees": service.get("fees_description") or "",
        "phone": ", ".join(phone["number"] for phone in service.get("phones") or [] if phone.get("number")),
        "opening_hours": "\n".join(item["description"] for item in service.get("schedules") or [] if item.get("description")),
        "status": Service.Status.ACTIVE if service.get("status") == "active" else Service.Status.ENDED,
    }
    category, groups, ignored = "", [], []
    for attribute in service.get("attributes") or []:
        term = attribute.get("taxonomy_term") if isinstance(attribute.get("taxonomy_term"), dict) else None
        if term is None:
            continue
        key = _taxonomy_key(term)
        if key == "activity_category" and term.get("name"):
            category = term["name"]
        elif key == "target_group":
            group = lookups["groups_by_code"].get(str(term.get("code"))) or lookups["groups_by_name"].get(term.get("name"))
            if group:
                groups.append(group)
            else:
                ignored.append(term.get("name") or term.get("code"))
        elif key in ("service_type", "service_form"):
            continue  # registered services' data come from the MPSV registry
        else:
            ignored.append(term.get("name") or term.get("code"))
    if ignored:
        notes.append(_("termíny taxonomie, které katalog nezná, vynechá: %(terms)s") % {"terms": ", ".join(map(str, ignored))})
    facilities = [
        _facility_values(link["location"], lookups["municipalities"], notes)
        for link in service.get("service_at_locations") or [] if isinstance(link.get("location"), dict)
    ]
    return PlannedActivity(
        label=service_label(number, service), hsds_id=uuid.UUID(service["id"]), values=values,
        organisation=_organisation_values(service["organization"]), facilities=facilities,
        target_groups=list(dict.fromkeys(groups)), category=category, notes=notes,
    )


def _lookups(services):
    towns = {
        (address.get("city") or "").strip()
        for service in services for link in service.get("service_at_locations") or []
        for address in (link.get("location") or {}).get("addresses") or []
    }
    municipalities = {}
    for municipality in Municipality.objects.filter(name__in=towns - {""}):
        municipalities.setdefault(municipality.name.lower(), []).append(municipality)
    groups = list(TargetGroup.objects.all())
    return {
        "municipalities": municipalities,
        "groups_by_code": {group.number: group for group in groups if group.code},
        "groups_by_name": {str(group): group for group in groups},
    }


def _model_errors(plan):
    """Czech lines for what the catalogue's own fields refuse (lengths, e-mail, web address, IČO)."""
    lines = []
    checks = [(Service(kind=Service.Kind.RELATED_ACTIVITY, **plan.values), ["area", "provider"])]
    checks += [(Facility(**values), ["service"]) for values in plan.facilities]
    if plan.organisation["ico"] is None or not Organisation.objects.filter(ico=plan.organisation["ico"]).exists():
        checks.append((Organisation(**plan.organisation), []))
    for instance, exclude in checks:
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                label = instance._meta.get_field(name).verbose_name if name != "__all__" else ""
                lines += [f"{plan.label}: {instance._meta.verbose_name} – {label}: {message}" for message in messages]
    return lines


# --- the preview and the import ------------------------------------------------------------------

def activities_plan(*, area, services):
    """What importing ``services`` (valid, nested HSDS) into the area would do, one entry per
    service; ``HsdsReadError`` when a value does not fit the catalogue's fields."""
    lookups = _lookups(services)
    plans = [_activity(number, service, lookups) for number, service in enumerate(services, start=1)]
    area_services = Service.objects.for_area(area)
    by_hsds_id = {service.hsds_id: service for service in area_services.filter(hsds_id__in=[plan.hsds_id for plan in plans])}
    # Our own export's ids are derived from our keys: importing it back updates instead of duplicating.
    derived = {uuid.UUID(hsds_id("service", service.pk)): service for service in area_services.filter(hsds_id__isnull=True).only("pk", "kind", "name")}
    errors = []
    for plan in plans:
        plan.existing = by_hsds_id.get(plan.hsds_id) or derived.get(plan.hsds_id)
        if plan.existing is not None and plan.existing.kind == Service.Kind.SERVICE:
            plan.skipped = True
            plan.notes.append(_("je to registrovaná sociální služba tohoto katalogu; ty se mění jen importem z registru MPSV"))
            continue
        errors += _model_errors(plan)
    if errors:
        raise HsdsReadError(errors)
    return plans


def _provider(values):
    if values["ico"]:
        organisation = Organisation.objects.filter(ico=values["ico"]).first()
    else:
        organisation = Organisation.objects.filter(name=values["name"], ico__isnull=True).order_by("pk").first()
    if organisation is None:
        organisation = Organisation(**values)
        organisation.full_clean()
        organisation.save()
    return organisation


@transaction.atomic
def related_activities_import(*, area, services):
    """Create or update the area's related activities from valid, nested HSDS services, all or
    nothing. Returns ``{"created": n, "updated": n, "skipped": n}``."""
    counts = {"created": 0, "updated": 0, "skipped": 0}
    for plan in activities_plan(area=area, services=services):
        if plan.skipped:
            counts["skipped"] += 1
            continue
        service = plan.existing or Service(area=area, kind=Service.Kind.RELATED_ACTIVITY)
        counts["updated" if plan.existing else "created"] += 1
        for name, value in plan.values.items():
            setattr(service, name, value)
        service.hsds_id = plan.hsds_id
        service.provider = _provider(plan.organisation)
        service.activity_category = ActivityCategory.objects.get_or_create(name=plan.category)[0] if plan.category else None
        service._change_reason = CHANGE_REASON
        service.full_clean(validate_constraints=False)
        service.save()
        service.facilities.all().delete()
        facilities = [Facility.objects.create(service=service, **values) for values in plan.facilities]
        service.target_groups.set(plan.target_groups)
        service_index(service, facilities=facilities, target_groups=plan.target_groups, forms=[])
        service.save(update_fields=["search_name", "search_text", "sort_name", "facet_keys"])
    return counts
