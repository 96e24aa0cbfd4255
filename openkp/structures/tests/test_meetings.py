from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from openkp.structures.calendar import CalendarEntry, to_ical
from openkp.structures.models import Group, Meeting, PlanningPeriod


@pytest.fixture
def group(area):
    period = PlanningPeriod.objects.create(area=area, name="Plán 2025–2028", start_year=2025, end_year=2028, is_current=True)
    return Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")


def meeting(group, *, days=7, **fields):
    starts = timezone.now() + timedelta(days=days)
    values = {"title": "Setkání skupiny", "starts_at": starts, "ends_at": starts + timedelta(hours=2), "place": "Radnice, sál 2"}
    return Meeting.objects.create(area=group.area, group=group, **{**values, **fields})


def test_calendar_feed_parses_back_with_public_meetings_only(client, area, group):
    meeting(group, title="Veřejné setkání", is_public=True)
    meeting(group, title="Neveřejné setkání", is_public=False)
    meeting(group, title="Zrušené setkání", is_public=True, is_cancelled=True)
    response = client.get("/mesto/kalendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Veřejné setkání – Senioři", "Zrušené setkání – Senioři"}
    assert str(events["Zrušené setkání – Senioři"]["status"]) == "CANCELLED"
    assert str(events["Veřejné setkání – Senioři"]["location"]) == "Radnice, sál 2"
    assert str(calendar["x-wr-calname"]) == "Město Testov"


def test_other_areas_meetings_are_not_in_the_feed(client, area, other_area, group):
    period = PlanningPeriod.objects.create(area=other_area, name="P", start_year=2025, end_year=2026, is_current=True)
    foreign = Group.objects.create(area=other_area, period=period, name="Jinde", slug="jinde")
    meeting(foreign, title="Cizí setkání", is_public=True)
    calendar = icalendar.Calendar.from_ical(client.get("/mesto/kalendar.ics").content)
    assert not calendar.walk("VEVENT")


def test_group_page_lists_upcoming_public_meetings(client, area, group, coordinator):
    meeting(group, title="Příští setkání", is_public=True)
    meeting(group, title="Minulé setkání", is_public=True, days=-30)
    meeting(group, title="Interní porada", is_public=False)
    html = client.get("/mesto/organizace/seniori/").content.decode()
    assert "Příští setkání" in html and "Minulé setkání" not in html and "Interní porada" not in html
    client.force_login(coordinator)
    assert "Interní porada" in client.get("/mesto/organizace/seniori/").content.decode()


def test_meeting_needs_an_end_after_its_start_and_a_place(area, group):
    starts = timezone.now()
    with pytest.raises(ValidationError) as error:
        Meeting(area=area, group=group, title="X", starts_at=starts, ends_at=starts - timedelta(hours=1)).full_clean()
    assert "skončit později" in error.value.message_dict["ends_at"][0]
    assert "místo setkání" in error.value.message_dict["place"][0]


def test_group_page_lists_the_groups_public_events(client, area, group):
    from openkp.events.models import Event

    starts = timezone.now() + timedelta(days=10)
    Event.objects.create(area=area, period=group.period, group=group, kind=Event.Kind.WORKSHOP, title="Workshop pro pečující",
                         starts_at=starts, ends_at=starts + timedelta(hours=3), place="Knihovna", is_published=True)
    Event.objects.create(area=area, period=group.period, kind=Event.Kind.CONFERENCE, title="Konference celého města",
                         starts_at=starts, ends_at=starts + timedelta(hours=3), place="Radnice", is_published=True)
    html = client.get("/mesto/organizace/seniori/").content.decode()
    assert "Veřejné akce skupiny" in html and "Workshop pro pečující" in html and "Konference celého města" not in html


def test_the_feed_gives_prague_wall_clock_times_with_their_vtimezone_in_winter_and_summer(client, area, group):
    prague = ZoneInfo("Europe/Prague")
    year = timezone.now().year + 1
    for month, title in ((1, "Zimní setkání"), (7, "Letní setkání")):
        starts = datetime(year, month, 14, 16, 0, tzinfo=prague)
        meeting(group, title=title, starts_at=starts, ends_at=starts + timedelta(hours=2), is_public=True)
    content = client.get("/mesto/kalendar.ics").content
    text = content.decode().replace("\r\n ", "")
    assert f"DTSTART;TZID=Europe/Prague:{year}0114T160000" in text and f"DTEND;TZID=Europe/Prague:{year}0114T180000" in text
    assert f"DTSTART;TZID=Europe/Prague:{year}0714T160000" in text  # 14:00 UTC in summer, 15:00 UTC in winter
    calendar = icalendar.Calendar.from_ical(content)
    [vtimezone] = calendar.walk("VTIMEZONE")
    assert str(vtimezone["tzid"]) == "Europe/Prague"
    offsets = {str(part["tzname"]): part["tzoffsetto"].td for part in vtimezone.subcomponents}
    assert offsets == {"CET": timedelta(hours=1), "CEST": timedelta(hours=2)}
    starts = {str(event["summary"]): event["dtstart"].dt for event in calendar.walk("VEVENT")}
    assert starts["Zimní setkání – Senioři"].astimezone(UTC) == datetime(year, 1, 14, 15, 0, tzinfo=UTC)
    assert starts["Letní setkání – Senioři"].astimezone(UTC) == datetime(year, 7, 14, 14, 0, tzinfo=UTC)


def test_an_all_day_entry_stays_a_date():
    content = to_ical(name="Kalendář", base_url="https://example.org", entries=[CalendarEntry(
        uid="day-1@openkp", kind="event", title="Den otevřených dveří", starts_at=date(2027, 5, 3),
        ends_at=date(2027, 5, 4), url="/den/")]).decode()
    assert "DTSTART;VALUE=DATE:20270503" in content and "DTEND;VALUE=DATE:20270504" in content
    assert "VTIMEZONE" not in content
