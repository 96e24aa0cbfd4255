"""A citizen registers for a public event and cancels, keyboard only; axe on the events pages."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import run_axe
from .test_shell import focused_text, tab_to

HEARING = "Veřejné projednání návrhu 7. komunitního plánu"


def test_citizen_registers_and_cancels_keyboard_only(page, demo_site):
    from openkp.events.models import Registration

    mail.outbox.clear()
    page.goto(demo_site + "/ostrava/akce/")
    tab_to(page, "^" + re.escape(HEARING) + "$", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ostrava/akce/\d+/$"))
    assert page.locator("h1").inner_text() == HEARING

    tab_to(page, r"^Jméno a příjmení")
    page.keyboard.type("Tereza Zkušební")
    tab_to(page, r"^E-mail", limit=3)
    page.keyboard.type("tereza.zkusebni@example.cz")
    tab_to(page, r"^Organizace", limit=3)
    page.keyboard.type("Spolek Sousedé")
    tab_to(page, r"^Souhlasím se zpracováním", limit=5)
    page.keyboard.press("Space")
    assert page.locator("#id_consent").is_checked()
    tab_to(page, r"^Zaregistrovat se$", limit=3)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ostrava/akce/\d+/$"))
    expect(page.locator("#messages")).to_contain_text("Jste přihlášen/a")
    expect(page.locator("#messages")).to_contain_text("tereza.zkusebni@example.cz")
    registration = Registration.objects.get(email="tereza.zkusebni@example.cz")
    assert registration.status == Registration.Status.CONFIRMED and registration.consent_given_at

    # The live server runs in another thread of this process: its e-mail is in the shared outbox.
    (message,) = [item for item in mail.outbox if item.to == ["tereza.zkusebni@example.cz"]]
    assert message.attachments[0][0] == "akce.ics"
    link = re.search(r"(https?://\S+/ostrava/akce/\d+/zrusit/\S+/)", message.body)[1]

    page.goto(link)
    expect(page.locator("h1")).to_have_text("Zrušení registrace")
    tab_to(page, r"^Zrušit registraci$")
    page.keyboard.press("Enter")
    expect(page.locator("#messages")).to_contain_text("je zrušena")
    expect(page.locator("main")).to_contain_text("Registrace je zrušena")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert focused_text(page) is not None


@pytest.mark.parametrize("title", [None, HEARING, "Workshop ve Slezské Ostravě: duševní zdraví v obvodu"])
def test_events_pages_have_no_wcag_violations(axe_page, demo_site, title):
    from openkp.events.models import Event

    path = "/ostrava/akce/" if title is None else Event.objects.get(title=title).get_absolute_url()
    axe_page.goto(demo_site + path)
    assert run_axe(axe_page) == []


def test_registration_errors_have_no_wcag_violations(axe_page, demo_site):
    from openkp.events.models import Event

    axe_page.goto(demo_site + Event.objects.get(title=HEARING).get_absolute_url())
    axe_page.locator("#id_email").fill("spatny-email")
    axe_page.locator("form.okp-form button[type=submit]").last.click()
    expect(axe_page.locator("#id_email_error")).to_contain_text("E-mail není ve správném tvaru")
    assert run_axe(axe_page) == []
