"""Ids no object can have — a 20-digit number, -1, "abc" — never make a page fail.

Typed into a URL (``<int:…>`` parameters), a query string (``?nad=``, ``?polozky=``…) or sent in a form's
choice field, such a value is a 404, a 400 or a form error. SQLite cannot even take an integer past
2^63 − 1 (OverflowError), PostgreSQL refuses values outside a column's range (DataError): both are
server errors unless the code stops such values first.

The walk goes through the demo as the coordinator and as the provider (pages and forms as rendered,
see test_demo_pages.py); every URL pattern of the site with an integer parameter is then requested
with bad values, every page reached with bad values in every id parameter the views read, and every
form kind reached is sent with bad values in its choice and number fields (in a savepoint rolled back).
"""

import inspect
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter
from webtest.forms import Checkbox, MultipleSelect, Radio, Select

from openkp.demo.tests.test_demo_pages import SKIPPED, Walk, route_of

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # past 2^64: no integer column of any database holds it
BAD_VALUES = [HUGE, "-1", "abc"]
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# Where a view reads a query-string parameter: request.GET.get("x"), request.GET["x"], request.GET.getlist("x").
QUERY_READ = re.compile(r"""request\.GET(?:\.get|\.getlist)?[(\[]\s*["'](\w+)["']""")
OPENKP = Path(__file__).resolve().parents[2]


def site_routes(resolver=None, prefix="", converters=None):
    """{route: {parameter: converter}} of every URL pattern of the site (as ``resolve(path).route`` names it)."""
    resolver = resolver or get_resolver()
    routes = {}
    for entry in resolver.url_patterns:
        found = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            routes.update(site_routes(entry, route, found))
        elif isinstance(entry, URLPattern):
            routes[route] = found
    return routes


def int_routes():
    return {route: converters for route, converters in site_routes().items()
            if any(isinstance(converter, IntConverter) for converter in converters.values()) and not SKIPPED.search("/" + route)}


def path_for(route, converters, values):
    """The path of ``route`` with the given parameter values (strings as they stand in the URL)."""
    return "/" + PARAMETER.sub(lambda match: values[match.group("name")], route)


def query_parameters():
    """Every query-string parameter a view or selector of the site reads (not the API: it has its own guard)."""
    names = set()
    for source in OPENKP.rglob("*.py"):
        if "/tests/" in str(source) or "/api" in str(source.relative_to(OPENKP)):
            continue
        names.update(QUERY_READ.findall(source.read_text(encoding="utf-8")))
    return sorted(names)


def reads_query_string(path):
    """Whether the view of ``path`` lives in a module that reads a query string (the others ignore one)."""
    view = resolve(path).func
    view = getattr(view, "view_class", view)
    module = sys.modules[inspect.unwrap(view).__module__]
    return bool(QUERY_READ.search(Path(module.__file__).read_text(encoding="utf-8")))


class ServerError:
    status_int = 500


class BadIdWalk(Walk):
    """The demo walk that keeps, per route, the first page reached and every kind of form on it."""

    def __init__(self, app):
        super().__init__(app)
        self.pages = {}  # route -> a path of it that rendered
        self.forms = {}  # (method, action route, field names) -> (page path, form)
        self.errors = []  # exceptions raised by views, with the request

    def get(self, path):
        page = super().get(path)
        route = route_of(path)
        if route is not None and page.status_int == 200 and page.content_type == "text/html":
            self.pages.setdefault(route, path)
            for form in page.forms.values():
                method = (form.method or "GET").upper()
                action = urlsplit(form.action or path).path or path
                action_route = route_of(action)
                if action_route is None or SKIPPED.search(action) or not id_fields(form) and not number_fields(form):
                    continue
                self.forms.setdefault((method, action_route, tuple(sorted(name for name in form.fields if name))), (path, form))
        return page

    def request(self, method, path, params=None, **kwargs):
        """A GET, or a POST carrying the CSRF token as a browser's form would (in a savepoint rolled back).
        An exception the view lets through is answered as the server would: 500."""
        try:
            with transaction.atomic():
                if method == "POST":
                    params = [*(params or []), ("csrfmiddlewaretoken", self.app.cookies.get("csrftoken", ""))]
                    response = self.app.post(path, params=params, expect_errors=True, **kwargs)
                else:
                    response = self.app.get(path, params=params, expect_errors=True, **kwargs)
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - reported with the URL, the walk goes on
            self.errors.append(f"{method} {path}: {type(error).__name__}: {error}")
            return ServerError()
        return response


def id_fields(form):
    """Names of the form's choice fields whose options are ids (selects, radio buttons, checkbox groups)."""
    names = set()
    for name, fields in form.fields.items():
        for field in fields if name else ():
            if isinstance(field, (Select, MultipleSelect, Radio)):
                values = [value for value, *_rest in field.options]
            elif isinstance(field, Checkbox):
                values = [field._value]
            else:
                continue
            if any(value and value.isascii() and value.isdigit() for value in values):
                names.add(name)
    return names


def number_fields(form):
    return {name for name, fields in form.fields.items() if name and any(field.attrs.get("type") == "number" for field in fields)}


def send_with(walk, form, page_path, bad):
    """The form as rendered, with ``bad`` in every id choice (and a 20-digit number in every number field)."""
    replaced = id_fields(form) | (number_fields(form) if bad == HUGE else set())
    fields = [(name, value) for name, value in form.submit_fields() if name not in replaced and name != "csrfmiddlewaretoken"]
    fields += [(name, bad) for name in sorted(replaced)]
    action = form.action or page_path
    method = (form.method or "GET").upper()
    if method == "POST":
        return walk.request("POST", action, fields, content_type=form.enctype)
    return walk.request("GET", action, fields)


def placeholder(name, converter):
    """A value for a parameter of a route the walk did not reach (the demo area, id 1, a slug)."""
    return "ostrava" if name == "area_slug" else "1" if isinstance(converter, IntConverter) else "x"


def bad_url_parameters(walk):
    """Every URL pattern with an integer parameter, each such parameter in turn set to a bad value."""
    problems, checked = [], 0
    for route, converters in int_routes().items():
        sample = walk.pages.get(route)
        known = resolve(sample).kwargs if sample else {}
        values = {name: converter.to_url(known[name]) if name in known else placeholder(name, converter)
                  for name, converter in converters.items()}
        for name, converter in converters.items():
            if not isinstance(converter, IntConverter):
                continue
            negative = path_for(route, converters, {**values, name: "-1"})
            if route_of(negative) is not None:  # Django's int converter takes digits only: no view sees -1
                problems.append(f"{negative} ({name}=-1) reaches a view")
            path = path_for(route, converters, {**values, name: HUGE})
            response = walk.request("GET", path)
            if response.status_int == 405:  # a POST-only action: sent as its button would
                response = walk.request("POST", path)
            checked += 1
            if response.status_int not in (400, 404):
                problems.append(f"{path} ({name}={HUGE}): {response.status_int}")
    return problems, checked


def bad_query_strings(walk):
    """Every page reached, with every query-string parameter of the site bad: ``get()`` sees the last value,
    ``getlist()`` all of them, so two requests put each bad value in both places."""
    problems, names = [], query_parameters()
    assert {"nad", "polozky", "obdobi", "skupina", "setkani"} <= set(names)
    for path in sorted(path for path in walk.pages.values() if reads_query_string(path)):
        for order in (BAD_VALUES, BAD_VALUES[::-1]):
            url = f"{path}?{urlencode([(name, bad) for name in names for bad in order])}"
            response = walk.request("GET", url)
            if response.status_int >= 500:
                problems.append(f"{url}: {response.status_int}")
    return problems


def bad_form_choices(walk):
    """Every kind of form reached, sent with a 20-digit id and with "abc" in its id choices."""
    problems = []
    for (method, _route, _names), (page_path, form) in sorted(walk.forms.items(), key=lambda item: item[0][:2]):
        for bad in (HUGE, "abc"):
            response = send_with(walk, form, page_path, bad)
            if response.status_int >= 500:
                problems.append(f"{method} {form.action or page_path} (a form on {page_path}) with {bad}: {response.status_int}")
    return problems


@pytest.mark.parametrize("username", ["koordinator", "poskytovatel"])
def test_ids_no_object_has_are_refused_in_urls_query_strings_and_forms(demo, django_app, username):
    walk = BadIdWalk(django_app)
    walk.log_in(username)
    started = time.perf_counter()
    walk.run(send_forms=False)
    assert not walk.problems, "\n".join(walk.problems)
    walked = time.perf_counter()
    problems = bad_form_choices(walk)
    sent = time.perf_counter()
    if username == "koordinator":  # the one who reaches (nearly) every page
        url_problems, checked = bad_url_parameters(walk)
        urls = time.perf_counter()
        problems += url_problems + bad_query_strings(walk)
        print(f"walk {walked - started:.0f} s, forms {sent - walked:.0f} s, URLs {urls - sent:.0f} s, "
              f"query strings {time.perf_counter() - urls:.0f} s; {len(walk.pages)} routes, {len(walk.forms)} forms, {checked} URLs")
        assert checked > 140, f"only {checked} URL parameters checked"
    assert not problems, "\n".join(problems + walk.errors)
    assert len(walk.forms) > (40 if username == "koordinator" else 3), f"only {len(walk.forms)} kinds of form with id choices"
