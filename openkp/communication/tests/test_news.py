"""Public news pages and the Atom feed: only published items, drafts for staff, absolute links, flat queries."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from openkp.communication.tests.factories import NewsItemFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def test_public_list_shows_only_published_news_newest_first(client, area):
    now = timezone.now()
    NewsItemFactory(area=area, title="Starší zpráva", published_at=now - timedelta(days=30))
    NewsItemFactory(area=area, title="Novější zpráva", published_at=now - timedelta(days=1))
    NewsItemFactory(area=area, title="Tajný koncept", is_published=False, published_at=None)
    html = client.get("/mesto/aktuality/").content.decode()
    assert "Novější zpráva" in html and "Starší zpráva" in html
    assert html.index("Novější zpráva") < html.index("Starší zpráva")
    assert "Tajný koncept" not in html
    assert "koncept" not in html
    assert '<link rel="alternate" type="application/atom+xml" href="/mesto/aktuality/feed.atom"' in html


def test_list_is_paginated(client, area):
    now = timezone.now()
    for number in range(12):
        NewsItemFactory(area=area, title=f"Zpráva číslo {number:02d}", published_at=now - timedelta(days=number))
    first = client.get("/mesto/aktuality/").content.decode()
    second = client.get("/mesto/aktuality/?strana=2").content.decode()
    assert "Zpráva číslo 00" in first and "Zpráva číslo 09" in first and "Zpráva číslo 10" not in first
    assert "Zpráva číslo 10" in second and "Zpráva číslo 11" in second and "Zpráva číslo 00" not in second
    assert 'href="?strana=2"' in first


def test_detail_renders_paragraphs_with_czech_typography(client, area):
    NewsItemFactory(area=area, slug="konference", title="Konference v Ostravě", perex="Zveme vás na konferenci.",
                    body="Program začne v 9 hodin.\n\nDruhý odstavec a závěr.")
    html = client.get("/mesto/aktuality/konference/").content.decode()
    assert "<h1>Konference v\u00a0Ostravě</h1>" in html
    assert "<p>Program začne v\u00a09 hodin.</p>" in html
    assert "<p>Druhý odstavec a\u00a0závěr.</p>" in html


def test_draft_is_404_for_the_public_and_outsiders_but_shown_to_staff_as_draft(client, area, person_with_role, outsider):
    NewsItemFactory(area=area, slug="pripravujeme", title="Připravovaná zpráva", is_published=False, published_at=None)
    assert client.get("/mesto/aktuality/pripravujeme/").status_code == 404
    client.force_login(outsider)
    assert client.get("/mesto/aktuality/pripravujeme/").status_code == 404
    client.force_login(person_with_role(area, "member"))
    assert client.get("/mesto/aktuality/pripravujeme/").status_code == 404
    assert "Připravovaná zpráva" not in client.get("/mesto/aktuality/").content.decode()
    client.force_login(person_with_role(area, "group_manager"))
    detail = client.get("/mesto/aktuality/pripravujeme/")
    assert detail.status_code == 200
    assert "koncept" in detail.content.decode()
    listing = client.get("/mesto/aktuality/").content.decode()
    assert "Připravovaná zpráva" in listing and "koncept" in listing


def test_news_of_another_area_is_404_and_not_listed(client, area, other_area, coordinator):
    NewsItemFactory(area=other_area, slug="cizi", title="Zpráva odjinud")
    assert client.get("/mesto/aktuality/cizi/").status_code == 404
    assert "Zpráva odjinud" not in client.get("/mesto/aktuality/").content.decode()
    client.force_login(coordinator)
    assert client.get("/mesto/aktuality/cizi/").status_code == 404
    assert "Zpráva odjinud" not in client.get("/mesto/aktuality/feed.atom").content.decode()


def test_atom_feed_lists_published_items_with_absolute_links(client, area):
    now = timezone.now()
    NewsItemFactory(area=area, slug="prvni", title="První zpráva", perex="Shrnutí první.", published_at=now - timedelta(days=2))
    NewsItemFactory(area=area, slug="druha", title="Druhá zpráva", published_at=now - timedelta(days=1))
    NewsItemFactory(area=area, slug="koncept", title="Koncept", is_published=False, published_at=None)
    response = client.get("/mesto/aktuality/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "cs"
    assert root.findtext(f"{ATOM}title") == "Aktuality – Město Testov"
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Druhá zpráva", "První zpráva"]
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == ["http://testserver/mesto/aktuality/druha/", "http://testserver/mesto/aktuality/prvni/"]
    assert entries[1].findtext(f"{ATOM}summary") == "Shrnutí první."
    self_link = [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link == ["http://testserver/mesto/aktuality/feed.atom"]


def test_list_detail_and_feed_queries_stay_flat(client, area, coordinator, django_assert_max_num_queries):
    from openkp.structures.models import Group, PlanningPeriod

    period = PlanningPeriod.objects.create(area=area, name="1. plán", start_year=2025, end_year=2028)
    group = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
    for number in range(25):
        NewsItemFactory(area=area, slug=f"zprava-{number}", group=group if number % 2 else None)
    with django_assert_max_num_queries(4):
        assert client.get("/mesto/aktuality/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/mesto/aktuality/zprava-3/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/mesto/aktuality/feed.atom").status_code == 200
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        assert client.get("/mesto/aktuality/").status_code == 200


@pytest.mark.parametrize("title", ["", "x" * 500])
def test_news_sent_with_its_address_cleared_and_a_bad_title_keeps_its_link(django_app, area, coordinator, title):
    news = NewsItemFactory(area=area, slug="konference", title="Konference", is_published=False, published_at=None)
    page = django_app.get(f"/mesto/sprava/aktuality/{news.pk}/", user=coordinator)
    form = next(form for form in page.forms.values() if "title" in form.fields)
    form["slug"], form["title"] = "", title
    page = form.submit(expect_errors=True)
    assert page.status_int == 200
    assert list(page.context["form"].errors) == ["title"], page.context["form"].errors
    assert page.click("Náhled").request.path == "/mesto/aktuality/konference/"
    news.refresh_from_db()
    assert news.slug == "konference" and news.title == "Konference"
