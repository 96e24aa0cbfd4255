"""Public pages of the installation and of an area, the staff dashboard, history and job progress."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import dashboard as dashboard_blocks
from . import documents, history, jobs, mail
from .access import area_permission_required
from .breadcrumbs import area_breadcrumbs, staff_breadcrumbs
from .forms import MunicipalityImportForm, OrganisationForm
from .ids import parse_ids
from .models import Area, Job, Organisation, OutgoingEmail
from .redirects import is_safe_redirect
from .sections import SECTIONS, area_sections


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def home(request):
    areas = Area.objects.filter(is_active=True).select_related("parent").annotate(
        municipality_count=Count("municipalities")
    )
    return render(request, "core/home.html", {"areas": areas})


def area_home(request):
    area = request.area
    from openkp.communication.selectors import published_news  # communication sits above core

    municipalities = area.municipalities.prefetch_related("parts")
    return render(request, "core/area_home.html", {
        "sections": area_sections(request),
        "municipalities": municipalities,
        "children": area.children.filter(is_active=True),
        "news": list(published_news(area=area)[:3]),
    })


def section(request, name):
    """The polite placeholder of a section whose module is not in place yet (its address answers already)."""
    _url_name, _label, title, description = SECTIONS[name]
    return render(request, "core/section.html", {
        "title": title,
        "description": description,
        "breadcrumbs": area_breadcrumbs(request.area, (title, None)),
    })


def accessibility(request):
    return render(request, "core/accessibility.html")


def contact(request):
    areas = Area.objects.filter(is_active=True).exclude(contact_email="", contact_phone="")
    return render(request, "core/contact.html", {"areas": areas})


@area_permission_required("core.view_dashboard")
def dashboard(request):
    """What waits for this person ("K vyřízení"), the modules' blocks for their roles, shortcuts and their jobs."""
    area = request.area
    # The person itself rather than the lazy wrapper, so that the roles cached on it serve every block.
    request.user = user = getattr(request.user, "_wrapped", request.user)
    from openkp.accounts.selectors import area_dashboard_figures  # accounts sits above core

    recent_jobs = Job.objects.for_area(area).select_related("created_by")
    if not user.has_perm("core.view_all_jobs", area):
        recent_jobs = recent_jobs.filter(created_by=user)
    return render(request, "core/dashboard.html", {
        "attention": dashboard_blocks.attention_items(area=area, user=user),
        "panels": dashboard_blocks.panels(request),
        "figures": area_dashboard_figures(area=area) if user.has_perm("core.view_area_figures", area) else None,
        "recent_jobs": list(recent_jobs[:5]),
        "breadcrumbs": area_breadcrumbs(area, (_("Správa"), None)),
    })


def failed_emails_attention(*, area, user):
    """For the coordinator: e-mails of the area that could not be sent."""
    if not user.has_perm("core.view_outbox", area):
        return []
    count = OutgoingEmail.objects.for_area(area).filter(status=OutgoingEmail.Status.FAILED).count()
    url = reverse("core:outbox", kwargs={"area_slug": area.slug}) + "?stav=failed"
    return [dashboard_blocks.AttentionItem(label=_("E-maily, které se nepodařilo odeslat"), count=count, url=url, urgent=True)]


@area_permission_required("core.view_history")
def object_history(request, model, pk):
    area = request.area
    try:
        instance = history.get_tracked_object(area, model, pk)
    except LookupError:
        raise Http404 from None
    return render(request, "core/history.html", {
        "object": instance,
        "changes": history.changes(instance),
        "breadcrumbs": staff_breadcrumbs(area, (_("Historie změn"), None)),
    })


@area_permission_required("core.view_dashboard")
def job_status(request, job_id):
    """A job's progress: for the person who started it, or the coordinator (a job may name people or files)."""
    jobs_seen = Job.objects.for_area(request.area)
    if not request.user.has_perm("core.view_all_jobs", request.area):
        jobs_seen = jobs_seen.filter(created_by=request.user)
    job = get_object_or_404(jobs_seen, pk=job_id)
    template = "core/includes/job_progress.html" if request.htmx else "core/job.html"
    return render(request, template, {
        "job": job,
        "state": jobs.job_state(job),
        "back": jobs.back_link(job),
        "next_steps": jobs.next_steps(job, request.user),
        "breadcrumbs": staff_breadcrumbs(request.area, (job.title or job.name, None)),
    })


@area_permission_required("core.import_municipalities")
def municipality_import(request):
    area = request.area
    form = MunicipalityImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = jobs.enqueue(
            "core.import_municipalities",
            area=area,
            user=request.user,
            title=_("Import číselníku obcí"),
            csv_text=form.cleaned_data["csv_text"],
        )
        return redirect("core:job", area_slug=area.slug, job_id=job.pk)
    return render(request, "core/municipality_import.html", {
        "form": form,
        "breadcrumbs": staff_breadcrumbs(area, (_("Import číselníku obcí"), None)),
    })


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check: say why in Czech and how to get back to the filled form."""
    from django.middleware.csrf import REASON_NO_CSRF_COOKIE

    referer = request.META.get("HTTP_REFERER", "")
    same_site = is_safe_redirect(request, referer)
    return render(request, "core/csrf_failure.html", {
        "cookies_missing": reason == REASON_NO_CSRF_COOKIE,
        "form_url": referer if same_site else "",
    }, status=403)


@area_permission_required("core.view_area_figures")
def area_overview_document(request, fmt):
    """The area at a glance as PDF or DOCX: municipalities and people by role."""
    from openkp.accounts.selectors import area_dashboard_figures

    area = request.area
    title = _("Přehled území %(name)s") % {"name": area.name}
    municipalities = area.municipalities.prefetch_related("parts")
    figures = area_dashboard_figures(area=area)
    filename = f"prehled-{area.slug}.{fmt}"
    if fmt == "pdf":
        content = documents.render_pdf("documents/area_overview.html", {
            "title": title, "municipalities": municipalities, "figures": figures,
        }, area=area)
        mime = documents.PDF_MIME
    else:
        document = documents.DocxDocument(title=title, area=area, subtitle=area.description)
        document.heading(_("Obce území"))
        document.table(
            [_("Obec"), _("Kód obce"), _("Okres"), _("Městské obvody a části")],
            [(m.name, m.code, m.district, len(m.parts.all())) for m in municipalities],
            numeric_columns=(3,),
        )
        document.heading(_("Lidé v plánování"))
        document.table([_("Role"), _("Počet")], [(str(label).capitalize(), count) for label, count in figures["roles"]], numeric_columns=(1,))
        content = document.to_bytes()
        mime = documents.DOCX_MIME
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@area_permission_required("core.view_organisations")
def organisation_list(request):
    """Organisations are shared by all areas; the list is searchable by name or IČO."""
    query = request.GET.get("q", "").strip()
    organisations = Organisation.objects.all()
    if query:
        organisations = organisations.filter(Q(name__icontains=query) | Q(ico__startswith=query))
    page = Paginator(organisations, 50).get_page(request.GET.get("strana"))
    return render(request, "core/organisation_list.html", {
        "page_obj": page,
        "query": query,
        "querystring": urlencode({"q": query}) if query else "",
        "breadcrumbs": staff_breadcrumbs(request.area, (pgettext("list of organisations", "Organizace"), None)),
    })


@area_permission_required("core.change_organisation")
def organisation_edit(request, pk=None):
    area = request.area
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Organizace „%(name)s“ je uložena.") % {"name": saved.name})
        return redirect("core:organisation_list", area_slug=area.slug)
    title = _("Upravit organizaci") if organisation else _("Nová organizace")
    return render(request, "core/organisation_form.html", {
        "form": form,
        "organisation": organisation,
        "title": title,
        "breadcrumbs": staff_breadcrumbs(
            area, (pgettext("list of organisations", "Organizace"), reverse("core:organisation_list", kwargs={"area_slug": area.slug})), (title, None)
        ),
    })


@area_permission_required("core.view_outbox")
def outbox(request):
    """E-mails of the area that wait or failed, with "send again"; sent ones for the record."""
    area = request.area
    emails = OutgoingEmail.objects.for_area(area)
    if request.method == "POST":
        count = mail.retry(emails.filter(pk__in=parse_ids(request.POST.getlist("email"))) if "email" in request.POST
                           else emails.filter(status=OutgoingEmail.Status.FAILED))
        messages.success(request, _("Znovu zařazeno k odeslání: %(count)s.") % {"count": count})
        return redirect("core:outbox", area_slug=area.slug)
    status = request.GET.get("stav", "")
    if status not in OutgoingEmail.Status.values:
        status = ""
    # ``zdroj`` narrows the list to the e-mails of one sending, e.g. a news item's (linked from its page).
    reference = request.GET.get("zdroj", "")[:100]
    if reference:
        emails = emails.filter(reference=reference)
    listed = emails.filter(status=status) if status else emails
    page = Paginator(listed.only("pk", "to", "subject", "kind", "status", "attempts", "last_error", "created_at", "sent_at"), 50)
    counts = dict(emails.values_list("status").annotate(count=Count("pk")).order_by())
    return render(request, "core/outbox.html", {
        "page_obj": page.get_page(request.GET.get("strana")),
        "status": status,
        "statuses": [(value, label, counts.get(value, 0)) for value, label in OutgoingEmail.Status.choices],
        "reference": reference,
        "reference_query": urlencode({"zdroj": reference}) if reference else "",
        "querystring": urlencode({key: value for key, value in (("zdroj", reference), ("stav", status)) if value}),
        "breadcrumbs": staff_breadcrumbs(area, (_("Odchozí e-maily"), None)),
    })
