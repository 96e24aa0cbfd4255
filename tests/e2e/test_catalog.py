"""A citizen uses the catalogue: by life situation, by text, on the map, keyboard only."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import run_axe
from .test_shell import focused_text, tab_to


@pytest.fixture
def catalog_site(demo_site):
    from openkp.catalog.models import LifeSituation, ServiceType
    from openkp.catalog.tests.factories import ServiceFactory
    from openkp.core.models import Area, Municipality

    # An area of its own, so that the demo catalogue does not change what is found.
    area = Area.objects.create(slug="testov", name="Testov", kind=Area.Kind.MUNICIPALITY)
    ostrava = Municipality.objects.get(code="554821")
    place = {"street": "Lipová", "house_number": "12", "postcode": "70030", "municipality": ostrava,
             "latitude": "49.8350", "longitude": "18.2920"}
    ServiceFactory(area=area, name="Domov pro seniory Lipina (test)", service_type=ServiceType.objects.get(section="49"),
                   description="Celoroční pobyt pro seniory.", target_groups=["senioři"], forms=["pob"], facilities=[place])
    ServiceFactory(area=area, name="Azylový dům Naděje (test)", service_type=ServiceType.objects.get(section="57"),
                   description="Ubytování pro lidi bez domova.", target_groups=["osoby bez přístřeší"], forms=["pob"],
                   facilities=[{**place, "street": "Nádražní", "latitude": "49.8400", "longitude": "18.2700"}])
    situation, _ = LifeSituation.objects.get_or_create(area=area, slug="prisel-jsem-o-bydleni-test",
                                                       defaults={"title": "Přišel jsem o bydlení (test)", "order": 0})
    situation.service_types.add(ServiceType.objects.get(section="57"))
    return demo_site


def test_citizen_finds_help_by_life_situation_keyboard_only(page, catalog_site):
    page.goto(catalog_site + "/testov/sluzby/")
    tab_to(page, r"^Přišel jsem o bydlení \(test\)", limit=150)
    page.keyboard.press("Space")
    # htmx swaps the results and pushes the URL (no page load), so wait for both.
    page.wait_for_url(re.compile(r"/testov/sluzby/\?situace=prisel-jsem-o-bydleni-test$"), wait_until="commit")
    expect(page.locator(".okp-result__title")).to_have_text(["Azylový dům Naděje (test)"])
    assert page.locator("#f-situace-prisel-jsem-o-bydleni-test").is_checked()
    tab_to(page, r"^Azylový dům Naděje \(test\)$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/testov/sluzby/\d+/$"))
    assert page.locator("h1").inner_text() == "Azylový dům Naděje (test)"


def test_citizen_searches_by_text_and_the_back_button_works(page, catalog_site):
    page.goto(catalog_site + "/testov/sluzby/")
    page.locator("#id_q").focus()
    page.keyboard.type("seniorum")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=seniorum"))
    assert "Domov pro seniory Lipina (test)" in page.locator(".okp-result__title").all_inner_texts()
    assert "Azylový dům Naděje (test)" not in page.locator(".okp-result__title").all_inner_texts()
    page.go_back()
    page.wait_for_url(re.compile(r"/testov/sluzby/$"), wait_until="commit")
    expect(page.locator("#id_q")).to_have_value("")


def test_map_view_shows_markers_and_works_without_tiles(page, catalog_site):
    page.goto(catalog_site + "/testov/sluzby/?q=test")
    tab_to(page, r"^Mapa$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"zobrazeni=mapa"))
    expect(page.locator(".leaflet-marker-icon")).to_have_count(2)
    assert page.locator(".leaflet-tile").count() == 0  # no tile server configured: still usable
    assert focused_text(page) is not None


@pytest.mark.parametrize("path", ["/testov/sluzby/", "/testov/sluzby/?zobrazeni=mapa", "/testov/sluzby/?q=nic-takoveho"])
def test_catalogue_pages_have_no_wcag_violations(axe_page, catalog_site, path):
    axe_page.goto(catalog_site + path)
    assert run_axe(axe_page) == []


def test_detail_page_has_no_wcag_violations(axe_page, catalog_site):
    axe_page.goto(catalog_site + "/testov/sluzby/?q=lipina")
    axe_page.click(".okp-result__title a")
    axe_page.wait_for_url(re.compile(r"/testov/sluzby/\d+/$"))
    assert run_axe(axe_page) == []
