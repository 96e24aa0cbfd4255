import re

import pytest

from .conftest import run_axe


def focused_text(page):
    return page.evaluate("""() => {
        const element = document.activeElement;
        const label = element.labels && element.labels.length ? element.labels[0].innerText : "";
        return (label || element.innerText || element.value || element.name || "").trim();
    }""")


def tab_to(page, pattern, *, limit=60):
    """Press Tab until the focused element's text matches ``pattern``; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if re.search(pattern, focused_text(page)):
            return
    raise AssertionError(f"Tab never reached an element matching {pattern!r}")


def test_keyboard_only_from_home_to_dashboard(page, demo_site):
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    assert focused_text(page) == "Přeskočit na obsah"

    tab_to(page, r"^Statutární město Ostrava$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ostrava/$"))
    assert page.locator("h1").inner_text() == "Statutární město Ostrava"

    tab_to(page, r"^Přihlásit se$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ucet/prihlaseni/"))

    tab_to(page, r"^Uživatelské jméno")
    page.keyboard.type("koordinator")
    page.keyboard.press("Tab")
    page.keyboard.type("demo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ostrava/sprava/$"))
    assert "Správa území Statutární město Ostrava" in page.locator("h1").inner_text()


def test_skip_link_moves_focus_to_main(page, demo_site):
    page.goto(demo_site + "/ostrava/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "obsah"


@pytest.mark.parametrize("path", ["/", "/ostrava/", "/ucet/prihlaseni/", "/ostrava/sluzby/", "/neexistuje/",
                                  "/ostrava/organizace/", "/ostrava/organizace/seniori/"])
def test_axe_finds_no_wcag_violations(axe_page, demo_site, path):
    axe_page.goto(demo_site + path)
    assert run_axe(axe_page) == []


def test_axe_on_dashboard_after_log_in(axe_page, demo_site):
    axe_page.goto(demo_site + "/ucet/prihlaseni/")
    axe_page.fill("#id_username", "koordinator")
    axe_page.fill("#id_password", "demo")
    axe_page.click("main button[type=submit]")
    axe_page.wait_for_url(re.compile(r"/ostrava/sprava/$"))
    assert run_axe(axe_page) == []


def test_language_switch_to_english_and_back(page, demo_site):
    page.goto(demo_site + "/ostrava/")
    page.select_option("select[name=language]", "en")
    page.locator("form[action='/i18n/setlang/'] button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1
    page.select_option("select[name=language]", "cs")
    page.locator("form[action='/i18n/setlang/'] button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "cs"


def test_a_refused_form_leads_back_to_what_was_typed(page, live_server, settings, transactional_db):
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    page.goto(live_server.url + "/ucet/prihlaseni/")
    page.fill("#id_username", "koordinator")
    # A token that no longer matches the cookie, as after logging out in another tab.
    page.evaluate("document.querySelector('form.okp-form input[name=csrfmiddlewaretoken]').value = 'a'.repeat(64)")
    page.locator("form.okp-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Formulář se nepodařilo odeslat"
    assert "Nic z toho, co jste vyplnili, jsme neuložili" in page.locator("main").inner_text()

    page.get_by_role("button", name="Zpět na vyplněný formulář").click()
    page.wait_for_url(re.compile(r"/ucet/prihlaseni/$"))
    assert page.input_value("#id_username") == "koordinator"
