"""A form refused by the CSRF check ends on a Czech page that leads back; the guard that finds forms without a token."""

import pytest
from django.test import Client

from openkp.core.tests.csrf import PostForms

pytestmark = pytest.mark.django_db


def test_a_refused_form_gets_a_czech_page_leading_back_to_it(area):
    browser = Client(enforce_csrf_checks=True)
    browser.get("/ucet/prihlaseni/")  # sets the CSRF cookie, as a browser's first visit does
    response = browser.post("/ucet/prihlaseni/", {"username": "x", "password": "y", "csrfmiddlewaretoken": "stale" * 8},
                            HTTP_REFERER="http://testserver/ucet/prihlaseni/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Formulář se nepodařilo odeslat" in html
    assert "Nic z toho, co jste vyplnili, jsme neuložili" in html
    assert 'href="http://testserver/ucet/prihlaseni/"' in html  # "Načíst formulář znovu"
    assert "Zpět na vyplněný formulář" in html
    assert 'class="okp-skip-link"' in html  # the site's layout, not Django's bare page


def test_without_the_cookie_the_page_says_to_allow_cookies(area):
    response = Client(enforce_csrf_checks=True).post("/ucet/prihlaseni/", {"username": "x"}, HTTP_REFERER="https://evil.example/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "soubor cookie" in html
    assert "evil.example" not in html  # no way back to another site


def test_the_guard_finds_a_post_form_without_the_token():
    page = """<form method="post" action="/a/"><input name="csrfmiddlewaretoken" value="t"></form>
              <form method="POST" action="/b/"><input name="title"></form>
              <form method="get" action="/c/"></form>
              <form method="post" action="https://other.example/"></form>"""
    assert PostForms(page).problems() == ["a POST form (action='/b/') without the CSRF token"]
    assert PostForms('<meta name="csrf-token" content=""><button data-hx-post="/x/">x</button>').problems() == [
        "htmx posts but the csrf-token meta is empty"
    ]
