"""The staff upload of a registry file, with the confirmation step before services end, as a browser submits it."""

import os
import time

import pytest
from webtest import Upload

from openkp.catalog.models import Service
from openkp.catalog.registry import import_registry
from openkp.catalog.tests.factories import ServiceFactory
from openkp.catalog.tests.test_registry import encoded, numbered, record, registry
from openkp.core import jobs, periodic
from openkp.core.models import Job

AREA_SIZE = 10  # registry services in the area; 2 (20 %) may end without confirmation


@pytest.fixture
def imported_area(registry_area, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    import_registry(encoded(numbered(AREA_SIZE)), area=registry_area, include_all=True)
    return registry_area


def active(area):
    return Service.objects.for_area(area).filter(registry_id__isnull=False, status=Service.Status.ACTIVE).count()


def upload(django_app, user, document, *, dry_run=False):
    django_app.set_user(user)
    page = django_app.get("/mesto/sprava/registr/")
    form = page.forms["registry-upload"]
    form["file"] = Upload("rpss.json", encoded(document), "application/json")
    form["include_all"] = True
    form["dry_run"] = dry_run
    return form.submit().follow()


def test_an_ending_over_the_limit_waits_for_confirmation_showing_the_services(django_app, imported_area, coordinator):
    job_page = upload(django_app, coordinator, numbered(2))

    assert "Je potřeba vaše potvrzení." in job_page.text
    assert "Import neproběhl, nic nebylo uloženo: V souboru chybí 8 služeb z registru" in job_page.text
    assert active(imported_area) == AREA_SIZE
    confirmation = job_page.click("Zkontrolovat a potvrdit ukončení 8 služeb")

    assert confirmation.html.h1.text == "Potvrzení importu z registru"
    rows = [row.find("td").text.strip() for row in confirmation.html.select("table tbody tr")]
    assert rows == [f"Služba č. {number:03d}" for number in range(3, 11)]
    form = confirmation.forms["registry-confirm"]
    assert form["allow_ending"].value == "8"
    assert "Importovat a ukončit 8 služeb" in confirmation.text

    done = form.submit().follow()

    assert "Hotovo." in done.text and "ukončené: 8," in done.text
    assert "Ukončené služby" in done.text and "portalId 200009: Služba č. 010" in done.text
    assert active(imported_area) == 2
    assert Job.objects.filter(status=Job.Status.SUCCESS, params__allow_ending=8).count() == 1


def test_the_confirmation_never_ends_more_than_it_showed(django_app, imported_area, coordinator):
    confirmation = upload(django_app, coordinator, numbered(2)).click("Zkontrolovat a potvrdit ukončení 8 služeb")
    # Meanwhile one more registry service appears in the catalogue that the file does not list.
    ServiceFactory(area=imported_area, registry_id=300000, name="Služba doplněná mezitím")

    refused = confirmation.forms["registry-confirm"].submit().follow()

    assert "Je potřeba vaše potvrzení." in refused.text
    assert "V souboru chybí 9 služeb z registru" in refused.text
    assert "Potvrzeno bylo ukončení nejvýš 8 služeb, to nestačí." in refused.text
    assert active(imported_area) == AREA_SIZE + 1


def test_a_count_larger_than_shown_is_refused(django_app, imported_area, coordinator):
    confirmation = upload(django_app, coordinator, numbered(2)).click("Zkontrolovat a potvrdit ukončení 8 služeb")
    form = confirmation.forms["registry-confirm"]
    form["allow_ending"].force_value("500")

    page = form.submit()

    assert page.status_code == 200
    assert "Potvrdit lze nejvýš ukončení 8 služeb, které stránka ukazuje." in page.text
    assert active(imported_area) == AREA_SIZE and Job.objects.count() == 1


def test_a_rejected_record_keeps_the_services_until_confirmed(django_app, imported_area, coordinator):
    document = numbered(AREA_SIZE - 1)
    document["polozky"].append(record(registry(), 99906))  # invalid IČO

    job_page = upload(django_app, coordinator, document)

    assert "Hotovo." in job_page.text
    assert "Žádná služba nebyla ukončena, protože 1 záznam byl odmítnut" in job_page.text
    assert "portalId 99906: Neplatné IČO" in job_page.text
    assert active(imported_area) == AREA_SIZE
    confirmation = job_page.click("Zkontrolovat a potvrdit ukončení 1 služby")
    assert "Import ostatní změny uložil" in confirmation.text and "Služba č. 010" in confirmation.text

    done = confirmation.forms["registry-confirm"].submit().follow()

    assert "ukončené: 1," in done.text
    assert active(imported_area) == AREA_SIZE - 1


def test_a_dry_run_lists_what_would_end_and_leads_to_the_real_import(django_app, imported_area, coordinator):
    job_page = upload(django_app, coordinator, numbered(AREA_SIZE - 2), dry_run=True)

    assert job_page.html.h1.text == "Zkušební import z registru poskytovatelů"
    assert "Zkušební běh, nic nebylo uloženo." in job_page.text and "ukončené: 2," in job_page.text
    assert "Služby, které v souboru chybí a import by je ukončil" in job_page.text
    assert "portalId 200008: Služba č. 009" in job_page.text
    assert active(imported_area) == AREA_SIZE
    confirmation = job_page.click("Zkontrolovat a importovat naostro")
    assert "Zkušební běh nic neuložil." in confirmation.text

    done = confirmation.forms["registry-confirm"].submit().follow()

    assert "Hotovo." in done.text and "Zkušební" not in done.text
    assert active(imported_area) == AREA_SIZE - 2


def test_confirmation_page_only_for_an_import_of_the_area_that_needs_it(django_app, imported_area, other_area, coordinator, tmp_path):
    (tmp_path / "rpss.json").write_bytes(encoded(numbered(AREA_SIZE)))
    plain = jobs.enqueue("catalog.import_registry", area=imported_area, area_id=imported_area.pk, path="rpss.json", include_all=True)
    foreign = Job.objects.create(area=other_area, name="catalog.import_registry", status=Job.Status.FAILED,
                                 params={"path": "rpss.json"}, result={"next_url": "/", "ending": [200000]})
    other_job = Job.objects.create(area=imported_area, name="core.import_municipalities", status=Job.Status.FAILED,
                                   result={"next_url": "/", "ending": [200000]})

    assert plain.status == Job.Status.SUCCESS and "next_url" not in plain.result
    for job in (plain, foreign, other_job):
        django_app.get(f"/mesto/sprava/registr/potvrzeni/{job.pk}/", user=coordinator, status=404)



def test_confirmation_page_queries_do_not_grow_with_the_list(django_app, imported_area, coordinator, django_assert_max_num_queries):
    few = upload(django_app, coordinator, numbered(2)).click("Zkontrolovat a potvrdit ukončení 8 služeb").request.url
    for number in range(20):
        ServiceFactory(area=imported_area, registry_id=300000 + number)
    many = upload(django_app, coordinator, numbered(2)).click("Zkontrolovat a potvrdit ukončení 28 služeb").request.url

    with django_assert_max_num_queries(20) as queries:  # 7 of them: the test app logging the user in
        django_app.get(few)
    with django_assert_max_num_queries(len(queries)):
        page = django_app.get(many)
    assert len(page.html.select("table tbody tr")) == 28


def stored_uploads(tmp_path):
    folder = tmp_path / "registry"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_finished_import_deletes_the_uploaded_file(django_app, imported_area, coordinator, tmp_path):
    done = upload(django_app, coordinator, numbered(AREA_SIZE))
    assert "Hotovo." in done.text
    assert stored_uploads(tmp_path) == []


def test_a_failed_import_deletes_the_uploaded_file(django_app, imported_area, coordinator, tmp_path):
    django_app.set_user(coordinator)
    form = django_app.get("/mesto/sprava/registr/").forms["registry-upload"]
    form["file"] = Upload("rpss.json", b'{"polozky": [', "application/json")
    failed = form.submit().follow()
    assert "Import neproběhl, nic nebylo uloženo" in failed.text
    assert stored_uploads(tmp_path) == []


def test_the_file_is_kept_while_the_confirmation_is_pending_and_deleted_after_it(django_app, imported_area, coordinator, tmp_path):
    confirmation = upload(django_app, coordinator, numbered(2)).click("Zkontrolovat a potvrdit ukončení 8 služeb")
    assert len(stored_uploads(tmp_path)) == 1

    done = confirmation.forms["registry-confirm"].submit().follow()

    assert "Hotovo." in done.text
    assert stored_uploads(tmp_path) == []
    # The confirmation page of the finished import no longer offers a button that could not work.
    again = django_app.get(confirmation.request.path)
    assert "registry-confirm" not in again.forms
    assert "Nahraný soubor už není uložen" in again.text


def test_a_dry_run_keeps_the_file_for_the_real_import(django_app, imported_area, coordinator, tmp_path):
    upload(django_app, coordinator, numbered(AREA_SIZE), dry_run=True)
    assert len(stored_uploads(tmp_path)) == 1


def test_files_waiting_for_a_confirmation_longer_than_a_day_are_removed(django_app, imported_area, coordinator, tmp_path):
    confirmation = upload(django_app, coordinator, numbered(2)).click("Zkontrolovat a potvrdit ukončení 8 služeb")
    (waiting,) = stored_uploads(tmp_path)
    fresh = tmp_path / "registry" / "fresh.json"
    fresh.write_bytes(b"{}")
    day_old = time.time() - 25 * 60 * 60
    os.utime(waiting, (day_old, day_old))

    assert periodic.run_all()["catalog.remove_stale_registry_uploads"] == 1

    assert stored_uploads(tmp_path) == [fresh]
    stale = django_app.get(confirmation.request.path)
    assert "Nahraný soubor už není uložen" in stale.text and "registry-confirm" not in stale.forms


def test_a_file_over_the_size_limit_is_refused_with_the_limit_named(django_app, imported_area, coordinator, tmp_path, settings):
    settings.REGISTRY_MAX_UPLOAD_MB = 1
    django_app.set_user(coordinator)
    form = django_app.get("/mesto/sprava/registr/").forms["registry-upload"]
    form["file"] = Upload("rpss.json", b" " * (2 * 1024 * 1024), "application/json")
    refused = form.submit()
    assert refused.status_code == 200
    assert "Soubor „rpss.json“ má 2 MB, import přijme nejvýš 1 MB." in refused.text
    assert stored_uploads(tmp_path) == [] and not Job.objects.exists()
