"""The community plan: the plan of a period with its analytical chapters; the hierarchy priority → goal →
measure → activity; costs per year and funding source; indicators; risks; named versions and comments."""

from .hierarchy import Activity, Goal, Measure, Milestone, Priority
from .indicators import Indicator, IndicatorTarget
from .money import Cost, FundingSource
from .plans import Chapter, Comment, Plan, PlanVersion
from .risks import Risk

__all__ = [
    "Activity", "Chapter", "Comment", "Cost", "FundingSource", "Goal", "Indicator", "IndicatorTarget", "Measure", "Milestone",
    "Plan", "PlanVersion", "Priority", "Risk",
]
