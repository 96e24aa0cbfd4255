import pytest

from openkp.catalog.codebooks import load_seed_codebooks


@pytest.fixture(autouse=True)
def codebooks(db):
    """Target groups and service types, which priorities, gaps and services refer to."""
    load_seed_codebooks()


@pytest.fixture(autouse=True)
def cookies_over_plain_http(settings):
    """django-webtest talks plain HTTP, so a secure CSRF cookie would never come back with the form."""
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = False
