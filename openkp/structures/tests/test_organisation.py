"""The coordinator's set-up of the organisation: periods, groups and subgroups, archive, carrying groups over."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from openkp.catalog.models import TargetGroup
from openkp.core.tests.factories import OrganisationFactory
from openkp.structures.models import Group, GroupMember, PlanningPeriod, TriadRole

from .conftest import past_meeting


def form_with(page, field=None, action=None):
    """The page's form that has the field (or whose action ends with ``action``)."""
    for form in page.forms.values():
        if (field and field in form.fields) or (action and form.action.endswith(action)):
            return form
    raise AssertionError(f"No form with {field or action} on the page")


def public_page(url):
    """(status, HTML) of a page as someone who is not logged in sees it."""
    response = Client().get(url)
    return response.status_code, response.content.decode()


@pytest.fixture
def app(django_app, coordinator):
    """The browser of the area's coordinator: every request, form and link followed is theirs."""
    django_app.set_user(coordinator)
    return django_app


@pytest.fixture
def next_period(area, team):
    return PlanningPeriod.objects.create(area=area, name="3. plán 2029–2032", start_year=2029, end_year=2032)


def periods_url(period=None, suffix=""):
    return "/mesto/sprava/obdobi/" + (f"{period.pk}/" if period else "") + suffix


# Periods


def test_coordinator_creates_a_period_and_makes_it_current(app, team, coordinator):
    page = app.get("/mesto/sprava/").click("Skupiny a plánovací období").follow()
    assert "<h1>2. plán 2025–2028</h1>" in page.text  # the entry leads to the current period's groups
    page = app.get(periods_url()).click("Nové plánovací období")
    form = form_with(page, "start_year")
    form["name"], form["start_year"], form["end_year"], form["is_current"] = "3. plán 2029–2032", "2029", "2032", True
    page = form.submit().follow()
    assert "Plánovací období „3. plán 2029–2032“ je uloženo." in page.text
    assert "Období zatím nemá žádné skupiny" in page.text
    new = PlanningPeriod.objects.get(name="3. plán 2029–2032")
    team["period"].refresh_from_db()
    assert new.is_current and not team["period"].is_current
    assert team["period"].history.first().history_change_reason == "Aktuálním se stalo období 3. plán 2029–2032"
    assert new.history.first().history_user == coordinator
    assert public_page("/mesto/organizace/")[1].count("Senioři") == 0  # the public page follows the current period


def test_period_years_are_checked_with_czech_messages_and_input_kept(app, team, coordinator):
    page = app.get(periods_url(suffix="nove/"))
    form = form_with(page, "start_year")
    form["name"], form["start_year"], form["end_year"] = "Nový plán", "2031", "2029"
    page = form.submit()
    assert "Konec období nemůže být před jeho začátkem." in page.text
    assert form_with(page, "name")["name"].value == "Nový plán"
    form = form_with(page, "start_year")
    form["start_year"], form["end_year"] = "2027", "2030"
    page = form.submit()
    assert "Období se překrývá s obdobím „2. plán 2025–2028“ (2025–2028)" in page.text
    form = form_with(page, "start_year")
    form["start_year"] = "27"
    assert "Zadejte rok jako čtyřmístné číslo" in form.submit().text
    form = form_with(page, "start_year")
    form["name"] = ""
    assert "Vyplňte název období" in form.submit().text
    assert PlanningPeriod.objects.for_area(team["period"].area).count() == 1


def test_editing_a_period_may_keep_its_own_years(app, team, coordinator):
    page = app.get(periods_url(team["period"]))
    assert "Historie změn" in page.text
    form = form_with(page, "start_year")
    form["name"] = "2. komunitní plán 2025–2028"
    page = form.submit().follow()
    assert "Plánovací období „2. komunitní plán 2025–2028“ je uloženo." in page.text
    team["period"].refresh_from_db()
    assert team["period"].is_current and team["period"].name == "2. komunitní plán 2025–2028"


def test_periods_list_shows_current_upcoming_and_past(app, area, team, coordinator, next_period):
    old = PlanningPeriod.objects.create(area=area, name="1. plán 2019–2022", start_year=2019, end_year=2022)
    Group.objects.create(area=area, period=old, name="Stará skupina", slug="stara", archived_at=timezone.now())
    page = app.get(periods_url()).text
    current, upcoming, past = page.index("Aktuální období"), page.index("Připravovaná období"), page.index("Minulá období")
    assert current < page.index("2. plán 2025–2028") < upcoming < page.index("3. plán 2029–2032") < past < page.index("1. plán 2019–2022")
    assert "+ 1 archivovaná" in page


def test_an_upcoming_period_is_made_current_from_its_groups_page(app, team, coordinator, next_period):
    page = app.get(periods_url(next_period, "skupiny/"))
    assert "Období se připravuje" in page.text
    page = form_with(page, action="/aktualni/").submit().follow()
    assert "Aktuálním obdobím je nyní „3. plán 2029–2032“." in page.text
    next_period.refresh_from_db()
    assert next_period.is_current


# Groups and subgroups


def test_coordinator_creates_a_working_group_with_its_public_page(app, team, coordinator):
    TargetGroup.objects.create(code=1, name="senioři")
    page = app.get(periods_url(team["period"], "skupiny/")).click("Nová skupina")
    form = form_with(page, "name")
    form["kind"] = "working"
    form["name"] = "Rodina a děti"
    form["purpose"] = "Plánuje služby pro rodiny s dětmi."
    form["target_groups"] = [str(TargetGroup.objects.get(name="senioři").pk)]
    page = form.submit().follow()
    assert "Skupina „Rodina a děti“ je uložena." in page.text
    group = Group.objects.get(name="Rodina a děti")
    assert group.slug == "rodina-a-deti" and group.period == team["period"] and group.area == team["period"].area
    assert [str(target) for target in group.target_groups.all()] == ["senioři"]
    assert group.history.first().history_user == coordinator
    public = public_page("/mesto/organizace/")[1]
    assert "Rodina a děti" in public
    assert "Plánuje služby pro rodiny" in public_page("/mesto/organizace/rodina-a-deti/")[1]


def test_coordinator_edits_a_group_and_its_history_is_linked(app, team, coordinator):
    group = team["group"]
    page = app.get(f"/mesto/sprava/skupiny/{group.slug}/").click("Upravit skupinu")
    form = form_with(page, "name")
    form["purpose"] = "Nové poslání."
    form["is_public"] = False
    form.submit().follow()
    group.refresh_from_db()
    assert group.purpose == "Nové poslání." and not group.is_public
    history = page.click("Historie změn").text
    assert "Poslání a témata skupiny" in history or "Poslání" in history
    assert public_page("/mesto/organizace/seniori/")[0] == 404


def test_subgroup_is_started_from_its_parent_and_shown_under_it(app, area, team, coordinator):
    Group.objects.create(area=area, period=team["period"], kind=Group.Kind.STEERING, name="Řídicí skupina", slug="ridici")
    page = app.get(periods_url(team["period"], "skupiny/"))
    page = page.click(href=f"nadrazena={team['group'].pk}")
    form = form_with(page, "name")
    assert form["kind"].value == "subgroup" and form["parent"].value == str(team["group"].pk)
    assert [value for value, *_ in form["parent"].options if value] == [str(team["group"].pk)]  # only working groups
    form["name"] = "Senioři – bydlení"
    page = form.submit().follow()
    subgroup = Group.objects.get(name="Senioři – bydlení")
    assert subgroup.parent == team["group"] and subgroup.kind == "subgroup" and subgroup.slug == "seniori-bydleni"
    rows = [row.get_text(" ", strip=True) for row in page.html.select("table.okp-org tbody tr")]
    assert rows[0].startswith("Řídicí skupina") and rows[1].startswith("Senioři") and rows[2].startswith("Senioři – bydlení")
    assert "okp-org__sub" in page.html.select("table.okp-org tbody tr")[2]["class"]


@pytest.mark.parametrize(("fields", "message"), [
    ({"kind": "subgroup", "name": "Bez rodiče"}, "Podskupina musí patřit pod pracovní skupinu"),
    ({"kind": "working", "name": "S rodičem", "parent": "PARENT"}, "Nadřazenou skupinu má jen podskupina"),
    ({"kind": "working", "name": "Druzí senioři", "slug": "seniori"}, "Adresu „seniori“ už v tomto období má skupina „Senioři“"),
    ({"kind": "working", "name": "Špatná adresa", "slug": "Špatná adresa"}, "Adresa smí obsahovat jen malá písmena"),
    ({"kind": "working", "name": ""}, "Vyplňte název skupiny"),
])
def test_group_form_explains_what_to_fix(app, team, coordinator, fields, message):
    page = app.get(periods_url(team["period"], "skupiny/nova/"))
    form = form_with(page, "name")
    for name, value in fields.items():
        form[name] = str(team["group"].pk) if value == "PARENT" else value
    page = form.submit()
    assert page.status_code == 200 and message in page.text
    assert form_with(page, "name")["name"].value == fields["name"]
    assert Group.objects.count() == 1


def test_a_working_group_with_subgroups_keeps_its_kind(app, area, team, coordinator):
    Group.objects.create(area=area, period=team["period"], kind=Group.Kind.SUBGROUP, parent=team["group"], name="Pod", slug="pod")
    page = app.get(periods_url(team["period"], f"skupiny/{team['group'].pk}/"))
    form = form_with(page, "name")
    form["kind"] = "steering"
    assert "Skupina má podskupiny, musí proto zůstat pracovní skupinou." in form.submit().text


# Archive


def test_archiving_hides_a_group_but_keeps_its_meetings_minutes_and_history(app, area, team, coordinator):
    group = team["group"]
    subgroup = Group.objects.create(area=area, period=team["period"], kind=Group.Kind.SUBGROUP, parent=group, name="Pod", slug="pod")
    held = past_meeting(group, title="Loňské setkání", is_public=True)
    page = app.get(periods_url(team["period"], "skupiny/"))
    page = form_with(page, action=f"/skupiny/{group.pk}/archivovat/").submit().follow()
    assert "Skupina „Senioři“ a 1 její podskupina jsou archivovány." in page.text
    group.refresh_from_db()
    subgroup.refresh_from_db()
    assert group.archived_at and subgroup.archived_at == group.archived_at
    archived = page.text[page.text.index("Archivované skupiny"):]
    assert "Senioři" in archived and "Pod" in archived
    assert "0 skupin" in page.text
    public = public_page("/mesto/organizace/")[1]
    assert "Senioři" not in public
    assert public_page("/mesto/organizace/seniori/")[0] == 404
    assert "5. setkání" not in public_page("/mesto/kalendar/?zobrazeni=seznam")[1]
    staff = app.get("/mesto/sprava/skupiny/seniori/").text
    assert "je od" in staff and "archivována" in staff and "Loňské setkání" in staff and "Jana Horáková" in staff
    assert held.pk in group.meetings.values_list("pk", flat=True)
    assert group.history.first().history_change_reason == "Archivováno"
    assert "Archivováno" in app.get(f"/mesto/sprava/historie/group/{group.pk}/").text


def test_restoring_brings_the_group_back_with_the_subgroups_archived_with_it(app, area, team, coordinator):
    group = team["group"]
    before = timezone.now() - timedelta(days=10)
    archived_before = Group.objects.create(area=area, period=team["period"], kind=Group.Kind.SUBGROUP, parent=group, name="Dřívější",
                                           slug="drivejsi", archived_at=before)
    with_parent = Group.objects.create(area=area, period=team["period"], kind=Group.Kind.SUBGROUP, parent=group, name="Pod", slug="pod")
    now = timezone.now()
    Group.objects.filter(pk__in=[group.pk, with_parent.pk]).update(archived_at=now)
    page = app.get(periods_url(team["period"], "skupiny/"))
    page = form_with(page, action=f"/skupiny/{archived_before.pk}/obnovit/").submit().follow()
    assert "Podskupina patří pod archivovanou skupinu „Senioři“. Nejdřív obnovte tu." in page.text
    page = form_with(page, action=f"/skupiny/{group.pk}/obnovit/").submit().follow()
    assert "Skupina „Senioři“ je obnovena." in page.text
    assert set(Group.objects.active().values_list("name", flat=True)) == {"Senioři", "Pod"}
    assert "Senioři" in public_page("/mesto/organizace/")[1]


def test_archive_and_restore_from_the_group_form(app, team, coordinator):
    page = app.get(periods_url(team["period"], f"skupiny/{team['group'].pk}/"))
    page = form_with(page, action="/archivovat/").submit().follow()
    page = app.get(periods_url(team["period"], f"skupiny/{team['group'].pk}/"))
    assert "Archivována" in page.text
    form_with(page, action="/obnovit/").submit().follow()
    team["group"].refresh_from_db()
    assert team["group"].archived_at is None


# Carrying groups over to a new period


@pytest.fixture
def source(area, team, person_with_role):
    """The team's period with a steering group, a subgroup, a deputy with an account and target groups."""
    group = team["group"]
    group.target_groups.set([TargetGroup.objects.create(code=1, name="senioři")])
    Group.objects.create(area=area, period=team["period"], kind=Group.Kind.STEERING, name="Řídicí skupina", slug="ridici", order=1)
    subgroup = Group.objects.create(area=area, period=team["period"], kind=Group.Kind.SUBGROUP, parent=group, name="Bydlení",
                                    slug="bydleni")
    GroupMember.objects.create(area=area, group=subgroup, name="Ota Dlouhý", triad_role=TriadRole.USER)
    deputy_user = person_with_role(area, "group_manager", user__username="zastupce")
    GroupMember.objects.create(area=area, group=group, user=deputy_user, name="Karel Zástupce", triad_role=TriadRole.COMMISSIONER,
                               function=GroupMember.Function.DEPUTY, organisation=OrganisationFactory(name="Magistrát"))
    Group.objects.create(area=area, period=team["period"], name="Zrušená", slug="zrusena", archived_at=timezone.now())
    return {**team, "subgroup": subgroup, "deputy_user": deputy_user}


def test_coordinator_carries_groups_over_with_their_managers(app, area, source, coordinator, next_period):
    old_members = GroupMember.objects.count()
    page = app.get(periods_url(next_period, "skupiny/")).click("Převzít skupiny z jiného období")
    form = form_with(page, "members")
    assert "Zrušená" not in page.text  # archived groups are not offered
    checked = [box.value for box in form.fields["groups"] if box.checked]
    assert len(checked) == 3  # all offered groups start checked
    assert form["members"].value == "leaders"
    page = form.submit().follow()
    assert "Období „3. plán 2029–2032“ převzalo 3 skupin" in page.text or "převzalo 3 skupiny" in page.text
    assert "Období „2. plán 2025–2028“ zůstalo beze změny." in page.text
    copies = {group.slug: group for group in Group.objects.filter(period=next_period)}
    assert set(copies) == {"seniori", "ridici", "bydleni"}
    assert copies["bydleni"].parent == copies["seniori"] and copies["bydleni"].kind == "subgroup"
    assert [str(target) for target in copies["seniori"].target_groups.all()] == ["senioři"]
    assert copies["seniori"].purpose == source["group"].purpose and copies["ridici"].order == 1
    leaders = copies["seniori"].members.order_by("name")
    assert [(member.name, member.function, member.valid_from) for member in leaders] == [
        ("Jana Horáková", "manager", timezone.localdate()), ("Karel Zástupce", "deputy", timezone.localdate())]
    assert leaders[0].user == source["manager_user"] and leaders[0].organisation.name == "Domov Lipina"
    assert source["manager_user"].has_perm("structures.manage_group", copies["seniori"])
    assert GroupMember.objects.count() == old_members + 2
    # the old period is intact
    assert source["group"].members.count() == 5 and source["group"].period == source["period"]
    assert Group.objects.filter(period=source["period"]).count() == 4
    assert copies["seniori"].history.first().history_change_reason == "Převzato z období 2. plán 2025–2028"


def test_carrying_over_all_members_leaves_out_those_who_left(app, source, coordinator, next_period):
    page = app.get(periods_url(next_period, "prevzit-skupiny/"))
    form = form_with(page, "members")
    form["members"] = "all"
    form.submit().follow()
    names = set(Group.objects.get(period=next_period, slug="seniori").members.values_list("name", flat=True))
    assert names == {"Jana Horáková", "Petr Holub", "Marie Bílá", "Karel Zástupce"}  # not Eva Malá, who left
    assert set(Group.objects.get(period=next_period, slug="bydleni").members.values_list("name", flat=True)) == {"Ota Dlouhý"}


def test_a_subgroup_cannot_be_carried_over_without_its_parent(app, source, coordinator, next_period):
    page = app.get(periods_url(next_period, "prevzit-skupiny/"))
    form = form_with(page, "members")
    for box in form.fields["groups"]:
        box.checked = box.value == str(source["subgroup"].pk)
    page = form.submit()
    assert "Podskupinu „Bydlení“ nelze převzít bez její nadřazené skupiny „Senioři“: vyberte i tu." in page.text
    assert not Group.objects.filter(period=next_period).exists()
    form = form_with(page, "members")
    for box in form.fields["groups"]:
        box.checked = False
    assert "Vyberte aspoň jednu skupinu" in form.submit().text


def test_groups_already_carried_over_are_not_offered_again(app, source, coordinator, next_period):
    page = app.get(periods_url(next_period, "prevzit-skupiny/"))
    form = form_with(page, "members")
    for box in form.fields["groups"]:
        box.checked = box.value == str(source["group"].pk)
    form.submit().follow()
    page = app.get(periods_url(next_period, "prevzit-skupiny/"))
    assert "Už převzaté" in page.text
    form = form_with(page, "members")
    offered = [box._value for box in form.fields["groups"]]
    assert str(source["group"].pk) not in offered and len(offered) == 2
    for box in form.fields["groups"]:
        box.checked = box._value == str(source["subgroup"].pk)
    form.submit().follow()
    subgroup = Group.objects.get(period=next_period, slug="bydleni")  # joins the copy of its parent made before
    assert subgroup.parent == Group.objects.get(period=next_period, slug="seniori")


def test_source_period_can_be_chosen(app, area, source, coordinator, next_period):
    old = PlanningPeriod.objects.create(area=area, name="1. plán 2019–2022", start_year=2019, end_year=2022)
    Group.objects.create(area=area, period=old, name="Stará skupina", slug="stara")
    page = app.get(periods_url(next_period, f"prevzit-skupiny/?z={old.pk}"))
    assert "Stará skupina" in page.text and "Bydlení" not in page.text
    form_with(page, "members").submit().follow()
    assert list(Group.objects.filter(period=next_period).values_list("name", flat=True)) == ["Stará skupina"]


# Permissions, isolation, queries


COORDINATOR_PAGES = [
    "/mesto/sprava/skupiny/",
    "/mesto/sprava/obdobi/",
    "/mesto/sprava/obdobi/nove/",
    "/mesto/sprava/obdobi/{period}/",
    "/mesto/sprava/obdobi/{period}/skupiny/",
    "/mesto/sprava/obdobi/{period}/prevzit-skupiny/",
    "/mesto/sprava/obdobi/{period}/skupiny/nova/",
    "/mesto/sprava/obdobi/{period}/skupiny/{group}/",
]


@pytest.mark.parametrize("url", COORDINATOR_PAGES)
def test_permission_matrix_of_coordinator_pages(client, team, url, person_with_role, area, other_area, outsider):
    url = url.format(period=team["period"].pk, group=team["group"].pk)
    assert client.get(url).status_code == 302  # anonymous → log-in
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(person_with_role(other_area, "coordinator"))
    assert client.get(url).status_code == 404  # a coordinator of another area is an outsider here
    client.force_login(team["manager_user"])
    assert client.get(url).status_code == 403  # the group's own manager does not set up the organisation
    for role in ("member", "observer", "provider", "group_manager"):
        client.force_login(person_with_role(area, role))
        assert client.get(url).status_code == 403, role
    client.force_login(person_with_role(area, "coordinator"))
    assert client.get(url).status_code in (200, 302)


@pytest.mark.parametrize("action", ["archivovat", "obnovit", "aktualni"])
def test_post_actions_are_the_coordinators(client, team, action, person_with_role, other_area):
    period, group = team["period"], team["group"]
    url = f"/mesto/sprava/obdobi/{period.pk}/aktualni/" if action == "aktualni" else \
        f"/mesto/sprava/obdobi/{period.pk}/skupiny/{group.pk}/{action}/"
    assert client.get(url).status_code == 405
    client.force_login(person_with_role(other_area, "coordinator"))
    assert client.post(url).status_code == 404
    client.force_login(team["manager_user"])
    assert client.post(url).status_code == 403
    group.refresh_from_db()
    assert group.archived_at is None


def test_another_areas_periods_and_groups_are_404(client, area, other_area, team, coordinator):
    foreign = PlanningPeriod.objects.create(area=other_area, name="Cizí", start_year=2025, end_year=2028, is_current=True)
    foreign_group = Group.objects.create(area=other_area, period=foreign, name="Cizí skupina", slug="cizi")
    client.force_login(coordinator)
    for url in (f"/mesto/sprava/obdobi/{foreign.pk}/", f"/mesto/sprava/obdobi/{foreign.pk}/skupiny/",
                f"/mesto/sprava/obdobi/{foreign.pk}/prevzit-skupiny/", f"/mesto/sprava/obdobi/{team['period'].pk}/skupiny/{foreign_group.pk}/",
                f"/mesto/sprava/obdobi/{foreign.pk}/skupiny/{foreign_group.pk}/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/mesto/sprava/obdobi/{team['period'].pk}/skupiny/{foreign_group.pk}/archivovat/").status_code == 404
    assert client.post(f"/mesto/sprava/obdobi/{foreign.pk}/aktualni/").status_code == 404
    assert client.get(f"/mesto/sprava/obdobi/{team['period'].pk}/prevzit-skupiny/?z={foreign.pk}").context["source"] is None
    foreign.refresh_from_db()
    foreign_group.refresh_from_db()
    assert foreign.is_current and foreign_group.archived_at is None


def test_a_group_is_reached_only_through_its_own_period(client, area, team, coordinator, next_period):
    client.force_login(coordinator)
    assert client.get(f"/mesto/sprava/obdobi/{next_period.pk}/skupiny/{team['group'].pk}/").status_code == 404


def test_group_pages_link_the_setup_only_for_the_coordinator(client, team, coordinator):
    client.force_login(team["manager_user"])
    assert "Upravit skupinu" not in client.get("/mesto/sprava/skupiny/seniori/").content.decode()
    assert "Spravovat skupiny a období" not in client.get("/mesto/organizace/").content.decode()
    assert "Skupiny a plánovací období" not in client.get("/mesto/sprava/").content.decode()
    client.force_login(coordinator)
    assert "Spravovat skupiny a období" in client.get("/mesto/organizace/").content.decode()


def test_setup_lists_use_few_queries(client, area, team, coordinator, django_assert_max_num_queries):
    for year in range(2000, 2024, 4):
        PlanningPeriod.objects.create(area=area, name=f"Plán {year}", start_year=year, end_year=year + 3)
    for number in range(15):
        group = Group.objects.create(area=area, period=team["period"], name=f"Skupina {number}", slug=f"skupina-{number}")
        Group.objects.create(area=area, period=team["period"], kind=Group.Kind.SUBGROUP, parent=group, name=f"Pod {number}",
                             slug=f"pod-{number}", archived_at=timezone.now() if number % 3 == 0 else None)
        for person in range(4):
            GroupMember.objects.create(area=area, group=group, name=f"Člen {number}-{person}", triad_role=TriadRole.PROVIDER,
                                       function=GroupMember.Function.MANAGER if person == 0 else GroupMember.Function.MEMBER,
                                       valid_from=date(2024, 1, 1))
    client.force_login(coordinator)
    with django_assert_max_num_queries(6):
        assert client.get("/mesto/sprava/obdobi/").status_code == 200
    with django_assert_max_num_queries(9):
        page = client.get(f"/mesto/sprava/obdobi/{team['period'].pk}/skupiny/")
    assert page.content.decode().count("okp-org__sub") == 10
    target = PlanningPeriod.objects.get(name="Plán 2020")
    with django_assert_max_num_queries(11):
        assert client.get(f"/mesto/sprava/obdobi/{target.pk}/prevzit-skupiny/?z={team['period'].pk}").status_code == 200


@pytest.mark.parametrize("name", ["", "x" * 500])
def test_a_group_sent_with_its_address_cleared_and_a_bad_name_keeps_its_page_link(app, team, coordinator, name):
    group = team["group"]
    form = form_with(app.get(periods_url(group.period, f"skupiny/{group.pk}/")), "name")
    form["slug"], form["name"] = "", name
    page = form.submit()
    assert page.status_int == 200
    assert "Vyplňte název skupiny." in page.text or "nejvýše 200 znaků" in page.text
    assert page.click("Pracovní stránka skupiny").request.path == "/mesto/sprava/skupiny/seniori/"
    group.refresh_from_db()
    assert group.slug == "seniori" and group.name == "Senioři"
