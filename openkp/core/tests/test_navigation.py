"""The area's menu and home page show a section only when it has content; placeholders are never offered."""

from datetime import timedelta

from django.utils import timezone

from openkp.catalog.tests.factories import ServiceFactory
from openkp.communication.tests.factories import NewsItemFactory
from openkp.core.models import Area
from openkp.core.tests.factories import AreaFactory
from openkp.structures.models import Group, PlanningPeriod

ALL_SECTIONS = ["organizace", "akce", "sluzby", "aktuality", "dokumenty", "potreby", "plan", "pripominky", "monitoring"]


def _menu(html):
    start = html.index('aria-label="Hlavní navigace"') if 'aria-label="Hlavní navigace"' in html else None
    return html[start:html.index("</nav>", start)] if start is not None else ""


def _linked(html, area_slug="mesto"):
    return {path for path in ALL_SECTIONS if f'href="/{area_slug}/{path}/"' in html}


def test_an_empty_area_offers_no_sections_and_says_so(client, area):
    html = client.get("/mesto/").content.decode()
    assert _linked(html) == set()
    assert _menu(html) == ""
    assert "teprve připravuje" in html


def test_sections_with_content_appear_in_the_menu_and_on_the_home_page(client, area, other_area):
    ServiceFactory(area=area)
    period = PlanningPeriod.objects.create(area=area, name="Plán 2025–2028", start_year=2025, end_year=2028, is_current=True)
    Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
    NewsItemFactory(area=area)
    ServiceFactory(area=other_area)  # another area's content does not count here
    html = client.get("/mesto/").content.decode()
    assert _linked(_menu(html)) == {"organizace", "sluzby"}
    assert _linked(html) == {"organizace", "sluzby", "aktuality"}
    assert 'href="/mesto/pripominky/"' not in html and 'href="/mesto/monitoring/"' not in html
    assert "se právě připravuje" not in html
    assert _linked(client.get("/jinde/").content.decode(), "jinde") == {"sluzby"}


def test_unpublished_content_does_not_count(client, area):
    ServiceFactory(area=area, is_published=False)
    period = PlanningPeriod.objects.create(area=area, name="Plán", start_year=2025, end_year=2028, is_current=True)
    Group.objects.create(area=area, period=period, name="Interní", slug="interni", is_public=False)
    NewsItemFactory(area=area, is_published=False, published_at=None)
    assert _linked(client.get("/mesto/").content.decode()) == set()


def test_the_current_section_is_marked_in_the_menu(client, area):
    ServiceFactory(area=area)
    html = client.get("/mesto/sluzby/").content.decode()
    assert 'href="/mesto/sluzby/" aria-current="page"' in _menu(html)


def test_a_region_without_services_offers_its_catalogue_as_a_way_to_its_areas(client, db):
    region = AreaFactory(slug="kraj", name="Testovací kraj", kind=Area.Kind.REGION)
    city = AreaFactory(slug="mesto", name="Město Testov", parent=region)
    ServiceFactory(area=city, name="Poradna Testov")
    AreaFactory(slug="skryte", name="Skryté území", parent=region, is_active=False)
    html = client.get("/kraj/").content.decode()
    assert 'href="/kraj/sluzby/"' in _menu(html)
    assert "nevede vlastní katalog služeb" in html
    assert "nevede vlastní katalog" not in client.get("/mesto/").content.decode()
    page = client.get("/kraj/sluzby/").content.decode()
    assert "Služby najdete v katalozích" in page
    assert 'href="/mesto/sluzby/"' in page and "Město Testov" in page
    assert "Skryté území" not in page
    assert 'name="q"' not in page  # no empty search form
    city_page = client.get("/mesto/sluzby/").content.decode()
    assert "Poradna Testov" in city_page


def test_the_menu_costs_one_query(client, area, django_assert_max_num_queries):
    ServiceFactory(area=area)
    NewsItemFactory(area=area, published_at=timezone.now() - timedelta(days=1))
    with django_assert_max_num_queries(7):
        client.get("/mesto/")
