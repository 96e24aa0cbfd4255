from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "openkp.plans"
    label = "plans"
    verbose_name = _("Komunitní plán")

    def ready(self):
        from openkp.core import history
        from openkp.needs.extensions import register_need_section

        from . import rules  # noqa: F401  (registers the permissions)
        from .views.editor import need_measures_section

        history.track("plan", "plans.Plan")
        history.track("priority", "plans.Priority")
        history.track("goal", "plans.Goal")
        history.track("measure", "plans.Measure")
        history.track("activity", "plans.Activity")
        history.track("plan-risk", "plans.Risk")
        register_need_section(need_measures_section)
