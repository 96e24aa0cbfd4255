"""iCalendar (RFC 5545) feeds of public meetings."""

from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT_ID = "-//OpenKP//Komunitni planovani//CS"


def meetings_calendar(*, name, meetings, base_url):
    """An iCal document with one VEVENT per meeting; cancelled meetings are sent as CANCELLED."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@openkp")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("summary", f"{meeting.title} – {meeting.group.name}")
        if meeting.place:
            event.add("location", meeting.place)
        description = "\n\n".join(part for part in (meeting.agenda, meeting.online_link) if part)
        if description:
            event.add("description", description)
        event.add("url", base_url + meeting.group.get_absolute_url())
        event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()

