"""Writes of the plan editor: plans and their status, hierarchy items saved from forms (with moves to another
parent and the guard against concurrent overwrites), the costs grid, indicators and comments."""

import hashlib
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Activity, Comment, Cost, Goal, Indicator, IndicatorTarget, Measure, Milestone, Plan
from . import hierarchy

# Where a plan may go from each status (approval needs the council's resolution). An approved plan is frozen: it
# changes only through a new draft (versions page), never by going back to draft itself.
TRANSITIONS = {
    Plan.Status.DRAFT: [Plan.Status.CONSULTATION, Plan.Status.APPROVED],
    Plan.Status.CONSULTATION: [Plan.Status.DRAFT, Plan.Status.APPROVED],
    Plan.Status.APPROVED: [Plan.Status.IN_FORCE],
    Plan.Status.IN_FORCE: [Plan.Status.CLOSED],
    Plan.Status.CLOSED: [],
}


def save_plan(form):
    """Create or update a plan from ``PlanForm``; years of existing items must stay inside a shortened period."""
    plan = form.save(commit=False)
    if plan.pk:
        hierarchy.ensure_editable(Plan.objects.get(pk=plan.pk))
        outside = sum(model.objects.filter(plan=plan).exclude(start_year__gte=plan.start_year, end_year__lte=plan.end_year).count()
                      for model in (Measure, Activity))
        outside += Cost.objects.filter(plan=plan).exclude(year__gte=plan.start_year, year__lte=plan.end_year).count()
        outside += Milestone.objects.filter(plan=plan).exclude(due__year__gte=plan.start_year, due__year__lte=plan.end_year).count()
        if outside:
            raise ValidationError({"end_year": _("Období nelze zkrátit: %(count)s opatření, aktivit, milníků nebo nákladů leží "
                                                 "mimo nové roky.") % {"count": outside}})
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def change_status(*, plan, status, resolution_number="", resolution_date=None, approved_file=None):
    """Move the plan to ``status``. Putting a plan in force closes the plan that was in force before."""
    if status == plan.status:
        return plan, None
    if status not in TRANSITIONS[plan.status]:
        raise ValidationError({"status": _("Plán ve stavu „%(old)s“ nelze převést do stavu „%(new)s“.") % {
            "old": plan.get_status_display(), "new": Plan.Status(status).label}})
    if resolution_number:
        plan.resolution_number = resolution_number
    if resolution_date:
        plan.resolution_date = resolution_date
    if approved_file:
        plan.approved_file = approved_file
    plan.status = status
    closed = None
    if status == Plan.Status.IN_FORCE:
        closed = Plan.objects.filter(area=plan.area, status=Plan.Status.IN_FORCE).exclude(pk=plan.pk).first()
        if closed:
            closed.status = Plan.Status.CLOSED
            closed.save(update_fields=["status", "updated_at"])
    plan.full_clean()
    plan.save()
    return plan, closed


def fingerprint(values):
    """A short digest of ``{key: value}`` (a cost grid, an indicator): a form carries the one it was loaded with,
    and a save whose digest no longer matches the saved data is a conflict instead of an overwrite."""
    text = "\n".join(f"{key}={value:.2f}" if isinstance(value, Decimal) else f"{key}={value}"
                     for key, value in sorted(values.items(), key=lambda pair: str(pair[0])))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def indicator_fingerprint(indicator):
    values = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
    values.update({("target", target.year): target.value for target in IndicatorTarget.objects.filter(indicator=indicator)})
    return fingerprint(values)


INDICATOR_FIELDS = ("kind", "name", "unit", "baseline_value", "baseline_year", "polarity", "data_source", "reported_by")


def changed_fields(form, current):
    """(label, theirs, yours) of the fields where the submitted form differs from the saved ``current`` item."""
    rows = []
    for name, field in form.fields.items():
        if name in ("revision", "loaded") or name not in form.cleaned_data:
            continue
        yours = form.cleaned_data[name]
        try:
            model_field = current._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field (an indicator's yearly targets): the caller compares those
            continue
        if model_field.many_to_many:
            theirs = set(getattr(current, name).all())
            yours_set = set(yours or [])
            if theirs != yours_set:
                rows.append((field.label, ", ".join(sorted(map(str, theirs))) or "—", ", ".join(sorted(map(str, yours_set))) or "—"))
            continue
        theirs = getattr(current, name)
        if (theirs or None) != (yours or None):
            display = getattr(current, f"get_{name}_display", None)
            rows.append((field.label, display() if display else (theirs if theirs not in (None, "") else "—"),
                         dict(field.choices).get(yours, yours) if hasattr(field, "choices") and not model_field.is_relation
                         else (yours if yours not in (None, "") else "—")))
    return rows


def save_item(form):
    """Save a hierarchy item from its form. A new item goes last among its siblings; an existing one is saved
    only if nobody saved it since the form was loaded (``hierarchy.Conflict`` otherwise); a changed parent
    moves it (last under the new parent) and renumbers both levels."""
    item = form.instance
    hierarchy.ensure_editable(form.plan)
    with transaction.atomic():
        if item.pk is None:
            item = form.save(commit=False)
            hierarchy.add(item)
            form.save_m2m()
            return item
        model = type(item)
        field = hierarchy.PARENT_FIELD[model]
        # Locked first: the checks against its costs, activities and milestones see them as they stay until commit.
        locked = model.objects.select_for_update().filter(pk=item.pk).values(f"{field}_id" if field else "pk").first()
        old_parent_id = locked[f"{field}_id"] if field and locked else None
        item = form.save(commit=False)
        new_parent_id = getattr(item, f"{field}_id") if field else None
        revision = form.cleaned_data.get("revision") or item.revision
        item.full_clean()
        hierarchy.save_checked(item, revision=revision)
        form.save_m2m()
        if field and new_parent_id != old_parent_id:
            setattr(item, f"{field}_id", old_parent_id)
            # Children (measures, activities, costs, indicators) keep pointing at the item and move with it.
            hierarchy.move(item, position=10**6, parent=hierarchy.PARENT_MODEL[model].objects.get(pk=new_parent_id))
        return item


def existing_costs(measure, activities):
    """{(row, year, source id): amount} of a measure's cost grid (row ``m`` or ``a<activity id>``)."""
    rows = {}
    for cost in Cost.objects.filter(measure=measure):
        row = f"a{cost.activity_id}" if cost.activity_id else "m"
        rows[(row, cost.year, cost.source_id)] = cost.amount
    return rows


@transaction.atomic
def save_costs(*, measure, amounts, loaded=None):
    """Write the cost grid: new amounts created, changed ones updated, emptied ones removed. Returns the count
    of changed cells. Years outside the plan are refused (the grid only offers the plan's years). With ``loaded``
    (the fingerprint the form was loaded with), a grid someone else saved since raises ``hierarchy.Conflict`` with
    the saved amounts ``{(row, year, source id): amount}``."""
    hierarchy.ensure_editable(measure.plan)
    plan = measure.plan
    locked = Measure.objects.select_for_update().filter(pk=measure.pk).first()  # one grid save at a time
    if locked is None:
        raise ValidationError(_("Opatření mezitím někdo odstranil; náklady nebyly uloženy."))
    # The years as saved now (someone may have shortened the measure or an activity since the grid was loaded).
    years = {"m": (locked.start_year, locked.end_year)}
    years.update({f"a{pk}": (start, end) for pk, start, end in Activity.objects.select_for_update().filter(measure=measure)
                  .values_list("pk", "start_year", "end_year")})
    for (row, year, _source_id), amount in amounts.items():
        if amount and row in years and not years[row][0] <= year <= years[row][1]:
            raise ValidationError(_("Mezitím se změnily roky opatření nebo aktivity: na rok %(year)s už náklady plánovat nelze. "
                                    "Načtěte stránku znovu.") % {"year": year})
    activity_ids = {int(row[1:]) for row in years if row != "m"}
    current = {(f"a{c.activity_id}" if c.activity_id else "m", c.year, c.source_id): c
               for c in Cost.objects.select_for_update().filter(measure=measure)}
    if loaded is not None:
        saved = {key: cost.amount for key, cost in current.items()}
        if fingerprint(saved) != loaded:
            raise hierarchy.Conflict(current=saved)
    changed = 0
    for (row, year, source_id), amount in amounts.items():
        if not plan.start_year <= year <= plan.end_year:
            raise ValidationError(_("Náklady lze plánovat jen na roky plánu (%(start)s–%(end)s).") % {
                "start": plan.start_year, "end": plan.end_year})
        activity_id = int(row[1:]) if row != "m" else None
        if activity_id is not None and activity_id not in activity_ids:
            continue
        cost = current.get((row, year, source_id))
        if amount is None or amount == 0:
            if cost is not None:
                cost.delete()
                changed += 1
        elif cost is None:
            created = Cost(area=plan.area, plan=plan, measure=measure, activity_id=activity_id, year=year, source_id=source_id,
                           amount=amount)
            created.full_clean()
            created.save()
            changed += 1
        elif cost.amount != amount:
            cost.amount = amount
            cost.save(update_fields=["amount"])
            changed += 1
    if changed:
        Measure.objects.filter(pk=measure.pk).update(updated_at=timezone.now())
    return changed


@transaction.atomic
def save_indicator(form, *, measure):
    """Save an indicator of ``measure`` with its yearly targets (an emptied year removes its target). An indicator
    someone else saved since the form was loaded raises ``hierarchy.Conflict`` with the saved indicator."""
    hierarchy.ensure_editable(measure.plan)
    if form.instance.pk and form.cleaned_data.get("loaded"):
        saved = Indicator.objects.select_for_update().filter(pk=form.instance.pk).first()
        if saved is None:
            raise ValidationError(_("Indikátor mezitím někdo odstranil; změny nebyly uloženy."))
        if indicator_fingerprint(saved) != form.cleaned_data.get("loaded"):
            raise hierarchy.Conflict(current=saved)
    indicator = form.save(commit=False)
    indicator.area, indicator.plan, indicator.measure = measure.area, measure.plan, measure
    if indicator.pk is None:
        indicator.position = (Indicator.objects.filter(measure=measure).aggregate(last=Max("position"))["last"] or 0) + 1
    indicator.full_clean()
    indicator.save()
    for year, value in form.targets().items():
        if value is None:
            IndicatorTarget.objects.filter(indicator=indicator, year=year).delete()
        else:
            IndicatorTarget.objects.update_or_create(indicator=indicator, year=year, defaults={"value": value, "area": measure.area})
    return indicator


@transaction.atomic
def save_milestones(formset, *, activity):
    """Save an activity's milestones from ``MilestoneFormSet``: changed and new ones saved, ticked ones deleted."""
    hierarchy.ensure_editable(activity.plan)
    formset.save()
    return len(formset.new_objects) + len(formset.changed_objects) + len(formset.deleted_objects)


def delete_indicator(indicator):
    hierarchy.ensure_editable(indicator.plan)
    indicator.delete()


def add_comment(*, plan, author, body, target_uid=None):
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Napište text komentáře.")})
    return Comment.objects.create(area=plan.area, plan=plan, author=author, body=body, target_uid=target_uid)


def item_by_uid(plan, uid):
    """The priority, goal, measure or activity of the plan with ``uid``, or None."""
    from ..models import Priority

    for model in (Measure, Goal, Priority, Activity):
        found = model.objects.filter(plan=plan, uid=uid).first()
        if found:
            return found
    return None
