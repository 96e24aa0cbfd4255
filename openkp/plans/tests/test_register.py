"""The plan's registers: risks with the probability × impact matrix, the implementation plan, the analytical
chapters and the area's funding sources — permissions, validation, frozen plans and flat query counts."""

import re
from datetime import date
from types import SimpleNamespace

import lxml.html
import pytest
from django.urls import reverse

from openkp.structures.models import GroupMember, TriadRole

from ..models import Activity, Chapter, FundingSource, Measure, Milestone, Plan, Risk
from ..selectors.implementation import implementation_plan
from ..services import register as services
from ..services.budget import funding_sources
from . import factories


@pytest.fixture
def setup(area, person_with_role, coordinator):
    """The small plan with priority 1 assigned to the seniors' group, whose manager is ``manager``."""
    seniors = factories.working_group(area)
    plan = factories.small_plan(area, group=seniors)
    manager = person_with_role(area, "group_manager", user__username="manazerka")
    GroupMember.objects.create(area=area, group=seniors, user=manager, name="Jana Horáková", triad_role=TriadRole.PROVIDER,
                               function=GroupMember.Function.MANAGER)
    measures = {measure.title: measure for measure in Measure.objects.filter(plan=plan)}
    return SimpleNamespace(plan=plan, seniors=seniors, manager=manager, coordinator=coordinator,
                           care=measures["Zachování pečovatelské služby"], catalogue=measures["Katalog sociálních služeb"])


def url(name, plan=None, **kwargs):
    if plan is not None:
        kwargs["pk"] = plan.pk
    return reverse(f"plans:{name}", kwargs={"area_slug": "mesto", **kwargs})


def page(response):
    """The HTML with Czech typography's non-breaking spaces as plain ones."""
    return response.content.decode().replace("\u00a0", " ")


def tree_of(response):
    return lxml.html.fromstring(page(response))


def select(element, selector):
    """Elements matching a simple CSS selector: descendants by spaces, each step ``tag.class[attr=value]``."""
    path = "."
    for step in selector.split():
        match = re.fullmatch(r"([a-z0-9]*)((?:\.[\w-]+)*)(?:\[(\w+)=([\w-]+)\])?", step)
        tag, classes, attribute, value = match.groups()
        conditions = [f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in classes.split(".")[1:]]
        if attribute:
            conditions.append(f"@{attribute}='{value}'")
        path += f"//{tag or '*'}" + "".join(f"[{condition}]" for condition in conditions)
    return element.xpath(path)


def text(element):
    return " ".join(element.text_content().split())


def risk(plan, title, probability, impact, *, measure=None, **fields):
    return Risk.objects.create(area=plan.area, plan=plan, measure=measure, title=title, probability=probability, impact=impact,
                               **fields)


def risk_data(**fields):
    data = {"measure": "", "title": "Nepodaří se získat dotaci", "description": "", "probability": "3", "impact": "4",
            "mitigation": "Podat žádost včas a hledat další zdroje.", "owner": "Odbor sociálních věcí", "status": "open"}
    data.update(fields)
    return data


def freeze(plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED, resolution_number="12/ZM/2025",
                                           resolution_date=date(2025, 1, 20))


FROZEN = "je ve stavu „schválen“ a nelze jej měnit"


# --- risks -------------------------------------------------------------------------------------------

def test_risk_is_created_and_out_of_scale_values_get_a_czech_message(client, setup):
    client.force_login(setup.coordinator)
    response = client.post(url("risk_create", setup.plan), risk_data(probability="7", impact=""))
    assert response.status_code == 200
    html = page(response)
    assert "Pravděpodobnost zadejte jako celé číslo od 1 do 5." in html
    assert "Dopad zadejte jako celé číslo od 1 do 5." in html
    assert not Risk.objects.exists()

    response = client.post(url("risk_create", setup.plan), risk_data(measure=str(setup.care.pk), probability="4", impact="5"))
    saved = Risk.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#riziko-{saved.pk}")
    assert (saved.measure, saved.score, saved.level, saved.area) == (setup.care, 20, "high", setup.plan.area)
    listing = page(client.get(url("risk_list", setup.plan)))
    assert "Opatření 1.1.1 Zachování pečovatelské služby" in listing
    assert "Nepodaří se získat dotaci" in listing and "Podat žádost včas" in listing


def test_risk_edit_rejects_a_zero_and_keeps_the_saved_values(client, setup):
    saved = risk(setup.plan, "Odchod pracovníků", 2, 3)
    client.force_login(setup.coordinator)
    response = client.post(url("risk_edit", setup.plan, risk_pk=saved.pk), risk_data(title="Odchod pracovníků", probability="0"))
    assert "Pravděpodobnost zadejte jako celé číslo od 1 do 5." in page(response)
    saved.refresh_from_db()
    assert saved.probability == 2
    response = client.post(url("risk_edit", setup.plan, risk_pk=saved.pk), risk_data(title="Odchod pracovníků", probability="5",
                                                                                       status="mitigated"))
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.probability, saved.impact, saved.status) == (5, 4, "mitigated")


def matrix_cells(response):
    """{(probability, impact): cell text} of the risk matrix."""
    table = select(tree_of(response), "table.okp-risk-matrix")[0]
    cells = {}
    for row in select(table, "tbody tr"):
        probability = int(text(select(row, "th")[0]))
        for impact, cell in enumerate(select(row, "td"), start=1):
            cells[(probability, impact)] = text(cell)
    return cells


def test_matrix_counts_risks_per_cell_with_the_level_as_text_and_links_filter_the_list(client, setup):
    for index in range(3):
        risk(setup.plan, f"Vysoké {index}", 4, 5, measure=setup.care)
    risk(setup.plan, "Drobnost", 1, 1)
    risk(setup.plan, "Střední věc", 3, 3, measure=setup.catalogue, status=Risk.Status.OCCURRED)
    client.force_login(setup.coordinator)
    response = client.get(url("risk_list", setup.plan))
    cells = matrix_cells(response)
    assert len(cells) == 25
    assert cells[(4, 5)] == "3 (vysoké)"
    assert cells[(1, 1)] == "1 (nízké)"
    assert cells[(3, 3)] == "1 (střední)"
    assert cells[(5, 5)] == "0 (vysoké)"
    assert sum(int(value.split()[0]) for value in cells.values()) == 5
    headers = [text(th) for th in select(tree_of(response), "table.okp-risk-matrix thead th")]
    assert headers[0].startswith("Dopad") and headers[1].startswith("Pravděpodobnost") and headers[2:] == ["1", "2", "3", "4", "5"]
    assert "vysoké riziko: skóre 15–25" in page(response)

    link = select(tree_of(response), "table.okp-risk-matrix a")
    targets = {anchor.get("href") for anchor in link}
    assert f"{url('risk_list', setup.plan)}?pravdepodobnost=4&dopad=5#rizika" in targets
    filtered = page(client.get(url("risk_list", setup.plan), {"pravdepodobnost": 4, "dopad": 5}))
    assert "Zobrazeno rizik: 3 z 5." in filtered and "Drobnost" not in filtered
    by_level = page(client.get(url("risk_list", setup.plan), {"uroven": "low"}))
    assert "Drobnost" in by_level and "Vysoké 0" not in by_level
    by_status = page(client.get(url("risk_list", setup.plan), {"stav": "occurred"}))
    assert "Střední věc" in by_status and "Drobnost" not in by_status
    plan_only = page(client.get(url("risk_list", setup.plan), {"opatreni": "plan"}))
    assert "Drobnost" in plan_only and "Vysoké 0" not in plan_only


def test_group_manager_edits_risks_of_their_measures_but_not_of_the_whole_plan(client, setup):
    own = risk(setup.plan, "Nedostatek pečovatelek", 3, 3, measure=setup.care)
    plan_level = risk(setup.plan, "Změna vedení města", 2, 4)
    others = risk(setup.plan, "Tiskárna nestihne termín", 2, 2, measure=setup.catalogue)
    client.force_login(setup.manager)

    listing = tree_of(client.get(url("risk_list", setup.plan)))
    edit_links = {anchor.get("href") for anchor in select(listing, "table.okp-risks a")}
    assert edit_links == {url("risk_edit", setup.plan, risk_pk=own.pk)}

    response = client.post(url("risk_edit", setup.plan, risk_pk=own.pk),
                           risk_data(measure=str(setup.care.pk), title="Nedostatek pečovatelek", probability="4"))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.probability == 4
    assert client.get(url("risk_edit", setup.plan, risk_pk=plan_level.pk)).status_code == 403
    assert client.post(url("risk_edit", setup.plan, risk_pk=others.pk), risk_data(measure=str(setup.catalogue.pk))).status_code == 403

    # The form offers only the group's measures and refuses a risk of the whole plan.
    form_page = tree_of(client.get(url("risk_create", setup.plan)))
    offered = {option.get("value") for option in select(form_page, "select[name=measure] option")}
    assert str(setup.care.pk) in offered and str(setup.catalogue.pk) not in offered
    response = client.post(url("risk_create", setup.plan), risk_data(measure=""))
    assert "Vyberte opatření. Rizika celého plánu zapisuje koordinátor." in page(response)
    response = client.post(url("risk_create", setup.plan), risk_data(measure=str(setup.catalogue.pk)))
    assert "Vyberte opatření ze seznamu." in page(response)
    assert Risk.objects.count() == 3


@pytest.mark.parametrize("role", ["member", "provider"])
def test_members_and_providers_read_the_register_but_cannot_write(client, setup, person_with_role, role):
    saved = risk(setup.plan, "Nedostatek pečovatelek", 3, 3, measure=setup.care)
    client.force_login(person_with_role(setup.plan.area, role))
    listing = client.get(url("risk_list", setup.plan))
    assert listing.status_code == 200
    assert "Nedostatek pečovatelek" in page(listing) and "Nové riziko" not in page(listing)
    assert client.get(url("risk_create", setup.plan)).status_code == 403
    assert client.post(url("risk_edit", setup.plan, risk_pk=saved.pk), risk_data()).status_code == 403
    assert client.post(url("risk_delete", setup.plan, risk_pk=saved.pk)).status_code == 403
    assert client.get(url("chapter_list", setup.plan)).status_code == 200  # chapters are read, not managed
    assert client.get(url("chapter_create", setup.plan)).status_code == 403
    assert client.get(url("funding_sources")).status_code == 403
    assert Risk.objects.get().title == "Nedostatek pečovatelek"


def test_another_areas_plan_is_not_found(client, setup, other_area, outsider):
    other_plan = factories.plan_factory(other_area)
    other_risk = risk(other_plan, "Cizí riziko", 1, 1)
    client.force_login(setup.coordinator)
    for name in ("risk_list", "risk_create", "implementation", "chapter_list", "chapter_create"):
        assert client.get(url(name, other_plan)).status_code == 404, name
    assert client.get(url("risk_edit", other_plan, risk_pk=other_risk.pk)).status_code == 404
    # A risk of another plan under this area's plan is not found either.
    assert client.get(url("risk_edit", setup.plan, risk_pk=other_risk.pk)).status_code == 404
    other_source = funding_sources(other_area)[0]
    assert client.get(url("funding_source_delete", source_pk=other_source.pk)).status_code == 404
    client.force_login(outsider)
    assert client.get(url("risk_list", setup.plan)).status_code == 404


def test_risk_is_deleted_after_confirmation(client, setup):
    saved = risk(setup.plan, "Odchod pracovníků", 2, 3)
    client.force_login(setup.coordinator)
    confirm = client.get(url("risk_delete", setup.plan, risk_pk=saved.pk))
    assert "Opravdu smazat riziko „Odchod pracovníků“?" in page(confirm)
    assert Risk.objects.exists()
    assert client.post(url("risk_delete", setup.plan, risk_pk=saved.pk)).status_code == 302
    assert not Risk.objects.exists()


def test_a_frozen_plan_refuses_risk_and_chapter_edits_with_a_message(client, setup):
    saved = risk(setup.plan, "Odchod pracovníků", 2, 3)
    chapter = services.chapter_save(Chapter(plan=setup.plan, title="Úvod", body="Text"))
    freeze(setup.plan)
    client.force_login(setup.coordinator)

    response = client.post(url("risk_create", setup.plan), risk_data(), follow=True)
    assert FROZEN in page(response) and response.redirect_chain[-1][0] == url("risk_list", setup.plan)
    response = client.post(url("risk_edit", setup.plan, risk_pk=saved.pk), risk_data(probability="5"), follow=True)
    assert FROZEN in page(response)
    saved.refresh_from_db()
    assert saved.probability == 2 and Risk.objects.count() == 1
    listing = page(client.get(url("risk_list", setup.plan)))
    assert FROZEN in listing and "Nové riziko" not in listing

    response = client.post(url("chapter_edit", setup.plan, chapter_pk=chapter.pk), {"title": "Jiný", "kind": "text", "body": ""},
                           follow=True)
    assert FROZEN in page(response)
    assert Chapter.objects.get().title == "Úvod"
    response = client.post(url("chapter_move", setup.plan, chapter_pk=chapter.pk), {"smer": "dolu"}, follow=True)
    assert FROZEN in page(response)
    assert client.post(url("chapter_delete", setup.plan, chapter_pk=chapter.pk)).status_code == 302
    assert Chapter.objects.exists()
    # The saved chapter can still be read.
    read_only = page(client.get(url("chapter_edit", setup.plan, chapter_pk=chapter.pk)))
    assert FROZEN in read_only and "<textarea" not in read_only and "Text" in read_only


# --- implementation plan -----------------------------------------------------------------------------

@pytest.fixture
def timed(setup):
    """Activity 2.1.1.1 runs in 2026 Q2–Q3 with a milestone in August; the others run all three years."""
    printing = Activity.objects.get(title="Tisk katalogu")
    Activity.objects.filter(pk=printing.pk).update(start_year=2026, start_quarter=2, end_year=2026, end_quarter=3,
                                                   responsible_party="Tiskárna města")
    Milestone.objects.create(area=setup.plan.area, plan=setup.plan, activity=printing, title="Katalog vytištěn", due=date(2026, 8, 15))
    return setup


def running(row):
    return [f"{cell.quarter.year}Q{cell.quarter.quarter}" for cell in row.cells if cell.running]


def test_implementation_rows_and_quarters_of_the_small_plan(timed):
    result = implementation_plan(timed.plan)
    rows = [row for section in result.priorities for goal in section.goals for measure in goal.measures for row in measure.rows]
    assert [row.activity.number for row in rows] == ["1.1.1.1", "1.1.1.2", "2.1.1.1"]
    assert len(result.quarters) == 12 and result.activity_count == 3
    assert running(rows[0]) == [f"{year}Q{quarter}" for year in (2025, 2026, 2027) for quarter in (1, 2, 3, 4)]
    assert running(rows[2]) == ["2026Q2", "2026Q3"]
    assert [(f"{c.quarter.year}Q{c.quarter.quarter}", [m.title for m in c.milestones]) for c in rows[2].cells if c.milestones] == [
        ("2026Q3", ["Katalog vytištěn"])]
    assert [row.responsible for row in rows] == ["Odbor sociálních věcí", "Odbor sociálních věcí", "Tiskárna města"]
    assert [m.number for m in result.measures_without_activities] == ["1.1.2", "1.2.1"]
    by_year = {plan.year: [(row.activity.number, row.quarters) for row in plan.rows] for plan in result.year_plans}
    assert by_year[2025] == [("1.1.1.1", "1.–4. čtvrtletí"), ("1.1.1.2", "1.–4. čtvrtletí")]
    assert by_year[2026][-1] == ("2.1.1.1", "2.–3. čtvrtletí")

    one_year = implementation_plan(timed.plan, year=2025)
    assert [q.year for q in one_year.quarters] == [2025] * 4 and one_year.activity_count == 2
    group_only = implementation_plan(timed.plan, group_id=timed.seniors.pk)
    assert group_only.activity_count == 2 and [g.name for g in group_only.groups] == ["Senioři"]


def test_implementation_page_shows_the_gantt_with_text_for_screen_readers(client, timed):
    client.force_login(timed.coordinator)
    response = client.get(url("implementation", timed.plan))
    assert response.status_code == 200
    gantt = select(tree_of(response), "table.okp-gantt")[0]
    assert [text(th) for th in select(gantt, "thead th.okp-gantt__year")] == ["2025", "2026", "2027"]
    first_quarter = select(gantt, "thead th.okp-gantt__quarter")[0]
    assert [(span.get("aria-hidden"), span.text) for span in first_quarter] == [("true", "Q1"), (None, "1. čtvrtletí 2025")]
    headings = [text(th) for th in select(gantt, "tbody th[scope=rowgroup]")]
    assert headings[:3] == ["Prioritní oblast 1: Senioři", "Cíl 1.1: Podpora života seniorů v domácím prostředí",
                            "Opatření 1.1.1: Zachování pečovatelské služby"]
    printing = next(row for row in select(gantt, "tbody tr") if "Tisk katalogu" in text(row))
    cells = select(printing, "td.okp-gantt__cell")
    assert [index for index, cell in enumerate(cells) if "is-running" in cell.get("class")] == [5, 6]
    spoken = ["".join(span.text for span in select(cell, "span.okp-visually-hidden")) for cell in cells[4:8]]
    assert spoken == ["", "probíhá", "probíhá; milník Katalog vytištěn, 15. 8. 2026", ""]
    assert [text(cell) for cell in cells[6:7]] == ["probíhá◆; milník Katalog vytištěn, 15. 8. 2026"]
    html = page(response)
    assert "Akční plán na rok 2026" in html and "@media print" not in html
    filtered = page(client.get(url("implementation", timed.plan), {"rok": 2025, "skupina": timed.seniors.pk}))
    assert "Akční plán na rok 2025" in filtered and "Akční plán na rok 2026" not in filtered and "Tisk katalogu" not in filtered


def grow(plan, count):
    """More goals, measures with activities and milestones, and risks under the plan's first priority."""
    first = plan.priorities.first()
    for index in range(count):
        goal = factories.goal(first, f"Cíl navíc {index}")
        for number in range(3):
            measure = factories.measure(goal, f"Opatření navíc {index}.{number}")
            activity = factories.activity(measure, "Aktivita navíc")
            Milestone.objects.create(area=plan.area, plan=plan, activity=activity, title="Milník", due=date(2026, 3, 1))
            risk(plan, "Riziko navíc", 2, 3, measure=measure)


@pytest.mark.parametrize("name", ["implementation", "risk_list"])
def test_pages_cost_the_same_number_of_queries_when_the_plan_grows(client, setup, django_assert_max_num_queries, name):
    client.force_login(setup.coordinator)
    client.get(url(name, setup.plan))  # sessions and caches warmed
    with django_assert_max_num_queries(20) as small:
        assert client.get(url(name, setup.plan)).status_code == 200
    grow(setup.plan, 5)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url(name, setup.plan))
    assert "Opatření navíc 4.2" in page(response)


# --- chapters ----------------------------------------------------------------------------------------

def chapter_titles(plan):
    return list(Chapter.objects.filter(plan=plan).order_by("position").values_list("position", "title"))


def test_chapters_are_created_at_the_end_and_move_up_and_down(client, setup):
    client.force_login(setup.coordinator)
    for title in ("Úvod", "Demografie", "Síť služeb"):
        response = client.post(url("chapter_create", setup.plan), {"title": title, "kind": "text", "body": ""})
        assert response.status_code == 302
    assert chapter_titles(setup.plan) == [(1, "Úvod"), (2, "Demografie"), (3, "Síť služeb")]
    last = Chapter.objects.get(title="Síť služeb")
    assert client.post(url("chapter_move", setup.plan, chapter_pk=last.pk), {"smer": "nahoru"}).status_code == 302
    assert chapter_titles(setup.plan) == [(1, "Úvod"), (2, "Síť služeb"), (3, "Demografie")]
    first = Chapter.objects.get(title="Úvod")
    client.post(url("chapter_move", setup.plan, chapter_pk=first.pk), {"smer": "nahoru"})
    assert chapter_titles(setup.plan)[0] == (1, "Úvod")
    client.post(url("chapter_move", setup.plan, chapter_pk=first.pk), {"smer": "dolu"})
    assert chapter_titles(setup.plan) == [(1, "Síť služeb"), (2, "Úvod"), (3, "Demografie")]
    assert client.get(url("chapter_move", setup.plan, chapter_pk=first.pk)).status_code == 405

    listing = tree_of(client.get(url("chapter_list", setup.plan)))
    assert [text(th) for th in select(listing, "table.okp-chapters tbody th")] == ["Síť služeb", "Úvod", "Demografie"]
    first_row_buttons = select(select(listing, "table.okp-chapters tbody tr")[0], "button")
    assert first_row_buttons[0].get("disabled") is not None and first_row_buttons[1].get("disabled") is None

    client.post(url("chapter_delete", setup.plan, chapter_pk=first.pk))
    assert chapter_titles(setup.plan) == [(1, "Síť služeb"), (2, "Demografie")]


def test_chapter_preview_renders_markdown_and_drops_scripts(client, setup):
    client.force_login(setup.coordinator)
    body = ("# Síť služeb\n\nText **tučně** a *kurzívou*, [odkaz](https://example.org) a [zlý](javascript:alert(1)).\n\n"
            "- první\n- druhá\n\n| Služba | Kapacita |\n|---|---:|\n| Domov | 120 |\n\n<script>alert('x')</script>\n"
            '<p onclick="alert(1)">klik</p>')
    client.post(url("chapter_create", setup.plan), {"title": "Síť služeb", "kind": "text", "body": body})
    chapter = Chapter.objects.get()
    preview = select(tree_of(client.get(url("chapter_edit", setup.plan, chapter_pk=chapter.pk))), ".okp-markdown")[0]
    html = lxml.html.tostring(preview, encoding="unicode")
    assert select(preview, "h2")[0].text == "Síť služeb"
    assert [li.text for li in select(preview, "li")] == ["první", "druhá"]
    assert select(preview, "strong")[0].text == "tučně" and select(preview, "em")[0].text == "kurzívou"
    assert [a.get("href") for a in select(preview, "a")] == ["https://example.org", None]
    assert [text(td) for td in select(preview, "td")] == ["Domov", "120"]
    assert "<script" not in html and "alert('x')" not in html and "onclick" not in html
    assert services.render_markdown("<script>alert(1)</script>ahoj") == "<p>ahoj</p>"


def test_generated_chapter_shows_its_generated_part(client, setup, monkeypatch):
    chapter = services.chapter_save(Chapter(plan=setup.plan, title="Přehled služeb", kind=Chapter.Kind.SERVICES, body="Úvod."))
    part = {"paragraphs": ["V území působí 2 služby."],
            "tables": [{"caption": "Služby podle druhu", "headers": ["Druh", "Počet"], "rows": [["pečovatelská služba", "2"]],
                        "numeric": [1]}]}
    monkeypatch.setattr("openkp.plans.views.register.generated_part", lambda given: part if given.pk == chapter.pk else None)
    client.force_login(setup.coordinator)
    response = tree_of(client.get(url("chapter_edit", setup.plan, chapter_pk=chapter.pk)))
    generated = select(response, ".okp-generated")[0]
    assert text(select(generated, "p")[0]) == "V území působí 2 služby."
    assert text(select(generated, "caption")[0]) == "Služby podle druhu"
    assert [cell.get("class") for cell in select(generated, "tbody tr")[0]] == [None, "okp-num"]


def test_only_the_coordinator_manages_chapters_the_others_read_them_whole(client, setup):
    Chapter.objects.create(area=setup.plan.area, plan=setup.plan, title="Úvod", kind=Chapter.Kind.TEXT, position=1,
                           body="Plán vznikl **ve spolupráci** pracovních skupin.")
    client.force_login(setup.manager)
    reading = client.get(url("chapter_list", setup.plan))
    assert reading.status_code == 200
    html = page(reading)
    assert "1. Úvod" in html and "<strong>ve spolupráci</strong>" in html
    assert "Nová kapitola" not in html and "Posunout kapitolu" not in html
    assert client.post(url("chapter_create", setup.plan), {"title": "X", "kind": "text"}).status_code == 403
    assert list(Chapter.objects.values_list("title", flat=True)) == ["Úvod"]


# --- funding sources ---------------------------------------------------------------------------------

def sources(area):
    return list(FundingSource.objects.filter(area=area).order_by("position").values_list("name", "is_active"))


def test_funding_sources_are_renamed_hidden_reordered_and_added(client, setup):
    area = setup.plan.area
    client.force_login(setup.coordinator)
    kraj = FundingSource.objects.get(area=area, code="kraj")
    response = client.post(url("funding_sources"), {"akce": "prejmenovat", "zdroj": kraj.pk, f"zdroj-{kraj.pk}-name": "Moravskoslezský kraj"})
    assert response.status_code == 302
    response = client.post(url("funding_sources"), {"akce": "prejmenovat", "zdroj": kraj.pk, f"zdroj-{kraj.pk}-name": "obec / město"})
    assert "Zdroj „obec / město“ už v seznamu je." in page(response)
    client.post(url("funding_sources"), {"akce": "skryt", "zdroj": kraj.pk})
    client.post(url("funding_sources"), {"akce": "nahoru", "zdroj": kraj.pk})
    assert sources(area)[:2] == [("Moravskoslezský kraj", False), ("obec / město", True)]
    response = client.post(url("funding_sources"), {"akce": "pridat", "novy-name": "Nadace ČEZ"}, follow=True)
    assert "Zdroj „Nadace ČEZ“ je přidán na konec seznamu." in page(response)
    added = FundingSource.objects.get(area=area, name="Nadace ČEZ")
    assert (added.code, added.position) == ("nadace-cez", 8)
    assert "Vyplňte název zdroje financování." in page(client.post(url("funding_sources"), {"akce": "pridat", "novy-name": ""}))
    # The hidden source is no longer offered for new amounts.
    assert "kraj" not in [source.code for source in funding_sources(area, include_inactive=False)]


def test_a_used_funding_source_cannot_be_deleted_only_hidden(client, setup):
    area = setup.plan.area
    client.force_login(setup.coordinator)
    obec = FundingSource.objects.get(area=area, code="obec")
    listing = page(client.get(url("funding_sources")))
    assert url("funding_source_delete", source_pk=obec.pk) not in listing
    refused = page(client.get(url("funding_source_delete", source_pk=obec.pk), follow=True))
    assert "proto jej nelze smazat" in refused and "Opravdu smazat" not in refused
    response = client.post(url("funding_source_delete", source_pk=obec.pk), follow=True)
    assert "Zdroj „obec / město“ už je použit v nákladech plánu (počet položek: 4), proto jej nelze smazat." in page(response)
    assert FundingSource.objects.filter(pk=obec.pk).exists()
    unused = FundingSource.objects.get(area=area, code="zp")
    assert url("funding_source_delete", source_pk=unused.pk) in listing
    assert client.post(url("funding_source_delete", source_pk=unused.pk)).status_code == 302
    assert not FundingSource.objects.filter(pk=unused.pk).exists()
    assert [position for position in FundingSource.objects.filter(area=area).order_by("position").values_list("position", flat=True)] == [
        1, 2, 3, 4, 5, 6]
