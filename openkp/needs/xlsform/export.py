"""Export of a survey's current version as an XLSForm workbook (see the package docstring)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from openkp.core.spreadsheets import add_table, new_workbook, workbook_bytes

from ..models import QuestionKind
from ..services.responses import questionnaire

OTHER = "other"
OTHER_SUFFIX = "__other"
HEADER_SUFFIX = "_header"
DEFAULT_LANGUAGE = "Czech (cs)"
SURVEY_COLUMNS = [("type", 26), ("name", 24), ("label", 60), ("hint", 40), ("required", 10), ("relevant", 40),
                  ("appearance", 16), ("constraint", 28), ("constraint_message", 36)]
CHOICE_COLUMNS = [("list_name", 20), ("name", 24), ("label", 50)]
SETTINGS_COLUMNS = [("form_title", 40), ("form_id", 30), ("version", 10), ("default_language", 18)]


# --- Export ----------------------------------------------------------------------------------------------


def export_xlsform(survey):
    """The XLSX bytes of the survey's current version as an XLSForm (for ODK Collect or KoboToolbox)."""
    version = survey.current_version
    questions = questionnaire(version)
    rows, choices = [], []
    unsectioned = [question for question in questions if question.section_id is None]
    for question in unsectioned:
        _question_rows(question, rows, choices)
    for number, section in enumerate(version.sections.all(), start=1):
        members = [question for question in questions if question.section_id == section.pk]
        if not members:
            continue
        name = f"oddil_{number}"
        rows.append(_row("begin_group", name, section.title))
        if section.description:
            rows.append(_row("note", f"{name}_popis", section.description))
        for question in members:
            _question_rows(question, rows, choices)
        rows.append(_row("end_group", name))
    workbook = new_workbook()
    add_table(workbook, "survey", SURVEY_COLUMNS, [[row.get(column, "") for column, _width in SURVEY_COLUMNS] for row in rows])
    add_table(workbook, "choices", CHOICE_COLUMNS, choices)
    add_table(workbook, "settings", SETTINGS_COLUMNS, [[survey.title, survey.slug, str(version.number), DEFAULT_LANGUAGE]])
    return workbook_bytes(workbook)


def _row(type_, name, label="", **columns):
    return {"type": type_, "name": name, "label": label, **columns}


def _question_rows(question, rows, choices):
    code = question.code
    common = {"hint": question.help_text, "required": "yes" if question.required else "", "relevant": relevant_expression(question)}
    if question.kind == QuestionKind.MATRIX:
        choices.extend([code, choice.value, choice.label] for choice in question.choices.all())
        # The header row carries the question (ODK shows its label beside the column headings), so the group needs none.
        rows.append(_row("begin_group", code, appearance="field-list", relevant=common["relevant"]))
        rows.append(_row(f"select_one {code}", f"{code}{HEADER_SUFFIX}", question.text, hint=question.help_text, appearance="label"))
        for matrix_row in question.rows.all():
            rows.append(_row(f"select_one {code}", f"{code}__{matrix_row.value}", matrix_row.label, appearance="list-nolabel",
                             required=common["required"]))
        rows.append(_row("end_group", code))
    elif question.is_choice:
        choices.extend([code, choice.value, choice.label] for choice in question.choices.all())
        select = "select_multiple" if question.kind == QuestionKind.MULTIPLE else "select_one"
        appearance = "likert" if question.kind == QuestionKind.SCALE else ""
        rows.append(_row(f"{select} {code}", code, question.text, appearance=appearance, **common))
        if any(choice.is_other for choice in question.choices.all()):
            rows.append(_row("text", f"{code}{OTHER_SUFFIX}", _("Jiné – upřesněte"), relevant=f"selected(${{{code}}}, '{OTHER}')"))
    elif question.kind == QuestionKind.NUMBER:
        bounds = [value for value in (question.min_value, question.max_value) if value is not None]
        whole = bool(bounds) and all(value == int(value) for value in bounds)
        constraint = " and ".join(f". {operator} {_plain_number(value)}" for operator, value in
                                  ((">=", question.min_value), ("<=", question.max_value)) if value is not None)
        message = _("Zadejte číslo v rozsahu %(range)s.") % {"range": _range_text(question)} if constraint else ""
        rows.append(_row("integer" if whole else "decimal", code, question.text, constraint=constraint, constraint_message=message, **common))
    else:
        appearance = "multiline" if question.kind == QuestionKind.LONG_TEXT else ""
        rows.append(_row("text", code, question.text, appearance=appearance, **common))


def relevant_expression(question):
    """The question's condition as an XLSForm ``relevant``: ``${q4} = 'ano'`` or ``selected(${q4}, 'ano')``."""
    condition = question.show_if_question
    if condition is None or not question.show_if_values:
        return ""
    reference = f"${{{condition.code}}}"
    if condition.kind == QuestionKind.MULTIPLE:
        return " or ".join(f"selected({reference}, '{value}')" for value in question.show_if_values)
    return " or ".join(f"{reference} = '{value}'" for value in question.show_if_values)


def _plain_number(value):
    value = Decimal(value)
    return str(int(value)) if value == int(value) else format(value.normalize(), "f")


def _range_text(question):
    low = _plain_number(question.min_value) if question.min_value is not None else "…"
    high = _plain_number(question.max_value) if question.max_value is not None else "…"
    return f"{low}–{high}"


# --- Import: reading the file ----------------------------------------------------------------------------
