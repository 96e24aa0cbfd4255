"""Entry pages of the needs analysis: the public one (open surveys, published results) and the staff hub."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils.translation import gettext as _

from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import area_breadcrumbs, staff_breadcrumbs

from ..models import Gap, Need, Response, Survey, SwotAnalysis, Theme
from ..selectors.register import published_maps


def index(request):
    area = request.area
    surveys = Survey.objects.for_area(area).exclude(status=Survey.Status.DRAFT).select_related("area").order_by("-opens_at", "-created_at")
    open_surveys = [survey for survey in surveys if survey.is_collecting()]
    published_results = [survey for survey in surveys if survey.results_public]
    return render(request, "needs/index.html", {
        "open_surveys": open_surveys,
        "published_results": published_results,
        "published_maps": published_maps(area=area),
        "can_manage": request.user.has_perm("needs.view_analysis", area),
        "breadcrumbs": area_breadcrumbs(area, (_("Zjišťování potřeb"), None)),
    })


@area_permission_required("needs.view_analysis")
def staff_index(request):
    area = request.area
    complete = Q(responses__status=Response.Status.COMPLETE)
    surveys = (Survey.objects.for_area(area).select_related("area", "group__area", "period", "current_version")
               .annotate(answered=Count("responses", filter=complete)).order_by("-created_at"))
    needs = {row["status"]: row["n"] for row in Need.objects.for_area(area).values("status").annotate(n=Count("id"))}
    user = request.user
    return render(request, "needs/staff/index.html", {
        "surveys": surveys,
        "need_rows": [(label, needs.get(value, 0)) for value, label in Need.Status.choices],
        "need_total": sum(needs.values()),
        "gap_count": Gap.objects.for_area(area).count(),
        "swot_count": SwotAnalysis.objects.for_area(area).count(),
        "theme_count": Theme.objects.for_area(area).count(),
        "can": {
            "manage_surveys": user.has_perm("needs.manage_surveys", area),
            "enter_responses": user.has_perm("needs.enter_responses", area),
            "code_answers": user.has_perm("needs.code_answers", area),
            "manage_needs": user.has_perm("needs.manage_needs", area),
            "import_demography": user.has_perm("needs.import_demography", area),
        },
        "breadcrumbs": staff_breadcrumbs(area, (_("Analýza potřeb"), None)),
    })
