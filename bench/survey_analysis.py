"""Time of the analysis of survey answers at scale: frequency tables of every question, crosstabs, and the
SQL query count of the analysis page, which must not grow with the number of responses.

Run:
    .venv/bin/python bench/survey_analysis.py                                   # 100,000 responses, SQLite and PostgreSQL
    .venv/bin/python bench/survey_analysis.py --responses 10000 --databases sqlite   # a smaller run (a minute or two)
    .venv/bin/python bench/survey_analysis.py --repeat 5 --postgres postgres://postgres@127.0.0.1:5432

For each database the script re-runs itself as a child process with its own ``DATABASE_URL``: SQLite in a
temporary file (not ``:memory:``), PostgreSQL in a fresh database ``openkp_bench_<pid>`` created on
``--postgres`` (default ``postgres://postgres@127.0.0.1:5432``) and dropped at the end, also on error.

The child migrates, makes one area with the districts of Ostrava and a survey of 30 questions (10 single
choice, 5 multiple choice, 5 scales, 3 matrices of 4 rows, 3 numbers, 2 open texts, the target-group and
the district pickers), then adds responses with ``bulk_create`` (about 45 answers each, a fifth of the
open texts and some questions left empty, four modes of collection) in two steps: 1,000 responses, then
``--responses``. At each step it measures, as the median of ``--repeat`` runs:

* frequencies – ``selectors.analysis.analyse``: frequency tables of all 30 questions with bases, missing
  answers, means and medians;
* crosstab    – target group × district, and a multiple-choice question × the mode of collection;
* filtered    – the frequencies of the responses that picked one choice of one question;
* page        – ``GET`` of the staff analysis page with a crosstab (``django.test.Client``, full render),
  and its SQL query count.

Targets (informational, the exit code is 0 either way): frequencies and each crosstab < 5 s at the
largest size, and the page's query count the same at 1,000 and at the largest size.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from databases import add_arguments, parse_arguments, run_children

ROOT = Path(__file__).resolve().parents[1]
AREA_SLUG = "bench"
SMALL = 1000
CHUNK = 2000
TARGET_SECONDS = 5

CHILD = "--child" in sys.argv
if CHILD:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the benchmark speaks plain HTTP
    os.environ.setdefault("CONN_MAX_AGE", "600")

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    from openkp.accounts.models import Membership, Role, User
    from openkp.catalog.codebooks import load_seed_codebooks
    from openkp.core.models import Area, Municipality, MunicipalityPart
    from openkp.needs.models import Answer, QuestionKind, Response, Survey
    from openkp.needs.selectors.analysis import MODE, Selection, analyse, crosstab, questionnaire
    from openkp.needs.services.surveys import question_add, survey_create

DISTRICTS = ["Mariánské Hory a Hulváky", "Moravská Ostrava a Přívoz", "Ostrava-Jih", "Poruba", "Slezská Ostrava", "Vítkovice"]
WORDS = ["bydlení", "doprava", "lékař", "senioři", "asistence", "poradna", "dluhy", "samota", "péče", "domov", "byt", "autobus"]


# --- the survey and its responses ----------------------------------------------------------------

def questions_plan():
    """(code, kind, extra fields) of the 30 questions."""
    plan = [("skupina", QuestionKind.TARGET_GROUP, {}), ("obvod", QuestionKind.PLACE, {})]
    plan += [(f"jedna{n}", QuestionKind.SINGLE, {"choices": [f"Možnost {c}" for c in range(1, 3 + n % 3)]}) for n in range(1, 11)]
    plan += [(f"vice{n}", QuestionKind.MULTIPLE, {"choices": [f"Položka {c}" for c in range(1, 6 + n % 3)], "allow_other": n == 1})
             for n in range(1, 6)]
    plan += [(f"skala{n}", QuestionKind.SCALE, {}) for n in range(1, 6)]
    plan += [(f"matice{n}", QuestionKind.MATRIX, {"rows": [f"Služba {r}" for r in range(1, 5)],
                                                  "choices": ["Snadno", "Spíše snadno", "Spíše obtížně", "Obtížně"]}) for n in range(1, 4)]
    plan += [(f"cislo{n}", QuestionKind.NUMBER, {}) for n in range(1, 4)]
    plan += [("vzkaz", QuestionKind.SHORT_TEXT, {}), ("napad", QuestionKind.LONG_TEXT, {})]
    return plan


class Bench:
    """One area with one survey, grown in steps; deterministic (fixed seed)."""

    def __init__(self, seed=20250301):
        self.rng = random.Random(seed)
        load_seed_codebooks()
        self.area = Area.objects.create(slug=AREA_SLUG, name="Bench", kind=Area.Kind.MUNICIPALITY)
        city = Municipality.objects.create(code="554821", name="Ostrava")
        self.area.municipalities.add(city)
        MunicipalityPart.objects.bulk_create(MunicipalityPart(municipality=city, code=str(546000 + n), name=name,
                                                              kind=MunicipalityPart.Kind.CITY_DISTRICT) for n, name in enumerate(DISTRICTS))
        self.survey = survey_create(area=self.area, title="Dotazník pro veřejnost", status=Survey.Status.OPEN)
        self.version = self.survey.current_version
        self.questions = [question_add(version=self.version, kind=kind, text=f"Otázka {code}", code=code, **extra)
                          for code, kind, extra in questions_plan()]
        self.choices = {question.pk: list(question.choices.all()) for question in self.questions}
        self.rows = {question.pk: list(question.rows.all()) for question in self.questions}
        self.user = User.objects.create_user(username="koordinator", password="x")
        Membership.objects.create(area=self.area, user=self.user, role=Role.COORDINATOR)
        self.responses = 0
        self.answers = 0

    def grow(self, size):
        started = time.perf_counter()
        while self.responses < size:
            self._add_chunk(min(CHUNK, size - self.responses))
        return time.perf_counter() - started

    def _add_chunk(self, count):
        rng = self.rng
        now = timezone.now()
        modes = rng.choices([mode for mode, _label in Response.Mode.choices], weights=[70, 20, 8, 2], k=count)
        with transaction.atomic():
            responses = Response.objects.bulk_create([
                Response(area=self.area, survey=self.survey, version=self.version, mode=mode, status=Response.Status.COMPLETE,
                         submitted_at=now - timedelta(minutes=rng.randint(0, 60 * 24 * 60))) for mode in modes])
            answers = []
            for response in responses:
                answers += self._answers(response)
            Answer.objects.bulk_create(answers, batch_size=5000)
        self.responses += count
        self.answers += len(answers)

    def _answers(self, response):
        rng = self.rng
        rows = []
        for question in self.questions:
            if rng.random() < 0.08 and question.kind != QuestionKind.TARGET_GROUP:  # left empty
                continue
            choices = self.choices[question.pk]
            if question.kind == QuestionKind.MULTIPLE:
                for choice in rng.sample(choices, rng.randint(1, 3)):
                    rows.append(Answer(response=response, question=question, choice=choice, text="lavička" if choice.is_other else ""))
            elif question.kind == QuestionKind.MATRIX:
                rows += [Answer(response=response, question=question, row=row, choice=rng.choice(choices)) for row in self.rows[question.pk]]
            elif question.kind == QuestionKind.SCALE:
                choice = rng.choices(choices, weights=[1, 2, 4, 5, 3])[0]
                rows.append(Answer(response=response, question=question, choice=choice, number=Decimal(choice.value)))
            elif question.kind == QuestionKind.TARGET_GROUP:
                rows.append(Answer(response=response, question=question, choice=rng.choice(choices[:8])))
            elif question.is_choice:
                rows.append(Answer(response=response, question=question, choice=rng.choice(choices)))
            elif question.kind == QuestionKind.NUMBER:
                rows.append(Answer(response=response, question=question, number=Decimal(rng.randint(15, 95))))
            elif rng.random() < 0.2:
                rows.append(Answer(response=response, question=question, text=" ".join(rng.sample(WORDS, 4))))
        return rows


# --- measuring -----------------------------------------------------------------------------------

def analyze():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


def timed(function, repeat):
    """Median seconds of ``repeat`` runs and the SQL queries of one."""
    function()  # warm-up
    seconds = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            function()
            seconds.append(time.perf_counter() - started)
    return {"seconds": statistics.median(seconds), "queries": len(queries)}


def measure(bench, repeat):
    survey = bench.survey
    merged = questionnaire(survey)
    one_choice = bench.choices[bench.questions[2].pk][0].value
    client = Client()
    client.force_login(bench.user)
    url = f"/{AREA_SLUG}/sprava/potreby/dotazniky/{survey.pk}/analyza/?radky=skupina&sloupce=obvod"

    def page():
        assert client.get(url).status_code == 200

    return {
        "frequencies": timed(lambda: analyse(Selection(survey), merged), repeat),
        "crosstab group × district": timed(lambda: crosstab(Selection(survey), merged, "skupina", "obvod"), repeat),
        "crosstab multiple × mode": timed(lambda: crosstab(Selection(survey), merged, "vice1", MODE), repeat),
        "filtered frequencies": timed(lambda: analyse(Selection(survey, choices={"jedna1": [one_choice]}), merged), repeat),
        "page": timed(page, repeat),
    }


def child(args):
    setup_test_environment()  # the test client may log in; no effect on the measured code
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    print(f"  [{args.child}] {version}; migrated in {time.perf_counter() - started:.1f} s", flush=True)
    bench = Bench()
    out = {"database": args.child, "version": version, "sizes": {}}
    for size in sorted({min(SMALL, args.responses), args.responses}):
        seconds = bench.grow(size)
        analyze()
        print(f"  [{args.child}] {size:,} responses, {bench.answers:,} answers: grown in {seconds:.1f} s", flush=True)
        out["sizes"][str(size)] = {"answers": bench.answers, "build": seconds, "rows": measure(bench, args.repeat)}
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


# --- parent: databases, children, report ---------------------------------------------------------



def report(result):
    sizes = sorted(result["sizes"], key=int)
    print(f"\n=== {result['database']}: {result['version']}, whole run {result['seconds']:.0f} s ===")
    print(f"{'':28}" + "".join(f"{int(size):>14,} resp." for size in sizes) + "   SQL queries")
    names = list(result["sizes"][sizes[0]]["rows"])
    for name in names:
        cells = [result["sizes"][size]["rows"][name] for size in sizes]
        print(f"{name:28}" + "".join(f"{cell['seconds'] * 1000:>15.0f} ms" for cell in cells)
              + "   " + " → ".join(str(cell["queries"]) for cell in cells))
    largest = result["sizes"][sizes[-1]]
    print(f"answers at the largest size: {largest['answers']:,} (built in {largest['build']:.0f} s)")
    verdicts = [(f"{name} < {TARGET_SECONDS} s at {int(sizes[-1]):,}", largest["rows"][name]["seconds"] < TARGET_SECONDS,
                 f"{largest['rows'][name]['seconds']:.2f} s")
                for name in ("frequencies", "crosstab group × district", "crosstab multiple × mode")]
    counts = [result["sizes"][size]["rows"]["page"]["queries"] for size in sizes]
    verdicts.append((f"page queries flat ({' → '.join(map(str, counts))})", len(set(counts)) == 1, ""))
    for name, passed, detail in verdicts:
        print(f"  {'PASS' if passed else 'FAIL'}  {name} {detail}")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--responses", type=int, default=100_000, help="responses at the largest size (default 100,000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement (default 3)")
    add_arguments(parser)
    return parse_arguments(parser)


def main():
    args = parse_args()
    if args.child:
        return child(args)
    print(f"survey analysis: 30 questions, {SMALL:,} and {args.responses:,} responses; databases {', '.join(args.databases)}; "
          f"median of {args.repeat} runs; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)
    run_children(__file__, args, ["--responses", str(args.responses), "--repeat", str(args.repeat)], report)
    return 0


if __name__ == "__main__":
    sys.exit(main() or 0)
