"""Staff side of the catalogue: providers edit their services, the coordinator reviews the changes."""

import json
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from openkp.core import jobs
from openkp.core.access import area_permission_required, get_for_area_or_404
from openkp.core.breadcrumbs import staff_breadcrumbs
from openkp.core.models import Job

from . import drafts
from .forms import (
    HsdsUploadForm,
    LifeSituationForm,
    RegistryConfirmForm,
    RegistryUploadForm,
    ReturnDraftForm,
    SearchSynonymForm,
    ServiceEditForm,
)
from .hsds.importer import activities_plan, related_activities_import
from .hsds.reading import HsdsReadError, read_services
from .locations import LATITUDE_RANGE, LONGITUDE_RANGE, parse_coordinate, set_locations
from .models import LifeSituation, SearchSynonym, Service, ServiceDraft
from .registry import ENDING_LIMIT_PERCENT
from .selectors import registry_services
from .services import service_index
from .tasks import UPLOAD_DIR, upload_exists


def _is_coordinator(request):
    return request.user.has_perm("catalog.review_changes", request.area)


def _services_of(request):
    """The services this person may edit: all for the coordinator, their organisation's for a provider."""
    services = Service.objects.for_area(request.area).select_related("service_type", "activity_category", "provider")
    if _is_coordinator(request):
        return services
    return services.filter(provider__in=drafts.provider_organisations(request.user, request.area))


@area_permission_required("catalog.change_search_synonyms")
def synonym_list(request):
    """People's words of the area's search: the coordinator's own entries and the shipped list they extend."""
    area = request.area
    return render(request, "catalog/staff/synonym_list.html", {
        "synonyms": SearchSynonym.objects.for_area(area),
        "breadcrumbs": staff_breadcrumbs(area, (_("Slova pro vyhledávání"), None)),
    })


@area_permission_required("catalog.change_search_synonyms")
def synonym_edit(request, pk=None):
    area = request.area
    synonym = get_for_area_or_404(SearchSynonym, area, pk=pk) if pk else SearchSynonym(area=area)
    form = SearchSynonymForm(request.POST or None, instance=synonym)
    if request.method == "POST":
        if request.POST.get("action") == "delete" and synonym.pk:
            synonym.delete()
            messages.success(request, _("Slova „%(terms)s“ byla odstraněna.") % {"terms": synonym.terms})
            return redirect("catalog:search_synonyms", area_slug=area.slug)
        if form.is_valid():
            saved = form.save()
            messages.success(request, _("Slova „%(terms)s“ jsou uložena; vyhledávání je použije hned.") % {"terms": saved.terms})
            return redirect("catalog:search_synonyms", area_slug=area.slug)
    title = synonym.terms if synonym.pk else _("Nová slova pro vyhledávání")
    return render(request, "catalog/staff/synonym_form.html", {
        "form": form,
        "synonym": synonym,
        "title": title,
        "breadcrumbs": staff_breadcrumbs(
            area, (_("Slova pro vyhledávání"), reverse("catalog:search_synonyms", kwargs={"area_slug": area.slug})), (title, None)
        ),
    })


@area_permission_required("catalog.edit_services")
def service_list(request):
    area = request.area
    query = request.GET.get("q", "").strip()
    services = _services_of(request)
    if query:
        services = services.filter(name__icontains=query)
    pending = ServiceDraft.objects.for_area(area).filter(organisation__in=drafts.provider_organisations(request.user, area))
    return render(request, "catalog/staff/service_list.html", {
        "page_obj": Paginator(services.order_by("sort_name"), 50).get_page(request.GET.get("strana")),
        "query": query,
        "drafts": pending.select_related("service")[:20],
        "is_coordinator": _is_coordinator(request),
        "can_propose": request.user.has_perm("catalog.propose_changes", area),
        "breadcrumbs": staff_breadcrumbs(area, (_("Služby v katalogu"), None)),
    })


@area_permission_required("catalog.edit_services")
def service_edit(request, pk=None):
    """Edit a service (coordinator: saved at once; provider: a draft) or propose a new related activity."""
    area = request.area
    service = get_object_or_404(_services_of(request), pk=pk) if pk else None
    organisations = drafts.provider_organisations(request.user, area)
    if service is None and not organisations:
        raise PermissionDenied  # new activities are proposed by providers for their organisation
    fields = drafts.editable_fields(service)
    pending = service.drafts.filter(status=ServiceDraft.Status.PENDING).first() if service else None
    initial = pending.data if pending and not _is_coordinator(request) else None
    form = ServiceEditForm(request.POST or None, instance=service or Service(kind=Service.Kind.RELATED_ACTIVITY),
                           fields=fields, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _is_coordinator(request) and service is not None:
            saved = form.save(commit=False)
            saved._change_reason = _("Úprava koordinátorem")
            saved.save()
            form.save_m2m()
            service_index(saved).save()
            messages.success(request, _("Změny služby „%(name)s“ jsou zveřejněny.") % {"name": saved.name})
        else:
            organisation = service.provider if service else organisations[0]
            drafts.draft_submit(area=area, organisation=organisation, user=request.user, service=service,
                                data=drafts.serialise(form.cleaned_data, fields))
            messages.success(request, _("Návrh změn byl odeslán koordinátorovi. Veřejnost uvidí změny po schválení."))
        return redirect("catalog:staff_services", area_slug=area.slug)
    title = service.name if service else _("Nová související aktivita")
    return render(request, "catalog/staff/service_form.html", {
        "form": form,
        "service": service,
        "pending": pending,
        "title": title,
        "breadcrumbs": staff_breadcrumbs(
            area, (_("Služby v katalogu"), reverse("catalog:staff_services", kwargs={"area_slug": area.slug})), (title, None)
        ),
    })


@area_permission_required("catalog.review_changes")
def draft_list(request):
    area = request.area
    pending = ServiceDraft.objects.for_area(area).filter(status=ServiceDraft.Status.PENDING)
    return render(request, "catalog/staff/draft_list.html", {
        "drafts": pending.select_related("service", "organisation", "submitted_by"),
        "breadcrumbs": staff_breadcrumbs(area, (_("Návrhy změn od poskytovatelů"), None)),
    })


@area_permission_required("catalog.review_changes")
def draft_review(request, pk):
    area = request.area
    draft = get_for_area_or_404(ServiceDraft, area, pk=pk)
    if draft.status != ServiceDraft.Status.PENDING:
        raise Http404
    return_form = ReturnDraftForm(request.POST if request.POST.get("action") == "return" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                service = drafts.draft_approve(draft=draft, user=request.user)
                messages.success(request, _("Změny služby „%(name)s“ jsou schváleny a zveřejněny.") % {"name": service.name})
                return redirect("catalog:drafts", area_slug=area.slug)
            if return_form.is_valid():
                drafts.draft_return(draft=draft, user=request.user, comment=return_form.cleaned_data["comment"])
                messages.success(request, _("Návrh byl vrácen poskytovateli s komentářem."))
                return redirect("catalog:drafts", area_slug=area.slug)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(request, "catalog/staff/draft_review.html", {
        "draft": draft,
        "changes": drafts.draft_changes(draft),
        "return_form": return_form,
        "breadcrumbs": staff_breadcrumbs(
            area, (_("Návrhy změn od poskytovatelů"), reverse("catalog:drafts", kwargs={"area_slug": area.slug})), (str(draft), None)
        ),
    })


@area_permission_required("catalog.import_registry")
def registry_upload(request):
    """Upload the national registry file; the import runs as a background job with a progress bar."""
    area = request.area
    form = RegistryUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        path = default_storage.save(f"registry/{uuid.uuid4()}.json", form.cleaned_data["file"])
        dry_run = form.cleaned_data["dry_run"]
        job = jobs.enqueue(
            "catalog.import_registry", area=area, user=request.user,
            title=_("Zkušební import z registru poskytovatelů") if dry_run else _("Import z registru poskytovatelů"),
            area_id=area.pk, path=path, include_all=form.cleaned_data["include_all"], dry_run=dry_run,
        )
        return redirect("core:job", area_slug=area.slug, job_id=job.pk)
    return render(request, "catalog/staff/registry_upload.html", {
        "form": form,
        "limit_percent": ENDING_LIMIT_PERCENT,
        "breadcrumbs": staff_breadcrumbs(area, (_("Import z registru poskytovatelů"), None)),
    })


@area_permission_required("catalog.import_registry")
def registry_confirm(request, job_id):
    """The confirmation step of an import whose ending needs it (or of a dry run): the services the
    file would end, and a button that imports the same file again, allowed to end as many as shown."""
    area = request.area
    finished = get_for_area_or_404(Job, area, pk=job_id, name="catalog.import_registry")
    if not finished.is_finished or not finished.result.get("next_url"):
        raise Http404
    portal_ids = finished.result.get("ending", [])
    form = RegistryConfirmForm(request.POST or None, shown=len(portal_ids), initial={"allow_ending": len(portal_ids)})
    file_kept = upload_exists(finished.params["path"])
    if request.method == "POST" and file_kept and form.is_valid():
        job = jobs.enqueue(
            "catalog.import_registry", area=area, user=request.user, title=_("Import z registru poskytovatelů"),
            area_id=area.pk, path=finished.params["path"], include_all=finished.params.get("include_all", False),
            allow_ending=form.cleaned_data["allow_ending"],
        )
        return redirect("core:job", area_slug=area.slug, job_id=job.pk)
    upload_url = reverse("catalog:registry_upload", kwargs={"area_slug": area.slug})
    return render(request, "catalog/staff/registry_confirm.html", {
        "job": finished,
        "form": form,
        "count": len(portal_ids),
        "services": registry_services(area=area, portal_ids=portal_ids),
        "upload_url": upload_url,
        "file_kept": file_kept,
        "breadcrumbs": staff_breadcrumbs(
            area, (_("Import z registru poskytovatelů"), upload_url), (_("Potvrzení importu"), None),
        ),
    })


def _hsds_session_key(area):
    return f"hsds_import:{area.pk}"


def _hsds_pending_path(token):
    # Kept with the registry uploads, whose periodic clean-up removes what nobody confirmed within a day.
    return f"{UPLOAD_DIR}/hsds-{token}.json"


@area_permission_required("catalog.import_hsds")
def hsds_upload(request):
    """Upload HSDS JSON of another Open Referral system; a valid upload goes to the preview."""
    area = request.area
    form = HsdsUploadForm(request.POST or None, request.FILES or None)
    report = []
    if request.method == "POST" and form.is_valid():
        try:
            services = read_services(form.cleaned_data["files"])
            activities_plan(area=area, services=services)
        except HsdsReadError as error:
            report = error.messages
        else:
            token = uuid.uuid4()
            default_storage.save(_hsds_pending_path(token), ContentFile(json.dumps(services, ensure_ascii=False).encode("utf-8")))
            request.session[_hsds_session_key(area)] = str(token)
            return redirect("catalog:hsds_confirm", area_slug=area.slug, token=token)
    return render(request, "catalog/staff/hsds_upload.html", {
        "form": form,
        "report": report,
        "breadcrumbs": staff_breadcrumbs(area, (_("Import dat HSDS"), None)),
    })


@area_permission_required("catalog.import_hsds")
def hsds_confirm(request, token):
    """What the upload would create and update, and the button that imports it (all or nothing)."""
    area = request.area
    if request.session.get(_hsds_session_key(area)) != str(token) or not default_storage.exists(_hsds_pending_path(token)):
        raise Http404
    with default_storage.open(_hsds_pending_path(token)) as file:
        services = json.loads(file.read().decode("utf-8"))
    upload_url = reverse("catalog:hsds_upload", kwargs={"area_slug": area.slug})
    try:
        plans = activities_plan(area=area, services=services)
    except HsdsReadError as error:  # the catalogue changed since the upload (e.g. an organisation's IČO)
        messages.error(request, _("Data už nejdou importovat: %(reason)s") % {"reason": "; ".join(error.messages[:5])})
        return redirect(upload_url)
    if request.method == "POST":
        counts = related_activities_import(area=area, services=services)
        default_storage.delete(_hsds_pending_path(token))
        del request.session[_hsds_session_key(area)]
        messages.success(request, _("Import HSDS dokončen: nové aktivity %(created)s, aktualizované %(updated)s, vynechané %(skipped)s.") % counts)
        return redirect("catalog:staff_services", area_slug=area.slug)
    return render(request, "catalog/staff/hsds_confirm.html", {
        "plans": plans,
        "created": sum(1 for plan in plans if not plan.existing and not plan.skipped),
        "updated": sum(1 for plan in plans if plan.existing and not plan.skipped),
        "skipped": sum(1 for plan in plans if plan.skipped),
        "upload_url": upload_url,
        "breadcrumbs": staff_breadcrumbs(area, (_("Import dat HSDS"), upload_url), (_("Náhled importu"), None)),
    })


@area_permission_required("catalog.change_life_situations")
def life_situation_list(request):
    area = request.area
    return render(request, "catalog/staff/life_situation_list.html", {
        "situations": LifeSituation.objects.for_area(area).prefetch_related("service_types", "activity_categories", "target_groups"),
        "breadcrumbs": staff_breadcrumbs(area, (_("Životní situace"), None)),
    })


@area_permission_required("catalog.change_life_situations")
def life_situation_edit(request, pk=None):
    area = request.area
    situation = get_for_area_or_404(LifeSituation, area, pk=pk) if pk else LifeSituation(area=area)
    form = LifeSituationForm(request.POST or None, instance=situation, area=area)
    if request.method == "POST":
        if request.POST.get("action") == "delete" and situation.pk:
            situation.delete()
            messages.success(request, _("Životní situace „%(title)s“ byla odstraněna.") % {"title": situation.title})
            return redirect("catalog:life_situations", area_slug=area.slug)
        if form.is_valid():
            saved = form.save()
            messages.success(request, _("Životní situace „%(title)s“ je uložena.") % {"title": saved.title})
            return redirect("catalog:life_situations", area_slug=area.slug)
    title = situation.title if situation.pk else _("Nová životní situace")
    return render(request, "catalog/staff/life_situation_form.html", {
        "form": form,
        "situation": situation,
        "title": title,
        "breadcrumbs": staff_breadcrumbs(
            area, (_("Životní situace"), reverse("catalog:life_situations", kwargs={"area_slug": area.slug})), (title, None)
        ),
    })


@area_permission_required("catalog.edit_services")
def service_locations(request, pk):
    """Place the service's facilities on the map (coordinates typed or set by a click)."""
    area = request.area
    service = get_object_or_404(_services_of(request), pk=pk)
    facilities = list(service.facilities.select_related("municipality"))
    locations, errors = {}, []
    if request.method == "POST":
        for facility in facilities:
            lat, lon = request.POST.get(f"lat-{facility.pk}", "").strip(), request.POST.get(f"lon-{facility.pk}", "").strip()
            if not lat and not lon:
                continue
            try:
                locations[str(facility.pk)] = (
                    str(parse_coordinate(lat, LATITUDE_RANGE, _("Zeměpisná šířka"))),
                    str(parse_coordinate(lon, LONGITUDE_RANGE, _("Zeměpisná délka"))),
                )
            except ValueError as error:
                errors.append(f"{facility.name or facility.address}: {error}")
        if not errors:
            if _is_coordinator(request):
                set_locations(service, locations, reason=_("Poloha upravena koordinátorem"))
                messages.success(request, _("Poloha míst služby je uložena."))
            else:
                drafts.draft_submit(area=area, organisation=service.provider, user=request.user, service=service,
                                    data={"locations": locations})
                messages.success(request, _("Návrh polohy byl odeslán koordinátorovi ke schválení."))
            return redirect("catalog:staff_services", area_slug=area.slug)
    return render(request, "catalog/staff/service_locations.html", {
        "service": service,
        "facilities": [(facility, request.POST.get(f"lat-{facility.pk}", facility.latitude or ""),
                        request.POST.get(f"lon-{facility.pk}", facility.longitude or "")) for facility in facilities],
        "errors": errors,
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        "breadcrumbs": staff_breadcrumbs(
            area, (_("Služby v katalogu"), reverse("catalog:staff_services", kwargs={"area_slug": area.slug})),
            (service.name, reverse("catalog:service_edit", kwargs={"area_slug": area.slug, "pk": service.pk})), (_("Poloha na mapě"), None),
        ),
    })
