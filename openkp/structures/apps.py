from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StructuresConfig(AppConfig):
    name = "openkp.structures"
    label = "structures"
    verbose_name = _("Organizace plánování")

    def ready(self):
        from openkp.core import history

        from . import rules  # noqa: F401  registers the group permissions

        history.track("planning-period", "structures.PlanningPeriod")
        history.track("group", "structures.Group")
        history.track("group-member", "structures.GroupMember")
        history.track("meeting", "structures.Meeting")
        history.track("minutes", "structures.Minutes")
        history.track("task", "structures.Task")

        from . import calendar, dashboard, selectors

        calendar.register("meeting", selectors.meeting_entries)
        dashboard.register()
