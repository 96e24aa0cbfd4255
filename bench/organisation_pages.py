"""Query counts and p50 of the organisation pages at 1× and 10× the benchmark area.

Run: .venv/bin/python bench/organisation_pages.py [--repeat N]
(SQLite in memory; BENCH_DATABASE_URL=postgres://… to measure PostgreSQL on an existing empty database.)

1× is the size named in the issue: 12 groups × 30 members × 60 meetings, each meeting with its 30
participants and their attendance (21,600 rows). 10× adds 108 more groups of the same shape to the same
area and period (216,000 attendance rows). The calendar month holds 10× more entries at 10×, so its
time grows with what it shows; the query counts of every page must stay the same.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
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
from django.utils import timezone  # noqa: E402

from openkp.accounts.models import Membership, Role, User  # noqa: E402
from openkp.core.models import Area, Organisation  # noqa: E402
from openkp.structures.models import Group, GroupMember, Meeting, Participant, PlanningPeriod, TriadRole  # noqa: E402

GROUPS, MEMBERS, MEETINGS = 12, 30, 60
PAGES = [
    "/bench/organizace/", "/bench/organizace/skupina-0/", "/bench/sprava/skupiny/skupina-0/",
    "/bench/kalendar/", "/bench/kalendar/?zobrazeni=seznam", "/bench/kalendar.ics", "/bench/sprava/statistiky/",
]


def add_groups(area, period, first, count, organisations, rng):
    now = timezone.now()
    for index in range(first, first + count):
        group = Group.objects.create(area=area, period=period, name=f"Pracovní skupina {index}", slug=f"skupina-{index}", order=index)
        members = GroupMember.objects.bulk_create(
            GroupMember(area=area, group=group, name=f"Člen {index}-{n}", email=f"clen{index}-{n}@example.cz",
                        organisation=rng.choice(organisations), triad_role=rng.choice(TriadRole.values))
            for n in range(MEMBERS)
        )
        meetings = Meeting.objects.bulk_create(
            Meeting(area=area, group=group, title=f"{n + 1}. setkání", place="Radnice", is_public=True,
                    starts_at=now - timedelta(days=30 * (MEETINGS - 2 - n)) + timedelta(hours=index % 9),
                    ends_at=now - timedelta(days=30 * (MEETINGS - 2 - n)) + timedelta(hours=index % 9 + 2))
            for n in range(MEETINGS)
        )
        Participant.objects.bulk_create(
            Participant(area=area, meeting=meeting, member=member, name=member.name, email=member.email,
                        organisation_name=member.organisation.name, triad_role=member.triad_role,
                        attendance=rng.choice(["present", "present", "present", "excused", "absent"]) if meeting.ends_at < now else "")
            for meeting in meetings for member in members
        )


def analyze():
    """Planner statistics, as autovacuum (PostgreSQL) or a maintenance run would leave them after bulk inserts."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(client, repeat):
    rows = []
    for path in PAGES:
        timings = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200, (path, response.status_code)
        rows.append((path, len(queries), statistics.median(timings) * 1000))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    rng = random.Random(5)
    area = Area.objects.create(slug="bench", name="Bench", kind=Area.Kind.MUNICIPALITY)
    period = PlanningPeriod.objects.create(area=area, name="Plán", start_year=2022, end_year=2027, is_current=True)
    organisations = Organisation.objects.bulk_create(Organisation(name=f"Organizace {n}") for n in range(120))
    coordinator = User.objects.create(username="coordinator")
    Membership.objects.create(user=coordinator, area=area, role=Role.COORDINATOR)
    client = Client()
    client.force_login(coordinator)

    started = time.perf_counter()
    add_groups(area, period, 0, GROUPS, organisations, rng)
    analyze()
    print(f"1×: {Participant.objects.count():,} attendance rows ({time.perf_counter() - started:.1f} s to build)")
    small = measure(client, args.repeat)
    started = time.perf_counter()
    add_groups(area, period, GROUPS, GROUPS * 9, organisations, rng)
    analyze()
    print(f"10×: {Participant.objects.count():,} attendance rows ({time.perf_counter() - started:.1f} s to build)")
    large = measure(client, args.repeat)
    print(f"database: {connection.vendor}")
    print(f"{'page':38} {'queries 1×':>11} {'queries 10×':>12} {'p50 ms 1×':>10} {'p50 ms 10×':>11} {'ratio':>6}")
    for (path, q_small, t_small), (_, q_large, t_large) in zip(small, large):
        print(f"{path:38} {q_small:>11} {q_large:>12} {t_small:>10.1f} {t_large:>11.1f} {t_large / t_small:>6.2f}")
    flat = all(q_small == q_large for (_, q_small, _), (_, q_large, _) in zip(small, large))
    print(f"query counts flat: {'yes' if flat else 'NO'}")


if __name__ == "__main__":
    main()
