"""What the catalogue adds to the staff dashboard and to the area's menu (registered in CatalogConfig.ready())."""

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from openkp.core.dashboard import AttentionEntry, AttentionItem
from openkp.core.models import Area

from .drafts import provider_organisations
from .models import Service, ServiceDraft

MY_SERVICES_SHOWN = 10
ENTRIES_SHOWN = 5


def catalogue_content(area):
    """The catalogue has something to show: the area's public services, or the neighbouring areas (children and
    parent) whose catalogues the page points to when the area keeps none of its own."""
    return [
        Service.objects.for_area(area).public(),
        Area.objects.filter(parent_id=area.pk, is_active=True),
        Area.objects.filter(pk=area.parent_id, is_active=True),
    ]


def _waiting_returned_drafts(area, organisations):
    """Drafts returned to these organisations that nobody has answered by a newer proposal of the same service."""
    newer = ServiceDraft.objects.filter(service=OuterRef("service"), submitted_at__gt=OuterRef("submitted_at"))
    return (ServiceDraft.objects.for_area(area).filter(organisation__in=organisations, status=ServiceDraft.Status.RETURNED,
                                                        service__isnull=False)
            .exclude(Exists(newer)).select_related("service").order_by("-reviewed_at", "-pk"))


def catalogue_attention(*, area, user):
    """The coordinator: providers' changes waiting for approval. A provider: proposals returned to them for changes."""
    items = []
    if user.has_perm("catalog.review_changes", area):
        count = ServiceDraft.objects.for_area(area).filter(status=ServiceDraft.Status.PENDING).count()
        items.append(AttentionItem(label=_("Změny služeb od poskytovatelů čekají na schválení"), count=count,
                                   url=reverse("catalog:drafts", kwargs={"area_slug": area.slug})))
    if user.has_perm("catalog.propose_changes", area):
        waiting = _waiting_returned_drafts(area, provider_organisations(user, area))
        returned = list(waiting[:ENTRIES_SHOWN + 1])
        entries = tuple(
            AttentionEntry(label=draft.service.name, note=draft.comment,
                           url=reverse("catalog:service_edit", kwargs={"area_slug": area.slug, "pk": draft.service_id}))
            for draft in returned[:ENTRIES_SHOWN]
        )
        count = len(returned) if len(returned) <= ENTRIES_SHOWN else waiting.count()
        items.append(AttentionItem(label=_("Návrhy změn vrácené koordinátorem k úpravě"), count=count, entries=entries))
    return items


def my_services(*, area, organisations, limit=MY_SERVICES_SHOWN):
    """The services of these organisations in the area (first ``limit``) with whether a change waits for approval,
    and how many there are in all."""
    pending = ServiceDraft.objects.filter(service=OuterRef("pk"), status=ServiceDraft.Status.PENDING)
    services = (Service.objects.for_area(area).filter(provider__in=organisations)
                .select_related("service_type", "activity_category").annotate(has_pending=Exists(pending))
                .order_by("sort_name", "pk"))
    shown = list(services[:limit + 1])
    total = len(shown) if len(shown) <= limit else services.count()
    return shown[:limit], total


def my_services_panel(request):
    """"Moje služby" for a provider: their organisation's services with their state and a link to edit each."""
    area = request.area
    if not request.user.has_perm("catalog.propose_changes", area):
        return ""
    organisations = provider_organisations(request.user, area)
    services, total = my_services(area=area, organisations=organisations)
    pending_new = ServiceDraft.objects.for_area(area).filter(organisation__in=organisations, service__isnull=True,
                                                              status=ServiceDraft.Status.PENDING).count()
    return render_to_string("catalog/dashboard/my_services.html", {
        "services": services, "total": total, "organisations": organisations, "pending_new": pending_new,
    }, request=request)


def register():
    from openkp.core import dashboard, sections

    sections.register_content("services", catalogue_content)
    dashboard.register_attention(catalogue_attention)
    dashboard.register_panel(my_services_panel)

