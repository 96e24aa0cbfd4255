"""What the organisation of planning adds to the staff dashboard and to the area's menu (registered in
StructuresConfig.ready()): meetings that wait for attendance or minutes, overdue tasks, one's own tasks,
"Moje skupiny" for a group manager and the next meetings of one's groups."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openkp.accounts.models import Role
from openkp.accounts.rules import area_roles
from openkp.core.dashboard import AttentionEntry, AttentionItem
from openkp.core.typography import format_date

from .models import Group, GroupMember, Meeting, Minutes, Participant, Task
from .rules import LEADING
from .selectors import chosen_period

ENTRIES_SHOWN = 5
UPCOMING_SHOWN = 5


def groups_content(area):
    """The organisation page has something to show: a published group."""
    return Group.objects.for_area(area).filter(is_public=True)


def led_groups(*, area, user):
    """The groups a group manager leads now (as manager or deputy) and their subgroups; none without the role."""
    if Role.GROUP_MANAGER not in area_roles(user, area):
        return Group.objects.none()
    leading = GroupMember.objects.for_area(area).filter(user=user, function__in=LEADING).active().values("group_id")
    return Group.objects.for_area(area).filter(Q(pk__in=leading) | Q(parent_id__in=leading))


def managed_groups(*, area, user):
    """The groups whose meetings, minutes and tasks wait for this person: all of the area for the coordinator,
    the led ones for a group manager, none for others."""
    if Role.COORDINATOR in area_roles(user, area):
        return Group.objects.for_area(area)
    return led_groups(area=area, user=user)


def dashboard_period(area):
    """The planning period the dashboard looks at (the current one, else the latest), read once per area object."""
    if "_dashboard_period" not in area.__dict__:
        area.__dict__["_dashboard_period"] = chosen_period(area=area)
    return area.__dict__["_dashboard_period"]


def _meeting_entry(row, url_name, area):
    return AttentionEntry(
        label=f"{row['title']} – {row['group__name']}", note=format_date(row["starts_at"]),
        url=reverse(url_name, kwargs={"area_slug": area.slug, "slug": row["group__slug"], "pk": row["pk"]}),
    )


def _item(label, rows, url_name, area, *, urgent=False):
    return AttentionItem(label=label, count=len(rows), urgent=urgent,
                         entries=tuple(_meeting_entry(row, url_name, area) for row in rows[:ENTRIES_SHOWN]))


def past_meetings_waiting(*, area, groups):
    """Held meetings (ended, not cancelled) of the groups in the current planning period, newest first, with
    whether attendance was recorded and the state of their minutes; one query."""
    period = dashboard_period(area)
    if period is None:
        return []
    recorded = Participant.objects.filter(meeting=OuterRef("pk")).exclude(attendance=Participant.Attendance.UNKNOWN)
    return list(
        Meeting.objects.for_area(area).filter(group__in=groups, group__period=period, ends_at__lt=timezone.now(), is_cancelled=False)
        .annotate(attendance_recorded=Exists(recorded))
        .values("pk", "title", "starts_at", "group__slug", "group__name", "minutes__status", "attendance_recorded")
        .order_by("-starts_at", "-pk")
    )


def organisation_attention(*, area, user):
    """The coordinator (all groups) and a group manager (their groups): meetings without attendance, without
    minutes, minutes to approve or publish, overdue tasks. Everybody: their own open tasks."""
    items = []
    today = timezone.localdate()
    mine = Task.objects.for_area(area).open().filter(owner__user=user).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    if mine["open"]:
        note = _("z toho po termínu: %(count)s") % {"count": mine["overdue"]} if mine["overdue"] else ""
        items.append(AttentionItem(label=_("Moje otevřené úkoly"), count=mine["open"], note=note, urgent=bool(mine["overdue"]),
                                   url=reverse("structures:my_tasks", kwargs={"area_slug": area.slug})))
    if not area_roles(user, area) & {Role.COORDINATOR, Role.GROUP_MANAGER}:
        return items
    groups = managed_groups(area=area, user=user)
    rows = past_meetings_waiting(area=area, groups=groups)
    without_attendance = [row for row in rows if not row["attendance_recorded"]]
    without_minutes = [row for row in rows if row["minutes__status"] is None]
    to_approve = [row for row in rows if row["minutes__status"] == Minutes.Status.DRAFT]
    to_publish = [row for row in rows if row["minutes__status"] == Minutes.Status.APPROVED]
    items += [
        _item(_("Setkání bez zaznamenané účasti"), without_attendance, "structures:attendance", area),
        _item(_("Setkání bez zápisu"), without_minutes, "structures:minutes", area),
        _item(_("Zápisy čekají na schválení"), to_approve, "structures:minutes", area),
        _item(_("Schválené zápisy čekají na zveřejnění"), to_publish, "structures:minutes", area),
    ]
    overdue = Task.objects.for_area(area).overdue(today).filter(group__in=groups).exclude(owner__user=user).count()
    items.append(AttentionItem(label=_("Úkoly skupin po termínu"), count=overdue, urgent=True,
                               url=reverse("structures:my_tasks", kwargs={"area_slug": area.slug})))
    return items


def _count(queryset):
    """A correlated count of ``queryset`` rows (filtered by OuterRef) as a subquery."""
    return Coalesce(Subquery(queryset.order_by().values("group_id").annotate(n=Count("pk")).values("n")[:1],
                             output_field=IntegerField()), 0)


def my_groups(*, area, user):
    """The groups a group manager leads with their next meeting, open and overdue tasks and active members; one query."""
    now = timezone.now()
    today = timezone.localdate()
    upcoming = Meeting.objects.filter(group=OuterRef("pk"), ends_at__gte=now, is_cancelled=False).order_by("starts_at", "pk")
    open_tasks = Task.objects.filter(group=OuterRef("pk")).open()
    return list(
        led_groups(area=area, user=user).select_related("period")
        .annotate(
            next_meeting_id=Subquery(upcoming.values("pk")[:1]),
            next_meeting_title=Subquery(upcoming.values("title")[:1]),
            next_meeting_at=Subquery(upcoming.values("starts_at")[:1]),
            open_tasks=_count(open_tasks),
            overdue_tasks=_count(open_tasks.filter(due_date__lt=today)),
            active_members=_count(GroupMember.objects.filter(group=OuterRef("pk")).active(today)),
        )
        .order_by("-period__start_year", "kind", "order", "name")
    )


def my_groups_panel(request):
    """"Moje skupiny" for a group manager."""
    area = request.area
    groups = my_groups(area=area, user=request.user)
    if not groups:
        return ""
    return render_to_string("structures/dashboard/my_groups.html", {"groups": groups}, request=request)


def upcoming_meetings_for(*, area, user, limit=UPCOMING_SHOWN):
    """The next meetings of the groups this person belongs to now (or is invited to with their group); one query."""
    member_of = GroupMember.objects.for_area(area).filter(user=user).active().values("group_id")
    return list(
        Meeting.objects.for_area(area).filter(ends_at__gte=timezone.now(), is_cancelled=False)
        .filter(Q(group__in=member_of) | Q(invited_groups__in=member_of)).distinct()
        .select_related("group", "area").order_by("starts_at", "pk")[:limit]
    )


def upcoming_meetings_panel(request):
    """"Nejbližší setkání" of one's groups, for everybody who is a member of a group."""
    meetings = upcoming_meetings_for(area=request.area, user=request.user)
    if not meetings:
        return ""
    return render_to_string("structures/dashboard/upcoming_meetings.html", {"meetings": meetings}, request=request)


def register():
    from openkp.core import dashboard, sections

    sections.register_content("organisation", groups_content)
    dashboard.register_attention(organisation_attention)
    dashboard.register_panel(my_groups_panel)
    dashboard.register_panel(upcoming_meetings_panel)
