"""Public pages of the steering and working groups, and the staff list of members with contacts."""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import area_breadcrumbs, staff_breadcrumbs

from . import calendar, selectors
from .models import Group


def group_list(request):
    area = request.area
    period = selectors.chosen_period(area=area, period_id=request.GET.get("obdobi"))
    groups = list(selectors.public_groups(area=area, period=period)) if period else []
    return render(request, "structures/group_list.html", {
        "period": period,
        "periods": selectors.area_periods(area=area),
        "steering": [group for group in groups if group.kind == Group.Kind.STEERING],
        "working": [group for group in groups if group.kind != Group.Kind.STEERING],
        "breadcrumbs": area_breadcrumbs(area, (_("Organizace plánování"), None)),
    })


def _group(request, slug):
    area = request.area
    period = selectors.chosen_period(area=area, period_id=request.GET.get("obdobi"))
    group = Group.objects.for_area(area).filter(period=period, slug=slug).prefetch_related("target_groups").first()
    if group is None or not (group.is_public or request.user.has_perm("structures.view_members", area)):
        raise Http404(_("Skupina v tomto území není."))
    return group


def group_detail(request, slug):
    area = request.area
    group = _group(request, slug)
    return render(request, "structures/group_detail.html", {
        "group": group,
        "figures": selectors.group_figures(group=group),
        "managers": [member for member in selectors.group_members(group=group)[0] if member.function == "manager"],
        "meetings": selectors.upcoming_meetings(group=group, public_only=not request.user.has_perm("structures.view_members", area)),
        "can_view_members": request.user.is_authenticated and request.user.has_perm("structures.view_members", area),
        "breadcrumbs": area_breadcrumbs(
            area, (_("Organizace plánování"), reverse("structures:groups", kwargs={"area_slug": area.slug})), (group.name, None)
        ),
    })


def meeting_detail(request, slug, pk):
    area = request.area
    group = _group(request, slug)
    meeting = group.meetings.filter(pk=pk).first()
    if meeting is None or not (meeting.is_public or request.user.has_perm("structures.view_members", area)):
        raise Http404(_("Setkání v tomto území není."))
    return render(request, "structures/meeting_detail.html", {
        "group": group,
        "meeting": meeting,
        "breadcrumbs": area_breadcrumbs(
            area, (_("Organizace plánování"), reverse("structures:groups", kwargs={"area_slug": area.slug})),
            (group.name, group.get_absolute_url()), (meeting.title, None),
        ),
    })


@area_permission_required("structures.view_members")
def group_members(request, slug):
    area = request.area
    group = _group(request, slug)
    current, former = selectors.group_members(group=group)
    return render(request, "structures/group_members.html", {
        "group": group,
        "current": current,
        "former": former,
        "breadcrumbs": staff_breadcrumbs(
            area, (group.name, group.get_absolute_url()), (_("Členové"), None)
        ),
    })


def calendar_feed(request):
    """The area's public iCal feed: public meetings of published groups and public events, a year back and two ahead."""
    area = request.area
    now = timezone.now()
    entries = calendar.entries(area=area, start=now - timedelta(days=365), end=now + timedelta(days=730))
    content = calendar.to_ical(name=area.name, entries=entries, base_url=request.build_absolute_uri("/").rstrip("/"))
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")
