"""Search quality of the public catalogue: judged plain-Czech queries against the demo data, precision@5 and MRR.

Run:
    .venv/bin/python bench/search_quality.py             # a throw-away SQLite database with the demo data
    .venv/bin/python bench/search_quality.py --verbose   # also the first five results of every query

The script migrates a fresh database, loads the demo (``demo_data``), then asks the catalogue of ``ostrava`` each
query of ``JUDGEMENTS`` through ``selectors.service_search`` (the selector of the HTML page and the API) and judges
the first page: a result is relevant when the judgement's predicate accepts it. The predicates name what a social
worker would send the person to (service types by their section of Act No. 108/2006 Coll., target groups, activity
categories, a provider), not ids, so that they survive changes of the invented demo names.

Metrics, as search engineers use them for a judged query set:
* precision@5 – relevant results among the first five, divided by five;
* reciprocal rank – 1 / position of the first relevant result on the first page (0 when there is none); MRR is its mean.

Keep the set growing: add a query whenever a citizen's search found the wrong thing.
"""

import argparse
import os
import sys
import time
from pathlib import Path

from databases import sqlite_database

ROOT = Path(__file__).resolve().parents[1]
AREA_SLUG = "ostrava"
CUTOFF = 5

SEN = "senioři"
CAR = "pečující osoby"
DEM = "osoby žijící s demencí"
HOM = "osoby bez přístřeší"
ADD = "osoby ohrožené závislostí nebo závislé na návykových látkách"
DVV = "oběti domácího násilí"
VIS = "osoby se zrakovým postižením"
HEA = "osoby se sluchovým postižením"
PHY = "osoby s tělesným postižením"
MEN = "osoby s chronickým duševním onemocněním"
IMM = "imigranti a azylanti"
FAM = "rodiny s dítětem/dětmi"
LEA = "osoby do 26 let věku opouštějící školská zařízení pro výkon ústavní péče"


def sections(*wanted):
    return lambda service: bool(service.service_type and service.service_type.section in wanted)


def groups(*wanted):
    return lambda service: any(group.name in wanted for group in service.target_groups.all())


def category(*wanted):
    return lambda service: bool(service.activity_category and service.activity_category.name in wanted)


def name_contains(*parts):
    return lambda service: any(part in service.name.lower() for part in parts)


def both(first, second):
    return lambda service: first(service) and second(service)


def either(*predicates):
    return lambda service: any(predicate(service) for predicate in predicates)


HOME_CARE = either(sections("40", "41", "44"), both(sections("39"), groups(SEN, DEM)))
HOMELESS = either(sections("57", "63", "61", "58"), both(sections("37", "69"), groups(HOM)))
ADDICTION = either(sections("59", "68", "64"), groups(ADD))
DEBTS = either(name_contains("dluh"), category("Dluhové poradenství"))
VIOLENCE = either(sections("60a"), groups(DVV))

# (query or {"q": …, "situations": […]}, predicate); "{ico}", "{ico_spaced}" and "{identifier}" are replaced
# with the IČO of the provider of the first pečovatelská služba and the registry identifier of that service.
JUDGEMENTS = [
    ("bezdomovec", HOMELESS),
    ("bezdomovci", HOMELESS),
    ("jsem bez domova", HOMELESS),
    ("kde přespat", either(sections("63", "57", "61"))),
    ("noclehárna", sections("63")),
    ("azylový dům pro matky s dětmi", sections("57")),
    ("maminka nezvládá doma", HOME_CARE),
    ("péče o mámu", either(HOME_CARE, sections("46", "49"))),
    ("pomoc doma senior", HOME_CARE),
    ("babička potřebuje pomoc", either(HOME_CARE, sections("46", "45"))),
    ("táta má demenci", either(groups(DEM), sections("50"))),
    ("seniorka", groups(SEN)),
    ("pečovatelka", sections("40")),
    ("dovoz obědů", sections("40")),
    ("tísňové tlačítko", sections("41")),
    ("odlehčovací služba", sections("44")),
    ("potřebuju si od péče odpočinout", sections("44")),
    ("domov pro seniory", sections("49", "50")),
    ("drogy", ADDICTION),
    ("fet", ADDICTION),
    ("alkohol", ADDICTION),
    ("gambler", ADDICTION),
    ("exekuce", DEBTS),
    ("dluhy", DEBTS),
    ("bije mě manžel", VIOLENCE),
    ("domácí násilí", VIOLENCE),
    ("linka důvěry", sections("55")),
    ("chci si promluvit", sections("55", "60")),
    ("nevidomý", either(groups(VIS), sections("42"))),
    ("neslyšící tlumočník", either(sections("56"), groups(HEA))),
    ("vozíčkář", groups(PHY)),
    ("deprese", either(groups(MEN), sections("55", "60"))),
    ("cizinec", groups(IMM)),
    ("puberťák problémy", sections("62", "65")),
    ("odchod z dětského domova", either(sections("58"), groups(LEA))),
    ("práce pro postižené", sections("67", "70")),
    ("chráněné bydlení", sections("51")),
    ("denní stacionář", sections("46")),
    ({"q": "{ico}"}, "provider"),
    ({"q": "{ico_spaced}"}, "provider"),
    ({"q": "{identifier}"}, "identified"),
    ({"situations": ["senior-pomoc-doma"]}, both(HOME_CARE, either(groups(SEN, DEM, CAR), category("Zdravotně-sociální pomoc")))),
    ({"situations": ["pecuji-o-blizkeho"]}, either(sections("44", "40"), groups(CAR))),
    ({"situations": ["ztrata-bydleni"]}, HOMELESS),
]


def setup(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from openkp.demo.data import load_demo_data

    call_command("migrate", verbosity=0)
    load_demo_data()


def evaluate(verbose=False):
    from openkp.catalog.models import Service
    from openkp.catalog.selectors import SearchFilters, service_search
    from openkp.core.models import Area

    area = Area.objects.get(slug=AREA_SLUG)
    sample = Service.objects.for_area(area).public().filter(service_type__section="40").select_related("provider").order_by("pk").first()
    ico = sample.provider.ico
    values = {"ico": ico, "ico_spaced": f"{ico[:3]} {ico[3:5]} {ico[5:]}", "identifier": sample.registry_identifier}
    special = {"provider": lambda service: service.provider_id == sample.provider_id, "identified": lambda service: service.pk == sample.pk}
    rows = []
    for asked, predicate in JUDGEMENTS:
        asked = {"q": asked} if isinstance(asked, str) else dict(asked)
        query = asked.get("q", "").format(**values)
        predicate = special.get(predicate, predicate)
        started = time.perf_counter()
        result = service_search(area=area, filters=SearchFilters(query=query, situations=asked.get("situations", [])), with_facets=False)
        elapsed = (time.perf_counter() - started) * 1000
        page = list(result.page)
        judged = [bool(predicate(service)) for service in page]
        precision = sum(judged[:CUTOFF]) / CUTOFF
        first = next((position for position, relevant in enumerate(judged, start=1) if relevant), None)
        label = query or "situace: " + ", ".join(asked["situations"])
        if query and asked.get("situations"):
            label += " + situace " + ", ".join(asked["situations"])
        rows.append((label, result.total, precision, 1 / first if first else 0.0, elapsed))
        if verbose:
            print(f"  {label}")
            for service, relevant in zip(page[:CUTOFF], judged):
                print(f"      {'+' if relevant else '-'} {service.name} ({service.service_type or service.activity_category})")
    return rows


def report(rows):
    print(f"\n{'query':<40} {'found':>6} {'P@5':>5} {'RR':>5} {'ms':>6}")
    for label, total, precision, reciprocal, elapsed in rows:
        print(f"{label[:40]:<40} {total:>6} {precision:>5.2f} {reciprocal:>5.2f} {elapsed:>6.1f}")
    count = len(rows)
    print(f"\n{count} judged queries: mean precision@{CUTOFF} {sum(row[2] for row in rows) / count:.3f}, "
          f"MRR {sum(row[3] for row in rows) / count:.3f}, "
          f"queries with no relevant result on the first page: {sum(1 for row in rows if row[3] == 0)}, "
          f"finding nothing: {sum(1 for row in rows if row[1] == 0)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print the first five results of every query")
    args = parser.parse_args()
    with sqlite_database() as url:
        started = time.perf_counter()
        setup(url)
        print(f"demo data loaded in {time.perf_counter() - started:.1f} s")
        report(evaluate(verbose=args.verbose))


if __name__ == "__main__":
    main()
