"""Pages of the organisation of planning: groups, meetings, the calendar, replies to invitations, statistics."""

import calendar as month_calendar
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openkp.catalog import guides
from openkp.core import documents
from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import area_breadcrumbs, staff_breadcrumbs
from openkp.core.spreadsheets import XLSX_MIME
from openkp.library.selectors import documents_for_group, documents_for_meeting

from . import calendar, exports, selectors, services
from .extensions import group_sections
from .models import CalendarToken, Group, Participant

WEEKDAYS = [(gettext_lazy("pondělí"), gettext_lazy("Po")), (gettext_lazy("úterý"), gettext_lazy("Út")),
            (gettext_lazy("středa"), gettext_lazy("St")), (gettext_lazy("čtvrtek"), gettext_lazy("Čt")),
            (gettext_lazy("pátek"), gettext_lazy("Pá")), (gettext_lazy("sobota"), gettext_lazy("So")),
            (gettext_lazy("neděle"), gettext_lazy("Ne"))]
FEED_PAST_DAYS = 365
FEED_FUTURE_DAYS = 730


def group_for_request(request, slug):
    """The group of the chosen (or current) period; an unpublished or archived group only for its insiders."""
    area = request.area
    period = selectors.chosen_period(area=area, period_id=request.GET.get("obdobi"))
    group = Group.objects.for_area(area).filter(period=period, slug=slug).select_related("period", "parent").prefetch_related("target_groups").first()
    visible = group is not None and group.is_public and group.archived_at is None
    if group is None or not (visible or request.user.has_perm("structures.view_group_internals", group)):
        raise Http404(_("Skupina v tomto území není."))
    return group


def _public_crumbs(area, *items):
    return area_breadcrumbs(area, (_("Organizace plánování"), reverse("structures:groups", kwargs={"area_slug": area.slug})), *items)


def group_list(request):
    area = request.area
    period = selectors.chosen_period(area=area, period_id=request.GET.get("obdobi"))
    groups = list(selectors.public_groups(area=area, period=period)) if period else []
    return render(request, "structures/group_list.html", {
        "period": period,
        "periods": selectors.area_periods(area=area),
        "steering": [group for group in groups if group.kind == Group.Kind.STEERING],
        "working": [group for group in groups if group.kind != Group.Kind.STEERING],
        "totals": selectors.area_totals(area=area, period=period) if period else None,
        "breadcrumbs": area_breadcrumbs(area, (_("Organizace plánování"), None)),
    })


def group_detail(request, slug):
    area = request.area
    group = group_for_request(request, slug)
    insider = request.user.has_perm("structures.view_group_internals", group)
    return render(request, "structures/group_detail.html", {
        "group": group,
        "figures": selectors.group_figures(group=group),
        "managers": [member for member in selectors.group_members(group=group)[0] if member.function == "manager"],
        "meetings": selectors.upcoming_meetings(group=group, public_only=not insider),
        "published_minutes": selectors.published_minutes(group=group),
        "documents": documents_for_group(group, request.user, limit=10),
        "events": [entry for entry in calendar.entries(area=area, start=timezone.now(), end=timezone.now() + timedelta(days=365),
                                                       group=group, kinds=("event",)) if not entry.is_cancelled],
        "can_view_members": insider,
        "sections": group_sections(request, group),
        "breadcrumbs": _public_crumbs(area, (group.name, None)),
    })


def meeting_detail(request, slug, pk):
    area = request.area
    group = group_for_request(request, slug)
    meeting = group.meetings.select_related("area", "group").filter(pk=pk).first()
    insider = request.user.has_perm("structures.view_group_internals", group)
    if meeting is None or not (meeting.is_public or insider):
        raise Http404(_("Setkání v tomto území není."))
    minutes = selectors.visible_minutes(meeting=meeting, insider=insider)
    return render(request, "structures/meeting_detail.html", {
        "group": group,
        "meeting": meeting,
        "minutes": minutes,
        "summary": selectors.attendance_summary(list(meeting.participants.all())) if minutes else None,
        "documents": documents_for_meeting(meeting, request.user),
        "is_insider": insider,
        "breadcrumbs": _public_crumbs(area, (group.name, group.get_absolute_url()), (meeting.title, None)),
    })


@area_permission_required("core.enter_area")
def group_members(request, slug):
    """The staff page of a group: members with contacts, meetings, tasks."""
    area = request.area
    group = group_for_request(request, slug)
    if not request.user.has_perm("structures.view_group_internals", group):
        raise PermissionDenied
    current, former = selectors.group_members(group=group)
    return render(request, "structures/group_members.html", {
        "group": group,
        "current": current,
        "former": former,
        "meetings": selectors.group_meetings(group=group),
        "tasks": selectors.group_tasks(group=group),
        "can_manage": request.user.has_perm("structures.manage_group", group),
        "can_change_group": request.user.has_perm("structures.change_group", group),
        "breadcrumbs": staff_breadcrumbs(area, (group.name, group.get_absolute_url()), (_("Pracovní stránka"), None)),
    })


def meeting_reply(request, token):
    """The link in an invitation: the invited person says whether they come (no log-in needed)."""
    participant = Participant.by_reply_token(token)
    if participant is None or participant.area_id != request.area.pk:
        raise Http404(_("Odkaz na odpověď neplatí. Zkontrolujte, že jste ho zkopírovali celý."))
    if request.method == "POST":
        try:
            services.record_reply(participant, request.POST.get("reply", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Děkujeme, vaše odpověď je zaznamenána: %(reply)s.") % {"reply": participant.get_reply_display()})
        return redirect(request.path)
    return render(request, "structures/meeting_reply.html", {
        "participant": participant, "meeting": participant.meeting,
        "breadcrumbs": _public_crumbs(request.area, (_("Odpověď na pozvánku"), None)),
    })


def _month(value):
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except (AttributeError, ValueError, OverflowError):  # "abc", "2025-13", a 20-digit year
        return timezone.localdate().replace(day=1)


def calendar_page(request):
    """Month view and list of meetings and events; ?skupina= narrows it to one group."""
    area = request.area
    first = _month(request.GET.get("mesic"))
    if not date(2000, 1, 1) <= first <= date(2100, 1, 1):
        raise Http404
    group = None
    if request.GET.get("skupina"):
        group = group_for_request(request, request.GET["skupina"])
    private = request.user.has_perm("core.enter_area", area)
    view = "list" if request.GET.get("zobrazeni") == "seznam" else "month"
    tz = timezone.get_current_timezone()
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start = datetime.combine(weeks[0][0], datetime.min.time(), tz)
    end = datetime.combine(weeks[-1][-1] + timedelta(days=1), datetime.min.time(), tz)
    if view == "list":
        start = datetime.combine(first, datetime.min.time(), tz)
        end = datetime.combine((first + timedelta(days=32)).replace(day=1), datetime.min.time(), tz)
    entries = calendar.entries(area=area, start=start, end=end, private=private, group=group)
    by_day = {}
    for entry in entries:
        by_day.setdefault(timezone.localtime(entry.starts_at).date(), []).append(entry)
    previous_month = (first - timedelta(days=1)).replace(day=1)
    next_month = (first + timedelta(days=32)).replace(day=1)
    query = {"skupina": group.slug} if group else {}
    return render(request, "structures/calendar.html", {
        "first": first, "view": view, "group": group, "entries": entries,
        "weeks": [[(day, by_day.get(day, []), day.month == first.month) for day in week] for week in weeks],
        "previous_month": previous_month, "next_month": next_month, "today": timezone.localdate(),
        "query": query, "groups": selectors.public_groups_brief(area=area), "weekdays": WEEKDAYS,
        "private_feed": CalendarToken.objects.filter(area=area, user=request.user).first() if private else None,
        "can_have_private_feed": private,
        "breadcrumbs": area_breadcrumbs(area, (_("Kalendář"), None)),
    })


def calendar_feed(request):
    """The area's public iCal feed: public meetings of published groups and public events, a year back and two ahead."""
    return _feed(request, private=False)


def private_calendar_feed(request, token):
    """A member's feed with members-only meetings too; the secret in the URL is the only credential."""
    if not CalendarToken.objects.filter(area=request.area, token=token).exists():
        raise Http404
    return _feed(request, private=True)


def _feed(request, *, private):
    area = request.area
    now = timezone.now()
    group = group_for_request(request, request.GET["skupina"]) if request.GET.get("skupina") and not private else None
    entries = calendar.entries(area=area, start=now - timedelta(days=FEED_PAST_DAYS), end=now + timedelta(days=FEED_FUTURE_DAYS),
                               private=private, group=group)
    name = f"{area.name} – {group.name}" if group else area.name
    content = calendar.to_ical(name=name, entries=entries, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
@area_permission_required("core.enter_area")
def private_feed_create(request):
    CalendarToken.for_user(area=request.area, user=request.user, renew="renew" in request.POST)
    messages.success(request, _("Váš soukromý kalendář je připraven. Adresu vložte do svého kalendáře jako odběr."))
    return redirect("structures:calendar", area_slug=request.area.slug)


@area_permission_required("structures.view_statistics")
def statistics(request):
    area = request.area
    period = selectors.chosen_period(area=area, period_id=request.GET.get("obdobi"))
    rows = selectors.group_statistics(area=area, period=period) if period else []
    return render(request, "structures/statistics.html", {
        "period": period, "periods": selectors.area_periods(area=area), "rows": rows,
        "totals": selectors.area_totals(area=area, period=period) if period else None,
        "chart": selectors.statistics_chart(rows),
        "can_export": request.user.has_perm("structures.export_people", area),
        "breadcrumbs": staff_breadcrumbs(area, (_("Statistiky zapojení"), None)),
    })


@area_permission_required("structures.export_people")
def statistics_export(request):
    area = request.area
    period = selectors.chosen_period(area=area, period_id=request.GET.get("obdobi"))
    if period is None:
        raise Http404
    content = exports.people_xlsx(area=area, period=period)
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="clenove-a-ucast-{area.slug}-{period.start_year}-{period.end_year}.xlsx"'
    return response


def group_guide(request, slug, fmt):
    """The printable guide of a working group: services for all of the group's target groups."""
    group = group_for_request(request, slug)
    targets = list(group.target_groups.all())
    if not targets:
        raise Http404(_("Skupina nemá určené cílové skupiny, průvodce pro ni nelze sestavit."))
    guide = guides.CombinedGuide(area=request.area, target_groups=targets,
                                 title=_("Informační průvodce sociálními službami – %(group)s") % {"group": group.name})
    if fmt == "pdf":
        response = HttpResponse(guides.guide_pdf(guide), content_type=documents.PDF_MIME)
    else:
        response = HttpResponse(guides.guide_docx(guide), content_type=documents.DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="pruvodce-{request.area.slug}-{group.slug}.{fmt}"'
    return response
