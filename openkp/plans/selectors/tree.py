"""The whole plan loaded at once: priorities → goals → measures → activities with their money, indicators,
links and risks, in a constant number of queries whatever the plan's size.

Pages, documents, exports and snapshots all read the plan through ``load_tree``. Each item gets its
children as a list (``priority.goal_list``, ``goal.measure_list``, ``measure.activity_list``) and its parent
objects cached, so ``measure.number`` and ``activity.number`` cost no query. With ``details`` each measure also
gets ``indicator_list`` and ``has_impact`` (whether one of its indicators measures social impact).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from ..models import Activity, Goal, Indicator, IndicatorTarget, Measure, Milestone, Priority, Risk
from ..services.budget import Budget, funding_sources, plan_costs

MEASURE_LINKS = ("partners", "services", "needs", "gaps", "themes", "swot_items")


@dataclass
class PlanTree:
    plan: object
    priorities: list
    goals: list
    measures: list
    activities: list
    budget: Budget
    sources: list
    costs: list = field(default_factory=list)
    risks: list = field(default_factory=list)

    @property
    def years(self):
        return self.plan.years

    def measures_with_impact(self):
        """Measures that have at least one indicator of social impact (needs ``details``)."""
        return [measure for measure in self.measures if measure.has_impact]

    def impact_share(self):
        """Share (0–100) of measures with an impact indicator, or None for a plan without measures."""
        if not self.measures:
            return None
        return round(100 * len(self.measures_with_impact()) / len(self.measures))


def load_tree(plan, *, details=True):
    """The plan's hierarchy with budget; ``details`` adds links, indicators with targets, milestones and risks."""
    priorities = list(Priority.objects.filter(plan=plan).select_related("group").prefetch_related("target_groups")
                      .order_by("position", "pk"))
    goals = list(Goal.objects.filter(plan=plan).order_by("position", "pk"))
    measures = Measure.objects.filter(plan=plan).select_related("group", "responsible_organisation").order_by("position", "pk")
    activities = Activity.objects.filter(plan=plan).order_by("position", "pk")
    if details:
        measures = measures.prefetch_related(
            *MEASURE_LINKS[:1], Prefetch("services", queryset=_services()), *MEASURE_LINKS[2:],
            Prefetch("indicators", queryset=Indicator.objects.order_by("position", "pk").prefetch_related(
                Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")))),
        )
        activities = activities.prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("due", "pk")))
    measures, activities = list(measures), list(activities)

    # Items and their groups share the plan's area object, so permission checks per item cost no query.
    area = plan.area
    for item in (*priorities, *goals, *measures, *activities):
        item.area = area
        item.plan = plan
        group = getattr(item, "group", None)
        if group is not None:
            group.area = area
    priority_by_id = {priority.pk: priority for priority in priorities}
    goal_by_id = {goal.pk: goal for goal in goals}
    measure_by_id = {measure.pk: measure for measure in measures}
    for priority in priorities:
        priority.goal_list = []
    for goal in goals:
        goal.priority = priority_by_id[goal.priority_id]
        goal.priority.goal_list.append(goal)
        goal.measure_list = []
    for measure in measures:
        measure.goal = goal_by_id[measure.goal_id]
        measure.goal.measure_list.append(measure)
        measure.activity_list = []
        measure.indicator_list = list(measure.indicators.all()) if details else []
        # Computed once here for every page, document and export that shows a measure; unknown without ``details``.
        measure.has_impact = any(i.kind == Indicator.Kind.IMPACT for i in measure.indicator_list) if details else None
        measure.risk_list = []
    for activity in activities:
        activity.measure = measure_by_id[activity.measure_id]
        activity.measure.activity_list.append(activity)

    # Children in numbering order (siblings were read in position order within the whole plan).
    ordered_measures = [m for p in priorities for g in p.goal_list for m in g.measure_list]
    ordered_activities = [a for m in ordered_measures for a in m.activity_list]
    ordered_goals = [g for p in priorities for g in p.goal_list]

    sources = funding_sources(plan.area)
    parents = {measure.pk: (measure.goal_id, measure.goal.priority_id) for measure in measures}
    costs = list(plan_costs(plan))
    budget = Budget(costs, years=plan.years, sources=sources, parents=parents)

    risks = []
    if details:
        risks = list(Risk.objects.filter(plan=plan))
        for risk in risks:
            if risk.measure_id in measure_by_id:
                risk.measure = measure_by_id[risk.measure_id]
                risk.measure.risk_list.append(risk)
    return PlanTree(plan=plan, priorities=priorities, goals=ordered_goals, measures=ordered_measures,
                    activities=ordered_activities, budget=budget, sources=sources, costs=costs, risks=risks)


def _services():
    from openkp.catalog.models import Service

    return Service.objects.select_related("provider", "service_type").only(
        "id", "name", "provider__name", "service_type__section", "service_type__name", "area_id")
