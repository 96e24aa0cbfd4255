"""A citizen fills in a needs survey by keyboard only, saves it, leaves, comes back and submits; axe on the form."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import run_axe
from .test_shell import tab_to

SLUG = "zkusebni-dotaznik-potreb"


@pytest.fixture
def survey_url(demo_site):
    from openkp.core.models import Area
    from openkp.needs.tests.factories import sample_survey

    sample_survey(Area.objects.get(slug="ostrava"), title="Zkušební dotazník potřeb", slug=SLUG)
    return f"{demo_site}/ostrava/potreby/dotaznik/{SLUG}/"


def test_citizen_fills_saves_returns_and_submits_keyboard_only(page, survey_url):
    from openkp.needs.models import Response
    from openkp.needs.services.responses import response_values

    page.goto(survey_url)
    expect(page.locator("h1")).to_have_text("Zkušební dotazník potřeb")
    # The condition holds only after "Ne" in question 3: until then question 4 is hidden.
    expect(page.locator("#otazka-proc")).to_be_hidden()

    # Sending an empty form: the error summary takes the focus and links to the questions.
    tab_to(page, r"^Odeslat dotazník$", limit=100)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#chyby")).to_contain_text("Otázka 1: Vyberte prosím jednu možnost.")
    assert page.evaluate("() => document.activeElement.id") == "chyby"

    tab_to(page, r"Do které skupiny patříte")
    page.keyboard.type("sen")
    assert page.locator("#q-skupina option:checked").inner_text() == "senioři"
    tab_to(page, r"Ve kterém obvodu bydlíte", limit=5)  # Ostrava has 23 districts: a drop-down list
    page.keyboard.type("Porub")
    assert page.locator("#q-obvod option:checked").inner_text() == "Poruba"
    tab_to(page, r"^Ano$", limit=5)
    page.keyboard.press("ArrowDown")  # moves to "Ne" and picks it
    assert page.locator("#q-pomoc-1").is_checked()
    expect(page.locator("#otazka-proc")).to_be_visible()
    tab_to(page, r"Co by vám pomohlo", limit=5)
    page.keyboard.type("Kontakt na sociální pracovnici")
    tab_to(page, r"^Dostupné bydlení$", limit=5)
    page.keyboard.press("Space")

    tab_to(page, r"^Uložit a dokončit později$", limit=40)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?ulozeno=1"))
    expect(page.locator("#ulozeno")).to_contain_text("Vaše odpovědi jsou uložené")
    draft = Response.objects.get(survey__slug=SLUG)
    assert draft.status == Response.Status.DRAFT

    page.goto(survey_url.split("/potreby/")[0] + "/")  # leave the survey
    page.goto(survey_url)  # … and come back: the draft is loaded from the cookie
    expect(page.locator("#ulozeno")).to_contain_text("Pokračujete v rozpracovaném dotazníku")
    assert page.locator("#q-pomoc-1").is_checked() and page.locator("#q-chybi-0").is_checked()
    expect(page.locator("#q-proc")).to_have_value("Kontakt na sociální pracovnici")

    tab_to(page, r"Kolik je vám let", limit=100)
    page.keyboard.type("72")
    tab_to(page, r"^Odeslat dotazník$", limit=10)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dekujeme/$"))
    expect(page.locator("h1")).to_have_text("Děkujeme za vyplnění dotazníku")

    draft.refresh_from_db()
    assert draft.status == Response.Status.COMPLETE and draft.entered_by is None
    values = response_values(draft)
    assert values["pomoc"] == "ne" and values["chybi"] == ["bydleni"] and values["vek"] == 72
    assert values["proc"] == "Kontakt na sociální pracovnici"
    assert draft.answers.get(question__code="obvod").choice.label == "Poruba"

    page.goto(survey_url)
    expect(page.locator("main")).to_contain_text("Z tohoto prohlížeče jste už odpověděli, děkujeme")


def test_survey_form_has_no_wcag_violations(axe_page, survey_url):
    axe_page.goto(survey_url)
    assert run_axe(axe_page) == []
    axe_page.locator("button[name=odeslat]").click()
    expect(axe_page.locator("#chyby")).to_be_visible()
    assert run_axe(axe_page) == []


def test_survey_form_on_a_phone(browser, survey_url):
    context = browser.new_context(locale="cs-CZ", viewport={"width": 375, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(survey_url)
    # One column: nothing makes the page scroll sideways (a wide table scrolls inside its own box).
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert run_axe(page) == []
    context.close()

