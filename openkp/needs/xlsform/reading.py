"""Import of an XLSForm workbook as a new draft survey: read into a plan, then written in one transaction."""

import hashlib
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
    group: str = ""

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
    name: str = ""  # the row's name in the form, which ``${name}`` references use


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

METADATA_TYPES = ("start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email", "audit",
                  "start-geopoint", "background-audio", "background-geopoint", "uri:deviceid", "uri:subscriberid", "uri:simserial",
                  "uri:phonenumber", "uri:username", "uri:email")
SKIP_REASONS = {
    METADATA_TYPES: gettext_lazy("údaj, který zaznamenává mobilní aplikace sama; OpenKP ho nepotřebuje"),
    ("calculate", "hidden"): gettext_lazy("výpočty a skryté hodnoty dotazník OpenKP nepoužívá"),
    ("geopoint", "geotrace", "geoshape"): gettext_lazy("polohu na mapě dotazník OpenKP nesbírá"),
    ("image", "audio", "video", "file", "barcode", "osm"): gettext_lazy("fotografie, zvuk, soubory a čárové kódy dotazník OpenKP nesbírá"),
    ("date", "time", "datetime"): gettext_lazy("datum a čas zatím OpenKP jako typ otázky nemá; doplňte otázku jako krátký text"),
    ("acknowledge", "trigger", "range", "rank", "select_one_from_file", "select_multiple_from_file", "select_one_external", "xml-external",
     "csv-external", "q select", "q select1", "select one using", "select multiple using", "select multiple from"):
        gettext_lazy("tento typ otázky OpenKP nepodporuje"),
}
SKIPPED_TYPES = {type_: reason for types, reason in SKIP_REASONS.items() for type_ in types}
TRUE_VALUES = {"yes", "true", "1", "ano", "true()"}
FALSE_VALUES = {"", "no", "false", "0", "ne", "false()"}
CODE_PATTERN = re.compile(r"[-a-zA-Z0-9_]+")
CODE_LENGTH = 60
CONDITION_ATOM = re.compile(r"""^\s*(?:selected\(\s*\$\{([^}]+)\}\s*,\s*(['"])(.*?)\2\s*\)|\$\{([^}]+)\}\s*=\s*(['"])(.*?)\5)\s*$""")
CONSTRAINT_ATOM = re.compile(r"^\s*\.\s*(>=|<=)\s*(-?\d+(?:[.,]\d+)?)\s*$")

# Spellings the XLSForm standard has accepted over the years (pyxform's aliases.py and question type dictionary).
SURVEY_HEADER_ALIASES = {
    "caption": "label", "relevance": "relevant", "constraining_message": "constraint_message", "calculate": "calculation",
    "command": "type", "tag": "name", "value": "name", "read_only": "readonly", "count": "repeat_count", "jr:count": "repeat_count",
    "requiredmsg": "required_message", "noapperrorstring": "no_app_error_string",
}
CHOICES_HEADER_ALIASES = {"caption": "label", "value": "name"}
SETTINGS_HEADER_ALIASES = {"set_form_title": "form_title", "set_form_id": "form_id"}
TYPE_ALIASES = {
    "string": "text", "add text prompt": "text", "q string": "text", "phone number": "text",
    "int": "integer", "add integer prompt": "integer", "q int": "integer", "percentage": "integer",
    "number of days in last month": "integer", "number of days in last six months": "integer", "number of days in last year": "integer",
    "add decimal prompt": "decimal", "q decimal": "decimal",
    "add note prompt": "note", "q note": "note",
    "add calculate prompt": "calculate", "q calculate": "calculate",
    "add date prompt": "date", "q date": "date",
    "date time": "datetime", "add date time prompt": "datetime", "add datetime prompt": "datetime", "q date time": "datetime",
    "q datetime": "datetime",
    "start time": "start", "get start time": "start", "end time": "end", "get end time": "end", "get today": "today",
    "device id": "deviceid", "get device id": "deviceid", "imei": "deviceid", "subscriber id": "subscriberid",
    "get subscriber id": "subscriberid", "sim id": "simserial", "get sim id": "simserial", "get phone number": "phonenumber",
    "gps": "geopoint", "location": "geopoint", "q location": "geopoint", "q geopoint": "geopoint", "add location prompt": "geopoint",
    "q geoshape": "geoshape", "q geotrace": "geotrace",
    "photo": "image", "q picture": "image", "q image": "image", "add image prompt": "image", "add photo prompt": "image",
    "q audio": "audio", "add audio prompt": "audio", "q video": "video", "add video prompt": "video", "add file prompt": "file",
    "q barcode": "barcode", "add barcode prompt": "barcode", "q acknowledge": "acknowledge", "add acknowledge prompt": "acknowledge",
}
SELECT_COMMANDS = {
    "select_one": "select_one", "select one": "select_one", "select one from": "select_one", "select1": "select_one",
    "add select one prompt using": "select_one",
    "select_multiple": "select_multiple", "select all that apply": "select_multiple", "select all that apply from": "select_multiple",
    "add select multiple prompt using": "select_multiple",
    "select_one_from_file": "select_one_from_file", "select one from file": "select_one_from_file",
    "select_multiple_from_file": "select_multiple_from_file", "select multiple from file": "select_multiple_from_file",
    "select_one_external": "select_one_external", "rank": "rank",
}
CONTROLS = {"group": "group", "repeat": "repeat", "lgroup": "repeat", "looped group": "repeat", "loop": "loop"}
_CONTROL = "|".join(sorted(CONTROLS, key=len, reverse=True))
BEGIN_CONTROL = re.compile(rf"^begin[ _](?P<control>{_CONTROL})(?: (?:over )?(?P<list>\S+))?$", re.IGNORECASE)
END_CONTROL = re.compile(rf"^end[ _](?P<control>{_CONTROL})$", re.IGNORECASE)
SELECT = re.compile(r"^(?P<command>" + "|".join(re.escape(command) for command in sorted(SELECT_COMMANDS, key=len, reverse=True))
                    + r") (?P<list>\S+)(?P<other> (?:or specify other|or_other|or other))?$", re.IGNORECASE)
SETTINGS_TYPES = {"form_title": "form_title", "set_form_title": "form_title", "form_id": "form_id", "set_form_id": "form_id",
                  "prefix": "prefix"}
# Columns of a survey row that a question carries; any other filled-in column is named in the report as left out.
QUESTION_COLUMNS = {"type", "name", "label", "hint", "required", "relevant", "appearance", "constraint", "constraint_message", "or_other"}
KNOWN_CHOICE_COLUMNS = {"list_name", "name", "label"}
UNCONVERTED_SHEETS = ("external_choices", "entities", "osm")
# Typographic quotes that word processors put into expressions; XPath knows only the straight ones.
PLAIN_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                              "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'"})


def plain_quotes(expression):
    """``${a} = ‘ano’`` / ``„ano“`` → ``${a} = 'ano'`` / ``"ano"``."""
    return expression.translate(PLAIN_QUOTES)


def short_value(value, length=CODE_LENGTH):
    """A code that fits ``length`` characters: itself when short enough, else its start and a digest of the whole
    (the same long code always gives the same short one, and a short one stays as it is)."""
    if len(value) <= length:
        return value
    digest = hashlib.sha1(value.encode()).hexdigest()[:8]
    return f"{value[:length - len(digest) - 1]}_{digest}"


def _header(header, double_colon, aliases):
    """``list name`` → ``list_name``, ``label:English`` → ``label::English``, ``caption`` → ``label`` (as pyxform reads them)."""
    if not header:
        return header
    if double_colon or "::" in header:
        column, separator, language = header.partition("::")
    else:
        column, separator, language = header.partition(":")
        if column.strip() == "jr":  # jr:count, jr:constraintMsg are names, not translations
            column, separator, language = header, "", ""
    column = "_".join(column.split()).lower()
    column = aliases.get(column, column)
    return f"{column}::{language.strip()}" if separator and language.strip() else column


def normalise_sheet(sheet, aliases):
    """The sheet with its column names in the spelling this reader uses (the first of two same columns wins)."""
    headers, rows = sheet
    double_colon = any("::" in header for header in headers)
    names = {header: _header(header, double_colon, aliases) for header in headers if header}
    normalised = []
    for number, cells in rows:
        renamed = {}
        for header, value in cells.items():
            key = names.get(header, header)
            if not renamed.get(key):
                renamed[key] = value
        normalised.append((number, renamed))
    return [names.get(header, header) for header in headers], normalised


def _split_type(raw):
    """``(type, list name, or_other)``: every spelling of a type in its one form used here."""
    text = re.sub(r"\s+", " ", raw.strip())
    folded = text.lower()
    if match := BEGIN_CONTROL.match(text):
        return f"begin_{CONTROLS[match['control'].lower()]}", match["list"] or "", False
    if match := END_CONTROL.match(text):
        return f"end_{CONTROLS[match['control'].lower()]}", "", False
    if match := SELECT.match(text):
        return SELECT_COMMANDS[match["command"].lower()], match["list"], bool(match["other"])
    folded = TYPE_ALIASES.get(folded, folded)
    return folded, "", False


def parse_xlsform(data, *, area, filename=""):
    """Read an XLSForm into an :class:`ImportPlan`; raises :class:`XLSFormError` listing every problem."""
    sheets = read_sheets(data)
    if "survey" not in sheets:
        raise XLSFormError([_("V sešitu chybí list „survey“ s otázkami (nalezené listy: %(sheets)s).") % {"sheets": ", ".join(sheets) or "–"}])
    headers, rows = normalise_sheet(sheets["survey"], SURVEY_HEADER_ALIASES)
    missing = [column for column in ("type", "name") if column not in headers]
    if missing:
        raise XLSFormError([_("Na listu „survey“ chybí sloupec „%(column)s“.") % {"column": column} for column in missing])
    settings_rows = normalise_sheet(sheets["settings"], SETTINGS_HEADER_ALIASES)[1] if "settings" in sheets else []
    settings = settings_rows[0][1] if settings_rows else {}
    language = settings.get("default_language", "")
    plan = ImportPlan(title=settings.get("form_title") or filename.rsplit(".", 1)[0] or _("Importovaný dotazník"))
    choice_lists = _read_choices(normalise_sheet(sheets["choices"], CHOICES_HEADER_ALIASES) if "choices" in sheets else None, language, plan)
    label_column, hint_column = pick_column(headers, "label", language), pick_column(headers, "hint", language)
    _note_languages(headers, label_column, plan)
    for name in UNCONVERTED_SHEETS:
        if name in sheets and sheets[name][1]:
            plan.notes.append(_("List „%(sheet)s“ se nepřevádí (OpenKP nemá externí seznamy, entity ani mapové prvky).") % {"sheet": name})
    tree = _build_tree(rows, label_column, hint_column, plan)
    if plan.errors:
        raise XLSFormError(plan.errors)
    _Planner(plan, choice_lists, area).plan_survey(tree)
    if plan.errors:
        raise XLSFormError(plan.errors)
    _plan_conditions(plan)
    if not plan.questions:
        raise XLSFormError([_("Formulář neobsahuje žádnou otázku, kterou by šlo převést.")] +
                           [_("List „survey“, řádek %(row)s: %(name)s přeskočeno – %(reason)s.") % {"row": row, "name": name, "reason": reason}
                            for row, name, reason in plan.skipped + plan.refused])
    return plan


def _note_languages(headers, label_column, plan):
    """Questions keep the text of one language; the others are named in the report."""
    languages = [header.split("::", 1)[1] for header in headers if header.startswith("label::")]
    if label_column and label_column != "label":
        kept = label_column.split("::", 1)[1]
        left_out = [language for language in languages if language != kept]
    else:
        kept, left_out = "", languages
    if left_out:
        plan.notes.append(_("Texty jsou převzaty z jazyka „%(kept)s“; jazyky %(others)s nejsou převedeny.")
                          % {"kept": kept or _("bez označení"), "others": ", ".join(f"„{language}“" for language in left_out)})


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
    extra = [header for header in headers if header and header.split("::", 1)[0] not in KNOWN_CHOICE_COLUMNS
             and any(cells.get(header) for _number, cells in rows)]
    if extra:
        plan.notes.append(_("List „choices“: sloupce %(columns)s nejsou převedeny (filtry možností, obrázky a podobně).")
                          % {"columns": ", ".join(f"„{column}“" for column in extra)})
    for number, cells in rows:
        list_name, name = cells.get("list_name", ""), cells.get("name", "")
        where = {"row": number, "list": list_name, "name": name}
        if not list_name or not name:
            plan.errors.append(_("List „choices“, řádek %(row)s: chybí název seznamu (list_name) nebo kód možnosti (name).") % where)
            continue
        entries = lists.setdefault(list_name, [])
        if any(existing == name for existing, _label in entries):
            plan.errors.append(_("List „choices“, řádek %(row)s: možnost „%(name)s“ je v seznamu „%(list)s“ dvakrát.") % where)
            continue
        entries.append((name, (cells.get(label_column, "") if label_column else "") or name))
    for list_name, entries in lists.items():
        for position, (name, label) in enumerate(entries):
            if len(name) > CODE_LENGTH:
                entries[position] = (short_value(name), label)
                plan.notes.append(_("Seznam „%(list)s“: kód možnosti „%(name)s“ je delší než %(length)s znaků; uložen jako „%(code)s“.")
                                  % {"list": list_name, "name": name, "length": CODE_LENGTH, "code": short_value(name)})
    return lists


def _build_tree(rows, label_column, hint_column, plan):
    root, stack = [], []
    siblings = {None: {}}  # names must differ among the rows of one group (as in pyxform), not across groups
    for number, cells in rows:
        raw_type = cells.get("type", "")
        if not raw_type:
            plan.errors.append(_("List „survey“, řádek %(row)s: chybí typ (sloupec type).") % {"row": number})
            continue
        base, argument, or_other = _split_type(raw_type)
        if base in SETTINGS_TYPES:
            if SETTINGS_TYPES[base] == "form_title" and cells.get("name"):
                plan.title = cells["name"]
            continue
        values = {**cells, "label": cells.get(label_column, "") if label_column else "", "hint": cells.get(hint_column, "") if hint_column else ""}
        if or_other:
            values["or_other"] = "yes"
        node = Node(number, base, argument, cells.get("name", ""), values["label"], values, group=stack[-1].name if stack else "")
        if base.startswith("end_"):
            if not stack or stack[-1].type != base.replace("end", "begin"):
                plan.errors.append(_("List „survey“, řádek %(row)s: „%(type)s“ nemá odpovídající začátek.") % {"row": number, "type": raw_type})
            else:
                stack.pop()
            continue
        if not node.name and base == "note":
            node.name = f"generated_note_name_{number}"  # pyxform names a note without a name the same way
        if not node.name:
            plan.errors.append(_("List „survey“, řádek %(row)s: chybí název (sloupec name).") % {"row": number})
            continue
        names = siblings[id(stack[-1]) if stack else None]
        if node.name in names:
            plan.errors.append(_("List „survey“, řádek %(row)s: název „%(name)s“ už je na řádku %(first)s ve stejné skupině; "
                                 "názvy ve skupině musí být jedinečné.") % {"row": number, "name": node.name, "first": names[node.name]})
            continue
        names[node.name] = number
        (stack[-1].children if stack else root).append(node)
        if base.startswith("begin_"):
            stack.append(node)
            siblings[id(node)] = {}
    for node in stack:
        plan.errors.append(_("List „survey“, řádek %(row)s: skupina „%(name)s“ není ukončena (chybí end_group).") % {"row": node.row, "name": node.name})
    return root


class _Planner:
    """Turns the tree of rows into planned sections and questions."""

    def __init__(self, plan, choice_lists, area):
        self.plan, self.lists, self.area = plan, choice_lists, area
        self.with_other = set()
        self._pickers = None
        self.section_groups, self.section_notes = [], {}

    def plan_survey(self, tree):
        """Plan the rows; a group left without any question makes no section (an export would leave it out too)."""
        self.visit(tree, section=None, depth=0)
        used = {question.section for question in self.plan.questions}
        kept = [index for index in range(len(self.plan.sections)) if index in used]
        for index, group in enumerate(self.section_groups):
            if index not in used:
                self.plan.notes.append(_("Řádek %(row)s: ve skupině „%(name)s“ není žádná převedená otázka; oddíl nevznikl.")
                                       % {"row": group.row, "name": group.name})
                if index in self.section_notes:
                    note = self.section_notes[index]
                    self.plan.skipped.append((note.row, note.name, _("poznámka je jen text bez odpovědi")))
        new_index = {old: new for new, old in enumerate(kept)}
        self.plan.sections = [self.plan.sections[index] for index in kept]
        for question in self.plan.questions:
            question.section = new_index.get(question.section)

    def visit(self, nodes, *, section, depth):
        for position, node in enumerate(nodes):
            if node.type == "begin_group":
                self._group(node, section, depth)
            elif node.type == "begin_repeat":
                count = sum(1 for _node in _walk(node.children))
                self.plan.refused.append((node.row, node.name, _("opakovanou skupinu (repeat) dotazník OpenKP neumí; vynecháno i %(count)s položek v ní")
                                          % {"count": count}))
            elif node.type == "begin_loop":
                count = sum(1 for _node in _walk(node.children))
                self.plan.refused.append((node.row, node.name, _("opakování pro každou možnost seznamu (loop) dotazník OpenKP neumí; "
                                                                 "vynecháno i %(count)s položek v něm") % {"count": count}))
            elif node.type == "note" and position == 0 and depth == 1 and section is not None and not self.plan.sections[section][1]:
                self.plan.sections[section][1] = node.label
                self.section_notes[section] = node
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
            self.section_groups.append(node)
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
        matrix_rows = [(short_value(row.name[len(prefix):] if row.name.startswith(prefix) else row.name), row.label or row.name) for row in rows]
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
        self._note_left_out(node, kind)
        self._add(node, kind, section, required=_truthy(node.get("required")), **extra)

    def _note_left_out(self, node, kind):
        """Name every filled-in part of the row that the question does not keep (choice_filter, calculation, default, …)."""
        left_out = []
        for column, value in node.values.items():
            if value and column.split("::", 1)[0] not in QUESTION_COLUMNS:
                left_out.append(f"{column} ({value[:80]})")
        required = node.get("required")
        if required and _fold(required) not in TRUE_VALUES | FALSE_VALUES:
            left_out.append(_("povinnost podle výrazu (%(expression)s)") % {"expression": required})
        if node.get("constraint") and kind != QuestionKind.NUMBER:
            left_out.append(f"constraint ({node.get('constraint')})")
        kept = {QuestionKind.LONG_TEXT: {"multiline"}, QuestionKind.SCALE: {"likert"}}.get(kind, set())
        appearance = [token for token in node.get("appearance").split() if token not in kept]
        if appearance:
            left_out.append(f"appearance ({' '.join(appearance)})")
        if left_out:
            self.plan.notes.append(_("Řádek %(row)s: u otázky „%(name)s“ není převedeno: %(parts)s.")
                                   % {"row": node.row, "name": node.name, "parts": "; ".join(left_out)})

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
        code = self._code(node)
        self.plan.questions.append(PlannedQuestion(
            row=node.row, code=code, kind=kind, text=((text or node.label or node.name)[:500]), section=section,
            help_text=(help_text if help_text is not None else node.get("hint"))[:500], relevant=node.get("relevant"),
            name=node.name, **extra,
        ))

    def _code(self, node):
        """The question's code: its name, made a valid code of at most 60 characters and, when a question in another
        group has the same name (as XLSForm allows), prefixed with the name of its group."""
        taken = {planned.code for planned in self.plan.questions}
        code = node.name
        if not CODE_PATTERN.fullmatch(code) or len(code) > CODE_LENGTH:
            code = short_value(re.sub(r"[^-a-zA-Z0-9_]", "_", code))
            self.plan.notes.append(_("Řádek %(row)s: název „%(name)s“ upraven na kód „%(code)s“.") % {"row": node.row, "name": node.name, "code": code})
        if code in taken:
            base = short_value(re.sub(r"[^-a-zA-Z0-9_]", "_", f"{node.group}_{code}" if node.group else code))
            candidate, number = base, 2
            while candidate in taken:
                candidate = short_value(f"{base}_{number}")
                number += 1
            self.plan.notes.append(_("Řádek %(row)s: název „%(name)s“ má i otázka v jiné skupině; kód této otázky je „%(code)s“.")
                                   % {"row": node.row, "name": node.name, "code": candidate})
            code = candidate
        return code


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
    """Turn simple ``relevant`` expressions into conditions; anything else is left out and said so. ``${name}`` refers
    to a row's name; a name that two questions share (in different groups) is ambiguous and not converted."""
    earlier, shared = {}, set()
    for question in plan.questions:
        if question.relevant:
            question.condition = _condition(question.relevant, {name: source for name, source in earlier.items() if name not in shared})
            if question.condition is None:
                plan.notes.append(_("Řádek %(row)s: podmínka „%(relevant)s“ otázky „%(code)s“ není převedena; otázka se zobrazí vždy.")
                                  % {"row": question.row, "relevant": question.relevant, "code": question.code})
        name = question.name or question.code
        if name in earlier:
            shared.add(name)
        earlier[name] = question


def parse_relevant(expression):
    """``(code, [values])`` of ``${q} = 'a' or …`` / ``selected(${q}, 'a') or …`` on one question; else None."""
    code, values = None, []
    expression = plain_quotes(expression)
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
    values = [short_value(value) for value in values]
    source = earlier.get(code)
    if source is None or source.kind == QuestionKind.MATRIX or source.kind not in (
            QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE, QuestionKind.PLACE, QuestionKind.TARGET_GROUP):
        return None
    known = {value for value, _label in source.choices} | ({OTHER} if source.allow_other else set())
    if source.kind == QuestionKind.SCALE:
        known = {str(point) for point in range(source.fields["scale_min"], source.fields["scale_max"] + 1)}
    if source.kind in (QuestionKind.PLACE, QuestionKind.TARGET_GROUP) or set(values) <= known:
        return source.code, values
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
                    rows=[(value, label[:300]) for value, label in planned.rows], **fields,
                )
    except (ValidationError, InvalidOperation) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        raise XLSFormError([_("Dotazník nelze uložit: %(message)s") % {"message": message} for message in messages]) from None
    return survey, plan
