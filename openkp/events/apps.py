from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "openkp.events"
    label = "events"
    verbose_name = _("Veřejné akce")

    def ready(self):
        from openkp.core import history
        from openkp.structures import calendar

        from . import rules  # noqa: F401  (registers the permissions)
        from .selectors import event_entries

        history.track("event", "events.Event")
        calendar.register("event", event_entries)

        from . import dashboard

        dashboard.register()
