"""Staff pages of the plan's registers: the risk register with its probability × impact matrix, the
implementation plan (akční plán) as a Gantt-like table and per year, the analytical chapters, and the area's
funding sources.

Plans are fetched with ``access.plan_for`` (another area's plan is a 404); writes go through
``services.register``, which refuses changes of an approved plan — the page then says why."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import staff_breadcrumbs
from openkp.core.ids import parse_id

from ..access import plan_for
from ..forms.register import ChapterForm, FundingSourceForm, ImplementationFilterForm, RiskFilterForm, RiskForm
from ..models import Chapter, FundingSource, Risk
from ..selectors.implementation import implementation_plan
from ..selectors.tree import load_tree
from ..services import budget
from ..services import register as services
from ..services.chapters import generated_part, readable
from ..services.hierarchy import PlanFrozen, ensure_editable
from .editor import plan_breadcrumbs, plans_crumb

DIRECTIONS = {"nahoru": -1, "dolu": +1}


# --- shared helpers ----------------------------------------------------------------------------------

def plan_url(name, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"area_slug": plan.area.slug, "pk": plan.pk, **kwargs})


def error_text(error):
    return " ".join(error.messages)


def frozen_message(plan):
    """Why the plan can no longer change, or None while it can."""
    try:
        ensure_editable(plan)
    except PlanFrozen as frozen:
        return error_text(frozen)
    return None


def frozen_notice(request, plan):
    """The reason shown on a page of a frozen plan, unless a refused change has just flashed the same text."""
    message = frozen_message(plan)
    if message is None or message in {str(flashed) for flashed in messages.get_messages(request)}:
        return None
    return message


def refuse_frozen(request, plan, back_url):
    """A redirect with the reason when the plan can no longer change; None for an editable plan."""
    message = frozen_message(plan)
    if message is None:
        return None
    messages.error(request, message)
    return redirect(back_url)


def _int(value):
    return parse_id(value)


def _querystring(request):
    return urlencode([(key, value) for key, values in request.GET.lists() for value in values if value])


# --- risks -------------------------------------------------------------------------------------------

def may_change_risk(user, risk):
    """Plan-level risks are the coordinator's; a measure's risk also its working group's manager's."""
    if risk.measure_id is None:
        return user.has_perm("plans.manage_plans", risk.plan.area)
    return user.has_perm("plans.change_item", risk.measure)


def _plan_risks(plan, tree):
    """The plan's risks from the highest score, each with its measure taken from the loaded tree."""
    measures = {measure.pk: measure for measure in tree.measures}
    risks = list(Risk.objects.filter(plan=plan))
    for risk in risks:
        risk.plan = plan
        if risk.measure_id:
            risk.measure = measures[risk.measure_id]
    order = {measure.pk: index for index, measure in enumerate(tree.measures)}
    return sorted(risks, key=lambda risk: (-risk.score, -risk.probability, risk.pk)), order


def _grouped(risks, order):
    """The risks of the whole plan as one group, and the measures' risks grouped under headings in plan order."""
    plan_level = [risk for risk in risks if risk.measure_id is None]
    by_measure = {}
    for risk in sorted((risk for risk in risks if risk.measure_id), key=lambda risk: order[risk.measure_id]):
        heading = _("Opatření %(number)s %(title)s") % {"number": risk.measure.number, "title": risk.measure.title}
        by_measure.setdefault(risk.measure_id, (heading, []))[1].append(risk)
    return ([(None, plan_level)] if plan_level else []), list(by_measure.values())


@login_required
def risk_list(request, pk):
    plan = plan_for(request, pk)
    tree = load_tree(plan, details=False)
    risks, order = _plan_risks(plan, tree)
    form = RiskFilterForm(request.GET, measures=tree.measures)
    filters = form.filters()
    shown = form.apply(risks, filters)
    user = request.user
    for risk in shown:
        risk.level_label = services.level_label(risk.level)
        risk.can_change = plan.is_editable and may_change_risk(user, risk)
    plan_level, by_measure = _grouped(shown, order)
    may_create = user.has_perm("plans.manage_plans", request.area) or any(user.has_perm("plans.change_item", m) for m in tree.measures)
    list_url = plan_url("risk_list", plan)
    return render(request, "plans/register/risk_list.html", {
        "plan": plan,
        "form": form,
        "querystring": _querystring(request),
        "total": len(risks),
        "shown_count": len(shown),
        "plan_level": plan_level,
        "by_measure": by_measure,
        "matrix": services.risk_matrix(risks, selected=(filters["pravdepodobnost"], filters["dopad"])),
        "impacts": range(1, 6),
        "levels": services.LEVELS,
        "list_url": list_url,
        "can_create": plan.is_editable and may_create,
        "frozen_message": frozen_notice(request, plan),
        "breadcrumbs": plan_breadcrumbs(plan, (_("Rizika"), None)),
    })


def _risk_for_change(request, plan, tree, risk_pk):
    risk = get_object_or_404(Risk.objects.filter(plan=plan), pk=risk_pk)
    risk.plan = plan
    if risk.measure_id:
        risk.measure = next(measure for measure in tree.measures if measure.pk == risk.measure_id)
    if not may_change_risk(request.user, risk):
        raise PermissionDenied(_("Toto riziko upravuje koordinátor nebo manažer pracovní skupiny, které patří jeho opatření."))
    return risk


@login_required
def risk_edit(request, pk, risk_pk=None):
    plan = plan_for(request, pk, "plans.edit_plan")
    list_url = plan_url("risk_list", plan)
    if refused := refuse_frozen(request, plan, list_url):
        return refused
    tree = load_tree(plan, details=False)
    user = request.user
    allowed = [measure for measure in tree.measures if user.has_perm("plans.change_item", measure)]
    allow_plan_level = user.has_perm("plans.manage_plans", request.area)
    if risk_pk:
        risk = _risk_for_change(request, plan, tree, risk_pk)
    else:
        if not (allow_plan_level or allowed):
            raise PermissionDenied(_("Rizika zapisuje koordinátor nebo manažer pracovní skupiny k opatřením své skupiny."))
        risk = Risk(plan=plan, area=plan.area)
    form = RiskForm(request.POST or None, instance=risk, measures=allowed, allow_plan_level=allow_plan_level)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.risk_save(form.instance)
        except PlanFrozen as frozen:
            messages.error(request, error_text(frozen))
            return redirect(list_url)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Riziko „%(title)s“ je uloženo.") % {"title": saved.title})
            return redirect(f"{list_url}#riziko-{saved.pk}")
    title = _("Upravit riziko") if risk.pk else _("Nové riziko")
    return render(request, "plans/register/risk_form.html", {
        "plan": plan, "form": form, "risk": risk, "title": title, "back_url": list_url,
        "delete_url": plan_url("risk_delete", plan, risk_pk=risk.pk) if risk.pk else None,
        "breadcrumbs": plan_breadcrumbs(plan, (_("Rizika"), list_url), (title, None)),
    })


@login_required
def risk_delete(request, pk, risk_pk):
    plan = plan_for(request, pk, "plans.edit_plan")
    list_url = plan_url("risk_list", plan)
    if refused := refuse_frozen(request, plan, list_url):
        return refused
    risk = _risk_for_change(request, plan, load_tree(plan, details=False), risk_pk)
    return _confirm_delete(
        request, plan, delete=lambda: services.risk_delete(risk), list_url=list_url, list_label=_("Rizika"),
        title=_("Smazat riziko"), back_url=plan_url("risk_edit", plan, risk_pk=risk.pk),
        question=_("Opravdu smazat riziko „%(title)s“?") % {"title": risk.title},
        done=_("Riziko „%(title)s“ je smazáno.") % {"title": risk.title})


def _confirm_delete(request, plan, *, delete, list_url, list_label, title, back_url, question, done):
    """A confirmation page on GET; on POST ``delete()`` and back to the list with a message."""
    if request.method == "POST":
        try:
            delete()
        except PlanFrozen as frozen:
            messages.error(request, error_text(frozen))
        else:
            messages.success(request, done)
        return redirect(list_url)
    return render(request, "plans/register/confirm_delete.html", {
        "plan": plan, "title": title, "back_url": back_url, "question": question,
        "breadcrumbs": plan_breadcrumbs(plan, (list_label, list_url), (title, None)),
    })


# --- implementation plan -----------------------------------------------------------------------------

@login_required
def implementation(request, pk):
    plan = plan_for(request, pk)
    result = implementation_plan(plan, year=_int(request.GET.get("rok")), group_id=_int(request.GET.get("skupina")))
    form = ImplementationFilterForm(initial={"rok": result.year, "skupina": result.group.pk if result.group else None},
                                    years=plan.years, groups=result.groups)
    return render(request, "plans/register/implementation.html", {
        "plan": plan,
        "form": form,
        "result": result,
        "querystring": _querystring(request),
        "breadcrumbs": plan_breadcrumbs(plan, (_("Implementační plán"), None)),
    })


# --- chapters ----------------------------------------------------------------------------------------

@login_required
def chapter_list(request, pk):
    """The coordinator orders and opens the chapters; everyone else who reads the plan reads them whole (with the
    generated parts from live data), as the public page and the document show them."""
    plan = plan_for(request, pk)
    can_manage = request.user.has_perm("plans.manage_plans", plan.area)
    chapters = list(Chapter.objects.filter(plan=plan).order_by("position", "pk"))
    if not can_manage:
        readable(chapters)
    return render(request, "plans/register/chapter_list.html", {
        "plan": plan,
        "chapters": chapters,
        "can_manage": can_manage,
        "can_change": can_manage and plan.is_editable,
        "frozen_message": frozen_notice(request, plan),
        "breadcrumbs": plan_breadcrumbs(plan, (_("Kapitoly"), None)),
    })


def _chapter(plan, chapter_pk):
    chapter = get_object_or_404(Chapter.objects.filter(plan=plan), pk=chapter_pk)
    chapter.plan = plan
    return chapter


@login_required
def chapter_edit(request, pk, chapter_pk=None):
    plan = plan_for(request, pk, "plans.manage_plans")
    list_url = plan_url("chapter_list", plan)
    chapter = _chapter(plan, chapter_pk) if chapter_pk else Chapter(plan=plan, area=plan.area)
    if chapter.pk is None or request.method == "POST":
        if refused := refuse_frozen(request, plan, list_url):
            return refused
    form = ChapterForm(request.POST or None, instance=chapter) if plan.is_editable else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            saved = services.chapter_save(form.instance)
        except PlanFrozen as frozen:
            messages.error(request, error_text(frozen))
            return redirect(list_url)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Kapitola „%(title)s“ je uložena. Náhled je pod formulářem.") % {"title": saved.title})
            return redirect(plan_url("chapter_edit", plan, chapter_pk=saved.pk))
    title = (_("Upravit kapitolu") if plan.is_editable else _("Kapitola")) if chapter.pk else _("Nová kapitola")
    saved_chapter = Chapter.objects.get(pk=chapter.pk) if chapter.pk else None  # the preview shows what is saved
    return render(request, "plans/register/chapter_form.html", {
        "plan": plan, "form": form, "chapter": chapter, "title": title, "back_url": list_url,
        "preview": services.render_markdown(saved_chapter.body) if saved_chapter else "",
        "generated": generated_part(saved_chapter) if saved_chapter and saved_chapter.kind != Chapter.Kind.TEXT else None,
        "frozen_message": frozen_notice(request, plan),
        "delete_url": plan_url("chapter_delete", plan, chapter_pk=chapter.pk) if chapter.pk and plan.is_editable else None,
        "breadcrumbs": plan_breadcrumbs(plan, (_("Kapitoly"), list_url), (chapter.title if chapter.pk else title, None)),
    })


@login_required
@require_POST
def chapter_move(request, pk, chapter_pk):
    plan = plan_for(request, pk, "plans.manage_plans")
    chapter = _chapter(plan, chapter_pk)
    delta = DIRECTIONS.get(request.POST.get("smer"))
    list_url = plan_url("chapter_list", plan)
    if delta is None:
        messages.error(request, _("Neznámý směr přesunu."))
        return redirect(list_url)
    try:
        services.chapter_move(chapter, delta)
    except PlanFrozen as frozen:
        messages.error(request, error_text(frozen))
        return redirect(list_url)
    return redirect(f"{list_url}#kapitola-{chapter.pk}")


@login_required
def chapter_delete(request, pk, chapter_pk):
    plan = plan_for(request, pk, "plans.manage_plans")
    list_url = plan_url("chapter_list", plan)
    if refused := refuse_frozen(request, plan, list_url):
        return refused
    chapter = _chapter(plan, chapter_pk)
    return _confirm_delete(
        request, plan, delete=lambda: services.chapter_delete(chapter), list_url=list_url, list_label=_("Kapitoly"),
        title=_("Smazat kapitolu"), back_url=plan_url("chapter_edit", plan, chapter_pk=chapter.pk),
        question=_("Opravdu smazat kapitolu „%(title)s“ i s jejím textem?") % {"title": chapter.title},
        done=_("Kapitola „%(title)s“ je smazána.") % {"title": chapter.title})


# --- funding sources ---------------------------------------------------------------------------------

def sources_breadcrumbs(area, *trail):
    return staff_breadcrumbs(area, plans_crumb(area), *trail)


def _source_rows(area, bound=None):
    """Each source with its number of costs and a rename form (``bound``: the one form posted with errors)."""
    budget.funding_sources(area)  # the defaults on first use
    sources = list(FundingSource.objects.filter(area=area).annotate(cost_count=Count("costs")).order_by("position", "pk"))
    for source in sources:
        source.form = bound if bound is not None and bound.instance.pk == source.pk else FundingSourceForm(
            instance=source, prefix=f"zdroj-{source.pk}")
    return sources


@area_permission_required("plans.manage_plans")
def funding_sources(request):
    area = request.area
    sources_url = reverse("plans:funding_sources", kwargs={"area_slug": area.slug})
    add_form, bound = FundingSourceForm(prefix="novy"), None
    if request.method == "POST":
        action = request.POST.get("akce")
        if action == "pridat":
            add_form = FundingSourceForm(request.POST, instance=FundingSource(area=area), prefix="novy")
            if _source_saved(request, add_form, _("Zdroj „%(name)s“ je přidán na konec seznamu.")):
                return redirect(sources_url)
        else:
            source = get_object_or_404(FundingSource.objects.for_area(area), pk=_int(request.POST.get("zdroj")) or 0)
            if action != "prejmenovat":
                return _source_action(request, source, action, sources_url)
            bound = FundingSourceForm(request.POST, instance=source, prefix=f"zdroj-{source.pk}")
            if _source_saved(request, bound, _("Zdroj je přejmenován na „%(name)s“.")):
                return redirect(sources_url)
    return render(request, "plans/register/funding_sources.html", {
        "sources": _source_rows(area, bound),
        "add_form": add_form,
        "breadcrumbs": sources_breadcrumbs(area, (_("Zdroje financování"), None)),
    })


def _source_saved(request, form, message):
    """Save a valid source form; the service's objections (an empty or repeated name) go onto the form."""
    if not form.is_valid():
        return False
    try:
        saved = services.funding_source_save(form.instance)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, message % {"name": saved.name})
    return True


def _source_action(request, source, action, sources_url):
    """Move a source up or down, hide it or offer it again."""
    if action in DIRECTIONS:
        services.funding_source_move(source, DIRECTIONS[action])
        return redirect(f"{sources_url}#zdroj-{source.pk}")
    if action in ("skryt", "zobrazit"):
        services.funding_source_set_active(source, action == "zobrazit")
        text = _("Zdroj „%(name)s“ se znovu nabízí.") if source.is_active else _(
            "Zdroj „%(name)s“ je skrytý: nové částky z něj nepůjde zadat, dosavadní zůstávají.")
        messages.success(request, text % {"name": source.name})
    else:
        messages.error(request, _("Neznámá akce."))
    return redirect(sources_url)


@area_permission_required("plans.manage_plans")
def funding_source_delete(request, source_pk):
    area = request.area
    sources_url = reverse("plans:funding_sources", kwargs={"area_slug": area.slug})
    source = get_object_or_404(FundingSource.objects.for_area(area), pk=source_pk)
    if request.method == "POST":
        try:
            services.funding_source_delete(source)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(sources_url)
        messages.success(request, _("Zdroj „%(name)s“ je smazán.") % {"name": source.name})
        return redirect(sources_url)
    if refusal := services.delete_refusal(source):
        messages.error(request, refusal)
        return redirect(sources_url)
    return render(request, "plans/register/confirm_delete.html", {
        "title": _("Smazat zdroj financování"), "back_url": sources_url,
        "question": _("Opravdu smazat zdroj „%(name)s“? Zatím u něj nejsou žádné náklady.") % {"name": source.name},
        "breadcrumbs": sources_breadcrumbs(area, (_("Zdroje financování"), sources_url), (_("Smazat zdroj"), None)),
    })
