"""Reads of the organisation of planning."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from openkp.catalog.services import czech_sort_key

from .calendar import CalendarEntry
from .models import Group, GroupMember, Meeting, PlanningPeriod, TriadRole


def area_periods(*, area):
    return list(PlanningPeriod.objects.for_area(area))


def chosen_period(*, area, period_id=None):
    """The period asked for, else the current one, else the latest; None when the area has none."""
    periods = PlanningPeriod.objects.for_area(area)
    if period_id and str(period_id).isdigit():
        chosen = periods.filter(pk=period_id).first()
        if chosen:
            return chosen
    return periods.filter(is_current=True).first() or periods.first()


def _active_condition(prefix="members__"):
    today = timezone.localdate()
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": today})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": today})
    )


def public_groups(*, area, period):
    """Published groups of a period with their managers, target groups and active member counts."""
    managers = GroupMember.objects.active().filter(function=GroupMember.Function.MANAGER).select_related("organisation")
    return (
        Group.objects.for_area(area).filter(period=period, is_public=True)
        .annotate(
            member_count=Count("members", filter=_active_condition(), distinct=True),
            organisation_count=Count("members__organisation", filter=_active_condition(), distinct=True),
        )
        .prefetch_related("target_groups", Prefetch("members", queryset=managers, to_attr="managers"))
        .order_by("kind", "order", "name")  # Meta.ordering does not apply to aggregated queries
    )


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


def upcoming_meetings(*, group, public_only=True, limit=10):
    meetings = group.meetings.filter(ends_at__gte=timezone.now(), is_cancelled=False)
    if public_only:
        meetings = meetings.filter(is_public=True)
    return list(meetings[:limit])


def meeting_entries(*, area, start, end, private, group=None):
    """Meetings as calendar entries (a calendar source, see calendar.py): public ones of published groups,
    or all of them for members."""
    meetings = Meeting.objects.for_area(area).filter(starts_at__lt=end, ends_at__gt=start).select_related("group", "group__area")
    if group is not None:
        meetings = meetings.filter(group=group)
    if not private:
        meetings = meetings.filter(is_public=True, group__is_public=True)
    return [
        CalendarEntry(
            uid=f"meeting-{meeting.pk}@openkp", kind="meeting", title=meeting.title, starts_at=meeting.starts_at,
            ends_at=meeting.ends_at, url=meeting.get_absolute_url(), location=meeting.place,
            description="\n\n".join(part for part in (meeting.agenda, meeting.online_link) if part),
            group=meeting.group.name, group_slug=meeting.group.slug, is_public=meeting.is_public, is_cancelled=meeting.is_cancelled,
        )
        for meeting in meetings
    ]
