"""Staff pages of the plan's versions: the list with the form for a new version, one version read-only with
its money, the diff of two versions (or of a version and the live plan) with its XLSX, the budget as XLSX,
and a new draft of an approved plan."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openkp.core.access import area_permission_required
from openkp.core.spreadsheets import XLSX_MIME
from openkp.core.typography import format_date

from ..access import plan_for
from ..models import Measure, PlanVersion
from ..selectors.tree import load_tree
from ..services import versions as services
from ..services.snapshot import snapshot_budget
from .editor import plan_breadcrumbs

CURRENT = "current"
BASE = "zaklad"  # the live state of the plan this draft is based on


class VersionForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Název verze"), max_length=200,
                           help_text=gettext_lazy("Např. „návrh pro připomínkování“ nebo „schválená verze“."))
    note = forms.CharField(label=gettext_lazy("Poznámka"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DraftForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Název nového návrhu"), max_length=300, required=False,
                            help_text=gettext_lazy("Prázdné: název plánu s dovětkem „návrh změn“."))


class DiffForm(forms.Form):
    od = forms.ChoiceField(label=gettext_lazy("Starší stav"))
    do = forms.ChoiceField(label=gettext_lazy("Novější stav"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["od"].choices = self.fields["do"].choices = choices


def version_list_url(plan):
    return reverse("plans:version_list", kwargs={"area_slug": plan.area.slug, "pk": plan.pk})


def _versions_crumb(plan):
    return (_("Verze plánu"), version_list_url(plan))


def _lineage(plan):
    """The plan and the plans it was drafted from, newest first (one query per generation)."""
    plans, seen = [plan], {plan.pk}
    while plans[-1].based_on_id and plans[-1].based_on_id not in seen:
        parent = plans[-1].based_on
        if parent.area_id != plan.area_id:
            break
        plans.append(parent)
        seen.add(parent.pk)
    return plans


def _comparable_versions(plan):
    """Versions of the plan and of the plans it was drafted from (without their snapshots)."""
    lineage = _lineage(plan)
    titles = {ancestor.pk: ancestor.title for ancestor in lineage}
    found = PlanVersion.objects.for_area(plan.area).filter(plan_id__in=titles).select_related("created_by").defer("snapshot").order_by("-created_at", "-pk")
    return [(version, titles[version.plan_id] if version.plan_id != plan.pk else "") for version in found]


def _diff_choices(plan, comparable):
    choices = [(CURRENT, _("aktuální stav plánu"))]
    if plan.based_on_id:
        choices.append((BASE, _("%(plan)s – plán, ze kterého návrh vychází") % {"plan": _base_name(plan.based_on)}))
    for version, other_plan in comparable:
        label = f"{version.name} ({format_date(version.created_at)})"
        choices.append((str(version.pk), f"{label} – {other_plan}" if other_plan else label))
    return choices


def _base_name(plan):
    return f"{plan.title} ({plan.get_status_display()})"


def _resolve(plan, value, comparable):
    """A version (saved, or the live state of this plan or of the plan it is based on) from a ``od``/``do`` value."""
    if value == CURRENT:
        return services.current_as_version(plan)
    if value == BASE and plan.based_on_id:
        base = services.current_as_version(plan.based_on)
        base.name = _base_name(plan.based_on)
        return base
    allowed = {str(version.pk) for version, _other in comparable}
    if value not in allowed:
        raise Http404(_("Taková verze u tohoto plánu není."))
    return PlanVersion.objects.get(pk=value)


def _default_old(plan, comparable):
    own = [version for version, other in comparable if not other]
    if own:
        return str(own[0].pk)
    if plan.based_on_id:
        return BASE
    return str(comparable[0][0].pk) if comparable else None


def _xlsx(content, plan, suffix):
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{slugify(plan.title)[:60] or "plan"}-{suffix}"'
    return response


@area_permission_required("plans.view_plan")
def version_list(request, pk):
    plan = plan_for(request, pk)
    can_manage = request.user.has_perm("plans.manage_plans", request.area)
    form = VersionForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                version = services.create_version(plan=plan, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Verze „%(name)s“ je uložena.") % {"name": version.name})
                return redirect("plans:version_detail", area_slug=request.area.slug, pk=plan.pk, version_pk=version.pk)
    comparable = _comparable_versions(plan)
    default_old = _default_old(plan, comparable)
    return render(request, "plans/versions/version_list.html", {
        "plan": plan,
        "versions": [version for version, other in comparable if not other],
        "earlier_versions": [(version, other) for version, other in comparable if other],
        "form": form,
        "diff_form": DiffForm(initial={"od": default_old, "do": CURRENT}, choices=_diff_choices(plan, comparable)) if default_old else None,
        "draft_form": DraftForm(),
        "can_manage": can_manage,
        "can_draft": can_manage and plan.status in services.FROZEN_STATUSES,
        "breadcrumbs": plan_breadcrumbs(plan, (_("Verze plánu"), None)),
    })


def _version_tree(data):
    """The snapshot's priorities with the totals of every item and a cost table per measure (from its budget)."""
    budget = snapshot_budget(data)
    priorities = []
    for priority in data["priorities"]:
        goals = []
        for goal in priority["goals"]:
            measures = []
            for measure in goal["measures"]:
                activities = [{**activity, "total": budget.total("activity", activity["uid"])} for activity in measure["activities"]]
                indicators = [{**indicator, "targets_text": "; ".join(f"{year}: {services.number_text(value)}"
                                                                      for year, value in indicator["targets"].items())}
                              for indicator in measure["indicators"]]
                measures.append({**measure, "activities": activities, "indicators": indicators, "total": budget.total("measure", measure["uid"]),
                                 "budget_rows": budget.table("measure", measure["uid"])})
            goals.append({**goal, "measures": measures, "total": budget.total("goal", goal["uid"])})
        priorities.append({**priority, "goals": goals, "total": budget.total("priority", priority["uid"])})
    return priorities, budget


@area_permission_required("plans.view_plan")
def version_detail(request, pk, version_pk):
    plan = plan_for(request, pk)
    version = get_object_or_404(PlanVersion.objects.filter(plan=plan).select_related("created_by"), pk=version_pk)
    priorities, budget = _version_tree(version.snapshot)
    return render(request, "plans/versions/version_detail.html", {
        "plan": plan, "version": version, "data": version.snapshot, "priorities": priorities,
        "years": version.snapshot.get("years", []), "budget_rows": budget.table(), "year_totals": budget.year_totals(),
        "total": budget.total(),
        "diff_url": reverse("plans:version_diff", kwargs={"area_slug": request.area.slug, "pk": plan.pk}) + f"?od={version.pk}&do={CURRENT}",
        "breadcrumbs": plan_breadcrumbs(plan, _versions_crumb(plan), (version.name, None)),
    })


def _diff_of(request, plan):
    """The diff form and the diff of the ``od`` and ``do`` versions in the query (defaults: the latest version and now)."""
    comparable = _comparable_versions(plan)
    old_value = request.GET.get("od") or _default_old(plan, comparable)
    new_value = request.GET.get("do") or CURRENT
    form = DiffForm(initial={"od": old_value, "do": new_value}, choices=_diff_choices(plan, comparable))
    if old_value is None:
        return form, None, "", ""
    old, new = _resolve(plan, old_value, comparable), _resolve(plan, new_value, comparable)
    return form, services.diff_versions(old, new), old_value, new_value


@area_permission_required("plans.view_plan")
def version_diff(request, pk):
    plan = plan_for(request, pk)
    form, diff, old_value, new_value = _diff_of(request, plan)
    xlsx_url = None
    if diff is not None:
        xlsx_url = reverse("plans:version_diff_xlsx", kwargs={"area_slug": request.area.slug, "pk": plan.pk}) + f"?od={old_value}&do={new_value}"
    return render(request, "plans/versions/diff.html", {
        "plan": plan, "form": form, "diff": diff, "xlsx_url": xlsx_url,
        "breadcrumbs": plan_breadcrumbs(plan, _versions_crumb(plan), (_("Porovnání verzí"), None)),
    })


@area_permission_required("plans.view_plan")
def version_diff_xlsx(request, pk):
    plan = plan_for(request, pk)
    _form, diff, _old, _new = _diff_of(request, plan)
    if diff is None:
        raise Http404(_("Plán zatím nemá žádnou verzi, se kterou by šel porovnat."))
    from ..exports import diff_xlsx  # openpyxl only where a workbook is made

    return _xlsx(diff_xlsx(diff), plan, "rozdil.xlsx")


@area_permission_required("plans.view_plan")
def plan_budget(request, pk):
    """The financial analysis on the web: expected costs by priority area and goal, by funding source and by kind
    of measure, per year of the plan (the same figures as the XLSX and the document's financial chapter)."""
    plan = plan_for(request, pk)
    tree = load_tree(plan, details=False)
    budget = tree.budget
    hierarchy_rows = []
    for priority in tree.priorities:
        hierarchy_rows.append({"label": f"{priority.number} {priority.title}", "amounts": budget.year_totals("priority", priority.pk),
                               "total": budget.total("priority", priority.pk), "level": "priority"})
        hierarchy_rows += [{"label": f"{goal.number} {goal.title}", "amounts": budget.year_totals("goal", goal.pk),
                            "total": budget.total("goal", goal.pk), "level": "goal"} for goal in priority.goal_list]
    kind_rows = []
    for kind, label in Measure.Kind.choices:
        measures = [measure for measure in tree.measures if measure.kind == kind]
        if measures:
            amounts = [sum(values) for values in zip(*(budget.year_totals("measure", m.pk) for m in measures))]
            kind_rows.append({"label": f"{label} ({len(measures)})", "amounts": amounts, "total": sum(amounts)})
    source_rows = [{"label": row.label, "amounts": row.amounts, "total": row.total} for row in budget.table()]
    return render(request, "plans/budget.html", {
        "plan": plan, "tree": tree, "hierarchy_rows": hierarchy_rows, "source_rows": source_rows, "kind_rows": kind_rows,
        "year_totals": budget.year_totals(), "total": budget.total(),
        "breadcrumbs": plan_breadcrumbs(plan, (_("Finanční analýza"), None)),
    })


@area_permission_required("plans.view_plan")
def budget_xlsx(request, pk):
    plan = plan_for(request, pk)
    from ..exports import budget_xlsx  # openpyxl only where a workbook is made

    return _xlsx(budget_xlsx(load_tree(plan, details=False)), plan, "rozpocet.xlsx")


@area_permission_required("plans.manage_plans")
@require_POST
def new_draft(request, pk):
    plan = plan_for(request, pk, "plans.manage_plans")
    form = DraftForm(request.POST)
    title = form.cleaned_data["title"] if form.is_valid() else None
    try:
        draft = services.new_draft(plan=plan, user=request.user, title=title)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(version_list_url(plan))
    messages.success(request, _("Nový návrh „%(title)s“ je založen; změny plánu dělejte v něm.") % {"title": draft.title})
    return redirect(draft)
