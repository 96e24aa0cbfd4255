"""Public pages of the installation and of an area, the staff dashboard, history and job progress."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import documents, history, jobs, mail
from .access import area_permission_required, get_for_area_or_404
from .breadcrumbs import area_breadcrumbs, staff_breadcrumbs
from .forms import MunicipalityImportForm, OrganisationForm
from .models import Area, Job, Organisation, OutgoingEmail

# What each step of the cycle will hold, shown until its module is in place.
SECTIONS = {
    "organisation": (gettext_lazy("Organizace plánování"), gettext_lazy(
        "Řídicí a pracovní skupiny, jejich členové z řad zadavatelů, poskytovatelů a uživatelů, "
        "setkání s pozvánkami, prezenčními listinami a zápisy a veřejné akce s registrací.")),
    "services": (gettext_lazy("Katalog sociálních služeb"), gettext_lazy(
        "Registrované sociální služby a související aktivity v území: vyhledávání podle druhu služby, "
        "cílové skupiny, formy a obce, mapa a tištění průvodci pro jednotlivé cílové skupiny.")),
    "events": (gettext_lazy("Akce"), gettext_lazy(
        "Konference, semináře, workshopy a veřejná projednání s registrací účastníků.")),
    "news": (gettext_lazy("Aktuality"), gettext_lazy(
        "Novinky z komunitního plánování, odběr e-mailem a Atom feed; jak území o plánování informuje.")),
    "documents": (gettext_lazy("Dokumenty"), gettext_lazy(
        "Zápisy ze setkání, prezentace, analýzy a plány ke stažení.")),
    "needs": (gettext_lazy("Zjišťování potřeb"), gettext_lazy(
        "Dotazníky pro veřejnost, uživatele a poskytovatele, výsledky analýzy potřeb, SWOT analýzy "
        "pracovních skupin a mapa potřeb a služeb.")),
    "plan": (gettext_lazy("Komunitní plán"), gettext_lazy(
        "Platný plán a jeho návrhy: priority, cíle, opatření a aktivity s náklady, zdroji financování "
        "a ukazateli, ke stažení jako DOCX a PDF.")),
    "consultation": (gettext_lazy("Připomínky k návrhu plánu"), gettext_lazy(
        "Veřejné připomínkování návrhu plánu: každý může připomínku podat a každá je vypořádána "
        "s odůvodněním, které se zveřejní.")),
    "monitoring": (gettext_lazy("Monitoring a dopady"), gettext_lazy(
        "Každoroční vyhodnocení plnění cílů a opatření, skutečné náklady, hodnoty ukazatelů kapacity "
        "i sociálního dopadu.")),
}


# Sections whose module is in place: their URL names.
SECTION_URLS = {"services": "catalog:search", "organisation": "structures:groups", "events": "events:list",
                "news": "communication:news_list", "documents": "library:list",
                "needs": "needs:index", "plan": "plans:public"}


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
    sections = [
        (name, title, description, reverse(SECTION_URLS.get(name, f"core:{name}"), kwargs={"area_slug": area.slug}))
        for name, (title, description) in SECTIONS.items()
    ]
    municipalities = area.municipalities.prefetch_related("parts")
    return render(request, "core/area_home.html", {
        "sections": sections,
        "municipalities": municipalities,
        "children": area.children.filter(is_active=True),
        "news": list(published_news(area=area)[:3]),
    })


def section(request, name):
    title, description = SECTIONS[name]
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
    area = request.area
    from openkp.accounts.selectors import area_dashboard_figures  # accounts sits above core

    return render(request, "core/dashboard.html", {
        "figures": area_dashboard_figures(area=area),
        "recent_jobs": Job.objects.for_area(area).select_related("created_by")[:5],
        "failed_emails": OutgoingEmail.objects.for_area(area).filter(status=OutgoingEmail.Status.FAILED).count(),
        "breadcrumbs": area_breadcrumbs(area, (_("Správa"), None)),
    })


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
    job = get_for_area_or_404(Job, request.area, pk=job_id)
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
    same_site = url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return render(request, "core/csrf_failure.html", {
        "cookies_missing": reason == REASON_NO_CSRF_COOKIE,
        "form_url": referer if same_site else "",
    }, status=403)


@area_permission_required("core.view_dashboard")
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
        count = mail.retry(emails.filter(pk__in=request.POST.getlist("email")) if "email" in request.POST
                           else emails.filter(status=OutgoingEmail.Status.FAILED))
        messages.success(request, _("Znovu zařazeno k odeslání: %(count)s.") % {"count": count})
        return redirect("core:outbox", area_slug=area.slug)
    status = request.GET.get("stav", "")
    if status not in OutgoingEmail.Status.values:
        status = ""
    listed = emails.filter(status=status) if status else emails
    page = Paginator(listed.only("pk", "to", "subject", "kind", "status", "attempts", "last_error", "created_at", "sent_at"), 50)
    counts = dict(emails.values_list("status").annotate(count=Count("pk")).order_by())
    return render(request, "core/outbox.html", {
        "page_obj": page.get_page(request.GET.get("strana")),
        "status": status,
        "statuses": [(value, label, counts.get(value, 0)) for value, label in OutgoingEmail.Status.choices],
        "querystring": urlencode({"stav": status}) if status else "",
        "breadcrumbs": staff_breadcrumbs(area, (_("Odchozí e-maily"), None)),
    })
