"""Import of answers from an XLSX or CSV table into a survey: read the table, map its columns to questions,
check every row, then store every row in one transaction, or none.

A column holds one question (a choice's code or label, several of them separated by ``;`` or ``,`` for
multiple choice, a number, a text), one choice of a multiple-choice question as 0/1 (``code/value``, as in
the raw data export), one row of a matrix (``code/row``) or the text of a picked "jiné" (``code__other``).
Choices match by code or label, regardless of case and diacritics.
"""

import csv
import json
import os
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openkp.catalog.text import strip_diacritics
from openkp.core.municipalities import decode_csv
from openkp.core.periodic import periodic
from openkp.core.spreadsheets import SpreadsheetError, csv_rows, open_workbook, row_limit, sheet_rows

from .models import Answer, QuestionKind, Response
from .services.responses import answer_rows, questionnaire, shown_questions
from .xlsform.reading import short_value

PREVIEW_ROWS = 10
MAX_NUMBER = Decimal(10) ** 10  # Answer.number has 12 digits, two of them decimal
TRUE_FLAGS = {"1", "x", "ano", "a", "yes", "y", "true", "pravda"}
FALSE_FLAGS = {"", "0", "ne", "n", "no", "false", "nepravda"}
TOKEN_PATTERN = re.compile(r"[0-9a-f]{32}")
NOT_TABLES = {b"%PDF": "PDF", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"\xd0\xcf\x11\xe0": "XLS/DOC"}


class AnswerImportError(Exception):
    """The file or its rows cannot be imported; ``errors`` says what and where (Czech)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def fold(text):
    """Case- and diacritics-insensitive form for matching headers and choices."""
    return " ".join(strip_diacritics(str(text)).casefold().split())


# --- Reading the file ------------------------------------------------------------------------------------

@dataclass
class Table:
    """The file's header and its non-empty rows as texts, with the file's row numbers."""

    headers: list
    rows: list  # (row number, [cell texts])
    notes: list = field(default_factory=list)

    def column_title(self, index):
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(index + 1)
        return f"{letter}: {self.headers[index]}" if self.headers[index] else _("sloupec %(letter)s") % {"letter": letter}

    def samples(self, count=3):
        """Up to ``count`` different non-empty values of each column, to recognise it by."""
        found = [[] for _header in self.headers]
        for _number, cells in self.rows[:200]:
            for index, value in enumerate(cells):
                if value and len(found[index]) < count and value not in found[index]:
                    found[index].append(value[:40])
        return found


def read_table(data):
    """A :class:`Table` from XLSX or CSV bytes (recognised by content, not by name), read once, row by row;
    more rows than ``settings.IMPORT_MAX_ROWS`` are refused as soon as the first one over is read."""
    if not data.strip():
        raise AnswerImportError([_("Soubor je prázdný.")])
    try:
        if data.startswith(b"PK\x03\x04"):
            headers, rows, notes = _read_xlsx(data)
        else:
            kind = next((name for signature, name in NOT_TABLES.items() if data.startswith(signature)), None)
            if kind or b"\x00" in data[:4096]:
                raise AnswerImportError([_("Soubor není tabulka XLSX ani CSV%(kind)s. Uložte ho v Excelu jako „Sešit Excelu (.xlsx)“ nebo „CSV“.")
                                         % {"kind": f" ({kind})" if kind else ""}])
            headers, rows, notes = _read_csv(data)
    except SpreadsheetError as error:
        raise AnswerImportError(error.errors) from None
    width = max((index + 1 for index, header in enumerate(headers) if header), default=0)
    if not width:
        raise AnswerImportError([_("První řádek souboru musí obsahovat názvy sloupců.")])
    table, empty = Table(headers=headers[:width], rows=[], notes=notes), 0
    for number, cells in rows:
        cells = (list(cells) + [""] * width)[:width]
        if any(cells):
            table.rows.append((number, cells))
        else:
            empty += 1
    if not table.rows:
        raise AnswerImportError([_("Pod řádkem s názvy sloupců nejsou žádné odpovědi.")])
    if empty:
        table.notes.append(_("Prázdné řádky (%(count)s) jsou vynechány.") % {"count": empty})
    return table


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(data):
    workbook = open_workbook(data, error_message=_("Soubor vypadá jako ZIP, ale není to čitelný sešit XLSX. "
                                                   "Otevřete ho v Excelu a uložte znovu jako .xlsx."))
    try:
        sheet, notes = workbook.worksheets[0], []
        if len(workbook.worksheets) > 1:
            notes.append(_("Čte se jen první list „%(sheet)s“; další listy (%(others)s) se nepřevádějí.")
                         % {"sheet": sheet.title, "others": ", ".join(f"„{other.title}“" for other in workbook.worksheets[1:])})
        lines = sheet_rows(sheet, row_limit("answers"))
        headers = [cell_text(value) for value in next(lines, (1, ()))[1]]
        rows = [(number, [cell_text(value) for value in values]) for number, values in lines]
    finally:
        workbook.close()
    return headers, rows, notes


def _read_csv(data):
    try:
        text = decode_csv(data)
    except UnicodeDecodeError:
        raise AnswerImportError([_("Kódování souboru CSV se nepodařilo rozpoznat; uložte ho jako CSV v UTF-8.")]) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    try:
        lines = csv_rows(text, row_limit("answers"), delimiter=delimiter)
        headers = [cell.strip() for cell in next(lines, (1, []))[1]]
        rows = [(number, [cell.strip() for cell in cells]) for number, cells in lines]
    except csv.Error as error:
        raise AnswerImportError([_("Soubor CSV nejde přečíst: %(error)s") % {"error": error}]) from None
    return headers, rows, []


# --- The parsed table between the steps ------------------------------------------------------------------
# The upload is read once; the mapping, the preview and the import read the parsed table from a private JSON
# file named by a random token that only the user's session knows. A finished import removes it, an
# abandoned one is removed by :func:`remove_stale_tables` after a day.

TABLE_FILE_PREFIX = "answers-"
STALE_TABLE_SECONDS = 24 * 60 * 60


def _table_folder():
    from django.conf import settings

    return Path(settings.IMPORT_WORK_DIR)


def _table_file(token):
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        return None
    return _table_folder() / f"{TABLE_FILE_PREFIX}{token}.json"


def save_table(table):
    """Keep ``table`` for the next steps; returns its token."""
    folder = _table_folder()
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    path = _table_file(token)
    partial = path.with_suffix(".part")
    with open(partial, "w", encoding="utf-8") as file:
        json.dump({"headers": table.headers, "rows": table.rows, "notes": table.notes}, file, ensure_ascii=False, separators=(",", ":"))
    os.replace(partial, path)
    return token


def load_table(token):
    """The table kept under ``token``, or None when it is gone (finished, removed as stale, or never there)."""
    path = _table_file(token)
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as file:
            stored = json.load(file)
    except (OSError, ValueError):
        return None
    return Table(headers=stored["headers"], rows=[(number, cells) for number, cells in stored["rows"]], notes=stored["notes"])


def discard_table(token):
    path = _table_file(token)
    if path is not None:
        path.unlink(missing_ok=True)


@periodic("needs.remove_stale_answer_tables")
def remove_stale_tables(now=None):
    """Tables of imports nobody finished within a day."""
    folder = _table_folder()
    if not folder.is_dir():
        return 0
    threshold = (now.timestamp() if now else time.time()) - STALE_TABLE_SECONDS
    removed = 0
    for path in folder.glob(f"{TABLE_FILE_PREFIX}*"):
        try:
            if path.stat().st_mtime < threshold:
                path.unlink(missing_ok=True)
                removed += 1
        except OSError:
            pass
    return removed


# --- Columns and questions -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    """What a column can hold: a question's answer, one of its choices as 0/1, a matrix row, or a "jiné" text."""

    key: str
    label: str
    question: object
    part: str  # "value", "flag", "row" or "other"
    item: object = None


def _short(text, length=70):
    return text if len(text) <= length else text[: length - 1] + "…"


def column_targets(questions):
    """Every target of the questionnaire, in its order."""
    targets = []
    for question in questions:
        code, text = question.code, _short(question.text)
        if question.kind == QuestionKind.MATRIX:
            targets += [Target(f"{code}/{row.value}", f"{code}/{row.value} – {text}: {row.label}", question, "row", row)
                        for row in question.rows.all()]
        else:
            targets.append(Target(code, f"{code} – {text}", question, "value"))
        if question.kind == QuestionKind.MULTIPLE:
            targets += [Target(f"{code}/{choice.value}", f"{code}/{choice.value} – {text}: {choice.label} (0/1)", question, "flag", choice)
                        for choice in question.choices.all()]
        if any(choice.is_other for choice in question.choices.all()):
            targets.append(Target(f"{code}__other", f"{code}__other – {text}: {_('jiné, upřesnění')}", question, "other"))
    return targets


def suggested_mapping(table, targets):
    """The target of each column whose header is a question code (or ``code/value``) or the question's text."""
    names = {}
    for target in targets:
        names.setdefault(fold(target.key), target.key)
        if target.part == "value":
            names.setdefault(fold(target.question.text), target.key)
    mapping, used = [], set()
    for header in table.headers:
        key = names.get(fold(header), "")
        mapping.append("" if key in used else key)
        used.add(key)
    return mapping


# --- Checking the rows -----------------------------------------------------------------------------------

@dataclass
class CheckedRows:
    rows: list = field(default_factory=list)  # (row number, {code: value}) ready for services.responses
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)


class _Choices:
    """A question's choices by code and by label, both folded."""

    def __init__(self, question):
        self.question = question
        self.by_name = {}
        for choice in question.choices.all():
            self.by_name.setdefault(choice.value, choice.value)
            self.by_name.setdefault(fold(choice.value), choice.value)
            self.by_name.setdefault(fold(choice.label), choice.value)

    def find(self, value):
        # Answers collected with the original form carry a choice name over 60 characters that the XLSForm import shortened.
        return self.by_name.get(value) or self.by_name.get(fold(value)) or self.by_name.get(short_value(value))

    def known(self):
        return ", ".join(choice.value for choice in self.question.choices.all()[:12])


def check_rows(table, mapping, questions):
    """Convert every row to ``{code: value}``; every problem is listed with its row and column."""
    by_key = {target.key: target for target in column_targets(questions)}
    columns = [(index, by_key[key]) for index, key in enumerate(mapping) if key in by_key]
    result = CheckedRows()
    if not columns:
        result.errors.append(_("Žádný sloupec není přiřazen k otázce; vyberte u sloupců, kterou otázku obsahují."))
        return result
    choices = {question.code: _Choices(question) for question in questions}
    mapped_codes = {target.question.code: table.column_title(index) for index, target in columns}
    for question in questions:
        if question.required and question.show_if_question_id is None and question.code not in mapped_codes:
            result.errors.append(_("Povinná otázka „%(code)s – %(text)s“ nemá přiřazený sloupec.") % {"code": question.code, "text": question.text})
    titles = {index: table.column_title(index) for index, _target in columns}
    empty = 0
    for number, cells in table.rows:
        if not any(cells[index] for index, _target in columns):
            empty += 1
            continue
        values = {}

        def where(index, number=number):  # only worded when there is an error to report
            return _where(number, titles[index])

        for index, target in columns:
            if cells[index]:
                _convert(values, target, cells[index], choices, result.errors, lambda index=index: where(index))
        _settle_other(values, columns, cells, result.errors, where)
        _check_required(values, questions, mapped_codes, number, result.errors)
        result.rows.append((number, values))
    if empty:
        result.notes.append(_("Řádky bez odpovědí v přiřazených sloupcích (%(count)s) jsou vynechány.") % {"count": empty})
    return result


def _where(number, column):
    return _("Řádek %(row)s, sloupec „%(column)s“") % {"row": number, "column": column}


def _convert(values, target, cell, choices, errors, where):
    question, code = target.question, target.question.code
    if target.part == "flag":
        flag = fold(cell)
        if flag in TRUE_FLAGS:
            _add_choice(values, code, target.item.value)
        elif flag not in FALSE_FLAGS:
            errors.append(_("%(where)s: čekáme 1 (vybráno) nebo 0, ne „%(value)s“.") % {"where": where(), "value": cell})
    elif target.part == "other":
        values[f"{code}__other"] = cell  # the choice "jiné" itself is settled once the whole row is read
    elif target.part == "row" or question.is_choice:
        parts = [cell]
        if question.kind == QuestionKind.MULTIPLE and choices[code].find(cell) is None:
            parts = [part.strip() for part in cell.split(";" if ";" in cell else ",") if part.strip()]
        for part in parts:
            value = choices[code].find(part)
            if value is None:
                errors.append(_("%(where)s: neznámá možnost „%(value)s“ (možnosti: %(known)s).") % {"where": where(), "value": part, "known": choices[code].known()})
            elif target.part == "row":
                values.setdefault(code, {})[target.item.value] = value
            elif question.kind == QuestionKind.MULTIPLE:
                _add_choice(values, code, value)
            else:
                values[code] = value
    elif question.kind == QuestionKind.NUMBER:
        number = _number(cell)
        if number is None:
            errors.append(_("%(where)s: „%(value)s“ není číslo.") % {"where": where(), "value": cell})
        elif (question.min_value is not None and number < question.min_value) or (question.max_value is not None and number > question.max_value):
            errors.append(_("%(where)s: číslo %(value)s je mimo povolený rozsah %(low)s až %(high)s.") % {
                "where": where(), "value": cell, "low": _bound(question.min_value), "high": _bound(question.max_value)})
        else:
            values[code] = number
    else:
        values[code] = cell


def _settle_other(values, columns, cells, errors, where):
    """A filled-in "jiné" text picks the choice "jiné" too; with another single choice picked, it would be lost."""
    for index, target in columns:
        if target.part != "other" or not cells[index]:
            continue
        code = target.question.code
        if target.question.kind == QuestionKind.MULTIPLE:
            _add_choice(values, code, "other")
        elif values.setdefault(code, "other") != "other":
            errors.append(_("%(where)s: text „jiné“ je vyplněný, ale vybraná odpověď je „%(value)s“; nechte jen jedno.")
                          % {"where": where(index), "value": values[code]})


def _add_choice(values, code, value):
    picked = values.setdefault(code, [])
    if value not in picked:
        picked.append(value)


def _number(text):
    try:
        number = Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= MAX_NUMBER:
        return None
    return number.quantize(Decimal("0.01"))


def _bound(value):
    return "…" if value is None else f"{value.normalize():f}"


def _check_required(values, questions, mapped_codes, number, errors):
    for question in shown_questions(questions, values):
        if question.required and question.code in mapped_codes and values.get(question.code) in (None, "", [], {}):
            errors.append(_("Řádek %(row)s: chybí povinná odpověď na otázku „%(code)s“ (sloupec „%(column)s“).")
                          % {"row": number, "code": question.code, "column": mapped_codes[question.code]})


# --- Preview and import ----------------------------------------------------------------------------------

def preview(checked, questions, mapping):
    """The first rows as they will be stored: ``(questions shown, [(row number, [text per question])])``."""
    mapped = {key.split("/")[0].removesuffix("__other") for key in mapping if key}
    columns = [question for question in questions if question.code in mapped]
    rows = []
    for number, values in checked.rows[:PREVIEW_ROWS]:
        stored = {}
        for answer in answer_rows(Response(), questions, values):
            stored.setdefault(answer.question.code, []).append(_answer_text(answer))
        rows.append((number, ["; ".join(stored.get(question.code, [])) for question in columns]))
    return columns, rows


def _answer_text(answer):
    if answer.row is not None:
        return f"{answer.row.label}: {answer.choice.label}"
    if answer.choice is not None:
        return f"{answer.choice.label}: {answer.text}" if answer.choice.is_other and answer.text else answer.choice.label
    if answer.number is not None:
        return f"{answer.number.normalize():f}".replace(".", ",")
    return _short(answer.text, 100)


@dataclass
class ImportResult:
    responses: int
    answers: int
    notes: list


def import_answers(*, survey, user, source, table, mapping):
    """Store every row of ``table`` as a complete imported response of the survey's current version.
    All or nothing: raises :class:`AnswerImportError` with every problem and writes nothing."""
    version = survey.current_version
    questions = questionnaire(version)
    checked = check_rows(table, mapping, questions)
    if checked.errors:
        raise AnswerImportError(checked.errors)
    now = timezone.now()
    with transaction.atomic():
        responses = Response.objects.bulk_create([
            Response(area=survey.area, survey=survey, version=version, mode=Response.Mode.IMPORT, status=Response.Status.COMPLETE,
                     entered_by=user, source=source[:200], submitted_at=now)
            for _row in checked.rows
        ], batch_size=500)
        answers = [answer for response, (_number, values) in zip(responses, checked.rows, strict=True)
                   for answer in answer_rows(response, questions, values)]
        Answer.objects.bulk_create(answers, batch_size=1000)
    return ImportResult(responses=len(responses), answers=len(answers), notes=table.notes + checked.notes)
