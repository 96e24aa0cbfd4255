from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "openkp.catalog"
    label = "catalog"
    verbose_name = _("Katalog služeb")

    def ready(self):
        from django.db.models.signals import post_delete

        from openkp.core import history

        from . import dashboard
        from .services import note_deletion

        history.track("service", "catalog.Service")
        post_delete.connect(note_deletion, dispatch_uid="catalog_note_deletion")
        dashboard.register()
