"""Scheduled work of the events module (run by ``manage.py run_periodic``)."""

from openkp.core.periodic import periodic

from . import services


@periodic("events.reminders")
def send_event_reminders(*, now=None):
    """A day before each event: one reminder to every confirmed participant."""
    return services.send_reminders(now=now)


@periodic("events.erase_personal_data")
def erase_personal_data(*, now=None):
    """Names and contacts of registrations are erased a year after the event (as the consent text promises)."""
    return services.erase_old_personal_data(now=now)
