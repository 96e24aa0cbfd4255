"""Staff pages of the needs register: the list with filters, a need with its evidence, services and gaps,
create/edit of needs, and add/edit/delete of their gaps."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from openkp.core.access import area_permission_required, get_for_area_or_404
from openkp.core.breadcrumbs import staff_breadcrumbs

from ..extensions import need_sections
from ..forms.register import GapForm, NeedFilterForm, NeedForm, may_change_need
from ..models import Gap, Need
from ..selectors import register as selectors
from ..services import register as services

PAGE_SIZE = 25


def optional_url(name, **kwargs):
    """The URL of a page of another part of the analysis, or None while that page does not exist."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def analysis_crumb(area):
    return (_("Analýza potřeb"), reverse("needs:staff_index", kwargs={"area_slug": area.slug}))


def register_crumb(area):
    return (_("Registr potřeb"), reverse("needs:need_list", kwargs={"area_slug": area.slug}))


def _need_for_change(request, pk):
    need = get_object_or_404(Need.objects.for_area(request.area).select_related("group", "area"), pk=pk)
    if not may_change_need(request.user, need):
        raise PermissionDenied
    return need


def _querystring(request, *, without=()):
    return urlencode([(key, value) for key, values in request.GET.lists() if key not in without for value in values if value])


@area_permission_required("needs.view_analysis")
def need_list(request):
    area = request.area
    form = NeedFilterForm(request.GET, area=area)
    needs = selectors.need_list(area=area, **form.selector_filters())
    page_obj = Paginator(needs, PAGE_SIZE).get_page(request.GET.get("strana"))
    counts = [item for item in selectors.status_counts(needs) if item[2]]
    return render(request, "needs/register/need_list.html", {
        "form": form,
        "page_obj": page_obj,
        "counts": counts,
        "total": page_obj.paginator.count,
        "querystring": _querystring(request, without=("strana",)),
        "can_create": request.user.has_perm("needs.manage_needs", area),
        "breadcrumbs": staff_breadcrumbs(area, analysis_crumb(area), (_("Registr potřeb"), None)),
    })


def _evidence(need, area):
    """Links of the need's evidence to the pages where it can be checked."""
    questions = [(question, _question_url(question, area)) for question in need.questions.all()]
    swot_items = [(item, optional_url("needs:swot_detail", area_slug=area.slug, pk=item.analysis_id)) for item in need.swot_items.all()]
    minutes = [(entry, reverse("structures:meeting", kwargs={"area_slug": area.slug, "slug": entry.meeting.group.slug, "pk": entry.meeting_id}))
               for entry in need.minutes.all()]
    demography_url = reverse("needs:demography", kwargs={"area_slug": area.slug})
    figures = [(figure, f"{demography_url}?{urlencode({'ukazatel': figure.indicator})}") for figure in need.figures.all()]
    return {"questions": questions, "themes": list(need.themes.all()), "swot_items": swot_items, "minutes": minutes, "figures": figures}


def _question_url(question, area):
    url = optional_url("needs:survey_analysis", area_slug=area.slug, pk=question.version.survey_id)
    return f"{url}#otazka-{question.code}" if url else None


@area_permission_required("needs.view_analysis")
def need_detail(request, pk):
    area = request.area
    need = selectors.need_detail(area=area, pk=pk)
    if need is None:
        raise Http404(_("Potřeba v tomto území není."))
    evidence = _evidence(need, area)
    return render(request, "needs/register/need_detail.html", {
        "need": need,
        "evidence": evidence,
        "has_evidence": any(evidence.values()) or bool(need.evidence_note),
        "services": [selectors.service_summary(service) for service in need.services.all()],
        "gaps": list(need.gaps.all()),
        "sections": need_sections(request, need),
        "can_change": may_change_need(request.user, need),
        "can_view_history": request.user.has_perm("core.view_history", area),
        "map_url": reverse("needs:map_detail", kwargs={"area_slug": area.slug, "group_slug": need.group.slug}) + f"?obdobi={need.group.period_id}"
        if need.group else None,
        "breadcrumbs": staff_breadcrumbs(area, analysis_crumb(area), register_crumb(area), (need.title, None)),
    })


@area_permission_required("needs.manage_needs")
def need_edit(request, pk=None):
    area = request.area
    need = _need_for_change(request, pk) if pk else Need(area=area)
    if request.method == "POST" and "filtrovat" in request.POST:
        form = NeedForm(instance=need, initial=NeedForm.initial_from(request.POST), area=area, user=request.user)
    else:
        form = NeedForm(request.POST or None, instance=need, area=area, user=request.user)
        if request.method == "POST" and form.is_valid():
            relations = {name: form.cleaned_data[name] for name in services.NEED_RELATIONS}
            saved = services.need_save(form.instance, relations=relations)
            messages.success(request, _("Potřeba „%(title)s“ je uložena.") % {"title": saved.title})
            return redirect(saved.get_absolute_url())
    title = _("Upravit potřebu") if need.pk else _("Nová potřeba")
    trail = [register_crumb(area)] + ([(need.title, need.get_absolute_url())] if need.pk else []) + [(title, None)]
    return render(request, "needs/register/need_form.html", {
        "form": form, "need": need, "title": title,
        "back_url": need.get_absolute_url() if need.pk else reverse("needs:need_list", kwargs={"area_slug": area.slug}),
        "breadcrumbs": staff_breadcrumbs(area, analysis_crumb(area), *trail),
    })


def gap_url(gap):
    return f"{gap.need.get_absolute_url()}#mezera-{gap.pk}"


@area_permission_required("needs.manage_needs")
def gap_edit(request, pk, gap_pk=None):
    area = request.area
    need = _need_for_change(request, pk)
    gap = get_object_or_404(Gap.objects.filter(need=need), pk=gap_pk) if gap_pk else Gap(area=area, need=need)
    form = GapForm(request.POST or None, instance=gap)
    if request.method == "POST" and form.is_valid():
        saved = services.gap_save(form.instance)
        messages.success(request, _("Chybějící služba „%(title)s“ je uložena.") % {"title": saved.title})
        return redirect(gap_url(saved))
    title = _("Upravit chybějící službu") if gap.pk else _("Nová chybějící služba")
    return render(request, "needs/register/gap_form.html", {
        "form": form, "need": need, "gap": gap, "title": title, "back_url": need.get_absolute_url(),
        "breadcrumbs": staff_breadcrumbs(area, analysis_crumb(area), register_crumb(area), (need.title, need.get_absolute_url()), (title, None)),
    })


@area_permission_required("needs.manage_needs")
@require_http_methods(["GET", "POST"])
def gap_delete(request, pk, gap_pk):
    area = request.area
    need = _need_for_change(request, pk)
    gap = get_object_or_404(Gap.objects.filter(need=need), pk=gap_pk)
    if request.method == "POST":
        services.gap_delete(gap)
        messages.success(request, _("Chybějící služba „%(title)s“ je smazána.") % {"title": gap.title})
        return redirect(need.get_absolute_url())
    return render(request, "needs/register/gap_delete.html", {
        "need": need, "gap": gap,
        "breadcrumbs": staff_breadcrumbs(area, analysis_crumb(area), register_crumb(area), (need.title, need.get_absolute_url()),
                                         (_("Smazat chybějící službu"), None)),
    })


@area_permission_required("needs.view_analysis")
def gap_detail(request, gap_pk):
    """The stable address of a gap (measures of the plan link to it): its place on the need's page."""
    gap = get_for_area_or_404(Gap, request.area, pk=gap_pk)
    return redirect(gap_url(gap))
