"""Every page a demo role reaches by following links renders, and every form on it can be sent as rendered.

A browser posts only what a page renders; the Django test client skips the CSRF check, so a form
rendered without the token passes every client test and fails with 403 in every browser. This
walk goes through django-webtest (CSRF enforced): it renders the pages each role reaches (a couple
of objects per URL pattern), checks that their POST forms carry the token, and sends one form of
each kind exactly as the page renders it, in a savepoint rolled back afterwards.
"""

import re
from collections import Counter, deque
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import Resolver404, resolve

from openkp.core.tests.csrf import PostForms

pytestmark = pytest.mark.django_db

SKIPPED = re.compile(r"^/(admin|api|i18n|media|static|ucet/odhlaseni)/|/stahnout/|/verze/\d+/$|\.\w{2,5}$")
PAGES_PER_ROUTE = 2
MAX_PAGES = 700
START = ["/", "/ostrava/", "/ostrava/sprava/", "/hlucinsko/", "/hlucinsko/sprava/"]


def route_of(path):
    try:
        return resolve(path).route
    except Resolver404:
        return None


class Walk:
    """Pages reached from the start pages by same-site links, as one person (or anonymously)."""

    def __init__(self, app, pages_per_route=PAGES_PER_ROUTE):
        self.app, self.pages_per_route = app, pages_per_route
        self.rendered, self.problems, self.sent = 0, [], Counter()
        self.seen, self.per_route, self.form_routes = set(START), Counter(), set()

    def log_in(self, username):
        """Through the log-in form, as a person does (the session cookie carries the rest of the walk)."""
        form = next(form for form in self.app.get("/ucet/prihlaseni/").forms.values() if "username" in form.fields)
        form["username"], form["password"] = username, "demo"
        assert form.submit().status_int == 302, f"{username} could not log in"

    def get(self, path):
        return self.app.get(path, expect_errors=True)

    def run(self, send_forms):
        queue = deque(START)
        while queue and self.rendered < MAX_PAGES:
            path = queue.popleft()
            page = self.get(path)
            if page.status_int >= 500:
                self.problems.append(f"GET {path}: {page.status_int}")
            if page.status_int != 200 or page.content_type != "text/html":
                continue
            self.rendered += 1
            self.problems += [f"{path}: {problem}" for problem in PostForms(page.text).problems()]
            if send_forms:
                self.send_forms(path, page)
            queue.extend(self.new_links(path, page))

    def new_links(self, path, page):
        for link in page.html.find_all("a", href=True):
            parts = urlsplit(link["href"])
            if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.query:
                continue
            if parts.path in self.seen or SKIPPED.search(parts.path):
                continue
            self.seen.add(parts.path)
            route = route_of(parts.path)
            if route is None:
                self.problems.append(f"{path}: a link to {parts.path}, which no page answers")
                continue
            self.per_route[route] += 1
            if self.per_route[route] <= self.pages_per_route:
                yield parts.path

    def send_forms(self, path, page):
        """One form of each target route, sent unchanged: a 403 here is a 403 in every browser."""
        for form in page.forms.values():
            if (form.method or "GET").upper() != "POST" or id(form) in self.sent:
                continue
            self.sent[id(form)] = 1
            action = urlsplit(form.action or path).path or path
            route = route_of(action)
            if route is None or route in self.form_routes or SKIPPED.search(action):
                continue
            self.form_routes.add(route)
            with transaction.atomic():
                result = form.submit(expect_errors=True)
                transaction.set_rollback(True)
            if result.status_int == 403 or result.status_int >= 500:
                self.problems.append(f"POST {action} (a form on {path}): {result.status_int}")


@pytest.mark.parametrize("username", [None, "koordinator", "manazerka", "clen", "poskytovatel"])
def test_every_reachable_page_renders_and_its_forms_can_be_sent(demo, django_app, username):
    walk = Walk(django_app)
    if username:
        walk.log_in(username)
    walk.run(send_forms=username in (None, "koordinator", "manazerka", "poskytovatel"))
    assert not walk.problems, "\n".join(walk.problems)
    assert walk.rendered > (150 if username == "koordinator" else 40), f"only {walk.rendered} pages reached"
