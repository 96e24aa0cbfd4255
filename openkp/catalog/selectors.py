"""Reads of the catalogue. One search serves the HTML page, the htmx partial and the API."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, CharField, Count, Max, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Cast, Concat

from openkp.core.models import Area, Municipality, MunicipalityPart

from . import text, text_index
from .facet_index import IndexCounts, add_weighted, facet_index, score_tiers
from .models import (
    ActivityCategory,
    Capacity,
    CatalogueDeletion,
    Facility,
    Form,
    LifeSituation,
    SearchSynonym,
    Service,
    ServiceForm,
    ServiceType,
    TargetGroup,
)
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
        condition &= _alternatives_condition(forms, field_name)
    return condition


def _alternatives_condition(alternatives, field_name):
    condition = Q()
    for form, is_prefix in alternatives:
        condition |= Q(**{f"{field_name}__contains": f" {form}" if is_prefix else f" {form} "})
    return condition


def text_match(query, field_name="search_text"):
    """The services whose ``field_name`` matches the query, as a filter condition: by the database's
    inverted index (text_index.py) when it can answer the query, else by ``text_condition``. Both give
    the same services; a query without usable words (only one-letter words or punctuation) matches all."""
    terms = text.query_terms(query)
    if not terms:
        return Q()
    return text_index.condition(terms, field_name) or text_condition(query, field_name)


def word_condition(word, field_name="search_text", *, exact=False, indexed=None):
    """One word of a parsed query on ``field_name``: its own forms or all words of one of its synonym phrases
    (``exact``: its whole-word forms only), by the inverted index (``indexed``) or by ``LIKE``."""
    if exact:
        return _alternatives_condition([(form, False) for form, is_prefix in word.alternatives if not is_prefix], field_name) or Q(pk__in=[])
    if indexed:
        return text_index.word_condition(word, field_name)
    condition = _alternatives_condition(word.alternatives, field_name)
    for phrase in word.phrases:
        part = Q()
        for alternatives in phrase:
            part &= _alternatives_condition(alternatives, field_name)
        condition |= part
    return condition


def identifier_condition(identifier):
    """The services of the provider with this IČO (a 7-digit one also with its leading zero) or with this
    registry identifier."""
    icos = [identifier.zfill(8)] if len(identifier) <= 8 else [identifier]
    return Q(provider__ico__in=icos) | Q(registry_identifier=identifier)


def situation_keys(situation):
    """Facet keys a life situation stands for: its service types and activity categories, or,
    for a situation defined only by target groups, those groups."""
    keys = {f"t:{item.pk}" for item in situation.service_types.all()}
    keys |= {f"c:{item.pk}" for item in situation.activity_categories.all()}
    return keys or {f"g:{item.pk}" for item in situation.target_groups.all()}


def situation_bits(index, situation):
    """The services of a facet index that a life situation lists: those of its service types and activity
    categories which serve one of its target groups (or name none: the register does not always say), or,
    for a situation defined only by target groups, the services of those groups."""
    keys = situation_keys(situation)
    bits = index.any_of(keys)
    groups = {f"g:{item.pk}" for item in situation.target_groups.all()}
    if groups and not keys <= groups:
        if "without-groups" not in index.cached:
            index.cached["without-groups"] = index.everything & ~index.any_of(f"g:{value}" for value, _bits, _size in index.by_prefix.get("g:", ()))
        bits &= index.any_of(groups) | index.cached["without-groups"]
    return bits


def _situation_scores(index, situations, selected_slugs, slices):
    """Add each service's weight in the chosen life situations to the bit-sliced score: twice the weight of its
    service type (``LifeSituation.type_order``) plus one in the situation's preferred form."""
    weights, forms = {}, set()
    for situation in situations:
        if situation.slug not in selected_slugs:
            continue
        for section, weight in situation.type_weights().items():
            weights[section] = max(weights.get(section, 0), weight)
        if situation.preferred_form:
            forms.add(situation.preferred_form)
    if weights:
        by_section = {item.section: item.pk for situation in situations for item in situation.service_types.all()}
        for section, weight in weights.items():
            if section in by_section:
                add_weighted(slices, index.bits.get(f"t:{by_section[section]}", 0), 2 * min(weight, 14))
    for form in forms:
        add_weighted(slices, index.bits.get(f"f:{form}", 0), 1)
    return slices


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
    of a service, count and newest change of its life situations and of its search synonyms. Cached search pages
    and the facet index are current as long as the stamp is the same."""
    newest = Service.objects.filter(area=OuterRef("pk")).order_by("-updated_at").values("updated_at")[:1]
    deleted = CatalogueDeletion.objects.filter(area=OuterRef("pk")).values("deleted_at")[:1]
    situations = LifeSituation.objects.filter(area=OuterRef("pk")).order_by().values("area")
    synonyms = SearchSynonym.objects.filter(area=OuterRef("pk")).order_by().values("area")
    row = (Area.objects.filter(pk=area.pk)
           .annotate(newest=Subquery(newest), deleted=Subquery(deleted),
                     situations=Subquery(situations.annotate(n=Count("*")).values("n")),
                     situations_changed=Subquery(situations.annotate(last=Max("updated_at")).values("last")),
                     synonyms=Subquery(synonyms.annotate(n=Count("*")).values("n")),
                     synonyms_changed=Subquery(synonyms.annotate(last=Max("updated_at")).values("last")))
           .values_list("newest", "deleted", "situations", "situations_changed", "synonyms", "synonyms_changed").first())
    return tuple(row) if row else None


def area_synonyms(area, rows=None):
    """The shipped synonym table with the area's own entries added (``text.parse_synonyms`` shape); ``rows``:
    the area's (terms, meaning) when the caller has read them."""
    table = dict(text.shipped_synonyms())
    if area is not None:
        for terms, meaning in (SearchSynonym.objects.for_area(area).values_list("terms", "meaning") if rows is None else rows):
            text.add_synonyms(table, terms, meaning)
    return table


def _vocabulary(area):
    """What a text search reads besides the index, in one query, kept on the area's facet index until the catalogue
    changes: the area's synonym table, and (facet key, normalised tokens) of every service type, activity category
    and target group: a query word that names one ("pečovatelská", "senioři") ranks its services above those that
    only mention the word."""
    def named(model, prefix):
        return model.objects.order_by().values_list(Concat(Value(prefix), Cast("pk", CharField())), "name", Value("", output_field=CharField()))

    synonyms = SearchSynonym.objects.filter(area=area).order_by().values_list(Value("s:", output_field=CharField()), "terms", "meaning")
    rows = list(named(ServiceType, "t:").union(named(ActivityCategory, "c:"), named(TargetGroup, "g:"), synonyms, all=True))
    codebooks = [(key, frozenset(text.index_text(name).split())) for key, name, _meaning in rows if key != "s:"]
    return area_synonyms(area, [(terms, meaning) for key, terms, meaning in rows if key == "s:"]), codebooks


def _codebook_tokens():
    """(facet key, normalised tokens) of every service type, activity category and target group."""
    entries = [(f"t:{pk}", name) for pk, name in ServiceType.objects.values_list("pk", "name")]
    entries += [(f"c:{pk}", name) for pk, name in ActivityCategory.objects.values_list("pk", "name")]
    entries += [(f"g:{pk}", name) for pk, name in TargetGroup.objects.values_list("pk", "name")]
    return [(key, frozenset(text.index_text(name).split())) for key, name in entries]


def _alternatives_meet(alternatives, tokens):
    return any(token == form or (is_prefix and token.startswith(form)) for form, is_prefix in alternatives for token in tokens)


def _word_names(word, tokens):
    """Whether a QueryWord matches a codebook entry's name (by its own forms or by a whole synonym phrase)."""
    return _alternatives_meet(word.alternatives, tokens) or any(
        all(_alternatives_meet(alternatives, tokens) for alternatives in phrase) for phrase in word.phrases)


# Points of a word by where it matched (the name and the service type over the target group over the rest),
# and for a whole-word match in the name over a prefix.
NAME_POINTS, KIND_POINTS, GROUP_POINTS, WHOLE_POINTS = 3, 3, 2, 1
SITUATION_BITS, FIELD_BITS = 5, 7  # widths of the score's parts: situation weight ≤ 31, field points ≤ 8 × 9 < 128


def _ranking(index, parsed, rows, situations, filters):
    """The services matching a parsed query (enough of its words) and their relevance tiers, best first.

    ``rows`` are ``text_index.word_matches`` rows. The score is, most significant first: the number of words
    matched, the weight in the chosen life situations, then the points of where the words matched."""
    found = [[set(), set(), set()] for _word in parsed.words]
    for pk, number, kind in rows:
        found[number][kind].add(pk)
    counts, fields = [], []
    tokens = index.cached["vocabulary"][1]
    for word, (in_text, in_name, whole) in zip(parsed.words, found):
        add_weighted(counts, index.bits_of(in_text), 1)
        add_weighted(fields, index.bits_of(in_name), NAME_POINTS)
        if whole:
            add_weighted(fields, index.bits_of(whole), WHOLE_POINTS)
        kinds = [key for key, names in tokens if key[0] in "tc" and _word_names(word, names)]
        groups = [key for key, names in tokens if key[0] == "g" and _word_names(word, names)]
        if kinds:
            add_weighted(fields, index.any_of(kinds), KIND_POINTS)
        if groups:
            add_weighted(fields, index.any_of(groups), GROUP_POINTS)
    within = 0
    for count, bits in score_tiers(counts, index.everything):
        if count >= parsed.needed:
            within |= bits
    situation = _situation_scores(index, situations, filters.situations, [])[:SITUATION_BITS] if filters.situations else []
    slices = fields + [0] * (FIELD_BITS - len(fields)) + situation + [0] * (SITUATION_BITS - len(situation)) + counts
    return within, [bits for _score, bits in score_tiers(slices, within)]


def service_search(*, area, filters, page_number=1, page_size=PAGE_SIZE, with_facets=True, stamp=None, capacities=False):
    """Public services and activities of the area matching ``filters``, ranked and paginated, with facet counts.

    The query is parsed once (``text.parse_query``: its meaningful words, their forms and synonyms, or an IČO or
    registry identifier); the condition, the ranking and the facets use that one value. Within an area, the
    area's facet index (see facet_index.py) matches, counts, ranks and cuts the page in memory after one cheap
    query (none when the caller passes the ``search_stamp``); a text query adds one query that returns, per word,
    the ids of the services whose text or name matches it, from the database's inverted index (text_index.py).
    A service matches when it matches enough of the words (``ParsedQuery.needed``); relevance orders by the
    number of words matched, the weight of its service type in the chosen life situations and where the words
    matched. Only the services of the page are loaded (``capacities`` adds their capacities, for the API), and
    the query count does not depend on the number of facets or services. ``with_facets`` adds the counts per
    facet value (the HTML page). Across all areas (the API without ``area``) the database filters, ranks by the
    same rules except the situation weights, and cuts the page.
    """
    situations = []
    if area is not None and (with_facets or filters.situations):
        situations = list(LifeSituation.objects.for_area(area).prefetch_related("service_types", "activity_categories", "target_groups"))
    base = (Service.objects.for_area(area) if area else Service.objects.filter(area__is_active=True)).public()
    selected = _selected_keys(filters, situations)
    relevance = filters.sort == "relevance"
    if area is None:
        parsed = text.parse_query(filters.query, area_synonyms(None)) if filters.query else text.parse_query("")
        return _result(_ids_in_sql(base, parsed, selected, relevance), None, situations, filters, page_number, page_size, capacities)
    stamp = stamp or search_stamp(area)
    index = facet_index(base, key=area.pk, stamp=stamp)
    parsed = text.ParsedQuery(text="")
    if filters.query:
        if "vocabulary" not in index.cached:
            index.cached["vocabulary"] = _vocabulary(area)
        parsed = text.parse_query(filters.query, index.cached["vocabulary"][0])
    within, tiers, wanted = None, [], {}
    if filters.situations:
        wanted["situations"] = 0
        for situation in situations:
            if situation.slug in filters.situations:
                wanted["situations"] |= situation_bits(index, situation)
    if parsed.identifier:
        within = index.bits_of(base.filter(identifier_condition(parsed.identifier)).values_list("pk", flat=True))
    elif parsed.words:
        rows = text_index.word_matches(parsed)
        if rows is None:
            rows = _word_rows_by_like(base, parsed)
        within, tiers = _ranking(index, parsed, rows, situations, filters)
    elif filters.situations:
        tiers = [bits for _score, bits in score_tiers(_situation_scores(index, situations, filters.situations, []), index.everything)]
    counts = IndexCounts(index, selected, within=within, tiers=tiers if relevance else (), wanted=wanted)
    return _result(counts.ids(), counts if with_facets else None, situations, filters, page_number, page_size, capacities)


def _word_rows_by_like(base, parsed):
    """``text_index.word_matches`` rows by ``LIKE`` (a database without the inverted index), in one query."""
    flags, any_word = {}, Q()
    for number, word in enumerate(parsed.words):
        condition = word_condition(word)
        any_word |= condition
        flags[f"w{number}_0"] = Case(When(condition, then=Value(True)), default=Value(False))
        flags[f"w{number}_1"] = Case(When(word_condition(word, "search_name"), then=Value(True)), default=Value(False))
        if not word.is_short:  # as text_index.word_matches: a short word matches whole anyway
            flags[f"w{number}_2"] = Case(When(word_condition(word, "search_name", exact=True), then=Value(True)), default=Value(False))
    rows = []
    for pk, *matched in base.filter(any_word).annotate(**flags).values_list("pk", *flags):
        for name, hit in zip(flags, matched):
            if hit:
                number, kind = name[1:].split("_")
                rows.append((pk, int(number), int(kind)))
    return rows


def _ids_in_sql(base, parsed, selected, relevance):
    """The ids of the services matching across all areas, in relevance or list order, as a lazy queryset."""
    matching = base.filter(_facet_condition(selected))
    if parsed.identifier:
        matching = matching.filter(identifier_condition(parsed.identifier))
    elif parsed.words:
        indexed = text_index.can_answer(parsed)
        hits = sum((Case(When(word_condition(word, indexed=indexed), then=Value(1)), default=Value(0)) for word in parsed.words), Value(0))
        names = sum((Case(When(word_condition(word, "search_name", indexed=indexed), then=Value(1)), default=Value(0))
                     for word in parsed.words), Value(0))
        matching = matching.annotate(hits=hits).filter(hits__gte=parsed.needed)
        if relevance:
            return matching.annotate(names=names).order_by("-hits", "-names", "sort_name", "pk").values_list("pk", flat=True)
    return matching.order_by("sort_name", "pk").values_list("pk", flat=True)


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
            (item.slug, item.title, counts.count_of("situations", situation_bits(counts.index, item)), item.slug in filters.situations)
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
