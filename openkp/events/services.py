"""Writes of events: registration with a waiting list, cancellation and promotion, attendance, e-mails."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from openkp.core.ids import parse_ids
from openkp.core.mail import queue_email
from openkp.core.typography import format_date
from openkp.structures import calendar

from . import selectors
from .models import Event, Registration

ICS_MIME = "text/calendar; method=PUBLISH; charset=utf-8"
CONFIRMED = Registration.Status.CONFIRMED
WAITING = Registration.Status.WAITING
CANCELLED = Registration.Status.CANCELLED


class RegistrationClosed(Exception):
    """Registration is not possible now; the message says why (in Czech)."""


def event_when(event):
    """``1. 2. 2026 9:00–12:00``, or both dates for an event of several days."""
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return f"{format_date(start.date())} {start:%-H:%M}–{end:%-H:%M}"
    return f"{format_date(start.date())} {start:%-H:%M} – {format_date(end.date())} {end:%-H:%M}"


CLOSED_MESSAGES = {
    "cancelled": lambda event: _("Akce je zrušena, registrace není možná."),
    "past": lambda event: _("Akce už začala nebo proběhla, registrace je uzavřena."),
    "none": lambda event: _("Na tuto akci se přes web neregistruje."),
    "not_open": lambda event: _("Registrace se otevře %(when)s.") % {"when": _datetime(event.registration_opens_at)},
    "closed": lambda event: _("Registrace skončila %(when)s.") % {"when": _datetime(event.registration_closes_at)},
}


def closed_message(event, now=None):
    """Why a visitor cannot register now, or "" when registration is open."""
    state = event.registration_state(now)
    return "" if state == "open" else CLOSED_MESSAGES[state](event)


def _datetime(value):
    local = timezone.localtime(value)
    return f"{format_date(local.date())} {local:%-H:%M}"


@dataclass
class RegistrationResult:
    registration: Registration
    created: bool  # False: this e-mail was already registered, nothing new was made
    position: int | None = None  # place on the waiting list


def register(*, event, name, email, organisation="", phone="", note="", base_url=None, now=None):
    """Register a person: a confirmed place while there is one, else the waiting list. The same e-mail twice
    gives the existing registration back (``created=False``); a cancelled one is renewed. Sends the confirmation
    with an .ics file and the cancellation link. Raises RegistrationClosed."""
    now = now or timezone.now()
    email = email.strip().lower()
    try:
        with transaction.atomic():
            # Lock the event row, so that two people cannot take the last place at once (PostgreSQL).
            event = Event.objects.select_for_update().get(pk=event.pk)
            message = closed_message(event, now)
            if message:
                raise RegistrationClosed(message)
            registration = Registration.objects.filter(event=event, email=email).first()
            if registration is not None and registration.status != CANCELLED:
                return RegistrationResult(registration, created=False, position=selectors.waiting_position(registration))
            full = event.capacity is not None and selectors.confirmed_count(event) >= event.capacity
            registration = registration or Registration(area=event.area, event=event, email=email)
            registration.name, registration.organisation, registration.phone, registration.note = name, organisation, phone, note
            registration.status = WAITING if full else CONFIRMED
            registration.consent_given_at = now
            registration.created_at = now
            registration.cancelled_at = registration.promoted_at = registration.reminder_sent_at = None
            registration.attended = False
            token = registration.issue_token()
            registration.save()
            position = selectors.waiting_position(registration)
            _send_confirmation(registration, token=token, position=position, base_url=base_url)
    except IntegrityError:
        # The same form submitted twice at the same moment: the first one won.
        registration = Registration.objects.get(event=event, email=email)
        return RegistrationResult(registration, created=False, position=selectors.waiting_position(registration))
    return RegistrationResult(registration, created=True, position=position)


def _base(base_url):
    return (base_url or settings.SITE_URL).rstrip("/")


def _ics(event, base_url):
    return calendar.to_ical(name=event.title, entries=[selectors.calendar_entry(event)], base_url=_base(base_url)).decode()


def _send_confirmation(registration, *, token, position, base_url):
    event = registration.event
    base = _base(base_url)
    body = render_to_string("events/email/confirmation.txt", {
        "event": event, "registration": registration, "when": event_when(event), "position": position,
        "cancel_url": base + registration.cancel_url(token), "event_url": base + event.get_absolute_url(),
    })
    if position:
        subject = _("Čekací listina (%(position)s. místo): %(title)s") % {"position": position, "title": event.title}
    else:
        subject = _("Registrace potvrzena: %(title)s, %(when)s") % {"title": event.title, "when": event_when(event)}
    queue_email(area=event.area, to=registration.email, subject=subject, body=body, kind=_("registrace na akci"),
                attachments=[{"name": "akce.ics", "mimetype": ICS_MIME, "content": _ics(event, base_url)}])


def registration_by_token(*, event, token):
    """The registration the secret link belongs to, or None."""
    return Registration.objects.by_token(token).filter(event=event).select_related("event", "area").first()


def cancel(*, registration, base_url=None, now=None):
    """Cancel a registration (idempotent: False when it was cancelled already); a freed place goes to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == CANCELLED:
            return False
        registration.status = CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if not event.is_past(now) and not event.is_cancelled:
            promote_waiting(event=event, base_url=base_url, now=now)
    return True


def promote_waiting(*, event, base_url=None, now=None):
    """Move people from the waiting list to free places, first come first served; each gets an e-mail."""
    now = now or timezone.now()
    places = None
    if event.capacity is not None:
        places = max(0, event.capacity - Registration.objects.filter(event=event, status=CONFIRMED).count())
    waiting = Registration.objects.filter(event=event, status=WAITING).order_by("created_at", "pk")
    if places is not None:
        waiting = waiting[:places]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        if registration.email:
            body = render_to_string("events/email/promoted.txt", {
                "event": event, "registration": registration, "when": event_when(event),
                "event_url": _base(base_url) + event.get_absolute_url(),
                "registered_on": format_date(timezone.localtime(registration.created_at).date()),
            })
            queue_email(area=event.area, to=registration.email, body=body, kind=_("registrace na akci"),
                        subject=_("Uvolnilo se místo – jste přihlášen/a: %(title)s") % {"title": event.title},
                        attachments=[{"name": "akce.ics", "mimetype": ICS_MIME, "content": _ics(event, base_url)}])
    return promoted


def add_walk_in(*, event, name, organisation="", email=""):
    """A participant who came without registering, written down on the day: present at once."""
    email = email.strip().lower()
    if email:
        existing = Registration.objects.filter(event=event, email=email).first()
        if existing is not None:
            existing.status, existing.attended = CONFIRMED, True
            existing.save(update_fields=["status", "attended"])
            return existing
    return Registration.objects.create(area=event.area, event=event, name=name, organisation=organisation, email=email,
                                       status=CONFIRMED, is_walk_in=True, attended=True)


def set_attendance(*, event, present_ids):
    """Mark exactly the given registrations of the event as present (the no-JavaScript form)."""
    present = set(parse_ids(present_ids))
    registrations = Registration.objects.filter(event=event).active()
    registrations.filter(pk__in=present).update(attended=True)
    registrations.exclude(pk__in=present).update(attended=False)


def set_one_attendance(*, registration, attended):
    if registration.status == CANCELLED:
        return registration
    registration.attended = attended
    registration.save(update_fields=["attended"])
    return registration


def email_registered(*, event, subject, body, include_waiting=False):
    """A message from the organiser to everyone registered (and optionally the waiting list). Returns the count."""
    statuses = [CONFIRMED, WAITING] if include_waiting else [CONFIRMED]
    recipients = list(Registration.objects.filter(event=event, status__in=statuses).exclude(email="")
                      .values_list("email", flat=True))
    queue_email(area=event.area, to=recipients, subject=subject, body=body, kind=_("zpráva účastníkům akce"))
    return len(recipients)


def notify_cancelled_event(*, event, base_url=None):
    """The event was called off: tell everyone registered; the .ics removes it from their calendars."""
    recipients = list(Registration.objects.filter(event=event).active().exclude(email="").values_list("email", flat=True))
    body = render_to_string("events/email/event_cancelled.txt", {
        "event": event, "when": event_when(event), "event_url": _base(base_url) + event.get_absolute_url(),
    })
    queue_email(area=event.area, to=recipients, body=body, kind=_("zrušení akce"),
                subject=_("Akce je zrušena: %(title)s, %(when)s") % {"title": event.title, "when": event_when(event)},
                attachments=[{"name": "akce.ics", "mimetype": ICS_MIME, "content": _ics(event, base_url)}])
    return len(recipients)


def send_reminders(*, now=None):
    """A day before the event: remind confirmed participants; each registration once (marked as sent)."""
    now = now or timezone.now()
    due = (Registration.objects.filter(status=CONFIRMED, reminder_sent_at=None, is_walk_in=False,
                                       event__is_published=True, event__is_cancelled=False,
                                       event__starts_at__gt=now, event__starts_at__lte=now + timedelta(hours=24))
           .exclude(email="").select_related("event", "area"))
    count = 0
    for registration in due:
        event = registration.event
        body = render_to_string("events/email/reminder.txt", {
            "event": event, "registration": registration, "when": event_when(event),
            "event_url": settings.SITE_URL + event.get_absolute_url(),
            "registered_on": format_date(timezone.localtime(registration.created_at).date()),
        })
        with transaction.atomic():
            queue_email(area=event.area, to=registration.email, body=body, kind=_("připomenutí akce"),
                        subject=_("Zítra: %(title)s, %(when)s") % {"title": event.title, "when": event_when(event)})
            Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=now)
        count += 1
    return count


RETENTION_DAYS = 365


def erase_old_personal_data(*, now=None):
    """A year after an event (setting EVENTS_RETENTION_DAYS) names and contacts of its registrations are erased;
    the registrations stay as anonymous rows, so the participant counts do not change."""
    now = now or timezone.now()
    days = getattr(settings, "EVENTS_RETENTION_DAYS", RETENTION_DAYS)
    old = Registration.objects.filter(event__ends_at__lt=now - timedelta(days=days)).exclude(name="")
    return old.update(name="", email="", organisation="", phone="", note="")
