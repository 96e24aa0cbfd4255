"""Plan API (read-only): the plans of an area and one plan in full, as the same snapshot the plan document prints.

Anybody reads the public plans (approved, in force, closed, drafts made public); people of the area also its other
plans. A plan the requester may not see is a 404, like in the web pages.
"""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from openkp.core.models import Area

from .models import Plan
from .selectors.public import public_plans
from .services.snapshot import snapshot

PERMISSION = "plans.view_plan"
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")  # an area's slug (SlugField)


def visible_plans(user, area):
    """The area's plans this person may read."""
    if user.is_authenticated and user.has_perm(PERMISSION, area):
        return Plan.objects.for_area(area)
    return public_plans(area)


class PlanSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = ["id", "area", "title", "start_year", "end_year", "status", "status_label", "summary", "resolution_number",
                  "resolution_date", "url"]

    def get_url(self, plan) -> str:
        """The plan's address in this API."""
        return self.context["request"].build_absolute_uri(reverse("plan-detail", kwargs={"pk": plan.pk}))


class PlanWithContentSerializer(PlanSerializer):
    """Only for the schema: the view adds ``content`` to the plan's fields."""

    content = serializers.JSONField(
        read_only=True, help_text="The plan's snapshot (format 1): plan, years, sources, chapters, priorities, risks.")

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "content"]


@extend_schema(parameters=[OpenApiParameter("area", {"type": "string", "pattern": SLUG.pattern}, required=True, description="Slug of the planning area, e.g. ostrava.")])
class PlanList(generics.ListAPIView):
    """Plans of one area, newest period first."""

    serializer_class = PlanSerializer

    def get_queryset(self):
        slug = self.request.query_params.get("area", "")
        if not SLUG.fullmatch(slug):  # also keeps a NUL character away from PostgreSQL
            raise Http404
        area = get_object_or_404(Area, slug=slug)
        return visible_plans(self.request.user, area).select_related("area").order_by("-start_year", "-created_at", "-pk")


class PlanDetail(generics.RetrieveAPIView):
    """One plan in full: ``content`` holds its chapters and the hierarchy priority → goal → measure → activity with
    numbers, costs per year and funding source, indicators with targets per year, milestones and risks."""

    serializer_class = PlanSerializer

    def get_object(self):
        plan = get_object_or_404(Plan.objects.select_related("area"), pk=self.kwargs["pk"])
        if not visible_plans(self.request.user, plan.area).filter(pk=plan.pk).exists():
            raise Http404
        return plan

    @extend_schema(responses=PlanWithContentSerializer)
    def get(self, request, *args, **kwargs):
        plan = self.get_object()
        return Response({**self.get_serializer(plan).data, "content": snapshot(plan)})

