"""The needs-and-services maps of working groups: the overview, one group's map, its texts, the chapter as
DOCX and PDF, and the public version of a finished map."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import area_breadcrumbs, staff_breadcrumbs
from openkp.core.documents import DOCX_MIME, PDF_MIME
from openkp.structures.rules import can_manage_group
from openkp.structures.selectors import area_periods, chosen_period

from .. import documents
from ..forms.register import NeedsMapForm
from ..selectors import register as selectors
from ..services import register as services
from .register import analysis_crumb


def maps_crumb(area):
    return (_("Mapy potřeb a služeb"), reverse("needs:map_list", kwargs={"area_slug": area.slug}))


def _group(request, group_slug):
    period = chosen_period(area=request.area, period_id=request.GET.get("obdobi")) if request.GET.get("obdobi") else None
    group = selectors.map_group(area=request.area, slug=group_slug, period=period)
    if group is None:
        raise Http404(_("Skupina v tomto území není."))
    return group


def map_url(group, name="needs:map_detail"):
    return reverse(name, kwargs={"area_slug": group.area.slug, "group_slug": group.slug}) + f"?obdobi={group.period_id}"


def is_published_map(group, needs_map):
    """A map is public when its group is published, it belongs to the current period and its conclusions are
    written (the last part of the chapter: the map is finished)."""
    current = chosen_period(area=group.area)
    return bool(group.is_public and current is not None and group.period_id == current.pk and needs_map.pk
                and needs_map.conclusions.strip())


def may_edit_map(user, group):
    return user.has_perm("needs.manage_needs", group.area) and can_manage_group(user, group)


@area_permission_required("needs.view_analysis")
def map_list(request):
    area = request.area
    period = chosen_period(area=area, period_id=request.GET.get("obdobi"))
    return render(request, "needs/maps/map_list.html", {
        "groups": selectors.map_groups(area=area, period=period) if period else [],
        "period": period,
        "periods": area_periods(area=area),
        "breadcrumbs": staff_breadcrumbs(area, analysis_crumb(area), (_("Mapy potřeb a služeb"), None)),
    })


@area_permission_required("needs.view_analysis")
def map_detail(request, group_slug):
    area = request.area
    group = _group(request, group_slug)
    needs_map = services.needs_map_for(group)
    return render(request, "needs/maps/map_detail.html", {
        **documents.map_context(group, needs_map),
        "can_edit": may_edit_map(request.user, group),
        "can_add_need": request.user.has_perm("needs.manage_needs", area),
        "edit_url": map_url(group, "needs:map_edit"),
        "docx_url": map_url(group, "needs:map_docx"),
        "pdf_url": map_url(group, "needs:map_pdf"),
        "public_url": reverse("needs:public_map", kwargs={"area_slug": area.slug, "group_slug": group.slug})
        if is_published_map(group, needs_map) else None,
        "breadcrumbs": staff_breadcrumbs(area, analysis_crumb(area), maps_crumb(area), (group.name, None)),
    })


@area_permission_required("needs.manage_needs")
def map_edit(request, group_slug):
    area = request.area
    group = _group(request, group_slug)
    if not may_edit_map(request.user, group):
        raise PermissionDenied
    needs_map = services.needs_map_for(group)
    form = NeedsMapForm(request.POST or None, instance=needs_map)
    if request.method == "POST" and form.is_valid():
        services.needs_map_save(needs_map, current_state=form.cleaned_data["current_state"], conclusions=form.cleaned_data["conclusions"])
        messages.success(request, _("Texty mapy skupiny „%(group)s“ jsou uloženy.") % {"group": group.name})
        return redirect(map_url(group))
    return render(request, "needs/maps/map_form.html", {
        "form": form, "group": group, "back_url": map_url(group),
        "breadcrumbs": staff_breadcrumbs(area, analysis_crumb(area), maps_crumb(area), (group.name, map_url(group)), (_("Upravit texty"), None)),
    })


@area_permission_required("needs.view_analysis")
def map_document(request, group_slug, fmt):
    """The map as the chapter "Analýza současného stavu cílové skupiny …" in DOCX or PDF."""
    group = _group(request, group_slug)
    needs_map = services.needs_map_for(group)
    if fmt == "pdf":
        response = HttpResponse(documents.map_pdf(group, needs_map), content_type=PDF_MIME)
    else:
        response = HttpResponse(documents.map_docx(group, needs_map), content_type=DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="analyza-{slugify(group.slug)}-{group.period.start_year}.{fmt}"'
    return response


def public_map(request, group_slug):
    """The map of a published group of the current period, once its conclusions are written (the map is finished);
    without the register's internal notes (reasons, evidence, who raised the need)."""
    area = request.area
    period = chosen_period(area=area)
    group = selectors.map_group(area=area, slug=group_slug, period=period) if period else None
    needs_map = services.needs_map_for(group) if group is not None else None
    if needs_map is None or not is_published_map(group, needs_map):
        raise Http404(_("Mapa potřeb této skupiny zatím není zveřejněna."))
    return render(request, "needs/maps/public_map.html", {
        **documents.map_context(group, needs_map),
        "breadcrumbs": area_breadcrumbs(area, (_("Zjišťování potřeb"), reverse("needs:index", kwargs={"area_slug": area.slug})),
                                        (group.name, None)),
    })
