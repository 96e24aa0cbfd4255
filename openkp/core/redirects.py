"""The one check for every address a request asks to be sent back to (``next``, the Referer).

A redirect to an address taken from the request is an open redirect unless it stays on this site:
``//example.invalid``, ``/\\example.invalid``, ``https://example.invalid`` or ``javascript:…`` would
lead a person who trusts our link somewhere else. Only paths on this site (or full URLs of this very
host and scheme) pass; anything else falls back to a page the view chooses.
"""

from urllib.parse import urlsplit

from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_redirect(request, url):
    """Whether ``url`` leads to a page of this site."""
    if not url:
        return False
    url = url.strip()
    # A relative path ("a/b", "%2F%2Fhost") depends on where the browser happens to be; only an absolute
    # path or a full URL is accepted, and then only for this host.
    if not url.startswith("/") and urlsplit(url).scheme not in ("http", "https"):
        return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def safe_next(request, fallback, *, field="next"):
    """The ``next`` address of the request (POST first, then the query string) if it is safe, else ``fallback``."""
    url = request.POST.get(field) or request.GET.get(field) or ""
    return url.strip() if is_safe_redirect(request, url) else fallback
