"""The public entry page of the needs analysis and the staff hub."""

import pytest

from openkp.needs.models import NeedsMap, Survey
from openkp.needs.tests.factories import sample_survey
from openkp.structures.models import Group, PlanningPeriod


@pytest.fixture
def surveys(area):
    return {
        "open": sample_survey(area, title="Dotazník pro pečující"),
        "draft": sample_survey(area, title="Rozpracovaný dotazník", status=Survey.Status.DRAFT),
        "closed": sample_survey(area, title="Uzavřený dotazník s výsledky", status=Survey.Status.CLOSED, results_public=True),
        "hidden": sample_survey(area, title="Uzavřený dotazník bez výsledků", status=Survey.Status.CLOSED),
    }


def test_public_page_lists_open_surveys_published_results_and_maps(client, area, surveys):
    period = PlanningPeriod.objects.create(area=area, name="2. plán 2025–2028", start_year=2025, end_year=2028, is_current=True)
    seniors = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
    families = Group.objects.create(area=area, period=period, name="Rodiny", slug="rodiny")
    NeedsMap.objects.create(area=area, group=seniors, period=period, conclusions="Chybí terénní služby večer.")
    NeedsMap.objects.create(area=area, group=families, period=period)  # not finished: no conclusions yet
    html = client.get("/mesto/potreby/").content.decode()
    assert "Dotazník pro pečující" in html and surveys["open"].get_absolute_url() in html
    assert "Uzavřený dotazník s výsledky" in html and "/mesto/potreby/dotaznik/uzavreny-dotaznik-s-vysledky/vysledky/" in html
    assert "Rozpracovaný dotazník" not in html and "Uzavřený dotazník bez výsledků" not in html
    assert "/mesto/potreby/mapa/seniori/" in html and "/mesto/potreby/mapa/rodiny/" not in html
    assert "Správa analýzy potřeb" not in html


def test_staff_hub_lists_surveys_with_their_work(client, area, surveys, coordinator, person_with_role, outsider, django_assert_max_num_queries):
    assert client.get("/mesto/sprava/potreby/").status_code == 302  # to the login
    client.force_login(outsider)
    assert client.get("/mesto/sprava/potreby/").status_code == 404
    client.force_login(person_with_role(area, "member"))
    html = client.get("/mesto/sprava/potreby/").content.decode()
    assert "Rozpracovaný dotazník" in html and "Nový dotazník" not in html
    client.force_login(coordinator)
    with django_assert_max_num_queries(15):
        html = client.get("/mesto/sprava/potreby/").content.decode()
    assert "Nový dotazník" in html and "Registr potřeb" in html
    assert f"/mesto/sprava/potreby/dotazniky/{surveys['open'].pk}/analyza/" in html
