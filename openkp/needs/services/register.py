"""Writes of the needs register: needs with their evidence and services, their gaps, and the texts of the
needs-and-services maps. Every write validates the object (``full_clean``) inside one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Gap, Need, NeedsMap

# Many-to-many fields of a need that a form or an import may set.
NEED_RELATIONS = ("target_groups", "municipalities", "parts", "questions", "themes", "swot_items", "minutes", "figures", "services")


def check_status_reason(status, reason):
    """A rejected need must say why, so that the group can answer whoever raised it."""
    if status == Need.Status.REJECTED and not (reason or "").strip():
        raise ValidationError({"status_reason": _("U zamítnuté potřeby napište zdůvodnění: proč se jí plán nebude věnovat.")})


def _check_area(need):
    if need.group_id and need.group.area_id != need.area_id:
        raise ValidationError({"group": _("Pracovní skupina je z jiného území.")})


@transaction.atomic
def need_save(need, *, relations=None):
    """Validate and save ``need``, then replace the relations given as ``{field name: objects}``."""
    check_status_reason(need.status, need.status_reason)
    _check_area(need)
    need.full_clean()
    need.save()
    for name, values in (relations or {}).items():
        if name not in NEED_RELATIONS:
            raise ValueError(name)
        getattr(need, name).set(values)
    return need


def need_create(*, area, title, relations=None, **fields):
    """A new need of the area (status "nová" unless given)."""
    return need_save(Need(area=area, title=title, **fields), relations=relations)


def need_update(need, *, relations=None, **fields):
    for name, value in fields.items():
        setattr(need, name, value)
    return need_save(need, relations=relations)


@transaction.atomic
def gap_save(gap):
    """Validate and save a gap; a new one goes to the end of its need's list."""
    if gap.need_id and gap.need.area_id != gap.area_id:
        raise ValidationError({"need": _("Potřeba je z jiného území.")})
    if gap.pk is None and not gap.order:
        last = gap.need.gaps.order_by("-order").values_list("order", flat=True).first() or 0
        gap.order = last + 1
    gap.full_clean()
    gap.save()
    return gap


def gap_create(*, need, title, **fields):
    """A missing service or capacity of ``need``."""
    return gap_save(Gap(area=need.area, need=need, title=title, **fields))


def gap_update(gap, **fields):
    for name, value in fields.items():
        setattr(gap, name, value)
    return gap_save(gap)


def gap_delete(gap):
    gap.delete()


def needs_map_for(group):
    """The map of ``group`` in its period: the saved one, or a new unsaved one with empty texts."""
    return NeedsMap.objects.filter(group=group, period_id=group.period_id).first() or NeedsMap(
        area=group.area, group=group, period_id=group.period_id)


@transaction.atomic
def needs_map_save(needs_map, *, current_state, conclusions):
    """Save the texts of a group's map (created on the first save)."""
    needs_map.current_state = current_state
    needs_map.conclusions = conclusions
    needs_map.full_clean()
    needs_map.save()
    return needs_map
