"""Files of the analysis of survey answers: the charts (SVG data for the pages and the PDF, PNG for DOCX),
the tables as XLSX, the report as DOCX and PDF, and the raw anonymised data as CSV and XLSX.

The raw data hold no person, IP address or who entered a paper form: one row per response with its version,
mode of collection and date, and one column per question code.
"""

import io
from dataclasses import replace

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from openkp.core import documents
from openkp.core.csv_export import CSV_MIME, dict_csv_bytes  # noqa: F401 - CSV_MIME for callers
from openkp.core.spreadsheets import XLSX_MIME, add_table, new_workbook, workbook_bytes  # noqa: F401 - XLSX_MIME for callers
from openkp.core.typography import format_date, format_number, format_percent

from .models import Answer, QuestionKind, Response
from .selectors.analysis import LONG_LIST, selected_responses
from .selectors.coding import question_themes

# --- charts --------------------------------------------------------------------------------------

LABEL_WIDTH = 280  # room for the choice labels left of the bars
BAR_AREA = 360  # 100 % of respondents
VALUE_WIDTH = 130  # room for "12 (33,3 %)" right of a bar
BAR_STEP, BAR_HEIGHT = 30, 20
PALETTE = ["#2362a2", "#e0832b", "#4c9a2a", "#a23b72", "#6b7a8f", "#c9a227", "#3aa6a0", "#8c4a2f"]


def count_text(count, percent):
    return f"{format_number(count)} ({format_percent(percent, 1)})" if percent is not None else format_number(count)


def bar_chart(result):
    """Geometry of a horizontal bar chart of a choice question: a bar per choice, its length the share of
    respondents who answered; for a matrix a stacked bar per row with a legend. Drawn as SVG by the template
    ``needs/analysis/includes/chart.html`` and as PNG by ``chart_png``; the table beside it holds the data."""
    bars, legend = [], []
    if result.question.kind == QuestionKind.MATRIX:
        for index, row in enumerate(result.rows):
            x, segments = LABEL_WIDTH, []
            for number, cell in enumerate(row.cells):
                width = round(BAR_AREA * (cell.percent or 0) / 100)
                segments.append({"x": x, "width": width, "fill": PALETTE[number % len(PALETTE)],
                                 "title": f"{cell.label}: {count_text(cell.count, cell.percent)}"})
                x += width
            bars.append({"label": row.label, "y": index * BAR_STEP, "segments": segments, "text": f"n = {format_number(row.answered)}",
                         "text_x": LABEL_WIDTH + BAR_AREA + 6})
        top = len(bars) * BAR_STEP + 10
        legend = [{"label": label, "fill": PALETTE[number % len(PALETTE)], "y": top + number * 22}
                  for number, (_value, label) in enumerate(result.question.choices)]
        height = top + len(legend) * 22
    else:
        choices = result.choices if len(result.choices) <= LONG_LIST else [choice for choice in result.choices if choice.count]
        for index, choice in enumerate(choices):
            width = round(BAR_AREA * (choice.percent or 0) / 100)
            bars.append({"label": choice.label, "y": index * BAR_STEP, "text": count_text(choice.count, choice.percent),
                         "text_x": LABEL_WIDTH + width + 6,
                         "segments": [{"x": LABEL_WIDTH, "width": width, "fill": PALETTE[0], "title": choice.label}]})
        height = len(bars) * BAR_STEP
    return {"width": LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, "height": max(height, BAR_STEP), "bars": bars, "legend": legend,
            "label_x": LABEL_WIDTH - 8, "bar_height": BAR_HEIGHT, "legend_x": LABEL_WIDTH,
            "omitted": len(result.choices) - len(bars) if result.question.kind != QuestionKind.MATRIX else 0}


def _font(size):
    from PIL import ImageFont

    # DejaVu Sans has every Czech letter; Pillow's own font is the fallback where it is not installed.
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def _fit(draw, text, font, width):
    """The text shortened with an ellipsis to ``width`` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def chart_png(chart, scale=2):
    from PIL import Image, ImageDraw

    """The chart drawn as a PNG (for DOCX, which shows no SVG), twice the size for sharp print."""
    image = Image.new("RGB", (chart["width"] * scale, chart["height"] * scale), "white")
    draw = ImageDraw.Draw(image)
    font = _font(12 * scale)
    for bar in chart["bars"]:
        top = (bar["y"] + 4) * scale
        label = _fit(draw, bar["label"], font, (chart["label_x"] - 4) * scale)
        draw.text((chart["label_x"] * scale, top + BAR_HEIGHT * scale // 2), label, fill="#262626", font=font, anchor="rm")
        for segment in bar["segments"]:
            if segment["width"]:
                draw.rectangle([segment["x"] * scale, top, (segment["x"] + segment["width"]) * scale - 1, top + BAR_HEIGHT * scale],
                               fill=segment["fill"])
        draw.text((bar["text_x"] * scale, top + BAR_HEIGHT * scale // 2), bar["text"], fill="#262626", font=font, anchor="lm")
    for item in chart["legend"]:
        top = item["y"] * scale
        draw.rectangle([chart["legend_x"] * scale, top, (chart["legend_x"] + 14) * scale, top + 14 * scale], fill=item["fill"])
        draw.text(((chart["legend_x"] + 20) * scale, top + 7 * scale), item["label"], fill="#262626", font=font, anchor="lm")
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


# --- tables of a result (shared by XLSX, DOCX and PDF) -------------------------------------------

def result_table(result):
    """(headers, rows, numeric columns) of one question's result, with counts and shares as numbers."""
    question = result.question
    if question.kind == QuestionKind.MATRIX:
        headers = [_("Řádek"), *(label for _value, label in question.choices), _("Odpovědělo")]
        rows = [[row.label, *((cell.count, cell.percent) for cell in row.cells), row.answered] for row in result.rows]
        return headers, rows, range(1, len(headers))
    if question.is_choice:
        return [pgettext("survey results", "Odpověď"), _("Počet"), _("Podíl (%)")], [[choice.label, choice.count, choice.percent] for choice in result.choices], (1, 2)
    if result.stats is not None:
        stats = result.stats
        return [_("Ukazatel"), _("Hodnota")], [[_("Počet odpovědí"), stats.n], [_("Průměr"), stats.mean], [_("Medián"), stats.median],
                                               [_("Nejmenší"), stats.minimum], [_("Největší"), stats.maximum]], (1,)
    return [], [], ()


def base_text(result):
    text = _("Odpovědělo %(answered)s z %(applied)s respondentů, bez odpovědi %(missing)s.") % {
        "answered": format_number(result.answered), "applied": format_number(result.applied), "missing": format_number(result.missing)}
    if result.stats is not None and result.question.is_choice and result.stats.n:
        shown = result.stats.display
        text += " " + _("Průměr %(mean)s, medián %(median)s.") % {"mean": shown["mean"], "median": shown["median"]}
    return text


def _cell_text(value):
    if isinstance(value, tuple):  # (count, percent) of a matrix cell
        return count_text(*value)
    if isinstance(value, float):
        return format_number(value, 1)
    if value is None:
        return "–"
    return format_number(value, 2 if value != int(value) else 0) if not isinstance(value, str) else value


def crosstab_table(table):
    headers = [table.row_question.text, *(label for _value, label in table.columns), _("Celkem")]
    rows = [[row["label"], *row["cells"], row["total"]] for row in table.rows]
    rows.append([_("Celkem"), *table.column_totals, table.total])
    return headers, rows


# --- XLSX of the tables ------------------------------------------------------------------------

def _sheet_name(code, used):
    name, number = code[:28], 2
    while name.lower() in used:
        name, number = f"{code[:25]}-{number}", number + 1
    used.add(name.lower())
    return name


def analysis_xlsx(analysis, *, description, table=None):
    """A summary sheet, one sheet per question (counts and shares as numbers) and the crosstab."""
    workbook = new_workbook()
    survey = analysis.selection.survey
    summary = add_table(workbook, _("Souhrn"), [(_("Údaj"), 30), (_("Hodnota"), 60)], [
        [_("Dotazník"), survey.title], [_("Výběr odpovědí"), "; ".join(description) or _("všechny odeslané odpovědi")],
        [_("Respondentů"), analysis.respondents],
        *([_("Způsob sběru: %(mode)s") % {"mode": item.label}, item.count] for item in analysis.by_mode),
        [_("Vytvořeno"), timezone.localtime().replace(tzinfo=None)],
    ])
    summary.auto_filter.ref = None
    used = {summary.title.lower()}
    for result in analysis.results:
        headers, rows, _numeric = result_table(result)
        if not headers:
            headers, rows = [_("Ukazatel"), _("Hodnota")], []
        flat = [[item for value in row for item in (value if isinstance(value, tuple) else (value,))] for row in rows]
        if result.question.kind == QuestionKind.MATRIX:
            headers = [headers[0], *(f"{label} ({suffix})" for label in headers[1:-1] for suffix in (_("počet"), "%")), headers[-1]]
        sheet = add_table(workbook, _sheet_name(result.question.code, used), [(heading, 40 if index == 0 else 14)
                                                                               for index, heading in enumerate(headers)], flat)
        sheet.auto_filter.ref = None
        for label, value in ((_("Otázka"), result.question.text), (_("Odpovědělo (n)"), result.answered),
                             (_("Bez odpovědi"), result.missing), (_("Respondentů, kterým byla položena"), result.applied)):
            sheet.append([label, value])
    if table is not None:
        headers, rows = crosstab_table(table)
        flat = [[row[0], *(item for cell in row[1:-1] for item in (cell if isinstance(cell, tuple) else (cell, None))), row[-1]] for row in rows]
        headers = [headers[0], *(f"{label} ({suffix})" for label in headers[1:-1] for suffix in (_("počet"), _("% řádku"))), headers[-1]]
        sheet = add_table(workbook, _sheet_name(_("krizova-tabulka"), used), [(heading, 30 if index == 0 else 14)
                                                                                for index, heading in enumerate(headers)], flat)
        sheet.auto_filter.ref = None
        sheet.append([_("Sloupce"), table.column_label])
    return workbook_bytes(workbook)


# --- the report as DOCX and PDF ------------------------------------------------------------------

# Choice kinds whose order is the scale's (1–5): their bars keep it, and a point nobody picked is still shown.
ORDINAL_KINDS = {QuestionKind.SCALE}
# First words of the choices of an ordered single choice ("spíše ano", "velmi dobře", "denně", "nikdy").
ORDINAL_WORDS = {"ano", "ne", "spíše", "velmi", "rozhodně", "zcela", "úplně", "částečně", "vůbec", "nikdy", "občas", "někdy", "často",
                 "vždy", "většinou", "téměř", "denně", "týdně", "měsíčně", "ročně", "méně", "více", "málo", "hodně", "dobře", "špatně"}
FINDINGS = 8  # at most this many key findings in the summary


def is_ordinal(question):
    """Whether the choices have an order of their own that the report keeps: a scale, or a single choice whose
    options are ranges ("do 26 let", "27–64 let") or degrees ("ano", "spíše ano", "spíše ne", "ne")."""
    if question.kind in ORDINAL_KINDS:
        return True
    if question.kind != QuestionKind.SINGLE:
        return False
    labels = [label.strip().lower() for value, label in question.choices if value != "other" and label.strip()]
    if len(labels) < 2:
        return False
    if all(any(character.isdigit() for character in label) for label in labels):
        return True
    degrees = sum(label.split()[0].strip(",.") in ORDINAL_WORDS for label in labels)
    return degrees * 2 >= len(labels)


def report_result(result):
    """``(result, omitted)``: the result as the report shows it, its choices from the most frequent ("jiné" last)
    without those nobody picked — an ordered question (``is_ordinal``) keeps its order and every choice —, matrix
    rows nobody answered left out; ``omitted`` counts the choices left out."""
    question = result.question
    if question.kind == QuestionKind.MATRIX:
        return replace(result, rows=[row for row in result.rows if row.answered]), 0
    if not question.is_choice or is_ordinal(question):
        return result, 0
    shown = sorted((choice for choice in result.choices if choice.count), key=lambda choice: (choice.value == "other", -choice.count))
    return replace(result, choices=shown), len(result.choices) - len(shown)


def collection_period(survey, analysis):
    """The dates of the collection: the survey's, else those of the first and last answer received."""
    start, end = survey.opens_at, survey.closes_at
    if start is None or end is None:
        dates = selected_responses(analysis.selection).aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
        start, end = start or dates["first"], end or dates["last"]
    if start is None and end is None:
        return "–"
    start_text, end_text = format_date(start), format_date(end)
    return start_text if start_text == end_text or not end_text else f"{start_text} – {end_text}" if start_text else end_text


def method_rows(analysis, description):
    """(label, value) of the method: who was asked, when, how many answered and through which channels."""
    survey = analysis.selection.survey
    modes = [f"{item.label} {format_number(item.count)} ({format_percent(item.percent, 0)})" for item in analysis.by_mode if item.count]
    return [
        (_("Komu byl dotazník určen"), survey.get_audience_display()),
        (_("Období sběru"), collection_period(survey, analysis)),
        (_("Počet odpovědí"), _("%(count)s odeslaných dotazníků") % {"count": format_number(analysis.respondents)}),
        (_("Způsob sběru"), ", ".join(modes) or "–"),
        (_("Výběr odpovědí"), "; ".join(description) or _("všechny odeslané odpovědi")),
        (_("Počet otázek"), format_number(len(analysis.results))),
    ]


METHOD_NOTE = gettext_lazy(
    "Zpráva shrnuje úplně vyplněné dotazníky. Podíly jsou počítány z respondentů, kteří na otázku odpověděli (n); "
    "u otázek s více možnostmi může jejich součet přesáhnout 100 %. Možnosti jsou seřazeny od nejčastější; škály "
    "a možnosti s vlastním pořadím (věkové skupiny, míra souhlasu) zůstávají v pořadí dotazníku. Odpovědi na otevřené "
    "otázky jsou seskupeny do témat.")


def key_findings(sections):
    """Sentences of the summary, computed from the results: the most frequent answer of each choice question, the
    mean of a scale, the most frequent theme of an open question (in the questionnaire's order, at most ``FINDINGS``)."""
    findings = []
    for section in sections:
        result, question = section["result"], section["result"].question
        if not result.answered:
            continue
        text = question.text
        if question.kind == QuestionKind.SCALE and result.stats and result.stats.n:
            findings.append(_("„%(question)s“: průměr %(mean)s na stupnici %(low)s–%(high)s (n = %(n)s).") % {
                "question": text, "mean": result.stats.display["mean"], "low": question.choices[0][1] if question.choices else "",
                "high": question.choices[-1][1] if question.choices else "", "n": format_number(result.stats.n)})
        elif question.is_choice and question.kind != QuestionKind.MATRIX and any(choice.count for choice in result.choices):
            top = max(section["shown"].choices, key=lambda choice: choice.count)
            findings.append(_("„%(question)s“: nejčastěji %(answer)s – %(share)s (n = %(n)s).") % {
                "question": text, "answer": top.label, "share": format_percent(top.percent, 0), "n": format_number(result.answered)})
        elif section["themes"] and section["themes"].themes:
            name, count = section["themes"].themes[0]
            findings.append(_("„%(question)s“: nejčastější téma %(theme)s (%(count)s z %(coded)s zakódovaných odpovědí).") % {
                "question": text, "theme": name, "count": format_number(count), "coded": format_number(section["themes"].coded)})
        if len(findings) == FINDINGS:
            break
    return findings


def themes_table(themes):
    headers = [_("Téma"), _("Počet odpovědí"), _("Podíl (%)")]
    rows = [[name, format_number(count), format_number(100 * count / themes.coded, 1) if themes.coded else "–"]
            for name, count in themes.themes]
    return headers, rows


def open_text(result, themes):
    """What is said about an open question above its themes (or instead of them, before any answer is coded)."""
    answered = _("Odpovědělo %(answered)s z %(applied)s respondentů.") % {
        "answered": format_number(result.answered), "applied": format_number(result.applied)}
    if themes and themes.themes:
        return answered + " " + _("Zakódováno do témat: %(coded)s odpovědí; jedna odpověď může patřit k více tématům.") % {
            "coded": format_number(themes.coded)}
    if result.answered:
        return answered + " " + _("Odpovědi zatím nejsou rozřazeny do témat.")
    return answered


def report_context(analysis, *, description, table=None):
    """What the report shows: the method, the key findings, and per question its text, base, chart and table
    (choices by frequency, none nobody picked) or, for an open question, the themes of its coded answers."""
    open_questions = [result.question for result in analysis.results if result.question.is_text]
    themes = question_themes(analysis.selection, open_questions)
    sections = []
    for result in analysis.results:
        shown, omitted = report_result(result)
        section = {"result": result, "shown": shown, "omitted": omitted, "themes": None, "chart": None, "headers": [], "rows": [],
                   "numeric": ()}
        if result.question.is_text:
            section["themes"] = themes.get(result.question.code)
            section["base"] = open_text(result, section["themes"])
            if section["themes"] and section["themes"].themes:
                section["headers"], section["rows"] = themes_table(section["themes"])
                section["numeric"] = (1, 2)
        else:
            headers, rows, numeric = result_table(shown)
            section.update(base=base_text(result), headers=headers, numeric=numeric, rows=[[_cell_text(value) for value in row] for row in rows],
                           chart=bar_chart(shown) if result.question.is_choice and result.answered else None)
        if omitted:
            section["omitted_text"] = _("Možnosti, které nikdo nezvolil, nejsou uvedeny (%(count)s).") % {"count": format_number(omitted)}
        sections.append(section)
    crosstab = None
    if table is not None:
        headers, rows = crosstab_table(table)
        crosstab = {"table": table, "headers": headers, "rows": [[_cell_text(value) for value in row] for row in rows]}
    return {"survey": analysis.selection.survey, "analysis": analysis, "description": description, "sections": sections,
            "crosstab": crosstab, "title": _("Výsledky dotazníku"), "method": method_rows(analysis, description),
            "method_note": str(METHOD_NOTE), "findings": key_findings(sections)}


def report_docx(analysis, *, description, table=None):
    from docx.shared import Cm

    context = report_context(analysis, description=description, table=table)
    survey = analysis.selection.survey
    document = documents.DocxDocument(title=_("Výsledky dotazníku"), area=survey.area, subtitle=survey.title)
    document.heading(_("Metoda"))
    for label, value in context["method"]:
        document.bullet(f"{label}: {value}")
    document.paragraph(context["method_note"])
    document.heading(_("Hlavní zjištění"))
    for finding in context["findings"] or [_("Dotazník zatím nemá žádné odpovědi.")]:
        document.bullet(finding)
    if context["crosstab"]:
        document.heading(_("Křížová tabulka: %(rows)s × %(columns)s") % {"rows": table.row_question.text, "columns": table.column_label})
        document.table(context["crosstab"]["headers"], context["crosstab"]["rows"], numeric_columns=range(1, len(context["crosstab"]["headers"])))
    document.heading(_("Výsledky podle otázek"))
    for section in context["sections"]:
        result = section["result"]
        document.heading(result.question.text, level=2)
        document.paragraph(section["base"])
        if section["chart"]:
            document.document.add_picture(io.BytesIO(chart_png(section["chart"])), width=Cm(16))
        if section["headers"]:
            document.table(section["headers"], section["rows"], numeric_columns=section["numeric"])
        if section.get("omitted_text"):
            document.paragraph(section["omitted_text"])
    document.footer_note(_("%(survey)s – vytvořeno %(date)s") % {"survey": survey.title, "date": format_date(timezone.localdate())})
    return document.to_bytes()


def report_pdf(analysis, *, description, table=None):
    return documents.render_pdf("needs/analysis/report_pdf.html", report_context(analysis, description=description, table=table),
                                area=analysis.selection.survey.area)


# --- raw anonymised data -------------------------------------------------------------------------

def raw_columns(merged):
    """(column name, question text or choice label) in questionnaire order: one per single-valued question,
    ``code.value`` 0/1 per choice of a multiple-choice question, ``code.row`` per matrix row, ``code__other``
    for the texts of "jiné"."""
    columns = [("cislo", _("Pořadové číslo odpovědi")), ("verze", _("Verze dotazníku")), ("zpusob", _("Způsob sběru")),
               ("datum", _("Datum odeslání"))]
    for question in merged.questions:
        if question.kind == QuestionKind.MULTIPLE:
            columns += [(f"{question.code}.{value}", f"{question.text}: {label}") for value, label in question.choices]
        elif question.kind == QuestionKind.MATRIX:
            columns += [(f"{question.code}.{value}", f"{question.text}: {label}") for value, label in question.rows]
        else:
            columns.append((question.code, question.text))
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and any(value == "other" for value, _label in question.choices):
            columns.append((f"{question.code}__other", f"{question.text}: {_('jiné (text)')}"))
    return columns


def raw_rows(selection, merged):
    """One dict per response (in the order they came), streamed: answers are read in response order."""
    responses = selected_responses(selection).order_by("pk").values_list("pk", "version__number", "mode", "submitted_at")
    kinds = {pk: question for question in merged.questions for pk in question.ids}
    answers = (Answer.objects.filter(response__in=selected_responses(selection).values("pk"), question_id__in=kinds)
               .order_by("response_id", "pk").values_list("response_id", "question_id", "choice_id", "row_id", "number", "text"))
    modes = dict(Response.Mode.choices)
    answer_iter = answers.iterator(chunk_size=5000)
    pending = next(answer_iter, None)
    for number, (pk, version, mode, submitted_at) in enumerate(responses.iterator(chunk_size=2000), start=1):
        row = {"cislo": number, "verze": version, "zpusob": str(modes.get(mode, mode)),
               "datum": timezone.localtime(submitted_at).date() if submitted_at else None}
        multiple = set()
        while pending is not None and pending[0] <= pk:
            if pending[0] == pk:
                _fill(row, multiple, kinds[pending[1]], merged, *pending[2:])
            pending = next(answer_iter, None)
        for question in multiple:  # 0 for the choices not picked by those who answered the question
            for value, _label in question.choices:
                row.setdefault(f"{question.code}.{value}", 0)
        yield row


def _fill(row, multiple, question, merged, choice_id, row_id, number, text):
    code = question.code
    value = merged.choice_values.get(choice_id)
    if question.kind == QuestionKind.MULTIPLE:
        row[f"{code}.{value}"] = 1
        multiple.add(question)
    elif question.kind == QuestionKind.MATRIX:
        row[f"{code}.{merged.row_values.get(row_id)}"] = value
    elif question.kind == QuestionKind.NUMBER:
        row[code] = number
    elif question.kind == QuestionKind.SCALE:
        row[code] = int(value) if value and value.lstrip("-").isdigit() else value
    elif question.is_choice:
        row[code] = value
    else:
        row[code] = text
    if choice_id is not None and text:
        row[f"{code}__other"] = text


def data_csv(selection, merged):
    """UTF-8 with BOM and ``;`` so that Excel with Czech settings opens it; decimal numbers with a dot for statistics tools."""
    return dict_csv_bytes([name for name, _label in raw_columns(merged)], raw_rows(selection, merged))


def data_xlsx(selection, merged):
    """The same columns as the CSV, and a sheet "Otázky" with the text of each column."""
    columns = raw_columns(merged)
    workbook = new_workbook()
    sheet = add_table(workbook, _("Data"), [(name, 14) for name, _label in columns],
                      ([row.get(name) for name, _label in columns] for row in raw_rows(selection, merged)))
    for cell in sheet["D"][1:]:
        cell.number_format = "D. M. YYYY"
    add_table(workbook, _("Otázky"), [(_("Sloupec"), 24), (_("Otázka nebo možnost"), 80)], columns)
    return workbook_bytes(workbook)
