from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from openkp.accounts.tests.factories import UserFactory
from openkp.core.tests.factories import OrganisationFactory
from openkp.structures.models import Group, GroupMember, PlanningPeriod, TriadRole


@pytest.fixture
def period(area):
    return PlanningPeriod.objects.create(area=area, name="1. plán 2025–2028", start_year=2025, end_year=2028, is_current=True)


@pytest.fixture
def group(area, period):
    group = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori", purpose="Plánuje služby pro seniory.")
    organisation = OrganisationFactory(name="Domov Lipina")
    GroupMember.objects.create(area=area, group=group, name="Jana Horáková", email="horakova@example.org",
                               organisation=organisation, triad_role=TriadRole.PROVIDER, function=GroupMember.Function.MANAGER)
    GroupMember.objects.create(area=area, group=group, name="Petr Holub", email="holub@example.org",
                               triad_role=TriadRole.USER)
    GroupMember.objects.create(area=area, group=group, name="Eva Malá", organisation=organisation, triad_role=TriadRole.PROVIDER,
                               valid_from=date(2020, 1, 1), valid_to=date.today() - timedelta(days=1))
    return group


def test_public_group_list_shows_groups_with_manager_and_counts(client, group):
    html = client.get("/mesto/organizace/").content.decode()
    assert "Senioři" in html and "Jana Horáková" in html
    assert "2 členové" in html or "2 člen" in html
    assert "/mesto/organizace/seniori/" in html


def test_group_page_shows_triad_and_organisations_but_no_member_contacts(client, group):
    html = client.get("/mesto/organizace/seniori/").content.decode()
    assert "<h1>Senioři</h1>" in html and "Domov Lipina" in html
    assert "horakova@example.org" in html  # the manager's contact is public
    assert "holub@example.org" not in html and "Petr Holub" not in html  # members' personal data are not


def test_members_with_contacts_for_staff_only_and_former_members_kept(client, area, group, person_with_role, coordinator):
    url = "/mesto/sprava/skupiny/seniori/"
    client.force_login(person_with_role(area, "member"))
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(username="cizi"))
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    html = client.get(url).content.decode()
    assert "holub@example.org" in html
    assert "Bývalí členové" in html and "Eva Malá" in html


def test_unpublished_group_and_other_areas_group_are_404(client, area, other_area, period, group):
    group.is_public = False
    group.save()
    assert client.get("/mesto/organizace/seniori/").status_code == 404
    other_period = PlanningPeriod.objects.create(area=other_area, name="P", start_year=2025, end_year=2026, is_current=True)
    Group.objects.create(area=other_area, period=other_period, name="Jinde", slug="jinde")
    assert client.get("/mesto/organizace/jinde/").status_code == 404


def test_older_period_stays_browsable(client, area, period, group):
    old = PlanningPeriod.objects.create(area=area, name="Starý plán 2019–2022", start_year=2019, end_year=2022)
    Group.objects.create(area=area, period=old, name="Stará skupina", slug="stara")
    assert "Stará skupina" not in client.get("/mesto/organizace/").content.decode()
    assert "Stará skupina" in client.get(f"/mesto/organizace/?obdobi={old.pk}").content.decode()
    assert client.get(f"/mesto/organizace/stara/?obdobi={old.pk}").status_code == 200


def test_validation_messages(area, period):
    with pytest.raises(ValidationError) as error:
        PlanningPeriod(area=area, name="X", start_year=2026, end_year=2023).full_clean()
    assert "Konec období" in error.value.message_dict["end_year"][0]
    with pytest.raises(ValidationError):
        Group(area=area, period=period, kind=Group.Kind.SUBGROUP, name="Pod", slug="pod").full_clean()


def test_group_pages_use_few_queries(client, area, group, django_assert_max_num_queries):
    for n in range(40):
        GroupMember.objects.create(area=area, group=group, name=f"Člen {n}", triad_role=TriadRole.PROVIDER,
                                   organisation=OrganisationFactory())
    with django_assert_max_num_queries(10):
        client.get("/mesto/organizace/")
    with django_assert_max_num_queries(14):  # one of them: which sections of the area's menu have content
        client.get("/mesto/organizace/seniori/")


def test_groups_keep_their_order_not_the_alphabet(client, area, period, group):
    Group.objects.create(area=area, period=period, name="Azylová péče", slug="azyl", order=5)
    group.order = 1
    group.save()
    html = client.get("/mesto/organizace/").content.decode()
    assert html.index("Senioři") < html.index("Azylová péče")


def test_working_group_guide_lists_services_of_all_its_target_groups(client, area, group):
    import subprocess

    from openkp.catalog.codebooks import load_seed_codebooks
    from openkp.catalog.models import ServiceType, TargetGroup
    from openkp.catalog.tests.factories import ServiceFactory

    load_seed_codebooks()
    seniors, carers = TargetGroup.objects.get(name="senioři"), TargetGroup.objects.get(name="pečující osoby")
    group.target_groups.set([seniors, carers])
    ServiceFactory(area=area, name="Domov Lipina", service_type=ServiceType.objects.get(section="49"), target_groups=["senioři"])
    ServiceFactory(area=area, name="Odlehčovací služba Kopretina", service_type=ServiceType.objects.get(section="44"), target_groups=["pečující osoby"])
    ServiceFactory(area=area, name="Azylový dům Naděje", service_type=ServiceType.objects.get(section="57"), target_groups=["osoby bez přístřeší"])
    assert "/mesto/organizace/seniori/pruvodce.pdf" in client.get("/mesto/organizace/seniori/").content.decode()
    response = client.get("/mesto/organizace/seniori/pruvodce.pdf")
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
    assert "Senioři" in text and "Domov Lipina" in text and "Odlehčovací služba Kopretina" in text
    assert "Azylový dům Naděje" not in text and text.count("Domov Lipina") == 1
    assert client.get("/mesto/organizace/seniori/pruvodce.docx")["Content-Type"].startswith("application/vnd.openxmlformats")
