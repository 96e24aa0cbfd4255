from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "openkp.communication"
    label = "communication"
    verbose_name = _("Komunikace")

    def ready(self):
        from openkp.core import history

        from . import rules  # noqa: F401  (registers the permissions)

        history.track("news", "communication.NewsItem")
        history.track("communication-channel", "communication.CommunicationChannel")

        from . import dashboard

        dashboard.register()
