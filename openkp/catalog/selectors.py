"""Reads of the catalogue. One search serves the HTML page, the htmx partial and the API."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When

from . import text
from .models import Facility, Form, LifeSituation, Service, ServiceForm, ServiceType, TargetGroup

PAGE_SIZE = 20
SORTS = ("relevance", "name")


@dataclass
class SearchFilters:
    """What a citizen asked for. Lists hold the selected values of each facet."""

    query: str = ""
    situations: list = field(default_factory=list)  # LifeSituation slugs
    service_types: list = field(default_factory=list)  # sections of the Act ("49", "60a")
    target_groups: list = field(default_factory=list)  # TargetGroup ids
    forms: list = field(default_factory=list)  # "amb", "pob", "ter"
    municipalities: list = field(default_factory=list)  # municipality codes
    parts: list = field(default_factory=list)  # MunicipalityPart ids (city districts)
    kind: str = ""  # "", "service" or "activity"
    sort: str = "relevance"

    @property
    def is_empty(self):
        return not (self.query or self.situations or self.service_types or self.target_groups or self.forms
                    or self.municipalities or self.parts or self.kind)


@dataclass
class SearchResult:
    page: object
    total: int
    facets: dict
    filters: SearchFilters


def text_condition(query, field_name="search_text"):
    """Every word of the query must match (by prefix) one normalised form in the field."""
    condition = Q()
    for forms in text.query_terms(query):
        alternatives = Q()
        for form, is_prefix in forms:
            alternatives |= Q(**{f"{field_name}__contains": f" {form}" if is_prefix else f" {form} "})
        condition &= alternatives
    return condition


def situation_condition(situations):
    """A life situation matches services of its types and activities of its categories;
    a situation defined only by target groups matches services for those groups."""
    condition = Q()
    for situation in situations:
        type_ids = [item.pk for item in situation.service_types.all()]
        category_ids = [item.pk for item in situation.activity_categories.all()]
        if type_ids or category_ids:
            condition |= Q(service_type__in=type_ids) | Q(activity_category__in=category_ids)
        else:
            group_ids = [item.pk for item in situation.target_groups.all()]
            condition |= Q(Exists(Service.target_groups.through.objects.filter(service=OuterRef("pk"), targetgroup__in=group_ids)))
    return condition


def _facet_conditions(filters, situations):
    """One condition per facet, so each facet's counts can ignore its own selection."""
    through_groups = Service.target_groups.through.objects
    conditions = {}
    if filters.situations:
        conditions["situations"] = situation_condition([item for item in situations if item.slug in filters.situations])
    if filters.service_types:
        conditions["service_types"] = Q(service_type__section__in=filters.service_types)
    if filters.target_groups:
        conditions["target_groups"] = Q(Exists(through_groups.filter(service=OuterRef("pk"), targetgroup__in=filters.target_groups)))
    if filters.forms:
        conditions["forms"] = Q(Exists(ServiceForm.objects.filter(service=OuterRef("pk"), form__in=filters.forms)))
    if filters.municipalities:
        conditions["municipalities"] = Q(Exists(Facility.objects.filter(service=OuterRef("pk"), municipality__code__in=filters.municipalities)))
    if filters.parts:
        conditions["parts"] = Q(Exists(Facility.objects.filter(service=OuterRef("pk"), part__in=filters.parts)))
    if filters.kind in (Service.Kind.SERVICE, Service.Kind.RELATED_ACTIVITY):
        conditions["kind"] = Q(kind=filters.kind)
    return conditions


def _filtered(base, conditions, *, except_facet=None):
    for name, condition in conditions.items():
        if name != except_facet:
            base = base.filter(condition)
    return base


def service_search(*, area, filters, page_number=1, page_size=PAGE_SIZE, with_facets=True):
    """Public services and activities of the area matching ``filters``, ranked and paginated, with facet counts."""
    situations = list(LifeSituation.objects.for_area(area).prefetch_related("service_types", "activity_categories", "target_groups")) if area else []
    base = (Service.objects.for_area(area) if area else Service.objects.filter(area__is_active=True)).public()
    if filters.query:
        base = base.filter(text_condition(filters.query))
    conditions = _facet_conditions(filters, situations)
    matched = _filtered(base, conditions)

    ordering = ["sort_name", "pk"]
    if filters.query and filters.sort == "relevance":
        name_match = text_condition(filters.query, "search_name")
        matched = matched.annotate(rank=Case(When(name_match, then=Value(0)), default=Value(1), output_field=IntegerField()))
        ordering = ["rank", *ordering]
    matched = matched.order_by(*ordering).select_related("service_type", "provider", "activity_category", "area").prefetch_related(
        "target_groups",
        Prefetch("forms", queryset=ServiceForm.objects.prefetch_related("capacities__capacity_type")),
        Prefetch("facilities", queryset=Facility.objects.select_related("municipality", "part")),
    )
    page = Paginator(matched, page_size).get_page(page_number)
    facets = _facets(base, conditions, situations, filters) if with_facets else {}
    return SearchResult(page=page, total=page.paginator.count, facets=facets, filters=filters)


def _facets(base, conditions, situations, filters):
    """Counts per facet value, each computed with the other facets' selections applied."""
    facets = {}
    for_situations = _filtered(base, conditions, except_facet="situations")
    if situations:
        counts = for_situations.aggregate(**{f"s{item.pk}": Count("pk", filter=situation_condition([item])) for item in situations})
        facets["situations"] = [
            (item.slug, item.title, counts[f"s{item.pk}"], item.slug in filters.situations) for item in situations
        ]
    type_counts = dict(
        _filtered(base, conditions, except_facet="service_types").exclude(service_type=None)
        .values_list("service_type").annotate(n=Count("pk")).order_by()
    )
    facets["service_types"] = [
        (item.section, str(item), type_counts[item.pk], item.section in filters.service_types)
        for item in ServiceType.objects.filter(pk__in=type_counts).exclude(section="")
    ]
    group_counts = dict(
        Service.target_groups.through.objects.filter(service__in=_filtered(base, conditions, except_facet="target_groups"))
        .values_list("targetgroup").annotate(n=Count("service", distinct=True)).order_by()
    )
    facets["target_groups"] = sorted(
        ((item.pk, str(item), group_counts[item.pk], str(item.pk) in map(str, filters.target_groups))
         for item in TargetGroup.objects.filter(pk__in=group_counts)),
        key=lambda row: -row[2],
    )
    form_counts = dict(
        ServiceForm.objects.filter(service__in=_filtered(base, conditions, except_facet="forms"))
        .values_list("form").annotate(n=Count("service", distinct=True)).order_by()
    )
    facets["forms"] = [(value, label, form_counts[value], value in filters.forms) for value, label in Form.choices if value in form_counts]
    facets["parts"] = _place_facet(base, conditions, filters, "parts", "part", "part__name")
    facets["municipalities"] = _place_facet(base, conditions, filters, "municipalities", "municipality__code", "municipality__name")
    return facets


def _place_facet(base, conditions, filters, facet, key, label):
    rows = (
        Facility.objects.filter(service__in=_filtered(base, conditions, except_facet=facet)).exclude(**{key: None})
        .values_list(key, label).annotate(n=Count("service", distinct=True)).order_by(label)
    )
    selected = set(map(str, getattr(filters, facet)))
    return [(value, name, count, str(value) in selected) for value, name, count in rows]


def service_detail(*, area, pk):
    """One public service with everything its detail page shows (few queries, any data size)."""
    return (
        Service.objects.for_area(area).public()
        .select_related("service_type", "provider", "activity_category", "area")
        .prefetch_related(
            "target_groups", "age_groups", "served_municipalities", "served_parts",
            Prefetch("forms", queryset=ServiceForm.objects.prefetch_related("capacities__capacity_type")),
            Prefetch("facilities", queryset=Facility.objects.select_related("municipality", "part")),
        )
        .get(pk=pk)
    )


def map_points(*, result, limit):
    """Located facilities of all services of a search result (not only the current page)."""
    matched = result.page.paginator.object_list
    rows = (
        Facility.objects.filter(service__in=matched.values("pk"), latitude__isnull=False, longitude__isnull=False)
        .select_related("service", "municipality", "service__area")[:limit]
    )
    return [
        {"lat": float(row.latitude), "lon": float(row.longitude), "name": row.service.name, "place": row.name,
         "address": row.address, "url": row.service.get_absolute_url()}
        for row in rows
    ]
