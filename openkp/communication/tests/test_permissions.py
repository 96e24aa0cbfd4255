"""Role × communication staff URL → status; public pages are open; other areas' objects are 404."""

import pytest
from django.utils import timezone

from openkp.accounts.tests.factories import UserFactory
from openkp.communication.models import NewsItem
from openkp.communication.tests.factories import CommunicationChannelFactory, NewsItemFactory
from openkp.structures.models import Group, PlanningPeriod

URLS = ["/mesto/sprava/aktuality/", "/mesto/sprava/aktuality/nova/", "/mesto/sprava/aktuality/{news}/",
        "/mesto/sprava/aktuality/odberatele/", "/mesto/sprava/komunikace/", "/mesto/sprava/komunikace/{channel}/"]

EXPECTED = {
    #                news  create edit  subscribers channels channel
    "coordinator":   (200, 200, 200, 200, 200, 200),
    "group_manager": (200, 200, 403, 403, 403, 403),  # the item is the whole area's: the coordinator's
    "observer":      (403, 403, 403, 200, 403, 403),
    "member":        (403, 403, 403, 403, 403, 403),
    "provider":      (403, 403, 403, 403, 403, 403),
    "outsider":      (404, 404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("kind", EXPECTED)
def test_staff_permission_matrix(client, area, person_with_role, kind):
    news = NewsItemFactory(area=area)
    channel = CommunicationChannelFactory(area=area)
    user = UserFactory(username="cizinec") if kind == "outsider" else person_with_role(area, kind)
    client.force_login(user)
    statuses = tuple(client.get(url.format(news=news.pk, channel=channel.pk)).status_code for url in URLS)
    assert statuses == EXPECTED[kind]


def test_anonymous_is_sent_to_login(client, area):
    news = NewsItemFactory(area=area)
    channel = CommunicationChannelFactory(area=area)
    for url in URLS:
        response = client.get(url.format(news=news.pk, channel=channel.pk))
        assert response.status_code == 302 and "/ucet/" in response["Location"], url


def test_member_cannot_post_news(client, area, person_with_role):
    client.force_login(person_with_role(area, "member"))
    response = client.post("/mesto/sprava/aktuality/nova/", {"title": "X", "perex": "Y", "action": "publish"})
    assert response.status_code == 403


def test_other_areas_objects_are_404_for_the_coordinator(client, area, other_area, coordinator):
    news = NewsItemFactory(area=other_area)
    channel = CommunicationChannelFactory(area=other_area)
    client.force_login(coordinator)
    assert client.get(f"/mesto/sprava/aktuality/{news.pk}/").status_code == 404
    assert client.post(f"/mesto/sprava/aktuality/{news.pk}/rozeslat/").status_code == 404
    assert client.get(f"/mesto/sprava/komunikace/{channel.pk}/").status_code == 404
    assert client.get(f"/mesto/sprava/historie/news/{news.pk}/").status_code == 404


def test_public_pages_are_open_to_everyone(client, area):
    for url in ["/mesto/aktuality/", "/mesto/aktuality/feed.atom", "/mesto/komunikace/"]:
        assert client.get(url).status_code == 200, url
    assert client.get("/mesto/aktuality/odber/").status_code == 405


def test_group_manager_writes_only_for_her_groups(django_app, area, coordinator, manager_of):
    """Another group's item and an item of the whole area are not hers: no link, 403 on editing, publishing or re-sending."""
    period = PlanningPeriod.objects.create(area=area, name="2025–2027", start_year=2025, end_year=2027)
    own_group = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
    other_group = Group.objects.create(area=area, period=period, name="Rodiny s dětmi", slug="rodiny")
    manager = manager_of(own_group)
    own = NewsItemFactory(area=area, group=own_group, title="Senioři zvou", is_published=False, published_at=None)
    others = [NewsItemFactory(area=area, group=other_group, title="Rodiny zvou", is_published=False, published_at=None),
              NewsItemFactory(area=area, title="Za celé území", is_published=False, published_at=None, send_to_subscribers=True)]
    NewsItem.objects.filter(pk=others[1].pk).update(sending_started_at=timezone.now())

    listing = django_app.get("/mesto/sprava/aktuality/", user=manager)
    assert listing.html.find("a", href=f"/mesto/sprava/aktuality/{own.pk}/")
    for news in others:
        assert not listing.html.find("a", href=f"/mesto/sprava/aktuality/{news.pk}/")
        assert django_app.get(f"/mesto/sprava/aktuality/{news.pk}/", user=manager, expect_errors=True).status_int == 403
        assert django_app.post(f"/mesto/sprava/aktuality/{news.pk}/rozeslat/", user=manager, expect_errors=True).status_int == 403
    assert not listing.html.find("form", action=f"/mesto/sprava/aktuality/{others[1].pk}/rozeslat/")
    coordinator_listing = django_app.get("/mesto/sprava/aktuality/", user=coordinator)
    assert coordinator_listing.html.find("form", action=f"/mesto/sprava/aktuality/{others[1].pk}/rozeslat/")

    form = django_app.get(f"/mesto/sprava/aktuality/{own.pk}/", user=manager).forms["news-form"]
    assert django_app.post(f"/mesto/sprava/aktuality/{others[1].pk}/", {**dict(form.submit_fields()), "action": "publish"},
                           user=manager, expect_errors=True).status_int == 403
    assert not NewsItem.objects.get(pk=others[1].pk).is_published
    assert form.submit("action", value="publish").status_int == 302
    assert NewsItem.objects.get(pk=own.pk).is_published


def test_group_manager_writes_news_for_one_of_her_groups(django_app, area, manager_of):
    period = PlanningPeriod.objects.create(area=area, name="2025–2027", start_year=2025, end_year=2027)
    own_group = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
    Group.objects.create(area=area, period=period, name="Rodiny s dětmi", slug="rodiny")
    form = django_app.get("/mesto/sprava/aktuality/nova/", user=manager_of(own_group)).forms["news-form"]
    assert [value for value, _selected, _label in form["group"].options if value] == [str(own_group.pk)]
    form["title"], form["perex"] = "Senioři zvou", "Pozvánka na setkání."
    page = form.submit("action", value="save")
    assert "Vyberte skupinu, za kterou aktualitu píšete." in page.text
    assert not NewsItem.objects.exists()
    page.forms["news-form"]["group"] = str(own_group.pk)
    assert page.forms["news-form"].submit("action", value="save").status_int == 302
    assert NewsItem.objects.get().group == own_group
