"""Who may read and change the plan: role × page × method, the group manager's part of the plan, and another
area's plan as a 404."""

import pytest
from django.urls import reverse

from openkp.structures.models import GroupMember, TriadRole

from ..models import Goal, Measure, Plan
from . import factories
from .test_editor import measure_post


@pytest.fixture
def setup(area, person_with_role):
    seniors = factories.working_group(area)
    families = factories.working_group(area, name="Rodiny s dětmi", slug="rodiny")
    plan = factories.small_plan(area, group=seniors)
    cross = plan.priorities.get(position=2)
    cross.group = families
    cross.save()
    users = {role: person_with_role(area, role) for role in ("coordinator", "member", "provider", "observer")}
    users["group_manager"] = person_with_role(area, "group_manager")
    GroupMember.objects.create(area=area, group=seniors, user=users["group_manager"], name="Jana Horáková",
                               triad_role=TriadRole.PROVIDER, function=GroupMember.Function.MANAGER)
    return plan, users


def page(name, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"area_slug": plan.area.slug, "pk": plan.pk, **kwargs})


def own_measure(plan):
    return Measure.objects.get(plan=plan, title="Zachování pečovatelské služby")


def foreign_measure(plan):
    return Measure.objects.get(plan=plan, title="Katalog sociálních služeb")


READ_PAGES = ["detail"]

# role → expected status of GET on the tree page, GET of the own-group measure form, GET of the other group's
# measure form, GET of the plan form.
MATRIX = {
    "coordinator": (200, 200, 200, 200),
    "group_manager": (200, 200, 403, 403),
    "member": (200, 403, 403, 403),
    "provider": (200, 403, 403, 403),
    "observer": (200, 403, 403, 403),
}


@pytest.mark.parametrize("role", MATRIX)
def test_role_matrix(client, setup, role):
    plan, users = setup
    client.force_login(users[role])
    own, foreign = own_measure(plan), foreign_measure(plan)
    statuses = (
        client.get(page("detail", plan)).status_code,
        client.get(page("item_edit", plan, level="opatreni", item_pk=own.pk)).status_code,
        client.get(page("item_edit", plan, level="opatreni", item_pk=foreign.pk)).status_code,
        client.get(page("edit", plan)).status_code,
    )
    assert statuses == MATRIX[role]


@pytest.mark.parametrize("role", ["member", "provider", "observer"])
def test_readers_cannot_change_anything(client, setup, role):
    plan, users = setup
    client.force_login(users[role])
    measure = own_measure(plan)
    posts = [
        page("item_move", plan, level="opatreni", item_pk=measure.pk),
        page("item_delete", plan, level="opatreni", item_pk=measure.pk),
        page("measure_costs", plan, item_pk=measure.pk),
        page("indicator_create", plan, item_pk=measure.pk),
        page("status", plan),
        page("item_create", plan, level="priorita"),
    ]
    for url in posts:
        assert client.post(url, {"smer": "dolu", "status": "approved"}).status_code == 403, url
    assert Measure.objects.filter(pk=measure.pk, position=1).exists()
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_group_manager_edits_only_the_part_of_their_group(client, setup):
    plan, users = setup
    client.force_login(users["group_manager"])
    foreign = foreign_measure(plan)
    assert client.post(page("item_move", plan, level="opatreni", item_pk=own_measure(plan).pk), {"smer": "dolu"}).status_code == 302
    assert client.post(page("item_move", plan, level="opatreni", item_pk=foreign.pk), {"smer": "dolu"}).status_code == 403
    goal = Goal.objects.get(plan=plan, title="Informovanost o službách")
    assert client.get(page("item_create", plan, level="opatreni") + f"?nad={goal.pk}").status_code == 403
    assert client.get(page("item_create", plan, level="priorita")).status_code == 403
    tree = client.get(page("detail", plan)).content.decode()
    assert f"Posunout dolů: {own_measure(plan).number} Zachování pečovatelské služby" in tree
    assert "Posunout dolů: 2.1.1 Katalog sociálních služeb" not in tree


def test_group_manager_cannot_move_their_items_into_another_groups_part(client, setup):
    plan, users = setup
    families = plan.priorities.get(position=2)  # the other group's priority area
    goal = Goal.objects.get(plan=plan, priority__position=1, position=1)
    client.force_login(users["group_manager"])
    response = client.post(page("item_edit", plan, level="cil", item_pk=goal.pk),
                           {"title": goal.title, "description": goal.description, "priority": families.pk, "revision": goal.revision})
    assert response.status_code == 200
    assert "Sem položku přesunout nemůžete" in response.content.decode()
    assert Goal.objects.get(pk=goal.pk).priority_id == goal.priority_id
    measure = own_measure(plan)
    response = client.post(page("item_edit", plan, level="opatreni", item_pk=measure.pk),
                           measure_post(measure, group=families.group_id))
    assert "Sem položku přesunout nemůžete" in response.content.decode()
    assert Measure.objects.get(pk=measure.pk).group_id == measure.group_id
    # Within their own part the manager moves freely; the coordinator moves anywhere.
    own_goal = Goal.objects.create(area=plan.area, plan=plan, priority=goal.priority, title="Druhý cíl seniorů", position=9)
    assert client.post(page("item_edit", plan, level="opatreni", item_pk=measure.pk),
                       measure_post(measure, goal=own_goal.pk)).status_code == 302
    client.force_login(users["coordinator"])
    assert client.post(page("item_edit", plan, level="cil", item_pk=goal.pk),
                       {"title": goal.title, "description": "", "priority": families.pk, "revision": goal.revision}).status_code == 302
    assert Goal.objects.get(pk=goal.pk).priority_id == families.pk


def test_another_areas_plan_is_a_404_and_anonymous_users_log_in(client, setup, other_area, person_with_role):
    plan, _users = setup
    stranger = person_with_role(other_area, "coordinator")
    client.force_login(stranger)
    # The other area's coordinator asks for this plan under their own area and under this one.
    assert client.get(reverse("plans:detail", kwargs={"area_slug": other_area.slug, "pk": plan.pk})).status_code == 404
    assert client.get(page("detail", plan)).status_code == 404
    measure = own_measure(plan)
    assert client.post(reverse("plans:item_move", kwargs={"area_slug": other_area.slug, "pk": plan.pk, "level": "opatreni",
                                                          "item_pk": measure.pk}), {"smer": "dolu"}).status_code == 404
    activity = factories.activity(measure, "Nábor pečovatelek")
    assert client.get(page("activity_milestones", plan, item_pk=activity.pk)).status_code == 404
    assert client.get(page("item_comments", plan, uid=activity.uid)).status_code == 404
    client.logout()
    assert client.get(page("detail", plan)).status_code in (302, 404)


def test_public_page_shows_only_what_is_public(client, setup):
    plan, _users = setup
    public = reverse("plans:public", kwargs={"area_slug": plan.area.slug})
    assert "zatím nezveřejnilo" in client.get(public).content.decode()
    Plan.objects.filter(pk=plan.pk).update(is_public=True)
    html = client.get(public).content.decode()
    assert "Toto je návrh plánu." in html
    assert 'id="opatreni-1-1-1"' in html
    assert "Katalog sociálních služeb" in html
