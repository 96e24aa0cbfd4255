"""The attendance page and the sending of invitations the way a browser submits them (django-webtest, CSRF
enforced): the running count follows every tap with and without JavaScript; inviting when nobody is new sends
nothing and keeps the date of the last sending."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from openkp.structures.models import Meeting, Participant

from .conftest import past_meeting


def attendance_url(meeting):
    return f"/mesto/sprava/skupiny/seniori/setkani/{meeting.pk}/prezence/"


def summary_text(page):
    return " ".join(page.html.find(id="attendance-summary").get_text().split())


def test_the_count_follows_each_tap_without_javascript(django_app, team):
    meeting = past_meeting(team["group"], days=1)
    page = django_app.get(attendance_url(meeting), user=team["manager_user"])
    assert summary_text(page).startswith("Přítomno 0 členů, omluveno 0 osob, na seznamu")
    holub = Participant.objects.get(meeting=meeting, name="Petr Holub")
    page = page.forms[f"attendance-form-{holub.pk}"].submit("attendance", value="present").follow()
    assert summary_text(page).startswith("Přítomen 1 člen, omluveno 0 osob")
    assert summary_text(page).endswith("Účast zbývá zapsat u 2 osob.")
    bila = Participant.objects.get(meeting=meeting, name="Marie Bílá")
    page = page.forms[f"attendance-form-{bila.pk}"].submit("attendance", value="excused").follow()
    page.forms["guest-form"]["name"] = "Ing. Karel Novák"
    page = page.forms["guest-form"].submit().follow()
    assert summary_text(page).startswith("Přítomen 1 člen a 1 host, omluvena 1 osoba, na seznamu")
    assert summary_text(page).endswith("Účast zbývá zapsat u 1 osoby.")


def test_a_tap_with_htmx_returns_the_row_and_the_new_count_out_of_band(django_app, team):
    meeting = past_meeting(team["group"], days=1)
    page = django_app.get(attendance_url(meeting), user=team["manager_user"])
    holub = Participant.objects.get(meeting=meeting, name="Petr Holub")
    fragment = page.forms[f"attendance-form-{holub.pk}"].submit("attendance", value="present", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    row = fragment.html.find(id=f"participant-{holub.pk}")
    assert row.find("button", attrs={"aria-pressed": "true"}).get_text() == "přítomen/a"
    summary = fragment.html.find(id="attendance-summary")
    assert summary["data-hx-swap-oob"] == "innerHTML"
    assert " ".join(summary.get_text().split()).startswith("Přítomen 1 člen, omluveno 0 osob")


@pytest.fixture
def invite(django_app, team, django_capture_on_commit_callbacks):
    """Press the invitations button on the meeting's staff page; the e-mails go out when the request commits."""
    def press():
        page = django_app.get(f"/mesto/sprava/skupiny/seniori/setkani/{team['meeting'].pk}/", user=team["manager_user"])
        form = next(form for form in page.forms.values() if form.action.endswith("/pozvanky/"))
        with django_capture_on_commit_callbacks(execute=True):
            return form.submit().follow()
    return press


def test_inviting_new_members_when_nobody_is_new_sends_nothing_and_keeps_the_date(invite, team):
    page = invite()
    assert "Pozvánky odeslány: 2." in page.text and len(mail.outbox) == 2
    sent_at = timezone.now() - timedelta(days=3)
    Meeting.objects.filter(pk=team["meeting"].pk).update(invitations_sent_at=sent_at)
    mail.outbox.clear()

    page = invite()
    assert "Nikdo nový k pozvání není" in page.text and "Nic se neodeslalo." in page.text
    assert not mail.outbox
    assert Meeting.objects.get(pk=team["meeting"].pk).invitations_sent_at == sent_at
    assert "Pozvat nové členy" in page.text  # the page still offers inviting those who join later


def test_inviting_new_members_invites_only_the_newcomer(invite, team):
    from openkp.structures.models import GroupMember, TriadRole

    invite()
    mail.outbox.clear()
    GroupMember.objects.create(area=team["group"].area, group=team["group"], name="Nová Členka", email="nova@example.cz",
                               triad_role=TriadRole.USER)
    page = invite()
    assert "Pozvánky odeslány: 1." in page.text
    assert [message.to for message in mail.outbox] == [["nova@example.cz"]]


def test_nobody_with_an_e_mail_gets_a_clear_message_and_no_date(invite, team):
    from openkp.structures.models import GroupMember

    GroupMember.objects.filter(group=team["group"]).update(email="")
    page = invite()
    assert "Nikdo na seznamu pozvaných nemá e-mail" in page.text and not mail.outbox
    assert Meeting.objects.get(pk=team["meeting"].pk).invitations_sent_at is None
    assert "zatím neodeslány" in page.text
