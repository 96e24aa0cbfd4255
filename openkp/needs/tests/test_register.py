"""The needs register: the list with filters, a need with its evidence, services and gaps, create/edit and gaps."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from openkp.accounts.tests.factories import UserFactory
from openkp.catalog.models import Capacity, CapacityType, TargetGroup
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.models import MunicipalityPart
from openkp.core.tests.factories import OrganisationFactory
from openkp.structures.models import Group, GroupMember, Meeting, Minutes, PlanningPeriod, TriadRole

from ..models import DemographicFigure, Gap, Need, SwotAnalysis, SwotItem, Theme, Urgency
from ..services.register import gap_create, need_create
from .factories import districts, sample_survey


@pytest.fixture
def planning(area, person_with_role):
    return make_planning(area, person_with_role)


def make_planning(area, person_with_role):
    """Two working groups (the manager leads "Senioři" only), a catalogue service with capacity, a survey,
    a SWOT item, published minutes, a demographic figure, and a need of the seniors citing all of it."""
    city = districts(area)
    jih = MunicipalityPart.objects.get(code="546003")
    period = PlanningPeriod.objects.create(area=area, name="2. plán 2025–2028", start_year=2025, end_year=2028, is_current=True)
    seniors = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
    seniors.target_groups.add(TargetGroup.objects.get(name="senioři"))
    families = Group.objects.create(area=area, period=period, name="Rodiny s dětmi", slug="rodiny")
    manager = person_with_role(area, "group_manager", user__username="manazerka")
    GroupMember.objects.create(area=area, group=seniors, user=manager, name="Jana Horáková", triad_role=TriadRole.PROVIDER,
                               function=GroupMember.Function.MANAGER)
    service = ServiceFactory(area=area, name="Pečovatelská služba Jih", provider=OrganisationFactory(name="Charita Ostrava"),
                             forms=["ter"], facilities=[{"name": "Středisko Jih", "municipality": city, "part": jih}])
    Capacity.objects.create(service_form=service.forms.get(), count=120,
                            capacity_type=CapacityType.objects.get(code="TypKapacitySocialniSluzby/klient"))
    survey = sample_survey(area)
    question = survey.current_version.questions.get(code="chybi")
    analysis = SwotAnalysis.objects.create(area=area, group=seniors, period=period, title="SWOT seniorů")
    swot_item = SwotItem.objects.create(analysis=analysis, category=SwotItem.Category.WEAKNESS, text="Chybí odlehčovací služba")
    starts = timezone.now().replace(microsecond=0) - timedelta(days=10)
    meeting = Meeting.objects.create(area=area, group=seniors, title="3. setkání", starts_at=starts, ends_at=starts + timedelta(hours=2),
                                     place="Radnice")
    minutes = Minutes.objects.create(area=area, meeting=meeting, discussion="Pečující nemají kde si odpočinout.")
    theme = Theme.objects.create(area=area, name="Únava pečujících")
    figure = DemographicFigure.objects.create(area=area, municipality=city, part=jih, year=2024, indicator="Obyvatelé 65+ let", value=21350)
    need = need_create(area=area, title="Odlehčovací služba pro pečující", group=seniors, urgency=Urgency.HIGH,
                       description="Pečující o seniory nemají náhradu, když onemocní.", raised_by="dotazník uživatelů",
                       relations={"target_groups": [TargetGroup.objects.get(name="senioři")], "parts": [jih], "questions": [question],
                                  "themes": [theme], "swot_items": [swot_item], "minutes": [minutes], "figures": [figure],
                                  "services": [service]})
    gap = gap_create(need=need, title="Pobytová odlehčovací služba", missing_capacity="6 lůžek", place="Ostrava-Jih",
                     proposed_solution="Rozšířit domov Lipina o 6 lůžek.")
    other_need = need_create(area=area, title="Rodinné centrum v Porubě", group=families, urgency=Urgency.LOW)
    return SimpleNamespace(period=period, seniors=seniors, families=families, manager=manager, service=service, survey=survey,
                           question=question, analysis=analysis, meeting=meeting, figure=figure, need=need, gap=gap,
                           other_need=other_need, city=city, jih=jih)


def page(response):
    """The HTML with Czech typography's non-breaking spaces as plain ones."""
    return response.content.decode().replace("\u00a0", " ")


def url(name, **kwargs):
    return reverse(f"needs:{name}", kwargs={"area_slug": "mesto", **kwargs})


READ_PAGES = ["need_list", "need_detail"]
WRITE_PAGES = ["need_create", "need_edit", "gap_create", "gap_edit", "gap_delete"]


def page_url(name, planning):
    need, gap = planning.need, planning.gap
    kwargs = {"need_detail": {"pk": need.pk}, "need_edit": {"pk": need.pk}, "gap_create": {"pk": need.pk},
              "gap_edit": {"pk": need.pk, "gap_pk": gap.pk}, "gap_delete": {"pk": need.pk, "gap_pk": gap.pk}}.get(name, {})
    return url(name, **kwargs)


@pytest.mark.parametrize("name", READ_PAGES + WRITE_PAGES)
@pytest.mark.parametrize("role, read_status, write_status", [
    (None, 302, 302),
    ("outsider", 404, 404),
    ("member", 200, 403),
    ("observer", 200, 403),
    ("provider", 200, 403),
    ("group_manager", 200, 200),
    ("coordinator", 200, 200),
])
def test_permission_matrix(client, area, person_with_role, planning, name, role, read_status, write_status):
    if role == "outsider":
        client.force_login(UserFactory(username="cizinec"))
    elif role == "group_manager":
        client.force_login(planning.manager)  # leads the group of the need
    elif role:
        client.force_login(person_with_role(area, role))
    response = client.get(page_url(name, planning))
    assert response.status_code == (read_status if name in READ_PAGES else write_status)
    if response.status_code == 302:
        assert "/ucet/" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("name", ["need_edit", "gap_create"])
def test_group_manager_cannot_change_needs_of_other_groups(client, planning, name):
    client.force_login(planning.manager)
    kwargs = {"pk": planning.other_need.pk}
    assert client.get(url(name, **kwargs)).status_code == 403
    assert client.post(url(name, **kwargs), {"title": "Cizí"}).status_code == 403
    assert Need.objects.get(pk=planning.other_need.pk).title == "Rodinné centrum v Porubě"


def test_another_areas_need_is_404(client, other_area, planning, person_with_role):
    other = need_create(area=other_area, title="Jinde")
    client.force_login(person_with_role(planning.need.area, "coordinator"))
    assert client.get(url("need_detail", pk=other.pk)).status_code == 404
    assert client.get(url("need_edit", pk=other.pk)).status_code == 404
    assert client.get(url("gap_detail", gap_pk=gap_create(need=other, title="X").pk)).status_code == 404


def test_detail_shows_evidence_services_and_gaps_with_links(client, coordinator, planning):
    client.force_login(coordinator)
    html = page(client.get(planning.need.get_absolute_url()))
    assert "<h1>Odlehčovací služba pro pečující</h1>" in html
    assert "dotazník uživatelů" in html and "senioři" in html and "Ostrava-Jih" in html
    # Evidence: survey question, theme, SWOT item, minutes (meeting page), demographic figure (demography page).
    assert "Co vám v okolí chybí?" in html and "Únava pečujících" in html and "Chybí odlehčovací služba" in html
    assert f'href="/mesto/organizace/seniori/setkani/{planning.meeting.pk}/"' in html
    assert "/mesto/sprava/potreby/demografie/?ukazatel=Obyvatel%C3%A9+65%2B+let" in html and "21 350" in html
    try:
        analysis_url = reverse("needs:survey_analysis", kwargs={"area_slug": "mesto", "pk": planning.survey.pk})
    except NoReverseMatch:
        analysis_url = None  # the analysis page is not there yet: the question is shown without a link
    if analysis_url:
        assert f'href="{analysis_url}#otazka-chybi"' in html
    # Services with capacity and place, linked to the catalogue.
    assert f'href="/mesto/sluzby/{planning.service.pk}/"' in html
    assert "Charita Ostrava" in html and "terénní – počet klientů: 120" in html and "Ostrava-Jih" in html
    # Gaps with their anchors and the proposed solution; the history of changes.
    assert f'id="mezera-{planning.gap.pk}"' in html and "6 lůžek" in html and "Rozšířit domov Lipina o 6 lůžek." in html
    assert f"/mesto/sprava/historie/need/{planning.need.pk}/" in html


def test_member_sees_the_need_without_edit_links(client, area, person_with_role, planning):
    client.force_login(person_with_role(area, "member"))
    html = page(client.get(planning.need.get_absolute_url()))
    assert "Odlehčovací služba pro pečující" in html
    assert url("need_edit", pk=planning.need.pk) not in html and url("gap_create", pk=planning.need.pk) not in html


def test_list_filters_counts_and_order(client, coordinator, planning):
    need_create(area=planning.need.area, title="Bezbariérová doprava", group=planning.seniors, urgency=Urgency.MEDIUM,
                status=Need.Status.ACCEPTED, relations={"municipalities": [planning.city]})
    client.force_login(coordinator)
    html = page(client.get(url("need_list")))
    assert "Počet potřeb: 3" in html
    # By urgency: high, medium, low.
    assert html.index("Odlehčovací služba") < html.index("Bezbariérová doprava") < html.index("Rodinné centrum")
    html = page(client.get(url("need_list"), {"razeni": "nejstarsi"}))
    assert html.index("Odlehčovací služba") < html.index("Rodinné centrum") < html.index("Bezbariérová doprava")

    def titles(**params):
        html = page(client.get(url("need_list"), params))
        return [title for title in ("Odlehčovací služba", "Bezbariérová doprava", "Rodinné centrum") if title in html]

    assert titles(skupina=planning.families.pk) == ["Rodinné centrum"]
    assert titles(cilova=TargetGroup.objects.get(name="senioři").pk) == ["Odlehčovací služba"]
    assert titles(stav="accepted") == ["Bezbariérová doprava"]
    assert titles(nalehavost="high") == ["Odlehčovací služba"]
    assert titles(q="POROB") == [] and titles(q="Porub") == ["Rodinné centrum"]
    assert titles(misto=f"p{planning.jih.pk}") == ["Odlehčovací služba"]
    # A need in a city district is a need of the city too.
    assert titles(misto=f"m{planning.city.pk}") == ["Odlehčovací služba", "Bezbariérová doprava"]
    html = page(client.get(url("need_list"), {"stav": "accepted"}))
    assert "Počet potřeb: 1" in html and "přijatá 1" in html


def _needs(area, group, count):
    for number in range(count):
        need = need_create(area=area, title=f"Potřeba číslo {number}", group=group,
                           relations={"target_groups": TargetGroup.objects.all()[:2]})
        gap_create(need=need, title=f"Mezera {number}")


def test_list_is_paginated_and_its_query_count_is_flat(client, coordinator, planning, django_assert_max_num_queries):
    area = planning.need.area
    client.force_login(coordinator)
    client.get(url("need_list"))  # warm the caches (sessions, roles)
    _needs(area, planning.seniors, 3)
    with django_assert_max_num_queries(20) as few:
        client.get(url("need_list"))
    _needs(area, planning.seniors, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page(client.get(url("need_list")))
    assert "Počet potřeb: 35" in html and "strana=2" in html
    page_two = page(client.get(url("need_list"), {"strana": 2}))
    assert "Potřeba číslo" in page_two


def _form_data(planning, **changes):
    data = {"title": "Chybí denní stacionář", "description": "Senioři s demencí nemají kam chodit přes den.",
            "group": planning.seniors.pk, "urgency": "high", "status": "new", "status_reason": "", "raised_by": "pracovní skupina",
            "target_groups": [TargetGroup.objects.get(name="senioři").pk], "parts": [planning.jih.pk],
            "questions": [planning.question.pk], "figures": [planning.figure.pk], "services": [planning.service.pk]}
    data.update(changes)
    return data


def test_coordinator_creates_a_need_with_evidence(client, coordinator, planning):
    client.force_login(coordinator)
    response = client.post(url("need_create"), _form_data(planning))
    need = Need.objects.get(title="Chybí denní stacionář")
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()
    assert list(need.services.all()) == [planning.service] and list(need.questions.all()) == [planning.question]
    assert need.area == planning.need.area and need.group == planning.seniors


def test_rejected_need_requires_a_reason(client, coordinator, planning):
    client.force_login(coordinator)
    response = client.post(url("need_edit", pk=planning.need.pk), _form_data(planning, status="rejected"))
    assert response.status_code == 200
    assert "U zamítnuté potřeby napište zdůvodnění" in page(response)
    assert Need.objects.get(pk=planning.need.pk).status == Need.Status.NEW
    response = client.post(url("need_edit", pk=planning.need.pk), _form_data(planning, status="rejected",
                                                                            status_reason="Řeší ji kraj."))
    assert response.status_code == 302
    need = Need.objects.get(pk=planning.need.pk)
    assert need.status == Need.Status.REJECTED and need.status_reason == "Řeší ji kraj."
    with pytest.raises(ValidationError):
        need_create(area=need.area, title="Bez důvodu", status=Need.Status.REJECTED)


def test_pickers_offer_only_the_areas_things(client, coordinator, other_area, planning):
    other_period = PlanningPeriod.objects.create(area=other_area, name="Jiné", start_year=2025, end_year=2026, is_current=True)
    other_group = Group.objects.create(area=other_area, period=other_period, name="Cizí skupina", slug="cizi")
    other_service = ServiceFactory(area=other_area, name="Cizí služba")
    client.force_login(coordinator)
    html = page(client.get(url("need_create")))
    assert "Pečovatelská služba Jih" in html and "Cizí služba" not in html and "Cizí skupina" not in html
    assert "Co vám v okolí chybí?" in html and "Chybí odlehčovací služba" in html and "3. setkání" in html
    response = client.post(url("need_create"), _form_data(planning, group=other_group.pk, services=[other_service.pk]))
    assert response.status_code == 200 and not Need.objects.filter(title="Chybí denní stacionář").exists()
    assert "Vyberte platnou možnost" in page(response)


def test_group_manager_writes_needs_only_for_the_groups_they_lead(client, planning):
    client.force_login(planning.manager)
    html = page(client.get(url("need_create")))
    assert "Senioři" in html and "Rodiny s dětmi" not in html
    response = client.post(url("need_create"), _form_data(planning, group=planning.families.pk))
    assert response.status_code == 200 and not Need.objects.filter(title="Chybí denní stacionář").exists()
    response = client.post(url("need_create"), _form_data(planning, group=""))
    assert response.status_code == 200
    assert client.post(url("need_create"), _form_data(planning)).status_code == 302
    assert Need.objects.get(title="Chybí denní stacionář").group == planning.seniors


def test_services_filter_narrows_the_list_and_keeps_what_was_typed(client, coordinator, planning):
    area = planning.need.area
    for number in range(5):
        ServiceFactory(area=area, name=f"Azylový dům {number}")
    ServiceFactory(area=area, name="Terénní program Lipina")
    client.force_login(coordinator)
    response = client.post(url("need_create"), _form_data(planning, service_query="azyl", filtrovat="1", title="Rozepsaná potřeba"))
    html = page(response)
    assert response.status_code == 200 and not Need.objects.filter(title="Rozepsaná potřeba").exists()
    assert "Azylový dům 3" in html and "Pečovatelská služba Jih" in html  # the matching ones and the one already chosen
    assert "Terénní program Lipina" not in html and 'value="Rozepsaná potřeba"' in html
    assert f'<option value="{planning.service.pk}" selected>' in html
    assert 'data-invalid="true"' not in html  # nothing is validated yet


def test_gaps_are_added_edited_and_deleted_on_the_needs_page(client, planning):
    need = planning.need
    client.force_login(planning.manager)
    response = client.post(url("gap_create", pk=need.pk), {"title": "Denní stacionář", "missing_capacity": "15 míst",
                                                           "place": "Poruba", "proposed_solution": "Nový stacionář"})
    gap = Gap.objects.get(title="Denní stacionář")
    assert response.status_code == 302 and response["Location"] == f"{need.get_absolute_url()}#mezera-{gap.pk}"
    assert gap.area == need.area and gap.order == 2
    response = client.post(url("gap_edit", pk=need.pk, gap_pk=gap.pk), {"title": "Denní stacionář pro lidi s demencí",
                                                                         "missing_capacity": "20 míst"})
    assert response.status_code == 302
    assert Gap.objects.get(pk=gap.pk).missing_capacity == "20 míst"
    response = client.post(url("gap_create", pk=need.pk), {"title": ""})
    assert response.status_code == 200 and "Toto pole je vyžadováno" in page(response)
    # A stable address by id only (the plan links to it).
    response = client.get(url("gap_detail", gap_pk=gap.pk))
    assert response.status_code == 302 and response["Location"].endswith(f"#mezera-{gap.pk}")
    assert "Opravdu smazat" in page(client.get(url("gap_delete", pk=need.pk, gap_pk=gap.pk)))
    assert client.post(url("gap_delete", pk=need.pk, gap_pk=gap.pk)).status_code == 302
    assert not Gap.objects.filter(pk=gap.pk).exists()
    # A gap of another need cannot be reached through this need.
    other_gap = gap_create(need=planning.other_need, title="Cizí mezera")
    assert client.get(url("gap_edit", pk=need.pk, gap_pk=other_gap.pk)).status_code == 404
