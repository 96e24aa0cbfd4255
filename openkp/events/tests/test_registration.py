"""A citizen registers for an event: waiting list, duplicates, errors, closed registration, cancellation link."""

import re
from datetime import timedelta

import icalendar
from django.core import mail
from django.utils import timezone

from openkp.events.models import Registration

from .conftest import registration_data


def register(client, event, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/mesto/akce/{event.pk}/", registration_data(**fields), follow=True)


def cancel_link(message):
    return re.search(r"https?://[^/\s]+(/mesto/akce/\d+/zrusit/[^/\s]+/)", message.body)[1]


def test_capacity_two_third_waits_first_cancels_and_third_is_promoted(client, make_event, django_capture_on_commit_callbacks):
    event = make_event(capacity=2, title="Workshop Senioři v Porubě")
    first = register(client, event, django_capture_on_commit_callbacks, name="Jana Nováková", email="jana@example.cz")
    assert "Jste přihlášen/a" in first.content.decode()
    register(client, event, django_capture_on_commit_callbacks, name="Petr Malý", email="petr@example.cz")
    third = register(client, event, django_capture_on_commit_callbacks, name="Eva Tichá", email="eva@example.cz")
    html = third.content.decode()
    assert third.status_code == 200
    assert "Kapacita je naplněna, jste na čekací listině na 1.\xa0místě" in html or "na čekací listině na 1. místě" in html
    assert Registration.objects.get(email="eva@example.cz").status == Registration.Status.WAITING
    assert [message.to for message in mail.outbox] == [["jana@example.cz"], ["petr@example.cz"], ["eva@example.cz"]]
    assert mail.outbox[2].subject.startswith("Čekací listina (1. místo)")

    # The first registered cancels by the link from her e-mail: GET asks, POST cancels.
    link = cancel_link(mail.outbox[0])
    mail.outbox.clear()
    page = client.get(link)
    assert page.status_code == 200 and "Opravdu nepřijdete?" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin" and page["X-Robots-Tag"] == "noindex"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link, follow=True)
    assert "je zrušena" in done.content.decode()
    assert Registration.objects.get(email="jana@example.cz").status == Registration.Status.CANCELLED
    assert Registration.objects.get(email="eva@example.cz").status == Registration.Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [["eva@example.cz"]]
    assert "Uvolnilo se místo" in mail.outbox[0].subject
    assert "přesunuli jsme vás z čekací listiny" in mail.outbox[0].body

    # The same link again: nothing changes, no second promotion, no error.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(link, follow=True)
    assert again.status_code == 200 and "Registrace je zrušena" in again.content.decode()
    assert mail.outbox == []
    assert Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count() == 2


def test_waiting_list_position_is_in_the_message(client, make_event, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    for number in range(3):
        response = register(client, event, django_capture_on_commit_callbacks, email=f"osoba{number}@example.cz")
    assert "jste na čekací listině na 2. místě" in response.content.decode()
    assert "Obsazeno – zápis na čekací listinu" in client.get("/mesto/akce/").content.decode()


def test_confirmation_email_has_details_and_an_ics_that_parses(client, event, django_capture_on_commit_callbacks):
    register(client, event, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.subject.startswith("Registrace potvrzena: Workshop v Porubě")
    assert "Komunitní centrum Poruba, Hlavní třída 12, Ostrava-Poruba" in message.body
    assert "Dobrý den," in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "akce.ics" and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Workshop v Porubě"
    assert vevent.decoded("dtstart") == event.starts_at.replace(microsecond=0) or abs(
        vevent.decoded("dtstart") - event.starts_at) < timedelta(seconds=1)
    assert str(vevent["url"]).endswith(f"/mesto/akce/{event.pk}/")
    # Only the hash of the cancellation token is stored.
    token = cancel_link(message).rstrip("/").rsplit("/", 1)[1]
    assert token not in Registration.objects.get().token_hash


def test_same_email_twice_is_one_registration_with_a_clear_message(client, event, django_capture_on_commit_callbacks):
    register(client, event, django_capture_on_commit_callbacks, email="Jana@Example.cz")
    second = register(client, event, django_capture_on_commit_callbacks, email="jana@example.cz ", name="Jana N.")
    assert "už je na tuto akci přihlášen" in second.content.decode()
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_double_submitted_form_creates_one_registration(client, event, django_capture_on_commit_callbacks):
    data = registration_data()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/mesto/akce/{event.pk}/", data)
        second = client.post(f"/mesto/akce/{event.pk}/", data)
    assert first.status_code == second.status_code == 302
    assert Registration.objects.filter(event=event).count() == 1
    assert len(mail.outbox) == 1


def test_invalid_email_and_missing_consent_are_shown_at_their_fields(client, event):
    response = client.post(f"/mesto/akce/{event.pk}/", registration_data(email="jana@", consent=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in html and "E-mail není ve správném tvaru" in html
    assert 'id="id_consent_error"' in html and "Bez souhlasu se zpracováním údajů vás nemůžeme zaregistrovat" in html
    assert 'aria-invalid="true"' in html
    assert 'value="Jana Nováková"' in html  # what was typed is kept
    assert not Registration.objects.exists()


def test_missing_name_is_explained(client, event):
    html = client.post(f"/mesto/akce/{event.pk}/", registration_data(name="  ")).content.decode()
    assert "Vyplňte jméno a příjmení." in html


def test_closed_registration_past_and_cancelled_events_show_why_and_no_form(client, make_event, django_capture_on_commit_callbacks):
    now = timezone.now()
    closed = make_event(registration_closes_at=now - timedelta(hours=1), title="Po uzávěrce")
    not_yet = make_event(registration_opens_at=now + timedelta(days=2), title="Ještě ne")
    past = make_event(days=-3, title="Proběhlá")
    cancelled = make_event(is_cancelled=True, title="Zrušená")
    expected = {closed: "Registrace skončila", not_yet: "Registrace se otevře", past: "Akce už začala nebo proběhla",
                cancelled: "Akce je zrušena"}
    for event, text in expected.items():
        html = client.get(f"/mesto/akce/{event.pk}/").content.decode()
        assert text in html, event.title
        assert 'name="consent"' not in html
        response = register(client, event, django_capture_on_commit_callbacks)
        assert text in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_honeypot_filled_creates_nothing(client, event, django_capture_on_commit_callbacks):
    register(client, event, django_capture_on_commit_callbacks, website="http://spam.example")
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_address_with_a_czech_message(client, make_event, django_capture_on_commit_callbacks, settings):
    settings.EVENTS_REGISTRATION_RATE = (3, 600)
    event = make_event()
    for number in range(3):
        register(client, event, django_capture_on_commit_callbacks, email=f"osoba{number}@example.cz")
    response = client.post(f"/mesto/akce/{event.pk}/", registration_data(email="dalsi@example.cz"))
    assert response.status_code == 429
    assert "příliš mnoho registrací" in response.content.decode()
    assert Registration.objects.count() == 3


def test_wrong_cancellation_link_is_404(client, event, other_area, django_capture_on_commit_callbacks):
    register(client, event, django_capture_on_commit_callbacks)
    link = cancel_link(mail.outbox[0])
    assert client.get(link[:-5] + "xxxx/").status_code == 404
    assert client.post(link[:-5] + "xxxx/").status_code == 404
    assert client.get(link.replace("/mesto/", "/jinde/")).status_code == 404
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_cancelled_registration_can_register_again(client, event, django_capture_on_commit_callbacks):
    register(client, event, django_capture_on_commit_callbacks)
    client.post(cancel_link(mail.outbox[0]))
    again = register(client, event, django_capture_on_commit_callbacks)
    assert "Jste přihlášen/a" in again.content.decode()
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_unpublished_and_foreign_events_are_404(client, make_event, other_area, coordinator):
    draft = make_event(is_published=False, title="Koncept")
    assert client.get(f"/mesto/akce/{draft.pk}/").status_code == 404
    assert "Koncept" not in client.get("/mesto/akce/").content.decode()
    assert client.get(f"/jinde/akce/{draft.pk}/").status_code == 404
    client.force_login(coordinator)
    assert "nezveřejněno" in client.get(f"/mesto/akce/{draft.pk}/").content.decode()


def test_detail_has_schema_org_event(client, make_event):
    import json

    event = make_event(capacity=30, description="Program: potřeby seniorů v obvodu.")
    html = client.get(f"/mesto/akce/{event.pk}/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["@type"] == "Event" and data["name"] == "Workshop v Porubě"
    assert data["location"]["@type"] == "Place"
    assert data["remainingAttendeeCapacity"] == 30
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_list_filters_by_kind_and_shows_past_with_summary(client, make_event):
    make_event(title="Konference 2026", kind="conference")
    make_event(title="Seminář pro nové členy", kind="seminar")
    past = make_event(days=-10, title="Loňský workshop", kind="workshop", capacity=None)
    for number in range(3):
        Registration.objects.create(area=past.area, event=past, name=f"Účastník {number}", email=f"u{number}@example.cz",
                                    attended=True)
    html = client.get("/mesto/akce/").content.decode()
    assert html.index("Konference 2026") < html.index("Loňský workshop")
    assert "Uskutečněna 1\xa0akce, 3\xa0účastníci" in html or "Uskutečněna 1 akce, 3 účastníci" in html
    filtered = client.get("/mesto/akce/?druh=seminar").content.decode()
    assert "Seminář pro nové členy" in filtered and "Konference 2026" not in filtered
