import logging
import time
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openkp.core.jobs import JobError, job
from openkp.core.models import Area
from openkp.core.periodic import periodic

from .registry import EndingNotConfirmed, RegistryFileError, import_registry

MAX_REJECTED_LINES = 50
MAX_ENDING_LINES = 50
# Uploaded registry files live here while an import runs or waits for the coordinator's confirmation.
UPLOAD_DIR = "registry"
# A file waiting for a confirmation longer than this is removed; the coordinator uploads it again.
STALE_UPLOAD_SECONDS = 24 * 60 * 60

logger = logging.getLogger(__name__)


def _back_to_services(job):
    return _("Zpět na sociální služby"), reverse("catalog:staff_services", kwargs={"area_slug": job.area.slug})


@job("catalog.import_registry", back=_back_to_services)
def import_registry_job(*, job, progress, area_id, path, include_all=False, dry_run=False, allow_ending=0):
    """Import an uploaded registry file (a path under MEDIA_ROOT) into the area's catalogue.

    When the services to end need the coordinator's confirmation (or after a dry run), the result
    leads to the confirmation page, which runs the same file again with the confirmed count."""
    area = Area.objects.get(pk=area_id)
    awaits_confirmation = False
    try:
        report = import_registry(
            _media_file(path).read_bytes(), area=area, include_all=include_all, dry_run=dry_run,
            allow_ending=allow_ending, progress=progress,
        )
    except RegistryFileError as error:
        raise JobError(_("Import neproběhl, nic nebylo uloženo: %(error)s") % {"error": error}) from None
    except EndingNotConfirmed as refusal:
        result = _result(job, refusal.report)
        awaits_confirmation = "next_url" in result
        raise JobError(refusal.report.summary(), result=result) from None
    else:
        result = _result(job, report)
        awaits_confirmation = "next_url" in result
        return {"message": report.summary(), **result}
    finally:
        # The confirmation step imports the same file again; otherwise nothing needs it any more.
        if not awaits_confirmation:
            remove_upload(path)


def remove_upload(path):
    """Delete an uploaded registry file; only files of the upload folder are ever touched."""
    root = (Path(settings.MEDIA_ROOT) / UPLOAD_DIR).resolve()
    file = (Path(settings.MEDIA_ROOT) / path).resolve()
    if file.is_relative_to(root) and file.is_file():
        file.unlink(missing_ok=True)


def upload_exists(path):
    try:
        _media_file(path)
    except JobError:
        return False
    return True


@periodic("catalog.remove_stale_registry_uploads")
def remove_stale_registry_uploads(now=None):
    """Registry files whose confirmation nobody gave within a day (or left by a crashed worker)."""
    folder = Path(settings.MEDIA_ROOT) / UPLOAD_DIR
    if not folder.is_dir():
        return 0
    threshold = (now.timestamp() if now else time.time()) - STALE_UPLOAD_SECONDS
    removed = 0
    for file in folder.iterdir():
        if file.is_file() and file.stat().st_mtime < threshold:
            file.unlink(missing_ok=True)
            removed += 1
    if removed:
        logger.info("Removed %s stale registry uploads", removed)
    return removed


def _result(job, report):
    ended = report.ended and not report.dry_run and not report.needs_confirmation
    result = {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "ended": report.ended,
        "skipped": report.skipped,
        "rejected_count": report.rejected,
        "rejected": report.lines()[:MAX_REJECTED_LINES],
        "dry_run": report.dry_run,
        "needs_confirmation": report.needs_confirmation,
        "ending": [service.portal_id for service in report.ending],
        "ending_limit": report.ending_limit,
        "active": report.active,
    }
    if report.ending:
        lines = report.ending_lines()
        result["sections"] = [{
            "title": _("Ukončené služby") if ended else _("Služby, které v souboru chybí a import by je ukončil"),
            "lines": lines[:MAX_ENDING_LINES],
            "more": max(0, len(lines) - MAX_ENDING_LINES),
        }]
    if report.needs_confirmation or report.dry_run:
        result["next_url"] = reverse("catalog:registry_confirm", kwargs={"area_slug": job.area.slug, "job_id": job.pk})
        if report.needs_confirmation:
            result["next_label"] = ngettext(
                "Zkontrolovat a potvrdit ukončení %(count)s služby", "Zkontrolovat a potvrdit ukončení %(count)s služeb",
                len(report.ending),
            ) % {"count": len(report.ending)}
        else:
            result["next_label"] = _("Zkontrolovat a importovat naostro")
    return result


def _media_file(path):
    """The uploaded file; paths outside MEDIA_ROOT are refused."""
    root = Path(settings.MEDIA_ROOT).resolve()
    file = (root / path).resolve()
    if not file.is_relative_to(root) or not file.is_file():
        raise JobError(_("Soubor registru „%(path)s“ nebyl nalezen; nahrajte ho prosím znovu.") % {"path": path})
    return file
