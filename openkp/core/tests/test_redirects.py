"""The one check for addresses a request asks to be sent back to, and the 405 for methods pages do not handle."""

import pytest
from django.test import RequestFactory

from openkp.core.redirects import is_safe_redirect, safe_next

FALLBACK = "/mesto/sprava/"

UNSAFE = [
    "//example.invalid/x",
    "/\\example.invalid",
    "\\\\example.invalid",
    "%2F%2Fexample.invalid",
    "https://example.invalid",
    "http://example.invalid/mesto/",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " //example.invalid",
    "\t//example.invalid",
    "/\t/example.invalid",
    "///example.invalid",
    "https:example.invalid",
    "relative/path",
    "",
]


@pytest.mark.parametrize("url", UNSAFE)
def test_addresses_off_the_site_fall_back(url):
    request = RequestFactory().post("/mesto/sprava/ukoly/1/stav/", {"next": url})
    assert safe_next(request, FALLBACK) == FALLBACK


@pytest.mark.parametrize("url", ["/mesto/sprava/ukoly/", "/mesto/plany/1/#komentare", "/mesto/?strana=2", " /mesto/", "http://testserver/mesto/"])
def test_addresses_on_the_site_are_kept(url):
    request = RequestFactory().get("/ucet/prihlaseni/", {"next": url})
    assert safe_next(request, FALLBACK) == url.strip()


def test_https_site_refuses_plain_http_url_of_itself():
    request = RequestFactory().get("/", secure=True)
    assert not is_safe_redirect(request, "http://testserver/mesto/")
    assert is_safe_redirect(request, "https://testserver/mesto/")


def test_post_wins_over_query_string():
    request = RequestFactory().post("/x/?next=/z/", {"next": "//example.invalid"})
    assert safe_next(request, FALLBACK) == FALLBACK  # a bad POST value is not rescued by the query string


PAGES = ["/", "/kontakt/", "/mesto/", "/mesto/sprava/", "/mesto/sprava/lide/", "/ucet/prihlaseni/", "/admin/"]


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_refuse_methods_they_do_not_handle(client, area, coordinator, method, path):
    client.force_login(coordinator)
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert f"Metoda {method.upper()}" in response.content.decode()


def test_pages_still_answer_get_head_and_options(client, area):
    assert client.get("/mesto/").status_code == 200
    assert client.head("/mesto/").status_code == 200
    assert client.options("/mesto/").status_code != 405


def test_api_keeps_its_own_method_handling(client, area, coordinator):
    client.force_login(coordinator)
    response = client.delete("/api/v1/areas/")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")  # DRF's answer, not the page rule
    assert "POST" not in response["Allow"]
    assert client.patch("/api/v1/services/999999/", {}, content_type="application/json").status_code == 404  # handled, not refused
