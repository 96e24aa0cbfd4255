"""A large plan made with bulk inserts, for measuring the plan's pages, versions, exports and documents.

``large_plan(area)`` builds in a few seconds what a big city's plan holds (the figures of ``bench/plan.py``):
2025–2028 (4 years), 6 priority areas × 5 goals × 10 measures = 300 measures, 800 activities (2–3 per
measure, each with a milestone), 900 indicators (3 per measure, one of each kind) with a target every year,
100 risks, 5 analytical chapters with Markdown, and costs with the area's 7 default funding sources: every
measure in 3 sources and every activity in 2 sources in each year (10,000 cost rows). The texts are realistic
in length, not in content; the amounts are deterministic.
"""

import datetime
import itertools
from collections import defaultdict
from decimal import Decimal

from django.db import transaction

from ..models import Activity, Chapter, Cost, Goal, Indicator, IndicatorTarget, Measure, Milestone, Plan, Priority, Risk
from ..services.budget import funding_sources

TOPICS = ["Senioři", "Osoby se zdravotním postižením", "Rodiny s dětmi", "Osoby ohrožené sociálním vyloučením",
          "Duševní zdraví", "Závislosti", "Průřezová témata", "Bydlení"]
DESCRIPTION = ("Opatření udržuje a rozvíjí síť služeb v oblasti tak, aby byla dostupná v celém území, a to v terénní, "
               "ambulantní i pobytové formě; služby spolupracují s obcemi, školami a zdravotnickými zařízeními.")
CHAPTER_BODY = """Kapitola shrnuje zjištění analytické části plánu za rok {year}.

## Výchozí stav

Ve městě žije {people} obyvatel, z toho 22 % starších 65 let. Počet seniorů se od roku 2015 zvýšil o 18 %.

- terénní služby pokrývají **celé území**,
- ambulantní služby jsou soustředěny v centru a
- pobytové služby mají pořadníky na 6 až 18 měsíců.

## Zjištěné potřeby

1. posílit terénní péči,
2. rozšířit odlehčovací služby,
3. zlepšit informovanost o službách.

| Druh služby | Počet služeb | Kapacita |
|---|---:|---:|
| pečovatelská služba | 4 | 1 200 |
| domov pro seniory | 3 | 420 |
| odlehčovací služby | 2 | 35 |
"""


def large_plan(area, *, priorities=6, goals_per_priority=5, measures=300, activities=800, indicators=900, years=4,
               chapters=5, risks=100, start_year=2025, title="Komunitní plán sociálních služeb 2025–2028"):
    """A plan of the given size, saved with bulk inserts (no history records)."""
    with transaction.atomic():
        plan = Plan.objects.create(area=area, title=title, start_year=start_year, end_year=start_year + years - 1,
                                   summary="Plán pro měření rychlosti stránek, verzí, exportů a dokumentů.")
        plan_years = plan.years
        sources = funding_sources(area)
        Chapter.objects.bulk_create([
            Chapter(area=area, plan=plan, position=index, title=f"Analytická kapitola {index}",
                    body=CHAPTER_BODY.format(year=start_year - 1, people=f"{80000 + index * 1000:,}".replace(",", " ")))
            for index in range(1, chapters + 1)])
        priority_rows = Priority.objects.bulk_create([
            Priority(area=area, plan=plan, position=index, title=TOPICS[(index - 1) % len(TOPICS)],
                     description="Oblast sdružuje služby pro cílovou skupinu a související aktivity.")
            for index in range(1, priorities + 1)])
        goal_rows = Goal.objects.bulk_create([
            Goal(area=area, plan=plan, priority=priority, position=index, title=f"Dostupné služby, oblast {priority.position}, část {index}",
                 description="Služby jsou dostupné všem, kdo je potřebují.")
            for priority in priority_rows for index in range(1, goals_per_priority + 1)])
        per_goal = defaultdict(int)
        measure_rows = []
        for number, goal in zip(range(measures), itertools.cycle(goal_rows)):
            per_goal[goal.pk] += 1
            measure_rows.append(Measure(
                area=area, plan=plan, goal=goal, position=per_goal[goal.pk], title=f"Opatření č. {number + 1} pro rozvoj služeb",
                description=DESCRIPTION, rationale="Analýza potřeb ukázala nedostatečnou kapacitu.", kind=Measure.Kind.KEEP,
                responsible_party="Odbor sociálních věcí", start_year=plan.start_year, end_year=plan.end_year,
                expected_outputs="Služba poskytnuta nejméně 100 klientům ročně."))
        Measure.objects.bulk_create(measure_rows)
        per_measure = defaultdict(int)
        activity_rows = []
        for number in range(activities):
            measure = measure_rows[number % len(measure_rows)]
            per_measure[measure.pk] += 1
            activity_rows.append(Activity(
                area=area, plan=plan, measure=measure, position=per_measure[measure.pk], title=f"Aktivita č. {number + 1}",
                description="Zajištění provozu a financování.", responsible_party="Poskytovatel služby",
                start_year=plan.start_year, start_quarter=1 + number % 4, end_year=plan.end_year, end_quarter=4))
        Activity.objects.bulk_create(activity_rows)
        Milestone.objects.bulk_create([
            Milestone(area=area, plan=plan, activity=activity, title="Vyhodnocení aktivity",
                      due=datetime.date(plan_years[index % len(plan_years)], 11, 30))
            for index, activity in enumerate(activity_rows)])
        costs = [
            Cost(area=area, plan=plan, measure=measure, year=year, source=sources[(index + shift) % len(sources)],
                 amount=Decimal(10_000 * (1 + (index * 7 + year + shift) % 200)) + Decimal("0.50") * (index % 2))
            for index, measure in enumerate(measure_rows) for year in plan_years for shift in (0, 2, 4)]
        costs += [
            Cost(area=area, plan=plan, measure=activity.measure, activity=activity, year=year, source=sources[(index + shift) % len(sources)],
                 amount=Decimal(1_000 * (1 + (index * 3 + year + shift) % 300)))
            for index, activity in enumerate(activity_rows) for year in plan_years for shift in (0, 3)]
        Cost.objects.bulk_create(costs, batch_size=2000)
        kinds = [Indicator.Kind.OUTPUT, Indicator.Kind.QUALITY, Indicator.Kind.IMPACT]
        indicator_rows = [
            Indicator(area=area, plan=plan, measure=measure_rows[number % len(measure_rows)], position=number // len(measure_rows) + 1,
                      kind=kinds[(number // len(measure_rows)) % 3], name=f"Počet podpořených osob ({number + 1})", unit="osoby",
                      baseline_value=Decimal(100), baseline_year=start_year - 1, data_source="výkazy poskytovatelů",
                      reported_by="poskytovatel")
            for number in range(indicators)]
        Indicator.objects.bulk_create(indicator_rows)
        IndicatorTarget.objects.bulk_create([
            IndicatorTarget(area=area, indicator=indicator, year=year, value=Decimal(100 + 10 * (year - start_year + 1)))
            for indicator in indicator_rows for year in plan_years], batch_size=2000)
        Risk.objects.bulk_create([
            Risk(area=area, plan=plan, measure=measure_rows[number * 3 % len(measure_rows)] if number % 2 else None,
                 title=f"Riziko č. {number + 1}: nedostatek pracovníků", probability=1 + number % 5, impact=1 + (number * 3) % 5,
                 mitigation="Spolupráce se školami, stáže a náborová kampaň.", owner="Odbor sociálních věcí")
            for number in range(risks)])
    return plan
