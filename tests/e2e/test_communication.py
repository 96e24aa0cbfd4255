"""News and the communication plan in a browser: accessibility, and subscribing with the keyboard only."""

from django.core import mail

from .conftest import run_axe


def test_news_and_plan_pages_have_no_axe_violations(axe_page, demo_site):
    for path in ("/ostrava/aktuality/", "/ostrava/aktuality/pozvanka-konference/", "/ostrava/komunikace/"):
        axe_page.goto(demo_site + path)
        assert run_axe(axe_page) == [], path


def test_subscription_form_errors_have_no_axe_violations(axe_page, demo_site):
    axe_page.goto(demo_site + "/ostrava/aktuality/")
    axe_page.fill("#odber-email", "neni-adresa")
    with axe_page.expect_navigation():
        axe_page.locator("#odber button[type=submit]").click()
    assert axe_page.locator("#odber-email_error").inner_text().strip() == "Zadejte e-mail ve tvaru jmeno@domena.cz."
    assert run_axe(axe_page) == []


def test_citizen_subscribes_with_the_keyboard(page, demo_site):
    from openkp.communication.models import Subscriber

    page.goto(demo_site + "/ostrava/aktuality/")
    page.locator("#odber-email").focus()
    page.keyboard.type("nova.ctenarka@example.cz")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the consent checkbox (the honeypot is skipped: it is not displayed)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Přihlásit odběr"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Na adresu nova.ctenarka@example.cz jsme poslali e-mail" in page.locator("#messages").inner_text()
    subscriber = Subscriber.objects.get(area__slug="ostrava", email="nova.ctenarka@example.cz")
    assert subscriber.status == Subscriber.Status.PENDING
    assert any(message.to == ["nova.ctenarka@example.cz"] for message in mail.outbox)
