"""The implementation plan (akční / implementační plán): which activities run in which years and quarters,
who does them and the milestones on the way, as a Gantt-like table and as one list per year.

Built from ``load_tree`` plus one query for the milestones, so the page costs the same number of queries
however large the plan is.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Milestone
from .tree import load_tree

QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class Quarter:
    year: int
    quarter: int

    @property
    def label(self):
        return _("%(quarter)s. čtvrtletí %(year)s") % {"quarter": self.quarter, "year": self.year}


@dataclass
class Cell:
    quarter: Quarter
    running: bool
    milestones: list


@dataclass
class ActivityRow:
    activity: object
    measure: object
    responsible: str
    period: str
    cells: list
    milestones: list


@dataclass
class MeasureSection:
    measure: object
    rows: list = field(default_factory=list)


@dataclass
class GoalSection:
    goal: object
    measures: list = field(default_factory=list)


@dataclass
class PrioritySection:
    priority: object
    goals: list = field(default_factory=list)


@dataclass
class YearRow:
    activity: object
    measure: object
    responsible: str
    quarters: str
    milestones: list


@dataclass
class YearPlan:
    year: int
    rows: list


@dataclass
class ImplementationPlan:
    plan: object
    years: list
    quarters: list
    priorities: list
    year_plans: list
    groups: list
    activity_count: int
    measures_without_activities: list
    year: int | None = None
    group: object = None


def quarter_of(day):
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def responsible_for(activity):
    """Who carries out the activity: its own party, otherwise the measure's responsible party."""
    return (activity.responsible_party or "").strip() or activity.measure.responsible_party


def _runs(activity, quarter):
    return (activity.start_year, activity.start_quarter) <= (quarter.year, quarter.quarter) <= (activity.end_year, activity.end_quarter)


def _period(activity):
    start, end = Quarter(activity.start_year, activity.start_quarter), Quarter(activity.end_year, activity.end_quarter)
    return start.label if start == end else f"{start.label} – {end.label}"


def _quarters_in_year(activity, year):
    """The quarters of ``year`` in which the activity runs, e.g. "2.–4. čtvrtletí"; empty when it does not run."""
    if not activity.start_year <= year <= activity.end_year:
        return ""
    first = activity.start_quarter if year == activity.start_year else 1
    last = activity.end_quarter if year == activity.end_year else 4
    if first == last:
        return _("%(quarter)s. čtvrtletí") % {"quarter": first}
    return _("%(first)s.–%(last)s. čtvrtletí") % {"first": first, "last": last}


def plan_groups(tree):
    """The working groups the plan's priorities and measures are assigned to, by name."""
    groups = {priority.group.pk: priority.group for priority in tree.priorities if priority.group_id}
    groups.update({measure.group.pk: measure.group for measure in tree.measures if measure.group_id})
    return sorted(groups.values(), key=lambda group: group.name.casefold())


def implementation_plan(plan, *, year=None, group_id=None):
    """The implementation plan of ``plan``; ``year`` keeps one year of the plan, ``group_id`` the measures of one
    working group (assigned to the measure, or to its priority area)."""
    tree = load_tree(plan, details=False)
    milestones = {}
    for milestone in Milestone.objects.filter(plan=plan).order_by("due", "pk"):
        milestones.setdefault(milestone.activity_id, []).append(milestone)

    groups = plan_groups(tree)
    group = next((candidate for candidate in groups if candidate.pk == group_id), None)
    year = year if year in plan.years else None
    years = [year] if year else plan.years
    quarters = [Quarter(shown, quarter) for shown in years for quarter in QUARTERS]

    sections, without_activities, count = [], [], 0
    year_rows = {shown: [] for shown in years}
    for priority in tree.priorities:
        priority_section = PrioritySection(priority)
        for goal in priority.goal_list:
            goal_section = GoalSection(goal)
            for measure in goal.measure_list:
                if group is not None and getattr(measure.owning_group, "pk", None) != group.pk:
                    continue
                if not measure.activity_list:
                    without_activities.append(measure)
                    continue
                measure_section = MeasureSection(measure)
                for activity in measure.activity_list:
                    own = [m for m in milestones.get(activity.pk, []) if m.due.year in years]
                    if year and not (_quarters_in_year(activity, year) or own):
                        continue
                    responsible = responsible_for(activity)
                    cells = [Cell(quarter, _runs(activity, quarter), [m for m in own if quarter_of(m.due) == quarter])
                             for quarter in quarters]
                    measure_section.rows.append(ActivityRow(activity, measure, responsible, _period(activity), cells, own))
                    for shown in years:
                        in_year = [m for m in own if m.due.year == shown]
                        running = _quarters_in_year(activity, shown)
                        if running or in_year:
                            year_rows[shown].append(YearRow(activity, measure, responsible, running, in_year))
                if measure_section.rows:
                    goal_section.measures.append(measure_section)
                    count += len(measure_section.rows)
            if goal_section.measures:
                priority_section.goals.append(goal_section)
        if priority_section.goals:
            sections.append(priority_section)

    return ImplementationPlan(
        plan=plan, years=years, quarters=quarters, priorities=sections,
        year_plans=[YearPlan(shown, year_rows[shown]) for shown in years], groups=groups, activity_count=count,
        measures_without_activities=without_activities, year=year, group=group,
    )
