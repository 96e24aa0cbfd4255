"""Background jobs: inline when REDIS_URL is unset, on Celery + Redis when it is set.

A job is a function registered with ``@job("name")`` in an app's ``tasks.py``. It runs in one
transaction, so a failure leaves no partial data. Progress goes to the cache (shared through
Redis when configured), because the job's own writes are invisible to others until it commits.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job

logger = logging.getLogger(__name__)
_registry = {}
_back_links = {}
_next_steps = {}


class JobError(Exception):
    """Raised by a job to stop with a message for the user (in Czech); nothing is saved.

    ``result`` is kept on the failed job, e.g. a ``next_url`` and ``next_label`` the job page offers
    as the way on (a confirmation the job needs before it may run)."""

    def __init__(self, message, *, result=None):
        super().__init__(message)
        self.result = result or {}


def job(name, *, back=None, next_steps=None):
    """Register a function ``func(*, job, progress, **params) -> dict`` as a background job; ``back(job)`` gives
    the job page's way back, ``(label, url)`` of the page the job was started from (default: the area's dashboard);
    ``next_steps(job, user)`` what the user may do next with a finished job's result: ``[NextStep, …]``."""

    def register(func):
        _registry[name] = func
        if back is not None:
            _back_links[name] = back
        if next_steps is not None:
            _next_steps[name] = next_steps
        return func

    return register


@dataclass(frozen=True)
class NextStep:
    """An action offered on a finished job's page: a button to ``url``, or only a note when ``url`` is empty."""

    label: str
    url: str = ""
    hint: str = ""


def next_steps(job, user):
    """The next steps a successfully finished job offers ``user`` (empty while it runs or after a failure)."""
    if job.status != Job.Status.SUCCESS or job.name not in _next_steps:
        return []
    try:
        return list(_next_steps[job.name](job, user))
    except (KeyError, NoReverseMatch):  # a job saved with other parameters than today's
        return []


def back_link(job):
    """``(label, url)`` of the page a job's page leads back to."""
    if job.name in _back_links:
        try:
            return _back_links[job.name](job)
        except (KeyError, NoReverseMatch):  # a job saved with other parameters than today's
            pass
    return _("Zpět na správu území"), reverse("core:dashboard", kwargs={"area_slug": job.area.slug})


def _progress_key(job_id):
    return f"openkp:job:{job_id}"


class Progress:
    def __init__(self, job_id):
        self.job_id = job_id

    def __call__(self, percent, message=""):
        cache.set(_progress_key(self.job_id), {"percent": max(0, min(99, int(percent))), "message": message}, 3600)


def enqueue(name, *, area=None, user=None, title="", **params):
    """Create a Job and run it: now (inline) or on a Celery worker once the caller's transaction commits."""
    if name not in _registry:
        raise KeyError(f"Unknown job {name!r}")
    created = Job.objects.create(name=name, title=title, area=area, created_by=user, params=params)
    if settings.REDIS_URL:
        from .tasks import run_job_task

        transaction.on_commit(lambda: run_job_task.delay(str(created.pk)))
    else:
        run_job(created.pk)
        created.refresh_from_db()
    return created


def run_job(job_id):
    """Run one job to its end and record the outcome; never raises."""
    current = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING)
    func = _registry[current.name]
    try:
        with transaction.atomic():
            result = func(job=current, progress=Progress(job_id), **current.params) or {}
    except JobError as error:
        _finish(job_id, Job.Status.FAILED, str(error), error.result)
    except Exception:
        logger.exception("Job %s (%s) failed", job_id, current.name)
        _finish(
            job_id,
            Job.Status.FAILED,
            _("Úloha selhala kvůli chybě aplikace. Nic nebylo uloženo; zkuste to prosím znovu, nebo kontaktujte správce."),
            {},
        )
    else:
        _finish(job_id, Job.Status.SUCCESS, result.pop("message", _("Hotovo.")), result)
    cache.delete(_progress_key(job_id))


def _finish(job_id, status, message, result):
    Job.objects.filter(pk=job_id).update(
        status=status,
        message=message[:500],
        result=result,
        percent=100 if status == Job.Status.SUCCESS else 0,
        finished_at=timezone.now(),
    )


def job_state(job):
    """Status, percent and message of a job, with live progress of a running one."""
    state = {"status": job.status, "percent": job.percent, "message": job.message}
    if not job.is_finished:
        state.update(cache.get(_progress_key(job.pk)) or {})
    return state
