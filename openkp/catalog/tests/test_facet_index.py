"""The in-process facet index of text-less searches: same results as a scan of every service, rebuilt after writes."""

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from django.utils import timezone

from openkp.catalog import facet_index, selectors, text
from openkp.catalog.models import ActivityCategory, Form, LifeSituation, Service, ServiceForm, ServiceType, TargetGroup
from openkp.catalog.selectors import SearchFilters, search_stamp, service_search, situation_keys
from openkp.catalog.services import czech_sort_key, service_index
from openkp.catalog.tests.factories import ServiceFactory
from openkp.catalog.tests.test_registry import record, registry, run
from openkp.core.models import Municipality, MunicipalityPart
from openkp.core.tests.factories import MunicipalityFactory

SECTIONS = ["40", "49", "57", "39", "43"]
GROUPS = ["senioři", "pečující osoby", "osoby bez přístřeší", "osoby s tělesným postižením", "rodiny s dítětem/dětmi"]
SYLLABLES = ["cha", "ča", "do", "hos", "ka", "ma", "ře", "ša", "ze", "že"]


@pytest.fixture
def varied(area):
    """~120 services and activities over 40 municipalities (ties in the place facet), districts, forms,
    groups and situations; a few ended or unpublished; names repeat, so ids break ties in the order."""
    chance = random.Random(7)
    towns = [MunicipalityFactory(code=f"{700000 + n}", name=f"{chance.choice(SYLLABLES).title()}ves {n}") for n in range(40)]
    parts = [MunicipalityPart.objects.create(municipality=towns[0], code=f"8000{n}", name=f"Obvod {name}",
                                             kind=MunicipalityPart.Kind.PART) for n, name in enumerate(["Jih", "Čtvrť", "Sever"])]
    clubs = ActivityCategory.objects.create(name="Kluby"), ActivityCategory.objects.create(name="Dluhové poradenství")
    groups = [TargetGroup.objects.get(name=name) for name in GROUPS]
    for n in range(120):
        places = []
        for _ in range(chance.randint(0, 3)):
            town = chance.choice(towns[:12]) if chance.random() < 0.7 else chance.choice(towns)
            part = chance.choice(parts) if town == towns[0] and chance.random() < 0.7 else None
            places.append({"name": f"Místo {n}", "municipality": town, "part": part})
        activity = n % 9 == 0
        service = ServiceFactory(
            area=area, name=" ".join(chance.choice(SYLLABLES) for _ in range(2)).capitalize(),
            kind=Service.Kind.RELATED_ACTIVITY if activity else Service.Kind.SERVICE,
            service_type=None if activity else ServiceType.objects.get(section=chance.choice(SECTIONS)),
            activity_category=chance.choice(clubs) if activity else None,
            target_groups=chance.sample(groups, chance.randint(0, 3)),
            forms=chance.sample(["amb", "pob", "ter"], chance.randint(0, 2)),
            facilities=places,
        )
        if n % 17 == 5:
            Service.objects.filter(pk=service.pk).update(status=Service.Status.ENDED, valid_to=date.today() - timedelta(days=1))
        if n % 23 == 7:
            Service.objects.filter(pk=service.pk).update(is_published=False)
    housing = LifeSituation.objects.create(area=area, title="Přišel jsem o bydlení", slug="bydleni", order=1)
    housing.service_types.add(ServiceType.objects.get(section="57"))
    caring = LifeSituation.objects.create(area=area, title="Pečuji o blízkého", slug="peci", order=2)
    caring.service_types.add(ServiceType.objects.get(section="40"))
    caring.activity_categories.add(clubs[0])
    seniors = LifeSituation.objects.create(area=area, title="Stárnu", slug="starnu", order=3)
    seniors.target_groups.add(groups[0])
    return {"towns": towns, "parts": parts, "groups": groups}


def reference(area, filters, page_number, page_size):
    """The search as first written: every public service matching the text by LIKE read and scanned in Python."""
    situations = list(LifeSituation.objects.for_area(area))
    selected = selectors._selected_keys(filters, situations)
    public = Service.objects.for_area(area).public()
    rows = [(pk, keys.split()) for pk, keys in public.order_by("sort_name", "pk").values_list("pk", "facet_keys")]
    parsed = text.parse_query(filters.query)
    if parsed.words:
        rows = _ranked_by_like(public, parsed, rows, relevance=filters.sort == "relevance")

    def satisfies(keys, except_facet=None):
        return all(not wanted.isdisjoint(keys) for facet, wanted in selected.items() if facet != except_facet)

    def counts(facet, prefix):
        counter = Counter(key for _pk, keys in rows if satisfies(keys, facet) for key in keys)
        return {key[2:]: number for key, number in counter.items() if key.startswith(prefix)}

    matched = [pk for pk, keys in rows if satisfies(keys)]
    page_number = min(page_number, max(1, -(-len(matched) // page_size)))  # the Paginator shows the last page instead
    start = (page_number - 1) * page_size
    facets = {}
    if situations:
        facets["situations"] = [
            (item.slug, item.title, sum(1 for _pk, keys in rows if satisfies(keys, "situations") and not situation_keys(item).isdisjoint(keys)),
             item.slug in filters.situations)
            for item in situations
        ]
    types = counts("service_types", "t:")
    facets["service_types"] = [(item.section, str(item), types[str(item.pk)], item.section in filters.service_types)
                               for item in ServiceType.objects.filter(pk__in=types).exclude(section="")]
    groups = counts("target_groups", "g:")
    facets["target_groups"] = sorted(
        ((item.pk, str(item), groups[str(item.pk)], str(item.pk) in set(map(str, filters.target_groups)))
         for item in TargetGroup.objects.filter(pk__in=groups)), key=lambda row: -row[2])
    forms = counts("forms", "f:")
    facets["forms"] = [(value, label, forms[value], value in filters.forms) for value, label in Form.choices if value in forms]
    parts = counts("parts", "p:")
    facets["parts"] = sorted(((item.pk, item.name, parts[str(item.pk)], str(item.pk) in set(map(str, filters.parts)))
                              for item in MunicipalityPart.objects.filter(pk__in=parts)), key=lambda row: czech_sort_key(row[1]))
    places = counts("municipalities", "m:")
    top = set(sorted(places, key=lambda code: -places[code])[:selectors.PLACE_FACET_LIMIT])
    top |= {code for code in filters.municipalities if code in places}
    facets["municipalities"] = sorted(((item.code, item.name, places[item.code], item.code in filters.municipalities)
                                       for item in Municipality.objects.filter(code__in=top)), key=lambda row: czech_sort_key(row[1]))
    facets["municipalities_hidden"] = len(places) - len(facets["municipalities"])
    return matched[start:start + page_size], len(matched), matched, facets


def _ranked_by_like(public, parsed, rows, *, relevance):
    """``rows`` of the services matching enough words of ``parsed`` (each word by LIKE, one service at a time),
    by relevance (words matched, then points of where they matched) or in list order."""
    def ids(condition):
        return set(public.filter(condition).values_list("pk", flat=True))

    codebooks = selectors._codebook_tokens()
    hits, points = Counter(), Counter()
    for word in parsed.words:
        hits.update(ids(selectors.word_condition(word)))
        points.update({pk: selectors.NAME_POINTS for pk in ids(selectors.word_condition(word, "search_name"))})
        if not word.is_short:
            points.update({pk: selectors.WHOLE_POINTS for pk in ids(selectors.word_condition(word, "search_name", exact=True))})
        named = {key for key, tokens in codebooks if selectors._word_names(word, tokens)}
        for pk, keys in rows:
            points[pk] += selectors.KIND_POINTS * any(key in named for key in keys if key[0] in "tc")
            points[pk] += selectors.GROUP_POINTS * any(key in named for key in keys if key[0] == "g")
    rows = [(pk, keys) for pk, keys in rows if hits[pk] >= parsed.needed]
    if relevance:
        rows.sort(key=lambda row: (-hits[row[0]], -points[row[0]]))  # stable: list order within equal scores
    return rows


FILTERS = [
    {}, {"forms": ["ter"]}, {"forms": ["ter", "pob"]}, {"service_types": ["49", "57"]}, {"service_types": ["999"]},
    {"target_groups": [0, 1]}, {"situations": ["bydleni"]}, {"situations": ["peci", "starnu"]}, {"situations": ["neznama"]},
    {"kind": "activity"}, {"kind": "service", "forms": ["amb"]}, {"municipalities": [39]}, {"municipalities": [0, 5, 39]},
    {"parts": [0, 2]}, {"parts": [1], "forms": ["ter"]},
    {"forms": ["amb", "ter"], "target_groups": [0], "municipalities": [0, 1], "kind": "service", "situations": ["peci"]},
]


@pytest.mark.parametrize("chosen", FILTERS)
@pytest.mark.parametrize("page_number", [1, 2])
def test_indexed_search_equals_a_scan_of_every_service(area, varied, chosen, page_number):
    values = {"target_groups": "groups", "municipalities": "towns", "parts": "parts"}
    filters = SearchFilters(**{
        name: [getattr(varied[values[name]][number], "code" if name == "municipalities" else "pk") for number in value]
        if name in values else value
        for name, value in chosen.items()
    })
    page, total, matched, facets = reference(area, filters, page_number, page_size=7)

    result = service_search(area=area, filters=filters, page_number=page_number, page_size=7)

    assert [service.pk for service in result.page] == page
    assert result.total == total
    assert result.facets == facets
    assert result.page.paginator.object_list[:1000] == matched  # what the map shows
    api = service_search(area=area, filters=filters, page_number=page_number, page_size=7, with_facets=False)
    assert [service.pk for service in api.page] == page and api.total == total


def test_municipalities_tied_at_the_limit_are_chosen_as_the_scan_chose_them(area):
    towns = [MunicipalityFactory(code=f"{610000 + n}", name=f"Obec {n:02d}") for n in range(36)]
    for n, town in enumerate(reversed(towns)):
        ServiceFactory(area=area, name=f"Služba {n:02d}", facilities=[{"name": "Místo", "municipality": town},
                                                                      {"name": "Jinde", "municipality": towns[n // 2]}])
    filters = SearchFilters()
    assert service_search(area=area, filters=filters).facets == reference(area, filters, 1, 20)[3]


def test_later_pages_and_the_end_of_a_long_list(area):
    services = [ServiceFactory(area=area, name=f"Služba {n:04d}", forms=["ter"] if n % 3 else []) for n in range(60)]
    old_block = facet_index._BLOCK
    facet_index._BLOCK = 8  # exercise the skipping of whole blocks
    try:
        wanted = [service.pk for n, service in enumerate(services) if n % 3]
        for number in (1, 2, 3, 4):
            result = service_search(area=area, filters=SearchFilters(forms=["ter"]), page_number=number, page_size=12)
            assert [service.pk for service in result.page] == wanted[(number - 1) * 12:number * 12]
        assert result.page.paginator.object_list[-1] == wanted[-1]
        assert result.page.paginator.object_list[38:500] == wanted[38:]
    finally:
        facet_index._BLOCK = old_block


def found(area, **filters):
    result = service_search(area=area, filters=SearchFilters(**filters))
    return [service.name for service in result.page]


def test_index_is_kept_while_nothing_changes_and_checked_with_one_query(area, django_assert_num_queries):
    ServiceFactory(area=area, name="Azyl", forms=["ter"])
    assert found(area, forms=["ter"]) == ["Azyl"]
    index = facet_index._indexes[area.pk]
    base = Service.objects.for_area(area).public()
    with django_assert_num_queries(1):  # the catalogue's stamp
        assert facet_index.facet_index(base, key=area.pk, stamp=search_stamp(area)) is index
    assert found(area, forms=["ter"]) == ["Azyl"] and facet_index._indexes[area.pk] is index


def test_index_is_rebuilt_after_an_edit(area):
    home = ServiceFactory(area=area, name="Domov", forms=["ter"])
    assert found(area, forms=["ter"]) == ["Domov"]
    ServiceForm.objects.filter(service=home).update(form="pob")
    service_index(home).save()
    assert found(area, forms=["ter"]) == [] and found(area, forms=["pob"]) == ["Domov"]
    home.name = "Azylový dům"
    service_index(home).save()
    ServiceFactory(area=area, name="Centrum", forms=["pob"])
    assert found(area, forms=["pob"]) == ["Azylový dům", "Centrum"]


def test_index_is_rebuilt_after_a_service_is_ended_unpublished_added_or_deleted(area, django_capture_on_commit_callbacks):
    first, second, third = (ServiceFactory(area=area, name=name, forms=["ter"]) for name in ("Alfa", "Beta", "Gama"))
    assert found(area, forms=["ter"]) == ["Alfa", "Beta", "Gama"]
    first.status, first.valid_to = Service.Status.ENDED, date.today() - timedelta(days=1)
    first.save()
    assert found(area, forms=["ter"]) == ["Beta", "Gama"]
    Service.objects.filter(pk=second.pk).update(is_published=False)
    assert found(area, forms=["ter"]) == ["Gama"]
    ServiceFactory(area=area, name="Delta", forms=["ter"])
    assert found(area, forms=["ter"]) == ["Delta", "Gama"]
    with django_capture_on_commit_callbacks(execute=True):  # the deletion is noted after the commit
        third.delete()
    assert found(area, forms=["ter"]) == ["Delta"]


def test_deleting_an_area_with_services_is_not_hindered_by_the_deletion_note(area, django_capture_on_commit_callbacks):
    ServiceFactory(area=area, name="Alfa")
    with django_capture_on_commit_callbacks(execute=True):
        area.delete()
    assert not Service.objects.filter(name="Alfa").exists()


def test_bulk_writes_move_updated_at(area):
    service = ServiceFactory(area=area)
    before = Service.objects.get(pk=service.pk).updated_at
    Service.objects.filter(pk=service.pk).update(facet_keys=" k:service ")
    after_update = Service.objects.get(pk=service.pk).updated_at
    service.facet_keys = " k:service f:ter "
    Service.objects.bulk_update([service], ["facet_keys"])
    after_bulk = Service.objects.get(pk=service.pk).updated_at
    assert before < after_update < after_bulk <= timezone.now()
    service.status = Service.Status.ENDED
    service.save(update_fields=["status"])
    assert Service.objects.get(pk=service.pk).updated_at > after_bulk


def test_index_is_rebuilt_after_a_registry_import(registry_area):
    run(registry_area)
    first = {service.pk for service in service_search(area=registry_area, filters=SearchFilters(forms=["ter"])).page}
    care = Service.objects.get(registry_id=99901)
    assert care.pk in first
    document = registry()
    record(document, 99901)["formy"] = [item for item in record(document, 99901)["formy"] if item["forma"]["id"].endswith("/amb")]
    run(registry_area, document)
    assert care.pk not in {service.pk for service in service_search(area=registry_area, filters=SearchFilters(forms=["ter"])).page}
    assert care.pk in {service.pk for service in service_search(area=registry_area, filters=SearchFilters(forms=["amb"])).page}
    document["polozky"] = [item for item in document["polozky"] if not (isinstance(item, dict) and item.get("portalId") == 99901)]
    run(registry_area, document, allow_ending=1)  # one of three services, and the fixture has a rejected record
    assert care.pk not in {service.pk for service in service_search(area=registry_area, filters=SearchFilters(forms=["amb"])).page}


@pytest.mark.parametrize(("number", "shown"), [
    (1, "1 2 3 … 100"), (4, "1 2 3 4 5 6 … 100"), (5, "1 … 3 4 5 6 7 … 100"), (50, "1 … 48 49 50 51 52 … 100"),
    (99, "1 … 97 98 99 100"), (100, "1 … 98 99 100"),
])
def test_pagination_shows_a_window_of_pages_whatever_their_number(number, shown):
    """60,000 services are 3,000 pages: the pagination shows the first, the last and the current ± 2."""
    import re

    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    html = render_to_string("gds/pagination.html", {"page_obj": Paginator(range(1000), 10).get_page(number), "page_param": "strana"})
    items = re.findall(r'<li class="gov-pagination__item(?: is-active)?(?: gov-pagination__item--more)?"[^>]*>.*?>(\d+|…)</', html)
    assert " ".join(items) == shown
    assert f'aria-current="page" aria-label="Strana {number}, aktuální"' in html


def test_search_page_without_text_keeps_its_query_count(client, area, django_assert_max_num_queries):
    for n in range(5):
        ServiceFactory(area=area, name=f"Služba {n}", forms=["ter"])
    with django_assert_max_num_queries(16):  # the first request builds the index (one query)
        assert client.get("/mesto/sluzby/?forma=ter").status_code == 200
    with django_assert_max_num_queries(16):  # later ones check it (one query)
        assert client.get("/mesto/sluzby/?forma=ter&strana=1").status_code == 200
