from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _

from openkp.core.jobs import JobError, NextStep, job

from .models import Plan, PlanVersion

DOCUMENTS_DIRECTORY = "plans/documents"


def document_path(area, job_id, filename):
    """Where a generated plan document is stored (one folder per job, so names never clash)."""
    return f"{DOCUMENTS_DIRECTORY}/{area.slug}/{job_id}/{filename}"


def _back_to_document_page(job):
    url = reverse("plans:document", kwargs={"area_slug": job.area.slug, "pk": job.params["plan_id"]})
    return _("Zpět na dokument plánu"), url


def _publish_step(job, user):
    """The coordinator goes on from a finished document to publishing it, through the confirmation page."""
    from .selectors.public import public_plans
    from .services import publishing

    plan = Plan.objects.filter(area=job.area, pk=job.params["plan_id"]).select_related("area").first()
    if plan is None or not user.has_perm("plans.manage_plans", job.area):
        return []
    if not public_plans(job.area).filter(pk=plan.pk).exists():
        return [NextStep(_("Zveřejnit dokument na veřejné stránce plánu půjde, až bude plán schválený, platný, "
                           "nebo jeho návrh zveřejněný."))]
    if job.pk in publishing.public_jobs(publishing.published(plan), [job]):
        return [NextStep(_("Tento dokument už je na veřejné stránce plánu."))]
    url = reverse("plans:document_publish", kwargs={"area_slug": job.area.slug, "pk": plan.pk, "job_id": job.pk})
    return [NextStep(_("Zveřejnit"), url, _("Před zveřejněním uvidíte, co přesně se na veřejné stránce objeví a co nahradí."))]


@job("plans.render_document", back=_back_to_document_page, next_steps=_publish_step)
def render_document_job(*, job, progress, plan_id, fmt, version_id=None):
    """Render the plan's document (or a named version's) as DOCX or PDF and store it for download."""
    from .documents import FORMATS, render

    if fmt not in FORMATS:
        raise JobError(_("Neznámý formát dokumentu „%(format)s“; zvolte DOCX nebo PDF.") % {"format": fmt})
    plan = Plan.objects.select_related("area").filter(area=job.area, pk=plan_id).first()
    if plan is None:
        raise JobError(_("Plán už neexistuje."))
    version = None
    if version_id:
        version = PlanVersion.objects.filter(area=job.area, plan=plan, pk=version_id).first()
        if version is None:
            raise JobError(_("Verze plánu už neexistuje."))
    progress(5, _("Načítám plán"))
    content, filename = render(plan, fmt, version=version, progress=progress)
    progress(95, _("Ukládám soubor"))
    path = default_storage.save(document_path(plan.area, job.pk, filename), ContentFile(content))
    label = f"{plan.title} – {version.name}" if version else plan.title
    return {
        "message": _("Dokument „%(label)s“ (%(format)s) je připraven ke stažení.") % {"label": label, "format": fmt.upper()},
        "download_url": reverse("plans:document_download", kwargs={"area_slug": plan.area.slug, "pk": plan.pk, "job_id": job.pk}),
        "path": path,
        "filename": filename,
        "format": fmt,
    }
