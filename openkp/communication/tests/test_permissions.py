"""Role × communication staff URL → status; public pages are open; other areas' objects are 404."""

import pytest

from openkp.accounts.tests.factories import UserFactory
from openkp.communication.tests.factories import CommunicationChannelFactory, NewsItemFactory

URLS = ["/mesto/sprava/aktuality/", "/mesto/sprava/aktuality/nova/", "/mesto/sprava/aktuality/{news}/",
        "/mesto/sprava/aktuality/odberatele/", "/mesto/sprava/komunikace/", "/mesto/sprava/komunikace/{channel}/"]

EXPECTED = {
    #                news  create edit  subscribers channels channel
    "coordinator":   (200, 200, 200, 200, 200, 200),
    "group_manager": (200, 200, 200, 403, 403, 403),
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
