"""Writes of responses: the answers of one filled-in questionnaire, from whatever collected them
(the public form, paper entry, an interview, an imported file, demo data).

Answers come as ``{question code: value}``: a choice's value (single, scale, place, target group), a list
of values (multiple), ``{row value: choice value}`` (matrix), a number, or a text; the text of a picked
"jiné" goes under ``"<code>__other"``. Answers to questions hidden by their condition are dropped.
"""

import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from openkp.core.tokens import hash_token

from ..models import Answer, QuestionKind, Response, SurveyCode
from ..text import lemma_text

# Answer.number has 12 digits, two of them decimals.
NUMBER_LIMIT = Decimal("1e10")


def is_shown(question, values, shown_codes):
    """Whether ``question`` applies, given the answers so far (a condition on a hidden question is false)."""
    condition = question.show_if_question
    if condition is None:
        return True
    if condition.code not in shown_codes:
        return False
    given = values.get(condition.code)
    if isinstance(given, dict):  # a condition on a matrix: any row's answer counts
        given = list(given.values())
    given = {str(value) for value in given} if isinstance(given, (list, tuple, set)) else {str(given)}
    return bool(given & {str(value) for value in question.show_if_values})


def shown_questions(questions, values):
    """The questions (in order) that apply to these answers."""
    shown, codes = [], set()
    for question in questions:
        if is_shown(question, values, codes):
            shown.append(question)
            codes.add(question.code)
    return shown


def questionnaire(version):
    """The version's questions in order with choices, rows and conditions loaded (few queries)."""
    return list(version.questions.select_related("show_if_question", "section").prefetch_related("choices", "rows").order_by("order", "pk"))


def answer_rows(response, questions, values):
    """Unsaved Answer objects for ``values`` (unknown choice values are ignored: the form validated them)."""
    rows = []
    for question in shown_questions(questions, values):
        value = values.get(question.code)
        if value in (None, "", [], {}):
            continue
        choices = {choice.value: choice for choice in question.choices.all()}
        if question.kind == QuestionKind.MATRIX:
            row_by_value = {row.value: row for row in question.rows.all()}
            for row_value, choice_value in value.items():
                if row_value in row_by_value and str(choice_value) in choices:
                    rows.append(Answer(response=response, question=question, row=row_by_value[row_value], choice=choices[str(choice_value)]))
        elif question.kind == QuestionKind.MULTIPLE:
            for choice_value in value:
                if str(choice_value) in choices:
                    rows.append(_choice_answer(response, question, choices[str(choice_value)], values))
        elif question.is_choice:
            if str(value) in choices:
                answer = _choice_answer(response, question, choices[str(value)], values)
                if question.kind == QuestionKind.SCALE:
                    answer.number = parse_number(value)
                rows.append(answer)
        elif question.kind == QuestionKind.NUMBER:
            number = parse_number(value)
            if number is not None:
                rows.append(Answer(response=response, question=question, number=number))
        else:
            text = str(value).strip()
            if text:
                rows.append(Answer(response=response, question=question, text=text, lemmas=lemma_text(text)))
    return rows


def _choice_answer(response, question, choice, values):
    answer = Answer(response=response, question=question, choice=choice)
    if choice.is_other:
        answer.text = str(values.get(f"{question.code}__other", "")).strip()
        answer.lemmas = lemma_text(answer.text)
    return answer


def parse_number(value):
    """A number as people write it ("3,5", "1 200") as Decimal with two places; None when it is none or too big to store."""
    if isinstance(value, Decimal):
        number = value
    else:
        try:
            number = Decimal(str(value).strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
        except (InvalidOperation, ValueError):
            return None
    if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
        return None
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def record_answers(response, values, *, questions=None, complete=False):
    """Replace the response's answers by ``values``; ``complete`` marks it submitted."""
    questions = questions if questions is not None else questionnaire(response.version)
    if response.pk:
        response.answers.all().delete()
    else:
        response.save()
    Answer.objects.bulk_create(answer_rows(response, questions, values))
    if complete and response.status != Response.Status.COMPLETE:
        response.status = Response.Status.COMPLETE
        response.submitted_at = timezone.now()
    response.save()
    return response


def response_values(response):
    """The stored answers back as ``{code: value}`` (to fill a form again: save and resume, corrections)."""
    values = {}
    for answer in response.answers.select_related("question", "choice", "row"):
        question = answer.question
        if question.kind == QuestionKind.MATRIX:
            values.setdefault(question.code, {})[answer.row.value] = answer.choice.value
        elif question.kind == QuestionKind.MULTIPLE:
            values.setdefault(question.code, []).append(answer.choice.value)
        elif question.is_choice:
            values[question.code] = answer.choice.value
        elif question.kind == QuestionKind.NUMBER:
            values[question.code] = answer.number
        else:
            values[question.code] = answer.text
        if answer.choice is not None and answer.choice.is_other:
            values[f"{question.code}__other"] = answer.text
    return values


# ---- The public form: save and resume, one answer per browser, one-time codes ----------------------------

def new_token():
    """A random secret for a cookie or a link; only its hash is stored."""
    return secrets.token_urlsafe(24)


def response_for_token(survey, token):
    """The survey's online response saved under this save-and-resume token (a draft or already submitted), or None."""
    if not token:
        return None
    return Response.objects.filter(survey=survey, resume_token_hash=hash_token(token)).select_related("version").first()


def answered_from_browser(survey, browser_token):
    """Whether a submitted response of the survey carries this browser's token."""
    return bool(browser_token) and Response.objects.filter(
        survey=survey, browser_token_hash=hash_token(browser_token), status=Response.Status.COMPLETE).exists()


def code_for(survey, typed):
    """The survey's one-time code matching what the respondent typed (in any case, with or without spaces
    and dashes), used or not; None when there is none."""
    typed = (typed or "").strip()
    if not typed:
        return None
    characters = "".join(character for character in typed.upper() if character.isalnum())
    # Codes are printed as ABCD-EFGH (services.surveys.normalize_code); people type them in any way.
    forms = {typed, typed.upper(), characters, f"{characters[:4]}-{characters[4:]}"}
    return survey.codes.filter(code_hash__in=[hash_token(form) for form in forms]).first()


@transaction.atomic
def start_with_code(*, survey, code, token):
    """Open (or reopen on another device) the draft that belongs to a one-time code, under a new resume token."""
    code = SurveyCode.objects.select_for_update().get(pk=code.pk)
    response = Response.objects.filter(code=code).first()
    if response is None:
        response = Response(area=survey.area, survey=survey, version=survey.current_version, mode=Response.Mode.ONLINE, code=code)
    response.resume_token_hash = hash_token(token)
    response.save()
    return response


@dataclass
class SavedResponse:
    response: "Response"
    created: bool
    browser_token: str = ""  # set when the survey takes one answer per browser and this save submitted it


@transaction.atomic
def save_online(*, survey, token, values, complete, questions=None, version=None):
    """Store the public form's answers under its resume token: a draft, or (``complete``) the submitted questionnaire.

    A response already submitted under the token is left as it is (a double-clicked "Odeslat" makes one
    response). No person and no address is stored; a one-time code linked to the draft is marked used.
    """
    token_hash = hash_token(token)
    response = Response.objects.select_for_update().filter(survey=survey, resume_token_hash=token_hash).first()
    if response is not None and response.status == Response.Status.COMPLETE:
        return SavedResponse(response, created=False)
    created = response is None
    if created:
        response = Response(area=survey.area, survey=survey, version=version or survey.current_version, mode=Response.Mode.ONLINE,
                            resume_token_hash=token_hash)
    record_answers(response, values, questions=questions, complete=complete)
    saved = SavedResponse(response, created=created)
    if complete:
        if response.code_id:
            SurveyCode.objects.filter(pk=response.code_id, used_at__isnull=True).update(used_at=timezone.now())
        if survey.one_answer_per_browser:
            saved.browser_token = new_token()
            response.browser_token_hash = hash_token(saved.browser_token)
            response.save(update_fields=["browser_token_hash"])
    return saved


# ---- Staff entry of paper questionnaires and interviews ---------------------------------------------------

@transaction.atomic
def response_enter(*, survey, values, mode, entered_by, source="", questions=None):
    """A submitted response typed in by staff from a paper questionnaire or an interview."""
    response = Response(area=survey.area, survey=survey, version=survey.current_version, mode=mode, source=source,
                        entered_by=entered_by)
    return record_answers(response, values, questions=questions, complete=True)


@transaction.atomic
def response_update(response, *, values, mode, source="", questions=None):
    """Correct a staff-entered response (its answers, how it was collected and its source)."""
    response.mode = mode
    response.source = source
    return record_answers(response, values, questions=questions, complete=True)


def response_delete(response):
    """Delete a response with its answers; its one-time code, if any, stays used."""
    response.delete()
