from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from openkp.accounts.api import AreaMembershipList
from openkp.catalog.api import ServiceDetail, ServiceList, ServiceTypeViewSet, TargetGroupViewSet
from openkp.core.api import AreaViewSet
from openkp.plans.api import PlanDetail, PlanList

router = DefaultRouter()
router.register("areas", AreaViewSet, basename="area")
router.register("service-types", ServiceTypeViewSet, basename="service-type")
router.register("target-groups", TargetGroupViewSet, basename="target-group")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("areas/<slug:slug>/members/", AreaMembershipList.as_view(), name="area-members"),
    path("services/", ServiceList.as_view(), name="service-list"),
    path("services/<int:pk>/", ServiceDetail.as_view(), name="service-detail"),
    path("plans/", PlanList.as_view(), name="plan-list"),
    path("plans/<int:pk>/", PlanDetail.as_view(), name="plan-detail"),
    *router.urls,
]
