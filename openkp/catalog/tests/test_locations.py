from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from openkp.catalog.models import Facility, ServiceDraft
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.tests.factories import OrganisationFactory


@pytest.fixture
def facility(area):
    service = ServiceFactory(area=area, name="Poradna", facilities=[{"name": "Poradna Jih", "street": "Horní", "address_point": 11867906}])
    return service.facilities.get()


def test_address_points_fill_coordinates(facility, tmp_path):
    path = tmp_path / "adresni-mista.csv"
    path.write_text("kodAdresnihoMista;lat;lon\n11867906;49,7921;18,2487\n99999999;49.8;18.2\n", encoding="utf-8")
    call_command("import_address_points", str(path))
    facility.refresh_from_db()
    assert (facility.latitude, facility.longitude) == (Decimal("49.792100"), Decimal("18.248700"))
    assert facility.history.first().history_change_reason == "Souřadnice z adresních míst RÚIAN"


@pytest.mark.parametrize(("content", "message"), [
    ("11867906;18.2487;49.7921\n", "mimo Českou republiku"),
    ("11867906;abc;18.2\n", "není číslo"),
    ("jen text\n", "neobsahuje žádné řádky"),
])
def test_bad_address_point_files_change_nothing(facility, tmp_path, content, message):
    path = tmp_path / "body.csv"
    path.write_text("11867906;49.79;18.24\n" + content if "jen" not in content else content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_address_points", str(path))
    facility.refresh_from_db()
    assert facility.latitude is None


def test_coordinator_places_a_facility(client, area, coordinator, facility):
    client.force_login(coordinator)
    url = f"/mesto/sprava/sluzby/{facility.service_id}/poloha/"
    assert 'id="poloha-mapa"' in client.get(url).content.decode()
    wrong = client.post(url, {f"lat-{facility.pk}": "18.2", f"lon-{facility.pk}": "49.8"})
    assert "mimo Českou republiku" in wrong.content.decode()
    client.post(url, {f"lat-{facility.pk}": "49.8351", f"lon-{facility.pk}": "18.2920"})
    facility.refresh_from_db()
    assert facility.latitude == Decimal("49.835100")


def test_provider_location_waits_for_approval(client, area, person_with_role, coordinator):
    organisation = OrganisationFactory()
    service = ServiceFactory(area=area, provider=organisation, facilities=[{"name": "Klub"}])
    facility = service.facilities.get()
    client.force_login(person_with_role(area, "provider", organisation=organisation))
    client.post(f"/mesto/sprava/sluzby/{service.pk}/poloha/", {f"lat-{facility.pk}": "49.80", f"lon-{facility.pk}": "18.25"})
    facility.refresh_from_db()
    assert facility.latitude is None
    draft = ServiceDraft.objects.get()
    client.force_login(coordinator)
    assert "Poloha: Klub" in client.get(f"/mesto/sprava/zmeny/{draft.pk}/").content.decode()
    client.post(f"/mesto/sprava/zmeny/{draft.pk}/", {"action": "approve"})
    assert Facility.objects.get(pk=facility.pk).latitude == Decimal("49.800000")


def test_more_address_points_than_the_limit_are_refused(facility, tmp_path, settings):
    settings.IMPORT_MAX_ROWS_ADDRESS_POINTS = 2
    path = tmp_path / "body.csv"
    path.write_text("kodAdresnihoMista;lat;lon\n11867906;49.79;18.24\n11867907;49.79;18.24\n11867908;49.79;18.24\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Soubor má více než 2 řádků s údaji"):
        call_command("import_address_points", str(path))
    facility.refresh_from_db()
    assert facility.latitude is None
