"""The shared writes of surveys and answers that every part of the needs analysis builds on."""

from decimal import Decimal

from openkp.needs.models import Answer, Response
from openkp.needs.services.responses import response_values
from openkp.needs.services.surveys import editable_version, survey_copy
from openkp.needs.tests.factories import respond, sample_survey


def test_sample_survey_has_generated_choices(area):
    survey = sample_survey(area)
    questions = {question.code: question for question in survey.current_version.questions.all()}
    assert [choice.label for choice in questions["obvod"].choices.all()] == ["Ostrava-Jih", "Poruba"]
    assert [choice.value for choice in questions["spokojenost"].choices.all()] == ["1", "2", "3", "4", "5"]
    assert questions["spokojenost"].choices.first().label == "1 – velmi nespokojen/a"
    assert questions["chybi"].choices.last().is_other
    assert questions["skupina"].choices.filter(target_group__name="senioři").exists()


def test_answers_round_trip_and_hidden_questions_are_dropped(area):
    survey = sample_survey(area)
    values = {"skupina": "g1", "pomoc": "ano", "proc": "Nevím kam jít", "chybi": ["bydleni", "other"], "chybi__other": "Lavičky",
              "spokojenost": "4", "dostupnost": {"lekar": "snadno", "urad": "obtizne"}, "vek": "67", "vzkaz": "Děkuji"}
    group_value = survey.current_version.questions.get(code="skupina").choices.first().value
    values["skupina"] = group_value
    response = respond(survey, values)
    assert response.status == Response.Status.COMPLETE and response.submitted_at
    stored = response_values(response)
    assert "proc" not in stored  # shown only to those who do not know where to turn
    assert stored["chybi"] == ["bydleni", "other"] and stored["chybi__other"] == "Lavičky"
    assert stored["dostupnost"] == {"lekar": "snadno", "urad": "obtizne"}
    assert stored["vek"] == Decimal("67")
    assert Answer.objects.get(response=response, question__code="spokojenost").number == 4
    assert " lavicka " in Answer.objects.get(response=response, choice__value="other").lemmas


def test_a_version_with_answers_is_not_changed_but_copied(area):
    survey = sample_survey(area)
    first = survey.current_version
    assert editable_version(survey) == first  # no answers yet
    respond(survey, {"pomoc": "ne", "proc": "Bydlení"})
    second = editable_version(survey, note="Nová otázka")
    assert second.number == 2 and survey.current_version == second
    assert list(second.questions.values_list("code", flat=True)) == list(first.questions.values_list("code", flat=True))
    assert second.questions.get(code="proc").show_if_question == second.questions.get(code="pomoc")
    assert first.responses.count() == 1 and second.responses.count() == 0


def test_survey_copy_for_the_next_period(area):
    survey = sample_survey(area)
    copy = survey_copy(survey, title="Dotazník pro uživatele 2027")
    assert copy.status == "draft" and copy.copied_from == survey and copy.slug == "dotaznik-pro-uzivatele-2027"
    assert copy.current_version.questions.count() == survey.current_version.questions.count()
