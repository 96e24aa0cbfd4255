"""The questionnaire as a form: one field per question (named ``q-<code>``), validation per question with
Czech messages, and the layout the templates draw on screen and on paper (numbering, sections, conditions).

Values go in and out as ``{code: value}``, the format of ``services.responses``; what people typed is kept
as typed, so a page shown again after an error loses nothing.
"""

import json
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import QuestionKind, Response
from ..services.responses import parse_number, shown_questions

FIELD_PREFIX = "q-"
OTHER_KEY = "__other"
# Pickers (place, target group) with more choices than this are a drop-down list instead of radio buttons.
SELECT_ABOVE = 10
MAX_LENGTH = {QuestionKind.SHORT_TEXT: 500, QuestionKind.LONG_TEXT: 5000}


def field_name(question, row=None):
    """The HTML name of a question's field (of one matrix row when ``row`` is given)."""
    return f"{FIELD_PREFIX}{question.code}" if row is None else f"{FIELD_PREFIX}{question.code}__{row.value}"


def other_field_name(question):
    return f"{FIELD_PREFIX}{question.code}{OTHER_KEY}"


def _other_choice(question):
    return next((choice for choice in question.choices.all() if choice.is_other), None)


def plain_number(number):
    """``Decimal("67.00")`` → ``"67"``, ``Decimal("3.50")`` → ``"3,5"``: a number as a Czech would type it."""
    if number is None or number == "":
        return ""
    text = format(number.normalize(), "f") if hasattr(number, "normalize") else str(number)
    return text.replace(".", ",")


def values_from_post(questions, data):
    """The answers in a submitted form as ``{code: value}``, as typed (not yet validated).

    A text written under "jiné" counts as picking "jiné", so it is not lost when the box was left unticked.
    """
    values = {}
    for question in questions:
        name = field_name(question)
        if question.kind == QuestionKind.MATRIX:
            picked = {row.value: data.get(field_name(question, row), "").strip() for row in question.rows.all()}
            picked = {row: value for row, value in picked.items() if value}
            if picked:
                values[question.code] = picked
        elif question.kind == QuestionKind.MULTIPLE:
            picked = [value for value in data.getlist(name) if value]
            if picked:
                values[question.code] = picked
        else:
            value = data.get(name, "").strip()
            if value:
                values[question.code] = value
        other = _other_choice(question)
        if other is not None:
            text = data.get(other_field_name(question), "").strip()
            if text:
                values[question.code + OTHER_KEY] = text
                if question.kind == QuestionKind.MULTIPLE and other.value not in values.get(question.code, []):
                    values.setdefault(question.code, []).append(other.value)
                elif question.kind != QuestionKind.MULTIPLE and question.code not in values:
                    values[question.code] = other.value
    return values


def question_error(question, values, *, require=True):
    """The Czech message for what is wrong with the answer to ``question``, or "" when it is fine.

    ``require=False`` (staff typing in a paper form) accepts unanswered required questions and a "jiné"
    without its text: the paper says what it says.
    """
    value = values.get(question.code)
    choices = {choice.value: choice for choice in question.choices.all()}
    if question.kind == QuestionKind.MATRIX:
        rows = list(question.rows.all())
        value = value or {}
        if any(row not in {r.value for r in rows} or choice not in choices for row, choice in value.items()):
            return _("Vyberte prosím v každém řádku jednu z nabízených možností.")
        missing = [row.label for row in rows if row.value not in value]
        if require and question.required and missing:
            return _("Odpovězte prosím v každém řádku tabulky. Chybí: %(rows)s.") % {"rows": ", ".join(missing)}
        return ""
    if question.is_choice:
        picked = value if isinstance(value, list) else [value] if value else []
        if not picked:
            if require and question.required:
                if question.kind == QuestionKind.MULTIPLE:
                    return _("Vyberte prosím alespoň jednu možnost.")
                return _("Vyberte prosím jednu možnost.")
            return ""
        if any(item not in choices for item in picked) or (question.kind != QuestionKind.MULTIPLE and len(picked) > 1):
            return _("Vyberte prosím jednu z nabízených možností.")
        if require and any(choices[item].is_other for item in picked) and not values.get(question.code + OTHER_KEY):
            return _("Napište prosím, co myslíte možností „jiné“.")
        return ""
    if not value:
        if require and question.required:
            return _("Napište prosím číslo.") if question.kind == QuestionKind.NUMBER else _("Napište prosím odpověď.")
        return ""
    if question.kind == QuestionKind.NUMBER:
        return _number_error(question, value)
    limit = MAX_LENGTH.get(question.kind)
    if limit and len(value) > limit:
        return _("Odpověď je příliš dlouhá: má %(length)s znaků, vejde se nejvýše %(limit)s. Zkraťte ji prosím.") % {
            "length": len(value), "limit": limit}
    return ""


def _number_error(question, value):
    number = parse_number(value)
    if number is None:
        return _("Napište prosím číslo, například 42 nebo 3,5.")
    low, high = question.min_value, question.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            return _("Napište prosím číslo od %(low)s do %(high)s.") % {"low": plain_number(low), "high": plain_number(high)}
        if low is not None:
            return _("Napište prosím číslo %(low)s nebo větší.") % {"low": plain_number(low)}
        return _("Napište prosím číslo %(high)s nebo menší.") % {"high": plain_number(high)}
    return ""


def condition_answers(question, condition=None):
    """The answers that show ``question``, as „Ne“ or „Ne“ nebo „Nevím“ (labels of the condition's choices).
    ``condition``: the condition question with its choices already loaded, if at hand."""
    condition = condition or question.show_if_question
    labels = {choice.value: choice.label for choice in condition.choices.all()}
    wanted = [labels.get(str(value), str(value)) for value in question.show_if_values]
    return _(" nebo ").join(f"„{label}“" for label in wanted)


@dataclass
class Option:
    value: str
    label: str
    id: str
    checked: bool = False
    is_other: bool = False
    short_label: str = ""  # a scale point shows its number; the rest of its label is for screen readers
    hidden_label: str = ""


@dataclass
class MatrixLine:
    label: str
    name: str
    options: list


@dataclass
class QuestionItem:
    """One question as the templates draw it."""

    question: object
    number: int
    widget: str
    name: str
    id: str
    first_id: str
    value: str = ""
    options: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    other: Option = None
    other_name: str = ""
    other_value: str = ""
    error: str = ""
    condition: str = ""
    paper_condition: str = ""
    condition_code: str = ""
    condition_values: str = ""
    described_by: str = ""

    @property
    def code(self):
        return self.question.code


@dataclass
class SectionGroup:
    section: object
    items: list


def _widget(question):
    kind = question.kind
    if kind in (QuestionKind.PLACE, QuestionKind.TARGET_GROUP):
        return "select" if len(question.choices.all()) > SELECT_ABOVE else "radios"
    return {QuestionKind.SINGLE: "radios", QuestionKind.MULTIPLE: "checkboxes", QuestionKind.SCALE: "scale",
            QuestionKind.MATRIX: "matrix", QuestionKind.NUMBER: "number", QuestionKind.SHORT_TEXT: "text",
            QuestionKind.LONG_TEXT: "textarea"}[kind]


def question_item(question, number, numbers, values, error="", by_code=None):
    """What the template needs to draw one question with the given answers and error.
    ``numbers`` and ``by_code``: the questionnaire's numbers and questions by code (for conditions)."""
    base = f"{FIELD_PREFIX}{question.code}"
    item = QuestionItem(question=question, number=number, widget=_widget(question), name=field_name(question), id=base,
                        first_id=base, error=error)
    value = values.get(question.code)
    if question.kind == QuestionKind.MATRIX:
        value = value if isinstance(value, dict) else {}
        for row_index, row in enumerate(question.rows.all()):
            options = [Option(choice.value, choice.label, f"{base}-{row_index}-{index}", checked=value.get(row.value) == choice.value,
                              hidden_label=f"{row.label} – {choice.label}")
                       for index, choice in enumerate(question.choices.all())]
            item.lines.append(MatrixLine(row.label, field_name(question, row), options))
        item.options = [Option(choice.value, choice.label, "") for choice in question.choices.all()]
        item.first_id = item.lines[0].options[0].id if item.lines and item.lines[0].options else base
    elif question.is_choice:
        picked = set(value) if isinstance(value, list) else {value} if value else set()
        for index, choice in enumerate(question.choices.all()):
            option = Option(choice.value, choice.label, f"{base}-{index}", checked=choice.value in picked, is_other=choice.is_other)
            if question.kind == QuestionKind.SCALE:
                option.short_label = choice.value
                option.hidden_label = choice.label[len(choice.value):] if choice.label.startswith(choice.value) else f" – {choice.label}"
            item.options.append(option)
            if choice.is_other:
                item.other = option
        if item.widget != "select" and item.options:
            item.first_id = item.options[0].id
        if item.other is not None:
            item.other_name = other_field_name(question)
            item.other_value = values.get(question.code + OTHER_KEY, "")
        item.value = value if isinstance(value, str) else ""
    else:
        item.value = plain_number(value) if question.kind == QuestionKind.NUMBER and not isinstance(value, str) else (value or "")
    if question.show_if_question_id and question.show_if_question.code in numbers:
        condition = (by_code or {}).get(question.show_if_question.code, question.show_if_question)
        wording = {"number": numbers[condition.code], "answers": condition_answers(question, condition)}
        item.condition = _("Odpovězte, jen pokud jste v otázce %(number)s odpověděli %(answers)s.") % wording
        item.paper_condition = _("Pokud jste v otázce %(number)s odpověděli %(answers)s:") % wording
        item.condition_code = condition.code
        item.condition_values = json.dumps([str(value) for value in question.show_if_values])
    ids = [f"{base}-condition"] if item.condition else []
    ids += [f"{base}-help"] if question.help_text else []
    ids += [f"{base}-error"] if error else []
    item.described_by = " ".join(ids)
    return item


def layout(questions, values, errors=None):
    """The questions grouped by section (consecutive questions of one section form a group), numbered 1, 2, 3…"""
    errors = errors or {}
    numbers = {question.code: number for number, question in enumerate(questions, start=1)}
    by_code = {question.code: question for question in questions}
    groups = []
    for question in questions:
        item = question_item(question, numbers[question.code], numbers, values, errors.get(question.code, ""), by_code)
        if not groups or groups[-1].section != question.section:
            groups.append(SectionGroup(question.section, []))
        groups[-1].items.append(item)
    return groups


class AnswerForm:
    """The answers to one version of a questionnaire.

    Only the questions shown by their conditions are validated and kept (``services.responses.shown_questions``).
    """

    def __init__(self, questions, data=None, *, initial=None, require=True):
        self.questions = questions
        self.is_bound = data is not None
        self.values = values_from_post(questions, data) if self.is_bound else dict(initial or {})
        self.require = require
        self.errors = {}
        self.cleaned_values = None

    def is_valid(self):
        self.errors = {}
        cleaned = {}
        for question in shown_questions(self.questions, self.values):
            error = question_error(question, self.values, require=self.require)
            if error:
                self.errors[question.code] = error
            for key in (question.code, question.code + OTHER_KEY):
                if key in self.values:
                    cleaned[key] = self.values[key]
        self.cleaned_values = None if self.errors else cleaned
        return not self.errors

    @property
    def groups(self):
        """The questions to draw, with what was typed and the errors (after ``is_valid``)."""
        return layout(self.questions, self.values, self.errors)


def error_summary(groups):
    """(number, question, message, id of the field to jump to) of each error, in questionnaire order."""
    return [(item.number, item.question, item.error, item.first_id) for group in groups for item in group.items if item.error]


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Jednorázový kód"), max_length=40,
                           help_text=gettext_lazy("Najdete ho v pozvánce k dotazníku."),
                           error_messages={"required": gettext_lazy("Napište prosím kód z pozvánky.")},
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}))


class EntryForm(forms.Form):
    """How a staff-entered response was collected; the answers themselves are an AnswerForm."""

    mode = forms.ChoiceField(label=gettext_lazy("Způsob sběru"), widget=forms.RadioSelect,
                             choices=[(Response.Mode.PAPER, gettext_lazy("papírový dotazník")),
                                      (Response.Mode.INTERVIEW, gettext_lazy("rozhovor"))],
                             error_messages={"required": gettext_lazy("Vyberte, jak byly odpovědi získány.")})
    source = forms.CharField(label=gettext_lazy("Zdroj"), max_length=200, required=False,
                             help_text=gettext_lazy("Nepovinné: číslo papírového dotazníku nebo místo rozhovoru. Nepište jméno respondenta."))
