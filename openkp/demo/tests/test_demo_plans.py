"""The demo plans: Ostrava's draft of the 7th plan traced to the needs analysis, its closed predecessor, a named
version changed since, and the small plan of Hlučínsko."""

from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Count, Sum

from openkp.demo import plans as demo_plans
from openkp.plans.models import (
    Activity,
    Chapter,
    Comment,
    Cost,
    Goal,
    Indicator,
    IndicatorTarget,
    Measure,
    Milestone,
    Plan,
    PlanVersion,
    Priority,
    Risk,
)
from openkp.plans.selectors.tree import load_tree
from openkp.plans.services.snapshot import measures as snapshot_measures
from openkp.plans.services.snapshot import snapshot
from openkp.structures.models import Group

pytestmark = pytest.mark.django_db

PLAN_MODELS = (Plan, Priority, Goal, Measure, Activity, Milestone, Cost, Indicator, IndicatorTarget, Risk, Chapter, Comment, PlanVersion)


def plan_counts():
    return {model.__name__: model.objects.count() for model in PLAN_MODELS}


def plan_signature():
    """What the demo plans contain, independent of database ids."""
    return {
        "measures": sorted(Measure.objects.values_list("plan__title", "title", "kind", "responsible_party", "start_year", "end_year")),
        "costs": sorted(Cost.objects.values_list("plan__title", "year", "source__code").annotate(total=Sum("amount"))),
        "targets": sorted(IndicatorTarget.objects.values_list("indicator__plan__title", "year").annotate(total=Sum("value"))),
        "links": sorted(Measure.objects.values_list("plan__title").annotate(needs=Count("needs"), gaps=Count("gaps"))),
    }


@pytest.fixture
def draft(demo):
    return Plan.objects.get(area__slug="ostrava", status=Plan.Status.DRAFT)


def test_there_is_one_plan_of_each_kind_after_demo_data_ran_twice(demo):
    assert sorted(Plan.objects.values_list("area__slug", "status")) == [("hlucinsko", "in_force"), ("ostrava", "closed"), ("ostrava", "draft")]
    assert PlanVersion.objects.count() == 1
    assert demo["first"]["plans"] == demo["second"]["plans"]


def test_loading_the_plans_again_changes_nothing(demo):
    before, signature = plan_counts(), plan_signature()
    demo_plans.clear()
    demo_plans.load()
    assert plan_counts() == before
    assert plan_signature() == signature


def test_ostrava_draft_is_the_next_plan_of_four_years_with_the_expected_size(draft):
    assert (draft.start_year, draft.end_year) == (2027, 2030) and draft.title.startswith("7. komunitní plán")
    assert draft.period.is_current and draft.is_public
    tree = load_tree(draft)
    assert 9 <= len(tree.priorities) <= 12
    assert 30 <= len(tree.goals) <= 40
    assert 100 <= len(tree.measures) <= 140
    assert 200 <= len(tree.activities) <= 300
    assert {measure.kind for measure in tree.measures} == set(Measure.Kind.values)
    assert Milestone.objects.filter(plan=draft).count() >= 50


def test_positions_are_one_to_n_on_every_level(draft):
    tree = load_tree(draft, details=False)
    levels = [tree.priorities] + [priority.goal_list for priority in tree.priorities] + [goal.measure_list for goal in tree.goals]
    levels += [measure.activity_list for measure in tree.measures]
    for siblings in levels:
        assert [item.position for item in siblings] == list(range(1, len(siblings) + 1))
    assert tree.measures[0].number == "1.1.1" and tree.activities[0].number == "1.1.1.1"


def test_priorities_follow_the_working_groups_plus_a_cross_cutting_one(draft):
    working = set(Group.objects.filter(area=draft.area, period=draft.period, kind=Group.Kind.WORKING).values_list("name", flat=True))
    priorities = list(Priority.objects.filter(plan=draft).select_related("group"))
    assert {priority.group.name for priority in priorities if priority.group} == working
    cross_cutting = [priority for priority in priorities if priority.is_cross_cutting]
    assert len(cross_cutting) == 1 and cross_cutting[0].group is None
    assert Priority.objects.filter(plan=draft, group__isnull=False, target_groups__isnull=False).distinct().count() == len(working)
    # A working group takes care of each cross-cutting measure.
    assert not Measure.objects.filter(plan=draft, goal__priority__is_cross_cutting=True, group__isnull=True).exists()


def test_every_measure_has_a_responsible_party_and_costs_only_in_its_years(demo):
    for plan in Plan.objects.all():
        assert not Measure.objects.filter(plan=plan, responsible_party="").exists()
        for measure in Measure.objects.filter(plan=plan).prefetch_related("costs"):
            assert plan.start_year <= measure.start_year <= measure.end_year <= plan.end_year
            assert all(measure.start_year <= cost.year <= measure.end_year for cost in measure.costs.all()), measure.title
        assert not Cost.objects.filter(plan=plan).exclude(year__gte=plan.start_year, year__lte=plan.end_year).exists()
        assert not Activity.objects.filter(plan=plan).exclude(start_year__gte=plan.start_year, end_year__lte=plan.end_year).exists()


def test_costs_are_plausible_and_use_several_sources(draft):
    tree = load_tree(draft)
    used = {row.source.code for row in tree.budget.table()}
    assert {"obec", "kraj", "mpsv", "eu", "uhrady"} <= used
    keep = [measure for measure in tree.measures if measure.kind == Measure.Kind.KEEP]
    assert all(tree.budget.amount("measure", measure.pk, year=2028) >= Decimal("1000000") for measure in keep)  # keeping a service: millions
    campaign = next(measure for measure in tree.measures if "Kampaň" in measure.title)
    assert Decimal("10000") <= tree.budget.amount("measure", campaign.pk, year=2027) <= Decimal("1000000")
    assert all(tree.budget.total("measure", measure.pk) > 0 for measure in tree.measures if measure.kind != Measure.Kind.SYSTEMIC)
    assert Cost.objects.filter(plan=draft, activity__isnull=False).exists()


def test_indicators_of_output_quality_and_impact_with_baselines_and_targets(draft):
    tree = load_tree(draft)
    kinds = Counter(indicator.kind for measure in tree.measures for indicator in measure.indicator_list)
    assert set(kinds) == set(Indicator.Kind.values)
    added = "Sdílená evidence čekatelů na pobytové služby"  # added after the named version, without indicators yet
    assert all(any(i.kind == Indicator.Kind.OUTPUT for i in measure.indicator_list) for measure in tree.measures if measure.title != added)
    assert 60 <= tree.impact_share() <= 70
    impact = [i for measure in tree.measures for i in measure.indicator_list if i.kind == Indicator.Kind.IMPACT]
    assert any("do standardního bydlení" in indicator.name for indicator in impact)
    for indicator in impact:
        assert indicator.baseline_value is not None and indicator.baseline_year == 2026
        assert [target.year for target in indicator.targets.all()] == list(range(indicator.measure.start_year, indicator.measure.end_year + 1))


def test_measures_trace_to_needs_gaps_themes_and_swot_of_their_working_group(draft):
    measures = list(Measure.objects.filter(plan=draft).select_related("goal__priority", "group").prefetch_related(
        "needs", "gaps__need", "themes", "swot_items__analysis", "services", "partners"))
    assert sum(1 for measure in measures if measure.needs.all()) > 0.8 * len(measures)
    assert sum(1 for measure in measures if measure.gaps.all()) >= 20
    assert sum(1 for measure in measures if measure.themes.all()) >= 50
    assert sum(1 for measure in measures if measure.swot_items.all()) >= 50
    for measure in measures:
        group = measure.group or measure.goal.priority.group
        assert all(need.group_id == group.pk for need in measure.needs.all())
        assert all(item.analysis.group_id == group.pk for item in measure.swot_items.all())
        assert all(gap.need in measure.needs.all() for gap in measure.gaps.all())
        assert "Analýza potřeb pracovní skupiny" in measure.rationale or not measure.needs.all()
    with_services = [measure for measure in measures if measure.kind in (Measure.Kind.KEEP, Measure.Kind.EXPAND)]
    assert all(measure.services.all() and measure.responsible_organisation for measure in with_services)
    assert all(measure.responsible_party == measure.responsible_organisation.name for measure in with_services)
    assert sum(1 for measure in measures if measure.partners.all()) > 0.5 * len(measures)


def test_risks_of_the_plan_and_of_measures(draft):
    risks = Risk.objects.filter(plan=draft)
    assert risks.filter(measure=None).count() >= 5
    assert risks.filter(measure__isnull=False).count() >= 5
    assert all(1 <= risk.probability <= 5 and 1 <= risk.impact <= 5 for risk in risks)


def test_chapters_of_every_kind_with_generated_parts(draft):
    data = snapshot(draft)
    kinds = Counter(chapter["kind"] for chapter in data["chapters"])
    assert set(kinds) == set(Chapter.Kind.values)
    intro = data["chapters"][0]
    assert intro["kind"] == Chapter.Kind.TEXT and "## Usnesení" in intro["body"] and "usnesením č." in intro["body"]
    for chapter in data["chapters"]:
        if chapter["kind"] != Chapter.Kind.TEXT:
            assert chapter["generated"]["paragraphs"] and chapter["generated"]["tables"], chapter["kind"]
    organisation = next(chapter for chapter in data["chapters"] if chapter["kind"] == Chapter.Kind.ORGANISATION)
    assert organisation["generated"]["tables"][0]["rows"][0][0] == "Manažerský tým"


def test_comments_on_the_plan_and_its_items(draft):
    comments = Comment.objects.filter(plan=draft)
    assert comments.filter(target_uid=None).exists() and comments.filter(target_uid__isnull=False).count() >= 3
    assert comments.filter(is_resolved=True).exists() and not comments.filter(author=None).exists()


def test_the_named_version_differs_from_the_current_plan(draft):
    version = PlanVersion.objects.get(plan=draft, name="pracovní verze pro řídicí skupinu")
    assert version.created_by.username == "koordinator"
    frozen = {measure["uid"]: measure for _p, _g, measure in snapshot_measures(version.snapshot)}
    current = {measure["uid"]: measure for _p, _g, measure in snapshot_measures(snapshot(draft))}
    added = [current[uid]["title"] for uid in current.keys() - frozen.keys()]
    assert added == ["Sdílená evidence čekatelů na pobytové služby"]
    renamed = [(frozen[uid]["title"], current[uid]["title"]) for uid in frozen.keys() & current.keys() if frozen[uid]["title"] != current[uid]["title"]]
    assert renamed == [("Rozšíření pečovatelské služby o večery a víkendy", "Rozšíření pečovatelské služby o večery, víkendy a svátky")]
    activities = lambda measures: sum(len(measure["activities"]) for measure in measures.values())  # noqa: E731
    assert activities(current) == activities(frozen) - 1


def test_the_closed_previous_plan(draft):
    closed = draft.based_on
    assert closed.status == Plan.Status.CLOSED and (closed.start_year, closed.end_year) == (2023, 2026)
    assert closed.resolution_number and closed.resolution_date.year == 2022
    tree = load_tree(closed)
    assert len(tree.priorities) == 6 and len(tree.measures) == 20 and tree.activities
    assert tree.budget.total() > Decimal("100000000")


def test_hlucinsko_has_a_small_plan_for_its_two_working_groups(demo):
    plan = Plan.objects.get(area__slug="hlucinsko")
    tree = load_tree(plan)
    assert plan.status == Plan.Status.IN_FORCE and plan.resolution_number and (plan.start_year, plan.end_year) == (2025, 2028)
    assert 2 <= len(tree.priorities) <= 3 and 6 <= len(tree.measures) <= 10
    assert {priority.group.name for priority in tree.priorities if priority.group} == {"Děti, mládež a rodina", "Senioři"}
    assert all(measure.area_id == plan.area_id for measure in tree.measures)
    assert {service.area_id for measure in tree.measures for service in measure.services.all()} == {plan.area_id}
    assert tree.budget.total() > 0 and any(measure.indicator_list for measure in tree.measures)


def test_hlucinsko_offers_its_plan_as_pdf_and_docx_on_the_public_page(demo, client):
    plan = Plan.objects.get(area__slug="hlucinsko")
    assert plan.published_pdf.is_public and plan.published_docx.is_public
    assert plan.published_pdf.versions.count() == 1  # loading the demo again replaced it, added no version
    html = client.get("/hlucinsko/plan/").content.decode()
    assert "Plán v PDF (k tisku)" in html and "Plán v DOCX (k úpravám)" in html


def test_hlucinsko_steering_group_seats_the_thirteen_municipal_offices(demo):
    steering = Group.objects.get(area__slug="hlucinsko", kind=Group.Kind.STEERING)
    offices = sorted(member.organisation.name for member in steering.members.select_related("organisation"))
    assert len(offices) == 13 and offices[0] == "Město Kravaře" and "Obec Bolatice" in offices
