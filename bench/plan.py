"""The community plan at scale: loading the tree, snapshots, the diff of two versions, exports, documents and
the SQL query counts of the plan's pages, for a small plan and a big one.

Run:
    .venv/bin/python bench/plan.py                           # SQLite and PostgreSQL, 5 timed runs per figure
    .venv/bin/python bench/plan.py --databases sqlite --repeat 3
    .venv/bin/python bench/plan.py --no-documents            # without the (slow) DOCX and PDF of the big plan
    .venv/bin/python bench/plan.py --postgres postgres://postgres@127.0.0.1:5432

For each database the script re-runs itself as a child process with its own ``DATABASE_URL``: SQLite in a
temporary file, PostgreSQL in a fresh database ``openkp_bench_<pid>`` created on ``--postgres`` (default
``postgres://postgres@127.0.0.1:5432``, or ``BENCH_POSTGRES``) and dropped at the end, also on error.

The child makes two areas: one with ``factories.small_plan`` (4 measures) and one with the big plan of
``openkp.plans.documents.sample_plan.large_plan``, built with ``bulk_create``: 2025–2028 (4 years), the 7 default
funding sources, 6 priorities × 5 goals × 10 measures = 300 measures, 800 activities (2–3 per measure) with a
milestone each, 900 indicators (3 per measure) with a target per year, 100 risks, 5 chapters, and costs: every
measure in 3 sources and every activity in 2 sources in each of the 4 years (10,000 cost rows). It then measures (median of ``--repeat`` runs):

* ``load_tree`` of the big plan (time and SQL queries), ``snapshot`` and saving a named version;
* ``diff`` of two versions of the big plan: version 1, then about 10 % of the items and of the money changed
  (30 measures renamed, 5 moved to another goal, 10 added with costs, 10 activities deleted, 80 activities
  edited, 90 indicator targets, 10 risks and 1,000 cost cells changed), version 2;
* the budget XLSX, the diff XLSX and a new draft (a copy of the whole plan) of the big plan;
* the plan document as DOCX and PDF (``openkp.plans.documents.plan_docx`` / ``plan_pdf``), once each;
* the SQL queries and time of the staff plan page (``plans:detail``), the public plan page (``plans:public``)
  and the diff page (``plans:version_diff``) at the small and at the big plan.

Pages or functions that do not exist (yet) are skipped with a note. Timings depend on the machine and on its
load (printed at the start): compare runs on the same machine. The exit code is 0 either way.
"""

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from databases import add_arguments, parse_arguments, run_children

ROOT = Path(__file__).resolve().parents[1]
YEARS = (2025, 2028)
PRIORITIES, GOALS_PER_PRIORITY, MEASURES_PER_GOAL = 6, 5, 10
ACTIVITIES, INDICATORS_PER_MEASURE = 800, 3
# the time targets, in seconds
TARGETS = {"diff of two versions (big)": 1.0, "DOCX of the big plan": 3.0, "PDF of the big plan": 10.0}

CHILD = "--child" in sys.argv
if CHILD:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the benchmark speaks plain HTTP
    os.environ.setdefault("CONN_MAX_AGE", "600")

    import django
    import pikepdf

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import NoReverseMatch, reverse

    from openkp.accounts.models import Membership, Role, User
    from openkp.catalog.codebooks import load_seed_codebooks
    from openkp.core.models import Area
    from openkp.plans import exports
    from openkp.plans.documents.sample_plan import large_plan
    from openkp.plans.models import (
        Activity,
        Cost,
        Goal,
        Indicator,
        IndicatorTarget,
        Measure,
        Plan,
        Risk,
    )
    from openkp.plans.selectors.tree import load_tree
    from openkp.plans.services import hierarchy
    from openkp.plans.services.budget import funding_sources
    from openkp.plans.services.snapshot import snapshot
    from openkp.plans.services.versions import create_version, diff, new_draft
    from openkp.plans.tests import factories


# --- the big plan --------------------------------------------------------------------------------

def change_ten_percent(plan, rng):
    """About 10 % of the items and the money of the plan changed (see the module docstring)."""
    measures = list(Measure.objects.filter(plan=plan).select_related("plan").order_by("pk"))
    renamed = rng.sample(measures, 30)
    for measure in renamed:
        measure.title += " (upraveno)"
    Measure.objects.bulk_update(renamed, ["title"])
    goals = list(Goal.objects.filter(plan=plan).order_by("pk"))
    for measure in rng.sample([m for m in measures if m not in renamed], 5):
        hierarchy.move(Measure.objects.select_related("plan").get(pk=measure.pk), parent=rng.choice(goals), position=1)
    sources = funding_sources(plan.area)
    for number in range(10):
        added = factories.measure(rng.choice(goals), f"Nové opatření {number}")
        Cost.objects.bulk_create(Cost(area=plan.area, plan=plan, measure=added, year=year, source=sources[number % 7],
                                      amount=Decimal(50_000)) for year in plan.years)
    activities = list(Activity.objects.filter(plan=plan).select_related("plan").order_by("pk"))
    for activity in rng.sample(activities, 10):
        hierarchy.delete(Activity.objects.select_related("plan").get(pk=activity.pk))
    edited = [activity for activity in Activity.objects.filter(plan=plan).order_by("?")[:80]]
    for activity in edited:
        activity.responsible_party = "Poskytovatel služby"
    Activity.objects.bulk_update(edited, ["responsible_party"])
    targets = list(IndicatorTarget.objects.filter(indicator__plan=plan).order_by("?")[:90])
    for target in targets:
        target.value += 5
    IndicatorTarget.objects.bulk_update(targets, ["value"])
    risks = list(Risk.objects.filter(plan=plan)[:10])
    for risk in risks:
        risk.probability = 4
    Risk.objects.bulk_update(risks, ["probability"])
    costs = list(Cost.objects.filter(plan=plan).order_by("?")[:1000])
    for cost in costs:
        cost.amount += 1000
    Cost.objects.bulk_update(costs, ["amount"], batch_size=500)


# --- measuring -----------------------------------------------------------------------------------

def analyze():
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def timed(function, repeat):
    """Median seconds of ``repeat`` runs (after a warm-up) and the SQL queries of one run."""
    function()
    seconds = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            function()
            seconds.append(time.perf_counter() - started)
    return {"seconds": statistics.median(seconds), "queries": len(queries)}


def once(function):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - started
    return result, {"seconds": seconds, "queries": len(queries)}


def page(client, name, repeat, query="", **kwargs):
    """Time and SQL queries of GET of the page ``name``, or a note when the URL does not exist or does not answer 200."""
    try:
        url = reverse(name, kwargs=kwargs) + query
    except NoReverseMatch:
        return {"note": f"no URL named {name}"}

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    try:
        return timed(get, repeat)
    except Exception as error:  # a page another part of the plan is still building: report it, measure the rest
        return {"note": f"{type(error).__name__}: {error}"[:200]}


def documents(data):
    try:
        from openkp.plans.documents import plan_docx, plan_pdf
    except ImportError:
        return {"DOCX of the big plan": {"note": "openkp.plans.documents.plan_docx is not there"},
                "PDF of the big plan": {"note": "openkp.plans.documents.plan_pdf is not there"}}
    docx, docx_figure = once(lambda: plan_docx(data))
    pdf, pdf_figure = once(lambda: plan_pdf(data))
    docx_figure["size"], pdf_figure["size"] = len(docx), len(pdf)
    pdf_figure["pages"] = len(pikepdf.open(io.BytesIO(pdf)).pages)
    return {"DOCX of the big plan": docx_figure, "PDF of the big plan": pdf_figure}


def area_with_coordinator(slug, name, user):
    area = Area.objects.create(slug=slug, name=name, kind=Area.Kind.MUNICIPALITY)
    Membership.objects.create(area=area, user=user, role=Role.COORDINATOR)
    return area


def put_in_force(plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.IN_FORCE, resolution_number="1/ZM/2025", resolution_date=date(2025, 1, 20))
    plan.refresh_from_db()


def child(args):
    setup_test_environment()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_seed_codebooks()
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    print(f"  [{args.child}] {version}; migrated in {time.perf_counter() - started:.1f} s", flush=True)
    rng = random.Random(20250301)
    user = User.objects.create_user(username="koordinator", password="x")
    small_area = area_with_coordinator("mala", "Malá obec", user)
    big_area = area_with_coordinator("velka", "Velké město", user)
    small = factories.small_plan(small_area)
    started = time.perf_counter()
    big = large_plan(big_area)
    built = time.perf_counter() - started
    analyze()
    counts = {"measures": Measure.objects.filter(plan=big).count(), "activities": Activity.objects.filter(plan=big).count(),
              "indicators": Indicator.objects.filter(plan=big).count(), "costs": Cost.objects.filter(plan=big).count()}
    print(f"  [{args.child}] big plan {counts} built in {built:.1f} s", flush=True)
    rows = {}
    rows["load_tree (big)"] = timed(lambda: load_tree(big), args.repeat)
    rows["load_tree (small)"] = timed(lambda: load_tree(small), args.repeat)
    rows["snapshot (big)"] = timed(lambda: snapshot(big), args.repeat)
    first, rows["create_version (big)"] = once(lambda: create_version(plan=big, name="verze 1", user=user))
    change_ten_percent(big, rng)
    second = create_version(plan=big, name="verze 2", user=user)
    old, new = first.snapshot, second.snapshot
    rows["diff of two versions (big)"] = timed(lambda: diff(old, new), args.repeat)
    result = diff(old, new)
    rows["diff of two versions (big)"]["found"] = {
        "added": len(result.added), "removed": len(result.removed), "changed": len(result.changed), "moved": len(result.moved),
        "cost items": len(result.cost_changes), "cost cells": sum(len(change.cells) for change in result.cost_changes),
        "totals": len(result.totals)}
    tree = load_tree(big, details=False)
    rows["budget XLSX (big)"] = timed(lambda: exports.budget_xlsx(tree), args.repeat)
    rows["diff XLSX (big)"] = timed(lambda: exports.diff_xlsx(result), args.repeat)
    if not args.no_documents:
        rows.update(documents(new))
    client = Client()
    client.force_login(user)
    small_version = create_version(plan=small, name="verze 1", user=user)
    Measure.objects.filter(plan=small, title="Katalog sociálních služeb").update(title="Katalog a web sociálních služeb")
    rows["diff page (small)"] = page(client, "plans:version_diff", args.repeat, query=f"?od={small_version.pk}&do=current",
                                     area_slug=small.area.slug, pk=small.pk)
    rows["diff page (big)"] = page(client, "plans:version_diff", args.repeat, query=f"?od={first.pk}&do=current",
                                   area_slug=big.area.slug, pk=big.pk)
    for label, plan in (("small", small), ("big", big)):
        rows[f"staff plan page ({label})"] = page(client, "plans:detail", args.repeat, area_slug=plan.area.slug, pk=plan.pk)
    for plan in (small, big):
        put_in_force(plan)
    for label, plan in (("small", small), ("big", big)):
        rows[f"public plan page ({label})"] = page(client, "plans:public", args.repeat, area_slug=plan.area.slug)
    _draft, rows["new_draft (big, copy of the plan)"] = once(lambda: new_draft(plan=big, user=user))
    out = {"database": args.child, "version": version, "counts": counts, "built": built, "rows": rows}
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


# --- parent: databases, children, report ---------------------------------------------------------

def report(result):
    print(f"\n=== {result['database']}: {result['version']}, whole run {result['seconds']:.0f} s ===")
    print(f"big plan: {result['counts']}, built with bulk_create in {result['built']:.1f} s")
    print(f"{'':36}{'ms':>10}{'SQL queries':>13}")
    for name, row in result["rows"].items():
        if "note" in row:
            print(f"{name:36}{'skipped: ' + row['note']:>23}")
            continue
        extra = f"   {row['size'] / 1024:,.0f} kB" if "size" in row else ""
        extra += f", {row['pages']} pages" if "pages" in row else ""
        print(f"{name:36}{row['seconds'] * 1000:>10.1f}{row['queries']:>13}{extra}")
        if "found" in row:
            print(f"{'':36}found: {row['found']}")
    for name, target in TARGETS.items():
        row = result["rows"].get(name, {})
        if "seconds" in row:
            verdict = "PASS" if row["seconds"] < target else "FAIL"
            print(f"  {verdict}  {name} < {target:.0f} s ({row['seconds']:.2f} s)")
    pairs = [(name.replace("(small)", ""), result["rows"].get(name), result["rows"].get(name.replace("small", "big")))
             for name in result["rows"] if "(small)" in name and "page" in name]
    for name, small, big in pairs:
        if small and big and "queries" in small and "queries" in big:
            flat = small["queries"] == big["queries"]
            print(f"  {'PASS' if flat else 'FAIL'}  {name.strip()} queries flat ({small['queries']} → {big['queries']})")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (default 5)")
    parser.add_argument("--no-documents", action="store_true", help="skip the DOCX and PDF of the big plan")
    add_arguments(parser)
    return parse_arguments(parser)


def main():
    args = parse_args()
    if args.child:
        return child(args)
    print(f"plan: a small plan and one of 300 measures, 800 activities, 900 indicators, 4 years × 7 sources; databases "
          f"{', '.join(args.databases)}; median of {args.repeat} runs; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}",
          flush=True)
    run_children(__file__, args, ["--repeat", str(args.repeat), *(["--no-documents"] if args.no_documents else [])], report)
    return 0


if __name__ == "__main__":
    sys.exit(main() or 0)
