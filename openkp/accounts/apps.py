from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "openkp.accounts"
    label = "accounts"
    verbose_name = _("Účty a role")

    def ready(self):
        from openkp.core import history

        history.track("membership", "accounts.Membership")
