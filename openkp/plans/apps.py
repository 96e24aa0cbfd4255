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
        history.track("measure", "plans.Measure", related=measure_parts_history)
        history.track("activity", "plans.Activity")
        history.track("plan-risk", "plans.Risk")
        register_need_section(need_measures_section)

        from . import dashboard

        dashboard.register()


def measure_parts_history(measure):
    """The histories shown on a measure's history page besides its own: its costs (the measure's and its
    activities'), indicators and the activities' milestones, deleted ones included."""
    from django.utils.translation import gettext as _

    from .models import Activity, Cost, FundingSource, Indicator, Milestone

    sources = dict(FundingSource.objects.filter(area=measure.area).values_list("pk", "name"))
    activities = {activity.pk: activity.number for activity in Activity.objects.filter(measure=measure).select_related("measure__goal__priority")}

    def cost(record):
        where = f", {_('aktivita')} {activities.get(record.activity_id, '–')}" if record.activity_id else ""
        return f"{_('Náklady')}{where}: {sources.get(record.source_id, '–')} {record.year}"

    milestone_records = Milestone.history.filter(activity_id__in=Activity.history.filter(measure_id=measure.pk).values("id"))
    return [
        (cost, Cost.history.filter(measure_id=measure.pk)),
        (lambda record: f"{_('Indikátor')} „{record.name}“", Indicator.history.filter(measure_id=measure.pk)),
        (lambda record: f"{_('Milník')} „{record.title}“", milestone_records),
    ]
