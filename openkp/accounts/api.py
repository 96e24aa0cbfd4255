from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers

from openkp.api.permissions import AreaPermission
from openkp.core.models import Area

from . import selectors
from .models import Membership


class OrganisationPart(serializers.Serializer):
    name = serializers.CharField()
    ico = serializers.CharField(allow_null=True)


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username")
    name = serializers.CharField(source="user.get_full_name")
    email = serializers.CharField(source="user.email")  # may be empty, so not format "email"
    role_display = serializers.CharField(source="get_role_display")
    organisation = extend_schema_field(OrganisationPart(allow_null=True))(serializers.SerializerMethodField())

    class Meta:
        model = Membership
        fields = ["id", "username", "name", "email", "role", "role_display", "organisation"]

    def get_organisation(self, membership) -> dict | None:
        if membership.organisation is None:
            return None
        return {"name": membership.organisation.name, "ico": membership.organisation.ico}


class AreaMembershipList(generics.ListAPIView):
    """People with a role in the area (staff only: coordinators, group managers, observers)."""

    serializer_class = MembershipSerializer
    permission_classes = [AreaPermission]
    required_permission = "accounts.view_people"

    def get_area(self):
        return get_object_or_404(Area, slug=self.kwargs["slug"], is_active=True)

    def get_queryset(self):
        return selectors.area_people(area=self.get_area())
