from datetime import date, timedelta

import pytest
from django.utils import timezone

from openkp.core.tests.factories import OrganisationFactory
from openkp.structures.models import Group, GroupMember, Meeting, PlanningPeriod, TriadRole


@pytest.fixture
def team(area, person_with_role):
    """A working group with a manager (an account), a member with an account, a contact without one,
    a member who left, and a meeting next week."""
    period = PlanningPeriod.objects.create(area=area, name="2. plán 2025–2028", start_year=2025, end_year=2028, is_current=True)
    group = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
    organisation = OrganisationFactory(name="Domov Lipina")
    manager_user = person_with_role(area, "group_manager", user__username="manazerka")
    member_user = person_with_role(area, "member", user__username="clenka")
    manager = GroupMember.objects.create(area=area, group=group, user=manager_user, name="Jana Horáková", email="horakova@example.cz",
                                         organisation=organisation, triad_role=TriadRole.PROVIDER, function=GroupMember.Function.MANAGER)
    member = GroupMember.objects.create(area=area, group=group, user=member_user, name="Petr Holub", email="holub@example.cz",
                                        triad_role=TriadRole.USER)
    contact = GroupMember.objects.create(area=area, group=group, name="Marie Bílá", triad_role=TriadRole.COMMISSIONER)
    former = GroupMember.objects.create(area=area, group=group, name="Eva Malá", email="mala@example.cz", triad_role=TriadRole.PROVIDER,
                                        valid_from=date(2020, 1, 1), valid_to=timezone.localdate() - timedelta(days=30))
    starts = timezone.now().replace(microsecond=0) + timedelta(days=7)
    meeting = Meeting.objects.create(area=area, group=group, title="5. setkání", starts_at=starts, ends_at=starts + timedelta(hours=2),
                                     place="Radnice, sál 2", agenda="1. Zahájení\n2. Analýza potřeb", is_public=True)
    return {"period": period, "group": group, "manager": manager, "member": member, "contact": contact, "former": former,
            "meeting": meeting, "manager_user": manager_user, "member_user": member_user}


def past_meeting(group, *, days=30, **fields):
    starts = timezone.now().replace(microsecond=0) - timedelta(days=days)
    values = {"title": "Minulé setkání", "starts_at": starts, "ends_at": starts + timedelta(hours=2), "place": "Radnice"}
    return Meeting.objects.create(area=group.area, group=group, **{**values, **fields})
