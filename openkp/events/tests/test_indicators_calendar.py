"""Indicators planned vs actual, the calendar source, reminders, erasure of old personal data, query counts."""

from datetime import timedelta

import icalendar
from django.core import mail
from django.utils import timezone

from openkp.events import tasks
from openkp.events.models import Event, Registration
from openkp.events.selectors import indicators
from openkp.structures.calendar import entries


def _attend(event, count, *, attended=True, prefix="u"):
    Registration.objects.bulk_create([
        Registration(area=event.area, event=event, name=f"Účastník {n}", email=f"{prefix}{event.pk}-{n}@example.cz",
                     attended=attended, token_hash=f"{prefix}{event.pk:08d}{n:055d}")
        for n in range(count)
    ])


def test_seed_figures_240_planned_286_actual_is_119_percent(client, area, period, make_event, coordinator):
    # Ostrava 2006–07: a round table (35), a two-day seminar (27), four seminars (66) and a conference (158).
    make_event(days=-300, kind="round_table", planned_participants=30, actual_participants_override=35, has_registration=False)
    make_event(days=-250, kind="seminar", planned_participants=30, actual_participants_override=27, has_registration=False)
    for days in (-120, -119, -100, -80):
        make_event(days=days, kind="seminar", planned_participants=20, actual_participants_override=66 // 4 + (days == -80) * 2,
                   has_registration=False)
    conference = make_event(days=-60, kind="conference", planned_participants=100)
    _attend(conference, 158)
    _attend(conference, 5, attended=False, prefix="x")  # registered, did not come
    make_event(days=-50, kind="workshop", planned_participants=10, counts_toward_indicators=False, actual_participants_override=9)

    rows, total = indicators(area=area, period=period)
    by_kind = {row.kind: row for row in rows}
    assert (total.events_planned, total.events_held, total.participants_planned, total.participants_actual) == (7, 7, 240, 286)
    assert round(total.percent) == 119
    assert by_kind["conference"].participants_actual == 158 and round(by_kind["conference"].percent) == 158
    assert by_kind["seminar"].events_held == 5 and by_kind["seminar"].participants_actual == 93
    assert "workshop" not in by_kind

    client.force_login(coordinator)
    html = client.get("/mesto/sprava/akce/ukazatele/").content.decode().replace("\xa0", " ")
    assert "<caption" in html and "Celkem" in html
    assert "119 %" in html and "158 %" in html


def test_cancelled_and_future_events_count_as_planned_only(area, period, make_event):
    make_event(days=-5, kind="workshop", planned_participants=20, actual_participants_override=25)
    make_event(days=-4, kind="workshop", planned_participants=20, is_cancelled=True)
    make_event(days=30, kind="workshop", planned_participants=20)
    rows, total = indicators(area=area, period=period)
    assert (total.events_planned, total.events_held, total.participants_planned, total.participants_actual) == (3, 1, 60, 25)
    assert round(total.percent) == 42


def test_public_summary_line_counts_past_events_of_the_period(client, make_event):
    first = make_event(days=-20)
    _attend(first, 150)
    make_event(days=-10, actual_participants_override=136, has_registration=False)
    make_event(days=-5, is_cancelled=True, actual_participants_override=50)
    make_event(days=-3, is_published=False, actual_participants_override=40)
    html = client.get("/mesto/akce/").content.decode().replace("\xa0", " ")
    assert "Uskutečněny 2 akce, 286 účastníků" in html


def test_calendar_source_puts_published_events_into_the_area_feed(client, area, group, make_event):
    make_event(title="Veřejné projednání návrhu plánu", kind="public_hearing", group=group)
    make_event(title="Koncept akce", is_published=False)
    make_event(title="Zrušený seminář", is_cancelled=True)
    calendar = icalendar.Calendar.from_ical(client.get("/mesto/kalendar.ics").content)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert "Veřejné projednání návrhu plánu – Senioři" in events
    assert "Koncept akce" not in events
    assert str(events["Zrušený seminář"]["status"]) == "CANCELLED"
    hearing = events["Veřejné projednání návrhu plánu – Senioři"]
    assert str(hearing["uid"]).startswith("event-")
    assert str(hearing["location"]) == "Komunitní centrum Poruba, Hlavní třída 12, Ostrava-Poruba"


def test_calendar_source_filters_by_group_and_area(area, other_area, group, make_event):
    make_event(title="Akce skupiny", group=group)
    make_event(title="Akce celého území")
    now = timezone.now()
    found = entries(area=area, start=now, end=now + timedelta(days=30), group=group)
    assert [entry.title for entry in found if entry.kind == "event"] == ["Akce skupiny"]
    assert not [entry for entry in entries(area=other_area, start=now, end=now + timedelta(days=30)) if entry.kind == "event"]


def test_reminder_a_day_before_goes_once_to_confirmed(area, make_event, django_capture_on_commit_callbacks):
    now = timezone.now()
    tomorrow = make_event(days=0, title="Zítřejší seminář", starts_at=now + timedelta(hours=20), ends_at=now + timedelta(hours=22))
    later = make_event(days=5)
    Registration.objects.create(area=area, event=tomorrow, name="A", email="a@example.cz")
    Registration.objects.create(area=area, event=tomorrow, name="B", email="b@example.cz", status=Registration.Status.WAITING)
    Registration.objects.create(area=area, event=later, name="C", email="c@example.cz")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_event_reminders(now=now) == 1
    assert [message.to for message in mail.outbox] == [["a@example.cz"]]
    assert mail.outbox[0].subject.startswith("Zítra: Zítřejší seminář")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_event_reminders(now=now) == 0
    assert len(mail.outbox) == 1


def test_personal_data_is_erased_a_year_after_the_event_but_counts_stay(area, make_event):
    old = make_event(days=-400)
    recent = make_event(days=-30)
    Registration.objects.create(area=area, event=old, name="Stará Osoba", email="stara@example.cz", attended=True)
    Registration.objects.create(area=area, event=recent, name="Nová Osoba", email="nova@example.cz", attended=True)
    assert tasks.erase_personal_data() == 1
    erased = Registration.objects.get(event=old)
    assert (erased.name, erased.email, erased.attended) == ("", "", True)
    assert Registration.objects.get(event=recent).name == "Nová Osoba"


def test_pages_keep_a_constant_number_of_queries(client, area, make_event, coordinator, django_assert_max_num_queries):
    for number in range(12):
        event = make_event(days=number - 6, capacity=40, title=f"Akce {number}")
        _attend(event, 8)
    event = Event.objects.filter(starts_at__gt=timezone.now()).first()
    with django_assert_max_num_queries(8):
        assert client.get("/mesto/akce/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(f"/mesto/akce/{event.pk}/").status_code == 200
    client.force_login(coordinator)
    for url, limit in (("/mesto/sprava/akce/", 10), (f"/mesto/sprava/akce/{event.pk}/", 10),
                       (f"/mesto/sprava/akce/{event.pk}/dochazka/", 10), ("/mesto/sprava/akce/ukazatele/", 10),
                       ("/mesto/kalendar.ics", 10)):
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url
