"""Sums of the plan's costs: per activity, measure, goal, priority and the whole plan, by year and source.

All sums are ``Decimal`` CZK. The budget is built once from the plan's cost rows (one query) and answers
every total in constant time, so a page or a document with hundreds of measures needs no more queries.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from ..models import Cost, FundingSource
from ..models.money import DEFAULT_SOURCES

ALL = "*"
LEVELS = ("activity", "measure", "goal", "priority", "plan")


def funding_sources(area, *, include_inactive=True):
    """The area's funding sources in order, created from the defaults on first use."""
    if not FundingSource.objects.filter(area=area).exists():
        FundingSource.objects.bulk_create([
            FundingSource(area=area, code=code, name=str(name), position=index)
            for index, (code, name) in enumerate(DEFAULT_SOURCES, start=1)
        ])
    queryset = FundingSource.objects.filter(area=area)
    if not include_inactive:
        queryset = queryset.filter(is_active=True)
    return list(queryset.order_by("position", "pk"))


@dataclass
class BudgetRow:
    label: str
    amounts: list  # one Decimal per year
    total: Decimal
    source: object = None


class Budget:
    """Totals by (level, id, year, source); ``ALL`` in place of year or source sums over it."""

    def __init__(self, costs, *, years, sources, parents):
        """``costs``: Cost rows (or objects with measure_id, activity_id, year, source_id, amount);
        ``parents``: measure id → (goal id, priority id)."""
        self.years = list(years)
        self.sources = list(sources)
        # First the cells of one year and source per item (each row adds to its item and their parents), then the
        # sums over years and sources from those cells, which are far fewer than the rows above the measure level.
        cells = defaultdict(Decimal)
        for cost in costs:
            goal_id, priority_id = parents[cost.measure_id]
            cells[("measure", cost.measure_id, cost.year, cost.source_id)] += cost.amount
            cells[("goal", goal_id, cost.year, cost.source_id)] += cost.amount
            cells[("priority", priority_id, cost.year, cost.source_id)] += cost.amount
            cells[("plan", None, cost.year, cost.source_id)] += cost.amount
            if cost.activity_id:
                cells[("activity", cost.activity_id, cost.year, cost.source_id)] += cost.amount
        self._cells = defaultdict(Decimal, cells)
        for (level, item_id, year, source), amount in cells.items():
            self._cells[(level, item_id, ALL, source)] += amount
            self._cells[(level, item_id, year, ALL)] += amount
            self._cells[(level, item_id, ALL, ALL)] += amount

    def amount(self, level="plan", item_id=None, *, year=ALL, source=ALL):
        return self._cells.get((level, item_id, year, source), Decimal("0"))

    def total(self, level="plan", item_id=None):
        return self.amount(level, item_id)

    def table(self, level="plan", item_id=None, *, all_sources=False):
        """Rows per funding source (those with money, or all) with an amount per year and the total; then the sum row."""
        rows = []
        for source in self.sources:
            total = self.amount(level, item_id, source=source.pk)
            if total or (all_sources and source.is_active):
                rows.append(BudgetRow(source.name, [self.amount(level, item_id, year=year, source=source.pk) for year in self.years],
                                      total, source))
        return rows

    def year_totals(self, level="plan", item_id=None):
        return [self.amount(level, item_id, year=year) for year in self.years]


def plan_costs(plan):
    return Cost.objects.filter(plan=plan).only("measure_id", "activity_id", "year", "source_id", "amount")


def measure_costs(measure):
    """Costs of one measure: its own rows and its activities'."""
    return Cost.objects.filter(Q(measure=measure)).only("measure_id", "activity_id", "year", "source_id", "amount")
