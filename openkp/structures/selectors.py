"""Reads of the organisation of planning."""

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Lower
from django.utils import timezone

from openkp.catalog.services import czech_sort_key
from openkp.core.ids import parse_id

from .calendar import CalendarEntry
from .models import Group, GroupMember, Meeting, Minutes, Participant, PlanningPeriod, Task, TriadRole


def area_periods(*, area):
    return list(PlanningPeriod.objects.for_area(area))


def chosen_period(*, area, period_id=None):
    """The period asked for, else the current one, else the latest; None when the area has none."""
    periods = PlanningPeriod.objects.for_area(area)
    if parse_id(period_id) is not None:
        chosen = periods.filter(pk=parse_id(period_id)).first()
        if chosen:
            return chosen
    return periods.filter(is_current=True).first() or periods.first()


def _active_condition(prefix="members__"):
    today = timezone.localdate()
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": today})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": today})
    )


def public_groups(*, area, period):
    """Published groups of a period (not archived) with their managers, target groups and active member counts."""
    managers = GroupMember.objects.active().filter(function=GroupMember.Function.MANAGER).select_related("organisation")
    return (
        Group.objects.for_area(area).active().filter(period=period, is_public=True).select_related("area")
        .annotate(
            member_count=Count("members", filter=_active_condition(), distinct=True),
            organisation_count=Count("members__organisation", filter=_active_condition(), distinct=True),
        )
        .prefetch_related("target_groups", Prefetch("members", queryset=managers, to_attr="managers"))
        .order_by("kind", "order", "name")  # Meta.ordering does not apply to aggregated queries
    )


def periods_overview(*, area):
    """The area's planning periods as the current one (a list of at most one), the upcoming ones (soonest first) and the past ones
    (latest first), each with the number of its groups in use and archived. One query."""
    periods = list(
        PlanningPeriod.objects.for_area(area)
        .annotate(group_count=Count("groups", filter=Q(groups__archived_at__isnull=True)),
                  archived_count=Count("groups", filter=Q(groups__archived_at__isnull=False)))
        .order_by("-start_year")
    )
    current = next((period for period in periods if period.is_current), None)
    pivot = current.start_year if current else timezone.localdate().year
    others = [period for period in periods if not period.is_current]
    return {
        "current": [current] if current else [],
        "upcoming": sorted((period for period in others if period.start_year > pivot), key=lambda period: period.start_year),
        "past": [period for period in others if period.start_year <= pivot],
    }


def period_phase(period):
    """"current", "upcoming" or "past" — where the period stands for the coordinator."""
    if period.is_current:
        return "current"
    current = PlanningPeriod.objects.for_area(period.area_id).filter(is_current=True).only("start_year").first()
    pivot = current.start_year if current else timezone.localdate().year
    return "upcoming" if period.start_year > pivot else "past"


def period_groups(*, period):
    """The period's groups for the coordinator: those in use as a tree (each with ``children``, its subgroups in use)
    and the archived ones, with active member counts and managers. A constant number of queries."""
    managers = GroupMember.objects.active().filter(function__in=(GroupMember.Function.MANAGER, GroupMember.Function.DEPUTY))
    groups = list(
        Group.objects.filter(period=period).select_related("area", "parent")
        .annotate(member_count=Count("members", filter=_active_condition(), distinct=True))
        .prefetch_related(Prefetch("members", queryset=managers, to_attr="leaders"))
        .order_by("kind", "order", "name")
    )
    in_use = [group for group in groups if group.archived_at is None]
    in_use_ids = {group.pk for group in in_use}
    for group in groups:
        group.leaders.sort(key=lambda member: (member.function != GroupMember.Function.MANAGER, member.name))
    for group in in_use:
        group.children = [child for child in in_use if child.parent_id == group.pk]
    return {
        # a subgroup whose parent is archived (set up outside these pages) still shows, at the top level
        "tree": [group for group in in_use if group.parent_id not in in_use_ids],
        "archived": sorted((group for group in groups if group.archived_at is not None), key=lambda group: group.archived_at, reverse=True),
        "count": len(in_use),
    }


def flatten_tree(tree):
    """(group, depth) pairs of a group tree in reading order."""
    return [pair for group in tree for pair in [(group, 0), *((child, 1) for child in group.children)]]


def group_figures(*, group):
    """Active members by triad role and the organisations they come from."""
    members = GroupMember.objects.active().filter(group=group)
    by_role = dict(members.values_list("triad_role").annotate(count=Count("pk")).order_by())
    return {
        "triad": [(label, by_role.get(value, 0)) for value, label in TriadRole.choices],
        "members": sum(by_role.values()),
        "organisations": sorted(
            {member.organisation.name for member in members.select_related("organisation") if member.organisation},
            key=czech_sort_key,
        ),
    }


def group_members(*, group):
    """All members of a group, the current ones first, then those who left (history is kept)."""
    today = timezone.localdate()
    members = list(GroupMember.objects.filter(group=group).select_related("organisation", "user"))
    current = [member for member in members if member.valid_to is None or member.valid_to >= today]
    former = [member for member in members if member not in current]
    return current, former




def meeting_entries(*, area, start, end, private, group=None):
    """Meetings as calendar entries (a calendar source, see calendar.py): public ones of published groups,
    or all of them for members."""
    meetings = Meeting.objects.for_area(area).filter(starts_at__lt=end, ends_at__gt=start).select_related("group", "area")
    if group is not None:
        meetings = meetings.filter(group=group)
    if not private:
        meetings = meetings.filter(is_public=True, group__is_public=True, group__archived_at__isnull=True)
    return [meeting_entry(meeting) for meeting in meetings]


def meeting_entry(meeting):
    return CalendarEntry(
        uid=f"meeting-{meeting.pk}@openkp", kind="meeting", title=meeting.title, starts_at=meeting.starts_at,
        ends_at=meeting.ends_at, url=meeting.get_absolute_url(), location=meeting.place,
        description="\n\n".join(part for part in (meeting.agenda, meeting.online_link) if part),
        group=meeting.group.name, group_slug=meeting.group.slug, is_public=meeting.is_public, is_cancelled=meeting.is_cancelled,
    )


def public_groups_brief(*, area):
    period = chosen_period(area=area)
    return list(Group.objects.for_area(area).active().filter(period=period, is_public=True).only("pk", "name", "slug")
                .order_by("kind", "order", "name"))


def upcoming_meetings(*, group, public_only=True, limit=10):
    meetings = group.meetings.filter(ends_at__gte=timezone.now(), is_cancelled=False).select_related("group", "area")
    if public_only:
        meetings = meetings.filter(is_public=True)
    return list(meetings[:limit])


def group_meetings(*, group):
    """All meetings of a group, the newest first, with participant counts and the minutes' state."""
    return list(
        group.meetings.select_related("group", "area", "minutes")
        .annotate(
            invited=Count("participants", filter=Q(participants__member__isnull=False)),
            present=Count("participants", filter=Q(participants__attendance__in=ATTENDED)),
        )
        .order_by("-starts_at")
    )


def group_tasks(*, group):
    return list(group.tasks.select_related("owner", "meeting").order_by("status", "due_date", "pk"))


def tasks_for_user(*, area, user):
    """The user's own tasks (as a group member) and the open tasks of the groups they manage."""
    tasks = Task.objects.for_area(area).select_related("owner", "group", "meeting", "group__area")
    mine = list(tasks.filter(owner__user=user).order_by("status", "due_date", "pk"))
    managed_groups = [group for group in Group.objects.for_area(area).select_related("area", "parent")
                      if user.has_perm("structures.manage_group", group)]
    managed = list(tasks.open().filter(group__in=managed_groups).exclude(owner__user=user).order_by("due_date", "pk"))
    return mine, managed


def published_minutes(*, group, limit=12):
    return list(
        Minutes.objects.filter(meeting__group=group, status=Minutes.Status.PUBLISHED)
        .select_related("meeting", "meeting__group", "meeting__area").order_by("-meeting__starts_at")[:limit]
    )


def visible_minutes(*, meeting, insider):
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or (minutes.status != Minutes.Status.PUBLISHED and not insider):
        return None
    return minutes


ATTENDED = (Participant.Attendance.PRESENT, Participant.Attendance.GUEST)


def attendance_summary(participants):
    """Counts of the attendance states and the attendance rate of members (guests are not in the rate)."""
    members = [participant for participant in participants if participant.member_id]
    present_members = sum(1 for participant in members if participant.attendance == Participant.Attendance.PRESENT)
    counts = {value: 0 for value in Participant.Attendance.values}
    replies = {value: 0 for value in Participant.Reply.values}
    for participant in participants:
        counts[participant.attendance] += 1
        replies[participant.reply] += 1
    return {
        "total": len(participants),
        "present": counts[Participant.Attendance.PRESENT],
        "guests": counts[Participant.Attendance.GUEST],
        "excused": counts[Participant.Attendance.EXCUSED],
        "absent": counts[Participant.Attendance.ABSENT],
        "unknown": counts[Participant.Attendance.UNKNOWN],
        "replied_attend": replies[Participant.Reply.ATTEND],
        "replied_excuse": replies[Participant.Reply.EXCUSE],
        "rate": present_members / len(members) if members else None,
    }


def _held(period):
    return Q(meeting__group__period=period, meeting__is_cancelled=False, meeting__ends_at__lte=timezone.now())


def _person_counts(participants):
    """Distinct people (by e-mail, or by name when there is none) and organisations in a participant queryset."""
    return participants.aggregate(
        with_email=Count(Lower("email"), distinct=True, filter=~Q(email="")),
        without_email=Count("name", distinct=True, filter=Q(email="")),
        organisations=Count("organisation_name", distinct=True, filter=~Q(organisation_name="")),
    )


def group_statistics(*, area, period):
    """Per group of the period: meetings held, attendance rate, active people, organisations, triad balance.

    An active person attended at least one held meeting. Constant number of queries.
    """
    groups = list(Group.objects.for_area(area).filter(period=period).select_related("area").order_by("kind", "order", "name"))
    held = dict(
        Meeting.objects.for_area(area).filter(group__period=period, is_cancelled=False, ends_at__lte=timezone.now())
        .values_list("group").annotate(count=Count("pk")).order_by()
    )
    participants = Participant.objects.for_area(area).filter(_held(period))
    attended = Q(attendance__in=ATTENDED)
    per_group = {
        row["meeting__group"]: row for row in participants.values("meeting__group").annotate(
            invited=Count("pk", filter=Q(member__isnull=False)),
            present=Count("pk", filter=Q(member__isnull=False, attendance=Participant.Attendance.PRESENT)),
            guests=Count("pk", filter=Q(attendance=Participant.Attendance.GUEST)),
            active=Count("member", distinct=True, filter=Q(attendance=Participant.Attendance.PRESENT)),
            organisations=Count("organisation_name", distinct=True, filter=attended & ~Q(organisation_name="")),
        ).order_by()
    }
    triad = {}
    for group_id, role, count in (participants.filter(attendance=Participant.Attendance.PRESENT).exclude(member=None)
                                  .values_list("meeting__group", "triad_role").annotate(count=Count("member", distinct=True)).order_by()):
        triad.setdefault(group_id, {})[role] = count
    rows = []
    for group in groups:
        figures = per_group.get(group.pk, {})
        roles = triad.get(group.pk, {})
        rows.append({
            "group": group,
            "meetings": held.get(group.pk, 0),
            "invited": figures.get("invited", 0),
            "present": figures.get("present", 0),
            "guests": figures.get("guests", 0),
            "rate": figures["present"] / figures["invited"] if figures.get("invited") else None,
            "active": figures.get("active", 0),
            "organisations": figures.get("organisations", 0),
            "triad": [(label, roles.get(value, 0)) for value, label in TriadRole.choices],
        })
    return rows


def area_totals(*, area, period):
    """The area's headline: active people (attended a held meeting of the period) and their organisations;
    with no attendance recorded yet, the current members of the period's groups."""
    attended = Participant.objects.for_area(area).filter(_held(period), attendance__in=ATTENDED)
    counts = _person_counts(attended)
    people = counts["with_email"] + counts["without_email"]
    if people:
        return {"people": people, "organisations": counts["organisations"], "basis": "attended"}
    members = GroupMember.objects.for_area(area).active().filter(group__period=period)
    figures = members.aggregate(
        with_email=Count(Lower("email"), distinct=True, filter=~Q(email="")),
        without_email=Count("name", distinct=True, filter=Q(email="")),
        organisations=Count("organisation", distinct=True),
    )
    return {"people": figures["with_email"] + figures["without_email"], "organisations": figures["organisations"], "basis": "members"}


CHART_WIDTH = 400


def statistics_chart(rows):
    """Bars of active people per group, scaled to CHART_WIDTH (an SVG in the template; the table holds the data)."""
    top = max((row["active"] for row in rows), default=0) or 1
    bars = [
        {"label": row["group"].name, "value": row["active"], "width": round(CHART_WIDTH * row["active"] / top), "y": index * 28}
        for index, row in enumerate(rows)
    ]
    return {"bars": bars, "height": len(bars) * 28, "width": CHART_WIDTH + 360}
