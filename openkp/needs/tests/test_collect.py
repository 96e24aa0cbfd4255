"""The public questionnaire: every kind of question, validation, save and resume, one answer per browser,
one-time codes, closed surveys, spam protection, the thanks page and the printable PDF."""

import io
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from openkp.core.tokens import hash_token
from openkp.needs.models import Response, Survey, SurveyCode
from openkp.needs.services.responses import code_for, parse_number, response_values
from openkp.needs.tests.factories import sample_survey
from openkp.needs.views.collect import DONE_COOKIE, DRAFT_COOKIE

TOKEN = "A" * 32


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # rate limits and submit locks of earlier tests


@pytest.fixture
def survey(area):
    return sample_survey(area, thanks_text="Výsledky zveřejníme v březnu.")


def _group(survey):
    return survey.current_version.questions.get(code="skupina").choices.get(target_group__name="senioři").value


def _answers(survey, **changes):
    """A complete, valid filled-in form."""
    data = {"token": TOKEN, "q-skupina": _group(survey), "q-obvod": "p546003", "q-pomoc": "ne", "q-proc": "Nevím, kam zavolat.",
            "q-chybi": ["bydleni", "other"], "q-chybi__other": "Lavičky", "q-spokojenost": "2", "q-dostupnost__lekar": "snadno",
            "q-dostupnost__urad": "obtizne", "q-vek": "67", "q-vzkaz": "Děkuji", "odeslat": ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _text(response):
    return response.content.decode().replace("\u00a0", " ")  # Czech typography binds one-letter words


def test_form_shows_every_kind_of_question_numbered_and_labelled(client, survey):
    response = client.get(survey.get_absolute_url())
    html = _text(response)
    assert response.status_code == 200
    assert '<legend class="okp-survey-section__legend"><h2>O vás</h2></legend>' in html
    numbers = re.findall(r'okp-question__number">(\d+)\.', html)
    assert numbers == [str(number) for number in range(1, 10)]
    assert '<select id="q-skupina" name="q-skupina"' in html  # 28 target groups: a drop-down list
    assert 'type="radio" name="q-obvod" id="q-obvod-0" value="p546003"' in html  # two districts: radio buttons
    assert 'type="checkbox" name="q-chybi" id="q-chybi-3" value="other"' in html
    assert 'name="q-chybi__other"' in html and 'for="q-chybi-other"' in html
    assert '<span class="okp-scale__end" aria-hidden="true">velmi nespokojen/a</span>' in html
    assert 'for="q-spokojenost-0">1<span class="okp-visually-hidden"> – velmi nespokojen/a</span>' in html
    assert '<label class="okp-visually-hidden" for="q-dostupnost-1-0">Úřad – Snadno</label>' in html
    assert '<th scope="row">Praktický lékař</th>' in html and '<th scope="col">Obtížně</th>' in html
    assert 'inputmode="decimal"' in html and '<textarea id="q-proc"' in html
    # Without JavaScript the conditional question shows with its condition; survey.js hides it.
    assert "Odpovězte, jen pokud jste v otázce 3 odpověděli „Ne“." in html
    assert 'data-show-if="pomoc" data-show-values="[&quot;ne&quot;]"' in html
    assert 'aria-describedby="q-proc-condition"' in html
    assert re.search(r"needs/survey\.(\w+\.)?js", html) and re.search(r"needs/survey\.(\w+\.)?css", html)
    assert "<script>" not in html and "style=" not in html


def test_form_page_queries_stay_flat(client, survey, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get(survey.get_absolute_url()).status_code == 200


def test_submitted_answers_are_stored_anonymously(client, survey, coordinator):
    client.force_login(coordinator)  # even a signed-in person answers anonymously
    response = client.post(survey.get_absolute_url(), _answers(survey), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302 and response["Location"].endswith("/dekujeme/")
    stored = Response.objects.get()
    assert stored.status == Response.Status.COMPLETE and stored.submitted_at
    assert stored.mode == Response.Mode.ONLINE and stored.entered_by is None and stored.source == ""
    assert stored.resume_token_hash == hash_token(TOKEN)
    values = response_values(stored)
    assert values["chybi"] == ["bydleni", "other"] and values["chybi__other"] == "Lavičky"
    assert values["dostupnost"] == {"lekar": "snadno", "urad": "obtizne"}
    assert values["proc"] == "Nevím, kam zavolat." and values["vek"] == 67
    assert "203.0.113.7" not in str(Response.objects.values().get())


def test_answers_to_hidden_questions_are_neither_validated_nor_stored(client, survey):
    client.post(survey.get_absolute_url(), _answers(survey, **{"q-pomoc": "ano", "q-proc": "x" * 6000}))
    assert "proc" not in response_values(Response.objects.get())


def test_errors_are_listed_at_the_top_and_nothing_typed_is_lost(client, survey):
    data = _answers(survey, **{"q-pomoc": None, "q-vek": "sto", "q-chybi": ["bydleni", "other"], "q-chybi__other": "",
                               "q-vzkaz": "Více laviček"})
    response = client.post(survey.get_absolute_url(), data)
    html = _text(response)
    assert response.status_code == 200 and not Response.objects.exists()
    assert "<title>Chyba: " in html
    summary = html[html.index('id="chyby"'):html.index('<fieldset class="okp-survey-section">')]
    assert '<a href="#q-pomoc-0">Otázka 3: Vyberte prosím jednu možnost.</a>' in summary
    assert '<a href="#q-chybi-0">Otázka 5: Napište prosím, co myslíte možností „jiné“.</a>' in summary
    assert '<a href="#q-vek">Otázka 8: Napište prosím číslo, například 42 nebo 3,5.</a>' in summary
    assert '<fieldset class="okp-fieldset" aria-describedby="q-pomoc-error">' in html
    assert 'id="q-vek" name="q-vek" value="sto" inputmode="decimal" maxlength="20" aria-invalid="true" aria-describedby="q-vek-error"' in html
    assert 'value="Více laviček"' in html
    assert 'id="q-chybi-0" value="bydleni" checked' in html
    assert 'id="q-dostupnost-1-1" value="obtizne" checked' in html
    assert f'name="token" value="{TOKEN}"' in html


@pytest.mark.parametrize("typed, message", [
    ("130", "Napište prosím číslo od 0 do 120."),
    ("-1", "Napište prosím číslo od 0 do 120."),
    ("", None),
    ("45,5", None),
])
def test_number_range(client, survey, typed, message):
    response = client.post(survey.get_absolute_url(), _answers(survey, **{"q-vek": typed}))
    if message:
        assert message in _text(response)
    else:
        assert response.status_code == 302


def test_required_matrix_names_the_missing_rows(client, survey):
    matrix = survey.current_version.questions.get(code="dostupnost")
    matrix.required = True
    matrix.save()
    response = client.post(survey.get_absolute_url(), _answers(survey, **{"q-dostupnost__urad": None}))
    assert "Odpovězte prosím v každém řádku tabulky. Chybí: Úřad." in _text(response)


def test_text_under_other_counts_as_picking_other(client, survey):
    client.post(survey.get_absolute_url(), _answers(survey, **{"q-chybi": ["bydleni"], "q-chybi__other": "Lavičky"}))
    assert response_values(Response.objects.get())["chybi"] == ["bydleni", "other"]


def test_save_and_resume_on_another_device(client, survey):
    data = _answers(survey, **{"q-pomoc": None, "q-vek": "67", "ulozit": "", "odeslat": None})
    response = client.post(survey.get_absolute_url(), data)
    assert response.status_code == 302 and response["Location"].endswith("?ulozeno=1#ulozeno")
    cookie = response.cookies[DRAFT_COOKIE]
    assert cookie.value == TOKEN and cookie["path"] == survey.get_absolute_url() and cookie["httponly"]
    draft = Response.objects.get()
    assert draft.status == Response.Status.DRAFT and draft.resume_token_hash == hash_token(TOKEN)
    assert response_values(draft)["vek"] == 67  # a draft is saved without checking the required questions

    page = client.get(response["Location"])
    html = _text(page)
    assert "Vaše odpovědi jsou uložené" in html
    resume_url = f"/mesto/potreby/dotaznik/{survey.slug}/pokracovat/{TOKEN}/"
    assert f'href="http://testserver{resume_url}"' in html
    assert 'id="q-vek" name="q-vek" value="67"' in html and 'id="q-chybi-0" value="bydleni" checked' in html

    phone = Client()
    opened = phone.get(resume_url)
    assert opened.status_code == 302 and opened.cookies[DRAFT_COOKIE].value == TOKEN
    assert opened["X-Robots-Tag"] == "noindex"
    html = _text(phone.get(survey.get_absolute_url()))
    assert "Pokračujete v rozpracovaném dotazníku" in html and 'value="Lavičky"' in html
    submitted = phone.post(survey.get_absolute_url(), _answers(survey))
    assert submitted.status_code == 302 and submitted.cookies[DRAFT_COOKIE].value == ""
    assert Response.objects.get().status == Response.Status.COMPLETE  # the draft itself, not a second response


def test_unknown_resume_link_is_a_friendly_404(client, survey):
    response = client.get(f"/mesto/potreby/dotaznik/{survey.slug}/pokracovat/{'B' * 32}/")
    assert response.status_code == 404 and "Odkaz pro pokračování neplatí" in _text(response)


def test_one_answer_per_browser(client, survey):
    response = client.post(survey.get_absolute_url(), _answers(survey))
    done = response.cookies[DONE_COOKIE].value
    assert Response.objects.get().browser_token_hash == hash_token(done)
    page = client.get(survey.get_absolute_url())
    assert page.status_code == 200 and "Z tohoto prohlížeče jste už odpověděli, děkujeme" in _text(page)
    assert "<form" not in _text(page).split('id="obsah"')[1]


def test_a_survey_without_the_browser_limit_takes_more_answers(client, area):
    survey = sample_survey(area, one_answer_per_browser=False)
    response = client.post(survey.get_absolute_url(), _answers(survey))
    assert DONE_COOKIE not in response.cookies
    page = client.get(survey.get_absolute_url())
    assert 'name="q-pomoc"' in _text(page) and f'value="{TOKEN}"' not in _text(page)


def test_double_submit_makes_one_response(client, survey):
    first = client.post(survey.get_absolute_url(), _answers(survey))
    client.cookies.pop(DONE_COOKIE)  # the second click left before the first reply came back
    second = client.post(survey.get_absolute_url(), _answers(survey, **{"q-vzkaz": "Podruhé"}))
    assert first.status_code == second.status_code == 302 and second["Location"].endswith("/dekujeme/")
    assert Response.objects.count() == 1 and response_values(Response.objects.get())["vzkaz"] == "Děkuji"


def test_honeypot_pretends_success_and_stores_nothing(client, survey):
    response = client.post(survey.get_absolute_url(), _answers(survey, website="http://spam.example"))
    assert response.status_code == 302 and not Response.objects.exists()


def test_rate_limit_keeps_what_was_typed(client, area, settings):
    settings.NEEDS_RESPONSE_RATE = (1, 600)
    survey = sample_survey(area, one_answer_per_browser=False)
    assert client.post(survey.get_absolute_url(), _answers(survey)).status_code == 302
    response = client.post(survey.get_absolute_url(), _answers(survey, token="C" * 32, **{"q-vzkaz": "Druhý vzkaz"}))
    assert response.status_code == 429 and "příliš mnoho odpovědí" in _text(response)
    assert 'value="Druhý vzkaz"' in _text(response) and Response.objects.count() == 1


def test_thanks_page_shows_the_surveys_text(client, survey):
    response = client.get(f"/mesto/potreby/dotaznik/{survey.slug}/dekujeme/")
    assert response.status_code == 200 and "Výsledky zveřejníme v březnu." in _text(response)


@pytest.mark.parametrize("fields, message", [
    ({"status": Survey.Status.CLOSED}, "Sběr odpovědí na tento dotazník byl ukončen."),
    ({"opens_at": timezone.now() + timedelta(days=3)}, "Dotazník bude možné vyplnit od"),
    ({"closes_at": timezone.now() - timedelta(days=1), "opens_at": timezone.now() - timedelta(days=30)}, "Sběr odpovědí skončil"),
])
def test_survey_not_collecting_shows_a_friendly_page(client, area, fields, message):
    survey = sample_survey(area, **fields)
    for response in (client.get(survey.get_absolute_url()), client.post(survey.get_absolute_url(), _answers(survey))):
        assert response.status_code == 200 and message in _text(response)
    assert not Response.objects.exists()


def test_draft_survey_is_hidden_but_previewed_by_who_may_change_it(client, area, coordinator, person_with_role):
    survey = sample_survey(area, status=Survey.Status.DRAFT)
    assert client.get(survey.get_absolute_url()).status_code == 404
    client.force_login(person_with_role(area, "member"))
    assert client.get(survey.get_absolute_url()).status_code == 404
    client.force_login(coordinator)
    page = client.get(survey.get_absolute_url())
    assert page.status_code == 200 and "Odpovědi z náhledu se neukládají." in _text(page)
    response = client.post(survey.get_absolute_url(), _answers(survey), follow=True)
    assert "v náhledu neukládají" in _text(response) and not Response.objects.exists()


def test_another_areas_survey_is_404(client, other_area):
    survey = sample_survey(other_area)
    assert client.get(f"/mesto/potreby/dotaznik/{survey.slug}/").status_code == 404
    assert client.get(f"/jinde/potreby/dotaznik/{survey.slug}/").status_code == 200


def test_one_time_code_opens_the_survey_once(client, area):
    survey = sample_survey(area, uses_codes=True)
    code = SurveyCode.objects.create(survey=survey, code_hash=hash_token("ABCD-EFGH"))
    page = client.get(survey.get_absolute_url())
    assert "Jednorázový kód" in _text(page) and 'name="q-pomoc"' not in _text(page)
    # Without a code the answers are refused.
    assert "Jednorázový kód" in _text(client.post(survey.get_absolute_url(), _answers(survey)))
    wrong = client.post(survey.get_absolute_url(), {"krok": "kod", "code": "XXXX-YYYY"})
    assert "Tento kód neznáme" in _text(wrong)

    opened = client.post(survey.get_absolute_url(), {"krok": "kod", "code": " abcd efgh "})
    assert opened.status_code == 302
    form = client.get(survey.get_absolute_url())
    token = re.search(r'name="token" value="([^"]+)"', _text(form))[1]
    assert client.post(survey.get_absolute_url(), _answers(survey, token=token)).status_code == 302
    code.refresh_from_db()
    assert code.used_at and code.response.status == Response.Status.COMPLETE

    again = Client().post(survey.get_absolute_url(), {"krok": "kod", "code": "ABCDEFGH"})
    assert "S tímto kódem už byl dotazník odeslán" in _text(again)


def test_code_lookup_accepts_any_typing(area):
    survey = sample_survey(area, uses_codes=True)
    code = SurveyCode.objects.create(survey=survey, code_hash=hash_token("K7PM-3QXZ"))
    assert code_for(survey, "k7pm3qxz") == code and code_for(survey, "K7PM - 3QXZ") == code
    assert code_for(survey, "K7PM-3QXY") is None and code_for(survey, "") is None


def test_parse_number_refuses_what_cannot_be_stored():
    assert parse_number("1 200,5") == 1200.5
    assert parse_number("NaN") is None and parse_number("1e20") is None and parse_number("abc") is None


def test_printable_questionnaire(client, survey):
    response = client.get(f"/mesto/potreby/dotaznik/{survey.slug}/dotaznik.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = text.replace("\u00a0", " ")
    assert "Dotazník pro uživatele" in text
    assert "3. Víte, kam se obrátit, když potřebujete pomoc? *" in text
    assert "Pokud jste v otázce 3 odpověděli „Ne“:" in text and "4. Co by vám pomohlo se zorientovat?" in text
    assert "velmi nespokojen/a" in text and "Praktický lékař" in text and "Obtížně" in text
    assert "(číslo od 0 do 120)" in text and "jiné:" in text


def test_printable_questionnaire_of_a_draft_is_not_public(client, area):
    survey = sample_survey(area, status=Survey.Status.DRAFT)
    assert client.get(f"/mesto/potreby/dotaznik/{survey.slug}/dotaznik.pdf").status_code == 404
