"""Provider self-service: proposed changes wait as drafts until the coordinator approves them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openkp.accounts.models import Membership, Role

from .locations import set_locations
from .models import ActivityCategory, Service, ServiceDraft, TargetGroup
from .services import service_index

# Descriptive fields a provider may change on any of its services; the registry owns the rest
# (type, forms and capacities, facilities, target groups, dates) of a registered service.
DESCRIPTIVE_FIELDS = ["name", "description", "conditions", "fees", "opening_hours", "email", "phone", "web"]
# Related activities are not in the registry: their provider also chooses these.
ACTIVITY_FIELDS = ["activity_category", "target_groups"]


def editable_fields(service):
    if service is None or service.kind == Service.Kind.RELATED_ACTIVITY:
        return DESCRIPTIVE_FIELDS + ACTIVITY_FIELDS
    return DESCRIPTIVE_FIELDS


def provider_organisations(user, area):
    """Organisations this user acts for in the area (provider role)."""
    return [
        membership.organisation
        for membership in Membership.objects.for_area(area).filter(user=user, role=Role.PROVIDER).select_related("organisation")
        if membership.organisation
    ]


def serialise(cleaned_data, fields):
    """Form data → JSON-safe draft data (objects by id)."""
    data = {}
    for name in fields:
        value = cleaned_data.get(name)
        if name == "target_groups":
            value = sorted(item.pk for item in value or [])
        elif name == "activity_category":
            value = value.pk if value else None
        data[name] = value if value is not None else ""
    return data


def draft_submit(*, area, organisation, user, data, service=None):
    """Save the provider's proposal; a further edit updates the pending proposal (fields it names win)."""
    draft = ServiceDraft.objects.filter(area=area, service=service, status=ServiceDraft.Status.PENDING).first() if service else None
    if draft is None:
        draft = ServiceDraft(area=area, service=service, organisation=organisation)
    draft.data = {**draft.data, **data} if draft.pk else data
    draft.submitted_by = user
    draft.comment = ""
    draft.full_clean()
    draft.save()
    return draft


def draft_changes(draft):
    """[(label, old, new)] of the fields the draft would change (everything, for a new activity)."""
    service = draft.service
    changes = []
    facilities = {str(facility.pk): facility for facility in service.facilities.all()} if service else {}
    for key, (lat, lon) in draft.data.get("locations", {}).items():
        facility = facilities.get(key)
        if facility is not None:
            old = f"{facility.latitude}, {facility.longitude}" if facility.has_location else "—"
            changes.append((_("Poloha: %(place)s") % {"place": facility.name or facility.address}, old, f"{lat}, {lon}"))
    for name, new in draft.data.items():
        if name == "locations":
            continue
        field = Service._meta.get_field(name)
        old = _current_value(service, name) if service else ""
        if _display(name, old) != _display(name, new):
            changes.append((field.verbose_name, _display(name, old), _display(name, new)))
    return changes


def _current_value(service, name):
    if name == "target_groups":
        return sorted(service.target_groups.values_list("pk", flat=True))
    if name == "activity_category":
        return service.activity_category_id
    return getattr(service, name)


def _display(name, value):
    if name == "target_groups":
        return ", ".join(str(group) for group in TargetGroup.objects.filter(pk__in=value or [])) or "—"
    if name == "activity_category":
        return str(ActivityCategory.objects.filter(pk=value).first() or "—")
    return value or "—"


@transaction.atomic
def draft_approve(*, draft, user):
    """Apply the draft to the public catalogue (a new activity is created) and record who approved it."""
    draft = ServiceDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.status != ServiceDraft.Status.PENDING:
        raise ValidationError(_("Návrh už byl vyřízen."))
    service = draft.service or Service(
        area=draft.area, provider=draft.organisation, kind=Service.Kind.RELATED_ACTIVITY, is_published=True
    )
    data = dict(draft.data)
    target_groups = data.pop("target_groups", None)
    locations = data.pop("locations", None)
    if "activity_category" in data:
        data["activity_category_id"] = data.pop("activity_category") or None
    for name, value in data.items():
        setattr(service, name, value)
    if "name" in data and service.name_is_derived:
        service.name_is_derived = False  # the provider's name survives later registry imports
    service._change_reason = _("Schválená změna od poskytovatele")
    service.full_clean(exclude=["search_name", "search_text", "sort_name"])
    service.save()
    if target_groups is not None:
        service.target_groups.set(target_groups)
    if locations:
        set_locations(service, locations, reason=_("Schválená poloha od poskytovatele"))
    service_index(service).save()
    draft.service = service
    draft.status = ServiceDraft.Status.APPROVED
    draft.reviewed_by = user
    draft.reviewed_at = timezone.now()
    draft.save()
    return service


@transaction.atomic
def draft_return(*, draft, user, comment):
    """Send the draft back to the provider with the coordinator's comment (required)."""
    if not comment.strip():
        raise ValidationError({"comment": _("Napište poskytovateli, co má v návrhu upravit.")})
    draft.status = ServiceDraft.Status.RETURNED
    draft.comment = comment.strip()
    draft.reviewed_by = user
    draft.reviewed_at = timezone.now()
    draft.save()
    return draft
