import re
import subprocess
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from openkp.core import periodic
from openkp.structures.models import Participant

from .conftest import past_meeting


def invite(client, team, django_capture_on_commit_callbacks):
    client.force_login(team["manager_user"])
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/mesto/sprava/skupiny/seniori/setkani/{team['meeting'].pk}/pozvanky/", follow=True)


def test_invitations_go_to_current_members_with_ical_and_reply_link(client, team, django_capture_on_commit_callbacks):
    response = invite(client, team, django_capture_on_commit_callbacks)
    assert "Pozvánky odeslány: 2." in response.content.decode()
    assert sorted(message.to[0] for message in mail.outbox) == ["holub@example.cz", "horakova@example.cz"]  # not the one who left
    message = next(message for message in mail.outbox if message.to == ["holub@example.cz"])
    assert message.subject.startswith("Pozvánka: 5. setkání")
    assert "Radnice, sál 2" in message.body and "2. Analýza potřeb" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "pozvanka.ics" and mimetype.startswith("text/calendar")
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["summary"]) == "5. setkání – Senioři" and event.decoded("dtstart") == team["meeting"].starts_at
    # The contact without an e-mail is on the list for the attendance, but got nothing.
    assert team["meeting"].participants.filter(name="Marie Bílá", invited_at=None).exists()

    reply_url = re.search(r"http://testserver(/mesto/organizace/odpoved/\S+/)", message.body).group(1)
    client.logout()
    assert "Pozvánka pro: Petr Holub" in client.get(reply_url).content.decode()
    page = client.post(reply_url, {"reply": "excuse"}, follow=True).content.decode()
    assert "vaše odpověď je zaznamenána: omluven/a předem" in page
    participant = Participant.objects.get(name="Petr Holub")
    assert (participant.reply, participant.attendance) == ("excuse", "excused")

    # Sending again invites nobody twice.
    mail.outbox.clear()
    response = invite(client, team, django_capture_on_commit_callbacks)
    assert "už pozvánku dostali" in response.content.decode() and not mail.outbox


def test_a_wrong_reply_link_is_404_and_a_past_meeting_cannot_be_invited_to(client, team, django_capture_on_commit_callbacks):
    assert client.get("/mesto/organizace/odpoved/neplatny-odkaz/").status_code == 404
    meeting = past_meeting(team["group"])
    client.force_login(team["manager_user"])
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"/mesto/sprava/skupiny/seniori/setkani/{meeting.pk}/pozvanky/", follow=True).content.decode()
    assert "na setkání v minulosti nelze zvát" in page and not mail.outbox


def test_reminders_a_day_before_go_once_and_not_to_the_excused(client, team, django_capture_on_commit_callbacks):
    invite(client, team, django_capture_on_commit_callbacks)
    Participant.objects.filter(name="Petr Holub").update(reply="excuse")
    mail.outbox.clear()
    meeting = team["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.run_all(now=timezone.now())["structures.meeting_reminders"] == 0  # a week ahead: not yet
        day_before = meeting.starts_at - timedelta(hours=20)
        assert periodic.run_all(now=day_before)["structures.meeting_reminders"] == 1
        assert periodic.run_all(now=day_before + timedelta(hours=1))["structures.meeting_reminders"] == 0
    assert [message.to for message in mail.outbox if message.subject.startswith("Zítra")] == [["horakova@example.cz"]]


def test_manager_records_attendance_and_guests_and_the_rate_follows(client, team):
    meeting = past_meeting(team["group"], days=10)
    client.force_login(team["manager_user"])
    url = f"/mesto/sprava/skupiny/seniori/setkani/{meeting.pk}/prezence/"
    page = client.get(url).content.decode()
    assert "Petr Holub" in page and "Marie Bílá" in page and "Eva Malá" not in page  # left before the meeting
    people = {participant.name: participant for participant in meeting.participants.all()}
    row = client.post(url, {"participant": people["Petr Holub"].pk, "attendance": "present"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'aria-pressed="true">přítomen/a' in row and "<html" not in row
    client.post(url, {"participant": people["Jana Horáková"].pk, "attendance": "present"})
    client.post(url, {"participant": people["Marie Bílá"].pk, "attendance": "excused"})
    client.post(url, {"name": "Ing. Karel Novák", "organisation_name": "Krajský úřad"})
    page = client.get(url).content.decode()
    summary = " ".join(page[page.index('id="attendance-summary"'):].split("</div>", 1)[0].replace("&nbsp;", " ").split())
    assert "2 člen" in summary and "a 1 host, omluvena 1 osoba, na seznamu 4" in summary
    manage = client.get(f"/mesto/sprava/skupiny/seniori/setkani/{meeting.pk}/").content.decode()
    assert "Účast členů 67\xa0%" in manage


def test_attendance_list_pdf_has_the_names_and_a_signature_column(client, team):
    client.force_login(team["manager_user"])
    response = client.get(f"/mesto/sprava/skupiny/seniori/setkani/{team['meeting'].pk}/prezencni-listina.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
    assert "Prezenční listina" in text and "Podpis" in text
    assert "Jana Horáková" in text and "Domov Lipina" in text and "Marie Bílá" in text and "Eva Malá" not in text


def test_minutes_are_written_approved_published_and_then_public(client, team):
    meeting = past_meeting(team["group"], is_public=True)
    url = f"/mesto/sprava/skupiny/seniori/setkani/{meeting.pk}/zapis/"
    public_url = f"/mesto/organizace/seniori/setkani/{meeting.pk}/"
    client.force_login(team["manager_user"])
    client.get(f"/mesto/sprava/skupiny/seniori/setkani/{meeting.pk}/prezence/")
    Participant.objects.filter(meeting=meeting, name="Petr Holub").update(attendance="present")
    page = client.post(url, {"action": "approve", "discussion": "", "decisions": ""}, follow=True).content.decode()
    assert "Prázdný zápis nelze schválit" in page
    client.post(url, {"action": "save", "discussion": "Skupina projednala výsledky dotazníku.", "decisions": "PS schvaluje návrh opatření 2.1\n- Příští setkání v březnu",
                      "recorded_by": "Jana Horáková"})
    client.logout()
    assert "projednala výsledky" not in client.get(public_url).content.decode()
    assert client.get(public_url + "zapis.pdf").status_code == 404
    client.force_login(team["manager_user"])
    client.post(url, {"action": "approve", "discussion": "Skupina projednala výsledky dotazníku.", "decisions": "PS schvaluje návrh opatření 2.1\n- Příští setkání v březnu",
                      "recorded_by": "Jana Horáková"})
    page = client.post(url, {"action": "save", "discussion": "Přepsáno", "decisions": ""}, follow=True).content.decode()
    assert "Schválený zápis nelze měnit" in page
    client.post(url, {"action": "publish"})
    client.logout()
    page = client.get(public_url).content.decode()
    assert "Skupina projednala výsledky dotazníku." in page and "<li>Příští setkání v\xa0březnu</li>" in page
    assert "Zápisy ze setkání" in client.get("/mesto/organizace/seniori/").content.decode()
    pdf = client.get(public_url + "zapis.pdf")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout.decode()
    assert "Zápis ze setkání" in text and "Petr Holub" in text and "Příští setkání v březnu" in text
    from io import BytesIO

    from docx import Document
    document = Document(BytesIO(client.get(public_url + "zapis.docx").content))
    paragraphs = [paragraph.text.replace("\xa0", " ") for paragraph in document.paragraphs]
    assert "Usnesení a závěry" in paragraphs and "PS schvaluje návrh opatření 2.1" in paragraphs
    assert any(text.startswith("Přítomni (1): Petr Holub") for text in paragraphs)


def test_tasks_mine_overdue_reminded_and_closed_by_their_owner(client, team, django_capture_on_commit_callbacks):
    client.force_login(team["manager_user"])
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    client.post("/mesto/sprava/skupiny/seniori/ukoly/novy/", {"title": "Oslovit poskytovatele odlehčovací služby",
                                                            "owner": team["member"].pk, "due_date": yesterday, "status": "open"})
    client.force_login(team["member_user"])
    page = client.get("/mesto/sprava/ukoly/").content.decode()
    assert "Oslovit poskytovatele odlehčovací služby" in page and "po termínu" in page and 'class="okp-overdue"' in page
    with django_capture_on_commit_callbacks(execute=True):
        assert periodic.run_all()["structures.task_reminders"] == 1
        assert periodic.run_all()["structures.task_reminders"] == 0
    assert mail.outbox[0].to == ["holub@example.cz"] and "už uplynul" in mail.outbox[0].body
    task = team["group"].tasks.get()
    client.post(f"/mesto/sprava/ukoly/{task.pk}/stav/", {"status": "done"})
    task.refresh_from_db()
    assert task.status == "done"


def test_task_owner_must_be_a_member_of_the_group(client, team):
    client.force_login(team["manager_user"])
    page = client.post("/mesto/sprava/skupiny/seniori/ukoly/novy/", {"title": "X", "owner": 999999, "status": "open"}).content.decode()
    assert "Vyberte platnou možnost" in page or "platnou" in page


@pytest.mark.parametrize("url", [
    "/mesto/sprava/skupiny/seniori/setkani/{pk}/prezence/",
    "/mesto/sprava/skupiny/seniori/setkani/{pk}/zapis/",
    "/mesto/sprava/skupiny/seniori/setkani/{pk}/upravit/",
    "/mesto/sprava/skupiny/seniori/setkani/{pk}/prezencni-listina.pdf",
    "/mesto/sprava/skupiny/seniori/setkani/nove/",
    "/mesto/sprava/skupiny/seniori/ukoly/novy/",
])
def test_permission_matrix_of_manager_pages(client, team, url, person_with_role, area, other_area, outsider):
    url = url.format(pk=team["meeting"].pk)
    assert client.get(url).status_code == 302  # anonymous → log-in
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(person_with_role(other_area, "coordinator"))
    assert client.get(url).status_code == 404  # a coordinator of another area is an outsider here
    client.force_login(team["member_user"])
    assert client.get(url).status_code == 403  # a member of the group does not manage it
    client.force_login(person_with_role(area, "group_manager"))
    assert client.get(url).status_code == 403  # a manager of another group
    client.force_login(team["manager_user"])
    assert client.get(url).status_code == 200
    client.force_login(person_with_role(area, "coordinator"))
    assert client.get(url).status_code == 200


def test_who_sees_members_contacts(client, team, person_with_role, area):
    url = "/mesto/sprava/skupiny/seniori/"
    expected = {"member": 403, "observer": 200, "coordinator": 200, "provider": 403}
    for role, status in expected.items():
        client.force_login(person_with_role(area, role))
        assert client.get(url).status_code == status, role
    client.force_login(team["member_user"])  # a member of this group sees their colleagues
    assert "holub@example.cz" in client.get(url).content.decode()


def test_manager_adds_a_member_and_ends_a_membership_keeping_history(client, team):
    client.force_login(team["manager_user"])
    response = client.post("/mesto/sprava/skupiny/seniori/clenove/novy/", {
        "name": "Alena Nová", "email": "nova@example.cz", "triad_role": "user", "function": "member"})
    assert response.status_code == 302
    assert team["group"].members.filter(name="Alena Nová", email="nova@example.cz").exists()
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    member = team["member"]
    client.post(f"/mesto/sprava/skupiny/seniori/clenove/{member.pk}/", {
        "name": member.name, "email": member.email, "triad_role": member.triad_role, "function": member.function,
        "user": member.user_id, "valid_to": yesterday})
    page = client.get("/mesto/sprava/skupiny/seniori/").content.decode()
    former = page[page.index("Bývalí členové"):]
    assert "Petr Holub" in former
    client.force_login(team["member_user"])  # who left the group no longer sees its internals
    assert client.get("/mesto/sprava/skupiny/seniori/").status_code == 403


def test_a_joint_meeting_invites_other_groups_and_outside_people_once(client, team, django_capture_on_commit_callbacks):
    from openkp.structures.models import Group, GroupMember

    other = Group.objects.create(area=team["group"].area, period=team["period"], name="Pečující", slug="pecujici")
    GroupMember.objects.create(area=other.area, group=other, name="Lenka Tichá", email="ticha@example.cz", triad_role="provider")
    GroupMember.objects.create(area=other.area, group=other, name="Petr Holub", email="HOLUB@example.cz", triad_role="user")
    meeting = team["meeting"]
    meeting.invited_groups.add(other)
    client.force_login(team["manager_user"])
    client.post(f"/mesto/sprava/skupiny/seniori/setkani/{meeting.pk}/pozvat/",
                {"name": "MUDr. Jan Lékař", "email": "lekar@example.cz", "organisation_name": "Nemocnice"})
    page = client.post(f"/mesto/sprava/skupiny/seniori/setkani/{meeting.pk}/pozvat/",
                       {"name": "Jan Lékař", "email": "LEKAR@example.cz"}, follow=True).content.decode()
    assert "Tento e-mail už na seznamu pozvaných je." in page
    invite(client, team, django_capture_on_commit_callbacks)
    recipients = sorted(message.to[0].lower() for message in mail.outbox)
    assert recipients == ["holub@example.cz", "horakova@example.cz", "lekar@example.cz", "ticha@example.cz"]


@pytest.mark.parametrize("next_url", ["//example.invalid/x", "/\\example.invalid", "https://example.invalid", "javascript:alert(1)"])
def test_task_status_never_leaves_the_site(client, team, next_url):
    task = team["group"].tasks.create(area=team["group"].area, title="Oslovit poskytovatele", owner=team["member"], status="open")
    client.force_login(team["member_user"])
    response = client.post(f"/mesto/sprava/ukoly/{task.pk}/stav/", {"status": "done", "next": next_url})
    assert response["Location"] == "/mesto/sprava/ukoly/"
    response = client.post(f"/mesto/sprava/ukoly/{task.pk}/stav/", {"status": "open", "next": "/mesto/sprava/skupiny/seniori/"})
    assert response["Location"] == "/mesto/sprava/skupiny/seniori/"
