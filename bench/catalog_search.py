"""Latency of the catalogue search at national scale: HTML search, API search and the bare SQL query.

Run:
    .venv/bin/python bench/catalog_search.py                  # 6,000 and 60,000 services, SQLite and PostgreSQL
    .venv/bin/python bench/catalog_search.py --quick          # 2,000 and 6,000 services (smoke run, a few minutes)
    .venv/bin/python bench/catalog_search.py --databases sqlite --sizes 6000,20000 --repeat 10

For each database the script re-runs itself as a child process with its own ``DATABASE_URL``: SQLite in a
temporary file (not ``:memory:``), PostgreSQL in a fresh database ``openkp_bench_<pid>`` created on
``--postgres`` (default ``postgres://postgres@127.0.0.1:5432``) and dropped at the end, also on error.

The child migrates, then grows one area (a region-like area with 1,200 municipalities and the 23 districts of
Ostrava) to each size in turn with ``bulk_create``: invented services over the real mix of service types
(about 6,700 services at 19,000 facilities nationally), 1–3 target groups, 1–4 facilities (≈ 2.9 per service),
forms with capacities, 5 % related activities, and the ten life situations of the demo, so that the HTML page
computes every facet as in production. The search columns are computed with ``service_index`` before the
insert. Then, for a mix of queries, it measures interleaved:

* HTML  – ``GET /<area>/sluzby/?q=…`` through ``django.test.Client`` (middleware, facets, full page render), as
          a visitor gets it: repeated queries find their rendered results in the cache (CATALOG_SEARCH_CACHE_SECONDS);
* cold  – the same request with the cache emptied before it (a query nobody asked since the catalogue changed);
* API   – ``GET /api/v1/services/?area=<slug>&q=…`` (50 per page, no facets);
* bare  – the same WHERE clause on the ORM (enough words of the parsed query, by the FTS5 / GIN text index), ordered
          by words matched and words matched in the name: the first page of ids plus its COUNT, what a hand-written
          SQL query would return.

It prints p50 and p95 in ms, SQL queries per request (which must not grow with the data), the ratios
HTML/bare and API/bare, p50 at the largest size / p50 at the smallest size, and the time split of one HTML
request into its SQL queries. Targets (from the issue; informational, the exit code is 0 either way):
HTML p50 ≤ 3 × bare p50, and p50 at the largest size ≤ 1.5 × p50 at the smallest size.

Persistent database connections are used (``CONN_MAX_AGE=600`` unless set in the environment), so that
connection set-up is not counted in every request; the data is ANALYZEd (VACUUM ANALYZE on PostgreSQL) after
each growth step, as a production database would be after an import.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

from databases import postgres_database, sqlite_database

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = "6000,60000"
QUICK_SIZES = "2000,6000"
WARMUP = 2
AREA_SLUG = "bench"
PAGE_SIZE = 20  # selectors.PAGE_SIZE, the HTML page; the bare query returns the same first page

# (label, HTML GET parameters); the API gets the same query (q, form).
QUERIES = [
    ("seniory", {"q": "seniory"}),
    ("pečovatelská služba", {"q": "pečovatelská služba"}),
    ("azylovy dum", {"q": "azylovy dum"}),
    ("dluhy", {"q": "dluhy"}),
    ("osobní asistence", {"q": "osobní asistence"}),
    ("forma=ter", {"forma": "ter"}),
]
PROFILES = [("seniory", "cold"), ("forma=ter", "cold"), ("seniory", "api")]
KINDS = ("html", "cold", "api", "bare")

CHILD = "--child" in sys.argv
if CHILD:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the benchmark speaks plain HTTP
    os.environ.setdefault("CONN_MAX_AGE", "600")

    import django

    django.setup()

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Exists, OuterRef
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from openkp.catalog import facet_index
    from openkp.catalog.codebooks import load_seed_codebooks
    from openkp.catalog.models import (
        ActivityCategory,
        Capacity,
        CapacityType,
        Facility,
        LifeSituation,
        Service,
        ServiceForm,
        ServiceType,
        TargetGroup,
    )
    from openkp.catalog.selectors import _ids_in_sql, area_synonyms, search_stamp
    from openkp.catalog.services import service_index
    from openkp.catalog.text import parse_query
    from openkp.core.models import Area, Municipality, MunicipalityPart, Organisation
    from openkp.core.validators import ico_check_digit
    from openkp.demo import catalog as demo


# --- the invented national catalogue ----------------------------------------------------------------

# Services per section (§) in the national registry, roughly (about 6,700 in all).
NATIONAL_MIX = {
    "37": 1000, "39": 230, "40": 700, "41": 30, "42": 30, "43": 120, "44": 330, "45": 60, "46": 280, "47": 50,
    "48": 200, "49": 520, "50": 380, "51": 210, "52": 130, "54": 50, "55": 40, "56": 20, "57": 200, "58": 30,
    "59": 60, "60": 60, "60a": 16, "61": 60, "62": 250, "63": 70, "64": 60, "65": 400, "66": 200, "67": 130,
    "68": 20, "69": 200, "70": 350,
}
ACTIVITY_SHARE = 0.05
ENDED_SHARE = 0.04
UNPUBLISHED_SHARE = 0.02
FACILITY_WEIGHTS = {1: 15, 2: 20, 3: 30, 4: 35}  # 2.85 facilities per service on average
SERVICES_PER_PROVIDER = 3
CHUNK = 5000

TOWNS = [
    "Lhota", "Újezd", "Bystřice", "Rokytnice", "Kostelec", "Březnice", "Dubá", "Lipová", "Olešnice", "Radslavice",
    "Petrovice", "Janovice", "Heřmanice", "Tišnov", "Sobotka", "Kamenice", "Libina", "Jeseník", "Hranice", "Vsetín",
    "Krnov", "Bruntál", "Opava", "Kopřivnice", "Frýdlant", "Třinec", "Havířov", "Karviná", "Orlová", "Bohumín",
    "Těšín", "Jičín", "Příbor", "Studénka", "Bílovec", "Hlučín", "Kravaře", "Vítkov", "Odry", "Fulnek",
    "Frenštát", "Rožnov", "Meziříčí", "Zlín", "Otrokovice", "Kroměříž", "Holešov", "Hradiště", "Hodonín", "Břeclav",
    "Mikulov", "Znojmo", "Třebíč", "Jihlava", "Pelhřimov", "Tábor", "Písek", "Strakonice", "Prachatice", "Klatovy",
    "Domažlice", "Tachov", "Cheb", "Sokolov", "Chomutov", "Most", "Teplice", "Děčín", "Liberec", "Jablonec",
    "Semily", "Trutnov", "Náchod", "Rychnov", "Ústí", "Svitavy", "Polička", "Litomyšl", "Chrudim", "Pardubice",
    "Kolín", "Benešov", "Beroun", "Kladno", "Mělník", "Nymburk", "Boleslav", "Hradec", "Olomouc", "Prostějov",
    "Přerov", "Šumperk", "Zábřeh", "Blansko", "Vyškov", "Plzeň", "Rokycany", "Příbram", "Kralupy", "Slaný",
    "Rakovník", "Humpolec", "Vimperk", "Sušice", "Kaplice", "Soběslav", "Dačice", "Telč", "Velešín",
]
TOWN_PATTERNS = ["{}", "Horní {}", "Dolní {}", "Nová {}", "Stará {}", "{} nad Odrou", "Velká {}", "Malá {}",
                 "{} u Lesa", "{}-Předměstí", "Česká {}"]
MUNICIPALITIES = len(TOWNS) * len(TOWN_PATTERNS) + 1  # 1,200 with Ostrava


class _Numbers(dict):
    """Fills any ``{placeholder}`` of a fee text with a plausible number."""

    def __init__(self, rng):
        super().__init__()
        self.rng = rng

    def __missing__(self, key):
        return str(self.rng.choice([40, 120, 145, 165, 250, 550, 16500, 18900]))


def ico(number):
    first_seven = f"{number:07d}"
    return first_seven + str(ico_check_digit(first_seven))


class Catalogue:
    """One area grown in steps; deterministic (fixed seed)."""

    def __init__(self, seed=20240601):
        self.rng = random.Random(seed)
        load_seed_codebooks()
        self.types = {item.section: item for item in ServiceType.objects.exclude(section="")}
        self.groups = {item.name: item for item in TargetGroup.objects.all()}
        self.capacity_types = {item.number: item for item in CapacityType.objects.all()}
        self.categories = {name: ActivityCategory.objects.create(name=name, order=order)
                           for order, name in enumerate(demo.ACTIVITIES)}
        self.area = Area.objects.create(slug=AREA_SLUG, name="Bench", kind=Area.Kind.REGION)
        self._places()
        self._life_situations()
        self.sections = [section for section in NATIONAL_MIX if section in demo.TYPES and section in self.types]
        self.section_weights = [NATIONAL_MIX[section] for section in self.sections]
        self.providers = {}  # legal form key -> [Organisation]
        self.provider_count = 0
        self.services = 0
        self.facilities = 0

    def _places(self):
        names = ["Ostrava"] + [pattern.format(town) for pattern in TOWN_PATTERNS for town in TOWNS]
        self.municipalities = Municipality.objects.bulk_create(
            Municipality(code=str(500000 + n), name=name) for n, name in enumerate(names)
        )
        self.area.municipalities.add(*self.municipalities)
        self.ostrava = self.municipalities[0]
        self.districts = MunicipalityPart.objects.bulk_create(
            MunicipalityPart(municipality=self.ostrava, code=str(700000 + n), name=name, kind=MunicipalityPart.Kind.CITY_DISTRICT)
            for n, name in enumerate(demo.DISTRICTS)
        )
        self.district_weights = [demo.DISTRICTS[item.name][4] for item in self.districts]
        # Big towns have many services, villages few (Zipf-like); Ostrava is the biggest.
        self.municipality_weights = [1 / (rank + 3) for rank in range(len(self.municipalities))]
        rng = random.Random(1)
        self.centres = {item.pk: (rng.uniform(48.7, 50.9), rng.uniform(12.3, 18.7)) for item in self.municipalities}
        self.centres[self.ostrava.pk] = (49.8209, 18.2625)

    def _life_situations(self):
        for order, (slug, title, description, sections, groups, categories, _hlucinsko) in enumerate(demo.LIFE_SITUATIONS, 1):
            situation = LifeSituation.objects.create(area=self.area, slug=slug, title=title, description=description, order=order)
            situation.service_types.set([self.types[section] for section in sections if section in self.types])
            situation.target_groups.set([self.groups[name] for name in groups if name in self.groups])
            situation.activity_categories.set([self.categories[name] for name in categories])

    # --- growth -----------------------------------------------------------------------------------
    def grow(self, size):
        """Add services until the area has ``size``; returns (seconds, seconds spent in service_index)."""
        started = time.perf_counter()
        indexing = 0.0
        self._add_providers(max(0, size // SERVICES_PER_PROVIDER - self.provider_count))
        while self.services < size:
            count = min(CHUNK, size - self.services)
            indexing += self._add_chunk(count)
        return time.perf_counter() - started, indexing

    def _add_providers(self, count):
        rng = self.rng
        rows = []
        for n in range(self.provider_count, self.provider_count + count):
            legal = rng.choice(list(demo.LEGAL_FORMS))
            stem = rng.choice(demo.STEMS) if rng.random() < 0.7 else rng.choice(TOWNS)
            if legal == demo.CIRKEV:
                name = rng.choice(demo.CHURCH_PATTERNS).format(x=rng.choice(demo.SAINTS))
            elif legal == demo.NEMOCNICE:
                name = f"Nemocnice {rng.choice(TOWNS)}, a. s."
            else:
                name = rng.choice(demo.PROVIDER_PATTERNS[legal]).format(x=stem)
            organisation = Organisation(name=name, ico=ico(3_000_000 + n), legal_form=demo.LEGAL_FORMS[legal],
                                        web=f"https://www.org{n}.example", email=f"info@org{n}.example")
            organisation.legal_key = legal
            rows.append(organisation)
        Organisation.objects.bulk_create(rows, batch_size=1000)
        for organisation in rows:
            self.providers.setdefault(organisation.legal_key, []).append(organisation)
        self.provider_count += count

    def _provider(self, legal_forms):
        candidates = [form for form in legal_forms if self.providers.get(form)] or [form for form in self.providers if self.providers[form]]
        return self.rng.choice(self.providers[self.rng.choice(candidates)])

    def _municipality(self):
        return self.rng.choices(self.municipalities, weights=self.municipality_weights)[0]

    def _facility(self, service_name, index, municipality):
        rng = self.rng
        part = rng.choices(self.districts, weights=self.district_weights)[0] if municipality is self.ostrava else None
        streets = demo.DISTRICTS[part.name][5] if part else demo.VILLAGE_STREETS
        name = service_name if index == 0 else f"{rng.choice(['Pobočka', 'Kontaktní místo', 'Středisko'])} {part.name if part else municipality.name}"
        latitude, longitude = self.centres[municipality.pk]
        return Facility(
            name=name[:300], street=rng.choice(streets), house_number=str(rng.randint(1, 3000)),
            orientation_number=rng.choice(["", str(rng.randint(1, 90))]), postcode=f"{rng.randint(10000, 79999)}",
            municipality=municipality, municipality_code=municipality.code, part=part,
            latitude=Decimal(f"{latitude + rng.uniform(-0.02, 0.02):.6f}"),
            longitude=Decimal(f"{longitude + rng.uniform(-0.03, 0.03):.6f}"),
        )

    def _name(self, template, municipality):
        rng = self.rng
        roll = rng.random()
        stem = rng.choice(demo.STEMS) if roll < 0.6 else rng.choice(demo.SAINTS) if roll < 0.7 else municipality.name
        return template.format(stem=stem, district=municipality.name, club=rng.choice(demo.CLUBS))

    def _add_chunk(self, count):
        rng = self.rng
        numbers = _Numbers(rng)
        services, facilities_of, forms_of, groups_of = [], [], [], []
        indexing = 0.0
        for n in range(self.services, self.services + count):
            municipality = self._municipality()
            if rng.random() < ACTIVITY_SHARE:
                category = rng.choice(list(demo.ACTIVITIES))
                legal_forms, _share, variants = demo.ACTIVITIES[category]
                template, groups, sentences = rng.choice(variants)
                service = Service(
                    area=self.area, kind=Service.Kind.RELATED_ACTIVITY, activity_category=self.categories[category],
                    description=" ".join([*sentences, rng.choice(demo.OUTPATIENT_HOW)]),
                    fees=rng.choice(["Zdarma.", "Zdarma, dobrovolný příspěvek vítán.", "Podle ceníku na webu."]),
                    opening_hours=rng.choice(demo.WEEKDAY_HOURS),
                )
                forms = [(rng.choice(["amb", "ter"]), None, 0, 0)]
            else:
                section = rng.choices(self.sections, weights=self.section_weights)[0]
                kind = demo.TYPES[section]
                legal_forms = kind["legal"]
                template, groups, sentence = rng.choice(kind["variants"])
                offer = rng.sample(kind["offer"], min(2, len(kind["offer"])))
                service = Service(
                    area=self.area, kind=Service.Kind.SERVICE, registry_id=1_000_000 + n,
                    registry_identifier=str(2_000_000 + n), service_type=self.types[section],
                    description=" ".join([sentence, *offer, rng.choice(demo.HOW_BY_ACCESS[kind["access"]])]),
                    conditions=rng.choice(kind["conditions"]), fees=rng.choice(kind["fees"]).format_map(numbers),
                    opening_hours=rng.choice(kind["hours"]), age_note=kind["age_note"],
                )
                forms = rng.choice(kind["forms"])
            service.name = self._name(template, municipality)[:300]
            service.provider = self._provider(legal_forms)
            service.email = f"sluzba{n}@example.org"
            service.phone = f"{rng.randint(500, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
            service.web = f"https://sluzba{n}.example.org"
            roll = rng.random()
            service.status = Service.Status.ENDED if roll < ENDED_SHARE else Service.Status.ACTIVE
            service.is_published = not (ENDED_SHARE <= roll < ENDED_SHARE + UNPUBLISHED_SHARE)
            groups = [self.groups[name] for name in rng.sample(groups, rng.randint(1, min(3, len(groups)))) if name in self.groups]
            places = [municipality]
            for _ in range(rng.choices(list(FACILITY_WEIGHTS), weights=list(FACILITY_WEIGHTS.values()))[0] - 1):
                places.append(municipality if rng.random() < 0.6 else self._municipality())
            facilities = [self._facility(service.name, index, place) for index, place in enumerate(places)]
            started = time.perf_counter()
            service_index(service, facilities=facilities, target_groups=groups, forms=[form[0] for form in forms])
            indexing += time.perf_counter() - started
            services.append(service)
            facilities_of.append(facilities)
            forms_of.append(forms)
            groups_of.append(groups)

        through = Service.target_groups.through
        with transaction.atomic():
            Service.objects.bulk_create(services, batch_size=1000)
            all_facilities, all_forms, capacities, links = [], [], [], []
            for service, facilities, forms, groups in zip(services, facilities_of, forms_of, groups_of):
                for facility in facilities:
                    facility.service = service
                    all_facilities.append(facility)
                for form, capacity_code, low, high in forms:
                    service_form = ServiceForm(service=service, form=form, nonstop=form == "pob")
                    all_forms.append(service_form)
                    if capacity_code in self.capacity_types:
                        capacities.append(Capacity(service_form=service_form, capacity_type=self.capacity_types[capacity_code],
                                                   count=rng.randint(low, high)))
                links += [through(service_id=service.pk, targetgroup_id=group.pk) for group in groups]
            Facility.objects.bulk_create(all_facilities, batch_size=1000)
            ServiceForm.objects.bulk_create(all_forms, batch_size=1000)
            for capacity in capacities:
                capacity.service_form_id = capacity.service_form.pk
            Capacity.objects.bulk_create(capacities, batch_size=1000)
            through.objects.bulk_create(links, batch_size=1000)
        self.services += count
        self.facilities += len(all_facilities)
        return indexing


def analyze():
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# --- measurement ----------------------------------------------------------------------------------

def _filters(params):
    return params.get("q", ""), [params["forma"]] if params.get("forma") else []


def bare_query(area, query, forms):
    """The search's WHERE clause written on the ORM (enough words of the parsed query, by the text index) and a
    relevance order SQL can give (words matched, then words matched in the name): first page of ids and the COUNT."""
    matched = Service.objects.for_area(area).public()
    if forms:
        matched = matched.filter(Exists(ServiceForm.objects.filter(service=OuterRef("pk"), form__in=forms)))
    ids = _ids_in_sql(matched, parse_query(query, area_synonyms(area)), {}, True)
    return list(ids[:PAGE_SIZE]), ids.count()


def percentile(samples, fraction):
    ordered = sorted(samples)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def get_cold(client, url):
    cache.clear()  # the locmem cache: a dict emptied in microseconds
    return get(client, url)


def measure(area, repeat):
    client = Client()
    rows = []
    for label, params in QUERIES:
        query, forms = _filters(params)
        html_url = f"/{area.slug}/sluzby/?{urlencode(params)}"
        api_params = {"area": area.slug}
        if query:
            api_params["q"] = query
        if forms:
            api_params["form"] = forms[0]
        api_url = f"/api/v1/services/?{urlencode(api_params)}"
        results = {}

        calls = {"html": partial(get, client, html_url), "cold": partial(get_cold, client, html_url), "api": partial(get, client, api_url),
                 "bare": partial(bare_query, area, query, forms)}
        counts = {kind: set() for kind in KINDS}
        for _ in range(WARMUP):  # warm caches; count the SQL queries of each request
            for kind in KINDS:
                with CaptureQueriesContext(connection) as captured:
                    results[kind] = calls[kind]()
                counts[kind].add(len(captured))
        ids, total = results["bare"]
        payload = results["api"].json()
        # The bare query matches the rows the search matches (same count; the search ranks on more than SQL does).
        assert payload["count"] == total, (label, payload["count"], total)
        assert len(ids) == min(total, PAGE_SIZE), label
        samples = {kind: [] for kind in KINDS}
        for _ in range(repeat):  # interleaved, so that drift of the machine hits all three alike
            for kind in KINDS:
                started = time.perf_counter()
                calls[kind]()
                samples[kind].append((time.perf_counter() - started) * 1000)
        row = {"label": label, "matched": total}
        for kind in KINDS:
            row[kind] = {"p50": statistics.median(samples[kind]), "p95": percentile(samples[kind], 0.95),
                         "queries": sorted(counts[kind])}
        rows.append(row)
        print(f"    {label:22} matched {total:>6}  HTML {row['html']['p50']:8.1f} ms  cold {row['cold']['p50']:8.1f} ms  API {row['api']['p50']:8.1f} ms"
              f"  bare {row['bare']['p50']:7.1f} ms", flush=True)
    return rows


# First match wins: (fragment of the SQL, name).
QUERY_NAMES = [
    ('FROM "core_area"', "area (middleware)"),
    ('SELECT "catalog_lifesituation"."id"', "life situations"),
    ("_prefetch_related_val_lifesituation_id", "life situations: prefetch"),
    ('"catalog_cataloguedeletion"', "catalogue stamp (newest updated_at, last deletion, life situations)"),
    ('"catalog_service"."facet_keys" FROM', "facet index: build (ids and facet keys)"),
    ("SELECT COUNT(*)", "paginator COUNT(*)"),
    ('COUNT("catalog_service"."id") FILTER', "facet situations: one COUNT FILTER per situation"),
    ('"catalog_service"."service_type_id" AS "service_type"', "facet service types: GROUP BY service_type"),
    ('"targetgroup_id" AS "targetgroup"', "facet target groups: links GROUP BY, service IN (…)"),
    ('"catalog_serviceform"."form" AS "form"', "facet forms: GROUP BY form, service IN (…)"),
    ('"catalog_facility"."part_id" AS "part"', "facet districts: facilities GROUP BY part, service IN (…)"),
    ('"core_municipality"."code" AS "municipality__code"', "facet municipalities: facilities GROUP BY code, service IN (…)"),
    ('SELECT "catalog_servicetype"', "service types of the facet"),
    ('SELECT "catalog_targetgroup"', "target groups of the facet"),
    ('SELECT "catalog_service"."id"', "result page: services + select_related, ORDER BY rank, sort_name"),
    ("_prefetch_related_val_service_id", "page: target groups prefetch"),
    ('SELECT "catalog_serviceform"', "page: forms prefetch"),
    ('SELECT "catalog_capacity"', "page: capacities prefetch"),
    ('SELECT "catalog_capacitytype"', "page: capacity types prefetch"),
    ('SELECT "catalog_facility"', "page: facilities prefetch"),
]


def describe(sql):
    """A short name for one SQL query of the search."""
    if ("MATCH" in sql or "@@" in sql) and "ORDER BY" not in sql and "COUNT(" not in sql:
        return "text index: ids matching the text, and whether the name matches (FTS5 / GIN)"
    for fragment, name in QUERY_NAMES:
        if fragment in sql:
            return name
    return " ".join(sql.split())[:70]


def profile(area, label, kind="html"):
    """Where the time of one request goes: its SQL queries (timed at the driver), slowest first."""
    params = dict(QUERIES)[label]
    query, forms = _filters(params)
    url = (f"/{area.slug}/sluzby/?{urlencode(params)}" if kind in ("html", "cold")
           else "/api/v1/services/?" + urlencode({"area": area.slug, **({"q": query} if query else {}), **({"form": forms[0]} if forms else {})}))
    timed = []

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timed.append(((time.perf_counter() - started) * 1000, sql))

    client = Client()
    walls = []
    for _ in range(5):  # the run with the median wall time is reported
        timed.clear()
        with connection.execute_wrapper(timer):
            if kind == "cold":
                cache.clear()
            started = time.perf_counter()
            client.get(url)
            walls.append(((time.perf_counter() - started) * 1000, list(timed)))
    wall, queries = sorted(walls, key=lambda row: row[0])[len(walls) // 2]
    queries = sorted(((duration, describe(sql)) for duration, sql in queries), key=lambda row: -row[0])
    return {"label": label, "kind": kind, "wall": wall, "sql": sum(row[0] for row in queries), "count": len(queries),
            "top": queries[:8]}


def build_facet_index(area):
    """Milliseconds to build the area's facet index from scratch, as the first text-less search after a
    change of the catalogue does (once per process); the timed requests then find it current."""
    facet_index.forget_indexes()
    started = time.perf_counter()
    facet_index.facet_index(Service.objects.for_area(area).public(), key=area.pk, stamp=search_stamp(area))
    return (time.perf_counter() - started) * 1000


def child(args):
    setup_test_environment()  # lets the test client capture templates; no effect on the measured code
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    vendor = connection.vendor
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if vendor == "postgresql" else "SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    print(f"  [{args.child}] {version.split(' on ')[0]}; migrated in {time.perf_counter() - started:.1f} s", flush=True)
    catalogue = Catalogue()
    out = {"database": args.child, "version": version.split(" on ")[0], "conn_max_age": os.environ.get("CONN_MAX_AGE"), "sizes": {}}
    for size in args.sizes:
        seconds, indexing = catalogue.grow(size)
        started = time.perf_counter()
        analyze()
        analyze_seconds = time.perf_counter() - started
        public = Service.objects.for_area(catalogue.area).public().count()
        index_build = build_facet_index(catalogue.area)
        print(f"  [{args.child}] {size} services ({public} public), {catalogue.facilities} facilities: grown in {seconds:.1f} s "
              f"(service_index {indexing:.1f} s), analyze {analyze_seconds:.1f} s, facet index built in {index_build:.0f} ms", flush=True)
        rows = measure(catalogue.area, args.repeat)
        out["sizes"][str(size)] = {
            "build": seconds, "indexing": indexing, "analyze": analyze_seconds, "index_build": index_build, "services": size, "public": public,
            "facilities": catalogue.facilities, "providers": catalogue.provider_count, "rows": rows,
            "profiles": [profile(catalogue.area, label, kind) for label, kind in PROFILES],
        }
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


# --- parent: databases, children, report ------------------------------------------------------------



def run_child(database, url, args):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    try:
        command = [sys.executable, __file__, "--child", database, "--sizes", ",".join(map(str, args.sizes)),
                   "--repeat", str(args.repeat), "--out", out]
        env = {**os.environ, "DATABASE_URL": url}
        started = time.perf_counter()
        code = subprocess.run(command, env=env, cwd=ROOT).returncode
        if code != 0:
            print(f"  [{database}] child failed with exit code {code}")
            return None
        result = json.loads(Path(out).read_text(encoding="utf-8"))
        result["seconds"] = time.perf_counter() - started
        result["load"] = os.getloadavg()[0]
        return result
    finally:
        os.unlink(out)


def ms(value):
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def queries(cell):
    return "/".join(map(str, cell["queries"]))


def report(result, sizes):
    small, large = str(sizes[0]), str(sizes[-1])
    print()
    print(f"=== {result['database']}: {result['version']} (CONN_MAX_AGE={result['conn_max_age']}), "
          f"whole run {result['seconds']:.0f} s, load average at its end {result['load']:.1f} ===")
    for size in map(str, sizes):
        data = result["sizes"][size]
        print(f"\n{int(size):,} services ({data['public']:,} public), {data['facilities']:,} facilities, {data['providers']:,} providers; "
              f"built in {data['build']:.1f} s (service_index {data['indexing']:.1f} s), analyze {data['analyze']:.1f} s; "
              f"facet index built in {data['index_build']:.0f} ms")
        print(f"{'query':22} {'matched':>7}  {'HTML p50/p95 ms':>16} {'SQL':>4}  {'cold p50/p95 ms':>16} {'SQL':>4}  "
              f"{'API p50/p95 ms':>15} {'SQL':>4}  {'bare p50/p95 ms':>16} {'SQL':>4}  {'HTML/bare':>9} {'cold/bare':>9} {'API/bare':>8}")
        for row in data["rows"]:
            html, cold, api, bare = row["html"], row["cold"], row["api"], row["bare"]
            print(f"{row['label']:22} {row['matched']:>7}  {ms(html['p50']) + ' / ' + ms(html['p95']):>16} {queries(html):>4}  "
                  f"{ms(cold['p50']) + ' / ' + ms(cold['p95']):>16} {queries(cold):>4}  "
                  f"{ms(api['p50']) + ' / ' + ms(api['p95']):>15} {queries(api):>4}  "
                  f"{ms(bare['p50']) + ' / ' + ms(bare['p95']):>16} {queries(bare):>4}  "
                  f"{html['p50'] / bare['p50']:>9.1f} {cold['p50'] / bare['p50']:>9.1f} {api['p50'] / bare['p50']:>8.1f}")
        for prof in data["profiles"]:
            print(f"one {prof['kind'].upper()} request “{prof['label']}”: {ms(prof['wall'])} ms wall, {ms(prof['sql'])} ms in "
                  f"{prof['count']} SQL queries ({100 * prof['sql'] / prof['wall']:.0f} %), the rest is Python (view, template, "
                  f"serializer); slowest queries:")
            for query_ms, name in prof["top"][:6]:
                print(f"    {query_ms:8.1f} ms  {name}")

    verdicts = []
    if len(sizes) > 1:
        print(f"\np50 at {int(large):,} / p50 at {int(small):,}:")
        print(f"{'query':22} {'HTML':>6} {'cold':>6} {'API':>6} {'bare':>6}   SQL queries per request (HTML, cold, API) at both sizes")
        worst = {kind: (0, "") for kind in KINDS}
        for row_small, row_large in zip(result["sizes"][small]["rows"], result["sizes"][large]["rows"]):
            ratios = [row_large[kind]["p50"] / row_small[kind]["p50"] for kind in KINDS]
            flat = all(row_small[kind]["queries"] == row_large[kind]["queries"] for kind in ("html", "cold", "api"))
            print(f"{row_small['label']:22} " + " ".join(f"{ratio:>6.2f}" for ratio in ratios) + "   "
                  + ", ".join(f"{queries(row_small[kind])}→{queries(row_large[kind])}" for kind in ("html", "cold", "api"))
                  + f" {'(flat)' if flat else '(NOT FLAT)'}")
            for kind, ratio in zip(KINDS, ratios):
                worst[kind] = max(worst[kind], (ratio, row_small["label"]))
        mix = {kind: [sum(row[kind]["p50"] for row in result["sizes"][size]["rows"]) for size in (small, large)] for kind in KINDS}
        print(f"{'whole mix (sum of p50)':22} " + " ".join(f"{mix[kind][1] / mix[kind][0]:>6.2f}" for kind in KINDS))
        for kind, name in (("html", "HTML"), ("cold", "HTML cold"), ("api", "API")):
            verdicts.append((f"{name} p50 at {int(large):,} ≤ 1.5 × p50 at {int(small):,}", worst[kind][0] <= 1.5,
                             f"worst {worst[kind][0]:.2f} ({worst[kind][1]}), whole mix {mix[kind][1] / mix[kind][0]:.2f}"))
    for size in map(str, sizes):
        for kind, name in (("html", "HTML"), ("cold", "HTML cold")):
            ratios = [(row[kind]["p50"] / row["bare"]["p50"], row["label"]) for row in result["sizes"][size]["rows"]]
            worst = max(ratios)
            verdicts.append((f"{name} p50 ≤ 3 × bare p50 at {int(size):,}", worst[0] <= 3,
                             f"worst {worst[0]:.1f} ({worst[1]}), median {statistics.median(r for r, _ in ratios):.1f}"))
    print(f"\ntargets ({result['database']}):")
    for name, passed, detail in verdicts:
        print(f"  {'PASS' if passed else 'FAIL'}  {name}: {detail}")
    return verdicts


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=None, help=f"catalogue sizes, ascending (default {DEFAULT_SIZES})")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both (default both)")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per query and kind (default 30)")
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}: a smoke run")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
                        help="PostgreSQL server URL without a database name; a fresh database is created and dropped")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.sizes = sorted(int(value) for value in (args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)).split(","))
    args.databases = [value.strip() for value in args.databases.split(",") if value.strip()]
    unknown = set(args.databases) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"unknown database(s): {', '.join(sorted(unknown))}")
    return args


def main():
    args = parse_args()
    if args.child:
        return child(args)
    print(f"catalogue search: sizes {', '.join(map(str, args.sizes))}; databases {', '.join(args.databases)}; "
          f"{args.repeat} timed requests per query and kind after {WARMUP} warm-ups; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)
    results = []
    for database in args.databases:
        manager = sqlite_database() if database == "sqlite" else postgres_database(args.postgres)
        with manager as url:
            result = run_child(database, url, args)
        if result:
            results.append(result)
    summary = []
    for result in results:
        summary += [(result["database"], *verdict) for verdict in report(result, args.sizes)]
    if summary:
        print("\n=== summary (informational) ===")
        for database, name, passed, detail in summary:
            print(f"  {database:8} {'PASS' if passed else 'FAIL'}  {name}: {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main() or 0)
