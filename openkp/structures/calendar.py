"""The area's calendar: meetings of groups and public events, as pages and iCalendar (RFC 5545) feeds.

Modules contribute entries through ``register(kind, source)``: a source is a function
``source(*, area, start, end, private, group=None) -> iterable of CalendarEntry`` that returns what
happens between ``start`` and ``end`` (aware datetimes). ``private=False`` asks for public entries
only (the public pages and feed); ``private=True`` adds members-only ones (a member's tokenised feed,
staff pages). Each source must use a constant number of queries.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

PRODUCT_ID = "-//OpenKP//Komunitni planovani//CS"
_sources = {}  # kind ("meeting", "event") → source


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # stable and unique within the installation, e.g. "meeting-12@openkp"
    kind: str  # "meeting" or "event" — shown as a label and used for filtering
    title: str
    starts_at: object
    ends_at: object
    url: str  # path of the entry's page (absolute URLs are built for feeds)
    location: str = ""
    description: str = ""
    group: str = ""  # name of the group, if any
    group_slug: str = ""
    is_public: bool = True
    is_cancelled: bool = False


def register(kind, source):
    _sources[kind] = source
    return source


def entries(*, area, start, end, private=False, group=None, kinds=None):
    """All entries of the area between ``start`` and ``end`` from every source (or the sources of ``kinds``), in time order."""
    found = []
    for kind, source in _sources.items():
        if kinds is None or kind in kinds:
            found.extend(source(area=area, start=start, end=end, private=private, group=group))
    return sorted(found, key=lambda entry: (entry.starts_at, entry.title))


def to_ical(*, name, entries, base_url):
    """An iCal document with one VEVENT per entry; cancelled entries are sent as CANCELLED."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(timezone.get_default_timezone()))
    stamp = timezone.now()
    for entry in entries:
        calendar.add_component(ical_event(entry, base_url=base_url, stamp=stamp))
    # The VTIMEZONE (from the tz database) of the TZID the times refer to, as calendar clients expect.
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _local(value):
    """A time as the area's wall-clock time with its zone (``DTSTART;TZID=Europe/Prague:…T160000``), as
    calendar clients expect for meetings; a date (an all-day entry) stays a DATE."""
    return timezone.localtime(value, timezone.get_default_timezone()) if isinstance(value, datetime) else value


def ical_event(entry, *, base_url, stamp=None):
    from icalendar import Event

    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp or timezone.now())
    event.add("dtstart", _local(entry.starts_at))
    event.add("dtend", _local(entry.ends_at))
    event.add("summary", f"{entry.title} – {entry.group}" if entry.group else entry.title)
    if entry.location:
        event.add("location", entry.location)
    if entry.description:
        event.add("description", entry.description)
    event.add("url", base_url + entry.url)
    event.add("status", "CANCELLED" if entry.is_cancelled else "CONFIRMED")
    return event
