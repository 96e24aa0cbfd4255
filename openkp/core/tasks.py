from celery import shared_task

from . import municipalities
from .jobs import job, run_job


@shared_task(name="openkp.run_job")
def run_job_task(job_id):
    run_job(job_id)


@job("core.import_municipalities")
def import_municipalities_job(*, job, progress, csv_text):
    report = municipalities.import_municipalities(csv_text, progress=progress)
    return {"message": report.summary(), "created": report.created, "updated": report.updated}


@shared_task(name="openkp.flush_outbox")
def flush_outbox_task():
    from .mail import flush_outbox

    flush_outbox()


@shared_task(name="openkp.run_periodic")
def run_periodic_task():
    from .periodic import run_all

    run_all()
