from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "openkp.library"
    label = "library"
    verbose_name = _("Dokumenty")

    def ready(self):
        from openkp.core import history

        from . import rules  # noqa: F401  (registers the library's permissions)

        history.track("document", "library.Document")

        from . import dashboard

        dashboard.register()
