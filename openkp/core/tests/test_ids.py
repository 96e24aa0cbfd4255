"""Ids no row can have: parsed to None (or a 404) from requests, and matching nothing in queries."""

import pytest
from django.http import Http404

from openkp.core.ids import id_or_404, parse_id, parse_ids
from openkp.core.models import Area, Organisation
from openkp.core.tests.factories import OrganisationFactory

HUGE = 99999999999999999999  # past 2^64


@pytest.mark.parametrize("value, expected", [
    ("12", 12), (" 12 ", 12), (12, 12), (str(2**63 - 1), 2**63 - 1),
    (str(2**63), None), (str(HUGE), None), ("0", None), ("-1", None), ("abc", None), ("", None), (None, None),
    ("²", None), ("١٢", None), ("1.5", None), (True, None), (["1"], None),
])
def test_parse_id_takes_only_ids_a_row_can_have(value, expected):
    assert parse_id(value) == expected


def test_parse_ids_keeps_the_valid_ids_in_order_once():
    assert parse_ids(["3", "abc", str(HUGE), "1", "3", "-1"]) == [3, 1]


def test_id_or_404():
    assert id_or_404("7") == 7
    with pytest.raises(Http404):
        id_or_404(str(HUGE))


def test_ids_past_a_columns_range_match_nothing_instead_of_failing(area):
    organisation = OrganisationFactory()
    child = Area.objects.create(slug="cast", name="Část", kind=Area.Kind.CITY_DISTRICT, parent=area)
    assert list(Organisation.objects.filter(pk__in=[HUGE])) == []
    assert list(Organisation.objects.filter(pk__in=[HUGE, organisation.pk])) == [organisation]
    assert list(Organisation.objects.filter(pk__in=[-HUGE, str(HUGE)])) == []
    assert organisation in Organisation.objects.exclude(pk__in=[HUGE])
    assert list(Area.objects.filter(parent=HUGE)) == []
    assert list(Area.objects.filter(parent__in=[HUGE, area.pk])) == [child]
    assert child in Area.objects.exclude(parent=HUGE)
    assert list(Area.objects.filter(municipalities__in=[HUGE])) == []
    assert list(Area.objects.filter(parent__pk__in=[HUGE])) == []
