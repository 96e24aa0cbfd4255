"""Writes of responses: the answers of one filled-in questionnaire, from whatever collected them
(the public form, paper entry, an interview, an imported file, demo data).

Answers come as ``{question code: value}``: a choice's value (single, scale, place, target group), a list
of values (multiple), ``{row value: choice value}`` (matrix), a number, or a text; the text of a picked
"jiné" goes under ``"<code>__other"``. Answers to questions hidden by their condition are dropped.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from ..models import Answer, QuestionKind, Response
from ..text import lemma_text


def is_shown(question, values, shown_codes):
    """Whether ``question`` applies, given the answers so far (a condition on a hidden question is false)."""
    condition = question.show_if_question
    if condition is None:
        return True
    if condition.code not in shown_codes:
        return False
    given = values.get(condition.code)
    given = set(given) if isinstance(given, (list, tuple, set)) else {given}
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
                    answer.number = _decimal(value)
                rows.append(answer)
        elif question.kind == QuestionKind.NUMBER:
            number = _decimal(value)
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


def _decimal(value):
    try:
        return Decimal(str(value).replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except (InvalidOperation, ValueError):
        return None


@transaction.atomic
def record_answers(response, values, *, questions=None, complete=False):
    """Replace the response's answers by ``values``; ``complete`` marks it submitted."""
    questions = questions if questions is not None else questionnaire(response.version)
    response.answers.all().delete()
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
