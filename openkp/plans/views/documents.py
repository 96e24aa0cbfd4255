"""The plan document for staff: choose the format and the version, render it as a background job with a
progress bar, then download the file (only within the area, only for those who may read the plan)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from openkp.core import jobs
from openkp.core.access import area_permission_required, get_for_area_or_404
from openkp.core.models import Job
from openkp.core.typography import format_date

from ..access import plan_for
from ..documents import FORMATS
from ..selectors.documents import document_preview
from ..selectors.public import public_plans
from ..services import publishing
from ..tasks import DOCUMENTS_DIRECTORY
from .editor import plan_breadcrumbs

PERMISSION = "plans.view_plan"
MANAGE = "plans.manage_plans"
RECENT_DOCUMENTS = 6


class DocumentForm(forms.Form):
    format = forms.ChoiceField(label=gettext_lazy("Formát"), choices=[
        ("pdf", gettext_lazy("PDF – k tisku a zveřejnění")),
        ("docx", gettext_lazy("DOCX – k úpravám ve Wordu")),
    ], initial="pdf", widget=forms.RadioSelect)
    version = forms.TypedChoiceField(label=gettext_lazy("Verze"), coerce=int, required=False, empty_value=None,
                                     help_text=gettext_lazy("Uložená verze vytiskne přesně to, co bylo uloženo."))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [("", _("Aktuální stav plánu"))] + [
            (version.pk, f"{version.name} ({format_date(version.created_at)})") for version in plan.versions.order_by("-created_at")
        ]


@area_permission_required(PERMISSION)
def document(request, pk):
    """GET: the choice of format and version; POST: start rendering and show the job's progress."""
    plan = plan_for(request, pk, PERMISSION)
    form = DocumentForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        version_id = form.cleaned_data["version"]
        version = plan.versions.get(pk=version_id) if version_id else None
        fmt = form.cleaned_data["format"]
        title = _("Dokument plánu %(title)s (%(format)s)") % {"title": plan.title, "format": fmt.upper()}
        if version is not None:
            title = _("Dokument plánu %(title)s, verze %(version)s (%(format)s)") % {
                "title": plan.title, "version": version.name, "format": fmt.upper()}
        job = jobs.enqueue("plans.render_document", area=request.area, user=request.user, title=title[:200],
                           plan_id=plan.pk, fmt=fmt, version_id=version.pk if version else None)
        return redirect("core:job", area_slug=request.area.slug, job_id=job.pk)
    recent = list(_document_jobs(request.area, plan)[:RECENT_DOCUMENTS])
    published = publishing.published(plan)
    return render(request, "plans/document_form.html", {
        "plan": plan,
        "form": form,
        "recent": recent,
        "public_jobs": publishing.public_jobs(published, recent),
        "published": published,
        "may_publish": request.user.has_perm(MANAGE, request.area),
        "plan_is_public": public_plans(request.area).filter(pk=plan.pk).exists(),
        "breadcrumbs": plan_breadcrumbs(plan, (_("Dokument plánu"), None)),
    })


def _document_jobs(area, plan):
    """Finished document jobs of the plan, newest first."""
    return Job.objects.for_area(area).filter(name="plans.render_document", status=Job.Status.SUCCESS,
                                             params__plan_id=plan.pk).order_by("-created_at")


def _document_job(request, plan, job_id):
    """The plan's finished document job ``job_id`` whose file lies in the area's folder; 404 otherwise."""
    job = get_for_area_or_404(Job, request.area, pk=job_id, name="plans.render_document", status=Job.Status.SUCCESS)
    if job.params.get("plan_id") != plan.pk or not job.result.get("path", "").startswith(f"{DOCUMENTS_DIRECTORY}/{request.area.slug}/"):
        raise Http404
    return job


@require_http_methods(["GET", "HEAD", "POST"])
@area_permission_required(MANAGE)
def document_publish(request, pk, job_id):
    """GET: what would become public (the file, what it was made from, what it replaces) with "Zveřejnit" and
    "Zpět"; POST: offer the generated document on the plan's public page (coordinator only)."""
    plan = plan_for(request, pk, MANAGE)
    job = _document_job(request, plan, job_id)
    if request.method != "POST":
        preview = document_preview(plan, job)
        return render(request, "plans/document_publish.html", {
            "plan": plan, "job": job, "preview": preview,
            "download_url": reverse("plans:document_download", kwargs={"area_slug": request.area.slug, "pk": plan.pk, "job_id": job.pk}),
            "public_url": request.build_absolute_uri(reverse("plans:public", kwargs={"area_slug": request.area.slug})),
            "breadcrumbs": plan_breadcrumbs(plan, (_("Dokument plánu"), reverse("plans:document", kwargs={
                "area_slug": request.area.slug, "pk": plan.pk})), (_("Zveřejnit"), None)),
        })
    try:
        publishing.publish(plan, job, request.user)
    except publishing.PublishError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Dokument (%(format)s) je zveřejněn na veřejné stránce plánu.") % {"format": job.result["format"].upper()})
    return redirect("plans:document", area_slug=request.area.slug, pk=plan.pk)


@require_POST
@area_permission_required(MANAGE)
def document_withdraw(request, pk, fmt):
    """Take a published document off the public page; the document library keeps it for members."""
    plan = plan_for(request, pk, MANAGE)
    if fmt not in publishing.FIELDS:
        raise Http404
    publishing.withdraw(plan, fmt)
    messages.success(request, _("Dokument (%(format)s) už na veřejné stránce plánu není; v knihovně dokumentů zůstává pro členy.")
                     % {"format": fmt.upper()})
    return redirect("plans:document", area_slug=request.area.slug, pk=plan.pk)


@require_safe
@area_permission_required(PERMISSION)
def document_download(request, pk, job_id):
    """The file a finished job generated for this plan (``?nahled``: a PDF shown in the browser instead of saved);
    another area's job is a 404."""
    plan = plan_for(request, pk, PERMISSION)
    job = _document_job(request, plan, job_id)
    path = job.result["path"]
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("Soubor dokumentu se nepodařilo najít; vytvořte ho prosím znovu.")) from None
    fmt = job.result.get("format", "pdf")
    preview = "nahled" in request.GET and fmt == "pdf"
    response = FileResponse(handle, as_attachment=not preview, filename=job.result.get("filename") or path.rsplit("/", 1)[-1],
                            content_type=FORMATS.get(fmt, "application/octet-stream"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response
