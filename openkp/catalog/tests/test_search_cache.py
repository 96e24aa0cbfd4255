"""Rendered search results are cached per query; any change of the catalogue is visible at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openkp.catalog.locations import import_address_points
from openkp.catalog.models import LifeSituation, Service, ServiceType
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.tests.factories import MunicipalityFactory


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_repeated_search_is_answered_from_the_cache(client, area, django_assert_max_num_queries):
    for n in range(5):
        ServiceFactory(area=area, name=f"Pečovatelská služba {n}", forms=["ter"])
    first = client.get("/mesto/sluzby/?q=pecovatelska&forma=ter").content.decode()
    with django_assert_max_num_queries(3):  # the area, which sections have content (the menu) and the catalogue's stamp
        again = client.get("/mesto/sluzby/?forma=ter&q=pecovatelska").content.decode()  # same query, other order
    catalogue_part = slice(first.index('<div id="katalog"'), first.index("</form>"))  # the page around it has a fresh CSP nonce
    assert again[catalogue_part] == first[catalogue_part]
    assert "Nalezeno 5 služeb a aktivit" in again


def test_a_changed_or_hidden_service_shows_at_once(client, area):
    service = ServiceFactory(area=area, name="Pečovatelská služba Jih")
    ServiceFactory(area=area, name="Pečovatelská služba Sever")
    assert "Pečovatelská služba Jih" in client.get("/mesto/sluzby/?q=pecovatelska").content.decode()
    service.name = "Pečovatelská služba Západ"
    service.save()
    html = client.get("/mesto/sluzby/?q=pecovatelska").content.decode()
    assert "Pečovatelská služba Západ" in html and "Pečovatelská služba Jih" not in html
    Service.objects.filter(pk=service.pk).update(is_published=False)
    html = client.get("/mesto/sluzby/?q=pecovatelska").content.decode()
    assert "Pečovatelská služba Západ" not in html and "Nalezena 1 služba nebo aktivita" in html


def test_an_edited_life_situation_shows_at_once(client, area):
    ServiceFactory(area=area, name="Azylový dům Testov")
    situation = LifeSituation.objects.create(area=area, title="Přišel jsem o bydlení", slug="bydleni")
    situation.service_types.add(ServiceType.objects.get(section="57"))
    assert "Přišel jsem o bydlení" in client.get("/mesto/sluzby/").content.decode()
    situation.title = "Nemám kde bydlet"
    situation.save()
    html = client.get("/mesto/sluzby/").content.decode()
    assert "Nemám kde bydlet" in html and "Přišel jsem o bydlení" not in html
    situation.delete()
    assert "Nemám kde bydlet" not in client.get("/mesto/sluzby/").content.decode()


def test_imported_coordinates_show_on_the_map_at_once(client, area):
    municipality = MunicipalityFactory(code="554821", name="Ostrava")
    ServiceFactory(area=area, name="Domov Lipina", facilities=[{"name": "Domov Lipina", "municipality": municipality, "address_point": 21712760}])
    assert "49.83" not in client.get("/mesto/sluzby/?zobrazeni=mapa").content.decode()
    import_address_points(b"21712760;49.83;18.29\n")
    assert "49.83" in client.get("/mesto/sluzby/?zobrazeni=mapa").content.decode()


def test_each_language_has_its_own_cached_page(client, area):
    ServiceFactory(area=area, name="Azylový dům Testov")
    assert "Katalog sociálních služeb" in client.get("/mesto/sluzby/").content.decode()
    client.cookies["django_language"] = "en"
    html = client.get("/mesto/sluzby/").content.decode()
    assert '<html lang="en"' in html
    assert "Upřesnit" not in html  # the facet heading of the Czech page


def test_the_cache_can_be_switched_off(client, area, settings):
    settings.CATALOG_SEARCH_CACHE_SECONDS = 0
    ServiceFactory(area=area, name="Azylový dům Testov")
    client.get("/mesto/sluzby/?q=azylovy")
    with CaptureQueriesContext(connection) as second:
        html = client.get("/mesto/sluzby/?q=azylovy").content.decode()
    assert "Azylový dům Testov" in html
    assert len(second) > 5  # searched and loaded again, not read from the cache


def test_a_deleted_service_disappears_at_once(client, area, django_capture_on_commit_callbacks):
    service = ServiceFactory(area=area, name="Pečovatelská služba Jih")
    ServiceFactory(area=area, name="Azylový dům", service_type=None)  # the catalogue stays, the search finds nothing
    assert "Pečovatelská služba Jih" in client.get("/mesto/sluzby/?q=pecovatelska").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        service.delete()
    assert "Nic jsme nenašli" in client.get("/mesto/sluzby/?q=pecovatelska").content.decode()
