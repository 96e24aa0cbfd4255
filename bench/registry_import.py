"""Timing of the national registry import on a national-size file.

Run: .venv/bin/python bench/registry_import.py [N]   (N records, default 7000)
Generates N invented records in the real RPSS format (about three facilities each, forms with
capacities, several target groups), imports them into a fresh in-memory SQLite database, then
imports the same file again, which must leave everything unchanged. Target: a full import under 60 s.
"""

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "sqlite:///:memory:")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the benchmark speaks plain HTTP

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from openkp.catalog.models import Facility, Service  # noqa: E402
from openkp.catalog.registry import import_registry  # noqa: E402
from openkp.core.models import Area, Municipality, MunicipalityPart  # noqa: E402
from openkp.core.validators import ico_check_digit  # noqa: E402

MUNICIPALITIES = 600
SERVICE_TYPES = [1, 3, 4, 5, 8, 9, 10, 13, 14, 18, 23, 29, 33]
TARGET_GROUPS = [24, 26, 27, 30, 41, 42, 43, 44]
FORMS = {"amb": ["klient", "kontakt", "interv"], "pob": ["luzka", "klient"], "ter": ["klient", "interv", "hovor"]}
STREETS = ["Nádražní", "Školní", "Na Výsluní", "Komenského", "Zahradní", "Husova", None]


def ico(number):
    first_seven = f"{number:07d}"
    return first_seven + str(ico_check_digit(first_seven))


def contacts(key, *values):
    return [{key: value, "poznamka": None} for value in values]


def address(rng, n):
    street = rng.choice(STREETS)
    return {
        "cisloDomovni": rng.randint(1, 3000), "cisloOrientacni": rng.choice([None, str(rng.randint(1, 90)), f"{rng.randint(1, 40)}b"]),
        "dodatekAdresy": None, "kodAdresnihoMista": 90000000 + n, "psc": f"{rng.randint(10000, 79999)}",
        "typCislaDomovniho": {"id": "TypStavebnihoObjektu/1"}, "kraj": {"id": "Kraj/51"}, "okres": {"id": "Okres/3402"},
        "obec": {"id": f"Obec/{500000 + rng.randrange(MUNICIPALITIES)}"},
        "castObce": {"id": f"CastObce/{700000 + rng.randrange(MUNICIPALITIES)}"},
        "mestskyObvodMestskaCast": None, "mestskyObvodVPraze": None,
        "ulice": {"nazev": street} if street else None,
    }


def facility(rng, n, name):
    return {
        "id": None, "portalId": None, "identifikator": None, "nazev": name,
        "adresa": None if rng.random() < 0.03 else address(rng, n),
        "poskytujeOd": "2015-01-01", "poskytujeDo": None, "vedouci": {"jmeno": "Jan", "prijmeni": "Vedoucí"},
    }


def form(rng, code):
    types = rng.sample(FORMS[code], rng.randint(1, 2))
    return {
        "forma": {"id": f"FormaSocialniSluzby/{code}"}, "nepretrzitePoskytovani": code == "pob", "casoveRozsahy": None,
        "kapacity": [{"pocet": rng.randint(1, 900), "popis": rng.choice([None, "Maximální okamžitá kapacita."]),
                      "typ": {"id": f"TypKapacitySocialniSluzby/{kind}"}} for kind in types],
    }


def record(rng, n):
    provider_number = n // 4
    name = f"Služba {n} organizace {provider_number}"
    return {
        "portalId": 1_000_000 + n, "id": None, "identifikator": str(2_000_000 + n),
        "datumPoskytovaniOd": "2010-01-01", "datumPoskytovaniDo": "2014-12-31" if rng.random() < 0.05 else None,
        "kontaktniAdresy": [], "druhSocialniSluzby": {"id": f"DruhSocialniSluzby/{rng.choice(SERVICE_TYPES)}"},
        "zarizeni": [facility(rng, 3 * n + k, f"{name} – středisko {k}") for k in range(rng.randint(1, 5))],
        "poskytovatel": {
            "ico": ico(3_000_000 + provider_number), "nazev": f"Organizace {provider_number}, z. ú.",
            "weby": contacts("web", f"www.org{provider_number}.example"), "emaily": contacts("email", f"info@org{provider_number}.example"),
            "telefony": contacts("telefon", "999 000 111"), "statutarniOrgany": [{"jmeno": "Jana", "prijmeni": "Vzorová"}],
        },
        "emaily": contacts("email", f"sluzba{n}@org{provider_number}.example"), "telefony": contacts("telefon", "999 111 222"),
        "faxy": [], "weby": contacts("web", f"https://org{provider_number}.example/sluzba-{n}") if rng.random() < 0.7 else [],
        "ciloveSkupiny": [{"cilovaSkupina": {"id": f"CilovaSkupinaOsoby/{group}"}} for group in rng.sample(TARGET_GROUPS, rng.randint(1, 4))],
        "vekoveSkupiny": [], "doplnujiciInformaceVekoveSkupiny": None,
        "formy": [form(rng, code) for code in rng.sample(sorted(FORMS), rng.randint(1, 2))],
        "rozsirenePusobnostiVKraji": [],
        "doplnkoveUdaje": {"realizacePoskytovani": [{"priloha": {"url": f"https://example.org/dokumenty/{n}"}}]},
    }


def area_with_municipalities():
    municipalities = Municipality.objects.bulk_create(
        Municipality(code=str(500000 + n), name=f"Obec {n}") for n in range(MUNICIPALITIES)
    )
    MunicipalityPart.objects.bulk_create(
        MunicipalityPart(municipality=municipality, code=str(700000 + n), name=f"Část {n}") for n, municipality in enumerate(municipalities)
    )
    area = Area.objects.create(slug="bench", name="Bench", kind=Area.Kind.REGION)
    area.municipalities.add(*municipalities)
    return area


def timed_import(path, area):
    started = time.perf_counter()
    report = import_registry(path.read_bytes(), area=area)
    return report, time.perf_counter() - started


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 7000
    rng = random.Random(7)
    call_command("migrate", verbosity=0)
    area = area_with_municipalities()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "rpss.json"
        path.write_text(json.dumps({"polozky": [record(rng, n) for n in range(count)]}, ensure_ascii=False), encoding="utf-8")
        size = path.stat().st_size / 1e6
        first, first_seconds = timed_import(path, area)
        second, second_seconds = timed_import(path, area)
    # A record whose every facility lacks an address is outside the area, as in real data.
    assert first.created + first.skipped == count and not first.rejections, first.summary()
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created), second.summary()
    print(f"records: {count}, file {size:.1f} MB, services {Service.objects.count()}, facilities {Facility.objects.count()}")
    print(f"{'run':10} {'seconds':>8} {'records/s':>10}  summary")
    for label, report, seconds in (("import", first, first_seconds), ("re-import", second, second_seconds)):
        print(f"{label:10} {seconds:>8.1f} {count / seconds:>10.0f}  {report.summary()}")


if __name__ == "__main__":
    main()
