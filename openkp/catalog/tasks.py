from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from openkp.core.jobs import JobError, job
from openkp.core.models import Area

from .registry import RegistryFileError, import_registry

MAX_REJECTED_LINES = 50


def _back_to_services(job):
    return _("Zpět na sociální služby"), reverse("catalog:staff_services", kwargs={"area_slug": job.area.slug})


@job("catalog.import_registry", back=_back_to_services)
def import_registry_job(*, job, progress, area_id, path, include_all=False):
    """Import an uploaded registry file (a path under MEDIA_ROOT) into the area's catalogue."""
    area = Area.objects.get(pk=area_id)
    try:
        report = import_registry(_media_file(path).read_bytes(), area=area, include_all=include_all, progress=progress)
    except RegistryFileError as error:
        raise JobError(_("Import neproběhl, nic nebylo uloženo: %(error)s") % {"error": error}) from None
    return {
        "message": report.summary(),
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "ended": report.ended,
        "skipped": report.skipped,
        "rejected_count": report.rejected,
        "rejected": report.lines()[:MAX_REJECTED_LINES],
    }


def _media_file(path):
    """The uploaded file; paths outside MEDIA_ROOT are refused."""
    root = Path(settings.MEDIA_ROOT).resolve()
    file = (root / path).resolve()
    if not file.is_relative_to(root) or not file.is_file():
        raise JobError(_("Soubor registru „%(path)s“ nebyl nalezen; nahrajte ho prosím znovu.") % {"path": path})
    return file
