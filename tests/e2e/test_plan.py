"""The plan: a working-group manager reorders measures by keyboard; axe on the public plan and the editor."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import run_axe
from .test_shell import focused_text


def log_in(page, base, username):
    page.goto(base + "/ucet/prihlaseni/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/sprava/$"))


def managers_goal_with_two_measures():
    """A goal of the demo draft in the part of the plan that `manazerka` (manager of Senioři) edits."""
    from openkp.accounts.models import User
    from openkp.plans.models import Goal, Plan

    manager = User.objects.get(username="manazerka")
    for goal in Goal.objects.filter(plan__area__slug="ostrava", plan__status=Plan.Status.DRAFT).select_related("plan", "priority"):
        measures = list(goal.measures.order_by("position"))
        if len(measures) >= 2 and all(manager.has_perm("plans.change_item", m) for m in measures[:2]):
            return goal, measures[:2]
    raise AssertionError("The demo plan has no goal with two measures of the Senioři group")


def test_manager_reorders_measures_by_keyboard(page, demo_site):
    goal, (first, second) = managers_goal_with_two_measures()
    first_number, second_number = first.number, second.number
    log_in(page, demo_site, "manazerka")
    page.goto(f"{demo_site}/ostrava/sprava/plan/{goal.plan_id}/")
    # Start from the first measure's title link and reach its "move down" button with Tab only.
    page.locator(f"#polozka-{first.uid} .okp-plan-title a").first.focus()
    for _ in range(6):
        page.keyboard.press("Tab")
        if focused_text(page) == "↓":
            break
    label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert label == f"Posunout dolů: {first_number} {first.title}"
    page.keyboard.press("Enter")
    # The tree comes back renumbered, with the focus on a move button of the same measure.
    expect(page.locator(f"#polozka-{first.uid} > .okp-plan-row .okp-plan-number")).to_have_text(second_number)
    expect(page.locator(f"#polozka-{second.uid} > .okp-plan-row .okp-plan-number")).to_have_text(first_number)
    page.wait_for_function(f"() => document.activeElement.closest('#polozka-{first.uid}') !== null")
    first.refresh_from_db()
    assert first.position == 2
    # And back up again with the keyboard: when the measure is now the last one, the focus is already on "↑".
    if focused_text(page) == "↓":
        page.keyboard.press("Shift+Tab")
    assert focused_text(page) == "↑"
    page.keyboard.press("Enter")
    expect(page.locator(f"#polozka-{first.uid} > .okp-plan-row .okp-plan-number")).to_have_text(first_number)
    first.refresh_from_db()
    assert first.position == 1


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_axe_on_the_public_plan(browser, demo_site, viewport):
    context = browser.new_context(locale="cs-CZ", bypass_csp=True, viewport=viewport)
    page = context.new_page()
    page.goto(demo_site + "/ostrava/plan/")
    expect(page.locator("h1")).to_contain_text("plán")
    assert page.locator(".okp-plan-measure").count() > 50
    assert run_axe(page) == []
    context.close()


def test_axe_on_the_plan_editor(axe_page, demo_site):
    from openkp.plans.models import Plan

    plan = Plan.objects.filter(area__slug="ostrava", status=Plan.Status.DRAFT).first()
    log_in(axe_page, demo_site, "koordinator")
    axe_page.goto(f"{demo_site}/ostrava/sprava/plan/{plan.pk}/")
    assert run_axe(axe_page) == []
    measure = plan.priorities.first().goals.first().measures.first()
    axe_page.goto(f"{demo_site}/ostrava/sprava/plan/{plan.pk}/opatreni/{measure.pk}/")
    assert run_axe(axe_page) == []
    activity = measure.activities.first()
    goal = measure.goal
    for path, heading in ((f"aktivita/{activity.pk}/milniky/", "Milníky aktivity"), ("rozpocet/", "Finanční analýza"),
                          (f"komentare/polozka/{goal.uid}/", goal.title)):
        axe_page.goto(f"{demo_site}/ostrava/sprava/plan/{plan.pk}/{path}")
        expect(axe_page.locator("h1")).to_contain_text(heading)
        assert run_axe(axe_page) == [], path


def test_axe_on_the_public_plan_with_downloads_and_on_the_document_page(axe_page, demo_site):
    from openkp.plans.models import Plan

    axe_page.goto(demo_site + "/hlucinsko/plan/")
    expect(axe_page.get_by_role("heading", name="Plán ke stažení")).to_be_visible()
    assert run_axe(axe_page) == []
    plan = Plan.objects.get(area__slug="ostrava", status=Plan.Status.DRAFT)
    log_in(axe_page, demo_site, "koordinator")
    axe_page.goto(f"{demo_site}/ostrava/sprava/plan/{plan.pk}/dokument/")
    expect(axe_page.get_by_role("heading", name="Na veřejné stránce plánu")).to_be_visible()
    assert run_axe(axe_page) == []
