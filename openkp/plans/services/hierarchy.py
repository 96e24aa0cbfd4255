"""Positions and moves in the plan's hierarchy, and edits guarded against concurrent overwrites.

Siblings always hold positions 1..n, so an item's number (1.2.3) is the positions on its path. Every
change goes through a plan that is still editable; an approved plan changes only through a new draft.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from ..models import Activity, Goal, Measure, Priority

# Each level and the field that points to its parent (None: directly under the plan).
PARENT_FIELD = {Priority: None, Goal: "priority", Measure: "goal", Activity: "measure"}
PARENT_MODEL = {Goal: Priority, Measure: Goal, Activity: Measure}


class PlanFrozen(ValidationError):
    """The plan is approved, in force or closed: nothing in it may change."""


def ensure_editable(plan):
    if not plan.is_editable:
        raise PlanFrozen(_("Plán „%(plan)s“ je ve stavu „%(status)s“ a nelze jej měnit. Změny se dělají v novém návrhu plánu.")
                         % {"plan": plan.title, "status": plan.get_status_display()})


def siblings(item):
    """The item's level within its parent, in order (the item included when saved)."""
    model = type(item)
    field = PARENT_FIELD[model]
    queryset = model.objects.filter(plan_id=item.plan_id)
    if field:
        queryset = queryset.filter(**{f"{field}_id": getattr(item, f"{field}_id")})
    return queryset.order_by("position", "pk")


def add(item):
    """Save a new item as the last of its siblings."""
    ensure_editable(item.plan)
    with transaction.atomic():
        item.position = (siblings(item).aggregate(last=Max("position"))["last"] or 0) + 1
        item.full_clean()
        item.save()
    return item


def _resequence(queryset):
    """Positions 1..n in the current order; saves only items whose position changed (no history for these)."""
    changed = []
    for index, sibling in enumerate(queryset, start=1):
        if sibling.position != index:
            sibling.position = index
            changed.append(sibling)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["position"])


def move(item, *, position, parent=None):
    """Put the item at ``position`` (1-based, clamped) among the siblings under ``parent`` (default: its own).

    Moving a goal into another priority takes its measures and activities along; both the old and the new
    siblings are renumbered.
    """
    model = type(item)
    field = PARENT_FIELD[model]
    ensure_editable(item.plan)
    with transaction.atomic():
        old_siblings = None
        if parent is not None and field and getattr(item, f"{field}_id") != parent.pk:
            if not isinstance(parent, PARENT_MODEL[model]) or parent.plan_id != item.plan_id:
                raise ValidationError(_("Položku lze přesunout jen v rámci téhož plánu a pod položku vyšší úrovně."))
            old_siblings = siblings(item).exclude(pk=item.pk)
            setattr(item, field, parent)
        others = list(siblings(item).exclude(pk=item.pk))
        index = max(0, min(int(position) - 1, len(others)))
        others.insert(index, item)
        for number, sibling in enumerate(others, start=1):
            sibling.position = number
        item.save()  # the moved item carries the history record (position and parent)
        rest = [sibling for sibling in others if sibling is not item]
        if rest:
            model.objects.bulk_update(rest, ["position"])
        if old_siblings is not None:
            _resequence(old_siblings)
    return item


def move_by(item, delta):
    """One step up (-1) or down (+1) among the siblings: the keyboard alternative to drag and drop."""
    return move(item, position=item.position + delta)


def delete(item):
    ensure_editable(item.plan)
    with transaction.atomic():
        rest = siblings(item).exclude(pk=item.pk)
        item.delete()
        _resequence(rest)


@dataclass
class Conflict(Exception):
    """Someone else saved the item since the editor loaded it; ``current`` is their version."""

    current: object


def save_checked(item, *, revision):
    """Save an edited item only if nobody saved it since ``revision`` was read; raise Conflict otherwise.

    The revision is raised by one conditional UPDATE, so of two simultaneous saves exactly one wins. A caller
    that also saves many-to-many fields wraps this and those in one ``transaction.atomic()``.
    """
    ensure_editable(item.plan)
    model = type(item)
    with transaction.atomic():
        won = model.objects.filter(pk=item.pk, revision=revision).update(revision=F("revision") + 1)
        if not won:
            raise Conflict(current=model.objects.get(pk=item.pk))
        item.revision = revision + 1
        item.save()
    return item
