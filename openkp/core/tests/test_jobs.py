import time
import uuid

import pytest
from django.conf import settings as django_settings

from openkp.core import jobs
from openkp.core.models import Job, Municipality

GOOD_CSV = "kod;nazev;okres\n507580;Kravaře;Opava\n506214;Bolatice;Opava\n"
# The second row is fine in form but names a parent municipality that does not exist:
# the first row must not stay behind.
BROKEN_CSV = "code,name,kind,parent_code\n507580,Kravaře,obec,\n123,Nikde,cast_obce,999999\n"


def test_inline_job_succeeds_and_reports(area):
    job = jobs.enqueue("core.import_municipalities", area=area, title="Import", csv_text=GOOD_CSV)
    assert job.status == Job.Status.SUCCESS
    assert job.percent == 100
    assert "2 nových" in job.message
    assert set(Municipality.objects.values_list("name", flat=True)) == {"Kravaře", "Bolatice"}


def test_failed_job_leaves_no_partial_data_and_explains_in_czech(area):
    job = jobs.enqueue("core.import_municipalities", area=area, csv_text=BROKEN_CSV)
    assert job.status == Job.Status.FAILED
    assert "Nic nebylo uloženo" in job.message
    assert not Municipality.objects.exists()


def test_job_page_shows_progress_and_result(client, area, coordinator):
    job = jobs.enqueue("core.import_municipalities", area=area, csv_text=GOOD_CSV)
    client.force_login(coordinator)
    html = client.get(f"/mesto/sprava/ulohy/{job.pk}/").content.decode()
    assert "Hotovo." in html and "2 nových" in html
    assert '<a href="/mesto/sprava/">Zpět na správu území</a>' in html  # a job without a page of its own
    running = Job.objects.create(area=area, name="core.import_municipalities", status=Job.Status.RUNNING, percent=40)
    partial = client.get(f"/mesto/sprava/ulohy/{running.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'data-hx-trigger="every 1s"' in partial
    assert '<progress' in partial and 'value="40"' in partial
    assert "<html" not in partial


def test_job_of_another_area_is_404(client, area, other_area, coordinator):
    foreign = Job.objects.create(area=other_area, name="core.import_municipalities")
    client.force_login(coordinator)
    assert client.get(f"/mesto/sprava/ulohy/{foreign.pk}/").status_code == 404
    assert client.get(f"/mesto/sprava/ulohy/{uuid.uuid4()}/").status_code == 404


def test_upload_runs_the_import_job(client, area, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator)
    upload = SimpleUploadedFile("obce.csv", GOOD_CSV.encode("cp1250"), content_type="text/csv")
    response = client.post("/mesto/sprava/obce/import/", {"file": upload})
    job = Job.objects.get()
    assert response["Location"] == f"/mesto/sprava/ulohy/{job.pk}/"
    assert Municipality.objects.get(code="507580").name == "Kravaře"


def test_upload_of_wrong_file_gives_czech_message(client, area, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator)
    response = client.post("/mesto/sprava/obce/import/", {"file": SimpleUploadedFile("obce.xlsx", b"PK\x03\x04")})
    assert "Nahrajte soubor CSV" in response.content.decode()
    response = client.post("/mesto/sprava/obce/import/", {"file": SimpleUploadedFile("obce.csv", b"a;b\n1;2\n")})
    assert "V záhlaví chybí sloupec" in response.content.decode()
    assert not Job.objects.exists()


def redis_available():
    import redis

    try:
        return redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


@pytest.mark.redis
@pytest.mark.skipif(not redis_available(), reason="Redis na 127.0.0.1:6379 neběží")
def test_job_runs_on_a_celery_worker_through_redis(transactional_db, settings):
    """A real worker (in a thread of this process) takes the job from Redis and runs it."""
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    redis_url = "redis://127.0.0.1:6379/15"
    settings.REDIS_URL = redis_url
    # A queue of this run's own: another test run on the machine shares the Redis but must not take this job.
    queue = f"openkp-test-{uuid.uuid4().hex}"
    default_queue = app.conf.task_default_queue
    app.conf.update(broker_url=redis_url, task_always_eager=False, broker_connection_retry_on_startup=True,
                    task_default_queue=queue)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=[queue]):
            job = jobs.enqueue("core.import_municipalities", csv_text=GOOD_CSV)
            assert job.status == Job.Status.PENDING  # queued, not run inline
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                job.refresh_from_db()
                if job.is_finished:
                    break
                time.sleep(0.2)
    finally:
        app.conf.update(broker_url=django_settings.CELERY_BROKER_URL, task_always_eager=True, task_default_queue=default_queue)
    assert job.status == Job.Status.SUCCESS, job.message
    assert Municipality.objects.filter(code="507580").exists()
