from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "openkp.core"
    label = "core"
    verbose_name = _("Základ")

    def ready(self):
        # Jobs are registered in each app's tasks.py; load them so inline runs find them too.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
        from . import lookups

        lookups.register()  # an id no column can hold matches nothing instead of failing
        from . import mail  # noqa: F401  registers the outbox flush as a periodic task
        from .dashboard import register_attention
        from .views import failed_emails_attention

        register_attention(failed_emails_attention)
