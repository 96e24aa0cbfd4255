"""Import of the national registry (RPSS) file: fixtures hold invented records in the real format."""

import copy
import json
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import models

from openkp.catalog.models import AgeGroup, Capacity, Facility, Service, TargetGroup
from openkp.catalog.registry import EndingNotConfirmed, RegistryFileError, import_registry
from openkp.core import jobs
from openkp.core.models import Job, Organisation
from openkp.core.tests.factories import OrganisationFactory

FIXTURES = Path(__file__).parent / "fixtures"
REGISTRY = FIXTURES / "registry.json"
MALFORMED = ["registry_not_json.csv", "registry_cp1250.json", "registry_truncated.json", "registry_root_list.json", "registry_no_polozky.json"]
# Names in statutarniOrgany and in facility-head records of the fixture: personal data.
PERSONAL_NAMES = ["Vzorová", "Nedotknutelný", "Zákonný", "Statutárová", "Karel", "Bohumil", "Mgr."]


def registry():
    return json.loads(REGISTRY.read_text(encoding="utf-8"))


def encoded(document):
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def record(document, portal_id):
    return next(item for item in document["polozky"] if isinstance(item, dict) and item.get("portalId") == portal_id)


def run(area, document=None, **kwargs):
    data = REGISTRY.read_bytes() if document is None else encoded(document)
    return import_registry(data, area=area, **kwargs)


def service(portal_id):
    return Service.objects.get(registry_id=portal_id)


def test_first_import_creates_services_providers_forms_and_facilities(registry_area):
    report = run(registry_area)

    assert (report.created, report.updated, report.unchanged, report.ended) == (4, 0, 0, 0)
    assert report.skipped == 1 and report.rejected == 1
    care = service(99901)
    assert care.area == registry_area and care.kind == Service.Kind.SERVICE
    assert care.registry_identifier == "9999991"
    assert care.service_type.section == "40"
    assert (care.email, care.phone, care.web) == ("pecovatelska@example.org", "999 000 222", "https://www.example.org/pecovatelska-sluzba")
    assert sorted(group.number for group in care.target_groups.all()) == ["24", "30"]
    assert {(form.form, form.nonstop) for form in care.forms.all()} == {("ter", False), ("amb", False)}
    assert care.valid_from == date(2015, 1, 1) and care.status == Service.Status.ACTIVE
    centre, team = care.facilities.order_by("name")
    assert (centre.street, centre.house_number, centre.orientation_number, centre.postcode) == ("Na Výsluní", "999", "9a", "99901")
    assert centre.municipality.name == "Lipová Lhota" and centre.municipality_code == "999999"
    assert centre.part.name == "Výsluní" and centre.address_point == 99999901
    assert team.address_point is None and team.municipality is None and team.name.endswith("terénní tým")
    assert "lipov" in care.search_text and "senior" in care.search_text and care.sort_name
    provider = Organisation.objects.get(ico="09998888")
    assert provider.name == "Lipová Lhota - sociální služby, z. ú."
    assert (provider.web, provider.email, provider.phone) == ("https://www.example.org", "info@example.org", "999 000 111")


def test_contacts_fall_back_to_the_provider_and_are_normalised(registry_area):
    run(registry_area)

    home = service(99902)
    assert home.registry_identifier == "9999992"
    assert home.email == "info@domov-nakopecku.example"  # the invalid first e-mail is left out
    assert home.web == "https://www.domov-nakopecku.example"
    assert home.phone == "999 111 222 999 111 223"
    assert home.age_note == "od 65 let"
    assert [group.code for group in home.age_groups.all()] == ["VekovaSkupinaOsoby/7"]
    assert service(99905).registry_identifier == ""


def test_facilities_are_deduplicated_and_capacities_never_summed(registry_area):
    run(registry_area)

    home = service(99902)
    assert [facility.name for facility in home.facilities.all()] == ["Domov Na Kopečku"]
    residential = home.forms.get()
    assert residential.form == "pob" and residential.nonstop
    assert sorted((capacity.capacity_type.code, capacity.count) for capacity in residential.capacities.all()) == [
        ("TypKapacitySocialniSluzby/klient", 40), ("TypKapacitySocialniSluzby/luzka", 40)
    ]
    counselling = service(99905)
    assert sorted((form.form, capacity.capacity_type.number, capacity.count)
                  for form in counselling.forms.all() for capacity in form.capacities.all()) == [
        ("amb", "interv", 725), ("amb", "kontakt", 1850), ("ter", "interv", 300)
    ]


def test_reimport_of_the_same_file_changes_nothing(registry_area):
    run(registry_area)
    history = (Service.history.count(), Organisation.history.count())
    facilities = sorted(Facility.objects.values_list("pk", flat=True))

    report = run(registry_area)

    assert (report.created, report.updated, report.unchanged, report.ended) == (0, 0, 4, 0)
    assert (report.providers_created, report.providers_updated) == (0, 0)
    assert (Service.history.count(), Organisation.history.count()) == history
    assert sorted(Facility.objects.values_list("pk", flat=True)) == facilities


def _more_beds(document):
    record(document, 99902)["formy"][0]["kapacity"][0]["pocet"] = 45


def _new_phone(document):
    record(document, 99902)["telefony"] = [{"telefon": "999 333 444", "poznamka": None}]


def _new_facility_name(document):
    for facility in record(document, 99902)["zarizeni"]:
        facility["nazev"] = "Domov Na Kopečku – pavilon A"


@pytest.mark.parametrize("change", [_more_beds, _new_phone, _new_facility_name])
def test_changed_record_is_updated_with_history(registry_area, change):
    run(registry_area)
    home = service(99902)
    home.facilities.update(latitude=Decimal("49.900000"), longitude=Decimal("17.900000"))
    history = home.history.count()
    document = registry()
    change(document)

    report = run(registry_area, document)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    assert home.history.count() == history + 1
    assert home.history.first().history_change_reason == "Import z registru"
    facility = service(99902).facilities.get()
    assert (facility.latitude, facility.longitude) == (Decimal("49.900000"), Decimal("17.900000"))
    assert run(registry_area, document).unchanged == 4


def test_capacity_change_is_stored(registry_area):
    run(registry_area)
    document = registry()
    _more_beds(document)
    run(registry_area, document)
    assert Capacity.objects.filter(service_form__service=service(99902), capacity_type__code="TypKapacitySocialniSluzby/luzka").get().count == 45


def test_service_missing_from_the_file_is_ended_not_deleted(registry_area):
    own = Service.objects.create(area=registry_area, name="Klub pro pečující", provider=OrganisationFactory())
    run(registry_area)
    document = registry()
    document["polozky"] = [item for item in document["polozky"] if item["portalId"] != 99905]

    # One of three active services is over the share that ends without confirmation, and the
    # fixture has a rejected record: the operator confirms one.
    report = run(registry_area, document, allow_ending=1)

    assert report.ended == 1 and report.unchanged == 3
    assert service(99905).status == Service.Status.ENDED
    own.refresh_from_db()
    assert own.status == Service.Status.ACTIVE and own.registry_id is None
    assert run(registry_area, document).ended == 0
    assert run(registry_area).updated == 1  # back in the file: active again
    assert service(99905).status == Service.Status.ACTIVE


def test_service_ended_in_the_registry_is_imported_as_ended(registry_area):
    run(registry_area)
    club = service(99904)
    assert club.status == Service.Status.ENDED and club.valid_to == date(2012, 6, 30)


def test_unknown_codes_are_kept_and_shown_by_number(registry_area):
    run(registry_area)
    unknown = TargetGroup.objects.get(code="CilovaSkupinaOsoby/99")
    assert str(unknown) == "cílová skupina č. 99"
    assert unknown in service(99902).target_groups.all()
    assert str(AgeGroup.objects.get(code="VekovaSkupinaOsoby/7")) == "věková skupina č. 7"


def test_name_is_derived_from_the_facility_or_type_and_provider(registry_area):
    run(registry_area)
    assert service(99902).name == "Domov Na Kopečku"
    counselling = service(99905)
    assert counselling.name == "Odborné sociální poradenství – Poradna Lipová, z. s."
    assert counselling.name_is_derived


def test_name_and_texts_improved_by_the_provider_are_kept(registry_area):
    run(registry_area)
    Service.objects.filter(registry_id=99902).update(
        name="Domov pro seniory Na Kopečku", name_is_derived=False, description="Domov v klidné části obce.", fees="Podle ceníku."
    )
    document = registry()
    _more_beds(document)

    assert run(registry_area).unchanged == 4
    assert run(registry_area, document).updated == 1

    home = service(99902)
    assert (home.name, home.name_is_derived) == ("Domov pro seniory Na Kopečku", False)
    assert (home.description, home.fees) == ("Domov v klidné části obce.", "Podle ceníku.")


def test_no_personal_data_is_stored(registry_area):
    run(registry_area, include_all=True)
    for model in (Organisation, Organisation.history.model, Service, Service.history.model, Facility):
        text_fields = [field.name for field in model._meta.fields if isinstance(field, models.CharField | models.TextField)]
        for values in model.objects.values_list(*text_fields):
            stored = " ".join(values)
            assert not any(name in stored for name in PERSONAL_NAMES), (model, stored)


def test_services_outside_the_area_are_skipped_unless_all(registry_area):
    run(registry_area)
    assert not Service.objects.filter(registry_id=99903).exists()
    report = run(registry_area, include_all=True)
    assert report.created == 1 and report.skipped == 0
    assert service(99903).facilities.get().municipality.name == "Horní Dolní"


def test_provider_with_invalid_ico_is_rejected_and_the_rest_imported(registry_area):
    report = run(registry_area)
    assert report.lines() == [
        "portalId 99906: Neplatné IČO poskytovatele: IČO 12345678 nemá správnou kontrolní číslici. "
        "Zkontrolujte je, prosím, v obchodním rejstříku nebo ARES."
    ]
    assert not Service.objects.filter(registry_id=99906).exists()
    assert not Organisation.objects.filter(ico="12345678").exists()
    assert Service.objects.count() == 4


def test_records_that_cannot_be_imported_are_rejected_with_reasons(registry_area):
    document = registry()
    missing_id = copy.deepcopy(record(document, 99901))
    del missing_id["portalId"]
    missing_type = copy.deepcopy(record(document, 99901)) | {"portalId": 99907, "druhSocialniSluzby": None}
    bad_date = copy.deepcopy(record(document, 99901)) | {"portalId": 99908, "datumPoskytovaniDo": "31.12.2030"}
    odd = {"portalId": 99909, "poskytovatel": {"ico": "09998888", "nazev": "X"}, "druhSocialniSluzby": {"id": "DruhSocialniSluzby/4"},
           "zarizeni": [{"adresa": None}, "text", None], "formy": "nic", "ciloveSkupiny": None, "emaily": [None]}
    document["polozky"] += ["nejde o objekt", missing_id, missing_type, bad_date, copy.deepcopy(record(document, 99901)), odd]

    report = run(registry_area, document, include_all=True)

    assert report.lines()[1:] == [
        "položka č. 7: Položka není objekt (záznam služby).",
        "položka č. 8: Chybí portalId, nebo není kladné celé číslo.",
        "portalId 99907: Chybí druh sociální služby (druhSocialniSluzby).",
        "portalId 99908: Neplatné datum „31.12.2030“ v poli datumPoskytovaniDo (očekává se RRRR-MM-DD).",
        "portalId 99901: portalId se v souboru opakuje; použit první záznam.",
    ]
    assert report.created == 6  # five good records and the odd but importable one
    assert service(99909).name == "Pečovatelská služba – Lipová Lhota - sociální služby, z. ú."


@pytest.mark.parametrize("filename", MALFORMED)
def test_malformed_file_raises_and_writes_nothing(registry_area, filename):
    with pytest.raises(RegistryFileError) as error:
        import_registry((FIXTURES / filename).read_bytes(), area=registry_area)
    assert str(error.value)
    assert Service.objects.count() == 0 and Organisation.objects.count() == 0


@pytest.mark.parametrize("filename, message", [
    ("registry_not_json.csv", "není platný JSON"),
    ("registry_cp1250.json", "není v kódování UTF-8"),
    ("registry_truncated.json", "je neúplný"),
    ("registry_root_list.json", "kořenem musí být objekt"),
    ("registry_no_polozky.json", "chybí seznam služeb „polozky“"),
])
def test_command_exits_non_zero_on_a_malformed_file(registry_area, filename, message):
    with pytest.raises(CommandError) as error:
        call_command("import_registry", str(FIXTURES / filename), "--area", "mesto", stdout=StringIO())
    assert error.value.returncode == 1
    assert "nic nebylo uloženo" in str(error.value) and message in str(error.value)
    assert Service.objects.count() == 0


def test_command_prints_summary_and_rejections(registry_area):
    out = StringIO()
    call_command("import_registry", str(REGISTRY), "--area", "mesto", stdout=out)
    output = out.getvalue()
    assert "Služby z registru – nové: 4, změněné: 0, beze změny: 0, ukončené: 0, odmítnuté: 1, mimo území: 1." in output
    assert "Odmítnuté záznamy (1):" in output and "portalId 99906: Neplatné IČO" in output

    call_command("import_registry", str(REGISTRY), "--area", "mesto", "--all", stdout=out)
    assert Service.objects.filter(registry_id=99903).exists()


def test_command_refuses_a_missing_file_and_an_unknown_area(registry_area, tmp_path):
    with pytest.raises(CommandError, match="neexistuje"):
        call_command("import_registry", str(tmp_path / "rpss.json"), "--area", "mesto")
    with pytest.raises(CommandError, match="Území „nikde“ neexistuje"):
        call_command("import_registry", str(REGISTRY), "--area", "nikde")


def test_dry_run_reports_but_writes_nothing(registry_area):
    report = run(registry_area, dry_run=True)
    assert report.created == 4 and report.summary().startswith("Zkušební běh, nic nebylo uloženo.")
    assert Service.objects.count() == 0 and Organisation.objects.count() == 0 and Facility.objects.count() == 0

    out = StringIO()
    call_command("import_registry", str(REGISTRY), "--area", "mesto", "--dry-run", stdout=out)
    assert "Zkušební běh" in out.getvalue() and Service.objects.count() == 0


def test_progress_is_reported_every_200_records(registry_area):
    document = registry()
    template = record(document, 99901)
    document["polozky"] = [copy.deepcopy(template) | {"portalId": 100000 + n} for n in range(450)]
    calls = []

    report = run(registry_area, document, progress=lambda percent, message: calls.append((round(percent), message)))

    assert report.created == 450
    assert calls[:2] == [(40, "Zpracováno 200 z 450 záznamů"), (80, "Zpracováno 400 z 450 záznamů")]


def test_background_job_imports_a_file_from_media(registry_area, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "registr").mkdir()
    (tmp_path / "registr" / "rpss.json").write_bytes(REGISTRY.read_bytes())
    (tmp_path / "registr" / "vadny.json").write_bytes((FIXTURES / "registry_truncated.json").read_bytes())

    done = jobs.enqueue("catalog.import_registry", area=registry_area, area_id=registry_area.pk, path="registr/rpss.json", include_all=False)
    assert done.status == Job.Status.SUCCESS
    assert done.message.startswith("Služby z registru – nové: 4")
    assert done.result["created"] == 4 and done.result["rejected"][0].startswith("portalId 99906")

    failed = jobs.enqueue("catalog.import_registry", area=registry_area, area_id=registry_area.pk, path="registr/vadny.json", include_all=True)
    assert failed.status == Job.Status.FAILED and "je neúplný" in failed.message
    outside = jobs.enqueue("catalog.import_registry", area=registry_area, area_id=registry_area.pk, path="../etc/passwd", include_all=True)
    assert outside.status == Job.Status.FAILED and "nebyl nalezen" in outside.message
    assert Service.objects.count() == 4


# --- Ending guarded against truncated or wrong files ----------------------------------------------

DEMO_SIZE = 327  # registry services of the demo area


def numbered(count, *, start=200000):
    """A registry file of ``count`` importable services in the area, portalIds from ``start``."""
    template = record(registry(), 99901)
    items = []
    for number in range(count):
        item = copy.deepcopy(template) | {"portalId": start + number, "identifikator": str(7000000 + start + number)}
        item["zarizeni"][0]["nazev"] = f"Služba č. {number + 1:03d}"
        items.append(item)
    return {"polozky": items}


def rejected_record():
    return copy.deepcopy(record(registry(), 99901)) | {"portalId": 99907, "druhSocialniSluzby": None}


def active_count(area):
    return Service.objects.for_area(area).filter(registry_id__isnull=False, status=Service.Status.ACTIVE).count()


@pytest.fixture
def demo_sized_area(registry_area):
    assert run(registry_area, numbered(DEMO_SIZE), include_all=True).created == DEMO_SIZE
    return registry_area


def command(path, *args):
    out = StringIO()
    call_command("import_registry", str(path), "--area", "mesto", "--all", *args, stdout=out)
    return out.getvalue()


def write(tmp_path, document):
    path = tmp_path / "rpss.json"
    path.write_bytes(encoded(document))
    return path


def test_a_file_whose_only_record_is_rejected_ends_nothing(demo_sized_area, tmp_path):
    path = write(tmp_path, {"polozky": [rejected_record()]})

    with pytest.raises(CommandError) as error:
        command(path)

    message = str(error.value)
    assert message.startswith("Import neproběhl, nic nebylo uloženo: V souboru chybí 327 služeb z registru a import by je ukončil, "
                              "to je 100\u00a0% z 327 aktivních služeb z registru v katalogu území. "
                              "Bez potvrzení smí import ukončit nejvýš 65 služeb (20\u00a0%). Navíc byl odmítnut 1 záznam.")
    assert "spusťte import znovu s --allow-ending 327" in message
    assert active_count(demo_sized_area) == DEMO_SIZE


def test_a_rejected_record_holds_back_the_ending_and_the_rest_is_imported(demo_sized_area):
    document = numbered(DEMO_SIZE - 5)
    document["polozky"][0]["telefony"] = [{"telefon": "999 000 333", "poznamka": None}]
    document["polozky"].append(rejected_record())

    report = run(demo_sized_area, document, include_all=True)

    assert (report.updated, report.ended, report.rejected) == (1, 0, 1)
    assert report.summary().endswith(
        "Žádná služba nebyla ukončena, protože 1 záznam byl odmítnut (může jít o službu, která v registru stále je); "
        "v souboru chybí 5 služeb z registru."
    )
    assert [service.portal_id for service in report.ending] == [200000 + DEMO_SIZE - n for n in (5, 4, 3, 2, 1)]
    assert active_count(demo_sized_area) == DEMO_SIZE
    assert service(200000).phone == "999 000 333"  # the rest of the file was imported

    too_few = run(demo_sized_area, document, include_all=True, allow_ending=4)
    assert too_few.ended == 0 and too_few.summary().endswith("Potvrzeno bylo ukončení nejvýš 4 služeb, to nestačí.")
    confirmed = run(demo_sized_area, document, include_all=True, allow_ending=5)
    assert confirmed.ended == 5 and not confirmed.needs_confirmation
    assert active_count(demo_sized_area) == DEMO_SIZE - 5


def test_up_to_a_fifth_of_the_area_ends_without_confirmation(demo_sized_area):
    with pytest.raises(EndingNotConfirmed) as refusal:
        run(demo_sized_area, numbered(DEMO_SIZE - 66), include_all=True)
    assert len(refusal.value.report.ending) == 66 and refusal.value.report.ending_limit == 65
    assert active_count(demo_sized_area) == DEMO_SIZE

    report = run(demo_sized_area, numbered(DEMO_SIZE - 65), include_all=True)
    assert report.ended == 65 and report.summary().startswith("Služby z registru – nové: 0, změněné: 0, beze změny: 262, ukončené: 65,")
    assert active_count(demo_sized_area) == DEMO_SIZE - 65


def test_a_file_that_would_end_the_whole_area_needs_allow_ending_with_the_exact_count(demo_sized_area, tmp_path):
    other = registry()
    path = write(tmp_path, {"polozky": [record(other, 99903)]})  # one service of another municipality

    with pytest.raises(CommandError) as error:
        command(path)
    assert "V souboru chybí 327 služeb" in str(error.value) and "--allow-ending 327" in str(error.value)
    assert active_count(demo_sized_area) == DEMO_SIZE and not Service.objects.filter(registry_id=99903).exists()

    with pytest.raises(CommandError) as error:
        command(path, "--allow-ending", "326")
    assert "Potvrzeno bylo ukončení nejvýš 326 služeb, to nestačí." in str(error.value)
    assert active_count(demo_sized_area) == 0 + DEMO_SIZE and not Service.objects.filter(registry_id=99903).exists()

    output = command(path, "--allow-ending", "327")
    assert "nové: 1, změněné: 0, beze změny: 0, ukončené: 327, odmítnuté: 0" in output
    assert "Ukončené služby (327):" in output
    assert active_count(demo_sized_area) == 1
    ended = Service.objects.get(registry_id=200000)
    assert ended.status == Service.Status.ENDED
    assert ended.history.first().history_change_reason == "Import z registru: služba v souboru registru chybí"


def test_command_refuses_a_negative_allow_ending(registry_area):
    with pytest.raises(CommandError, match="nezáporné celé číslo"):
        call_command("import_registry", str(REGISTRY), "--area", "mesto", "--allow-ending", "-1")


def test_dry_run_lists_what_would_end(demo_sized_area, tmp_path):
    path = write(tmp_path, numbered(2))

    output = command(path, "--dry-run")

    assert output.startswith("Zkušební běh, nic nebylo uloženo. Import by neproběhl: V souboru chybí 325 služeb z registru")
    assert "Služby, které v souboru chybí a import by je ukončil (325):" in output
    assert "  portalId 200002: Služba č. 003 (Lipová Lhota - sociální služby, z. ú.)" in output
    assert "--allow-ending 325" in output
    assert active_count(demo_sized_area) == DEMO_SIZE

    within_limit = command(write(tmp_path, numbered(DEMO_SIZE - 1)), "--dry-run")
    assert "ukončené: 1," in within_limit
    assert "Služby, které v souboru chybí a import by je ukončil (1):\n  portalId 200326: Služba č. 327" in within_limit
    assert "--allow-ending" not in within_limit
    assert active_count(demo_sized_area) == DEMO_SIZE


def test_background_job_refuses_an_unconfirmed_ending_and_offers_the_confirmation(demo_sized_area, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "rpss.json").write_bytes(encoded(numbered(100)))

    refused = jobs.enqueue("catalog.import_registry", area=demo_sized_area, area_id=demo_sized_area.pk, path="rpss.json", include_all=True)

    assert refused.status == Job.Status.FAILED
    assert refused.message.startswith("Import neproběhl, nic nebylo uloženo: V souboru chybí 227 služeb")
    assert len(refused.result["ending"]) == 227 and refused.result["needs_confirmation"]
    assert refused.result["sections"][0]["more"] == 227 - 50
    assert refused.result["next_url"] == f"/mesto/sprava/registr/potvrzeni/{refused.pk}/"
    assert active_count(demo_sized_area) == DEMO_SIZE


def test_more_records_than_the_limit_are_refused_and_nothing_is_saved(registry_area, settings):
    document = registry()
    settings.IMPORT_MAX_ROWS_REGISTRY = len(document["polozky"]) - 1
    with pytest.raises(RegistryFileError, match=f"Soubor má {len(document['polozky'])} záznamů, import jich přijme nejvýš"):
        run(registry_area, document)
    assert not Service.objects.exists()
