"""Query counts and timings of the foundation pages as an area grows.

Run: .venv/bin/python bench/area_pages.py
Prints, for a small and a large area, the number of SQL queries and the median time of each page;
the query counts must stay flat (the same for 10 and 2,000 people or organisations).
"""

import os
import statistics
import sys
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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from openkp.accounts.models import Membership, Role, User  # noqa: E402
from openkp.core.models import Area, Municipality, Organisation  # noqa: E402
from openkp.core.validators import ico_check_digit  # noqa: E402

PAGES = ["/", "/bench/", "/bench/sprava/", "/bench/sprava/lide/", "/bench/sprava/organizace/", "/api/v1/areas/"]


def grow(area, people, organisations):
    start = User.objects.count()
    users = User.objects.bulk_create(User(username=f"u{start + n}") for n in range(people))
    Membership.objects.bulk_create(Membership(user=user, area=area, role=Role.MEMBER) for user in users)
    first = Organisation.objects.count()
    Organisation.objects.bulk_create(
        Organisation(name=f"Organizace {first + n}", ico=f"{first + n:07d}" + str(ico_check_digit(f"{first + n:07d}")))
        for n in range(organisations)
    )
    codes = Municipality.objects.count()
    municipalities = Municipality.objects.bulk_create(
        Municipality(code=f"{800000 + codes + n}", name=f"Obec {codes + n}") for n in range(people // 10)
    )
    area.municipalities.add(*municipalities)


def measure(client):
    rows = []
    for path in PAGES:
        timings = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200, (path, response.status_code)
        rows.append((path, len(queries), statistics.median(timings) * 1000))
    return rows


def main():
    setup_test_environment()
    call_command("migrate", verbosity=0)
    area = Area.objects.create(slug="bench", name="Bench", kind=Area.Kind.MUNICIPALITY)
    coordinator = User.objects.create(username="coordinator")
    Membership.objects.create(user=coordinator, area=area, role=Role.COORDINATOR)
    client = Client()
    client.force_login(coordinator)

    grow(area, 10, 10)
    small = measure(client)
    grow(area, 1990, 1990)
    large = measure(client)
    print(f"{'page':32} {'queries 10':>11} {'queries 2000':>13} {'ms 10':>8} {'ms 2000':>8} {'ratio':>6}")
    for (path, q_small, t_small), (_, q_large, t_large) in zip(small, large):
        print(f"{path:32} {q_small:>11} {q_large:>13} {t_small:>8.1f} {t_large:>8.1f} {t_large / t_small:>6.2f}")


if __name__ == "__main__":
    main()
