"""Public catalogue: search with facets, list and map, and the detail page of a service."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openkp.core import documents, sections
from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import area_breadcrumbs, staff_breadcrumbs
from openkp.core.models import Area

from . import guides, selectors
from .forms import GuideForm, SearchForm
from .models import Service, TargetGroup

MAP_POINT_LIMIT = 2000


def search(request):
    area = request.area
    if not sections.has_own_content(request, "services"):  # the same query as the menu's
        return _without_services(request, area)
    body = _search_body(request, area)
    if request.htmx and not request.htmx.boosted:
        return HttpResponse(body)
    return render(request, "catalog/search.html", {
        "body": body,
        "breadcrumbs": area_breadcrumbs(area, (_("Katalog sociálních služeb"), None)),
    })


def _without_services(request, area):
    """An area that keeps no services of its own (a region, a new area): what its pages are for and the catalogues of
    the areas below and above it, instead of an empty search."""
    return render(request, "catalog/no_services.html", {
        "children": selectors.neighbour_catalogues(areas=area.children.filter(is_active=True)),
        "parents": selectors.neighbour_catalogues(areas=Area.objects.filter(pk=area.parent_id, is_active=True)),
        "breadcrumbs": area_breadcrumbs(area, (_("Katalog sociálních služeb"), None)),
    })


def _search_body(request, area):
    """The search form, facets and results: the same for every visitor, so a rendered body is cached per
    query (and language) for ``CATALOG_SEARCH_CACHE_SECONDS``, as long as the catalogue's stamp is the same."""
    stamp = selectors.search_stamp(area)
    parameters = sorted((key, value) for key, values in request.GET.lists() for value in values if value)
    digest = hashlib.sha256(repr((stamp, parameters)).encode()).hexdigest()
    key = f"catalog-search:{area.pk}:{get_language()}:{digest}"
    body = cache.get(key) if settings.CATALOG_SEARCH_CACHE_SECONDS else None
    if body is None:
        body = render_to_string("catalog/includes/catalog_body.html", _search_context(request, area, stamp), request=request)
        if settings.CATALOG_SEARCH_CACHE_SECONDS:
            cache.set(key, body, settings.CATALOG_SEARCH_CACHE_SECONDS)
    return mark_safe(body)  # rendered by the template engine, escaped there


def _search_context(request, area, stamp):
    form = SearchForm(request.GET)
    filters = form.filters()
    result = selectors.service_search(area=area, filters=filters, page_number=request.GET.get("strana"), stamp=stamp)
    map_view = request.GET.get("zobrazeni") == "mapa"
    context = {
        "form": form,
        "result": result,
        "filters": filters,
        "map_view": map_view,
        "querystring": _querystring(request, without=("strana",)),
        "list_url": "?" + _querystring(request, without=("zobrazeni", "strana")),
        "map_url": "?" + _querystring(request, without=("zobrazeni", "strana"), extra={"zobrazeni": "mapa"}),
        "suggestions": _relax_suggestions(request, filters) if result.total == 0 else [],
    }
    if map_view:
        context["map_points"] = selectors.map_points(result=result, limit=MAP_POINT_LIMIT)
        context["map_tiles"] = settings.MAP_TILE_URL
        context["map_attribution"] = settings.MAP_TILE_ATTRIBUTION
    return context


def _querystring(request, *, without=(), extra=None):
    pairs = [(key, value) for key, values in request.GET.lists() if key not in without for value in values if value]
    pairs += list((extra or {}).items())
    return urlencode(pairs)


def _relax_suggestions(request, filters):
    """Links that drop one constraint at a time, for a search that found nothing."""
    suggestions = []
    names = {
        "q": _("hledat bez textu „%(value)s“") % {"value": filters.query},
        "situace": _("zrušit výběr životní situace"),
        "druh": _("zrušit výběr druhu služby"),
        "skupina": _("zrušit výběr cílové skupiny"),
        "forma": _("zrušit výběr formy"),
        "obec": _("hledat ve všech obcích"),
        "obvod": _("hledat ve všech městských obvodech"),
        "typ": _("zobrazit služby i aktivity"),
    }
    for parameter, label in names.items():
        if request.GET.getlist(parameter) and any(request.GET.getlist(parameter)):
            suggestions.append((label, "?" + _querystring(request, without=(parameter, "strana"))))
    if filters.query and len(filters.query.split()) > 1:
        first_word = filters.query.split()[0]
        suggestions.append((
            _("hledat jen „%(word)s“") % {"word": first_word},
            "?" + _querystring(request, without=("q", "strana"), extra={"q": first_word}),
        ))
    return suggestions


def detail(request, pk):
    area = request.area
    try:
        service = selectors.service_detail(area=area, pk=pk)
    except Service.DoesNotExist:
        raise Http404(_("Služba v katalogu tohoto území není.")) from None
    return render(request, "catalog/detail.html", {
        "service": service,
        "json_ld": _json_ld(request, service),
        "map_points": [_point(service, facility) for facility in service.facilities.all() if facility.has_location],
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        "breadcrumbs": area_breadcrumbs(
            area, (_("Katalog sociálních služeb"), reverse("catalog:search", kwargs={"area_slug": area.slug})), (service.name, None)
        ),
    })


def _point(service, facility):
    return {"lat": float(facility.latitude), "lon": float(facility.longitude), "name": service.name,
            "place": facility.name or "", "address": facility.address, "url": service.get_absolute_url()}


def _json_ld(request, service):
    """schema.org description of the service for search engines and assistive tools."""
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.name,
        "url": request.build_absolute_uri(service.get_absolute_url()),
        "description": service.description,
        "serviceType": str(service.service_type or service.activity_category or ""),
        "provider": {"@type": "Organization", "name": service.provider.name, "taxID": service.provider.ico or None},
        "audience": [{"@type": "Audience", "audienceType": str(group)} for group in service.target_groups.all()],
        "areaServed": [municipality.name for municipality in service.served_municipalities.all()],
        "availableChannel": [],
    }
    for facility in service.facilities.all():
        place = {"@type": "Place", "name": facility.name or service.name,
                 "address": {"@type": "PostalAddress", "streetAddress": " ".join(filter(None, [facility.street, "/".join(filter(None, [facility.house_number, facility.orientation_number]))])),
                             "postalCode": facility.postcode, "addressLocality": facility.municipality.name if facility.municipality else "",
                             "addressCountry": "CZ"}}
        if facility.has_location:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": float(facility.latitude), "longitude": float(facility.longitude)}
        data["availableChannel"].append({"@type": "ServiceChannel", "serviceLocation": place})
    if service.phone or service.email:
        data["provider"]["contactPoint"] = {"@type": "ContactPoint", "telephone": service.phone, "email": service.email}
    return data


def guide_list(request):
    """Printable guides, one per target group that has services in the area."""
    area = request.area
    groups = (
        TargetGroup.objects.filter(services__in=Service.objects.for_area(area).public())
        .annotate(service_count=Count("services", distinct=True)).order_by("name")
    )
    return render(request, "catalog/guide_list.html", {
        "groups": groups,
        "can_edit": request.user.is_authenticated and request.user.has_perm("catalog.change_guide", area),
        "breadcrumbs": area_breadcrumbs(
            area, (_("Katalog sociálních služeb"), reverse("catalog:search", kwargs={"area_slug": area.slug})),
            (_("Informační průvodci"), None),
        ),
    })


def guide_download(request, target_group_id, fmt):
    area = request.area
    target_group = get_object_or_404(TargetGroup, pk=target_group_id)
    guide = guides.guide_for(area, target_group)
    if fmt == "pdf":
        response = HttpResponse(guides.guide_pdf(guide), content_type=documents.PDF_MIME)
    else:
        response = HttpResponse(guides.guide_docx(guide), content_type=documents.DOCX_MIME)
    filename = f"pruvodce-{area.slug}-{slugify(str(target_group))}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@area_permission_required("catalog.change_guide")
def guide_edit(request, target_group_id):
    area = request.area
    guide = guides.guide_for(area, get_object_or_404(TargetGroup, pk=target_group_id))
    form = GuideForm(request.POST or None, instance=guide)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Průvodce „%(title)s“ je uložen.") % {"title": guide.title})
        return redirect("catalog:guides", area_slug=area.slug)
    return render(request, "catalog/guide_form.html", {
        "form": form,
        "guide": guide,
        "breadcrumbs": staff_breadcrumbs(area, (_("Informační průvodci"), reverse("catalog:guides", kwargs={"area_slug": area.slug})), (guide.title, None)),
    })
