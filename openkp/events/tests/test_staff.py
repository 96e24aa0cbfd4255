"""Staff pages: permission matrix, create/edit, registrations, attendance on the day, XLSX export, e-mail to all."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from openkp.accounts.tests.factories import UserFactory
from openkp.events.models import Event, Registration

URLS = [
    ("get", "/mesto/sprava/akce/"),
    ("get", "/mesto/sprava/akce/nova/"),
    ("get", "/mesto/sprava/akce/{event}/"),
    ("get", "/mesto/sprava/akce/{event}/upravit/"),
    ("get", "/mesto/sprava/akce/{event}/dochazka/"),
    ("post", "/mesto/sprava/akce/{event}/dochazka/{registration}/"),
    ("get", "/mesto/sprava/akce/{event}/zprava/"),
    ("get", "/mesto/sprava/akce/{event}/registrace.xlsx"),
    ("get", "/mesto/sprava/akce/ukazatele/"),
]

EXPECTED = {
    #                 list  new  regs edit  att  tap  mail xlsx indicators
    "coordinator":   (200, 200, 200, 200, 200, 302, 200, 200, 200),
    "group_lead":    (200, 200, 200, 200, 200, 302, 200, 403, 200),  # manages the event's group
    "group_manager": (200, 200, 403, 403, 403, 403, 403, 403, 200),  # manages another group
    "observer":      (403, 403, 403, 403, 403, 403, 403, 403, 200),
    "member":        (403, 403, 403, 403, 403, 403, 403, 403, 403),
    "provider":      (403, 403, 403, 403, 403, 403, 403, 403, 403),
    "outsider":      (404, 404, 404, 404, 404, 404, 404, 404, 404),
}


def _registration(event, **fields):
    values = {"area": event.area, "event": event, "name": "Jana Nováková", "email": "jana@example.cz"}
    values.update(fields)
    return Registration.objects.create(**values)


@pytest.mark.parametrize("kind", EXPECTED)
def test_staff_permission_matrix(client, area, person_with_role, event, group, kind):
    from openkp.structures.models import GroupMember

    event.group = group
    event.save()
    registration = _registration(event)
    if kind == "outsider":
        user = UserFactory(username="cizinec")
    else:
        user = person_with_role(area, "group_manager" if kind == "group_lead" else kind)
    if kind == "group_lead":
        GroupMember.objects.create(area=area, group=group, user=user, name="Vedoucí", triad_role="provider", function="manager")
    client.force_login(user)
    statuses = tuple(
        getattr(client, method)(url.format(event=event.pk, registration=registration.pk)).status_code for method, url in URLS
    )
    assert statuses == EXPECTED[kind]


def test_anonymous_is_sent_to_login(client, event):
    for method, url in URLS:
        response = getattr(client, method)(url.format(event=event.pk, registration=1))
        assert response.status_code == 302 and "/ucet/prihlaseni/" in response["Location"]


def test_another_areas_event_is_404_for_staff(client, other_area, coordinator, make_event):
    from openkp.structures.models import PlanningPeriod

    foreign_period = PlanningPeriod.objects.create(area=other_area, name="Jinde", start_year=2025, end_year=2028)
    foreign = make_event(area=other_area, period=foreign_period)
    client.force_login(coordinator)
    for suffix in ("", "upravit/", "dochazka/", "zprava/", "registrace.xlsx"):
        assert client.get(f"/mesto/sprava/akce/{foreign.pk}/{suffix}").status_code == 404


def test_coordinator_creates_an_event_shown_publicly(client, area, period, group, coordinator):
    client.force_login(coordinator)
    form = client.get("/mesto/sprava/akce/nova/").content.decode()
    assert "Informace o zpracování osobních údajů" in form and "Uchováváme je nejdéle jeden rok" in form
    starts = timezone.localtime() + timedelta(days=20)
    response = client.post("/mesto/sprava/akce/nova/", {
        "period": period.pk, "group": group.pk, "kind": "round_table", "title": "Kulatý stůl k bydlení",
        "description": "Bydlení seniorů v obvodech.", "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"), "place": "Nová radnice", "address": "",
        "online_link": "", "has_registration": "on", "capacity": "35", "registration_opens_at": "",
        "registration_closes_at": "", "consent_text": "Údaje zpracujeme jen pro tuto akci.", "feedback_url": "",
        "planned_participants": "30", "counts_toward_indicators": "on", "actual_participants_override": "",
        "is_published": "on",
    })
    assert response.status_code == 302
    event = Event.objects.get(title="Kulatý stůl k bydlení")
    assert event.area == area and event.group == group and event.capacity == 35
    html = client.get("/mesto/akce/").content.decode()
    assert "Kulatý stůl k bydlení" in html and "Volná místa: 35 z 35" in html.replace("\xa0", " ")
    assert event.history.count() == 1
    assert client.get(f"/mesto/sprava/historie/event/{event.pk}/").status_code == 200


def test_event_form_explains_wrong_dates_and_missing_place(client, period, coordinator):
    client.force_login(coordinator)
    starts = timezone.localtime() + timedelta(days=3)
    html = client.post("/mesto/sprava/akce/nova/", {
        "period": period.pk, "kind": "seminar", "title": "Seminář", "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"), "consent_text": "x",
    }).content.decode()
    assert "Akce musí skončit později, než začne." in html
    assert "Uveďte místo konání, nebo odkaz na online připojení." in html
    assert not Event.objects.exists()


def test_raising_capacity_promotes_the_waiting_list(client, make_event, coordinator, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    _registration(event, email="prvni@example.cz")
    waiting = _registration(event, email="druhy@example.cz", status=Registration.Status.WAITING)
    client.force_login(coordinator)
    data = _form_data(event, capacity="2")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/mesto/sprava/akce/{event.pk}/upravit/", data, follow=True)
    assert "Z čekací listiny přesunuto mezi účastníky: 1" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [["druhy@example.cz"]]


def test_cancelling_the_event_tells_the_registered(client, make_event, coordinator, django_capture_on_commit_callbacks):
    event = make_event()
    _registration(event, email="prvni@example.cz")
    _registration(event, email="zrusil@example.cz", status=Registration.Status.CANCELLED)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/mesto/sprava/akce/{event.pk}/upravit/", _form_data(event, is_cancelled="on"))
    assert [message.to for message in mail.outbox] == [["prvni@example.cz"]]
    assert mail.outbox[0].subject.startswith("Akce je zrušena")
    assert b"STATUS:CANCELLED" in mail.outbox[0].attachments[0][1].encode()


def _form_data(event, **overrides):
    local = timezone.localtime
    data = {
        "period": event.period_id, "group": event.group_id or "", "kind": event.kind, "title": event.title,
        "description": event.description, "starts_at": local(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": local(event.ends_at).strftime("%Y-%m-%dT%H:%M"), "place": event.place, "address": event.address,
        "online_link": "", "has_registration": "on", "capacity": event.capacity or "", "registration_opens_at": "",
        "registration_closes_at": "", "consent_text": event.consent_text, "feedback_url": "",
        "planned_participants": event.planned_participants or "", "counts_toward_indicators": "on",
        "actual_participants_override": "", "is_published": "on",
    }
    data.update(overrides)
    return data


def test_registrations_page_lists_statuses(client, make_event, coordinator):
    event = make_event(capacity=1)
    _registration(event, name="Potvrzená Osoba", email="a@example.cz", note="Vozík, potřebuji bezbariérový vstup")
    _registration(event, name="Čekající Osoba", email="b@example.cz", status=Registration.Status.WAITING)
    _registration(event, name="Zrušená Osoba", email="c@example.cz", status=Registration.Status.CANCELLED)
    client.force_login(coordinator)
    html = client.get(f"/mesto/sprava/akce/{event.pk}/").content.decode()
    assert html.index("Potvrzená Osoba") < html.index("Čekající Osoba") < html.index("Zrušená Osoba")
    assert "Čekací listina (1)" in html and "bezbariérový vstup" in html
    assert "Seznam registrací (XLSX)" in html


def test_staff_cancels_a_registration_and_the_waiting_person_moves_up(client, make_event, coordinator,
                                                                       django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    first = _registration(event, email="a@example.cz")
    waiting = _registration(event, email="b@example.cz", status=Registration.Status.WAITING)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/mesto/sprava/akce/{event.pk}/registrace/{first.pk}/zrusit/")
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [["b@example.cz"]]


def test_attendance_by_tap_with_htmx_and_by_the_form_without_js(client, make_event, coordinator):
    event = make_event(days=0, hours=2)
    anna = _registration(event, name="Anna Zelená", email="anna@example.cz")
    bohus = _registration(event, name="Bohuslav Adámek", email="bohus@example.cz")
    client.force_login(coordinator)
    page = client.get(f"/mesto/sprava/akce/{event.pk}/dochazka/").content.decode()
    assert page.index("Bohuslav Adámek") < page.index("Anna Zelená")  # by surname: Adámek before Zelená
    assert "Přítomno 0 z 2" in page.replace("\xa0", " ")
    assert 'data-hx-post="/mesto/sprava/akce/' in page and 'type="checkbox"' in page

    tapped = client.post(f"/mesto/sprava/akce/{event.pk}/dochazka/{anna.pk}/", {"attended": [str(anna.pk)]},
                         HTTP_HX_REQUEST="true")
    fragment = tapped.content.decode()
    assert tapped.status_code == 200 and "přítomen/a" in fragment and "Přítomno 1 z 2" in fragment.replace("\xa0", " ")
    assert 'data-hx-swap-oob="innerHTML"' in fragment
    anna.refresh_from_db()
    assert anna.attended

    # Without JavaScript the whole list is saved at once: exactly the ticked people are present.
    response = client.post(f"/mesto/sprava/akce/{event.pk}/dochazka/", {"attended": [str(bohus.pk)]})
    assert response.status_code == 302
    anna.refresh_from_db()
    bohus.refresh_from_db()
    assert bohus.attended and not anna.attended


def test_walk_in_is_added_as_present_and_counts(client, make_event, coordinator):
    event = make_event(days=0, hours=2, capacity=1)
    _registration(event, attended=True)
    client.force_login(coordinator)
    response = client.post(f"/mesto/sprava/akce/{event.pk}/dochazka/",
                           {"action": "walk_in", "walkin-name": "Karel Příchozí", "walkin-organisation": "Obec Píšť",
                            "walkin-email": ""}, follow=True)
    assert "Karel Příchozí je zapsán/a jako přítomný/á" in response.content.decode()
    walk_in = Registration.objects.get(name="Karel Příchozí")
    assert walk_in.is_walk_in and walk_in.attended and walk_in.status == Registration.Status.CONFIRMED
    empty = client.post(f"/mesto/sprava/akce/{event.pk}/dochazka/", {"action": "walk_in", "walkin-name": ""})
    assert "Vyplňte jméno účastníka." in empty.content.decode()
    from openkp.events.selectors import actual_participants

    assert actual_participants(Event.objects.get(pk=event.pk)) == 2


def test_xlsx_export_opens_and_holds_the_registrations(client, make_event, coordinator):
    event = make_event(capacity=1)
    _registration(event, name="Jana Nováková", email="jana@example.cz", organisation="Spolek Soused")
    _registration(event, name="=HYPERLINK(\"http://zle.example\")", email="b@example.cz", status=Registration.Status.WAITING)
    client.force_login(coordinator)
    response = client.get(f"/mesto/sprava/akce/{event.pk}/registrace.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Registrace"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Jméno a příjmení", "E-mail", "Organizace")
    assert rows[1][:3] == ("Jana Nováková", "jana@example.cz", "Spolek Soused")
    assert rows[2][5] == "čekací listina" and rows[2][6] == 1
    assert workbook["Registrace"]["A3"].data_type == "s"  # not a formula


def test_public_pages_never_show_personal_data(client, make_event):
    event = make_event()
    _registration(event, name="Tajná Osoba", email="tajna@example.cz")
    for url in ("/mesto/akce/", f"/mesto/akce/{event.pk}/", "/mesto/kalendar.ics"):
        content = client.get(url).content.decode()
        assert "Tajná Osoba" not in content and "tajna@example.cz" not in content


def test_email_to_all_registered(client, make_event, coordinator, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    _registration(event, email="a@example.cz")
    _registration(event, email="b@example.cz", status=Registration.Status.WAITING)
    _registration(event, email="c@example.cz", status=Registration.Status.CANCELLED)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/mesto/sprava/akce/{event.pk}/zprava/", {"subject": "Změna sálu", "body": "Sejdeme se v sále B."},
                               follow=True)
    assert "1 příjemců" in response.content.decode() or "(1" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["a@example.cz"]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/mesto/sprava/akce/{event.pk}/zprava/", {"subject": "Změna", "body": "B.", "include_waiting": "on"})
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.cz", "b@example.cz"]
