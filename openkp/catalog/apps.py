from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "openkp.catalog"
    label = "catalog"
    verbose_name = _("Katalog služeb")

    def ready(self):
        from openkp.core import history

        history.track("service", "catalog.Service")
