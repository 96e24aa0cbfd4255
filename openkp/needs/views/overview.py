"""Entry pages of the needs analysis: the public one (open surveys, published results) and the staff one."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import area_breadcrumbs, staff_breadcrumbs

from ..models import Survey


def index(request):
    area = request.area
    surveys = Survey.objects.for_area(area).exclude(status=Survey.Status.DRAFT).select_related("area").order_by("-opens_at", "-created_at")
    open_surveys = [survey for survey in surveys if survey.is_collecting()]
    published_results = [survey for survey in surveys if survey.results_public and not survey.is_collecting()]
    return render(request, "needs/index.html", {
        "open_surveys": open_surveys,
        "published_results": published_results,
        "can_manage": request.user.has_perm("needs.view_analysis", area),
        "breadcrumbs": area_breadcrumbs(area, (_("Zjišťování potřeb"), None)),
    })


@area_permission_required("needs.view_analysis")
def staff_index(request):
    area = request.area
    surveys = Survey.objects.for_area(area).select_related("group", "period").order_by("-created_at")
    return render(request, "needs/staff/index.html", {
        "surveys": surveys,
        "breadcrumbs": staff_breadcrumbs(area, (_("Analýza potřeb"), None)),
    })
