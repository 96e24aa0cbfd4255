"""What public events add to the staff dashboard and to the area's menu (registered in EventsConfig.ready())."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openkp.accounts.models import Role
from openkp.accounts.rules import area_roles
from openkp.core.dashboard import AttentionEntry, AttentionItem
from openkp.core.typography import format_date
from openkp.structures.dashboard import dashboard_period, managed_groups

from .models import Event, Registration

ENTRIES_SHOWN = 5


def events_content(area):
    """The events page has something to show: a published event."""
    return Event.objects.for_area(area).filter(is_published=True)


def events_attention(*, area, user):
    """Held events of the current period without recorded attendance (the plan's indicators count it): all of them
    for the coordinator, those of their groups for a group manager."""
    roles = area_roles(user, area)
    if not roles & {Role.COORDINATOR, Role.GROUP_MANAGER}:
        return []
    period = dashboard_period(area)
    if period is None:
        return []
    attended = Registration.objects.filter(event=OuterRef("pk"), attended=True)
    events = (Event.objects.for_area(area).filter(period=period, ends_at__lt=timezone.now(), is_cancelled=False,
                                                  has_registration=True, actual_participants_override__isnull=True)
              .exclude(Exists(attended)).order_by("-starts_at", "-pk"))
    if Role.COORDINATOR not in roles:
        events = events.filter(group__in=managed_groups(area=area, user=user))
    rows = list(events.values("pk", "title", "starts_at"))
    return [AttentionItem(
        label=_("Akce bez zaznamenané docházky"), count=len(rows),
        entries=tuple(AttentionEntry(label=row["title"], note=format_date(row["starts_at"]),
                                     url=reverse("events:attendance", kwargs={"area_slug": area.slug, "pk": row["pk"]}))
                      for row in rows[:ENTRIES_SHOWN]),
    )]


def register():
    from openkp.core import dashboard, sections

    sections.register_content("events", events_content)
    dashboard.register_attention(events_attention)
