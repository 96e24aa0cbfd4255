"""HSDS import: another system's HSDS 3.0 JSON becomes an area's related activities, through the
staff upload, preview and confirmation as a browser submits them."""

import copy
import io
import json
import zipfile
from decimal import Decimal

import pytest
from webtest import Upload

from openkp.catalog import exports
from openkp.catalog.exports.hsds import hsds_id
from openkp.catalog.hsds.schemas import schema_errors
from openkp.catalog.models import ActivityCategory, Service
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.models import Organisation
from openkp.core.tests.factories import MunicipalityFactory, OrganisationFactory

SERVICE_ID = "0b7c2d7e-1f6a-4c3e-9d2b-5a8e4f1c6b3a"
ORGANIZATION_ID = "5d1e9a3c-7b2f-4e8d-a6c1-3f9b2e7d4a10"
LOCATION_ID = "9e4b1c7a-2d5f-4a8e-b3c6-1d7f9a2e5b40"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def activities(area):
    """A catalogue of related activities with everything HSDS carries."""
    town = MunicipalityFactory(code="999998", name="Horní Lipová", district="Jeseník", region="Olomoucký kraj")
    provider = OrganisationFactory(name="Spolek Úsměv, z. s.", web="https://usmev.example.org", legal_form="spolek")
    club = ServiceFactory(
        area=area, provider=provider, name="Klub seniorů Úsměv", kind=Service.Kind.RELATED_ACTIVITY, service_type=None,
        registry_id=None, activity_category=ActivityCategory.objects.create(name="Kluby a volný čas"),
        description="Setkávání, výlety, trénink paměti.", conditions="Pro seniory z obce.", fees="Zdarma.",
        email="klub@usmev.example.org", phone="999 111 222", web="https://usmev.example.org/klub",
        opening_hours="Út a Čt 14:00–17:00", target_groups=["senioři", "pečující osoby"],
        facilities=[
            {"name": "Klubovna", "street": "Lipová", "house_number": "12", "orientation_number": "3b", "postcode": "99998",
             "municipality": town, "address_point": 99999801, "latitude": Decimal("50.123456"), "longitude": Decimal("17.654321")},
            {"name": "Výlety po okolí"},
        ],
    )
    advice = ServiceFactory(
        area=area, name="Dluhové poradenství Lipová", kind=Service.Kind.RELATED_ACTIVITY, service_type=None, registry_id=None,
        activity_category=ActivityCategory.objects.create(name="Dluhové poradenství"),
        facilities=[{"name": "Obecní úřad", "municipality": town, "house_number": "1"}],
    )
    return {"club": club, "advice": advice, "provider": provider}


def hsds_file(document):
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def upload(django_app, user, *files, area_slug="jinde"):
    form = django_app.get(f"/{area_slug}/sprava/hsds/", user=user).forms["hsds-upload"]
    form["files"] = [Upload(*file) for file in files]  # the input is <input type="file" multiple>
    return form.submit(user=user)


def import_document(django_app, user, document, area_slug="jinde"):
    preview = upload(django_app, user, ("katalog-hsds.json", hsds_file(document), "application/json"), area_slug=area_slug).follow()
    return preview.forms["hsds-confirm"].submit(user=user).follow()


def without_ids(value):
    """The document with every id, link and timestamp left out: what must survive a round trip."""
    if isinstance(value, dict):
        return {key: without_ids(item) for key, item in value.items()
                if key not in ("id", "last_modified", "generated_at", "area", "title", "publisher") and not key.endswith("_id")}
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    return value


def test_round_trip_export_import_export_keeps_the_content(django_app, area, other_area, activities, person_with_role):
    coordinator = person_with_role(other_area, "coordinator")
    exported = exports.export_hsds(area)

    page = import_document(django_app, coordinator, exported)

    assert "nové aktivity 2, aktualizované 0" in page.text
    again = exports.export_hsds(other_area)
    assert without_ids(again) == without_ids(exported)
    assert [service["id"] for service in again["contents"]] == [service["id"] for service in exported["contents"]]
    errors = [error.message for service in again["contents"] for error in schema_errors("service", service)]
    assert errors == []
    imported = Service.objects.for_area(other_area).get(name="Klub seniorů Úsměv")
    assert imported.kind == Service.Kind.RELATED_ACTIVITY
    assert imported.provider == activities["provider"]  # matched by IČO, not duplicated
    assert Organisation.objects.filter(ico=activities["provider"].ico).count() == 1
    assert "klub" in imported.search_name  # indexed for the catalogue search
    assert "Klub seniorů Úsměv" in django_app.get(imported.get_absolute_url()).text


def test_importing_twice_updates_instead_of_duplicating(django_app, area, other_area, activities, person_with_role):
    coordinator = person_with_role(other_area, "coordinator")
    document = exports.export_hsds(area)
    import_document(django_app, coordinator, document)
    club = next(service for service in document["contents"] if service["name"] == "Klub seniorů Úsměv")
    club["name"] = "Klub seniorů Úsměv – nově i v sobotu"

    preview = upload(django_app, coordinator, ("katalog-hsds.json", hsds_file(document), "application/json")).follow()
    assert "aktualizuje" in preview.text and "založí" not in preview.text
    page = preview.forms["hsds-confirm"].submit(user=coordinator).follow()

    assert "nové aktivity 0, aktualizované 2" in page.text
    names = sorted(Service.objects.for_area(other_area).values_list("name", flat=True))
    assert names == ["Dluhové poradenství Lipová", "Klub seniorů Úsměv – nově i v sobotu"]
    club = Service.objects.for_area(other_area).get(name__startswith="Klub")
    assert club.facilities.count() == 2  # replaced, not added to


def test_the_preview_saves_nothing_until_confirmed(django_app, area, other_area, activities, person_with_role):
    coordinator = person_with_role(other_area, "coordinator")

    preview = upload(django_app, coordinator, ("katalog-hsds.json", hsds_file(exports.export_hsds(area)), "application/json")).follow()

    assert len(preview.html.select("#hsds-preview tbody tr")) == 2
    assert "Spolek Úsměv, z. s." in preview.text
    assert not Service.objects.for_area(other_area).exists()


def test_an_invalid_record_stops_the_whole_import_with_a_czech_report(django_app, area, other_area, activities, person_with_role):
    coordinator = person_with_role(other_area, "coordinator")
    document = exports.export_hsds(area)
    broken = document["contents"][1]
    broken["status"] = "otevřeno"
    broken["service_at_locations"][0]["location"]["addresses"][0].pop("city")
    broken["organization"]["id"] = "spolek-1"

    page = upload(django_app, coordinator, ("katalog-hsds.json", hsds_file(document), "application/json"))

    report = [item.text for item in page.html.select("#hsds-report li")]
    assert "Data nejdou importovat, nic se neuložilo. Počet chyb: 3." in page.html.select_one("#hsds-report").text
    name = broken["name"]
    assert f"Služba č. 2 „{name}“: pole „status“: „otevřeno“ není povolená hodnota (povolené: active, inactive, defunct, temporarily closed)" in report
    assert f"Služba č. 2 „{name}“: chybí povinný údaj „service_at_locations[0] → location → addresses[0] → city“" in report
    assert f"Služba č. 2 „{name}“: pole „organization → id“: „spolek-1“ není platný formát uuid" in report
    assert not Service.objects.for_area(other_area).exists()


def test_values_the_catalogue_cannot_hold_are_reported(django_app, other_area, person_with_role):
    coordinator = person_with_role(other_area, "coordinator")
    service = {"id": SERVICE_ID, "name": "D" * 301, "status": "active", "email": "kdosi@example.org",
               "organization": {"id": ORGANIZATION_ID, "name": "Spolek", "description": "Spolek"}}

    page = upload(django_app, coordinator, ("services.json", hsds_file([service]), "application/json"))

    report = page.html.select_one("#hsds-report").text
    assert "Služba č. 1" in report and "název" in report and "300" in report
    assert not Service.objects.for_area(other_area).exists()


def test_not_json_is_reported_by_file_name(django_app, other_area, person_with_role):
    coordinator = person_with_role(other_area, "coordinator")

    page = upload(django_app, coordinator, ("services.json", b'[{"id": ', "application/json"))

    assert "Soubor „services.json“ není platný JSON" in page.html.select_one("#hsds-report").text


def flat_directory():
    """The flat files of an HSDS directory: services refer to organizations and locations by id."""
    return {
        "services.json": [{"id": SERVICE_ID, "organization_id": ORGANIZATION_ID, "name": "Půjčovna kompenzačních pomůcek",
                           "status": "active", "url": "https://pomucky.example.org"}],
        "organizations.json": [{"id": ORGANIZATION_ID, "name": "Charita Horní Lipová", "description": "Církevní organizace",
                                "organization_identifiers": [{"id": "7c3e1b9a-4d2f-4e6a-8b5c-2a9d7f1e3c60", "identifier_scheme": "CZ-ICO",
                                                              "identifier_type": "IČO", "identifier": "25755277"}]}],
        "locations.json": [{"id": LOCATION_ID, "location_type": "physical", "name": "Sklad pomůcek",
                            "latitude": 50.1, "longitude": 17.2}],
        "service_at_locations.json": [{"id": "3a8f2c6e-9b1d-4f7a-a2e5-6c4b8d1f9e70", "service_id": SERVICE_ID, "location_id": LOCATION_ID}],
    }


def test_a_zipped_hsds_directory_is_nested_and_imported(django_app, other_area, person_with_role):
    coordinator = person_with_role(other_area, "coordinator")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, records in flat_directory().items():
            zipped.writestr(f"hsds/{name}", hsds_file(records))

    preview = upload(django_app, coordinator, ("adresar.zip", archive.getvalue(), "application/zip")).follow()
    preview.forms["hsds-confirm"].submit(user=coordinator).follow()

    service = Service.objects.for_area(other_area).get()
    assert (service.name, service.kind, str(service.hsds_id)) == ("Půjčovna kompenzačních pomůcek", "activity", SERVICE_ID)
    assert (service.provider.name, service.provider.ico) == ("Charita Horní Lipová", "25755277")
    facility = service.facilities.get()
    assert (facility.name, facility.latitude) == ("Sklad pomůcek", Decimal("50.100000"))


def test_several_loose_files_of_a_directory(django_app, other_area, person_with_role):
    coordinator = person_with_role(other_area, "coordinator")
    files = [(name, hsds_file(records), "application/json") for name, records in flat_directory().items()]

    preview = upload(django_app, coordinator, *files).follow()
    assert "Charita Horní Lipová" in preview.text and "Půjčovna kompenzačních pomůcek" in preview.text


def test_a_registered_service_of_the_area_is_never_changed_by_hsds(django_app, area, coordinator):
    registered = ServiceFactory(area=area, name="Pečovatelská služba")
    document = copy.deepcopy(exports.export_hsds(area))
    document["contents"][0]["name"] = "Přepsáno z HSDS"

    preview = upload(django_app, coordinator, ("katalog-hsds.json", hsds_file(document), "application/json"), area_slug="mesto").follow()

    assert "registrovaná sociální služba tohoto katalogu" in preview.text
    assert "Import by nic nezměnil" in preview.text
    assert "hsds-confirm" not in preview.forms  # nothing to confirm
    assert document["contents"][0]["id"] == hsds_id("service", registered.pk)
    registered.refresh_from_db()
    assert registered.name == "Pečovatelská služba"
    assert Service.objects.for_area(area).count() == 1


@pytest.mark.parametrize("role, status", [("provider", 403), ("member", 403), ("observer", 403)])
def test_only_the_coordinator_imports(django_app, other_area, person_with_role, role, status):
    django_app.get("/jinde/sprava/hsds/", user=person_with_role(other_area, role), status=status)


def test_outsider_and_foreign_preview_are_404(django_app, area, other_area, activities, person_with_role, coordinator):
    django_app.get("/jinde/sprava/hsds/", user=coordinator, status=404)  # coordinator of another area
    other_coordinator = person_with_role(other_area, "coordinator")
    preview = upload(django_app, other_coordinator, ("katalog-hsds.json", hsds_file(exports.export_hsds(area)), "application/json"))
    token_url = preview.headers["Location"]
    # The preview belongs to the session and the area that uploaded it.
    django_app.get(token_url.replace("/jinde/", "/mesto/"), user=coordinator, status=404)
    django_app.reset()
    django_app.get(token_url, user=person_with_role(other_area, "coordinator"), status=404)


def test_the_area_s_own_export_imported_back_updates_its_activities(django_app, area, activities, coordinator):
    document = exports.export_hsds(area)
    club = next(service for service in document["contents"] if service["name"] == "Klub seniorů Úsměv")
    club["description"] = "Nově také kurzy práce s mobilem."

    preview = upload(django_app, coordinator, ("katalog-hsds.json", hsds_file(document), "application/json"), area_slug="mesto").follow()
    assert [row.find("td").text for row in preview.html.select("#hsds-preview tbody tr")] == ["aktualizuje", "aktualizuje"]
    preview.forms["hsds-confirm"].submit(user=coordinator).follow()

    assert Service.objects.for_area(area).count() == 2
    activities["club"].refresh_from_db()
    assert activities["club"].description == "Nově také kurzy práce s mobilem."
    assert str(activities["club"].hsds_id) == club["id"]


def test_the_dashboard_links_the_import_for_the_coordinator(django_app, area, coordinator):
    dashboard = django_app.get("/mesto/sprava/", user=coordinator)

    assert dashboard.click("Import dat HSDS").request.path == "/mesto/sprava/hsds/"
