"""Named versions, the diff of two versions, new drafts of an approved plan, and their staff pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openkp.accounts.tests.factories import UserFactory
from openkp.catalog.models import TargetGroup
from openkp.core.tests.factories import OrganisationFactory

from ..models import (
    Activity,
    Chapter,
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
from ..selectors.tree import load_tree
from ..services import hierarchy
from ..services.snapshot import snapshot, snapshot_budget
from ..services.versions import create_version, current_as_version, diff, diff_versions, new_draft
from . import factories


@pytest.fixture
def plan(area):
    return factories.small_plan(area)


def measure_named(title, plan=None):
    queryset = Measure.objects.select_related("plan", "goal__priority")
    return queryset.get(title=title, **({"plan": plan} if plan else {}))


def approve(plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED, resolution_number="123/ZM/2025",
                                           resolution_date=date(2025, 1, 20))
    plan.refresh_from_db()
    return plan


def edit(plan):
    """Edits of the small plan after version “v1”; the expected diff is spelled out in the test below."""
    renamed = measure_named("Rozšíření odlehčovacích služeb")
    renamed.title = "Rozšíření odlehčovacích a respitních služeb"
    hierarchy.save_checked(renamed, revision=renamed.revision)
    new = factories.measure(Goal.objects.get(title="Informovanost o službách"), "Nová poradna pro pečující")
    factories.cost(new, 2026, "kraj", "5000")
    hierarchy.delete(Activity.objects.select_related("plan").get(title="Kampaň pro pečující"))
    home = measure_named("Nový domov se zvláštním režimem")
    hierarchy.move(home, parent=Goal.objects.get(title="Podpora života seniorů v domácím prostředí"), position=1)
    Cost.objects.filter(measure__title="Zachování pečovatelské služby", activity=None, year=2025, source__code="obec").update(
        amount=Decimal("90000"))
    IndicatorTarget.objects.filter(indicator__name="Počet klientů pečovatelské služby", year=2026).update(value=Decimal("330"))


# --- versions and the diff -----------------------------------------------------------------------

def test_a_version_freezes_the_plan_and_names_are_unique_per_plan(plan, coordinator):
    version = create_version(plan=plan, name=" návrh pro připomínkování ", user=coordinator, note="před jednáním řídicí skupiny")
    assert version.name == "návrh pro připomínkování" and version.created_by == coordinator
    edit(plan)
    version.refresh_from_db()
    assert snapshot_budget(version.snapshot).total() == Decimal("1310000.75")
    assert snapshot_budget(snapshot(plan)).total() == Decimal("1305000.75")
    with pytest.raises(ValidationError) as raised:
        create_version(plan=plan, name="návrh pro připomínkování", user=coordinator)
    assert raised.value.message_dict["name"] == ["Verze s názvem „návrh pro připomínkování“ u tohoto plánu už je. Zvolte jiný název."]
    other = factories.plan_factory(plan.area, title="Jiný plán")
    assert create_version(plan=other, name="návrh pro připomínkování", user=coordinator).pk


def test_diff_lists_added_removed_changed_and_moved_items_and_money(plan, coordinator):
    before = create_version(plan=plan, name="v1", user=coordinator)
    edit(plan)
    result = diff_versions(before, current_as_version(plan))
    assert result.old_name == "v1" and result.new_name == "aktuální stav plánu"

    assert [(i.kind, i.title, i.new_number) for i in result.added] == [("measure", "Nová poradna pro pečující", "2.1.2")]
    assert [(i.kind, i.title, i.old_number) for i in result.removed] == [("activity", "Kampaň pro pečující", "1.1.1.2")]
    renamed = next(i for i in result.changed if i.kind == "measure")
    assert [(f.label, f.old, f.new) for f in renamed.fields] == [
        ("název", "Rozšíření odlehčovacích služeb", "Rozšíření odlehčovacích a respitních služeb")]
    assert (renamed.old_number, renamed.new_number, renamed.moved) == ("1.1.2", "1.1.3", True)
    assert [code for code, _label in renamed.statuses] == ["changed", "moved"]
    target = next(i for i in result.changed if i.kind == "indicator")
    assert target.context == "opatření 1.1.2"
    assert [(f.label, f.old, f.new) for f in target.fields] == [("cílová hodnota 2026", "320", "330")]
    moved = {(i.kind, i.old_number, i.new_number) for i in result.moved}
    assert moved == {("measure", "1.2.1", "1.1.1"), ("measure", "1.1.1", "1.1.2"), ("measure", "1.1.2", "1.1.3"),
                     ("activity", "1.1.1.1", "1.1.2.1")}
    home = next(i for i in result.moved if i.title == "Nový domov se zvláštním režimem")
    assert home.new_parent == "1.1 Podpora života seniorů v domácím prostředí" and not home.fields
    assert [heading for _kind, heading, _items in result.sections] == ["Opatření", "Aktivity", "Indikátory"]

    cells = [(c.number, c.title, cell.year, cell.source, cell.old, cell.new) for c in result.cost_changes for cell in c.cells]
    assert cells == [
        ("1.1.2", "Zachování pečovatelské služby", 2025, "obec", Decimal("100000"), Decimal("90000")),
        ("2.1.2", "Nová poradna pro pečující", 2026, "kraj", Decimal("0"), Decimal("5000")),
    ]
    totals = [(t.level, t.number, t.old, t.new, t.difference) for t in result.totals]
    assert totals == [
        ("priority", "1", Decimal("1300000"), Decimal("1290000"), Decimal("-10000")),
        ("measure", "1.1.2", Decimal("300000"), Decimal("290000"), Decimal("-10000")),
        ("priority", "2", Decimal("10000.75"), Decimal("15000.75"), Decimal("5000")),
        ("measure", "2.1.2", Decimal("0"), Decimal("5000"), Decimal("5000")),
    ]
    assert (result.plan_total.old, result.plan_total.new) == (Decimal("1310000.75"), Decimal("1305000.75"))
    assert result.plan_total.difference_text == "−5\u00a0000\u00a0Kč"
    assert [(t.title, t.difference) for t in result.year_totals] == [
        ("2025", Decimal("-10000")), ("2026", Decimal("5000")), ("2027", Decimal("0"))]


def test_diff_of_a_plan_with_itself_is_empty_and_reversing_swaps_added_and_removed(plan):
    data = snapshot(plan)
    assert diff(data, data).is_empty
    smaller = snapshot(plan)
    smaller["priorities"][1]["goals"][0]["measures"] = []
    result = diff(data, smaller)
    assert [(i.kind, i.title) for i in result.removed] == [
        ("measure", "Katalog sociálních služeb"), ("activity", "Tisk katalogu")]
    assert result.plan_total.difference == Decimal("-10000.75")
    assert [(i.kind, i.title) for i in diff(smaller, data).added] == [
        ("measure", "Katalog sociálních služeb"), ("activity", "Tisk katalogu")]


def test_diff_reports_chapters_risks_and_indicator_fields(plan):
    Chapter.objects.create(area=plan.area, plan=plan, position=1, title="Úvod", body="Plán vznikl v roce 2024.")
    measure = measure_named("Zachování pečovatelské služby")
    risk = Risk.objects.create(area=plan.area, plan=plan, measure=measure, title="Nedostatek pečovatelek", probability=3, impact=4)
    before = snapshot(plan)
    Chapter.objects.filter(plan=plan).update(body="Plán vznikl v letech 2024 a 2025.", kind=Chapter.Kind.SERVICES)
    Risk.objects.filter(pk=risk.pk).update(probability=4)
    Indicator.objects.filter(name="Počet klientů pečovatelské služby").update(unit="klienti", baseline_value=Decimal("280.5"))
    result = diff(before, snapshot(plan))
    fields = {(i.kind, f.label): (f.old, f.new) for i in result.changed for f in i.fields}
    assert fields == {
        ("chapter", "druh"): ("vlastní text", "přehled služeb z katalogu"),
        ("chapter", "text"): ("Plán vznikl v roce 2024.", "Plán vznikl v letech 2024 a 2025."),
        ("risk", "pravděpodobnost (1–5)"): ("3", "4"),
        ("indicator", "jednotka"): ("osoby", "klienti"),
        ("indicator", "výchozí hodnota"): ("—", "280,50"),
    }
    assert not result.cost_changes and result.plan_total.difference == 0


LONG_BODY = ("Plán vznikal v letech 2023 a 2024 za účasti zadavatelů, poskytovatelů i uživatelů služeb. Na zpracování se "
             "podílely čtyři pracovní skupiny a řídicí skupina, která návrh projednala na třech setkáních.")


def test_a_long_text_is_compared_word_by_word(plan):
    Chapter.objects.create(area=plan.area, plan=plan, position=1, title="Úvod", body=LONG_BODY)
    before = snapshot(plan)
    Chapter.objects.filter(plan=plan).update(body=LONG_BODY.replace("čtyři", "pět").replace(" a řídicí skupina", "") + " Děkujeme.")
    change = next(f for i in diff(before, snapshot(plan)).changed for f in i.fields if f.name == "body")
    changed = [(kind, text.strip()) for kind, text in change.words if kind != "same"]
    assert changed == [("removed", "čtyři"), ("added", "pět"), ("removed", "skupiny a řídicí skupina,"), ("added", "skupiny,"),
                       ("removed", "setkáních."), ("added", "setkáních. Děkujeme.")]
    assert "".join(text for kind, text in change.words if kind != "removed") == change.new
    assert "".join(text for kind, text in change.words if kind != "added") == change.old


def test_a_short_value_is_shown_as_old_and_new(plan):
    measure = measure_named("Zachování pečovatelské služby")
    before = snapshot(plan)
    Measure.objects.filter(pk=measure.pk).update(title="Zachování a rozvoj pečovatelské služby")
    change = next(f for i in diff(before, snapshot(plan)).changed for f in i.fields if f.name == "title")
    assert change.words == []


# --- new drafts ----------------------------------------------------------------------------------

def uids(model, plan):
    return set(model.objects.filter(plan=plan).values_list("uid", flat=True))


def test_new_draft_keeps_uids_sums_and_links_and_is_editable_while_the_original_stays_frozen(plan, coordinator):
    measure = measure_named("Zachování pečovatelské služby")
    partner = OrganisationFactory(name="Charita Testov")
    measure.partners.add(partner)
    seniors = TargetGroup.objects.get(name="senioři")
    Priority.objects.get(plan=plan, position=1).target_groups.add(seniors)
    activity = Activity.objects.get(title="Financování terénní péče")
    Milestone.objects.create(area=plan.area, plan=plan, activity=activity, title="Smlouva s poskytovatelem", due=date(2025, 3, 31))
    Risk.objects.create(area=plan.area, plan=plan, measure=measure, title="Nedostatek pečovatelek", probability=3, impact=4)
    Risk.objects.create(area=plan.area, plan=plan, title="Krácení dotací", probability=2, impact=5)
    Chapter.objects.create(area=plan.area, plan=plan, position=1, title="Úvod", body="Text úvodu.")
    approve(plan)

    draft = new_draft(plan=plan, user=coordinator)
    assert (draft.status, draft.based_on, draft.title) == (Plan.Status.DRAFT, plan, "Komunitní plán 2025–2027 – návrh změn")
    for model in (Priority, Goal, Measure, Activity, Indicator, Risk, Chapter):
        assert uids(model, draft) == uids(model, plan) and uids(model, draft), model
    copied = measure_named("Zachování pečovatelské služby", draft)
    assert list(copied.partners.all()) == [partner]
    assert list(Priority.objects.get(plan=draft, position=1).target_groups.all()) == [seniors]
    assert Milestone.objects.get(plan=draft).activity.plan == draft
    assert list(IndicatorTarget.objects.filter(indicator__plan=draft, indicator__name="Počet klientů pečovatelské služby")
                .values_list("year", "value")) == [(2025, Decimal("300")), (2026, Decimal("320")), (2027, Decimal("340"))]
    budget = load_tree(draft).budget
    assert budget.total() == Decimal("1310000.75")
    assert budget.total("measure", copied.pk) == Decimal("300000")
    assert diff(snapshot(plan), snapshot(draft)).is_empty  # everything lines up by uid
    assert copied.history.first().history_user == coordinator

    hierarchy.move_by(copied, +1)  # the draft is editable …
    assert measure_named("Zachování pečovatelské služby", draft).number == "1.1.2"
    with pytest.raises(hierarchy.PlanFrozen):  # … the approved plan is not
        hierarchy.move_by(measure_named("Zachování pečovatelské služby", plan), +1)
    assert measure_named("Zachování pečovatelské služby", plan).number == "1.1.1"
    moved = diff(snapshot(plan), snapshot(draft)).moved
    assert {(i.old_number, i.new_number) for i in moved if i.kind == "measure"} == {("1.1.1", "1.1.2"), ("1.1.2", "1.1.1")}


def test_a_new_draft_is_made_only_from_an_approved_valid_or_closed_plan(plan, coordinator):
    with pytest.raises(ValidationError) as raised:
        new_draft(plan=plan, user=coordinator)
    assert "ve stavu „návrh“" in raised.value.messages[0]
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.CLOSED)
    plan.refresh_from_db()
    assert new_draft(plan=plan, user=coordinator, title="Aktualizace plánu 2026").title == "Aktualizace plánu 2026"


# --- pages ---------------------------------------------------------------------------------------

def page(response):
    """The HTML with Czech typography's non-breaking spaces as plain ones."""
    return response.content.decode().replace("\u00a0", " ")


def url(name, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"area_slug": plan.area.slug, "pk": plan.pk, **kwargs})


def login(client, area, person_with_role, role):
    if role == "outsider":
        client.force_login(UserFactory(username="cizinec"))
    elif role:
        client.force_login(person_with_role(area, role))


READ_PAGES = ["version_list", "version_detail", "version_diff", "version_diff_xlsx", "budget_xlsx"]


def read_url(name, plan, version):
    return url(name, plan, version_pk=version.pk) if name == "version_detail" else url(name, plan)


@pytest.mark.parametrize("name", READ_PAGES)
@pytest.mark.parametrize("role, status", [
    (None, 302), ("outsider", 404), ("member", 200), ("observer", 200), ("provider", 200), ("group_manager", 200), ("coordinator", 200),
])
def test_who_may_read_versions_diffs_and_the_budget(client, area, person_with_role, plan, name, role, status):
    version = create_version(plan=plan, name="v1", user=None)
    login(client, area, person_with_role, role)
    response = client.get(read_url(name, plan, version))
    assert response.status_code == status
    if status == 302:
        assert "login" in response["Location"] or "/ucet/" in response["Location"]


@pytest.mark.parametrize("role, status", [
    (None, 302), ("outsider", 404), ("member", 403), ("provider", 403), ("observer", 403), ("group_manager", 403), ("coordinator", 302),
])
def test_only_the_coordinator_creates_versions_and_drafts(client, area, person_with_role, plan, role, status):
    approve(plan)
    login(client, area, person_with_role, role)
    assert client.post(url("version_list", plan), {"name": "schválená verze"}).status_code == status
    assert client.post(url("new_draft", plan)).status_code == status
    created = status == 302 and role == "coordinator"
    assert PlanVersion.objects.filter(plan=plan, name="schválená verze").exists() == created
    assert Plan.objects.filter(based_on=plan).exists() == created


def test_another_areas_plan_is_404(client, area, other_area, coordinator, person_with_role):
    foreign = approve(factories.small_plan(other_area))
    version = create_version(plan=foreign, name="v1", user=None)
    client.force_login(coordinator)
    for name in READ_PAGES:
        assert client.get(read_url(name, foreign, version).replace("/jinde/", "/mesto/")).status_code == 404, name
    assert client.post(url("new_draft", foreign).replace("/jinde/", "/mesto/")).status_code == 404
    assert client.post(url("version_list", foreign).replace("/jinde/", "/mesto/"), {"name": "x"}).status_code == 404
    assert not Plan.objects.filter(based_on=foreign).exists()


def test_coordinator_saves_a_version_and_a_duplicate_name_is_shown_on_the_form(client, coordinator, plan):
    client.force_login(coordinator)
    response = client.post(url("version_list", plan), {"name": "návrh pro připomínkování", "note": "k jednání"}, follow=True)
    version = PlanVersion.objects.get(plan=plan)
    assert response.redirect_chain[-1][0] == url("version_detail", plan, version_pk=version.pk)
    html = page(response)
    assert "Verze „návrh pro připomínkování“ je uložena." in html
    assert "<h1>návrh pro připomínkování</h1>" in html
    assert "1 310 000,75 Kč" in html and "Zachování pečovatelské služby" in html and "Tisk katalogu" in html
    assert "cílové hodnoty 2025: 300; 2026: 320; 2027: 340" in html
    response = client.post(url("version_list", plan), {"name": "návrh pro připomínkování"})
    assert response.status_code == 200
    assert "Verze s názvem „návrh pro připomínkování“ u tohoto plánu už je. Zvolte jiný název." in page(response)
    assert PlanVersion.objects.filter(plan=plan).count() == 1


def test_member_sees_the_versions_without_the_forms(client, area, person_with_role, plan):
    create_version(plan=plan, name="v1", user=None)
    client.force_login(person_with_role(area, "member"))
    html = page(client.get(url("version_list", plan)))
    assert "v1" in html and "Porovnat s aktuálním stavem" in html
    assert "Uložit verzi" not in html and "Založit nový návrh" not in html


def test_diff_page_labels_every_change_with_text_and_offers_the_xlsx(client, coordinator, plan):
    before = create_version(plan=plan, name="v1", user=coordinator)
    edit(plan)
    client.force_login(coordinator)
    response = client.get(url("version_diff", plan) + f"?od={before.pk}&do=current")
    html = page(response)
    assert "Změny od „v1“ do „aktuální stav plánu“" in html
    for label in ("přidáno", "odstraněno", "změněno", "přesunuto / přečíslováno"):
        assert f'<span class="element">{label}</span>' in html, label
    assert "Nová poradna pro pečující" in html and "Kampaň pro pečující" in html
    assert "Rozšíření odlehčovacích a respitních služeb" in html
    assert "Náklady plánu: 1 310 000,75 Kč → 1 305 000,75 Kč" in html and "−5 000 Kč" in html
    assert "100 000 Kč" in html and "90 000 Kč" in html and "−10 000 Kč" in html
    assert "Nově pod:</strong> 1.1 Podpora života seniorů v domácím prostředí" in html
    xlsx = client.get(url("version_diff_xlsx", plan) + f"?od={before.pk}&do=current")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'href="{url("version_diff_xlsx", plan)}?od={before.pk}&amp;do=current"' in html


def test_diff_page_marks_the_words_of_a_long_text_that_changed(client, coordinator, plan):
    Chapter.objects.create(area=plan.area, plan=plan, position=1, title="Úvod", body=LONG_BODY)
    before = create_version(plan=plan, name="v1", user=coordinator)
    Chapter.objects.filter(plan=plan).update(body=LONG_BODY.replace("čtyři", "pět"))
    client.force_login(coordinator)
    html = page(client.get(url("version_diff", plan) + f"?od={before.pk}&do=current"))
    assert '<span class="okp-word-diff">' in html
    assert '<del><span class="okp-visually-hidden">[odstraněno: </span>čtyři' in html
    assert '<ins><span class="okp-visually-hidden">[přidáno: </span>pět' in html


def test_diff_page_defaults_to_the_latest_version_and_refuses_foreign_versions(client, coordinator, other_area, plan):
    client.force_login(coordinator)
    assert "nemá žádnou uloženou verzi" in page(client.get(url("version_diff", plan)))
    assert client.get(url("version_diff_xlsx", plan)).status_code == 404
    create_version(plan=plan, name="v1", user=coordinator)
    create_version(plan=plan, name="v2", user=coordinator)
    assert "Změny od „v2“ do „aktuální stav plánu“" in page(client.get(url("version_diff", plan)))
    assert "Mezi oběma stavy plánu není žádný rozdíl." in page(client.get(url("version_diff", plan)))
    foreign = create_version(plan=factories.small_plan(other_area), name="cizí", user=None)
    sibling = create_version(plan=factories.plan_factory(plan.area, title="Jiný plán"), name="jiný", user=None)
    for version in (foreign, sibling):
        assert client.get(url("version_diff", plan) + f"?od={version.pk}&do=current").status_code == 404
    assert client.get(url("version_diff", plan) + "?od=nesmysl").status_code == 404


def test_new_draft_page_flow_and_the_diff_with_the_approved_plan(client, coordinator, plan):
    client.force_login(coordinator)
    response = client.post(url("new_draft", plan), follow=True)
    assert "Nový návrh lze založit jen ze schváleného" in page(response)
    assert not Plan.objects.filter(based_on=plan).exists()

    approve(plan)
    create_version(plan=plan, name="schválená verze", user=coordinator)
    response = client.post(url("new_draft", plan), {"title": "Aktualizace 2026"})
    draft = Plan.objects.get(based_on=plan)
    assert response.status_code == 302 and draft.title == "Aktualizace 2026"
    assert response["Location"] == draft.get_absolute_url()

    hierarchy.delete(Activity.objects.select_related("plan").get(plan=draft, title="Tisk katalogu"))
    html = page(client.get(url("version_diff", draft)))  # default: the latest version of this draft, else the approved plan
    assert "Změny od „Komunitní plán 2025–2027 (schválen)“ do „aktuální stav plánu“" in html
    assert "Tisk katalogu" in html and "odstraněno" in html
    approved = PlanVersion.objects.get(plan=plan)
    html = page(client.get(url("version_diff", draft) + f"?od={approved.pk}&do=current"))
    assert "Změny od „schválená verze“" in html and "Tisk katalogu" in html
    assert "schválená verze" in page(client.get(url("version_list", draft)))  # listed among the approved plan's versions


def test_budget_xlsx_download(client, area, person_with_role, plan):
    client.force_login(person_with_role(area, "member"))
    response = client.get(url("budget_xlsx", plan))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="komunitni-plan-20252027-rozpocet.xlsx"'
    assert response.content[:2] == b"PK"
