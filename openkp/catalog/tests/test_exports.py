"""Open-data exports: the four formats carry the public catalogue, nothing else, and no people."""

import csv
import io
import json
import uuid
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.http import Http404
from django.test import RequestFactory
from openpyxl import load_workbook

from openkp.accounts.models import Role
from openkp.accounts.tests.factories import MembershipFactory
from openkp.catalog import export_views, exports
from openkp.catalog.hsds.schemas import SCHEMA_DIR, schema_errors
from openkp.catalog.models import ActivityCategory, Capacity, CapacityType, Service, ServiceForm
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.tests.factories import MunicipalityFactory, OrganisationFactory

PERSON_FIRST_NAME = "Bohumila"
PERSON_LAST_NAME = "Křížová-Přikrylová"
PERSON_EMAIL = "bohumila.krizova@poskytovatel.example"


def add_capacity(service, form, type_code, count):
    service_form, _created = ServiceForm.objects.get_or_create(service=service, form=form)
    Capacity.objects.create(
        service_form=service_form, count=count,
        capacity_type=CapacityType.objects.get(code=f"TypKapacitySocialniSluzby/{type_code}"),
    )


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://katalog.example.cz"


@pytest.fixture
def catalogue(area, other_area):
    town = MunicipalityFactory(code="999999", name="Lipová Lhota", district="Opava", region="Moravskoslezský kraj")
    provider = OrganisationFactory(name="Lipová Lhota – sociální služby, z. ú.", web="https://www.example.org")
    care = ServiceFactory(
        area=area, provider=provider, name="Pečovatelská služba Lipová Lhota", registry_id=99901,
        email="pecovatelska@example.org", phone="999 000 222", web="https://www.example.org/pecovatelska",
        opening_hours="Po–Pá 7:00–15:30", description="Pomoc v domácnosti, dovoz obědů.",
        target_groups=["senioři", "osoby žijící s demencí"],
        facilities=[
            {"name": "Středisko Na Výsluní", "street": "Na Výsluní", "house_number": "999", "orientation_number": "9a",
             "postcode": "99901", "municipality": town, "address_point": 99999901,
             "latitude": Decimal("49.938123"), "longitude": Decimal("17.902456")},
            {"name": "Terénní tým"},
            {"name": "Zrušená pobočka", "street": "Stará", "municipality": town, "valid_to": date.today() - timedelta(days=30)},
        ],
    )
    add_capacity(care, "ter", "klient", 12)
    add_capacity(care, "pob", "luzka", 32)
    add_capacity(care, "pob", "klient", 3)
    home = ServiceFactory(area=area, name="Domov Žluťoučký kůň", registry_id=99902, target_groups=["senioři"])
    activity = ServiceFactory(
        area=area, name="Klub seniorů Úsměv", kind=Service.Kind.RELATED_ACTIVITY, service_type=None, registry_id=None,
        activity_category=ActivityCategory.objects.create(name="Kluby a volný čas"),
    )
    hidden = [
        ServiceFactory(area=area, name="Ukončená služba", status=Service.Status.ENDED),
        ServiceFactory(area=area, name="Nezveřejněná služba", is_published=False),
        ServiceFactory(area=other_area, name="Služba jiného území"),
    ]
    # A person with a role at the provider: nothing of hers may reach open data.
    MembershipFactory(
        area=area, role=Role.PROVIDER, organisation=provider,
        user__first_name=PERSON_FIRST_NAME, user__last_name=PERSON_LAST_NAME, user__email=PERSON_EMAIL,
    )
    return {"care": care, "home": home, "activity": activity, "hidden": hidden, "provider": provider}


def csv_rows(area):
    data = exports.export_csv(area)
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


# --- CSV ---------------------------------------------------------------------------------------

def test_csv_has_header_and_one_row_per_public_record(area, catalogue):
    rows = csv_rows(area)

    assert list(rows[0].keys()) == [key for key, _label, _width in exports.COLUMNS]
    assert sorted(row["name"] for row in rows) == sorted(["Pečovatelská služba Lipová Lhota", "Domov Žluťoučký kůň", "Klub seniorů Úsměv"])


def test_csv_keeps_czech_text_and_flattens_lists(area, catalogue):
    row = next(row for row in csv_rows(area) if row["registry_id"] == "99901")

    assert row["provider_name"] == "Lipová Lhota – sociální služby, z. ú."
    assert row["provider_ico"] == catalogue["provider"].ico
    assert row["kind"] == "service"
    assert row["service_type_section"] == "40"
    assert row["service_type_name"] == "pečovatelská služba"
    assert set(row["target_groups"].split("; ")) == {"senioři", "osoby žijící s demencí"}
    assert row["forms"] == "pobytová; terénní"
    assert row["capacities"] == "pobytová: 32 lůžek, 3 klienti; terénní: 12 klientů"
    assert row["addresses"] == "Na Výsluní 999/9a, 999 01 Lipová Lhota"
    assert "Stará" not in row["addresses"]  # a facility whose end date has passed
    assert row["municipality_codes"] == "999999"
    assert (row["latitude"], row["longitude"]) == ("49.938123", "17.902456")
    assert row["email"] == "pecovatelska@example.org"
    assert row["detail_url"] == f"https://katalog.example.cz/mesto/sluzby/{catalogue['care'].pk}/"


def test_csv_of_a_related_activity(area, catalogue):
    row = next(row for row in csv_rows(area) if row["name"] == "Klub seniorů Úsměv")

    assert (row["kind"], row["service_type_section"], row["activity_category"]) == ("activity", "", "Kluby a volný čas")


# --- XLSX --------------------------------------------------------------------------------------

def test_xlsx_has_the_rows_a_usable_header_and_the_licence_sheet(area, catalogue):
    workbook = load_workbook(io.BytesIO(exports.export_xlsx(area)))
    sheet = workbook["Služby"]

    header = [cell.value for cell in sheet[1]]
    assert header == [label for _key, label, _width in exports.COLUMNS]
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:T{sheet.max_row}"
    assert sheet.max_row == 4
    names = {sheet.cell(row=row, column=4).value for row in range(2, sheet.max_row + 1)}
    assert names == {"Pečovatelská služba Lipová Lhota", "Domov Žluťoučký kůň", "Klub seniorů Úsměv"}

    about = {row[0]: row[1] for row in workbook["O datech"].iter_rows(values_only=True) if row[0]}
    assert about["Licence"] == exports.LICENCE
    assert about["Text licence"] == exports.LICENCE_URL
    assert about["Zdroj"] == exports.SOURCE
    assert about["Vytvořeno"].startswith(str(date.today().year))


# --- JSON --------------------------------------------------------------------------------------

def test_json_documents_licence_and_lists_services(area, catalogue):
    document = exports.export_json(area)

    dataset = document["dataset"]
    assert dataset["licence"] == "Creative Commons Uveďte původ 4.0 (CC BY 4.0)"
    assert dataset["licence_url"].startswith("https://creativecommons.org/licenses/by/4.0/")
    assert "MPSV" in dataset["licence_note"]
    assert dataset["record_count"] == 3 == len(document["services"])
    care = next(item for item in document["services"] if item["registry_id"] == 99901)
    assert care["service_type"] == {"section": "40", "name": "pečovatelská služba", "code": "DruhSocialniSluzby/4"}
    assert {"form": "pob", "label": "pobytová", "nonstop": False, "capacities": [
        {"type": "luzka", "count": 32, "text": "32 lůžek"}, {"type": "klient", "count": 3, "text": "3 klienti"},
    ]} in care["forms"]
    assert [facility["name"] for facility in care["facilities"]] == ["Středisko Na Výsluní", "Terénní tým"]
    json.dumps(document)  # serialisable as it is


# --- HSDS --------------------------------------------------------------------------------------

def hsds_errors(name, item):
    return [f"{name} {item.get('name')}: {error.json_path}: {error.message}" for error in schema_errors(name, item)]


def every_hsds_object(document):
    """(schema name, object) for every service, organization, location, service_at_location,
    taxonomy and term of the document, nested ones included."""
    for service in document["contents"]:
        yield "service", service
        yield "organization", service["organization"]
        for link in service["service_at_locations"]:
            yield "service_at_location", link
            yield "location", link["location"]
        for attribute in service["attributes"]:
            yield "taxonomy_term", attribute["taxonomy_term"]
            yield "taxonomy", attribute["taxonomy_term"]["taxonomy_detail"]
    for taxonomy in document["taxonomies"]:
        yield "taxonomy", taxonomy
    for term in document["taxonomy_terms"]:
        yield "taxonomy_term", term


def all_ids(value, key_path=""):
    """Every ``id`` and ``*_id`` value anywhere in the document, with where it was found."""
    if isinstance(value, dict):
        for key, item in value.items():
            if (key == "id" or key.endswith("_id")) and isinstance(item, str):
                yield f"{key_path}.{key}", item
            else:
                yield from all_ids(item, f"{key_path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from all_ids(item, key_path)


def test_hsds_validates_against_the_released_schemas(area, catalogue):
    document = exports.export_hsds(area)

    assert document["total_items"] == len(document["contents"]) == 3
    checked = Counter()
    errors = []
    for name, item in every_hsds_object(document):
        checked[name] += 1
        errors += hsds_errors(name, item)
    assert errors == []
    assert checked["service"] == 3 and checked["location"] == 2 and checked["taxonomy_term"] > 5
    assert set(checked) == {"service", "organization", "service_at_location", "location", "taxonomy", "taxonomy_term"}


def test_hsds_terms_name_their_taxonomy_as_released_3_0_requires(area, catalogue):
    """3.0 as released: ``taxonomy`` is the taxonomy's name, the object sits in ``taxonomy_detail``
    (an earlier development state nested the object under ``taxonomy``; the released schema refuses it)."""
    term = exports.export_hsds(area)["taxonomy_terms"][0]

    assert term["taxonomy"] == term["taxonomy_detail"]["name"]
    assert hsds_errors("taxonomy_term", term) == []
    assert any("is not of type 'string'" in error for error in hsds_errors("taxonomy_term", term | {"taxonomy": term["taxonomy_detail"]}))


def test_the_copied_schemas_are_the_released_ones():
    """The copy names its source and carries the licence of the specification."""
    readme = (SCHEMA_DIR / "README.md").read_text(encoding="utf-8")
    assert "openreferral/specification" in readme and "v3.0" in readme
    assert "Creative Commons Attribution-ShareAlike 4.0" in (SCHEMA_DIR / "LICENSE").read_text(encoding="utf-8")
    term_schema = json.loads((SCHEMA_DIR / "taxonomy_term.json").read_text(encoding="utf-8"))
    assert term_schema["properties"]["taxonomy"]["type"] == "string"


def test_hsds_schema_check_is_not_vacuous(area, catalogue):
    """The nested references resolve: a broken address deep inside a service is caught."""
    service = next(item for item in exports.export_hsds(area)["contents"] if item["service_at_locations"])
    service["status"] = "otevřeno"
    location = service["service_at_locations"][0]["location"]
    location["id"] = "zarizeni-1"
    del location["addresses"][0]["city"]

    messages = {error.message for error in schema_errors("service", service)}
    assert any("otevřeno" in message for message in messages)
    assert any("zarizeni-1" in message for message in messages)
    assert "'city' is a required property" in messages


def test_hsds_nests_organization_locations_addresses_and_taxonomies(area, catalogue):
    document = exports.export_hsds(area)
    service = next(item for item in document["contents"] if item["name"] == "Pečovatelská služba Lipová Lhota")

    assert service["organization"]["organization_identifiers"][0]["identifier"] == catalogue["provider"].ico
    assert service["phones"][0]["number"] == "999 000 222"
    assert service["schedules"][0]["description"] == "Po–Pá 7:00–15:30"
    locations = [link["location"] for link in service["service_at_locations"]]
    assert [location["name"] for location in locations] == ["Středisko Na Výsluní", "Terénní tým"]
    assert locations[0]["addresses"][0] | {"id": None, "location_id": None} == {
        "id": None, "location_id": None, "address_1": "Na Výsluní 999/9a", "city": "Lipová Lhota", "region": "Opava",
        "state_province": "Moravskoslezský kraj", "postal_code": "999 01", "country": "CZ", "address_type": "physical",
    }
    assert (locations[0]["latitude"], locations[0]["external_identifier"]) == (49.938123, "99999901")
    by_type = {}
    for attribute in service["attributes"]:
        by_type.setdefault(attribute["link_type"], []).append(attribute)
    assert by_type["service_type"][0]["taxonomy_term"]["code"] == "40"
    assert by_type["service_type"][0]["taxonomy_term"]["taxonomy"].startswith("Druhy sociálních služeb")
    assert by_type["service_type"][0]["taxonomy_term"]["taxonomy_detail"]["name"].startswith("Druhy sociálních služeb")
    assert {attribute["taxonomy_term"]["name"] for attribute in by_type["target_group"]} == {"senioři", "osoby žijící s demencí"}
    assert {attribute["taxonomy_term"]["code"]: attribute["value"] for attribute in by_type["service_form"]} == {
        "pob": "32 lůžek, 3 klienti", "ter": "12 klientů",
    }
    terms = {(term["taxonomy"].split(" ")[0], term["code"]) for term in document["taxonomy_terms"]}
    assert ("Druhy", "40") in terms and ("Cílové", "24") in terms
    assert document["dataset"]["licence"] == exports.LICENCE


def test_hsds_ids_are_uuids_and_stable_across_exports(area, catalogue):
    first = exports.export_hsds(area)
    second = exports.export_hsds(area)

    ids = list(all_ids(first["contents"])) + list(all_ids(first["taxonomy_terms"]))
    assert ids
    for where, value in ids:
        assert str(uuid.UUID(value)) == value, where
    assert ids == list(all_ids(second["contents"])) + list(all_ids(second["taxonomy_terms"]))
    service_ids = [service["id"] for service in first["contents"]]
    assert len(set(service_ids)) == len(service_ids)


def test_hsds_taxonomy_terms_are_the_same_in_every_area(area, other_area, catalogue):
    ServiceFactory(area=other_area, name="Pečovatelská služba jinde", target_groups=["senioři"])

    here = {term["code"]: term["id"] for term in exports.export_hsds(area)["taxonomy_terms"]}
    there = {term["code"]: term["id"] for term in exports.export_hsds(other_area)["taxonomy_terms"]}
    assert here["40"] == there["40"] and here["24"] == there["24"]


# --- links -------------------------------------------------------------------------------------

def test_every_export_links_the_catalogue_page_absolutely(area, catalogue):
    """Open data are read off the site: a bare path (/mesto/sluzby/1/) leads nowhere there."""
    page = f"https://katalog.example.cz/mesto/sluzby/{catalogue['care'].pk}/"
    workbook = load_workbook(io.BytesIO(exports.export_xlsx(area)))
    sheet = workbook["Služby"]
    column = [cell.value for cell in sheet[1]].index("Stránka v katalogu") + 1

    assert page in {row["detail_url"] for row in csv_rows(area)}
    assert page in {sheet.cell(row=row, column=column).value for row in range(2, sheet.max_row + 1)}
    assert page in {service["detail_url"] for service in exports.export_json(area)["services"]}


# --- what must not be exported ------------------------------------------------------------------

def every_export_as_text(area):
    workbook = load_workbook(io.BytesIO(exports.export_xlsx(area)))
    cells = " ".join(str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row if value)
    return {
        "csv": exports.export_csv(area).decode("utf-8-sig"),
        "xlsx": cells,
        "json": json.dumps(exports.export_json(area), ensure_ascii=False),
        "hsds": json.dumps(exports.export_hsds(area), ensure_ascii=False),
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "hsds"])
def test_exports_leave_out_hidden_records_and_other_areas(area, catalogue, fmt):
    text = every_export_as_text(area)[fmt]

    assert "Pečovatelská služba Lipová Lhota" in text
    for hidden in ("Ukončená služba", "Nezveřejněná služba", "Služba jiného území"):
        assert hidden not in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "hsds"])
def test_exports_contain_no_personal_data(area, catalogue, fmt):
    text = every_export_as_text(area)[fmt]

    for personal in (PERSON_FIRST_NAME, PERSON_LAST_NAME, PERSON_EMAIL, "poskytovatel.example"):
        assert personal not in text


def test_exports_query_count_does_not_grow_with_services(area, catalogue, django_assert_max_num_queries):
    for number in range(5):
        ServiceFactory(area=area, name=f"Další služba {number}", target_groups=["senioři"],
                       facilities=[{"name": f"Zařízení {number}"}], forms=["amb"])

    with django_assert_max_num_queries(5):
        exports.export_hsds(area)


# --- the download view (called directly until the URL is wired) ---------------------------------

@pytest.mark.parametrize("fmt, content_type, filename", [
    ("csv", "text/csv; charset=utf-8", "katalog-mesto.csv"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "katalog-mesto.xlsx"),
    ("json", "application/json; charset=utf-8", "katalog-mesto.json"),
    ("hsds", "application/json; charset=utf-8", "katalog-mesto-hsds.json"),
])
def test_export_view_downloads_each_format_without_login(area, catalogue, fmt, content_type, filename):
    request = RequestFactory().get(f"/mesto/sluzby/export.{fmt}")
    request.area = area  # set by AreaMiddleware from the URL; no user, no login

    response = export_views.export(request, fmt=fmt)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    if fmt in ("json", "hsds"):
        assert "Pečovatelská služba Lipová Lhota" in response.content.decode("utf-8")


def test_export_view_refuses_unknown_format(area):
    request = RequestFactory().get("/mesto/sluzby/export.pdf")
    request.area = area
    with pytest.raises(Http404):
        export_views.export(request, fmt="pdf")
