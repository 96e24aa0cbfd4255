"""Every public page and every staff page of the demo is valid HTML by the Nu Html Checker (vnu).

The pages are those the demo walk reaches (one page per URL pattern), anonymously and as the
coordinator, plus the pages no link leads to (the API documentation). They are written to files
and checked by one run of vnu.jar (npm ``vnu-jar``, run by Java: `make install` brings both), as
the W3C checker would. Without Java or the jar the test fails: it is no optional check.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from openkp.demo.tests.test_demo_pages import Walk

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR, "frontend", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
UNLINKED = ["/api/v1/docs/", "/ucet/prihlaseni/", "/ucet/heslo/obnova/", "/ostrava/pripominky/", "/ostrava/monitoring/"]
# The main staff pages: dashboard, groups and a meeting, the plan editor, the survey builder, needs, catalogue.
STAFF_PARTS = ["sprava/", "sprava/skupiny/", "sprava/obdobi/", "sprava/plan/", "sprava/potreby/dotazniky/",
               "sprava/potreby/swot/", "sprava/sluzby/", "sprava/akce/", "sprava/lide/"]


class Collect(Walk):
    """The walk, keeping every page it renders."""

    def __init__(self, app, pages):
        super().__init__(app, pages_per_route=1)
        self.pages = pages

    def get(self, path):
        page = super().get(path)
        if page.status_int == 200 and page.content_type == "text/html":
            self.pages.setdefault(path, page.text)
        return page


def vnu_errors(pages, directory):
    """``{path: [message, ...]}`` of vnu's errors, for the pages (``{path: html}``) that have any."""
    java = shutil.which("java")
    assert java, "Java is missing: `make install` installs it (default-jre-headless)"
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: `make frontend` installs it (npm vnu-jar)"
    files = {}
    for number, (path, html) in enumerate(sorted(pages.items())):
        file = Path(directory, f"page-{number:03d}.html")
        file.write_text(html, encoding="utf-8")
        files[file.name] = path
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--exit-zero-always",
         *(str(Path(directory, name)) for name in files)],
        capture_output=True, text=True, timeout=600, check=True,
    )
    errors = {}
    for message in json.loads(result.stderr)["messages"]:
        path = files.get(message.get("url", "").rpartition("/")[2], message.get("url"))
        extract = " ".join(message.get("extract", "").split())
        errors.setdefault(path, []).append(f"line {message.get('lastLine')}: {message['message']} [{extract}]")
    return errors


def test_public_and_staff_pages_are_valid_html(demo, django_app, tmp_path):
    public, staff = {}, {}
    walk = Collect(django_app, public)
    walk.run(send_forms=False)
    for path in UNLINKED:
        walk.get(path)
    assert set(UNLINKED) <= set(public), "a page outside the walk did not render"
    # The public pages of an area: start, catalogue (search, a service, a provider), guides, events
    # (list, one event with its registration form), news, plans, survey fill-in, placeholders.
    for part in ["sluzby/", "sluzby/pruvodci/", "organizace/", "akce/", "aktuality/", "plan/", "potreby/dotaznik/",
                 "pripominky/", "monitoring/"]:
        assert any(path.startswith(f"/ostrava/{part}") for path in public), f"no public page under /ostrava/{part}"
    assert len(public) > 30, f"only {len(public)} public pages"

    walk = Collect(django_app, staff)
    walk.log_in("koordinator")
    walk.seen.update(public)
    walk.run(send_forms=False)
    for part in STAFF_PARTS:
        assert any(path.startswith(f"/ostrava/{part}") for path in staff), f"no staff page under /ostrava/{part}"
    assert any("/setkani/" in path for path in staff) and any("/otazky/" in path for path in staff)
    assert len(staff) > 80, f"only {len(staff)} staff pages"

    errors = vnu_errors(public | staff, tmp_path)
    report = "\n".join(f"{path}:\n  " + "\n  ".join(messages) for path, messages in sorted(errors.items()))
    assert not errors, f"{sum(map(len, errors.values()))} vnu errors on {len(errors)} of " \
                       f"{len(public | staff)} pages:\n{report}"
