"""Pages of the document library: the list and detail for everyone, uploads and edits for insiders, downloads."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from openkp.core.access import area_permission_required, get_for_area_or_404
from openkp.core.breadcrumbs import area_breadcrumbs
from openkp.core.ids import parse_id
from openkp.structures.models import Group, Meeting, PlanningPeriod

from . import selectors, services
from .forms import DeleteForm, DocumentForm, FilterForm, VersionForm
from .models import Document
from .rules import can_change_document

PAGE_SIZE = 30


def _list_url(area):
    return reverse("library:list", kwargs={"area_slug": area.slug})


def _crumbs(area, *trail):
    return area_breadcrumbs(area, (_("Dokumenty"), _list_url(area) if trail else None), *trail)


def _submitted(request):
    """Form data and files of a POST (also an empty one), nothing for a GET."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _may_publish(request):
    return request.user.has_perm("library.manage_documents", request.area)


def document_list(request):
    area = request.area
    insider = request.user.has_perm("library.view_internal_documents", area)
    groups = Group.objects.for_area(area).select_related("period").order_by("-period__start_year", "kind", "order", "name")
    if not insider:
        groups = groups.filter(is_public=True)
    form = FilterForm(request.GET or None, groups=groups, periods=PlanningPeriod.objects.for_area(area))
    filters = form.filters()
    documents = selectors.document_list(area=area, user=request.user, filters=filters)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("strana"))
    page.object_list = selectors.attach_current(page.object_list)
    querystring = urlencode([(key, value) for key, value in request.GET.items() if key != "strana" and value])
    return render(request, "library/document_list.html", {
        "form": form,
        "filters": filters,
        "page_obj": page,
        "querystring": querystring,
        "is_filtered": bool(querystring),
        "insider": insider,
        "can_upload": request.user.has_perm("library.upload_documents", area),
        "breadcrumbs": _crumbs(area),
    })


def document_detail(request, pk):
    area = request.area
    document = selectors.document_detail(area=area, user=request.user, pk=pk)
    if document is None:
        raise Http404(_("Dokument v tomto území není."))
    return render(request, "library/document_detail.html", {
        "document": document,
        "versions": list(document.versions.all()),
        "can_change": can_change_document(request.user, document),
        "can_delete": request.user.has_perm("library.delete_documents", area),
        "breadcrumbs": _crumbs(area, (document.title, None)),
    })


@require_safe
def download(request, pk, number=None):
    """The file of a version (the current one without ``number``), only if the person may see the document."""
    version = selectors.downloadable_version(area=request.area, user=request.user, pk=pk, number=number)
    if version is None:
        raise Http404(_("Dokument v tomto území není."))
    try:
        handle = version.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("Soubor se nepodařilo najít.")) from None
    response = FileResponse(handle, as_attachment=True, filename=version.original_name, content_type=version.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-cache"  # visibility can change; shared caches must not keep a copy
    return response


@area_permission_required("library.upload_documents")
def document_create(request):
    area = request.area
    may_publish = _may_publish(request)
    initial = {}
    group_id, meeting_id = parse_id(request.GET.get("skupina")), parse_id(request.GET.get("setkani"))
    if group_id:
        initial["group"] = Group.objects.for_area(area).filter(pk=group_id).first()
    meeting = Meeting.objects.for_area(area).filter(pk=meeting_id).first() if meeting_id else None
    if meeting is not None:
        initial.update(meeting=meeting.pk, group=meeting.group)
    form = DocumentForm(*_submitted(request), area=area, may_publish=may_publish, with_file=True,
                        initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}
        try:
            document = services.document_create(
                area=area, user=request.user, file=form.cleaned_data["file"], change_note=form.cleaned_data["change_note"],
                may_publish=may_publish, **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dokument „%(title)s“ je nahrán.") % {"title": document.title})
            return redirect(document.get_absolute_url())
    title = _("Nahrát dokument")
    return render(request, "library/document_form.html", {
        "form": form, "title": title, "may_publish": may_publish, "with_file": True,
        "breadcrumbs": _crumbs(area, (title, None)),
    })


def _changeable_document(request, pk):
    document = get_for_area_or_404(Document, request.area, pk=pk)
    if not can_change_document(request.user, document):
        raise PermissionDenied
    return document


@area_permission_required("library.upload_documents")
def document_edit(request, pk):
    area = request.area
    document = _changeable_document(request, pk)
    may_publish = _may_publish(request)
    form = DocumentForm(*_submitted(request), instance=document, area=area, may_publish=may_publish)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}
        try:
            services.document_update(document=document, may_publish=may_publish, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Údaje dokumentu „%(title)s“ jsou uloženy.") % {"title": document.title})
            return redirect(document.get_absolute_url())
    title = _("Upravit údaje dokumentu")
    return render(request, "library/document_form.html", {
        "form": form, "title": title, "document": document, "may_publish": may_publish,
        "breadcrumbs": _crumbs(area, (document.title, document.get_absolute_url()), (title, None)),
    })


@area_permission_required("library.upload_documents")
def version_create(request, pk):
    area = request.area
    document = _changeable_document(request, pk)
    form = VersionForm(*_submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            version = services.version_add(document=document, user=request.user, file=form.cleaned_data["file"],
                                           change_note=form.cleaned_data["change_note"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Verze %(number)s dokumentu „%(title)s“ je nahrána.")
                             % {"number": version.number, "title": document.title})
            return redirect(document.get_absolute_url())
    title = _("Nahrát novou verzi")
    return render(request, "library/version_form.html", {
        "form": form, "title": title, "document": document,
        "breadcrumbs": _crumbs(area, (document.title, document.get_absolute_url()), (title, None)),
    })


@area_permission_required("library.delete_documents")
def document_delete(request, pk):
    area = request.area
    document = get_for_area_or_404(Document, area, pk=pk)
    form = DeleteForm(*_submitted(request))
    if request.method == "POST" and form.is_valid():
        services.document_delete(document=document)
        messages.success(request, _("Dokument „%(title)s“ byl smazán i se všemi verzemi.") % {"title": document.title})
        return redirect("library:list", area_slug=area.slug)
    title = _("Smazat dokument")
    return render(request, "library/document_confirm_delete.html", {
        "form": form, "title": title, "document": document, "version_count": document.versions.count(),
        "breadcrumbs": _crumbs(area, (document.title, document.get_absolute_url()), (title, None)),
    })
