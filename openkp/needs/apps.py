from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "openkp.needs"
    label = "needs"
    verbose_name = _("Zjišťování potřeb")

    def ready(self):
        from openkp.core import history
        from openkp.structures.extensions import register_group_section

        from . import (
            answer_import,  # noqa: F401  (registers the clean-up of abandoned answer imports)
            rules,  # noqa: F401  (registers the permissions)
        )
        from .views.swot import group_swot_section

        history.track("survey", "needs.Survey")
        history.track("need", "needs.Need")
        register_group_section(group_swot_section)

        from . import dashboard

        dashboard.register()
