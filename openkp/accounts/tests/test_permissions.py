"""Role × staff URL → status code. Outsiders get 404, insiders without permission 403."""

import pytest

from openkp.accounts.tests.factories import UserFactory

STAFF_URLS = {
    "dashboard": "/mesto/sprava/",
    "people": "/mesto/sprava/lide/",
    "area_history": "/mesto/sprava/historie/area/{area_pk}/",
    "municipality_import": "/mesto/sprava/obce/import/",
    "overview_pdf": "/mesto/sprava/prehled.pdf",
}

EXPECTED = {
    #               dashboard people history import overview_pdf
    "coordinator":   (200, 200, 200, 200, 200),
    "group_manager": (200, 200, 403, 403, 200),
    "member":        (200, 403, 403, 403, 403),
    "provider":      (200, 403, 403, 403, 403),
    "observer":      (200, 200, 200, 403, 200),
    "outsider":      (404, 404, 404, 404, 404),
    "coordinator_elsewhere": (404, 404, 404, 404, 404),
    "superuser":     (200, 200, 200, 200, 200),
}


def make_user(kind, area, other_area, person_with_role):
    if kind == "outsider":
        return UserFactory(username="cizinec")
    if kind == "coordinator_elsewhere":
        return person_with_role(other_area, "coordinator")
    if kind == "superuser":
        return UserFactory(username="spravce", is_superuser=True, is_staff=True)
    return person_with_role(area, kind)


@pytest.mark.parametrize("kind", EXPECTED)
def test_permission_matrix(client, area, other_area, person_with_role, kind):
    client.force_login(make_user(kind, area, other_area, person_with_role))
    statuses = tuple(client.get(url.format(area_pk=area.pk)).status_code for url in STAFF_URLS.values())
    assert statuses == EXPECTED[kind]


@pytest.mark.parametrize("url", STAFF_URLS.values())
def test_anonymous_is_sent_to_log_in(client, area, url):
    response = client.get(url.format(area_pk=area.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/ucet/prihlaseni/?next=")


def test_invite_post_needs_coordinator(client, area, person_with_role):
    client.force_login(person_with_role(area, "group_manager"))
    response = client.post("/mesto/sprava/lide/", {"email": "novy@example.org", "role": "member"})
    assert response.status_code == 403


def test_navigation_offers_dashboard_only_to_insiders(client, area, person_with_role, outsider):
    client.force_login(outsider)
    assert "/mesto/sprava/" not in client.get("/mesto/").content.decode()
    client.force_login(person_with_role(area, "member"))
    assert "/mesto/sprava/" in client.get("/mesto/").content.decode()


def test_dashboard_is_flat_in_queries(client, area, coordinator, person_with_role, django_assert_max_num_queries):
    for _n in range(15):
        person_with_role(area, "member")
    client.force_login(coordinator)
    # Each app's "K vyřízení" selectors ask their own questions; none of them grows with the people.
    with django_assert_max_num_queries(22):
        assert client.get("/mesto/sprava/").status_code == 200
