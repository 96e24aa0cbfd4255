"""Staff pages of the plan editor: the plans of the area, one plan's tree, the forms of its items (with moves,
reordering by keyboard and by drag and drop, and conflicts of concurrent edits), a measure's card with its
costs grid and indicators, and internal comments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openkp.core.access import area_permission_required, check_area_permission
from openkp.core.breadcrumbs import staff_breadcrumbs
from openkp.core.ids import id_or_404
from openkp.core.redirects import safe_next

from ..access import item_for_change, plan_for
from ..forms.editor import (
    LEVEL_FORMS,
    CommentForm,
    CostGridForm,
    IndicatorForm,
    MilestoneFormSet,
    PlanForm,
    StatusForm,
    amount_text,
)
from ..models import Activity, Comment, Goal, Indicator, Measure, Plan, Priority
from ..selectors.tree import load_tree
from ..services import editor, hierarchy
from ..services.budget import funding_sources

# URL slug of each level of the hierarchy, its model, the model of its parent and the Czech names.
LEVELS = {
    "priorita": Priority,
    "cil": Goal,
    "opatreni": Measure,
    "aktivita": Activity,
}
SLUG_OF = {model: slug for slug, model in LEVELS.items()}
NEW_TITLES = {Priority: _("Nová prioritní oblast"), Goal: _("Nový cíl"), Measure: _("Nové opatření"), Activity: _("Nová aktivita")}


def plans_crumb(area):
    return (_("Komunitní plán"), reverse("plans:list", kwargs={"area_slug": area.slug}))


def plan_crumb(plan):
    return (plan.title, plan.get_absolute_url())


def plan_breadcrumbs(plan, *trail):
    """Breadcrumbs of a staff page of one plan: the area, its dashboard, the plans, the plan, then ``trail``."""
    return staff_breadcrumbs(plan.area, plans_crumb(plan.area), plan_crumb(plan), *trail)


def item_url(item, name="plans:item_edit"):
    return reverse(name, kwargs={"area_slug": item.plan.area.slug, "pk": item.plan_id, "level": SLUG_OF[type(item)], "item_pk": item.pk})


def tree_anchor(item):
    return f"{item.plan.get_absolute_url()}#polozka-{item.uid}"


def add_errors(form, error):
    """A service's ValidationError shown on the form's fields (or above the form)."""
    for field, errors in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
        form.add_error(field if field in form.fields else None, errors)


def _level(level):
    model = LEVELS.get(level)
    if model is None:
        raise Http404
    return model


@area_permission_required("plans.view_plan")
def plan_list(request):
    area = request.area
    return render(request, "plans/plan_list.html", {
        "plans": Plan.objects.for_area(area).select_related("period"),
        "can_manage": request.user.has_perm("plans.manage_plans", area),
        "breadcrumbs": staff_breadcrumbs(area, (_("Komunitní plán"), None)),
    })


def plan_edit(request, pk=None):
    check_area_permission(request, "plans.manage_plans")
    area = request.area
    plan = plan_for(request, pk, "plans.manage_plans") if pk else Plan(area=area)
    if plan.pk and not plan.is_editable:
        messages.error(request, _("Schválený plán nelze měnit. Změny se dělají v novém návrhu plánu."))
        return redirect(plan)
    form = PlanForm(request.POST or None, instance=plan, area=area)
    if request.method == "POST" and form.is_valid():
        try:
            saved = editor.save_plan(form)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Plán „%(title)s“ je uložen.") % {"title": saved.title})
            return redirect(saved)
    title = plan.title if plan.pk else _("Nový komunitní plán")
    return render(request, "plans/plan_form.html", {
        "form": form, "plan": plan, "title": title,
        "back_url": plan.get_absolute_url() if plan.pk else reverse("plans:list", kwargs={"area_slug": area.slug}),
        "breadcrumbs": staff_breadcrumbs(area, plans_crumb(area), *([plan_crumb(plan)] if plan.pk else []), (title, None)),
    })


def plan_status(request, pk):
    plan = plan_for(request, pk, "plans.manage_plans")
    form = StatusForm(request.POST or None, request.FILES or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plan, closed = editor.change_status(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Plán je nyní ve stavu „%(status)s“.") % {"status": plan.get_status_display()})
            if closed:
                messages.info(request, _("Dosud platný plán „%(title)s“ byl ukončen.") % {"title": closed.title})
            return redirect(plan)
    return render(request, "plans/plan_status.html", {
        "form": form, "plan": plan, "transitions": editor.TRANSITIONS[plan.status],
        "breadcrumbs": plan_breadcrumbs(plan, (_("Stav plánu"), None)),
    })


def _tree_context(request, plan, *, focus=None):
    tree = load_tree(plan)
    user = request.user
    editable = plan.is_editable and user.has_perm("plans.edit_plan", plan.area)
    for item in (*tree.priorities, *tree.goals, *tree.measures, *tree.activities):
        item.can_change = editable and user.has_perm("plans.change_item", item)
    comment_counts = {}
    for target_uid in Comment.objects.filter(plan=plan, is_resolved=False).values_list("target_uid", flat=True):
        comment_counts[target_uid] = comment_counts.get(target_uid, 0) + 1
    for item in (*tree.priorities, *tree.goals, *tree.measures, *tree.activities):
        item.open_comments = comment_counts.get(item.uid, 0)
    return {
        "plan": plan, "tree": tree, "focus": focus,
        "can_manage": user.has_perm("plans.manage_plans", plan.area),
        "can_add_priority": editable and user.has_perm("plans.manage_plans", plan.area),
        "can_comment": user.has_perm("plans.comment", plan.area),
        "editable": editable,
        "budget_rows": tree.budget.table(),
        "impact_share": tree.impact_share(),
        "with_impact": len(tree.measures_with_impact()),
        "plan_comments": comment_counts.get(None, 0),
    }


def plan_detail(request, pk):
    plan = plan_for(request, pk)
    context = _tree_context(request, plan)
    context["breadcrumbs"] = staff_breadcrumbs(request.area, plans_crumb(request.area), (plan.title, None))
    context["comments"] = Comment.objects.filter(plan=plan, target_uid=None).select_related("author")
    context["comment_form"] = CommentForm()
    return render(request, "plans/plan_detail.html", context)


def item_edit(request, pk, level, item_pk=None):
    """Create (``?nad=<parent id>``) or edit an item; a stale form shows both versions instead of overwriting."""
    model = _level(level)
    plan = plan_for(request, pk, "plans.edit_plan")
    if item_pk:
        item = item_for_change(request, model, item_pk)
        if item.plan_id != plan.pk:
            raise Http404
    else:
        item = _new_item(request, plan, model)
    if not plan.is_editable:
        messages.error(request, _("Plán ve stavu „%(status)s“ nelze měnit. Změny se dělají v novém návrhu plánu.")
                       % {"status": plan.get_status_display()})
        return redirect(plan)
    form = LEVEL_FORMS[model](request.POST or None, instance=item, plan=plan)
    conflict = None
    if request.method == "POST" and form.is_valid() and _stays_in_users_part(request, form):
        try:
            saved = editor.save_item(form)
        except hierarchy.Conflict as error:
            conflict = {"current": error.current, "rows": editor.changed_fields(form, error.current)}
            form.data = form.data.copy()
            form.data["revision"] = error.current.revision
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Uloženo: %(item)s.") % {"item": f"{saved.number} {saved.title}"})
            if model is Measure and not item_pk:
                return redirect(item_url(saved, "plans:measure_detail"))
            return redirect(tree_anchor(saved))
    title = f"{item.number} {item.title}" if item.pk else NEW_TITLES[model]
    return render(request, "plans/item_form.html", {
        "form": form, "plan": plan, "item": item, "title": title, "conflict": conflict, "level": level,
        "model_name": model._meta.verbose_name,
        "back_url": tree_anchor(item) if item.pk else plan.get_absolute_url(),
        "delete_url": item_url(item, "plans:item_delete") if item.pk else None,
        "comments": Comment.objects.filter(plan=plan, target_uid=item.uid).select_related("author") if item.pk else [],
        "comment_form": CommentForm(initial={"target": item.uid}),
        "can_manage": request.user.has_perm("plans.manage_plans", plan.area),
        "breadcrumbs": plan_breadcrumbs(plan, (title, None)),
    })


def _stays_in_users_part(request, form):
    """A group manager may not move an item (a new parent, another group) into a part of the plan they do not
    edit; the form gets the message on the field that would do it."""
    if request.user.has_perm("plans.change_item", form.instance):
        return True
    moving = [name for name in (hierarchy.PARENT_FIELD[type(form.instance)], "group") if name in form.changed_data]
    form.add_error(moving[0] if moving else None, _("Sem položku přesunout nemůžete: tuto část plánu upravuje koordinátor "
                                                    "nebo manažer jiné pracovní skupiny."))
    return False


def _new_item(request, plan, model):
    """An unsaved item under the parent named by ``?nad=``; adding a priority needs the coordinator."""
    item = model(area=plan.area, plan=plan)
    field = hierarchy.PARENT_FIELD[model]
    if field is None:
        if not request.user.has_perm("plans.manage_plans", plan.area):
            raise PermissionDenied
        return item
    parent_model = hierarchy.PARENT_MODEL[model]
    parent = get_object_or_404(parent_model.objects.filter(plan=plan), pk=id_or_404(request.GET.get("nad") or request.POST.get(field)))
    if not request.user.has_perm("plans.change_item", parent):
        raise PermissionDenied
    setattr(item, field, parent)
    if model in (Measure, Activity):
        item.start_year = getattr(parent, "start_year", plan.start_year)
        item.end_year = getattr(parent, "end_year", plan.end_year)
    return item


@require_POST
def item_delete(request, pk, level, item_pk):
    model = _level(level)
    plan = plan_for(request, pk, "plans.edit_plan")
    item = item_for_change(request, model, item_pk)
    if item.plan_id != plan.pk:
        raise Http404
    try:
        hierarchy.delete(item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Smazáno: %(item)s.") % {"item": f"{item.number} {item.title}"})
    return redirect(plan)


@require_POST
def item_move(request, pk, level, item_pk):
    """One step up or down (``smer=nahoru|dolu``, the keyboard way) or to ``pozice`` (drag and drop).
    htmx gets the tree back with focus on the same button; without JavaScript the page reloads at the item."""
    model = _level(level)
    plan = plan_for(request, pk, "plans.edit_plan")
    item = item_for_change(request, model, item_pk)
    if item.plan_id != plan.pk:
        raise Http404
    direction = request.POST.get("smer")
    try:
        if direction in ("nahoru", "dolu"):
            hierarchy.move_by(item, -1 if direction == "nahoru" else +1)
        else:
            try:
                position = int(request.POST.get("pozice", ""))
            except ValueError:
                raise ValidationError(_("Chybí nová pozice položky.")) from None
            hierarchy.move(item, position=position)
    except ValidationError as error:
        if not request.headers.get("HX-Request"):
            messages.error(request, " ".join(error.messages))
            return redirect(plan)
        context = _tree_context(request, plan)
        context["move_error"] = " ".join(error.messages)
        return render(request, "plans/includes/tree.html", context)
    if request.headers.get("HX-Request"):
        context = _tree_context(request, plan, focus=(str(item.uid), direction or "drag"))
        return render(request, "plans/includes/tree.html", context)
    return redirect(tree_anchor(item))


def measure_detail(request, pk, level, item_pk):
    """The full card of a measure: rationale with its links to the needs analysis, money, indicators, risks,
    activities and comments."""
    if level != "opatreni":
        raise Http404
    plan = plan_for(request, pk)
    tree = load_tree(plan)
    measure = next((m for m in tree.measures if m.pk == item_pk), None)
    if measure is None:
        raise Http404
    editable = plan.is_editable and request.user.has_perm("plans.edit_plan", plan.area) and request.user.has_perm(
        "plans.change_item", measure)
    return render(request, "plans/measure_detail.html", {
        "plan": plan, "measure": measure, "tree": tree, "can_change": editable,
        "cost_rows": tree.budget.table("measure", measure.pk),
        "year_totals": tree.budget.year_totals("measure", measure.pk),
        "total": tree.budget.total("measure", measure.pk),
        "years": plan.years,
        "comments": Comment.objects.filter(plan=plan, target_uid=measure.uid).select_related("author"),
        "comment_form": CommentForm(initial={"target": measure.uid}),
        "can_comment": request.user.has_perm("plans.comment", plan.area),
        "breadcrumbs": plan_breadcrumbs(plan, (f"{measure.number} {measure.title}", None)),
    })


def measure_costs(request, pk, item_pk):
    plan = plan_for(request, pk, "plans.edit_plan")
    measure = item_for_change(request, Measure, item_pk)
    if measure.plan_id != plan.pk:
        raise Http404
    if not plan.is_editable:
        messages.error(request, _("Plán ve stavu „%(status)s“ nelze měnit.") % {"status": plan.get_status_display()})
        return redirect(item_url(measure, "plans:measure_detail"))
    activities = list(Activity.objects.filter(measure=measure).order_by("position"))
    for activity in activities:
        activity.measure = measure
    sources = funding_sources(plan.area, include_inactive=False)
    form = CostGridForm(request.POST or None, measure=measure, activities=activities, years=plan.years, sources=sources,
                        existing=editor.existing_costs(measure, activities))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            changed = editor.save_costs(measure=measure, amounts=form.amounts, loaded=form.cleaned_data["loaded"] or None)
        except hierarchy.Conflict as error:
            conflict = _cost_conflict(form, error.current)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Náklady opatření %(number)s jsou uloženy (změněno položek: %(count)s).")
                             % {"number": measure.number, "count": changed})
            return redirect(item_url(measure, "plans:measure_detail") + "#naklady")
    return render(request, "plans/measure_costs.html", {
        "plan": plan, "measure": measure, "form": form, "sources": sources, "years": plan.years, "conflict": conflict,
        "breadcrumbs": plan_breadcrumbs(plan, (f"{measure.number} {measure.title}", item_url(measure, "plans:measure_detail")),
                                         (_("Náklady"), None)),
    })


def _cost_conflict(form, saved):
    """Someone saved the grid since it was loaded: the cells where the saved amount and the typed one differ; the
    form keeps the typed amounts and takes the new fingerprint, so saving again writes them deliberately."""
    rows = []
    for row, item in form.rows:
        what = _("Opatření") if row == "m" else f"{_('Aktivita')} {item.number}"
        for year in form.years:
            for source in form.sources:
                theirs, yours = saved.get((row, year, source.pk)), form.amounts.get((row, year, source.pk))
                if (theirs or 0) != (yours or 0):
                    rows.append((f"{what} · {source.name} {year}", amount_text(theirs) if theirs else "—",
                                 amount_text(yours) if yours else "—"))
    form.data = form.data.copy()
    form.data["loaded"] = editor.fingerprint(saved)
    return {"title": _("Mezitím náklady tohoto opatření uložil někdo jiný."), "rows": rows}


def indicator_edit(request, pk, item_pk, indicator_pk=None):
    plan = plan_for(request, pk, "plans.edit_plan")
    measure = item_for_change(request, Measure, item_pk)
    if measure.plan_id != plan.pk:
        raise Http404
    indicator = get_object_or_404(Indicator.objects.filter(measure=measure), pk=indicator_pk) if indicator_pk else Indicator(
        area=plan.area, plan=plan, measure=measure)
    back = item_url(measure, "plans:measure_detail") + "#indikatory"
    if not plan.is_editable:
        messages.error(request, _("Plán ve stavu „%(status)s“ nelze měnit.") % {"status": plan.get_status_display()})
        return redirect(back)
    if request.method == "POST" and request.POST.get("action") == "delete" and indicator.pk:
        editor.delete_indicator(indicator)
        messages.success(request, _("Indikátor „%(name)s“ byl odstraněn.") % {"name": indicator.name})
        return redirect(back)
    form = IndicatorForm(request.POST or None, instance=indicator, plan=plan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = editor.save_indicator(form, measure=measure)
        except hierarchy.Conflict as error:
            conflict = _indicator_conflict(form, error.current)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Indikátor „%(name)s“ je uložen.") % {"name": saved.name})
            return redirect(back)
    title = indicator.name if indicator.pk else _("Nový indikátor")
    return render(request, "plans/indicator_form.html", {
        "plan": plan, "measure": measure, "form": form, "indicator": indicator, "title": title, "back_url": back,
        "conflict": conflict,
        "breadcrumbs": plan_breadcrumbs(plan, (f"{measure.number} {measure.title}", item_url(measure, "plans:measure_detail")),
                                         (title, None)),
    })


def activity_milestones(request, pk, item_pk):
    """The milestones of an activity (the checkpoints of the implementation plan): edit, tick off, add, delete."""
    plan = plan_for(request, pk, "plans.edit_plan")
    activity = item_for_change(request, Activity, item_pk, related=("measure__goal__priority",))
    if activity.plan_id != plan.pk:
        raise Http404
    back = item_url(activity.measure, "plans:measure_detail") + "#aktivity"
    if not plan.is_editable:
        messages.error(request, _("Plán ve stavu „%(status)s“ nelze měnit.") % {"status": plan.get_status_display()})
        return redirect(back)
    formset = MilestoneFormSet(request.POST or None, queryset=activity.milestones.order_by("due", "pk"),
                               form_kwargs={"activity": activity}, prefix="milniky")
    if request.method == "POST" and formset.is_valid():
        changed = editor.save_milestones(formset, activity=activity)
        messages.success(request, _("Milníky aktivity %(number)s jsou uloženy (změněno: %(count)s).")
                         % {"number": activity.number, "count": changed})
        return redirect(back)
    title = _("Milníky aktivity %(number)s") % {"number": activity.number}
    return render(request, "plans/activity_milestones.html", {
        "plan": plan, "activity": activity, "formset": formset, "title": title, "back_url": back,
        "breadcrumbs": plan_breadcrumbs(plan, (f"{activity.measure.number} {activity.measure.title}", back), (title, None)),
    })


def _indicator_conflict(form, saved):
    rows = editor.changed_fields(form, saved)
    targets = {target.year: target.value for target in saved.targets.all()}
    for year, yours in form.targets().items():
        theirs = targets.get(year)
        if theirs != yours:
            rows.append((form.fields[f"target_{year}"].label, "—" if theirs is None else amount_text(theirs),
                         "—" if yours is None else amount_text(yours)))
    form.data = form.data.copy()
    form.data["loaded"] = editor.indicator_fingerprint(saved)
    return {"title": _("Mezitím tento indikátor uložil někdo jiný."), "rows": rows}


@require_POST
def comment_add(request, pk):
    plan = plan_for(request, pk, "plans.comment")
    form = CommentForm(request.POST)
    target = None
    if form.is_valid() and form.cleaned_data.get("target"):
        target = editor.item_by_uid(plan, form.cleaned_data["target"])
        if target is None:
            raise Http404
    # Back to where the comment was written: the item's form (its editors), a measure's card, the item's discussion,
    # or the plan.
    if target is None:
        back = plan.get_absolute_url()
    elif isinstance(target, Measure):
        back = item_url(target, "plans:measure_detail")
    elif request.POST.get("from_form") and request.user.has_perm("plans.change_item", target):
        back = item_url(target, "plans:item_edit")
    else:
        back = reverse("plans:item_comments", kwargs={"area_slug": plan.area.slug, "pk": plan.pk, "uid": target.uid})
    try:
        if not form.is_valid():
            raise ValidationError(_("Napište text komentáře."))
        editor.add_comment(plan=plan, author=request.user, body=form.cleaned_data["body"], target_uid=target.uid if target else None)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Komentář je přidán."))
    return redirect(back + "#komentare")


def item_comments(request, pk, uid):
    """The internal discussion of a priority area, goal or activity, open to everyone who may comment (a measure's
    discussion is on its card)."""
    plan = plan_for(request, pk, "plans.comment")
    item = editor.item_by_uid(plan, uid)
    if item is None:
        raise Http404
    if isinstance(item, Measure):
        return redirect(item_url(item, "plans:measure_detail") + "#komentare")
    title = f"{item.number} {item.title}"
    return render(request, "plans/item_comments.html", {
        "plan": plan, "item": item, "title": title, "model_name": item._meta.verbose_name,
        "comments": Comment.objects.filter(plan=plan, target_uid=item.uid).select_related("author"),
        "comment_form": CommentForm(initial={"target": item.uid}),
        "can_manage": request.user.has_perm("plans.manage_plans", plan.area),
        "edit_url": item_url(item) if plan.is_editable and request.user.has_perm("plans.edit_plan", plan.area)
        and request.user.has_perm("plans.change_item", item) else None,
        "back_url": tree_anchor(item),
        "breadcrumbs": plan_breadcrumbs(plan, (title, None)),
    })


@require_POST
def comment_resolve(request, pk, comment_pk):
    plan = plan_for(request, pk, "plans.comment")
    comment = get_object_or_404(Comment.objects.filter(plan=plan), pk=comment_pk)
    if comment.author_id != request.user.pk and not request.user.has_perm("plans.manage_plans", plan.area):
        raise PermissionDenied
    comment.is_resolved = not comment.is_resolved
    comment.save(update_fields=["is_resolved"])
    return redirect(safe_next(request, plan.get_absolute_url()))


def need_measures_section(request, need):
    """The measures of the area's plans that answer a need, on the need's page (traceability back from needs)."""
    if not request.user.has_perm("plans.view_plan", need.area):
        return ""
    measures = list(Measure.objects.filter(Q(needs=need) | Q(gaps__need=need)).distinct()
                    .select_related("plan", "area", "goal__priority").order_by("-plan__start_year", "pk"))
    if not measures:
        return ""
    via_gaps = {}  # a measure that answers one of the need's gaps (and maybe not the need itself)
    for link in Measure.gaps.through.objects.filter(gap__need=need, measure__in=measures).select_related("gap"):
        via_gaps.setdefault(link.measure_id, []).append(link.gap.title)
    for measure in measures:
        measure.via_gaps = sorted(via_gaps.get(measure.pk, []))
    return render_to_string("plans/includes/need_measures.html", {"measures": measures}, request=request)
