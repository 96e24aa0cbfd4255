from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StructuresConfig(AppConfig):
    name = "openkp.structures"
    label = "structures"
    verbose_name = _("Organizace plánování")

    def ready(self):
        from openkp.core import history

        history.track("group", "structures.Group")
        history.track("group-member", "structures.GroupMember")

        from . import calendar, selectors

        calendar.register(selectors.meeting_entries)
