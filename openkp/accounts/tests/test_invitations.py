"""Invitations are bound to the invited address, recorded when accepted, and revocable by who sent them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from openkp.accounts.models import Invitation, Membership, User
from openkp.accounts.tests.factories import UserFactory


def make_invitation(area, *, email="nova@example.org", role="coordinator", invited_by=None, **fields):
    invitation = Invitation(area=area, email=email, role=role, invited_by=invited_by, **fields)
    token = invitation.issue_token()
    invitation.save()
    return invitation, f"/ucet/pozvanka/{token}/"


@pytest.fixture
def member_elsewhere(area, person_with_role):
    """Like the demo 'clen': a member of group work in one area, with an address of their own."""
    return person_with_role(area, "member", user__username="clen", user__email="clen@example.org")


def test_a_member_of_another_area_cannot_claim_an_invitation_for_someone_else(django_app, area, other_area, member_elsewhere):
    invitation, link = make_invitation(other_area)
    page = django_app.get(link, user=member_elsewhere, status=403)
    assert "Pozvánka je určena pro adresu nova@example.org; přihlaste se účtem s touto adresou nebo se odhlaste." in page.text
    assert "Přijmout pozvánku" not in page.text
    # Posting straight to the link (the form is not even offered) changes nothing either.
    refused = django_app.post(link, user=member_elsewhere, params={"csrfmiddlewaretoken": django_app.cookies["csrftoken"]}, status=403)
    assert "Pozvánka je určena pro adresu nova@example.org" in refused.text
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and invitation.accepted_by is None
    assert not Membership.objects.filter(user=member_elsewhere, area=other_area).exists()
    assert not User.objects.get(pk=member_elsewhere.pk).has_perm("accounts.invite_person", other_area)


def test_the_wrong_account_can_log_out_and_continue(django_app, area, other_area, member_elsewhere):
    _invitation, link = make_invitation(other_area)
    page = django_app.get(link, user=member_elsewhere, status=403)
    page = page.forms["invitation-logout"].submit().follow()
    assert page.request.path == link
    assert "Založení účtu" in page.text


def test_the_invited_account_accepts_and_it_is_recorded(django_app, area, other_area, coordinator):
    invited = UserFactory(username="nova", email="NOVA@example.org")
    invitation, link = make_invitation(other_area, role="member", invited_by=coordinator)
    page = django_app.get(link, user=invited)
    result = page.forms["invitation-accept"].submit().follow()
    assert result.request.path == "/jinde/sprava/"
    assert "Vítejte v území Obec Jinde." in result.text
    invitation.refresh_from_db()
    assert invitation.accepted_by == invited and invitation.accepted_at is not None
    assert invitation.history.first().accepted_by_id == invited.pk
    membership = Membership.objects.get(user=invited, area=other_area)
    record = membership.history.get()
    assert record.history_user == invited and "Přijetí pozvánky" in record.history_change_reason


def test_a_new_account_gets_the_invited_address_fixed(django_app, area):
    invitation, link = make_invitation(area, role="member")
    form = django_app.get(link).forms["invitation-account"]
    assert form["email"].value == "nova@example.org"
    assert "disabled" in form["email"].attrs
    form["first_name"], form["last_name"], form["username"] = "Nová", "Členka", "nova"
    form["password1"] = form["password2"] = "Silne-Heslo-2026"
    form.fields["email"][0].force_value("utocnik@example.invalid")  # a tampered field is ignored
    form.submit().follow()
    user = User.objects.get(username="nova")
    assert user.email == "nova@example.org"
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert Membership.objects.get(user=user).history.get().history_user == user


def test_people_page_shows_who_accepted_and_who_revoked(django_app, area, coordinator, django_assert_max_num_queries):
    accepted, _link = make_invitation(area, email="prijata@example.org", role="member", invited_by=coordinator,
                                      accepted_at=timezone.now(), accepted_by=UserFactory(username="prijala", first_name="Petra", last_name="Nová"))
    make_invitation(area, email="zrusena@example.org", role="member", invited_by=coordinator,
                    revoked_at=timezone.now(), revoked_by=coordinator)
    make_invitation(area, email="cekajici@example.org", role="observer", invited_by=coordinator)
    for number in range(10):
        make_invitation(area, email=f"dalsi{number}@example.org", role="member", invited_by=coordinator)
    django_app.get("/mesto/sprava/lide/", user=coordinator)  # warm the session
    with django_assert_max_num_queries(15):
        page = django_app.get("/mesto/sprava/lide/", user=coordinator)
    assert "Přijal(a) Petra Nová" in page.text
    assert f"Zrušil(a) {coordinator}" in page.text
    pending = page.html.find("h2", string="Čekající pozvánky").find_next("table").text
    assert "cekajici@example.org" in pending and "prijata@example.org" not in pending and "Zrušit" in pending


def test_the_inviter_revokes_and_the_link_says_so(django_app, area, coordinator):
    invitation, link = make_invitation(area, role="member", invited_by=coordinator)
    page = django_app.get("/mesto/sprava/lide/", user=coordinator)
    confirm = page.click(description="Zrušit", href=f"/pozvanky/{invitation.pk}/zrusit/")
    assert "Zrušit pozvánku?" in confirm.text and "nova@example.org" in confirm.text
    invitation.refresh_from_db()
    assert invitation.revoked_at is None  # opening the confirmation changes nothing
    result = confirm.forms["invitation-revoke"].submit().follow()
    assert "Pozvánka pro nova@example.org je zrušena" in result.text
    invitation.refresh_from_db()
    assert invitation.revoked_by == coordinator and invitation.revoked_at is not None
    assert invitation.history.first().history_change_reason == "Zrušení pozvánky"

    invited = UserFactory(username="nova", email="nova@example.org")
    gone = django_app.get(link, user=invited, status=410)
    assert "Pozvánka byla zrušena" in gone.text
    assert not Membership.objects.filter(user=invited).exists()


def test_used_expired_and_unknown_links_say_so(django_app, area):
    _invitation, used = make_invitation(area, accepted_at=timezone.now())
    assert "Pozvánka už byla přijata" in django_app.get(used, status=410).text
    _invitation, expired = make_invitation(area)
    Invitation.objects.filter(pk=_invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    assert "Platnost pozvánky vypršela" in django_app.get(expired, status=410).text
    assert "Pozvánka neplatí" in django_app.get("/ucet/pozvanka/neexistuje/", status=404).text


@pytest.mark.parametrize("kind, status", [
    ("inviter_now_member", 302),  # the one who sent it may take it back
    ("other_coordinator", 302),
    ("group_manager", 403),
    ("member", 403),
    ("coordinator_elsewhere", 404),
    ("outsider", 404),
])
def test_who_may_revoke(client, area, other_area, coordinator, person_with_role, kind, status):
    inviter = person_with_role(area, "member", user__username="posilala")
    invitation, _link = make_invitation(area, role="member", invited_by=inviter)
    user = {
        "inviter_now_member": inviter,
        "other_coordinator": coordinator,
        "group_manager": person_with_role(area, "group_manager"),
        "member": person_with_role(area, "member"),
        "coordinator_elsewhere": person_with_role(other_area, "coordinator"),
        "outsider": UserFactory(username="cizinec"),
    }[kind]
    client.force_login(user)
    url = f"/mesto/sprava/lide/pozvanky/{invitation.pk}/zrusit/"
    assert client.get(url).status_code == (200 if status == 302 else status)
    assert client.post(url).status_code == status
    invitation.refresh_from_db()
    assert (invitation.revoked_at is not None) == (status == 302)


def test_an_invitation_of_another_area_is_not_found_by_its_coordinator(client, area, other_area, person_with_role):
    invitation, _link = make_invitation(other_area, role="member")
    client.force_login(person_with_role(area, "coordinator"))
    assert client.post(f"/mesto/sprava/lide/pozvanky/{invitation.pk}/zrusit/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
