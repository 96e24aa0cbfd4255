import re

import pytest
from django.core import mail

from openkp.accounts.models import Invitation, Membership, User
from openkp.accounts.tests.factories import PASSWORD, UserFactory


def test_log_in_takes_a_single_area_person_to_the_dashboard(client, coordinator):
    response = client.post("/ucet/prihlaseni/", {"username": coordinator.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/mesto/sprava/"


@pytest.mark.parametrize("next_url", ["//example.invalid/x", "/\\example.invalid", "https://example.invalid", "javascript:alert(1)"])
def test_log_in_ignores_a_next_off_the_site(client, coordinator, next_url):
    response = client.post(f"/ucet/prihlaseni/?next={next_url}", {"username": coordinator.username, "password": PASSWORD, "next": next_url})
    assert response["Location"] == "/mesto/sprava/"


def test_log_in_follows_a_next_on_the_site(client, coordinator):
    response = client.post("/ucet/prihlaseni/", {"username": coordinator.username, "password": PASSWORD, "next": "/mesto/sprava/lide/"})
    assert response["Location"] == "/mesto/sprava/lide/"


def test_wrong_password_gives_czech_message(client, coordinator):
    response = client.post("/ucet/prihlaseni/", {"username": coordinator.username, "password": "spatne"})
    assert response.status_code == 200
    assert "Přihlašovací jméno nebo heslo nesouhlasí" in response.content.decode()


def test_log_out_is_post_only(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/ucet/odhlaseni/")
    assert response.status_code == 302
    assert client.get("/mesto/sprava/").status_code == 302


def test_ten_failures_lock_the_user_and_ip(client, coordinator):
    for attempt in range(10):
        client.post("/ucet/prihlaseni/", {"username": coordinator.username, "password": f"spatne{attempt}"})
    response = client.post("/ucet/prihlaseni/", {"username": coordinator.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Přihlášení je dočasně zablokováno" in response.content.decode()
    # Another person from the same address is not locked out.
    other = UserFactory(username="kolega")
    response = client.post("/ucet/prihlaseni/", {"username": other.username, "password": PASSWORD})
    assert response.status_code == 302


def test_password_reset_sends_a_working_link(client, coordinator):
    client.post("/ucet/heslo/obnova/", {"email": coordinator.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/ucet/heslo/obnova/\S+/)", mail.outbox[0].body)[1]
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Nove-Heslo-2026!", "new_password2": "Nove-Heslo-2026!"})
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("Nove-Heslo-2026!")


@pytest.fixture
def invite(client, coordinator, django_capture_on_commit_callbacks):
    def post(**data):
        client.force_login(coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/mesto/sprava/lide/", {"email": "nova@example.org", "role": "member", **data})
        client.logout()
        return response

    return post



def test_invitation_creates_account_with_role(client, area, invite):
    assert invite().status_code == 302
    body = mail.outbox[0].body
    assert "Dobrý den," in body and "Město Testov" in body
    link = re.search(r"http://testserver(/ucet/pozvanka/\S+/)", body)[1]

    weak = client.post(link, {"first_name": "Nová", "last_name": "Členka", "username": "nova",
                              "password1": "demo", "password2": "demo"})
    assert weak.status_code == 200
    assert "heslo je příliš krátké" in weak.content.decode().lower()
    assert not User.objects.filter(username="nova").exists()

    response = client.post(link, {"first_name": "Nová", "last_name": "Členka", "username": "nova",
                                  "password1": "Silne-Heslo-2026", "password2": "Silne-Heslo-2026"})
    assert response["Location"] == "/mesto/sprava/"
    user = User.objects.get(username="nova")
    assert user.email == "nova@example.org"
    assert Membership.objects.get(user=user).role == "member"
    # The link works once; the person who used it is told so and sent on.
    again = client.get(link)
    assert again.status_code == 410
    assert "Tuto pozvánku jste přijali" in again.content.decode()


def test_provider_invitation_needs_an_organisation(client, area, invite):
    response = invite(role="provider")
    assert response.status_code == 200
    assert "vyberte organizaci" in response.content.decode()
    assert not Invitation.objects.exists()


def test_existing_user_accepts_invitation_after_log_in(client, area, invite):
    existing = UserFactory(username="stavajici", email="nova@example.org")
    invite(role="observer")
    link = re.search(r"http://testserver(/ucet/pozvanka/\S+/)", mail.outbox[0].body)[1]
    assert "Přihlaste se" in client.get(link).content.decode()
    client.force_login(existing)
    client.post(link)
    assert Membership.objects.get(user=existing).role == "observer"


@pytest.mark.parametrize("password", ["demo", "12345678901", "password123"])
def test_weak_passwords_are_rejected(password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password)


def test_provider_invitation_by_ico(client, area, invite):
    from openkp.core.tests.factories import OrganisationFactory

    OrganisationFactory(ico="25596641", name="Podané ruce")
    assert "není v seznamu organizací" in invite(role="provider", organisation="12345678").content.decode()
    assert invite(role="provider", organisation="255 96 641").status_code == 302
    assert Invitation.objects.get().organisation.name == "Podané ruce"
