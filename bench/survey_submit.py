"""Latency of submitting the public survey form under a bounded load on the loopback interface.

Run:
    .venv/bin/python bench/survey_submit.py                        # 600 respondents, 4 at a time, SQLite and PostgreSQL
    .venv/bin/python bench/survey_submit.py --respondents 200 --concurrency 8 --databases sqlite

For each database the script prepares a fresh one (SQLite in a temporary file; PostgreSQL a database
``openkp_bench_<pid>`` on ``--postgres``, dropped at the end), migrates it and creates an area with the districts of
Ostrava and an open survey of the demo's shape (target-group and district pickers, single and multiple choice with
"jiné", a conditional question, a scale, a matrix, a number and an open text). Then it starts gunicorn on
127.0.0.1 (``--workers``, default 2 = the CPUs of the benchmark machine) and lets ``--concurrency`` simulated
respondents at a time (each with its own cookies, like a browser) open the form (GET) and submit it (POST with the
CSRF token and filled-in answers; a 302 to the thanks page is a success). It prints p50 and p95 of the GET and of
the POST, the throughput, and checks that the database holds exactly one complete response per respondent.

Target (from the issue; informational, the exit code is 0 either way): POST p50 < 100 ms.
The per-address rate limit of the form is raised for the run (``NEEDS_RESPONSE_RATE``): all respondents come from
127.0.0.1.
"""

import argparse
import html.parser
import http.cookiejar
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from databases import database

ROOT = Path(__file__).resolve().parents[1]
AREA_SLUG = "bench"
SURVEY_SLUG = "dotaznik"
WARMUP = 20
TARGET_MS = 100


# --- the server's side: database and survey ---------------------------------------------------------------

def setup_database():
    """Migrate and create the area with an open survey (runs in a child process with DATABASE_URL set)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from openkp.catalog.codebooks import load_seed_codebooks
    from openkp.core.models import Area
    from openkp.needs.models import QuestionKind, Survey
    from openkp.needs.services.surveys import question_add, section_add, survey_create
    from openkp.needs.tests.factories import districts

    call_command("migrate", verbosity=0)
    load_seed_codebooks()
    area = Area.objects.create(slug=AREA_SLUG, name="Benchmark", kind=Area.Kind.STATUTORY_CITY)
    city = districts(area)
    area.municipalities.add(city)
    survey = survey_create(area=area, title="Dotazník", slug=SURVEY_SLUG, status=Survey.Status.OPEN)
    version = survey.current_version
    section = section_add(version=version, title="Otázky")

    def add(kind, code, text, **extra):
        return question_add(version=version, section=section, kind=kind, code=code, text=text, **extra)

    add(QuestionKind.TARGET_GROUP, "skupina", "Kdo jste?", required=True)
    add(QuestionKind.PLACE, "obvod", "Kde bydlíte?", required=True)
    know = add(QuestionKind.SINGLE, "orientace", "Víte, kam se obrátit?", required=True, choices=[("ano", "Ano"), ("ne", "Ne")])
    add(QuestionKind.LONG_TEXT, "proc", "Co by pomohlo?", show_if_question=know, show_if_values=["ne"])
    add(QuestionKind.MULTIPLE, "chybi", "Co chybí?", allow_other=True,
        choices=[("bydleni", "Bydlení"), ("doprava", "Doprava"), ("odlehcovaci", "Odlehčovací služba")])
    add(QuestionKind.SCALE, "spokojenost", "Spokojenost")
    add(QuestionKind.MATRIX, "dostupnost", "Dostupnost", rows=[("lekar", "Lékař"), ("urad", "Úřad")],
        choices=[("snadno", "Snadno"), ("obtizne", "Obtížně")])
    add(QuestionKind.NUMBER, "vek", "Věk", min_value=0, max_value=120)
    add(QuestionKind.LONG_TEXT, "pomoc", "Co by vám nejvíce pomohlo?")


def count_responses():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from openkp.needs.models import Response

    complete = Response.objects.filter(survey__slug=SURVEY_SLUG, status=Response.Status.COMPLETE).count()
    print(f"COUNT {complete} {Response.objects.count()}")


# --- the respondents' side ------------------------------------------------------------------------------

class FormReader(html.parser.HTMLParser):
    """The inputs of the survey form: hidden values, radio/checkbox groups, selects, texts."""

    def __init__(self):
        super().__init__()
        self.hidden, self.radios, self.checkboxes, self.selects, self.texts, self.numbers = {}, {}, {}, {}, [], []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind == "hidden":
                self.hidden[name] = attrs.get("value", "")
            elif kind == "radio":
                self.radios.setdefault(name, []).append(attrs.get("value"))
            elif kind == "checkbox":
                self.checkboxes.setdefault(name, []).append(attrs.get("value"))
            elif kind in ("text", "number") and name != "website" and name.startswith("q-"):
                (self.numbers if kind == "number" or "inputmode" in attrs else self.texts).append(name)
        elif tag == "textarea" and name:
            self.texts.append(name)
        elif tag == "select" and name:
            self._select = name
            self.selects[name] = []
        elif tag == "option" and self._select and attrs.get("value"):
            self.selects[self._select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def answers(form, rng):
    data = dict(form.hidden)
    for name, values in form.radios.items():
        data[name] = rng.choice(values)
    for name, values in form.selects.items():
        data[name] = rng.choice(values)
    for name in form.numbers:
        data[name] = str(rng.randint(18, 95))
    for name in form.texts:
        if not name.endswith("__other"):
            data[name] = rng.choice(["Dostupné bydlení pro rodiny.", "Pečovatelská služba i o víkendu.", ""])
    pairs = list(data.items())
    for name, values in form.checkboxes.items():
        pairs += [(name, value) for value in rng.sample([value for value in values if value != "other"], k=1)]
    pairs += [("website", ""), ("odeslat", "")]
    return urllib.parse.urlencode(pairs).encode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def respond(base, seed):
    """One respondent: GET the form, POST it; (GET ms, POST ms, status of the POST)."""
    rng = random.Random(seed)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    url = f"{base}/{AREA_SLUG}/potreby/dotaznik/{SURVEY_SLUG}/"
    started = time.perf_counter()
    with opener.open(url) as response:
        page = response.read().decode()
    got = (time.perf_counter() - started) * 1000
    form = FormReader()
    form.feed(page)
    request = urllib.request.Request(url, data=answers(form, rng), headers={"Referer": url})
    started = time.perf_counter()
    try:
        with opener.open(request) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    posted = (time.perf_counter() - started) * 1000
    return got, posted, status


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round((len(ordered) - 1) * fraction)))]


# --- orchestration ---------------------------------------------------------------------------------------

def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(kind, args):
    with database(kind, args.postgres) as url:
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "SECURE_COOKIES": "0", "SECURE_SSL_REDIRECT": "0", "STATIC_MANIFEST": "0",
               "NEEDS_RESPONSE_RATE": "1000000", "CONN_MAX_AGE": "600", "ALLOWED_HOSTS": "127.0.0.1"}
        subprocess.run([sys.executable, __file__, "--setup"], env=env, cwd=ROOT, check=True)
        port = free_port()
        server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "-w", str(args.workers),
                                   "-b", f"127.0.0.1:{port}", "--log-level", "warning"], env=env, cwd=ROOT)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):  # wait for the workers
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.2)
            with ThreadPoolExecutor(args.concurrency) as pool:
                list(pool.map(lambda seed: respond(base, seed), range(WARMUP)))
                started = time.perf_counter()
                results = list(pool.map(lambda seed: respond(base, seed), range(WARMUP, WARMUP + args.respondents)))
                seconds = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait()
        counted = subprocess.run([sys.executable, __file__, "--count"], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
        complete, total = map(int, counted.stdout.split("COUNT")[-1].split())
    gets = [row[0] for row in results]
    posts = [row[1] for row in results]
    failed = sum(1 for row in results if row[2] != 302)
    print(f"\n=== {kind}: {args.respondents} respondents, {args.concurrency} at a time, gunicorn {args.workers} workers, "
          f"load average {os.getloadavg()[0]:.1f} ===")
    print(f"GET  form   p50 {statistics.median(gets):7.1f} ms   p95 {percentile(gets, 0.95):7.1f} ms")
    print(f"POST submit p50 {statistics.median(posts):7.1f} ms   p95 {percentile(posts, 0.95):7.1f} ms   "
          f"{'PASS' if statistics.median(posts) < TARGET_MS else 'FAIL'} (target p50 < {TARGET_MS} ms)")
    print(f"{args.respondents / seconds:.1f} respondents/s; POSTs not answered with a redirect to the thanks page: {failed}; "
          f"complete responses in the database: {complete} (expected {args.respondents + WARMUP}), all responses {total}")


def main():
    if "--setup" in sys.argv:
        return setup_database()
    if "--count" in sys.argv:
        return count_responses()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"))
    args = parser.parse_args()
    print(f"survey submit: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)
    for kind in [value.strip() for value in args.databases.split(",") if value.strip()]:
        run(kind, args)
    return 0


if __name__ == "__main__":
    sys.exit(main() or 0)
