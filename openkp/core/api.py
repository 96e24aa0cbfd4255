from rest_framework import serializers, viewsets

from .models import Area, Municipality


class MunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["code", "name", "district", "region"]


class AreaSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    municipalities = MunicipalitySerializer(many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Area
        fields = ["slug", "name", "kind", "kind_display", "parent", "url", "municipalities"]


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    """Planning areas served by this installation (public)."""

    serializer_class = AreaSerializer
    lookup_field = "slug"
    queryset = Area.objects.filter(is_active=True).select_related("parent").prefetch_related("municipalities")
