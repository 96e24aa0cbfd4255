"""The staff dashboard per role: what waits for each person ("K vyřízení"), "Moje skupiny", "Moje služby",
the next meetings — and what must not show (other groups, other areas, other people's jobs)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from openkp.catalog.models import ServiceDraft
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.models import Job
from openkp.core.tests.factories import OrganisationFactory
from openkp.structures.models import Group, GroupMember, Meeting, Minutes, Participant, PlanningPeriod, Task, TriadRole

from .conftest import past_meeting


@pytest.fixture
def world(area, other_area, team, coordinator, person_with_role):
    """The team's group with a held meeting lacking attendance and minutes, an overdue task of the member; another
    group of the area with the same backlog; a provider with services and a pending change; another area with the
    same backlog."""
    group = team["group"]
    other_group = Group.objects.create(area=area, period=team["period"], name="Rodina", slug="rodina")
    past_meeting(group, title="Jarní setkání seniorů")
    past_meeting(other_group, title="Setkání rodin")
    Task.objects.create(area=area, group=group, title="Oslovit domovy", owner=team["member"], due_date=timezone.localdate() - timedelta(days=3))
    Task.objects.create(area=area, group=other_group, title="Úkol rodin", due_date=timezone.localdate() - timedelta(days=3))
    organisation = OrganisationFactory(name="Podané ruce")
    provider = person_with_role(area, "provider", organisation=organisation, user__username="poskytovatel")
    mine = ServiceFactory(area=area, provider=organisation, name="Poradna Podané ruce")
    ServiceFactory(area=area, provider=organisation, name="Terénní program Podané ruce")
    ServiceFactory(area=area, name="Cizí služba v území")
    ServiceDraft.objects.create(area=area, service=mine, organisation=organisation, data={"name": "Poradna PR"}, submitted_by=provider)
    # Another area with the same kinds of backlog: none of it may show in this area.
    foreign_period = PlanningPeriod.objects.create(area=other_area, name="Jinde", start_year=2025, end_year=2028, is_current=True)
    foreign_group = Group.objects.create(area=other_area, period=foreign_period, name="Cizí skupina", slug="cizi")
    past_meeting(foreign_group, title="Cizí setkání")
    foreign_member = GroupMember.objects.create(area=other_area, group=foreign_group, user=team["member_user"], name="Petr Holub",
                                                triad_role=TriadRole.USER)
    Task.objects.create(area=other_area, group=foreign_group, title="Cizí úkol", owner=foreign_member,
                        due_date=timezone.localdate() - timedelta(days=3))
    foreign_service = ServiceFactory(area=other_area, provider=organisation, name="Služba jinde")
    ServiceDraft.objects.create(area=other_area, service=foreign_service, organisation=organisation, data={"name": "X"})
    Job.objects.create(area=area, name="core.import_municipalities", title="Import koordinátora", created_by=coordinator)
    Job.objects.create(area=other_area, name="core.import_municipalities", title="Import jinde", created_by=provider)
    return {**team, "other_group": other_group, "provider": provider, "coordinator": coordinator, "organisation": organisation,
            "service": mine}


def _attention(html):
    start = html.index('id="attention-heading"')
    return html[start:html.index("</section>", start)]


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/mesto/sprava/")
    assert response.status_code == 200
    return response.content.decode()


def test_coordinator_sees_what_waits_in_every_group_of_the_area(client, world):
    html = dashboard(client, world["coordinator"])
    attention = _attention(html)
    assert "Setkání bez zaznamenané účasti" in attention and "Setkání bez zápisu" in attention
    assert "Jarní setkání seniorů – Senioři" in attention and "Setkání rodin – Rodina" in attention
    assert "Úkoly skupin po termínu" in attention
    assert 'href="/mesto/sprava/zmeny/">Změny služeb od poskytovatelů čekají na schválení</a>' in attention
    assert "Cizí" not in html and "jinde" not in html.lower().replace("/jinde/", "")
    assert "Import koordinátora" in html and "Poslední úlohy na pozadí" in html
    assert "Moje služby" not in html and "Moje skupiny" not in html


def test_attention_items_link_to_where_the_work_is_done(client, world):
    attention = _attention(dashboard(client, world["coordinator"]))
    meeting = Meeting.objects.get(title="Jarní setkání seniorů")
    assert f'href="/mesto/sprava/skupiny/seniori/setkani/{meeting.pk}/prezence/"' in attention
    assert f'href="/mesto/sprava/skupiny/seniori/setkani/{meeting.pk}/zapis/"' in attention
    Participant.objects.create(area=meeting.area, meeting=meeting, name="Jana", attendance=Participant.Attendance.PRESENT)
    Minutes.objects.create(area=meeting.area, meeting=meeting, status=Minutes.Status.DRAFT)
    attention = _attention(dashboard(client, world["coordinator"]))
    assert f"setkani/{meeting.pk}/prezence/" not in attention
    assert "Zápisy čekají na schválení" in attention and f"setkani/{meeting.pk}/zapis/" in attention


def test_group_manager_sees_only_their_groups_and_my_groups(client, world):
    html = dashboard(client, world["manager_user"])
    attention = _attention(html)
    assert "Jarní setkání seniorů" in attention
    assert "Setkání rodin" not in attention and "Cizí" not in html
    assert "Moje skupiny" in html and 'href="/mesto/sprava/skupiny/seniori/"' in html
    assert "5. setkání" in html  # the group's next meeting
    assert "Změny služeb od poskytovatelů" not in html
    assert "Import koordinátora" not in html and "úlohy na pozadí" not in html.lower()


def test_member_sees_their_tasks_and_next_meetings_only(client, world):
    html = dashboard(client, world["member_user"])
    attention = _attention(html)
    assert 'href="/mesto/sprava/ukoly/">Moje otevřené úkoly</a>' in attention and "z toho po termínu: 1" in attention
    assert "Setkání bez" not in attention and "Úkoly skupin po termínu" not in attention
    assert "Nejbližší setkání mých skupin" in html and "5. setkání" in html
    assert "Moje skupiny" not in html and "Lidé s rolí v území" not in html
    assert "Import koordinátora" not in html


def test_provider_sees_their_services_and_nothing_of_the_coordinator(client, world):
    html = dashboard(client, world["provider"])
    assert "Moje služby" in html
    assert "Poradna Podané ruce" in html and "Terénní program Podané ruce" in html
    assert "čeká na schválení" in html
    assert f'href="/mesto/sprava/sluzby/{world["service"].pk}/"' in html
    assert "Cizí služba v území" not in html and "Služba jinde" not in html
    assert "Nic nečeká na vyřízení." in html
    for leak in ("Import koordinátora", "Import jinde", "úlohy na pozadí", "Lidé s rolí v území", "Otevřené pozvánky",
                 "Setkání bez", "Změny služeb od poskytovatelů", "/mesto/sprava/prehled.pdf"):
        assert leak.lower() not in html.lower(), leak


def test_provider_sees_a_returned_proposal_with_the_coordinators_comment(client, world):
    draft = ServiceDraft.objects.get(service=world["service"])
    draft.status = ServiceDraft.Status.RETURNED
    draft.comment = "Doplňte prosím úhrady."
    draft.save()
    attention = _attention(dashboard(client, world["provider"]))
    assert "Návrhy změn vrácené koordinátorem k úpravě" in attention and "Doplňte prosím úhrady." in attention
    ServiceDraft.objects.create(area=draft.area, service=world["service"], organisation=world["organisation"], data={"fees": "Zdarma"})
    assert "Nic nečeká na vyřízení." in dashboard(client, world["provider"])


def test_job_pages_are_for_the_person_who_started_them_and_the_coordinator(client, world, area):
    job = Job.objects.get(title="Import koordinátora")
    client.force_login(world["provider"])
    assert client.get(f"/mesto/sprava/ulohy/{job.pk}/").status_code == 404
    own = Job.objects.create(area=area, name="core.import_municipalities", title="Můj import", created_by=world["provider"])
    assert client.get(f"/mesto/sprava/ulohy/{own.pk}/").status_code == 200
    html = dashboard(client, world["provider"])
    assert "Moje úlohy na pozadí" in html and "Můj import" in html and "Import koordinátora" not in html
    client.force_login(world["coordinator"])
    assert client.get(f"/mesto/sprava/ulohy/{own.pk}/").status_code == 200


def test_empty_dashboard_says_nothing_waits(client, area, person_with_role):
    html = dashboard(client, person_with_role(area, "member"))
    assert "Nic nečeká na vyřízení." in html


@pytest.mark.parametrize("role", ["coordinator", "manager_user", "member_user", "provider"])
def test_dashboard_queries_stay_flat_as_data_grows(client, world, area, role, django_assert_max_num_queries):
    client.force_login(world[role])
    with django_assert_max_num_queries(40) as captured:
        client.get("/mesto/sprava/")
    organisation = world["organisation"]
    for index in range(8):
        group = Group.objects.create(area=area, period=world["period"], name=f"Skupina {index}", slug=f"skupina-{index}")
        GroupMember.objects.create(area=area, group=group, user=world["manager_user"], name="Jana", triad_role=TriadRole.PROVIDER,
                                   function=GroupMember.Function.MANAGER)
        GroupMember.objects.create(area=area, group=group, user=world["member_user"], name="Petr", triad_role=TriadRole.USER)
        meeting = past_meeting(group, title=f"Setkání {index}")
        Minutes.objects.create(area=area, meeting=meeting, status=Minutes.Status.APPROVED)
        Task.objects.create(area=area, group=group, title=f"Úkol {index}", owner=world["member"], due_date=timezone.localdate() - timedelta(days=1))
        service = ServiceFactory(area=area, provider=organisation, name=f"Služba {index}")
        ServiceDraft.objects.create(area=area, service=service, organisation=organisation, data={"name": f"S {index}"})
        Job.objects.create(area=area, name="core.import_municipalities", created_by=world[role] if role != "coordinator" else None)
    with django_assert_max_num_queries(len(captured)):
        assert client.get("/mesto/sprava/").status_code == 200


