from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from openkp.accounts.api import AreaMembershipList
from openkp.catalog.api import ServiceDetail, ServiceList, ServiceTypeViewSet, TargetGroupViewSet
from openkp.core.api import AreaViewSet
from openkp.plans.api import PlanDetail, PlanList

# What Redoc (drf-spectacular-sidecar) needs beyond the site's CSP: it inserts two <style> elements when
# its bundle loads, before it gets the page's nonce (an empty one and the perfect-scrollbar CSS: allowed
# by their hashes, which change only with the pinned sidecar version), and runs its search in a worker
# made from a blob: URL. The browser test of the page fails when the bundle needs anything else.
REDOC_CSP = {
    "style-src": ["'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='", "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='"],
    "worker-src": ["'self'", "blob:"],
}

router = DefaultRouter()
router.register("areas", AreaViewSet, basename="area")
router.register("service-types", ServiceTypeViewSet, basename="service-type")
router.register("target-groups", TargetGroupViewSet, basename="target-group")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", csp_update(REDOC_CSP)(
        SpectacularRedocView.as_view(url_name="api-schema", template_name="api/docs.html")), name="api-docs"),
    path("areas/<slug:slug>/members/", AreaMembershipList.as_view(), name="area-members"),
    path("services/", ServiceList.as_view(), name="service-list"),
    path("services/<int:pk>/", ServiceDetail.as_view(), name="service-detail"),
    path("plans/", PlanList.as_view(), name="plan-list"),
    path("plans/<int:pk>/", PlanDetail.as_view(), name="plan-detail"),
    *router.urls,
]
