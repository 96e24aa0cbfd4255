"""The organisation of planning in a browser: a manager records attendance on a tablet; public pages pass axe."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import run_axe


def _log_in(page, site, username):
    page.goto(site + "/ucet/prihlaseni/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_manager_records_attendance_on_a_tablet(browser, demo_site):
    from openkp.structures.models import Meeting, Participant

    meeting = (Meeting.objects.filter(area__slug="ostrava", group__slug="seniori", group__period__is_current=True,
                                      starts_at__gt=timezone.now()).order_by("starts_at").first())
    context = browser.new_context(locale="cs-CZ", viewport={"width": 1024, "height": 768}, has_touch=True)
    page = context.new_page()
    _log_in(page, demo_site, "manazerka")
    page.goto(f"{demo_site}/ostrava/sprava/skupiny/seniori/setkani/{meeting.pk}/prezence/")
    row = page.locator(".okp-attendance__row").filter(has_text="Petr Členský")
    row.get_by_role("button", name="přítomen/a", exact=True).tap()
    expect(row.get_by_role("button", name="přítomen/a", exact=True)).to_have_attribute("aria-pressed", "true")
    # htmx replaced only the row: the page did not reload, the choice is stored.
    assert Participant.objects.get(meeting=meeting, name="Petr Členský").attendance == "present"
    page.get_by_label("Jméno a příjmení hosta").fill("Ing. Karel Host")
    page.get_by_label("Organizace").fill("Krajský úřad")
    page.get_by_role("button", name="Zapsat hosta").tap()
    expect(page.locator(".okp-attendance__row").filter(has_text="Ing. Karel Host")).to_be_visible()
    expect(page.get_by_text("Host Ing. Karel Host je zapsán.")).to_be_visible()
    context.close()


def test_attendance_count_follows_each_tap_at_tablet_width(browser, demo_site):
    import re

    from openkp.structures.models import Meeting, Participant

    meeting = (Meeting.objects.filter(area__slug="ostrava", group__slug="seniori", group__period__is_current=True,
                                      starts_at__gt=timezone.now()).order_by("starts_at").first())
    context = browser.new_context(locale="cs-CZ", viewport={"width": 768, "height": 1024}, has_touch=True)
    page = context.new_page()
    _log_in(page, demo_site, "manazerka")
    page.goto(f"{demo_site}/ostrava/sprava/skupiny/seniori/setkani/{meeting.pk}/prezence/")
    summary = page.locator("#attendance-summary")
    present = Participant.objects.filter(meeting=meeting, attendance="present").count()
    expect(summary).to_contain_text(re.compile(rf"\b{present} člen"))
    page.evaluate("window.notReloaded = true")
    rows = page.locator(".okp-attendance__row")
    for index in range(2):
        row = rows.nth(index)
        button = row.get_by_role("button", name="přítomen/a", exact=True)
        if button.get_attribute("aria-pressed") == "true":
            continue
        button.tap()
        expect(button).to_have_attribute("aria-pressed", "true")
        present += 1
        # The count changed in the same answer as the row, without reloading the page.
        expect(summary).to_contain_text(re.compile(rf"\b{present} člen"))
    assert page.evaluate("window.notReloaded") is True
    assert summary.get_attribute("aria-live") == "polite"  # the live region stayed; only its content was replaced
    assert page.evaluate("document.documentElement.scrollWidth") <= 768  # nothing pushes the page sideways
    context.close()


@pytest.mark.parametrize("path", ["/ostrava/organizace/", "/ostrava/organizace/seniori/", "/ostrava/kalendar/",
                                  "/ostrava/kalendar/?zobrazeni=seznam"])
def test_public_organisation_pages_have_no_axe_violations(axe_page, demo_site, path):
    axe_page.goto(demo_site + path)
    assert run_axe(axe_page) == []


def test_meeting_page_with_published_minutes_has_no_axe_violations(axe_page, demo_site):
    from openkp.structures.models import Minutes

    minutes = Minutes.objects.filter(area__slug="ostrava", status="published", meeting__is_public=True).select_related("meeting", "meeting__group", "meeting__area").first()
    axe_page.goto(demo_site + minutes.meeting.get_absolute_url())
    expect(axe_page.get_by_role("heading", name="Zápis", exact=True)).to_be_visible()
    assert run_axe(axe_page) == []
