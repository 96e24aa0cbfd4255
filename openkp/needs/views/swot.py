"""Staff pages of SWOT / PEST analyses: the list, create, the quadrants with items, merging, dot voting, DOCX."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import staff_breadcrumbs
from openkp.core.documents import DOCX_MIME
from openkp.core.ids import parse_ids

from ..forms.swot import ItemForm, MergeForm, SwotAnalysisForm, VoteForm
from ..models import SwotAnalysis, SwotItem
from ..selectors import swot as selectors
from ..services import swot as services

Status = SwotAnalysis.Status


def _list_crumb(area):
    return (_("SWOT a PEST"), reverse("needs:swot_list", kwargs={"area_slug": area.slug}))


def _detail_crumb(analysis):
    return (analysis.title, reverse("needs:swot_detail", kwargs={"area_slug": analysis.area.slug, "pk": analysis.pk}))


def _analysis(request, pk, perm=None):
    """An analysis of the area that this person may see (and, with ``perm``, do that with); 403 otherwise."""
    analysis = get_object_or_404(SwotAnalysis.objects.for_area(request.area).select_related("area", "group", "period"), pk=pk)
    if not selectors.can_view_analysis(request.user, analysis):
        raise PermissionDenied
    if perm and not request.user.has_perm(perm, analysis):
        raise PermissionDenied
    return analysis


def _detail_url(analysis, category=""):
    url = reverse("needs:swot_detail", kwargs={"area_slug": analysis.area.slug, "pk": analysis.pk})
    return f"{url}#kategorie-{category}" if category else url


def _errors(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]


@area_permission_required("needs.view_swot")
def swot_list(request):
    area = request.area
    return render(request, "needs/swot/list.html", {
        "analyses": selectors.visible_analyses(area=area, user=request.user),
        "can_create": request.user.has_perm("needs.create_swot", area),
        "breadcrumbs": staff_breadcrumbs(area, (_("SWOT a PEST"), None)),
    })


@area_permission_required("needs.create_swot")
def swot_create(request):
    area = request.area
    form = SwotAnalysisForm(request.POST or None, area=area, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not request.user.has_perm("needs.manage_swot", SwotAnalysis(area=area, group=data["group"])):
            raise PermissionDenied
        try:
            analysis = services.swot_create(area=area, group=data["group"], period=data["period"], title=data["title"],
                                            kind=data["kind"], dots_per_member=data["dots_per_member"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Analýza „%(title)s“ je založena; členové skupiny mohou přidávat položky.") % {"title": analysis.title})
            return redirect(_detail_url(analysis))
    return render(request, "needs/swot/form.html", {
        "form": form, "title": _("Nová analýza SWOT / PEST"),
        "breadcrumbs": staff_breadcrumbs(area, _list_crumb(area), (_("Nová analýza"), None)),
    })


def _render_detail(request, analysis, *, add_form=None, vote_form=None, status=200):
    """The detail page; a form that failed is shown bound (with its errors and what was typed) in its quadrant."""
    user = request.user
    quadrants = selectors.analysis_quadrants(analysis, user)
    can_contribute = user.has_perm("needs.contribute_swot", analysis)
    for quadrant in quadrants:
        quadrant.add_form = add_form if add_form is not None and add_form.data.get("category") == quadrant.category else None
        quadrant.vote_form = vote_form if vote_form is not None and vote_form.data.get("category") == quadrant.category else None
        for item in quadrant.items:
            item.vote_value = quadrant.vote_form.data.get(f"dots_{item.pk}", "") if quadrant.vote_form else item.my_dots
    return render(request, "needs/swot/detail.html", {
        "analysis": analysis, "quadrants": quadrants,
        "can_contribute": can_contribute, "can_manage": user.has_perm("needs.manage_swot", analysis),
        "collecting": analysis.status == Status.COLLECTING, "voting": analysis.status == Status.VOTING,
        "closed": analysis.status == Status.CLOSED, "budget_label": selectors.dots_label(analysis.dots_per_member),
        "next_statuses": [(status_value, Status(status_value).label) for status_value in
                          sorted(services.TRANSITIONS[analysis.status], key=Status.values.index)],
        "breadcrumbs": staff_breadcrumbs(request.area, _list_crumb(request.area), (analysis.title, None)),
    }, status=status)


@area_permission_required("needs.view_swot")
def swot_detail(request, pk):
    return _render_detail(request, _analysis(request, pk))


@area_permission_required("needs.view_swot")
@require_POST
def swot_item_add(request, pk):
    analysis = _analysis(request, pk, "needs.contribute_swot")
    form = ItemForm(request.POST, analysis=analysis)
    if form.is_valid():
        try:
            services.item_add(analysis=analysis, category=form.cleaned_data["category"], text=form.cleaned_data["text"],
                              author=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Položka je přidána."))
            return redirect(_detail_url(analysis, form.cleaned_data["category"]))
    return _render_detail(request, analysis, add_form=form)


@area_permission_required("needs.view_swot")
@require_POST
def swot_vote(request, pk):
    analysis = _analysis(request, pk, "needs.contribute_swot")
    category = request.POST.get("category", "")
    if category not in services.categories(analysis):
        messages.error(request, _("Neznámá kategorie; hlasujte z formuláře u některé kategorie."))
        return redirect(_detail_url(analysis))
    quadrant = next(quadrant for quadrant in selectors.analysis_quadrants(analysis, request.user) if quadrant.category == category)
    form = VoteForm(request.POST, analysis=analysis, items=quadrant.items)
    if form.is_valid():
        try:
            services.vote(analysis=analysis, user=request.user, category=category, dots=form.dots())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Vaše body v kategorii „%(category)s“ jsou uloženy.") % {"category": quadrant.label})
            return redirect(_detail_url(analysis, category))
    return _render_detail(request, analysis, vote_form=form)


@area_permission_required("needs.view_swot")
def swot_item_edit(request, pk, item_pk):
    area = request.area
    analysis = _analysis(request, pk, "needs.manage_swot")
    item = get_object_or_404(SwotItem.objects.filter(analysis=analysis, merged_into__isnull=True), pk=item_pk)
    form = ItemForm(request.POST or None, analysis=analysis, initial={"category": item.category, "text": item.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(item=item, text=form.cleaned_data["text"], category=form.cleaned_data["category"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Položka je upravena."))
            return redirect(_detail_url(analysis, item.category))
    return render(request, "needs/swot/item_form.html", {
        "analysis": analysis, "item": item, "form": form,
        "breadcrumbs": staff_breadcrumbs(area, _list_crumb(area), _detail_crumb(analysis), (_("Upravit položku"), None)),
    })


@area_permission_required("needs.view_swot")
@require_POST
def swot_item_delete(request, pk, item_pk):
    analysis = _analysis(request, pk, "needs.manage_swot")
    item = get_object_or_404(SwotItem.objects.filter(analysis=analysis, merged_into__isnull=True), pk=item_pk)
    try:
        services.item_delete(item=item)
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
    else:
        messages.success(request, _("Položka „%(text)s“ je smazána.") % {"text": item.text})
    return redirect(_detail_url(analysis, item.category))


@area_permission_required("needs.view_swot")
def swot_merge(request, pk):
    """Merge duplicates: the items come ticked from the detail page (GET), the manager picks the one to keep
    and edits its text (POST)."""
    area = request.area
    analysis = _analysis(request, pk, "needs.manage_swot")
    if request.method == "POST":
        form = MergeForm(request.POST, analysis=analysis)
    else:
        chosen = parse_ids(request.GET.getlist("polozky"))
        form = MergeForm(analysis=analysis, initial={"items": chosen, "keep": chosen[0] if chosen else None,
                                                     "text": SwotItem.objects.filter(analysis=analysis, pk__in=chosen[:1])
                                                     .values_list("text", flat=True).first() or ""})
        if len(chosen) < 2:
            messages.warning(request, _("Ke sloučení vyberte alespoň dvě položky stejné kategorie."))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            kept = services.items_merge(analysis=analysis, items=data["items"], keep=data["keep"], text=data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Položky jsou sloučeny do „%(text)s“; body se sečetly.") % {"text": kept.text})
            return redirect(_detail_url(analysis, kept.category))
    return render(request, "needs/swot/merge.html", {
        "analysis": analysis, "form": form,
        "breadcrumbs": staff_breadcrumbs(area, _list_crumb(area), _detail_crumb(analysis), (_("Sloučit položky"), None)),
    })


@area_permission_required("needs.view_swot")
@require_POST
def swot_status(request, pk):
    analysis = _analysis(request, pk, "needs.manage_swot")
    try:
        services.set_status(analysis=analysis, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
    else:
        messages.success(request, _("Analýza je ve stavu „%(status)s“.") % {"status": analysis.get_status_display()})
    return redirect(_detail_url(analysis))


@area_permission_required("needs.view_swot")
def swot_docx(request, pk):
    analysis = _analysis(request, pk)
    response = HttpResponse(selectors.analysis_docx(analysis), content_type=DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{analysis.kind}-{analysis.pk}-{slugify(analysis.title)[:40]}.docx"'
    response["Cache-Control"] = "no-store"
    return response


def group_swot_section(request, group):
    """The group's latest closed analysis as a section of the group's public page (registered in NeedsConfig.ready)."""
    swot = selectors.swot_for_group(group)
    if swot is None:
        return ""
    return render_to_string("needs/swot/includes/group_swot.html", {"swot": swot}, request=request)
