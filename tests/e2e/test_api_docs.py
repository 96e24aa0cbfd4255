"""The API documentation renders in a browser under the site's CSP (Redoc from the static files)."""

import pytest


@pytest.fixture
def site(transactional_db, live_server, settings):
    # The live server serves static files from the finders, which know no hashed (manifest) names.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    return live_server.url


def test_the_api_documentation_renders_without_a_csp_violation(site, page):
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(f"{site}/api/v1/docs/")
    heading = page.locator("#api-docs h1")
    heading.wait_for(timeout=20000)
    assert heading.inner_text().startswith("OpenKP API")
    assert page.get_by_text("/api/v1/services/").first.count() == 1
    # Redoc's styles are applied (accepted by the CSP nonce): its menu is a fixed side column.
    assert page.locator(".menu-content").evaluate("element => getComputedStyle(element).position") in ("fixed", "sticky")
    # Redoc's "API docs by Redocly" logo is an image on another site: refused, and rightly so.
    assert [text for text in refused if "Loading the image 'https://" not in text] == [], refused
