"""Staff entry of paper questionnaires and interviews, the list of responses, corrections and deletion."""

import re

import pytest

from openkp.needs.models import Response, Survey
from openkp.needs.services.responses import response_values
from openkp.needs.tests.factories import respond, sample_survey
from openkp.structures.models import Group, PlanningPeriod

URLS = [
    ("get", "/mesto/sprava/potreby/dotazniky/{survey}/odpovedi/"),
    ("get", "/mesto/sprava/potreby/dotazniky/{survey}/zapis/"),
    ("get", "/mesto/sprava/potreby/dotazniky/{survey}/odpovedi/{response}/upravit/"),
    ("get", "/mesto/sprava/potreby/dotazniky/{survey}/odpovedi/{response}/smazat/"),
    ("post", "/mesto/sprava/potreby/dotazniky/{survey}/odpovedi/{response}/smazat/"),
]

EXPECTED = {
    #                 list  entry edit delete confirm
    "coordinator":   (200, 200, 200, 200, 302),
    # The survey is the whole area's: a group manager sees its responses but types in, corrects and deletes only in
    # her groups' surveys (group_lead: the survey is her group's).
    "group_manager": (200, 403, 403, 403, 403),
    "group_lead":    (200, 200, 200, 200, 302),
    "member":        (403, 403, 403, 403, 403),
    "provider":      (403, 403, 403, 403, 403),
    "observer":      (403, 403, 403, 403, 403),
    "outsider":      (404, 404, 404, 404, 404),
}


@pytest.fixture
def survey(area):
    return sample_survey(area)


def _text(response):
    return response.content.decode().replace("\u00a0", " ")


def _paper(survey, user=None, **fields):
    return respond(survey, {"pomoc": "ano"}, mode=Response.Mode.PAPER, entered_by=user, **fields)


@pytest.mark.parametrize("kind", EXPECTED)
def test_permission_matrix(client, area, survey, person_with_role, manager_of, outsider, kind):
    if kind == "group_lead":
        period = PlanningPeriod.objects.create(area=area, name="2025–2027", start_year=2025, end_year=2027)
        survey.group = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
        survey.save()
        client.force_login(manager_of(survey.group))
    else:
        client.force_login(outsider if kind == "outsider" else person_with_role(area, kind))
    response = _paper(survey)
    statuses = tuple(getattr(client, method)(url.format(survey=survey.pk, response=response.pk)).status_code for method, url in URLS)
    assert statuses == EXPECTED[kind]


def test_anonymous_is_sent_to_login(client, survey):
    response = _paper(survey)
    for method, url in URLS:
        reply = getattr(client, method)(url.format(survey=survey.pk, response=response.pk))
        assert reply.status_code == 302 and "/ucet/prihlaseni/" in reply["Location"]
    assert Response.objects.filter(pk=response.pk).exists()


def test_another_areas_survey_is_404(client, other_area, coordinator):
    foreign = sample_survey(other_area)
    response = _paper(foreign)
    client.force_login(coordinator)
    for method, url in URLS:
        assert getattr(client, method)(url.format(survey=foreign.pk, response=response.pk)).status_code == 404


def test_paper_form_entry_and_the_next_one(client, survey, coordinator):
    client.force_login(coordinator)
    url = f"/mesto/sprava/potreby/dotazniky/{survey.pk}/zapis/"
    page = client.get(url)
    assert "Zápis papírového dotazníku nebo rozhovoru" in _text(page)
    assert 'name="q-pomoc"' in _text(page) and 'name="mode"' in _text(page) and "Uložit a zapsat další" in _text(page)
    reply = client.post(url, {"mode": "interview", "source": "Rozhovor v klubu seniorů", "q-pomoc": "ne", "q-proc": "Průvodce",
                              "q-vek": "81", "dalsi": ""})
    assert reply.status_code == 302 and reply["Location"] == url + "?zpusob=interview"
    stored = Response.objects.get()
    assert (stored.mode, stored.source, stored.entered_by, stored.status) == ("interview", "Rozhovor v klubu seniorů", coordinator, "complete")
    assert response_values(stored)["proc"] == "Průvodce"
    following = _text(client.get(reply["Location"], follow=True))
    assert f"Odpověď č. {stored.pk} je uložená." in following
    assert re.search(r'<input type="radio" name="mode" value="interview"[^>]* checked>', following)  # the mode stays


def test_staff_may_leave_required_questions_empty_but_not_type_nonsense(client, survey, coordinator):
    client.force_login(coordinator)
    url = f"/mesto/sprava/potreby/dotazniky/{survey.pk}/zapis/"
    bad = client.post(url, {"mode": "paper", "q-vek": "200", "q-vzkaz": "Lepší doprava"})
    assert bad.status_code == 200 and "Napište prosím číslo od 0 do 120." in _text(bad)
    assert 'value="Lepší doprava"' in _text(bad) and not Response.objects.exists()
    missing_mode = client.post(url, {"q-vek": "20"})
    assert "Vyberte, jak byly odpovědi získány." in _text(missing_mode)
    assert client.post(url, {"mode": "paper", "source": "č. 17", "q-chybi": ["other"]}).status_code == 302
    stored = Response.objects.get()
    assert stored.source == "č. 17" and response_values(stored)["chybi"] == ["other"]


def test_entry_into_a_draft_survey_is_refused_kindly(client, area, coordinator):
    survey = sample_survey(area, status=Survey.Status.DRAFT)
    client.force_login(coordinator)
    page = client.get(f"/mesto/sprava/potreby/dotazniky/{survey.pk}/zapis/")
    assert page.status_code == 200 and "je v přípravě" in _text(page) and 'name="q-pomoc"' not in _text(page)


def test_response_list_counts_per_mode_without_personal_data(client, survey, coordinator, django_assert_max_num_queries):
    for number in range(55):
        _paper(survey, coordinator, source=f"č. {number}")
    respond(survey, {"pomoc": "ne", "proc": "Tajný vzkaz o sousedovi"})
    respond(survey, {"pomoc": "ano"}, complete=False)
    client.force_login(coordinator)
    url = f"/mesto/sprava/potreby/dotazniky/{survey.pk}/odpovedi/"
    with django_assert_max_num_queries(11):
        page = client.get(url)
    html = _text(page)
    assert '<th scope="row">Papírový dotazník</th><td class="okp-num">55</td><td class="okp-num">0</td>' in html
    assert '<th scope="row">Online</th><td class="okp-num">1</td><td class="okp-num">1</td>' in html
    assert '<th scope="row">Celkem</th><td class="okp-num">56</td><td class="okp-num">1</td>' in html
    assert "Tajný vzkaz" not in html
    assert html.count('<th scope="row" class="okp-num">') == 50 and "?strana=2" in html
    with django_assert_max_num_queries(11):
        second = _text(client.get(url + "?strana=2"))
    assert second.count('<th scope="row" class="okp-num">') == 7


def test_correcting_a_paper_response(client, survey, coordinator):
    response = _paper(survey, coordinator, source="č. 3")
    client.force_login(coordinator)
    url = f"/mesto/sprava/potreby/dotazniky/{survey.pk}/odpovedi/{response.pk}/upravit/"
    page = _text(client.get(url))
    assert f"Oprava odpovědi č. {response.pk}" in page and 'id="q-pomoc-0" value="ano" checked' in page and 'value="č. 3"' in page
    reply = client.post(url, {"mode": "paper", "source": "č. 4", "q-pomoc": "ne", "q-proc": "Nevím"})
    assert reply.status_code == 302 and reply["Location"].endswith("/odpovedi/")
    response.refresh_from_db()
    assert response.source == "č. 4" and response_values(response) == {"pomoc": "ne", "proc": "Nevím"}
    assert response.entered_by == coordinator


def test_online_responses_are_not_changed_by_staff(client, survey, coordinator):
    online = respond(survey, {"pomoc": "ano"})
    client.force_login(coordinator)
    base = f"/mesto/sprava/potreby/dotazniky/{survey.pk}/odpovedi/{online.pk}/"
    assert client.get(base + "upravit/").status_code == 403
    assert client.post(base + "smazat/").status_code == 403
    assert Response.objects.filter(pk=online.pk).exists()


def test_deleting_a_paper_response(client, survey, coordinator):
    response = _paper(survey, coordinator)
    client.force_login(coordinator)
    url = f"/mesto/sprava/potreby/dotazniky/{survey.pk}/odpovedi/{response.pk}/smazat/"
    assert f"Smazat odpověď č. {response.pk}?" in _text(client.get(url))
    reply = client.post(url, follow=True)
    assert f"Odpověď č. {response.pk} je smazaná." in _text(reply) and not Response.objects.exists()
