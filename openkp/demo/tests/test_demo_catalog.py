"""The demo catalogue: idempotent, large enough, every service type, places inside the area.

``demo_data`` runs twice for the package (conftest.py), inside a transaction rolled back at the end.
"""

from collections import Counter
from decimal import Decimal

import pytest

from openkp.catalog.models import (
    ActivityCategory,
    Capacity,
    Facility,
    LifeSituation,
    Service,
    ServiceForm,
    ServiceType,
)
from openkp.core.models import Area, Organisation
from openkp.core.validators import validate_ico

pytestmark = pytest.mark.django_db

OSTRAVA_BOX = (Decimal("49.72"), Decimal("49.90"), Decimal("18.10"), Decimal("18.40"))
HLUCINSKO_BOX = (Decimal("49.90"), Decimal("50.07"), Decimal("17.92"), Decimal("18.16"))


def catalogue_counts():
    services = Service.objects.all()
    return {
        "organisations": Organisation.objects.count(),
        "services": services.count(),
        "service ids": sorted(services.values_list("pk", flat=True)),
        "facilities": Facility.objects.count(),
        "forms": ServiceForm.objects.count(),
        "capacities": Capacity.objects.count(),
        "target group links": Service.target_groups.through.objects.count(),
        "served parts": Service.served_parts.through.objects.count(),
        "served municipalities": Service.served_municipalities.through.objects.count(),
        "life situations": LifeSituation.objects.count(),
        "categories": ActivityCategory.objects.count(),
        "service history": Service.history.count(),
        "life situation history": LifeSituation.history.count(),
    }


def test_demo_data_twice_gives_the_same_catalogue(demo):
    assert demo["first"]["catalogue"] == demo["second"]["catalogue"]
    assert demo["first"]["catalogue"]["services"] > 0


def test_ostrava_catalogue_is_large_and_uses_every_service_type(demo):
    ostrava = Area.objects.get(slug="ostrava")
    services = Service.objects.for_area(ostrava)
    assert services.count() >= 380
    assert services.related_activities().count() >= 60
    assert services.values("provider").distinct().count() >= 140
    used = set(services.services().values_list("service_type__section", flat=True))
    assert set(ServiceType.objects.values_list("section", flat=True)) <= used
    assert services.filter(status=Service.Status.ENDED).exists()
    assert services.filter(is_published=False).exists()
    assert not services.related_activities().exclude(registry_id=None).exists()
    assert not services.services().filter(registry_id=None).exists()
    provider_services = services.filter(provider__name="Podané ruce Ostrava, z. s.")
    assert 3 <= provider_services.count() <= 4


def test_hlucinsko_catalogue(demo):
    hlucinsko = Area.objects.get(slug="hlucinsko")
    services = Service.objects.for_area(hlucinsko)
    assert 25 <= services.count() <= 40
    municipalities = set(hlucinsko.municipalities.values_list("pk", flat=True))
    assert set(Facility.objects.filter(service__area=hlucinsko).values_list("municipality", flat=True)) <= municipalities


@pytest.mark.parametrize(("slug", "box"), [("ostrava", OSTRAVA_BOX), ("hlucinsko", HLUCINSKO_BOX)])
def test_facilities_lie_inside_the_area(demo, slug, box):
    south, north, west, east = box
    facilities = Facility.objects.filter(service__area__slug=slug)
    assert facilities.exists()
    for facility in facilities:
        assert facility.has_location, facility
        assert south <= facility.latitude <= north and west <= facility.longitude <= east, (facility, facility.latitude, facility.longitude)
    if slug == "ostrava":
        assert not facilities.filter(part=None).exists()
        assert facilities.values("part").distinct().count() >= 20


def test_every_service_is_indexed(demo):
    assert not Service.objects.filter(search_text="").exists()
    assert not Service.objects.filter(sort_name="").exists()
    assert not Service.objects.filter(target_groups=None).exists()
    assert Service.objects.filter(search_text__contains=" senior").exists()


def test_organisations_have_unique_valid_ico(demo):
    icos = [ico for ico in Organisation.objects.values_list("ico", flat=True) if ico]
    assert [ico for ico, count in Counter(icos).items() if count > 1] == []
    for ico in icos:
        validate_ico(ico)


def test_life_situations(demo):
    ostrava = LifeSituation.objects.filter(area__slug="ostrava")
    assert ostrava.count() >= 10
    assert ostrava.filter(slug="pecuji-o-blizkeho").exists()
    assert LifeSituation.objects.filter(area__slug="hlucinsko").count() >= 6
    for situation in LifeSituation.objects.all():
        assert situation.service_types.exists() or situation.activity_categories.exists(), situation
