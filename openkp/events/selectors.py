"""Reads of events: public lists, registration figures, indicators planned vs actual, calendar entries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from openkp.structures.calendar import CalendarEntry
from openkp.structures.models import PlanningPeriod

from .models import Event, Registration

CONFIRMED = Registration.Status.CONFIRMED
WAITING = Registration.Status.WAITING
CANCELLED = Registration.Status.CANCELLED


def with_figures(events):
    """Events annotated with confirmed, waiting and attended counts (one query, no matter how many events)."""
    return events.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=CONFIRMED), distinct=True),
        waiting_count=Count("registrations", filter=Q(registrations__status=WAITING), distinct=True),
        attended_count=Count("registrations", filter=Q(registrations__attended=True) & ~Q(registrations__status=CANCELLED),
                             distinct=True),
    )


def confirmed_count(event):
    if hasattr(event, "confirmed_count"):
        return event.confirmed_count
    return event.registrations.filter(status=CONFIRMED).count()


def free_places(event):
    """Places left (None = unlimited); walk-ins count too, so a full event stays full."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - confirmed_count(event))


def actual_participants(event):
    """The manual number if the coordinator gave one, else the people marked present (walk-ins included)."""
    if event.actual_participants_override is not None:
        return event.actual_participants_override
    if hasattr(event, "attended_count"):
        return event.attended_count
    return event.registrations.filter(attended=True).exclude(status=CANCELLED).count()


def waiting_position(registration):
    """1-based place on the waiting list (by time of registration), or None when not waiting."""
    if registration.status != WAITING:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=WAITING).filter(
        Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
    ).count()
    return ahead + 1


def current_period(*, area):
    periods = PlanningPeriod.objects.for_area(area)
    return periods.filter(is_current=True).first() or periods.first()


@dataclass
class PublicEvents:
    upcoming: list
    past: list
    period: object
    kind: str = ""
    summary: dict = field(default_factory=dict)


def public_events(*, area, kind="", now=None):
    """Upcoming published events of the area, then past ones of the current period, with figures; 3 queries."""
    now = now or timezone.now()
    period = current_period(area=area)
    events = with_figures(Event.objects.for_area(area).filter(is_published=True).select_related("area", "group"))
    if kind:
        events = events.filter(kind=kind)
    upcoming = list(events.filter(ends_at__gt=now).order_by("starts_at", "pk"))
    past = list(events.filter(ends_at__lte=now, period=period).order_by("-starts_at", "-pk")) if period else []
    for event in upcoming + past:
        event.free = free_places(event)
        event.participants = actual_participants(event)
    held = [event for event in past if not event.is_cancelled]
    summary = {"events": len(held), "participants": sum(actual_participants(event) for event in held)}
    return PublicEvents(upcoming=upcoming, past=past, period=period, kind=kind, summary=summary)


def event_for_visitor(*, area, pk, can_manage=False):
    """One event with its figures; unpublished ones only for staff. Raises Event.DoesNotExist."""
    events = with_figures(Event.objects.for_area(area).select_related("area", "group", "period"))
    if not can_manage:
        events = events.filter(is_published=True)
    return events.get(pk=pk)


def staff_events(*, area, period=None):
    """All events of a period (newest first) with registration figures, for the staff list."""
    events = with_figures(Event.objects.for_area(area).select_related("area", "group"))
    if period is not None:
        events = events.filter(period=period)
    return list(events.order_by("-starts_at", "-pk"))


def event_registrations(*, event):
    """Registrations of an event: confirmed (and walk-ins), the waiting list in order, cancelled ones."""
    registrations = list(Registration.objects.filter(event=event).order_by("created_at", "pk"))
    return {
        "confirmed": [item for item in registrations if item.status == CONFIRMED],
        "waiting": [item for item in registrations if item.status == WAITING],
        "cancelled": [item for item in registrations if item.status == CANCELLED],
    }


@dataclass
class IndicatorRow:
    label: str
    kind: str = ""
    events_planned: int = 0
    events_held: int = 0
    participants_planned: int = 0
    participants_actual: int = 0

    @property
    def percent(self):
        """Actual participants as a percentage of the planned ones (None without a plan)."""
        if not self.participants_planned:
            return None
        return self.participants_actual * 100 / self.participants_planned


def indicators(*, area, period, now=None):
    """Per kind of event: events planned / held, participants planned / actual and fulfilment; plus a totals row.

    Planned counts every event of the period that counts toward the indicators (a cancelled event was
    planned, too); held and actual count only events that took place. One query.
    """
    now = now or timezone.now()
    events = with_figures(Event.objects.for_area(area).filter(period=period, counts_toward_indicators=True))
    rows = {kind: IndicatorRow(label=label, kind=kind) for kind, label in Event.Kind.choices}
    for event in events:
        row = rows[event.kind]
        row.events_planned += 1
        row.participants_planned += event.planned_participants or 0
        if not event.is_cancelled and event.is_past(now):
            row.events_held += 1
            row.participants_actual += actual_participants(event)
    used = [row for row in rows.values() if row.events_planned]
    total = IndicatorRow(label="")
    for row in used:
        total.events_planned += row.events_planned
        total.events_held += row.events_held
        total.participants_planned += row.participants_planned
        total.participants_actual += row.participants_actual
    return used, total


def event_entries(*, area, start, end, private, group=None):
    """Published events as calendar entries (a calendar source, see openkp/structures/calendar.py); one query."""
    events = Event.objects.for_area(area).filter(is_published=True, starts_at__lt=end, ends_at__gt=start).select_related(
        "area", "group")
    if group is not None:
        events = events.filter(group=group)
    return [calendar_entry(event) for event in events]


def calendar_entry(event):
    return CalendarEntry(
        uid=f"event-{event.pk}@openkp", kind="event", title=event.title, starts_at=event.starts_at, ends_at=event.ends_at,
        url=event.get_absolute_url(), location=event.location,
        description="\n\n".join(part for part in (event.description, event.online_link) if part),
        group=event.group.name if event.group else "", group_slug=event.group.slug if event.group else "",
        is_public=True, is_cancelled=event.is_cancelled,
    )
