"""The plan's shared foundations: numbering and moves, sums, the tree in constant queries, concurrent edits."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ..models import Goal, Measure, Plan
from ..selectors.tree import load_tree
from ..services import hierarchy
from ..services.budget import ALL
from . import factories


@pytest.fixture
def plan(area):
    return factories.small_plan(area)


def numbers(plan):
    tree = load_tree(plan, details=False)
    return [(m.number, m.title) for m in tree.measures]


def test_items_are_numbered_by_their_path(plan):
    assert numbers(plan) == [
        ("1.1.1", "Zachování pečovatelské služby"),
        ("1.1.2", "Rozšíření odlehčovacích služeb"),
        ("1.2.1", "Nový domov se zvláštním režimem"),
        ("2.1.1", "Katalog sociálních služeb"),
    ]
    tree = load_tree(plan)
    assert [a.number for a in tree.activities] == ["1.1.1.1", "1.1.1.2", "2.1.1.1"]


def test_moving_a_goal_into_another_priority_keeps_its_measures_and_renumbers(plan):
    goal = Goal.objects.get(title="Podpora života seniorů v domácím prostředí")
    target = goal.priority.plan.priorities.get(position=2)
    hierarchy.move(goal, parent=target, position=1)
    assert numbers(plan) == [
        ("1.1.1", "Nový domov se zvláštním režimem"),
        ("2.1.1", "Zachování pečovatelské služby"),
        ("2.1.2", "Rozšíření odlehčovacích služeb"),
        ("2.2.1", "Katalog sociálních služeb"),
    ]


def test_moving_down_and_up_swaps_siblings(plan):
    first = Measure.objects.get(title="Zachování pečovatelské služby")
    hierarchy.move_by(first, +1)
    assert [t for _n, t in numbers(plan)][:2] == ["Rozšíření odlehčovacích služeb", "Zachování pečovatelské služby"]
    hierarchy.move_by(Measure.objects.get(pk=first.pk), -1)
    assert numbers(plan)[0] == ("1.1.1", "Zachování pečovatelské služby")


def test_deleting_renumbers_the_rest(plan):
    hierarchy.delete(Measure.objects.get(title="Zachování pečovatelské služby"))
    assert numbers(plan)[0] == ("1.1.1", "Rozšíření odlehčovacích služeb")


def test_budget_sums_checked_by_hand(plan):
    budget = load_tree(plan).budget
    measure = Measure.objects.get(title="Zachování pečovatelské služby")
    obec = next(s for s in budget.sources if s.code == "obec")
    assert budget.total() == Decimal("1310000.75")
    assert budget.year_totals() == [Decimal("160000.75"), Decimal("150000"), Decimal("1000000")]
    assert budget.amount(source=obec.pk) == Decimal("230000.75")
    assert budget.total("measure", measure.pk) == Decimal("300000")
    assert budget.total("priority", measure.goal.priority_id) == Decimal("1300000")
    assert budget.amount("goal", measure.goal_id, year=2026, source=ALL) == Decimal("150000")
    rows = budget.table("measure", measure.pk)
    assert [(row.label, row.amounts, row.total) for row in rows] == [
        ("obec / město", [Decimal("100000"), Decimal("120000"), Decimal("0")], Decimal("220000")),
        ("kraj", [Decimal("50000"), Decimal("0"), Decimal("0")], Decimal("50000")),
        ("státní dotace (MPSV)", [Decimal("0"), Decimal("30000"), Decimal("0")], Decimal("30000")),
    ]


def test_tree_is_loaded_in_constant_queries(area, django_assert_max_num_queries):
    small = factories.small_plan(area)
    with django_assert_max_num_queries(18) as small_queries:
        tree = load_tree(small)
        [m.number for m in tree.measures] + [a.number for a in tree.activities]
    bigger = factories.small_plan(area)
    for index in range(5):
        goal = factories.goal(bigger.priorities.first(), f"Cíl {index}")
        for number in range(3):
            m = factories.measure(goal, f"Opatření {number}")
            factories.activity(m, "Aktivita")
            factories.indicator(m, "Počet", targets={2025: 1})
    with django_assert_max_num_queries(len(small_queries.captured_queries)):
        tree = load_tree(bigger)
        [m.number for m in tree.measures] + [a.number for a in tree.activities]
    assert len(tree.measures) == 19


def test_impact_share_counts_measures_with_an_impact_indicator(plan):
    assert load_tree(plan).impact_share() == 25


def test_second_save_from_a_stale_form_is_a_conflict(plan):
    first = Measure.objects.get(title="Zachování pečovatelské služby")
    second = Measure.objects.get(pk=first.pk)
    first.title = "Zachování a rozvoj pečovatelské služby"
    hierarchy.save_checked(first, revision=1)
    second.title = "Pečovatelská služba"
    with pytest.raises(hierarchy.Conflict) as raised:
        hierarchy.save_checked(second, revision=1)
    assert raised.value.current.title == "Zachování a rozvoj pečovatelské služby"
    assert Measure.objects.get(pk=first.pk).title == "Zachování a rozvoj pečovatelské služby"


def test_an_approved_plan_cannot_change(plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    measure = Measure.objects.select_related("plan").get(title="Zachování pečovatelské služby")
    with pytest.raises(hierarchy.PlanFrozen):
        hierarchy.move_by(measure, +1)


def test_measure_needs_a_responsible_party_and_years_inside_the_plan(plan):
    goal = Goal.objects.first()
    measure = Measure(area=plan.area, plan=plan, goal=goal, title="Bez odpovědnosti", responsible_party=" ",
                      start_year=2024, end_year=2027)
    with pytest.raises(ValidationError) as raised:
        measure.full_clean()
    assert raised.value.message_dict["responsible_party"] == ["Uveďte, kdo za opatření odpovídá."]
    assert raised.value.message_dict["start_year"] == ["Rok musí ležet v období plánu (2025–2027)."]


def test_snapshot_holds_the_tree_and_its_budget_adds_up_the_same(plan):
    from ..services.snapshot import measures, snapshot, snapshot_budget

    data = snapshot(plan)
    assert [m["number"] for _p, _g, m in measures(data)] == ["1.1.1", "1.1.2", "1.2.1", "2.1.1"]
    first = measures(data)[0][2]
    assert first["costs"] == {"2025": {"obec": "100000.00", "kraj": "50000.00"}, "2026": {"obec": "120000.00"}}
    assert first["activities"][0]["costs"] == {"2026": {"mpsv": "30000.00"}}
    assert [i["kind"] for i in first["indicators"]] == ["output", "impact"]
    budget = snapshot_budget(data)
    assert budget.total() == Decimal("1310000.75")
    assert budget.total("measure", first["uid"]) == Decimal("300000")
    assert budget.amount(source="obec") == Decimal("230000.75")
