from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "openkp.needs"
    label = "needs"
    verbose_name = _("Zjišťování potřeb")

    def ready(self):
        from openkp.core import history

        from . import rules  # noqa: F401  (registers the permissions)

        history.track("survey", "needs.Survey")
        history.track("need", "needs.Need")
