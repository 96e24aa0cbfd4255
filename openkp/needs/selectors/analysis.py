"""Reads of the analysis of survey answers: frequencies, numbers, open texts and crosstabs.

Everything is counted in the database (GROUP BY over answers by question and choice ids); Python only
arranges the aggregated rows, so a page takes the same number of queries for ten responses and for
100,000. Questions of different versions are put together by ``Question.code``, choices by ``Choice.value``.
Only complete responses are analysed.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from openkp.core.typography import format_number

from ..models import Answer, Question, QuestionKind, Response
from ..models.surveys import CHOICE_KINDS, TEXT_KINDS

# The mode of collection can be crossed like a question; the colon keeps it apart from any question code (a slug).
MODE = ":mode"
CROSSABLE_KINDS = CHOICE_KINDS - {QuestionKind.MATRIX}
# Generated pickers (target groups, districts) have dozens of choices: their crosstabs leave out what nobody picked.
LONG_LIST = 12


@dataclass
class Selection:
    """Which responses are analysed: complete ones of ``survey``, optionally of one ``version``, one ``mode``
    of collection, and having picked given choices (``{code: [values]}``: any of the values, every code)."""

    survey: object
    version: object = None
    mode: str = ""
    choices: dict = field(default_factory=dict)


@dataclass(eq=False)
class AnalysedQuestion:
    """A question as analysed: the same code in every version, with the choices and rows of all of them."""

    code: str
    kind: str
    text: str
    choices: list = field(default_factory=list)  # [(value, label)], the newest version's order first
    rows: list = field(default_factory=list)  # matrix rows [(value, label)]
    ids: set = field(default_factory=set)  # Question pks in all versions
    version_ids: set = field(default_factory=set)
    condition: tuple | None = None  # (code, values): shown only to those who picked one of the values

    @property
    def is_choice(self):
        return self.kind in CHOICE_KINDS

    @property
    def is_text(self):
        return self.kind in TEXT_KINDS

    @property
    def is_crossable(self):
        return self.kind in CROSSABLE_KINDS

    @property
    def kind_label(self):
        return QuestionKind(self.kind).label


@dataclass
class Questionnaire:
    questions: list  # [AnalysedQuestion] in order
    choice_values: dict  # Choice pk -> value
    row_values: dict  # MatrixRow pk -> value
    version_ids: set

    def get(self, code):
        return next((question for question in self.questions if question.code == code), None)

    def crossable(self):
        return [question for question in self.questions if question.is_crossable]


def questionnaire(survey, version=None):
    """The survey's questions merged across versions by code (three queries); with ``version`` only its questions."""
    questions = Question.objects.filter(version__survey=survey).select_related("version", "show_if_question")
    if version is not None:
        questions = questions.filter(version=version)
    questions = questions.prefetch_related("choices", "rows").order_by("-version__number", "order", "pk")
    merged, choice_values, row_values, version_ids = {}, {}, {}, set()
    for question in questions:
        item = merged.get(question.code)
        if item is None:  # the newest version gives the text, the order and the condition
            condition = (question.show_if_question.code, [str(value) for value in question.show_if_values]) if question.show_if_question else None
            item = merged[question.code] = AnalysedQuestion(code=question.code, kind=question.kind, text=question.text, condition=condition)
        item.ids.add(question.pk)
        item.version_ids.add(question.version_id)
        version_ids.add(question.version_id)
        known = {value for value, _label in item.choices}
        for choice in question.choices.all():
            choice_values[choice.pk] = choice.value
            if choice.value not in known:
                item.choices.append((choice.value, choice.label))
                known.add(choice.value)
        known_rows = {value for value, _label in item.rows}
        for row in question.rows.all():
            row_values[row.pk] = row.value
            if row.value not in known_rows:
                item.rows.append((row.value, row.label))
                known_rows.add(row.value)
    return Questionnaire(list(merged.values()), choice_values, row_values, version_ids)


def selected_responses(selection):
    """Complete responses of the selection (a queryset; filters on choices are subqueries of response ids)."""
    survey = selection.survey
    responses = Response.objects.for_area(survey.area).filter(survey=survey, status=Response.Status.COMPLETE)
    if selection.version is not None:
        responses = responses.filter(version=selection.version)
    if selection.mode:
        responses = responses.filter(mode=selection.mode)
    for code, values in selection.choices.items():
        responses = responses.filter(pk__in=_picked(survey, code, values))
    return responses


def _picked(survey, code, values):
    """Ids of the survey's responses that picked one of ``values`` in question ``code``: an uncorrelated subquery on
    the (question, choice) index, evaluated once (a correlated EXISTS per answer was 10 × slower at 100,000 responses)."""
    return Answer.objects.filter(question__version__survey=survey, question__code=code, choice__value__in=values).values("response_id")


def selected_answers(selection):
    """Answers of the selected responses, filtered through the join on the response."""
    survey = selection.survey
    answers = Answer.objects.filter(response__survey=survey, response__area=survey.area, response__status=Response.Status.COMPLETE)
    if selection.version is not None:
        answers = answers.filter(response__version=selection.version)
    if selection.mode:
        answers = answers.filter(response__mode=selection.mode)
    for code, values in selection.choices.items():
        answers = answers.filter(response_id__in=_picked(survey, code, values))
    return answers


# --- frequencies -----------------------------------------------------------------------------------

@dataclass
class ChoiceCount:
    value: str
    label: str
    count: int
    percent: float | None


@dataclass
class MatrixRowResult:
    value: str
    label: str
    answered: int
    cells: list  # [ChoiceCount] per choice, percent of the row's answers


@dataclass
class NumberStats:
    n: int
    mean: Decimal | None
    median: Decimal | None
    minimum: Decimal | None
    maximum: Decimal | None

    @property
    def display(self):
        """The figures in Czech notation, decimals only where the value has them."""
        return {name: _number_text(getattr(self, name)) for name in ("n", "mean", "median", "minimum", "maximum")}


def _number_text(value):
    if value is None:
        return "–"
    return format_number(value, 0 if value == int(value) else 2)


@dataclass
class QuestionResult:
    question: AnalysedQuestion
    respondents: int  # all selected responses
    applied: int  # responses to which the question applied (right version, condition met)
    answered: int  # the base n
    choices: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    stats: NumberStats | None = None

    @property
    def missing(self):
        return max(self.applied - self.answered, 0)


@dataclass
class Analysis:
    selection: Selection
    questionnaire: Questionnaire
    respondents: int
    results: list  # [QuestionResult]
    by_mode: list  # [ChoiceCount] respondents per mode of collection


def _percent(count, base):
    return round(100 * count / base, 1) if base else None


def analyse(selection, questionnaire_=None):
    """Frequencies of every question of the selection, in a constant number of queries:
    choice counts, distinct respondents of multiple-choice and matrix questions, number statistics,
    medians, and the respondents to whom each question applied (with the total and the modes)."""
    merged = questionnaire_ or questionnaire(selection.survey, selection.version)
    matrix_ids = [pk for question in merged.questions if question.kind == QuestionKind.MATRIX for pk in question.ids]
    other_ids = [pk for question in merged.questions if question.kind != QuestionKind.MATRIX for pk in question.ids]
    # (question pk, row pk, choice pk) -> count; text and number answers have no choice, only matrices have rows
    counts = {(question_id, None, choice_id): n for (question_id, choice_id), n in
              _additive(selection, other_ids, ("question_id", "choice_id"), Count("id")).items()}
    counts.update(_additive(selection, matrix_ids, ("question_id", "row_id", "choice_id"), Count("id")))
    distinct_ids = [pk for question in merged.questions if question.kind in (QuestionKind.MULTIPLE, QuestionKind.MATRIX) for pk in question.ids]
    distinct = {question_id: n for (question_id,), n in
                _additive(selection, distinct_ids, ("question_id",), Count("response_id", distinct=True)).items()}
    numbers = _number_stats(selected_answers(selection), [question for question in merged.questions if question.kind == QuestionKind.NUMBER])
    applied, by_mode = _applied(selected_responses(selection), merged)
    results = []
    for index, question in enumerate(merged.questions):
        result = QuestionResult(question=question, respondents=applied["total"], applied=applied.get(f"q{index}", applied["total"]), answered=0)
        by_choice, by_row = {}, {}
        for (question_id, row_id, choice_id), count in counts.items():
            if question_id not in question.ids:
                continue
            if choice_id is None:
                result.answered += count
            elif row_id is None:
                value = merged.choice_values[choice_id]
                by_choice[value] = by_choice.get(value, 0) + count
            else:
                key = (merged.row_values[row_id], merged.choice_values[choice_id])
                by_row[key] = by_row.get(key, 0) + count
        if question.kind in (QuestionKind.MULTIPLE, QuestionKind.MATRIX):
            result.answered = sum(distinct.get(pk, 0) for pk in question.ids)
        elif question.is_choice:
            result.answered = sum(by_choice.values())
        result.choices = [ChoiceCount(value, label, by_choice.get(value, 0), _percent(by_choice.get(value, 0), result.answered))
                          for value, label in question.choices]
        if question.kind == QuestionKind.MATRIX:
            for row_value, row_label in question.rows:
                row_counts = [by_row.get((row_value, value), 0) for value, _label in question.choices]
                row_total = sum(row_counts)
                result.rows.append(MatrixRowResult(row_value, row_label, row_total, [
                    ChoiceCount(value, label, count, _percent(count, row_total)) for (value, label), count in zip(question.choices, row_counts)]))
        if question.kind == QuestionKind.SCALE:
            result.stats = _scale_stats(result.choices)
        elif question.kind == QuestionKind.NUMBER:
            result.stats = numbers.get(question.code, NumberStats(0, None, None, None, None))
        results.append(result)
    return Analysis(selection=selection, questionnaire=merged, respondents=applied["total"], results=results, by_mode=by_mode)


def _additive(selection, ids, fields, aggregate):
    """``{values of fields: aggregate}`` over the answers to the questions ``ids`` of the selected responses, for
    an aggregate that adds up over disjoint sets of responses (counts, distinct respondents).

    Filtering through the join on the response reads every answer row; for the whole survey it is much faster
    to aggregate all answers to its questions (the indexes on question cover them) and subtract those of
    unfinished responses, which are few. Filters on the mode or on choices need the join."""
    if not ids:
        return {}

    def grouped(answers):
        return {tuple(row[:-1]): row[-1] for row in answers.filter(question_id__in=ids).values_list(*fields).annotate(n=aggregate).order_by()}

    if selection.mode or selection.choices:
        return grouped(selected_answers(selection))
    totals = grouped(Answer.objects.all())
    unfinished = Response.objects.filter(survey=selection.survey).exclude(status=Response.Status.COMPLETE)
    for key, value in grouped(Answer.objects.filter(response__in=unfinished.values("pk"))).items():
        totals[key] -= value
    return totals


def _applied(responses, merged):
    """Total of the selected responses and, per question that not every response saw, how many saw it
    (responses of the versions having the question, whose answers met its condition): one query; plus
    respondents per mode of collection: a second one."""
    aggregates = {"total": Count("pk")}
    for index, question in enumerate(merged.questions):
        condition = Q()
        if question.version_ids != merged.version_ids:
            condition &= Q(version_id__in=question.version_ids)
        if question.condition:
            code, values = question.condition
            condition &= Q(Exists(Answer.objects.filter(response=OuterRef("pk"), question__code=code, choice__value__in=values)))
        if condition:
            aggregates[f"q{index}"] = Count("pk", filter=condition)
    applied = responses.aggregate(**aggregates)
    modes = dict(responses.values("mode").annotate(n=Count("pk")).order_by().values_list("mode", "n"))
    by_mode = [ChoiceCount(value, label, modes.get(value, 0), _percent(modes.get(value, 0), applied["total"]))
               for value, label in Response.Mode.choices]
    return applied, by_mode


def _scale_stats(choices):
    """Mean and median of a scale from its counts per point (the choice values are the points)."""
    points = [(Decimal(choice.value), choice.count) for choice in choices if choice.value.lstrip("-").isdigit() and choice.count]
    n = sum(count for _point, count in points)
    if not n:
        return NumberStats(0, None, None, None, None)
    mean = sum(point * count for point, count in points) / n
    ordered = sorted(points)

    def nth(position):  # the value at a 1-based position of the sorted answers
        seen = 0
        for point, count in ordered:
            seen += count
            if seen >= position:
                return point

    median = (nth((n + 1) // 2) + nth(n // 2 + 1)) / 2
    return NumberStats(n, mean.quantize(Decimal("0.01")), median, ordered[0][0], ordered[-1][0])


def _number_stats(answers, questions):
    """n, mean, min and max per number question (one GROUP BY) and the medians (one query with window functions,
    returning the one or two middle answers of each question)."""
    if not questions:
        return {}
    code_of = {pk: question.code for question in questions for pk in question.ids}
    numbers = answers.filter(question_id__in=code_of, number__isnull=False)
    totals = {}
    for row in numbers.values("question_id").annotate(n=Count("id"), total=Sum("number"), low=Min("number"), high=Max("number")).order_by():
        code = code_of[row["question_id"]]
        n, total, low, high = totals.get(code, (0, Decimal(0), None, None))
        totals[code] = (n + row["n"], total + row["total"], row["low"] if low is None else min(low, row["low"]),
                        row["high"] if high is None else max(high, row["high"]))
    middles = {}
    by_code = numbers.annotate(
        position=Window(RowNumber(), partition_by=[F("question__code")], order_by=[F("number").asc(), F("id").asc()]),
        size=Window(Count("id"), partition_by=[F("question__code")]),
    ).annotate(double=F("position") * 2).filter(double__gte=F("size"), double__lte=F("size") + 2)
    for code, number in by_code.values_list("question__code", "number"):
        middles.setdefault(code, []).append(number)
    stats = {}
    for code, (n, total, low, high) in totals.items():
        middle = middles.get(code) or [None]
        median = sum(middle) / len(middle) if None not in middle else None
        stats[code] = NumberStats(n, (total / n).quantize(Decimal("0.01")), median, low, high)
    return stats


def text_answers(selection, question):
    """Texts of an open question (and the texts of its "jiné" choice) in the order they came, for reading and coding."""
    return (selected_answers(selection).filter(question_id__in=question.ids).exclude(text="")
            .select_related("choice").order_by("response__submitted_at", "response_id", "id"))


# --- crosstab --------------------------------------------------------------------------------------

@dataclass
class Crosstab:
    row_question: AnalysedQuestion
    column_label: str
    columns: list  # [(value, label)]
    rows: list  # [{"value", "label", "cells": [(count, row percent)], "total"}]
    column_totals: list
    total: int


def _same(value):
    return value


def mode_question():
    """The mode of collection as a question of the crosstab."""
    return AnalysedQuestion(code=MODE, kind=QuestionKind.SINGLE, text=_("Způsob sběru"), choices=list(Response.Mode.choices))


def crosstab(selection, merged, row_code, column_code):
    """Respondents per pair of choices of two choice questions (or a question × the mode of collection), with
    row and column totals (respondents who answered both questions) and row percentages; four queries.
    With a multiple-choice question a respondent counts in several cells, so the cells may add up to more."""
    row_question = merged.get(row_code)
    column_question = mode_question() if column_code == MODE else merged.get(column_code)
    if row_question is None or column_question is None or not row_question.is_crossable or not column_question.is_crossable:
        return None
    answers = selected_answers(selection)
    row_answers = answers.filter(question_id__in=row_question.ids, choice__isnull=False)
    if column_code == MODE:
        cells = row_answers.values_list("choice_id", "response__mode")
        row_totals = row_answers.values_list("choice_id")
        column_totals = selected_responses(selection).filter(Exists(Answer.objects.filter(response=OuterRef("pk"), question_id__in=row_question.ids)))
        column_totals = {mode: n for mode, n in column_totals.values("mode").annotate(n=Count("pk")).order_by().values_list("mode", "n")}
        column_value = _same
    else:
        # The same filter() puts both conditions on one join of the response's other answers.
        cells = row_answers.filter(response__answers__question_id__in=column_question.ids, response__answers__choice__isnull=False
                                   ).values_list("choice_id", "response__answers__choice_id")
        answered_column = Exists(Answer.objects.filter(response=OuterRef("response"), question_id__in=column_question.ids, choice__isnull=False))
        row_totals = row_answers.filter(answered_column).values_list("choice_id")
        answered_row = Exists(Answer.objects.filter(response=OuterRef("response"), question_id__in=row_question.ids, choice__isnull=False))
        column_totals = {}
        for choice_id, n in (answers.filter(question_id__in=column_question.ids, choice__isnull=False).filter(answered_row)
                             .values("choice_id").annotate(n=Count("id")).order_by().values_list("choice_id", "n")):
            value = merged.choice_values[choice_id]
            column_totals[value] = column_totals.get(value, 0) + n
        column_value = merged.choice_values.get
    counted = {}
    for row_id, column_key, n in cells.annotate(n=Count("id")).order_by():
        key = (merged.choice_values[row_id], column_value(column_key))
        counted[key] = counted.get(key, 0) + n
    totals = {}
    for row_id, n in row_totals.annotate(n=Count("id")).order_by().values_list("choice_id", "n"):
        totals[merged.choice_values[row_id]] = totals.get(merged.choice_values[row_id], 0) + n
    both = Exists(Answer.objects.filter(response=OuterRef("pk"), question_id__in=row_question.ids, choice__isnull=False))
    responses = selected_responses(selection).filter(both)
    if column_code != MODE:
        responses = responses.filter(Exists(Answer.objects.filter(response=OuterRef("pk"), question_id__in=column_question.ids, choice__isnull=False)))
    columns = _shown(column_question.choices, column_totals)
    rows = []
    for value, label in _shown(row_question.choices, totals):
        total = totals.get(value, 0)
        cells_of_row = [(counted.get((value, column), 0), _percent(counted.get((value, column), 0), total)) for column, _label in columns]
        rows.append({"value": value, "label": label, "cells": cells_of_row, "total": total})
    return Crosstab(row_question=row_question, column_label=column_question.text, columns=columns, rows=rows,
                    column_totals=[column_totals.get(value, 0) for value, _label in columns], total=responses.count())


def _shown(choices, totals):
    """All choices of a short list; of a long one only those somebody picked."""
    return choices if len(choices) <= LONG_LIST else [(value, label) for value, label in choices if totals.get(value)]
