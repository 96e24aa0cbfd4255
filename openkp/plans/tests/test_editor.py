"""The plan editor over HTTP: the tree, item forms with bad input, moves by keyboard and drag and drop,
concurrent edits, the costs grid, indicators, status changes and comments."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from openkp.structures.models import GroupMember, TriadRole

from ..models import Activity, Comment, Cost, Goal, Indicator, Measure, Milestone, Plan
from ..selectors.tree import load_tree
from . import factories


@pytest.fixture
def seniors(area):
    return factories.working_group(area)


@pytest.fixture
def plan(area, seniors):
    return factories.small_plan(area, group=seniors)


@pytest.fixture
def manager(area, seniors, person_with_role):
    user = person_with_role(area, "group_manager", user__username="manazerka")
    GroupMember.objects.create(area=area, group=seniors, user=user, name="Jana Horáková", triad_role=TriadRole.PROVIDER,
                               function=GroupMember.Function.MANAGER)
    return user


def url(name, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"area_slug": plan.area.slug, "pk": plan.pk, **kwargs})


def item_url(name, item):
    level = {Measure: "opatreni", Goal: "cil", Activity: "aktivita"}.get(type(item), "priorita")
    return url(name, item.plan, level=level, item_pk=item.pk)


def measure_numbers(plan):
    return [(m.number, m.title) for m in load_tree(plan, details=False).measures]


def measure_post(measure, **changes):
    data = {
        "title": measure.title, "goal": measure.goal_id, "kind": measure.kind, "description": measure.description,
        "rationale": measure.rationale, "responsible_party": measure.responsible_party, "start_year": measure.start_year,
        "end_year": measure.end_year, "expected_outputs": "", "revision": measure.revision,
    }
    data.update(changes)
    return data


def test_tree_page_shows_numbers_money_and_impact_share(client, coordinator, plan):
    client.force_login(coordinator)
    response = client.get(url("detail", plan))
    html = response.content.decode()
    assert response.status_code == 200
    assert "1.1.1" in html and "Zachování pečovatelské služby" in html
    assert "1\xa0310\xa0001\xa0Kč" in html  # whole crowns on the page
    assert "25\xa0%" in html or "25 %" in html
    assert "Jen 1 z 4 opatření má indikátor sociálního dopadu" in html


def test_tree_page_keeps_a_constant_number_of_queries(client, coordinator, area, django_assert_max_num_queries):
    small = factories.small_plan(area)
    client.force_login(coordinator)
    client.get(url("detail", small))  # warm caches (funding sources, session)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as baseline:
        client.get(url("detail", small))
    priority = small.priorities.first()
    for index in range(4):
        goal = factories.goal(priority, f"Cíl {index}")
        for number in range(4):
            measure = factories.measure(goal, f"Opatření {number}")
            factories.activity(measure, "Aktivita")
            factories.indicator(measure, "Počet", kind=Indicator.Kind.IMPACT, targets={2025: 1})
            factories.cost(measure, 2025, "obec", "1000")
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        response = client.get(url("detail", small))
    assert response.content.decode().count("okp-plan-node--measure") == 20


MISSING_IMPACT = "Chybí indikátor sociálního dopadu"


def test_measure_card_warns_about_a_missing_impact_indicator_only_when_it_is_missing(django_app, coordinator, plan):
    with_impact = Measure.objects.get(title="Zachování pečovatelské služby")
    without_impact = Measure.objects.get(title="Rozšíření odlehčovacích služeb")
    factories.indicator(without_impact, "Počet lůžek")  # an output indicator alone does not say whether people are better off
    card = django_app.get(item_url("measure_detail", with_impact), user=coordinator)
    assert "Podíl klientů, kteří zůstali doma" in card.text
    assert MISSING_IMPACT not in card.text
    card = django_app.get(item_url("measure_detail", without_impact), user=coordinator)
    assert "Počet lůžek" in card.text
    assert MISSING_IMPACT in card.text
    # The same computed flag marks the measure in the plan's tree.
    tree = django_app.get(url("detail", plan), user=coordinator)
    assert tree.text.count("má indikátor dopadu") == 1


def test_measure_without_responsible_party_or_with_years_outside_the_plan_is_refused(client, coordinator, plan):
    measure = Measure.objects.get(title="Zachování pečovatelské služby")
    client.force_login(coordinator)
    response = client.post(item_url("item_edit", measure), measure_post(measure, responsible_party="", start_year=2024, end_year=2031))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Uveďte, kdo za opatření odpovídá." in html
    assert "Rok musí ležet v období plánu (2025–2027)." in html
    measure.refresh_from_db()
    assert measure.start_year == 2025


def test_new_measure_goes_last_under_its_goal(client, coordinator, plan):
    goal = Goal.objects.get(title="Podpora života seniorů v domácím prostředí")
    client.force_login(coordinator)
    response = client.post(url("item_create", plan, level="opatreni") + f"?nad={goal.pk}", {
        "title": "Sdílená péče", "goal": goal.pk, "kind": "new", "responsible_party": "Charita", "start_year": 2026, "end_year": 2027,
    })
    assert response.status_code == 302
    assert measure_numbers(plan)[2] == ("1.1.3", "Sdílená péče")


def test_moving_a_goal_to_another_priority_through_its_form_keeps_its_measures(client, coordinator, plan):
    goal = Goal.objects.get(title="Podpora života seniorů v domácím prostředí")
    other = plan.priorities.get(position=2)
    client.force_login(coordinator)
    response = client.post(item_url("item_edit", goal), {"title": goal.title, "priority": other.pk, "revision": goal.revision})
    assert response.status_code == 302
    assert measure_numbers(plan) == [
        ("1.1.1", "Nový domov se zvláštním režimem"),
        ("2.1.1", "Katalog sociálních služeb"),
        ("2.2.1", "Zachování pečovatelské služby"),
        ("2.2.2", "Rozšíření odlehčovacích služeb"),
    ]


def test_keyboard_move_with_htmx_returns_the_renumbered_tree_with_focus_kept(client, manager, plan):
    measure = Measure.objects.get(title="Zachování pečovatelské služby")
    client.force_login(manager)
    response = client.post(item_url("item_move", measure), {"smer": "dolu"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="plan-tree"')
    assert measure_numbers(plan)[:2] == [("1.1.1", "Rozšíření odlehčovacích služeb"), ("1.1.2", "Zachování pečovatelské služby")]
    focused = html[html.index("autofocus") - 300:html.index("autofocus")]
    # The measure is now the last one of its goal: the focus moves to its other button.
    assert "Posunout nahoru: 1.1.2 Zachování pečovatelské služby" in focused


def test_drag_and_drop_moves_to_a_position_and_without_js_redirects_to_the_item(client, coordinator, plan):
    measure = Measure.objects.get(title="Zachování pečovatelské služby")
    client.force_login(coordinator)
    response = client.post(item_url("item_move", measure), {"pozice": "5"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#polozka-{measure.uid}")
    assert [t for _n, t in measure_numbers(plan)][:2] == ["Rozšíření odlehčovacích služeb", "Zachování pečovatelské služby"]


def test_second_editor_of_the_same_measure_gets_a_conflict_showing_both_changes(client, coordinator, manager, plan):
    measure = Measure.objects.get(title="Zachování pečovatelské služby")
    stale = measure_post(measure)
    client.force_login(coordinator)
    assert client.post(item_url("item_edit", measure), {**stale, "title": "Zachování a rozvoj pečovatelské služby"}).status_code == 302
    client.force_login(manager)
    response = client.post(item_url("item_edit", measure), {**stale, "title": "Pečovatelská služba pro celé město"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mezitím tuto položku uložil někdo jiný." in html
    assert "Zachování a rozvoj pečovatelské služby" in html and "Pečovatelská služba pro celé město" in html
    measure.refresh_from_db()
    assert measure.title == "Zachování a rozvoj pečovatelské služby"
    # The form now carries the new revision: saving again is a deliberate overwrite.
    response = client.post(item_url("item_edit", measure), {**stale, "title": "Pečovatelská služba pro celé město",
                                                             "revision": measure.revision})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Pečovatelská služba pro celé město"


def test_costs_grid_saves_czech_amounts_and_refuses_negative_or_text(client, coordinator, plan):
    measure = Measure.objects.get(title="Rozšíření odlehčovacích služeb")
    activity = factories.activity(measure, "Nové lůžko")
    sources = {s.code: s for s in load_tree(plan).sources}
    client.force_login(coordinator)
    page = client.get(url("measure_costs", plan, item_pk=measure.pk))
    assert page.status_code == 200
    bad = client.post(url("measure_costs", plan, item_pk=measure.pk), {
        f"c-m-2025-{sources['obec'].pk}": "-5", f"c-m-2026-{sources['kraj'].pk}": "hodně", f"c-m-2027-{sources['eu'].pk}": "1 000 000",
    })
    html = bad.content.decode()
    assert "Částka nemůže být záporná." in html
    assert "„hodně“ není částka." in html
    assert Cost.objects.filter(measure=measure).count() == 1  # nothing saved from a refused form
    good = client.post(url("measure_costs", plan, item_pk=measure.pk), {
        f"c-m-2025-{sources['obec'].pk}": "1 250 000,50", f"c-m-2027-{sources['eu'].pk}": "",
        f"c-a{activity.pk}-2026-{sources['mpsv'].pk}": "80000",
    })
    assert good.status_code == 302
    rows = {(c.activity_id, c.year, c.source.code): c.amount for c in Cost.objects.filter(measure=measure).select_related("source")}
    assert rows == {(None, 2025, "obec"): Decimal("1250000.50"), (activity.pk, 2026, "mpsv"): Decimal("80000")}
    assert load_tree(plan).budget.total("measure", measure.pk) == Decimal("1330000.50")


def test_costs_grid_with_a_wrong_amount_shows_a_summary_linking_to_the_cell_and_keeps_what_was_typed(django_app, coordinator, plan):
    measure = Measure.objects.get(title="Rozšíření odlehčovacích služeb")
    activity = factories.activity(measure, "Nové lůžko")
    sources = {s.code: s for s in load_tree(plan).sources}
    page = django_app.get(url("measure_costs", plan, item_pk=measure.pk), user=coordinator)
    assert page.html.find(id="chyby") is None
    form = page.forms["naklady-formular"]
    wrong, negative = f"c-a{activity.pk}-2026-{sources['kraj'].pk}", f"c-m-2025-{sources['obec'].pk}"
    good = f"c-m-2026-{sources['obec'].pk}"
    form[wrong] = "hodně"
    form[negative] = "-5"
    form[good] = "250 000"
    page = form.submit()
    assert page.status_code == 200 and page.html.title.get_text().startswith("Chyba:")

    summary = page.html.find(id="chyby")
    assert summary["role"] == "alert" and "Náklady nejsou uloženy" in summary.get_text()
    links = [(link["href"], " ".join(link.get_text().split())) for link in summary.find_all("a")]
    assert links == [
        (f"#id_{negative}", f"Opatření · {sources['obec'].name} 2025: Částka nemůže být záporná."),
        (f"#id_{wrong}", f"Aktivita {activity.number} · {sources['kraj'].name} 2026: „hodně“ není částka. "
                         "Zadejte číslo v korunách, např. 150 000 nebo 1 250,50."),
    ]
    for name in (wrong, negative):
        cell = page.html.find(id=f"id_{name}")
        assert cell["aria-invalid"] == "true"
        message = page.html.find(id=cell["aria-describedby"])
        assert message.find_parent("td")["colspan"] == str(len(sources) + 1)  # a row of its own, below the cell's row
    assert not page.html.select("td.okp-num .okp-error, td.okp-num li")  # no message inside a grid cell
    # Everything typed is still there, the wrong values included, and nothing was saved.
    form = page.forms["naklady-formular"]
    assert (form[wrong].value, form[negative].value, form[good].value) == ("hodně", "-5", "250 000")
    assert Cost.objects.filter(measure=measure).count() == 1
    form[wrong], form[negative] = "80 000", ""
    form.submit().follow()
    assert {(c.activity_id, c.year, c.source.code): c.amount for c in Cost.objects.filter(measure=measure)} == {
        (None, 2026, "obec"): Decimal("250000"), (activity.pk, 2026, "kraj"): Decimal("80000"), (None, 2027, "eu"): Decimal("1000000")}


def test_second_editor_of_the_same_costs_gets_a_conflict_showing_both_amounts(client, coordinator, manager, plan):
    measure = Measure.objects.get(title="Zachování pečovatelské služby")
    sources = {s.code: s for s in load_tree(plan).sources}
    cell = f"c-m-2026-{sources['kraj'].pk}"
    client.force_login(coordinator)
    grid = client.get(url("measure_costs", plan, item_pk=measure.pk))
    loaded = grid.context["form"]["loaded"].value()
    assert f'name="loaded" value="{loaded}"' in grid.content.decode()  # the page carries what it was loaded with
    assert client.post(url("measure_costs", plan, item_pk=measure.pk), {"loaded": loaded, cell: "200 000"}).status_code == 302
    client.force_login(manager)
    response = client.post(url("measure_costs", plan, item_pk=measure.pk), {"loaded": loaded, cell: "350 000"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mezitím náklady tohoto opatření uložil někdo jiný." in html
    assert f"Opatření · {sources['kraj'].name} 2026" in html
    assert "200 000" in html and 'value="350 000"' in html  # theirs in the table, yours still in the form
    assert Cost.objects.get(measure=measure, year=2026, source=sources["kraj"]).amount == Decimal("200000")
    again = client.post(url("measure_costs", plan, item_pk=measure.pk), {"loaded": response.context["form"]["loaded"].value(),
                                                                            cell: "350 000"})
    assert again.status_code == 302  # the form took the new fingerprint: saving again overwrites deliberately
    assert Cost.objects.get(measure=measure, year=2026, source=sources["kraj"]).amount == Decimal("350000")


def test_second_editor_of_the_same_indicator_gets_a_conflict(client, coordinator, manager, plan):
    measure = Measure.objects.get(title="Zachování pečovatelské služby")
    indicator = measure.indicators.get(kind=Indicator.Kind.IMPACT)
    edit = url("indicator_edit", plan, item_pk=measure.pk, indicator_pk=indicator.pk)
    client.force_login(coordinator)
    form = client.get(edit).context["form"]
    stale = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    assert client.post(edit, {**stale, "unit": "klienti za rok"}).status_code == 302
    client.force_login(manager)
    response = client.post(edit, {**stale, "unit": "osoby"})
    html = response.content.decode()
    assert "Mezitím tento indikátor uložil někdo jiný." in html
    assert "klienti za rok" in html and 'value="osoby"' in html
    indicator.refresh_from_db()
    assert indicator.unit == "klienti za rok"


def test_indicator_needs_a_kind_unit_target_and_a_year_for_its_baseline(client, coordinator, plan):
    measure = Measure.objects.get(title="Rozšíření odlehčovacích služeb")
    client.force_login(coordinator)
    response = client.post(url("indicator_create", plan, item_pk=measure.pk), {"name": "Počet pečujících", "baseline_value": "10"})
    html = response.content.decode()
    assert "Uveďte, ke kterému roku výchozí hodnota platí." in html
    assert "Zadejte cílovou hodnotu alespoň pro jeden rok plánu." in html
    response = client.post(url("indicator_create", plan, item_pk=measure.pk), {
        "kind": "impact", "name": "Pečující, kteří nemuseli opustit zaměstnání", "unit": "osoby", "polarity": "higher",
        "baseline_value": "10", "baseline_year": "2024", "target_2026": "25", "target_2027": "40",
    })
    assert response.status_code == 302
    indicator = measure.indicators.get(kind=Indicator.Kind.IMPACT)
    assert {t.year: t.value for t in indicator.targets.all()} == {2026: Decimal("25"), 2027: Decimal("40")}
    assert load_tree(plan).impact_share() == 50


def test_approval_needs_a_resolution_and_in_force_closes_the_previous_plan(client, coordinator, plan, area):
    earlier = factories.plan_factory(area, title="Předchozí plán", start_year=2021, end_year=2024, status=Plan.Status.IN_FORCE,
                                     resolution_number="1/ZM/2020", resolution_date="2020-12-10")
    client.force_login(coordinator)
    response = client.post(url("status", plan), {"status": "approved"})
    assert "Schválený plán potřebuje číslo a datum usnesení." in response.content.decode()
    no_date = client.post(url("status", plan), {"status": "approved", "resolution_number": "2760/ZM2226/34"})
    assert list(no_date.context["form"].errors) == ["resolution_date"]  # the message stands at the missing field
    assert client.post(url("status", plan), {"status": "approved", "resolution_number": "2760/ZM2226/34",
                                             "resolution_date": "2024-12-11"}).status_code == 302
    back = client.post(url("status", plan), {"status": "draft"})  # approved is frozen: changes go to a new draft
    assert "nelze převést do stavu „návrh“" in back.content.decode()
    assert client.post(url("status", plan), {"status": "in_force"}).status_code == 302
    earlier.refresh_from_db()
    plan.refresh_from_db()
    assert (plan.status, earlier.status) == (Plan.Status.IN_FORCE, Plan.Status.CLOSED)
    measure = Measure.objects.get(title="Zachování pečovatelské služby")
    response = client.post(item_url("item_edit", measure), measure_post(measure, title="Změna"), follow=True)
    assert "nelze měnit" in response.content.decode()
    measure.refresh_from_db()
    assert measure.title == "Zachování pečovatelské služby"


def test_comments_on_a_measure_are_shown_and_resolved(client, area, plan, person_with_role):
    member = person_with_role(area, "member")
    measure = Measure.objects.get(title="Zachování pečovatelské služby")
    client.force_login(member)
    response = client.post(url("comment_add", plan), {"body": "Chybí nám tu kapacita na Jihu.", "target": str(measure.uid)})
    assert response.status_code == 302
    page = client.get(item_url("measure_detail", measure)).content.decode()
    assert "Chybí nám tu kapacita na Jihu." in page
    comment = Comment.objects.get()
    response = client.post(url("comment_resolve", plan, comment_pk=comment.pk), {"next": "//evil.example/"})
    assert response["Location"] == plan.get_absolute_url()  # never off the site
    comment.refresh_from_db()
    assert comment.is_resolved
    for bad in ("/\\evil.example", "https://evil.example/", " //evil.example"):
        response = client.post(url("comment_resolve", plan, comment_pk=comment.pk), {"next": bad})
        assert response["Location"] == plan.get_absolute_url()
    back = item_url("measure_detail", measure) + "#komentare"
    assert client.post(url("comment_resolve", plan, comment_pk=comment.pk), {"next": back})["Location"] == back


def test_measure_card_links_to_its_needs_and_the_need_knows_its_measures(client, coordinator, plan, area):
    from openkp.needs.models import Gap, Need

    need = Need.objects.create(area=area, title="Nedostatek terénní péče o víkendech")
    measure = Measure.objects.get(title="Zachování pečovatelské služby")
    measure.needs.add(need)
    client.force_login(coordinator)
    card = client.get(item_url("measure_detail", measure)).content.decode()
    assert reverse("needs:need_detail", kwargs={"area_slug": area.slug, "pk": need.pk}) in card
    need_page = client.get(reverse("needs:need_detail", kwargs={"area_slug": area.slug, "pk": need.pk})).content.decode()
    assert "Opatření komunitního plánu" in need_page
    assert item_url("measure_detail", measure) in need_page and "1.1.1 Zachování pečovatelské služby" in need_page
    # A measure that answers only a gap of the need is listed there too, with the gap.
    gap = Gap.objects.create(area=area, need=need, title="Chybí víkendová odlehčovací služba")
    other = Measure.objects.get(title="Rozšíření odlehčovacích služeb")
    other.gaps.add(gap)
    need_page = client.get(reverse("needs:need_detail", kwargs={"area_slug": area.slug, "pk": need.pk})).content.decode()
    assert item_url("measure_detail", other) in need_page and "řeší mezeru: Chybí víkendová odlehčovací služba" in need_page


def test_costs_outside_the_years_of_the_measure_are_refused_on_the_field(client, coordinator, plan):
    measure = Measure.objects.get(title="Rozšíření odlehčovacích služeb")
    Measure.objects.filter(pk=measure.pk).update(start_year=2026)
    sources = {s.code: s for s in load_tree(plan).sources}
    client.force_login(coordinator)
    response = client.post(url("measure_costs", plan, item_pk=measure.pk), {
        f"c-m-2025-{sources['obec'].pk}": "5000", f"c-m-2027-{sources['eu'].pk}": "1 000 000"})
    assert "Opatření probíhá v letech 2026–2027; na rok 2025 náklady plánovat nelze." in response.content.decode()
    # Shortening the measure would leave its 2027 costs outside: refused on the field.
    measure.refresh_from_db()
    response = client.post(item_url("item_edit", measure), measure_post(measure, end_year=2026))
    assert "Opatření má náklady i na roky 2027." in response.content.decode()


def milestone_post(*rows, existing=()):
    """The milestones formset: ``existing`` (milestone, changes) first, then new ``rows`` (title, due)."""
    data = {"milniky-TOTAL_FORMS": str(len(existing) + len(rows)), "milniky-INITIAL_FORMS": str(len(existing))}
    for index, (milestone, changes) in enumerate(existing):
        data.update({f"milniky-{index}-id": milestone.pk, f"milniky-{index}-title": milestone.title,
                     f"milniky-{index}-due": milestone.due.isoformat()})
        data.update({f"milniky-{index}-{name}": value for name, value in changes.items()})
    for index, (title, due) in enumerate(rows, start=len(existing)):
        data.update({f"milniky-{index}-title": title, f"milniky-{index}-due": due})
    return data


def test_milestones_of_an_activity_are_added_ticked_off_and_deleted(client, manager, plan):
    measure = Measure.objects.get(title="Zachování pečovatelské služby")
    activity = factories.activity(measure, "Výběr nového poskytovatele", start_year=2026, end_year=2026)
    page = url("activity_milestones", plan, item_pk=activity.pk)
    client.force_login(manager)
    assert f'href="{page}"' in client.get(item_url("measure_detail", measure)).content.decode()
    wrong = client.post(page, milestone_post(("Vyhlášení výběrového řízení", "2027-03-31")))
    assert "Aktivita probíhá v letech 2026–2026; termín milníku musí ležet v nich." in wrong.content.decode()
    assert not Milestone.objects.filter(activity=activity).exists()
    assert client.post(page, milestone_post(("Vyhlášení výběrového řízení", "2026-03-31"), ("Smlouva podepsána", "2026-09-30"),
                                            ("", ""))).status_code == 302  # an empty row adds nothing
    first, second = Milestone.objects.filter(activity=activity).order_by("due")
    assert (first.title, first.plan_id, first.area_id) == ("Vyhlášení výběrového řízení", plan.pk, plan.area_id)
    client.post(page, milestone_post(existing=[(first, {"is_done": "on"}), (second, {"DELETE": "on"})]))
    assert [(m.title, m.is_done) for m in Milestone.objects.filter(activity=activity)] == [("Vyhlášení výběrového řízení", True)]
    card = client.get(item_url("measure_detail", measure)).content.decode()
    assert "Vyhlášení výběrového řízení (splněno)" in card


def test_milestones_of_another_groups_activity_are_out_of_reach(client, manager, plan):
    measure = Measure.objects.get(title="Katalog sociálních služeb")
    activity = factories.activity(measure, "Tisk katalogu")
    client.force_login(manager)
    assert client.get(url("activity_milestones", plan, item_pk=activity.pk)).status_code == 403
    assert client.post(url("activity_milestones", plan, item_pk=activity.pk), milestone_post(("Tisk", "2026-05-01"))).status_code == 403
    assert not Milestone.objects.exists()


def test_measure_history_shows_its_costs_indicators_and_milestones(client, coordinator, plan):
    measure = Measure.objects.get(title="Zachování pečovatelské služby")
    sources = {s.code: s for s in load_tree(plan).sources}
    cell = f"c-m-2026-{sources['kraj'].pk}"
    client.force_login(coordinator)
    client.post(url("measure_costs", plan, item_pk=measure.pk), {cell: "200 000"})
    client.post(url("measure_costs", plan, item_pk=measure.pk), {cell: "250 000,50"})
    activity = factories.activity(measure, "Výběr poskytovatele")
    client.post(url("activity_milestones", plan, item_pk=activity.pk), milestone_post(("Smlouva podepsána", "2026-09-30")))
    history = client.get(reverse("core:history", kwargs={"area_slug": plan.area.slug, "model": "measure", "pk": measure.pk}))
    html = history.content.decode()
    assert f"Náklady: {sources['kraj'].name} 2026</strong>: změněno" in html
    assert "<del>200\xa0000</del>" in html and "<ins>250\xa0000,50</ins>" in html
    assert "Milník „Smlouva podepsána“</strong>: vytvořeno" in html
    assert str(coordinator) in html  # who did it


def test_members_discuss_goals_and_activities_too(client, area, plan, person_with_role):
    member = person_with_role(area, "member")
    goal = Goal.objects.get(plan=plan, priority__position=1, position=1)
    discussion = url("item_comments", plan, uid=goal.uid)
    client.force_login(member)
    tree = client.get(url("detail", plan)).content.decode()
    assert f'href="{discussion}#komentare"' in tree  # every item of the tree leads to its discussion
    assert client.get(item_url("item_edit", goal)).status_code == 403  # a member does not edit …
    response = client.post(url("comment_add", plan), {"body": "Chybí nám tu cíl pro pečující.", "target": str(goal.uid)})
    assert response["Location"] == discussion + "#komentare"  # … but comments, and comes back to the discussion
    page = client.get(discussion).content.decode()
    assert "Chybí nám tu cíl pro pečující." in page and goal.title in page
    assert "1 komentář" in client.get(url("detail", plan)).content.decode()
    activity = factories.activity(Measure.objects.get(title="Zachování pečovatelské služby"), "Nábor pečovatelek")
    client.post(url("comment_add", plan), {"body": "Kdo nábor zaplatí?", "target": str(activity.uid)})
    tree = client.get(url("detail", plan)).content.decode()
    assert f'href="{url("item_comments", plan, uid=activity.uid)}#komentare">1 komentář' in tree
    measure = Measure.objects.get(title="Zachování pečovatelské služby")  # a measure's discussion is on its card
    assert client.get(url("item_comments", plan, uid=measure.uid))["Location"] == item_url("measure_detail", measure) + "#komentare"


def activity_post(activity, **changes):
    return {"title": activity.title, "description": "", "responsible_party": "", "start_year": activity.start_year,
            "start_quarter": 1, "end_year": activity.end_year, "end_quarter": 4, "revision": activity.revision, **changes}


def test_years_stay_inside_the_measure_and_around_the_planned_costs(client, coordinator, plan):
    measure = Measure.objects.get(title="Zachování pečovatelské služby")  # 2025–2027, costs in every year
    Measure.objects.filter(pk=measure.pk).update(start_year=2026)
    measure.refresh_from_db()
    activity = factories.activity(measure, "Nábor pečovatelek")
    client.force_login(coordinator)
    response = client.post(item_url("item_edit", activity), activity_post(activity, start_year=2025))
    assert response.context["form"].errors["start_year"] == ["Opatření 1.1.1 probíhá v letech 2026–2027; aktivita musí ležet v nich."]
    factories.cost(measure, 2027, "obec", "50000", activity_=activity)
    response = client.post(item_url("item_edit", activity), activity_post(activity, end_year=2026))
    assert response.context["form"].errors["end_year"] == [
        "Aktivita má náklady i na roky 2027. Nejprve je v nákladech odstraňte, nebo období ponechte."]
    Cost.objects.filter(measure=measure).exclude(year=2026).delete()
    response = client.post(item_url("item_edit", measure), measure_post(measure, end_year=2026))  # the activity runs in 2027
    assert response.context["form"].errors["end_year"] == [
        "Aktivity opatření probíhají i v letech 2025, 2027. Nejprve upravte jejich roky, nebo období ponechte."]
    Milestone.objects.create(area=plan.area, plan=plan, activity=activity, title="Vyhodnocení náboru", due="2027-05-31")
    response = client.post(item_url("item_edit", activity), activity_post(activity, end_year=2026))
    assert response.context["form"].errors["end_year"] == [
        "Aktivita má milníky v letech 2027. Nejprve upravte jejich termíny, nebo období ponechte."]
    activity.refresh_from_db()
    measure.refresh_from_db()
    assert (activity.end_year, measure.end_year) == (2027, 2027)  # nothing saved


def test_the_period_is_not_shortened_under_items_money_or_milestones(client, coordinator, plan):
    client.force_login(coordinator)
    data = {"title": plan.title, "start_year": 2025, "end_year": 2026, "summary": ""}
    response = client.post(url("edit", plan), data)
    assert "Období nelze zkrátit:" in response.content.decode() and "leží mimo nové roky" in response.content.decode()
    Cost.objects.filter(plan=plan, year=2027).delete()
    Measure.objects.filter(plan=plan).update(end_year=2026)
    Activity.objects.filter(plan=plan).update(end_year=2026)
    activity = Activity.objects.filter(plan=plan).first()
    Milestone.objects.create(area=plan.area, plan=plan, activity=activity, title="Hodnocení", due="2027-06-30")
    assert "Období nelze zkrátit: 1 " in client.post(url("edit", plan), data).content.decode()  # the milestone
    Milestone.objects.all().delete()
    assert client.post(url("edit", plan), data).status_code == 302
    plan.refresh_from_db()
    assert plan.end_year == 2026


def test_financial_analysis_page_sums_by_area_goal_source_and_kind(client, area, plan, person_with_role, django_assert_max_num_queries):
    client.force_login(person_with_role(area, "member"))  # everyone who reads the plan
    with django_assert_max_num_queries(26):
        response = client.get(url("budget", plan))
    html = response.content.decode()
    assert response.status_code == 200 and "Finanční analýza" in html
    rows = {m.group(1): m.group(2) for m in re.finditer(r'<th scope="row">([^<]+)</th>(.*?)</tr>', html, re.S)}
    priority = next(label for label in rows if label.startswith("1 "))
    assert rows[priority].count("Kč") == 4 and "1\xa0300\xa0000\xa0Kč</td></tr>" in rows[priority] + "</tr>"
    assert "10\xa0001\xa0Kč" in rows[next(label for label in rows if label.startswith("2 "))]  # 10 000,75 in whole crowns
    assert "110\xa0001\xa0Kč" in rows["obec / město"]
    assert any(label.startswith("zachování služby (") for label in rows)
    assert html.count("1\xa0310\xa0001\xa0Kč") == 4  # the intro and the same grand total under each of the three tables
