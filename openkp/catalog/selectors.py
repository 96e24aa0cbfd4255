"""Reads of the catalogue. One search serves the HTML page, the htmx partial and the API."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, Count, Max, OuterRef, Prefetch, Q, Subquery, Value, When

from openkp.core.models import Area, Municipality, MunicipalityPart

from . import text, text_index
from .facet_index import IndexCounts, facet_index
from .models import Capacity, CatalogueDeletion, Facility, Form, LifeSituation, Service, ServiceForm, ServiceType, TargetGroup
from .services import czech_sort_key

PAGE_SIZE = 20
PLACE_FACET_LIMIT = 30
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
    """Every word of the query must match (by prefix) one normalised form in the field: ``LIKE`` on
    the column, a scan. ``text_match`` uses the inverted index instead where there is one."""
    condition = Q()
    for forms in text.query_terms(query):
        alternatives = Q()
        for form, is_prefix in forms:
            alternatives |= Q(**{f"{field_name}__contains": f" {form}" if is_prefix else f" {form} "})
        condition &= alternatives
    return condition


def text_match(query, field_name="search_text"):
    """The services whose ``field_name`` matches the query, as a filter condition: by the database's
    inverted index (text_index.py) when it can answer the query, else by ``text_condition``. Both give
    the same services; a query without usable words (only one-letter words or punctuation) matches all."""
    terms = text.query_terms(query)
    if not terms:
        return Q()
    return text_index.condition(terms, field_name) or text_condition(query, field_name)


def _text_rank(query, sort):
    """0 for the services whose name matches the query (listed first when sorting by relevance), else 1."""
    if not (query and sort == "relevance" and text.query_terms(query)):
        return Value(1)
    return Case(When(text_match(query, "search_name"), then=Value(0)), default=Value(1))


def situation_keys(situation):
    """Facet keys a life situation stands for: its service types and activity categories, or,
    for a situation defined only by target groups, those groups."""
    keys = {f"t:{item.pk}" for item in situation.service_types.all()}
    keys |= {f"c:{item.pk}" for item in situation.activity_categories.all()}
    return keys or {f"g:{item.pk}" for item in situation.target_groups.all()}


def _selected_keys(filters, situations):
    """Per selected facet, the facet keys of which a service needs at least one."""
    selected = {}
    if filters.situations:
        selected["situations"] = set().union(*(situation_keys(item) for item in situations if item.slug in filters.situations))
    if filters.service_types:
        type_ids = ServiceType.objects.filter(section__in=filters.service_types).values_list("pk", flat=True)
        selected["service_types"] = {f"t:{pk}" for pk in type_ids}
    for facet, prefix, values in (("target_groups", "g", filters.target_groups), ("forms", "f", filters.forms),
                                  ("municipalities", "m", filters.municipalities), ("parts", "p", filters.parts)):
        if values:
            selected[facet] = {f"{prefix}:{value}" for value in values}
    if filters.kind in (Service.Kind.SERVICE, Service.Kind.RELATED_ACTIVITY):
        selected["kind"] = {f"k:{filters.kind}"}
    return selected


def search_stamp(area):
    """What the area's search results depend on, in one query of index seeks: the newest ``updated_at`` of its
    services (every write path moves it, see ``ServiceQuerySet``; also ending or unpublishing), the last deletion
    of a service, and count and newest change of its life situations. Cached search pages and the facet index
    are current as long as the stamp is the same."""
    newest = Service.objects.filter(area=OuterRef("pk")).order_by("-updated_at").values("updated_at")[:1]
    deleted = CatalogueDeletion.objects.filter(area=OuterRef("pk")).values("deleted_at")[:1]
    situations = LifeSituation.objects.filter(area=OuterRef("pk")).order_by().values("area")
    row = (Area.objects.filter(pk=area.pk)
           .annotate(newest=Subquery(newest), deleted=Subquery(deleted),
                     situations=Subquery(situations.annotate(n=Count("*")).values("n")),
                     situations_changed=Subquery(situations.annotate(last=Max("updated_at")).values("last")))
           .values_list("newest", "deleted", "situations", "situations_changed").first())
    return tuple(row) if row else None


def service_search(*, area, filters, page_number=1, page_size=PAGE_SIZE, with_facets=True, stamp=None, capacities=False):
    """Public services and activities of the area matching ``filters``, ranked and paginated, with facet counts.

    Within an area, the area's facet index (see facet_index.py) matches, counts and cuts the page in memory
    after one cheap query (none when the caller passes the ``search_stamp``); a text query adds one query that
    returns the ids of the services matching the text, each with its rank, from the database's inverted index
    (text_index.py). Only the services of the page are loaded (``capacities`` adds their capacities, for the
    API), and the query count does not depend on the number of facets or services. ``with_facets`` adds the
    counts per facet value (the HTML page). Across all areas (the API without ``area``) the database filters on
    the text index and the facet-keys column, orders and cuts the page.
    """
    situations = []
    if area is not None and (with_facets or filters.situations):
        situations = list(LifeSituation.objects.for_area(area).prefetch_related("service_types", "activity_categories", "target_groups"))
    base = (Service.objects.for_area(area) if area else Service.objects.filter(area__is_active=True)).public()
    selected = _selected_keys(filters, situations)
    if area is None:
        matching = base.filter(text_match(filters.query)) if filters.query else base
        ids = (matching.filter(_facet_condition(selected)).annotate(rank=_text_rank(filters.query, filters.sort))
               .order_by("rank", "sort_name", "pk").values_list("pk", flat=True))
        return _result(ids, None, situations, filters, page_number, page_size, capacities)
    index = facet_index(base, key=area.pk, stamp=stamp or search_stamp(area))
    within, first = None, 0
    terms = text.query_terms(filters.query)
    if terms:
        # The text index alone answers (the facet index keeps only the area's public services); without
        # it, the LIKE condition on the area's public services.
        found = text_index.matches(terms, rank_by_name=filters.sort == "relevance")
        if found is None:
            rows = base.filter(text_match(filters.query)).annotate(rank=_text_rank(filters.query, filters.sort)).values_list("pk", "rank")
            found = [(pk, False) for pk, _rank in rows] + [(pk, True) for pk, rank in rows if rank == 0]  # as matches() returns them
        within = index.bits_of(pk for pk, in_name in found if not in_name)
        first = index.bits_of(pk for pk, in_name in found if in_name)
    counts = IndexCounts(index, selected, within=within, first=first)
    return _result(counts.ids(), counts if with_facets else None, situations, filters, page_number, page_size, capacities)


def _result(ids, counts, situations, filters, page_number, page_size, capacities):
    page = Paginator(ids, page_size).get_page(page_number)
    page.object_list = _services_in_order(list(page.object_list), capacities)
    facets = _facets(counts, situations, filters) if counts is not None else {}
    return SearchResult(page=page, total=page.paginator.count, facets=facets, filters=filters)


def _facet_condition(selected):
    """The selected facets as SQL on the facet-keys column (every facet, any of its values)."""
    condition = Q()
    for wanted in selected.values():
        alternatives = Q(pk__in=[])  # a facet whose values match nothing (an unknown §) matches no service
        for key in wanted:
            alternatives |= Q(facet_keys__contains=f" {key} ")
        condition &= alternatives
    return condition


def _services_in_order(ids, capacities=False):
    forms = ServiceForm.objects.all()
    if capacities:
        forms = forms.prefetch_related(Prefetch("capacities", queryset=Capacity.objects.select_related("capacity_type")))
    services = Service.objects.filter(pk__in=ids).select_related("service_type", "provider", "activity_category", "area").prefetch_related(
        "target_groups", Prefetch("forms", queryset=forms),
        Prefetch("facilities", queryset=Facility.objects.select_related("municipality", "part")),
    )
    by_id = {service.pk: service for service in services}
    return [by_id[pk] for pk in ids if pk in by_id]


def _facets(counts, situations, filters):
    """Counts per facet value (``counts`` is an IndexCounts)."""
    facets = {}
    if situations:
        facets["situations"] = [
            (item.slug, item.title, counts.any_of("situations", situation_keys(item)), item.slug in filters.situations)
            for item in situations
        ]
    types = counts.values("service_types", "t:")
    facets["service_types"] = [
        (item.section, str(item), types[str(item.pk)], item.section in filters.service_types)
        for item in ServiceType.objects.filter(pk__in=types).exclude(section="")
    ]
    groups = counts.values("target_groups", "g:")
    chosen = set(map(str, filters.target_groups))
    facets["target_groups"] = sorted(
        ((item.pk, str(item), groups[str(item.pk)], str(item.pk) in chosen) for item in TargetGroup.objects.filter(pk__in=groups)),
        key=lambda row: -row[2],
    )
    forms = counts.values("forms", "f:")
    facets["forms"] = [(value, label, forms[value], value in filters.forms) for value, label in Form.choices if value in forms]
    parts = counts.values("parts", "p:")
    chosen = set(map(str, filters.parts))
    facets["parts"] = sorted(
        ((item.pk, item.name, parts[str(item.pk)], str(item.pk) in chosen) for item in MunicipalityPart.objects.filter(pk__in=parts)),
        key=lambda row: czech_sort_key(row[1]),
    )
    places = counts.values("municipalities", "m:")
    shown = _most_frequent(places, filters.municipalities, lambda tied: counts.first_seen("municipalities", "m:", tied))
    facets["municipalities"] = sorted(
        ((item.code, item.name, places[item.code], item.code in filters.municipalities)
         for item in Municipality.objects.filter(code__in=shown)),
        key=lambda row: czech_sort_key(row[1]),
    )
    facets["municipalities_hidden"] = max(0, len(places) - len(facets["municipalities"]))
    return facets


def _most_frequent(counts, selected, first_seen, limit=PLACE_FACET_LIMIT):
    """The ``limit`` most frequent values plus the selected ones: a region's thousand municipalities
    would make an unusable list (the others are found by typing the municipality's name).
    Values tied at the limit go by their first occurrence in the list of results."""
    ranked = sorted(counts, key=lambda value: -counts[value])
    if len(ranked) > limit:
        boundary = counts[ranked[limit - 1]]
        ranked = [value for value in ranked if counts[value] > boundary] + first_seen([value for value in ranked if counts[value] == boundary])
    top = ranked[:limit]
    return set(top) | {value for value in map(str, selected) if value in counts}


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
    service_ids = result.page.paginator.object_list[:limit]
    rows = (
        Facility.objects.filter(service__in=service_ids, latitude__isnull=False, longitude__isnull=False)
        .select_related("service", "municipality", "service__area")[:limit]
    )
    return [
        {"lat": float(row.latitude), "lon": float(row.longitude), "name": row.service.name, "place": row.name,
         "address": row.address, "url": row.service.get_absolute_url()}
        for row in rows
    ]


def registry_services(*, area, portal_ids):
    """The area's registry services with these portalIds (e.g. those an import would end), by name."""
    return (
        Service.objects.for_area(area).filter(registry_id__in=portal_ids)
        .select_related("provider", "service_type").order_by("sort_name", "registry_id")
    )


def neighbour_catalogues(*, areas):
    """These areas with the number of public services in their catalogues (``service_count``), in name order; one query."""
    public = Service.objects.public().filter(area=OuterRef("pk")).order_by().values("area").annotate(n=Count("pk")).values("n")[:1]
    return list(areas.annotate(service_count=Subquery(public)).order_by("name"))
