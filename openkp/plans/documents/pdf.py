"""The plan document as PDF, laid out by Typst (``plan.typ`` beside this file) from the blocks of ``common.build``.

The blocks travel to Typst as JSON, so no text is ever written into Typst markup and nothing in a plan can
be read as a command. Typst lays out the 260 pages of a plan with 300 measures in about 6 seconds; WeasyPrint,
which makes the project's other (short) PDFs, needed 80 seconds for the same plan (docs/plans.md). The PDF is
tagged (PDF/UA-1): headings, lists and table cells are marked up for screen readers.
"""

import io
import json
from pathlib import Path

from django.utils.translation import gettext as _

from . import common
from .markup import typographic

TEMPLATE = Path(__file__).with_name("plan.typ")


def _cell(value, numeric=False):
    if isinstance(value, common.Cell):
        cell = {"t": value.text or ""}
        if value.detail:
            cell["d"] = value.detail
        if value.on:
            cell["on"] = True
        if value.span > 1:
            cell["span"] = value.span
    else:
        cell = {"t": "" if value is None else str(value)}
    if numeric:
        cell["num"] = True
    return cell


def _cells(row, numeric):
    """A row's cells; ``numeric`` columns are counted in the table's grid (a cell may span several)."""
    cells, column = [], 0
    for value in row:
        cells.append(_cell(value, column in numeric))
        column += value.span if isinstance(value, common.Cell) else 1
    return cells


def _flowing(text, preformatted):
    """A text node as it flows: a new line inside a Markdown paragraph is a space (Typst would print a string's
    new line as a line break), except in preformatted text."""
    return text if preformatted else text.replace("\r\n", "\n").replace("\n", " ")


def _tree(element, preformatted=False):
    """A Markdown element (``markup.markdown_tree``) as ``{t: tag, a: attributes, c: children}``; texts as strings."""
    preformatted = preformatted or element.tag == "pre"
    children = [_flowing(element.text, preformatted)] if element.text else []
    for child in element:
        children.append(_tree(child, preformatted))
        if child.tail:
            children.append(_flowing(child.tail, preformatted))
    return {"t": element.tag, "a": dict(element.attrib), "c": children}


def _typeset(value):
    """Every text of the document data in Czech typography (captions, labels, cells, headers and footers alike).
    The Markdown trees (``{t, a, c}``) got it in ``markup.markdown_tree``, which leaves code alone."""
    if isinstance(value, str):
        return typographic(value)
    if isinstance(value, list):
        return [_typeset(item) for item in value]
    if isinstance(value, dict):
        return value if "c" in value else {key: _typeset(item) for key, item in value.items()}
    return value


def block_data(block):
    if isinstance(block, common.Heading):
        return {"k": "h", "level": min(block.level, 5), "text": block.text, "anchor": block.anchor or "",
                "toc": block.in_toc, "break": block.page_break}
    if isinstance(block, common.Paragraph):
        return {"k": "p", "text": block.text, "style": block.style}
    if isinstance(block, common.Markdown):
        return {"k": "md", "tree": _tree(block.tree)}
    if isinstance(block, common.Table):
        columns = len(block.widths) or len(block.headers) or max((len(row) for row in block.rows), default=1)
        return {"k": "table", "kind": block.kind, "caption": block.caption, "totals": block.totals, "columns": columns,
                "widths": list(block.widths) if len(block.widths) == columns else [], "fit": list(block.fit) if len(block.fit) == columns else [False] * columns,
                "headers": _cells(block.headers, block.numeric), "rows": [_cells(row, block.numeric) for row in block.rows]}
    if isinstance(block, common.Facts):
        return {"k": "facts", "rows": [[label, value or ""] for label, value in block.rows]}
    if isinstance(block, common.RiskMatrix):
        rows = [{"probability": probability,
                 "cells": [[str(block.counts.get((probability, impact), 0) or ""), block.level_of[(probability, impact)]]
                           for impact in range(1, 6)]}
                for probability in range(5, 0, -1)]
        return {"k": "matrix", "corner": block.corner, "rows": rows, "legend": str(common.MATRIX_LEGEND)}
    if isinstance(block, common.Group):
        return {"k": "group", "kind": block.kind, "blocks": [block_data(child) for child in block.blocks]}
    raise TypeError(f"Unknown block {block!r}")


def document_data(content):
    """What ``plan.typ`` reads: the whole document as plain data, every text in Czech typography."""
    title_page = content.title_page
    return _typeset({
        "title": content.title,
        "area": content.area,
        "wide": len(content.years) > 5,
        "draft": content.draft,
        "generated_on": title_page.generated_on,
        "labels": {"made": _("Vytvořeno v OpenKP"), "page": _("Strana"), "of": _("z"), "contents": _("Obsah"),
                   "draft": _("NÁVRH")},
        "title_page": {"area": title_page.area, "title": title_page.title, "facts": [list(fact) for fact in title_page.facts],
                       "summary": list(title_page.summary), "office": list(title_page.office)},
        "toc": [{"level": entry.level, "text": entry.text, "anchor": entry.anchor} for entry in content.toc()],
        "sections": [{"heading": block_data(section.heading), "blocks": [block_data(block) for block in section.blocks]}
                     for section in content.sections],
    })


def plan_pdf(data, *, version=None, office=(), progress=None):
    """PDF bytes of the plan document rendered from the snapshot ``data``."""
    import typst  # a compiled extension, loaded when a PDF is made

    progress = progress or (lambda percent, message="": None)
    content = common.build(data, version=version, office=office)
    progress(20, _("Skládám text dokumentu"))
    inputs = {"data": json.dumps(document_data(content), ensure_ascii=False)}
    progress(40, _("Sázím stránky PDF"))
    laid_out = typst.compile(str(TEMPLATE), sys_inputs=inputs, pdf_standards=["ua-1"])
    progress(90, _("Zmenšuji soubor PDF"))
    return compact(laid_out)


def compact(pdf):
    """The PDF with its objects packed into compressed object streams. A tagged PDF (PDF/UA, for screen
    readers) has an object per table cell, which Typst writes uncompressed: this makes the file 4× smaller.
    ``/Suspects false`` (the default) leaves the catalogue: Poppler (22.12 at least) reports it as an error."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        mark_info = document.Root.get("/MarkInfo")
        if mark_info is not None and mark_info.get("/Suspects") is False:
            del mark_info["/Suspects"]
        buffer = io.BytesIO()
        document.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    return buffer.getvalue()
