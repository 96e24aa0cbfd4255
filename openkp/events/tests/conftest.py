from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from openkp.events.models import Event
from openkp.structures.models import Group, PlanningPeriod


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The registration rate limit counts in the (process-wide) cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def period(area):
    return PlanningPeriod.objects.create(area=area, name="Plán 2025–2028", start_year=2025, end_year=2028, is_current=True)


@pytest.fixture
def group(area, period):
    return Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")


@pytest.fixture
def make_event(area, period):
    """``make_event(days=7, **fields)`` → a published event starting in ``days`` days (negative: in the past)."""

    def make(*, days=7, hours=3, **fields):
        starts = timezone.now() + timedelta(days=days)
        values = {
            "area": area, "period": period, "kind": Event.Kind.WORKSHOP, "title": "Workshop v Porubě",
            "starts_at": starts, "ends_at": starts + timedelta(hours=hours), "place": "Komunitní centrum Poruba",
            "address": "Hlavní třída 12, Ostrava-Poruba", "is_published": True,
        }
        values.update(fields)
        return Event.objects.create(**values)

    return make


@pytest.fixture
def event(make_event):
    return make_event()


def registration_data(**fields):
    data = {"name": "Jana Nováková", "email": "jana.novakova@example.cz", "organisation": "Spolek Soused",
            "phone": "", "note": "", "consent": "on", "website": ""}
    data.update(fields)
    return data
