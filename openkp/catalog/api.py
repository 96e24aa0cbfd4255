"""Catalogue API: codebooks and the service search (the same selector as the HTML page)."""

import django_filters
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from openkp.api.fields import MAX_ID, DatabaseIdsFilter
from openkp.api.pagination import check_page_number
from openkp.core.access import INSIDER_PERMISSION
from openkp.core.models import Area

from . import drafts, selectors
from .models import Form, Service, ServiceType, TargetGroup
from .services import service_index

API_PAGE_SIZE = 50


class ServiceTypeSerializer(serializers.ModelSerializer):
    paragraph = serializers.CharField(source="section")

    class Meta:
        model = ServiceType
        fields = ["id", "paragraph", "name", "name_en", "category", "code"]


class TargetGroupSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__")

    class Meta:
        model = TargetGroup
        fields = ["id", "name", "name_en", "code", "is_verified"]


class ServiceTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """Types of social services by section (§) of Act No. 108/2006 Coll."""

    queryset = ServiceType.objects.all()
    serializer_class = ServiceTypeSerializer
    pagination_class = None


class TargetGroupViewSet(viewsets.ReadOnlyModelViewSet):
    """Target groups of the national registry; ``id`` is the value of the ``target_group`` filter."""

    queryset = TargetGroup.objects.all()
    serializer_class = TargetGroupSerializer
    pagination_class = None


# The shapes of the nested parts of a service, for the schema (the values are built by the methods below).
class ProviderPart(serializers.Serializer):
    name = serializers.CharField()
    ico = serializers.CharField(allow_null=True)


class ServiceTypePart(serializers.Serializer):
    paragraph = serializers.CharField()
    name = serializers.CharField()
    code = serializers.CharField()


class TargetGroupPart(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AddressPart(serializers.Serializer):
    name = serializers.CharField()
    address = serializers.CharField()
    municipality_code = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)


class CapacityPart(serializers.Serializer):
    form = serializers.ChoiceField(choices=Form.choices)
    type = serializers.IntegerField()
    unit = serializers.CharField()
    count = serializers.IntegerField()


class ServiceSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    provider = extend_schema_field(ProviderPart)(serializers.SerializerMethodField())
    service_type = extend_schema_field(ServiceTypePart(allow_null=True))(serializers.SerializerMethodField())
    activity_category = serializers.StringRelatedField(allow_null=True)
    forms = extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Form.choices)))(serializers.SerializerMethodField())
    target_groups = extend_schema_field(TargetGroupPart(many=True))(serializers.SerializerMethodField())
    addresses = extend_schema_field(AddressPart(many=True))(serializers.SerializerMethodField())
    capacity = extend_schema_field(CapacityPart(many=True))(serializers.SerializerMethodField())
    # Plain text, not format email/uri: a service without them has an empty string.
    email = serializers.CharField(read_only=True)
    web = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Service
        fields = [
            "id", "registry_id", "kind", "name", "area", "provider", "service_type", "activity_category", "forms",
            "target_groups", "addresses", "capacity", "description", "email", "phone", "web", "url",
        ]

    def get_provider(self, service) -> dict:
        return {"name": service.provider.name, "ico": service.provider.ico}

    def get_service_type(self, service) -> dict | None:
        if service.service_type is None:
            return None
        return {"paragraph": service.service_type.section, "name": service.service_type.name, "code": service.service_type.code}

    def get_forms(self, service) -> list[str]:
        return [form.form for form in service.forms.all()]

    def get_target_groups(self, service) -> list[dict]:
        return [{"id": group.pk, "name": str(group)} for group in service.target_groups.all()]

    def get_addresses(self, service) -> list[dict]:
        return [
            {"name": facility.name, "address": facility.address, "municipality_code": facility.municipality_code,
             "latitude": float(facility.latitude) if facility.has_location else None,
             "longitude": float(facility.longitude) if facility.has_location else None}
            for facility in service.facilities.all()
        ]

    def get_capacity(self, service) -> list[dict]:
        """Registered maxima per form and unit; never summed across forms."""
        return [
            {"form": form.form, "type": capacity.capacity_type.number, "unit": str(capacity.capacity_type), "count": capacity.count}
            for form in service.forms.all() for capacity in form.capacities.all()
        ]

    def get_url(self, service) -> str:
        return self.context["request"].build_absolute_uri(service.get_absolute_url())


class ServiceSearchParams(django_filters.FilterSet):
    """Validation of the search parameters; unknown values are a 400 with a message, not silently ignored."""

    area = django_filters.ModelChoiceFilter(queryset=Area.objects.filter(is_active=True), to_field_name="slug")
    q = django_filters.CharFilter(max_length=200)
    service_type = django_filters.MultipleChoiceFilter(choices=lambda: [(section, section) for section in ServiceType.objects.exclude(section="").values_list("section", flat=True)])
    target_group = DatabaseIdsFilter(queryset=TargetGroup.objects.all())
    form = django_filters.MultipleChoiceFilter(choices=Form.choices)

    class Meta:
        model = Service
        fields = []


class ServiceList(generics.GenericAPIView):
    """Public services and related activities; ``q`` is Czech-aware like the web search."""

    serializer_class = ServiceSerializer
    queryset = Service.objects.none()

    @extend_schema(operation_id="services_list", responses=ServiceSerializer(many=True), parameters=[
        OpenApiParameter("area", OpenApiTypes.STR, description="Slug území, např. ostrava"),
        OpenApiParameter("q", {"type": "string", "maxLength": 200}, description="Hledaný text (bez ohledu na diakritiku a tvary slov)"),
        OpenApiParameter("service_type", OpenApiTypes.STR, description="Paragraf zákona 108/2006 Sb., např. 49", many=True),
        OpenApiParameter("target_group", {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": MAX_ID}},
                         description="id z /api/v1/target-groups/", style="form", explode=True),
        OpenApiParameter("form", OpenApiTypes.STR, enum=Form.values, many=True),
        OpenApiParameter("page", {"type": "integer", "minimum": 1},
                         description="Číslo stránky od 1; stránka, která neexistuje, je 404."),
    ])
    def get(self, request):
        params = ServiceSearchParams(request.query_params, queryset=Service.objects.none())
        if not params.is_valid():
            raise ValidationError(params.errors)
        cleaned = params.form.cleaned_data
        filters = selectors.SearchFilters(
            query=(cleaned["q"] or "").strip(),
            service_types=cleaned["service_type"],
            target_groups=[group.pk for group in cleaned["target_group"]],
            forms=cleaned["form"],
        )
        result = selectors.service_search(area=cleaned["area"], filters=filters, page_number=request.query_params.get("page"),
                                          page_size=API_PAGE_SIZE, with_facets=False, capacities=True)
        page = result.page
        check_page_number(page.paginator, request.query_params.get("page", 1))  # as every other list: no such page is a 404
        url = request.build_absolute_uri()
        return Response({
            "count": result.total,
            "next": replace_query_param(url, "page", page.next_page_number()) if page.has_next() else None,
            "previous": (
                (remove_query_param(url, "page") if page.previous_page_number() == 1 else replace_query_param(url, "page", page.previous_page_number()))
                if page.has_previous() else None
            ),
            "results": self.get_serializer(page.object_list, many=True).data,
        })


class ServiceWriteSerializer(serializers.ModelSerializer):
    """The descriptive fields a provider or coordinator may change (the registry owns the rest)."""

    class Meta:
        model = Service
        fields = drafts.DESCRIPTIVE_FIELDS


class DraftAcceptedSerializer(serializers.Serializer):
    draft = serializers.IntegerField()
    status = serializers.CharField()
    detail = serializers.CharField()


class ServiceDetail(generics.RetrieveUpdateAPIView):
    """One public service. PATCH: a coordinator's change is published at once; a provider's change of
    its own service becomes a draft for the coordinator (202 Accepted)."""

    serializer_class = ServiceSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        if self.request.method == "GET":
            service = get_object_or_404(Service.objects.filter(area__is_active=True).public(), pk=self.kwargs["pk"])
            return selectors.service_detail(area=service.area, pk=service.pk)
        service = get_object_or_404(Service.objects.select_related("area", "provider"), pk=self.kwargs["pk"])
        user = self.request.user
        if not user.has_perm(INSIDER_PERMISSION, service.area):
            raise Http404
        if user.has_perm("catalog.review_changes", service.area):
            return service
        if user.has_perm("catalog.propose_changes", service.area) and service.provider in drafts.provider_organisations(user, service.area):
            return service
        if user.has_perm("catalog.propose_changes", service.area):
            raise Http404  # another provider's service: not even its existence is confirmed
        raise PermissionDenied

    @extend_schema(request=ServiceWriteSerializer, responses={
        200: OpenApiResponse(ServiceSerializer, description="A coordinator's change, published."),
        202: OpenApiResponse(DraftAcceptedSerializer, description="A provider's change, waiting for the coordinator."),
    })
    def patch(self, request, *args, **kwargs):
        service = self.get_object()
        writer = ServiceWriteSerializer(service, data=request.data, partial=True)
        writer.is_valid(raise_exception=True)
        if request.user.has_perm("catalog.review_changes", service.area):
            writer.save()
            service_index(service).save()
            return Response(self.get_serializer(selectors.service_detail(area=service.area, pk=service.pk)).data)
        current = {name: getattr(service, name) for name in drafts.DESCRIPTIVE_FIELDS}
        draft = drafts.draft_submit(area=service.area, organisation=service.provider, user=request.user, service=service,
                                    data={**current, **writer.validated_data})
        return Response({"draft": draft.pk, "status": draft.status, "detail": "Změna čeká na schválení koordinátorem."},
                        status=status.HTTP_202_ACCEPTED)



