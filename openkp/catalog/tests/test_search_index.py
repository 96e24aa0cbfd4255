"""The inverted index of the search tokens (FTS5 / GIN): kept current by writes, and giving exactly
what the LIKE condition gives, through the whole search (page, total, facets, API)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openkp.catalog import text, text_index
from openkp.catalog.models import Service
from openkp.catalog.selectors import SearchFilters, service_search, text_condition
from openkp.catalog.services import service_index
from openkp.catalog.tests.factories import ServiceFactory
from openkp.catalog.tests.test_facet_index import reference, varied  # noqa: F401 - a fixture
from openkp.catalog.tests.test_search import catalog  # noqa: F401 - a fixture

QUERIES = [
    "seniorům", "senioři", "seniory", "senioru", "SENIORUM", "senio", "azylovy dum", "azylové domy", "osobni asistence",
    "domov pro seniory", "pečovatelská služba", "pečov", "dom", "dum", "kravare", "bez přístřeší", "Spolek Krok",
    "cha do", "ža ře", "obvod jih", "místo 12", "12", "xyzzyq", "seniory xyzzyq", '"seniory"', "senior*", "*", "***", "a",
    "dům's \"quote\" (x) AND OR NOT", "seniory OR dum", "NEAR(a b)", "search_name:senior", "-seniory", "{search_text}",
    "'; DROP TABLE catalog_service; --", "ž" * 600, "seniory " * 50, "über Straße", "ⅻ ⑴ ﷺ ͺ", "a\\b c'd",
]


@pytest.fixture
def indexed_catalogue(area, catalog, varied):  # noqa: F811 - fixtures
    return area


def like_ids(area, query, field_name):
    return set(Service.objects.for_area(area).filter(text_condition(query, field_name)).values_list("pk", flat=True))


def index_ids(area, query, field_name):
    condition = text_index.query_condition(query, field_name)
    if condition is None:
        return None
    return set(Service.objects.for_area(area).filter(condition).values_list("pk", flat=True))


def test_this_database_has_the_index():
    assert text_index.available(), connection.vendor
    assert text_index.query_condition("seniory") is not None


def test_index_finds_what_like_finds(indexed_catalogue):
    for query in QUERIES:
        for field_name in ("search_text", "search_name"):
            found = index_ids(indexed_catalogue, query, field_name)
            if found is None:  # the index cannot answer these terms exactly: the search uses LIKE
                forms = [form for forms in text.query_terms(query) for form, _prefix in forms]
                assert not forms or any(" " in form or len(form) >= text_index.MAX_TOKEN_LENGTH for form in forms), query
                continue
            assert found == like_ids(indexed_catalogue, query, field_name), (query, field_name)


@pytest.mark.parametrize("indexed", [True, False])
def test_text_search_equals_a_like_scan(indexed_catalogue, indexed, monkeypatch):
    if not indexed:
        monkeypatch.setattr(text_index, "available", lambda vendor=None: False)
    for query in QUERIES:
        for chosen in ({}, {"forms": ["ter"]}, {"service_types": ["49", "57"], "forms": ["pob", "ter"]}, {"sort": "name"}):
            filters = SearchFilters(query=query, **chosen)
            for page_number in (1, 2):
                page, total, matched, facets = reference(indexed_catalogue, filters, page_number, page_size=7)
                result = service_search(area=indexed_catalogue, filters=filters, page_number=page_number, page_size=7)
                assert [service.pk for service in result.page] == page, (query, chosen)
                assert result.total == total, (query, chosen)
                assert result.facets == facets, (query, chosen)
                assert result.page.paginator.object_list[:1000] == matched, (query, chosen)
                api = service_search(area=indexed_catalogue, filters=filters, page_number=page_number, page_size=7,
                                     with_facets=False)
                assert [service.pk for service in api.page] == page and api.total == total, (query, chosen)


def test_index_follows_inserts_updates_and_deletes(area):
    service = ServiceFactory(area=area, name="Hospic Svatého Lukáše")
    assert index_ids(area, "hospic", "search_name") == {service.pk}
    service.name = "Domácí hospic Vratimov"
    service_index(service).save()
    assert index_ids(area, "lukáše", "search_text") == set()
    assert index_ids(area, "vratimov", "search_text") == {service.pk}
    Service.objects.filter(pk=service.pk).update(search_text=" zmena ")
    assert index_ids(area, "vratimov", "search_text") == set()
    assert index_ids(area, "zmena", "search_text") == {service.pk}
    Service.objects.filter(pk=service.pk).delete()
    assert index_ids(area, "zmena", "search_text") == set()
    other = ServiceFactory(area=area, name="Hospic na Kopci")
    assert index_ids(area, "hospic", "search_name") == {other.pk}


def test_text_search_query_count_does_not_grow_with_the_catalogue(area, catalog):  # noqa: F811 - a fixture
    def queries():
        service_search(area=area, filters=SearchFilters(query="seniory"))  # builds the facet index
        with CaptureQueriesContext(connection) as captured:
            service_search(area=area, filters=SearchFilters(query="seniory", forms=["pob"]))
        return len(captured)

    small = queries()
    for n in range(25):
        ServiceFactory(area=area, name=f"Klub seniorů {n}", target_groups=["senioři"], forms=["pob", "ter"])
    assert queries() == small
