"""Import of an XLSForm workbook as a new draft survey: read into a plan, then written in one transaction."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openkp.catalog.models import TargetGroup
from openkp.catalog.text import strip_diacritics

from ..models import Question, QuestionKind, Survey, SurveyVersion
from ..services.surveys import place_choices, question_add, section_add, survey_create
from .export import OTHER, OTHER_SUFFIX


class XLSFormError(Exception):
    """The file cannot be imported; ``errors`` says what is wrong and where (Czech)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass
class Node:
    """A row of the survey sheet; groups and repeats hold their rows in ``children``."""

    row: int
    type: str
    argument: str
    name: str
    label: str
    values: dict
    children: list = field(default_factory=list)

    def get(self, column):
        return self.values.get(column, "")


@dataclass
class PlannedQuestion:
    row: int
    code: str
    kind: str
    text: str
    section: int | None
    help_text: str = ""
    required: bool = False
    allow_other: bool = False
    choices: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    fields: dict = field(default_factory=dict)
    relevant: str = ""
    condition: tuple | None = None


@dataclass
class ImportPlan:
    """What the import will create, and what it leaves out and why."""

    title: str = ""
    sections: list = field(default_factory=list)  # [title, description]
    questions: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (row, name, reason)
    refused: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _fold(text):
    return strip_diacritics(text).casefold().strip()


def read_sheets(data):
    """``{sheet name (lower case): (headers, [(row number, {header: text})])}``; blank rows left out.
    Each sheet is streamed once; a sheet with more rows than ``settings.IMPORT_MAX_ROWS_XLSFORM`` is refused."""
    from openkp.core.spreadsheets import SpreadsheetError, open_workbook, row_limit, sheet_rows

    try:
        workbook = open_workbook(data, error_message=_("Soubor není sešit XLSX. Nahrajte formulář XLSForm uložený jako .xlsx (starý formát .xls nejde)."))
        try:
            sheets = {}
            for sheet in workbook.worksheets:
                lines = sheet_rows(sheet, row_limit("xlsform"))
                keys = [_column_key(_text(value)) for value in next(lines, (1, ()))[1]]
                rows = []
                for number, values in lines:
                    cells = {key: _text(value) for key, value in zip(keys, values) if key}
                    if any(cells.values()):
                        rows.append((number, cells))
                sheets[sheet.title.strip().lower()] = (keys, rows)
        finally:
            workbook.close()
    except SpreadsheetError as error:
        raise XLSFormError(error.errors) from None
    return sheets


def _column_key(header):
    """``Label::Czech (cs)`` → ``label::Czech (cs)``: the column in lower case, the language as written."""
    column, separator, language = header.partition("::")
    return column.strip().lower() + separator + language.strip()


def _is_czech(language):
    language = _fold(language)
    return "(cs)" in language or language in ("cs", "cz", "czech", "cestina", "cesky") or language.startswith(("czech", "cestin"))


def pick_column(headers, base, default_language=""):
    """The column to read ``base`` (label, hint) from: the Czech one, else the plain one, else the first translation."""
    translated = [header for header in headers if header.startswith(f"{base}::")]
    czech = [header for header in translated if _is_czech(header.split("::", 1)[1])]
    if czech and not (base in headers and _is_czech(default_language)):
        return czech[0]
    if base in headers:
        return base
    return translated[0] if translated else None


# --- Import: the plan ------------------------------------------------------------------------------------

SKIP_REASONS = {
    ("start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email", "audit",
     "start-geopoint", "background-audio", "background-geopoint"):
        gettext_lazy("údaj, který zaznamenává mobilní aplikace sama; OpenKP ho nepotřebuje"),
    ("calculate", "hidden"): gettext_lazy("výpočty a skryté hodnoty dotazník OpenKP nepoužívá"),
    ("geopoint", "geotrace", "geoshape"): gettext_lazy("polohu na mapě dotazník OpenKP nesbírá"),
    ("image", "audio", "video", "file", "barcode"): gettext_lazy("fotografie, zvuk, soubory a čárové kódy dotazník OpenKP nesbírá"),
    ("date", "time", "datetime"): gettext_lazy("datum a čas zatím OpenKP jako typ otázky nemá; doplňte otázku jako krátký text"),
    ("acknowledge", "trigger", "range", "rank", "select_one_from_file", "select_multiple_from_file", "xml-external",
     "csv-external"): gettext_lazy("tento typ otázky OpenKP nepodporuje"),
}
SKIPPED_TYPES = {type_: reason for types, reason in SKIP_REASONS.items() for type_ in types}
TRUE_VALUES = {"yes", "true", "1", "ano", "true()"}
CODE_PATTERN = re.compile(r"[-a-zA-Z0-9_]+")
CONDITION_ATOM = re.compile(r"""^\s*(?:selected\(\s*\$\{([^}]+)\}\s*,\s*(['"])(.*?)\2\s*\)|\$\{([^}]+)\}\s*=\s*(['"])(.*?)\5)\s*$""")
CONSTRAINT_ATOM = re.compile(r"^\s*\.\s*(>=|<=)\s*(-?\d+(?:[.,]\d+)?)\s*$")


def _split_type(raw):
    parts = re.sub(r"\s+", " ", raw.strip()).split(" ")
    base = parts[0].lower()
    if base in ("begin", "end", "select") and len(parts) > 1:  # "begin group", "select one list"
        base, parts = f"{base}_{parts[1].lower()}", parts[1:]
    argument = parts[1] if len(parts) > 1 else ""
    or_other = len(parts) > 2 and parts[2].lower() == "or_other"
    return base, argument, or_other


def parse_xlsform(data, *, area, filename=""):
    """Read an XLSForm into an :class:`ImportPlan`; raises :class:`XLSFormError` listing every problem."""
    sheets = read_sheets(data)
    if "survey" not in sheets:
        raise XLSFormError([_("V sešitu chybí list „survey“ s otázkami (nalezené listy: %(sheets)s).") % {"sheets": ", ".join(sheets) or "–"}])
    headers, rows = sheets["survey"]
    missing = [column for column in ("type", "name") if column not in headers]
    if missing:
        raise XLSFormError([_("Na listu „survey“ chybí sloupec „%(column)s“.") % {"column": column} for column in missing])
    settings_rows = sheets.get("settings", ([], []))[1]
    settings = settings_rows[0][1] if settings_rows else {}
    language = settings.get("default_language", "")
    plan = ImportPlan(title=settings.get("form_title") or filename.rsplit(".", 1)[0] or _("Importovaný dotazník"))
    choice_lists = _read_choices(sheets.get("choices"), language, plan)
    label_column, hint_column = pick_column(headers, "label", language), pick_column(headers, "hint", language)
    tree = _build_tree(rows, label_column, hint_column, plan)
    if plan.errors:
        raise XLSFormError(plan.errors)
    _Planner(plan, choice_lists, area).visit(tree, section=None, depth=0)
    if plan.errors:
        raise XLSFormError(plan.errors)
    _plan_conditions(plan)
    if not plan.questions:
        raise XLSFormError([_("Formulář neobsahuje žádnou otázku, kterou by šlo převést.")] +
                           [_("List „survey“, řádek %(row)s: %(name)s přeskočeno – %(reason)s.") % {"row": row, "name": name, "reason": reason}
                            for row, name, reason in plan.skipped + plan.refused])
    return plan


def _read_choices(sheet, language, plan):
    lists = {}
    if sheet is None:
        return lists
    headers, rows = sheet
    missing = [column for column in ("list_name", "name") if column not in headers]
    if missing:
        plan.errors.extend(_("Na listu „choices“ chybí sloupec „%(column)s“.") % {"column": column} for column in missing)
        return lists
    label_column = pick_column(headers, "label", language)
    for number, cells in rows:
        list_name, name = cells.get("list_name", ""), cells.get("name", "")
        where = {"row": number, "list": list_name, "name": name}
        if not list_name or not name:
            plan.errors.append(_("List „choices“, řádek %(row)s: chybí název seznamu (list_name) nebo kód možnosti (name).") % where)
            continue
        entries = lists.setdefault(list_name, [])
        if any(existing == name for existing, _label in entries):
            plan.errors.append(_("List „choices“, řádek %(row)s: možnost „%(name)s“ je v seznamu „%(list)s“ dvakrát.") % where)
        elif len(name) > 60:
            plan.errors.append(_("List „choices“, řádek %(row)s: kód možnosti „%(name)s“ je delší než 60 znaků.") % where)
        else:
            entries.append((name, (cells.get(label_column, "") if label_column else "") or name))
    return lists


def _build_tree(rows, label_column, hint_column, plan):
    root, stack, names = [], [], {}
    for number, cells in rows:
        raw_type = cells.get("type", "")
        if not raw_type:
            plan.errors.append(_("List „survey“, řádek %(row)s: chybí typ (sloupec type).") % {"row": number})
            continue
        base, argument, or_other = _split_type(raw_type)
        values = {**cells, "label": cells.get(label_column, "") if label_column else "", "hint": cells.get(hint_column, "") if hint_column else ""}
        if or_other:
            values["or_other"] = "yes"
        node = Node(number, base, argument, cells.get("name", ""), values["label"], values)
        if base in ("end_group", "end_repeat"):
            if not stack or stack[-1].type != base.replace("end", "begin"):
                plan.errors.append(_("List „survey“, řádek %(row)s: „%(type)s“ nemá odpovídající začátek.") % {"row": number, "type": raw_type})
            else:
                stack.pop()
            continue
        if not node.name:
            plan.errors.append(_("List „survey“, řádek %(row)s: chybí název (sloupec name).") % {"row": number})
            continue
        if node.name in names:
            plan.errors.append(_("List „survey“, řádek %(row)s: název „%(name)s“ už je na řádku %(first)s; názvy musí být jedinečné.")
                               % {"row": number, "name": node.name, "first": names[node.name]})
            continue
        names[node.name] = number
        (stack[-1].children if stack else root).append(node)
        if base in ("begin_group", "begin_repeat"):
            stack.append(node)
    for node in stack:
        plan.errors.append(_("List „survey“, řádek %(row)s: skupina „%(name)s“ není ukončena (chybí end_group).") % {"row": node.row, "name": node.name})
    return root


class _Planner:
    """Turns the tree of rows into planned sections and questions."""

    def __init__(self, plan, choice_lists, area):
        self.plan, self.lists, self.area = plan, choice_lists, area
        self.with_other = set()
        self._pickers = None

    def visit(self, nodes, *, section, depth):
        for position, node in enumerate(nodes):
            if node.type == "begin_group":
                self._group(node, section, depth)
            elif node.type == "begin_repeat":
                count = sum(1 for _node in _walk(node.children))
                self.plan.refused.append((node.row, node.name, _("opakovanou skupinu (repeat) dotazník OpenKP neumí; vynecháno i %(count)s položek v ní")
                                          % {"count": count}))
            elif node.type == "note" and position == 0 and depth == 1 and section is not None and not self.plan.sections[section][1]:
                self.plan.sections[section][1] = node.label
            elif node.type == "note":
                self.plan.skipped.append((node.row, node.name, _("poznámka je jen text bez odpovědi")))
            elif node.type == "text" and self._is_other_text(node):
                continue  # the "jiné – upřesněte" text of a select already imported with its "other" choice
            else:
                self._question(node, section)

    def _is_other_text(self, node):
        names = {f"{code}{OTHER_SUFFIX}" for code in self.with_other} | {f"{code}_other" for code in self.with_other}
        reference = parse_relevant(node.get("relevant"))
        return node.name in names or (reference is not None and reference[0] in self.with_other and reference[1] == [OTHER])

    def _group(self, node, section, depth):
        if "field-list" in node.get("appearance") and self._matrix(node, section):
            return
        if depth == 0:
            self.plan.sections.append([node.label or node.name, ""])
            section = len(self.plan.sections) - 1
        else:
            self.plan.notes.append(_("Řádek %(row)s: vnořená skupina „%(name)s“ je sloučena s nadřazeným oddílem.") % {"row": node.row, "name": node.name})
        if node.get("relevant"):
            self.plan.notes.append(_("Řádek %(row)s: podmínku skupiny „%(name)s“ (%(relevant)s) oddíly OpenKP nemají; nepřevedena.")
                                   % {"row": node.row, "name": node.name, "relevant": node.get("relevant")})
        self.visit(node.children, section=section, depth=depth + 1)

    def _matrix(self, node, section):
        """The ODK table pattern (select_one rows of one list, appearance label / list-nolabel) as a matrix question."""
        children = node.children
        if len(children) < 2 or any(child.type != "select_one" or child.argument != children[0].argument for child in children):
            return False
        appearances = [child.get("appearance").strip() for child in children]
        if appearances[0] != "label" or any(appearance != "list-nolabel" for appearance in appearances[1:]):
            return False
        choices = self._choices(children[0])
        if choices is None:
            return True
        header, rows = children[0], children[1:]
        prefix = f"{node.name}__"
        matrix_rows = [(row.name[len(prefix):] if row.name.startswith(prefix) else row.name, row.label or row.name) for row in rows]
        self._add(node, QuestionKind.MATRIX, section, text=node.label or header.label, help_text=header.get("hint") or node.get("hint"),
                  choices=choices, rows=matrix_rows, required=any(_truthy(row.get("required")) for row in rows))
        return True

    def _question(self, node, section):
        kind, extra = None, {}
        if node.type in ("select_one", "select_multiple"):
            choices = self._choices(node)
            if choices is None:
                return
            allow_other = any(value == OTHER for value, _label in choices) or _truthy(node.get("or_other"))
            choices = [choice for choice in choices if choice[0] != OTHER]
            if allow_other:
                self.with_other.add(node.name)
            kind = QuestionKind.MULTIPLE if node.type == "select_multiple" else self._single_kind(node, choices, allow_other, extra)
            if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                extra.update(choices=choices, allow_other=allow_other)
        elif node.type in ("integer", "decimal"):
            kind = QuestionKind.NUMBER
            extra["fields"] = self._bounds(node)
        elif node.type == "text":
            kind = QuestionKind.LONG_TEXT if "multiline" in node.get("appearance") else QuestionKind.SHORT_TEXT
        elif node.type in SKIPPED_TYPES:
            self.plan.skipped.append((node.row, node.name, str(SKIPPED_TYPES[node.type])))
            return
        else:
            self.plan.errors.append(_("List „survey“, řádek %(row)s: neznámý typ „%(type)s“.") % {"row": node.row, "type": node.get("type")})
            return
        self._add(node, kind, section, required=_truthy(node.get("required")), **extra)

    def _single_kind(self, node, choices, allow_other, extra):
        values = [value for value, _label in choices]
        if "likert" in node.get("appearance") and all(re.fullmatch(r"-?\d+", value) for value in values) and 1 < len(values) <= 21:
            points = [int(value) for value in values]
            if points == list(range(points[0], points[0] + len(points))):
                labels = [_scale_label(point, label) for point, (_value, label) in zip(points, choices)]
                extra["fields"] = {"scale_min": points[0], "scale_max": points[-1], "scale_min_label": labels[0][:100], "scale_max_label": labels[-1][:100]}
                if any(labels[1:-1]):
                    self.plan.notes.append(_("Řádek %(row)s: škála „%(name)s“ si ponechá jen popis krajních hodnot.") % {"row": node.row, "name": node.name})
                return QuestionKind.SCALE
        if not allow_other and values:
            place, groups = self._picker_values()
            if set(values) == place:
                return QuestionKind.PLACE
            if set(values) == groups:
                return QuestionKind.TARGET_GROUP
        return QuestionKind.SINGLE

    def _picker_values(self):
        """Choice codes that the place and target-group pickers of this area would get."""
        if self._pickers is None:
            question = Question(version=SurveyVersion(survey=Survey(area=self.area)))
            groups = {slugify(group.name)[:60] or f"g{group.pk}" for group in TargetGroup.objects.all()}
            self._pickers = ({choice.value for choice in place_choices(question)}, groups)
        return self._pickers

    def _choices(self, node):
        if not node.argument:
            self.plan.errors.append(_("List „survey“, řádek %(row)s: u „%(type)s“ chybí název seznamu možností.") % {"row": node.row, "type": node.type})
            return None
        if node.argument not in self.lists:
            self.plan.errors.append(_("List „survey“, řádek %(row)s: seznam možností „%(list)s“ není na listu „choices“.")
                                    % {"row": node.row, "list": node.argument})
            return None
        return list(self.lists[node.argument])

    def _bounds(self, node):
        constraint = node.get("constraint")
        if not constraint:
            return {}
        bounds = {}
        for atom in re.split(r"\s+and\s+", constraint):
            match = CONSTRAINT_ATOM.match(atom)
            if not match:
                self.plan.notes.append(_("Řádek %(row)s: omezení „%(constraint)s“ otázky „%(name)s“ není převedeno (umíme jen . >= a . <=).")
                                       % {"row": node.row, "constraint": constraint, "name": node.name})
                return {}
            bounds["min_value" if match[1] == ">=" else "max_value"] = Decimal(match[2].replace(",", "."))
        return bounds

    def _add(self, node, kind, section, *, text=None, help_text=None, **extra):
        code = node.name
        if not CODE_PATTERN.fullmatch(code) or len(code) > 60:
            code = re.sub(r"[^-a-zA-Z0-9_]", "_", code)[:60]
            self.plan.notes.append(_("Řádek %(row)s: název „%(name)s“ upraven na kód „%(code)s“.") % {"row": node.row, "name": node.name, "code": code})
            if any(planned.code == code for planned in self.plan.questions):
                self.plan.errors.append(_("List „survey“, řádek %(row)s: upravený kód „%(code)s“ už má jiná otázka.") % {"row": node.row, "code": code})
                return
        self.plan.questions.append(PlannedQuestion(
            row=node.row, code=code, kind=kind, text=((text or node.label or node.name)[:500]), section=section,
            help_text=(help_text if help_text is not None else node.get("hint"))[:500], relevant=node.get("relevant"),
            **extra,
        ))


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _truthy(value):
    return _fold(value) in TRUE_VALUES


def _scale_label(point, label):
    """ "5 – velmi spokojen/a" → "velmi spokojen/a"; a bare "5" has no label."""
    label = re.sub(rf"^{point}\s*[–—:.-]?\s*", "", label) if label.startswith(str(point)) else label
    return label.strip()


def _plan_conditions(plan):
    """Turn simple ``relevant`` expressions into conditions; anything else is left out and said so."""
    earlier = {}
    for question in plan.questions:
        if question.relevant:
            question.condition = _condition(question.relevant, earlier)
            if question.condition is None:
                plan.notes.append(_("Řádek %(row)s: podmínka „%(relevant)s“ otázky „%(code)s“ není převedena; otázka se zobrazí vždy.")
                                  % {"row": question.row, "relevant": question.relevant, "code": question.code})
        earlier[question.code] = question


def parse_relevant(expression):
    """``(code, [values])`` of ``${q} = 'a' or …`` / ``selected(${q}, 'a') or …`` on one question; else None."""
    code, values = None, []
    if not expression.strip():
        return None
    for atom in re.split(r"\s+or\s+", expression.strip()):
        match = CONDITION_ATOM.match(atom)
        if not match:
            return None
        reference, value = (match[1], match[3]) if match[1] else (match[4], match[6])
        if code not in (None, reference):
            return None
        code = reference
        values.append(value)
    return code, values


def _condition(expression, earlier):
    parsed = parse_relevant(expression)
    if parsed is None:
        return None
    code, values = parsed
    source = earlier.get(code)
    if source is None or source.kind == QuestionKind.MATRIX or source.kind not in (
            QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE, QuestionKind.PLACE, QuestionKind.TARGET_GROUP):
        return None
    known = {value for value, _label in source.choices} | ({OTHER} if source.allow_other else set())
    if source.kind == QuestionKind.SCALE:
        known = {str(point) for point in range(source.fields["scale_min"], source.fields["scale_max"] + 1)}
    if source.kind in (QuestionKind.PLACE, QuestionKind.TARGET_GROUP) or set(values) <= known:
        return code, values
    return None


# --- Import: writing -------------------------------------------------------------------------------------

def import_xlsform(data, *, area, user=None, title="", filename=""):
    """Create a draft survey from an XLSForm; returns ``(survey, plan)``. All or nothing: raises
    :class:`XLSFormError` and writes nothing when the file has problems."""
    plan = parse_xlsform(data, area=area, filename=filename)
    try:
        with transaction.atomic():
            survey = survey_create(area=area, title=(title or plan.title)[:200], created_by=user, status=Survey.Status.DRAFT)
            version = survey.current_version
            sections = [section_add(version=version, title=(section_title or "")[:200], description=description)
                        for section_title, description in plan.sections]
            created = {}
            for planned in plan.questions:
                fields = dict(planned.fields)
                if planned.condition:
                    fields["show_if_question"] = created[planned.condition[0]]
                    fields["show_if_values"] = planned.condition[1]
                created[planned.code] = question_add(
                    version=version, kind=planned.kind, text=planned.text, code=planned.code,
                    section=sections[planned.section] if planned.section is not None else None,
                    help_text=planned.help_text, required=planned.required, allow_other=planned.allow_other,
                    choices=[(value, label[:300]) for value, label in planned.choices],
                    rows=[(value[:60], label[:300]) for value, label in planned.rows], **fields,
                )
    except (ValidationError, InvalidOperation) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        raise XLSFormError([_("Dotazník nelze uložit: %(message)s") % {"message": message} for message in messages]) from None
    return survey, plan
