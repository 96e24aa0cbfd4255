from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from openkp.accounts.api import AreaMembershipList
from openkp.core.api import AreaViewSet

router = DefaultRouter()
router.register("areas", AreaViewSet, basename="area")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("areas/<slug:slug>/members/", AreaMembershipList.as_view(), name="area-members"),
    *router.urls,
]
