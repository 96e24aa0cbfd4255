"""The plan document as PDF (WeasyPrint): the page frame, title page and table of contents come from the
template ``plans/documents/plan_pdf.html``; the body is written here as plain HTML with fixed-layout tables
(a template include per block would cost seconds on a plan with hundreds of measures).

A big plan is laid out in parallel (``openkp.core.pdfparts``): the body is cut where a new page begins anyway
(a chapter, a priority area, a year of the timetable) into ``settings.PDF_WORKERS`` parts of similar length.
"""

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from openkp.core.documents import pdf_html, render_pdf
from openkp.core.pdfparts import render_document

from . import common
from .markup import inner_html

TEMPLATE = "plans/documents/plan_pdf.html"


def _text(value):
    return escape(value).replace("\n", "<br>") if value else ""


def _cell(value, tag, css):
    classes, span = list(css), ""
    if isinstance(value, common.Cell):
        if value.on:
            classes.append("on")
        if value.span > 1:
            span = f' colspan="{value.span}"'
        content = _text(value.text)
        if value.detail:
            content += f'<span class="detail">{_text(value.detail)}</span>'
    else:
        content = _text("" if value is None else str(value))
    attribute = f' class="{" ".join(classes)}"' if classes else ""
    return f"<{tag}{attribute}{span}>{content}</{tag}>"


def _cells(row, tag, numeric):
    """A row's cells; ``numeric`` columns are counted in the table's grid (a cell may span several)."""
    html, column = [], 0
    for value in row:
        html.append(_cell(value, tag, ["num"] if column in numeric else []))
        column += value.span if isinstance(value, common.Cell) else 1
    return "".join(html)


def table(block, *, extra_class=""):
    columns = len(block.widths) or len(block.headers) or max((len(row) for row in block.rows), default=1)
    widths = list(block.widths) if len(block.widths) == columns else [1] * columns
    total = sum(widths)
    html = [f'<table class="{" ".join(filter(None, ["plan-table", block.kind, extra_class]))}"><colgroup>']
    html.extend(f'<col style="width:{100 * width / total:.2f}%">' for width in widths)
    html.append("</colgroup>")
    if block.headers:
        html.append("<thead><tr>")
        html.append(_cells(block.headers, "th", block.numeric))
        html.append("</tr></thead>")
    html.append("<tbody>")
    first_total = len(block.rows) - block.totals
    for row_index, row in enumerate(block.rows):
        html.append('<tr class="total">' if row_index >= first_total else "<tr>")
        html.append(_cells(row, "td", block.numeric))
        html.append("</tr>")
    html.append("</tbody></table>")
    return "".join(html)


def facts(block):
    rows = "".join(f'<tr><th scope="row">{_text(label)}</th><td>{_text(value)}</td></tr>' for label, value in block.rows)
    return f'<table class="facts"><colgroup><col style="width:26%"><col style="width:74%"></colgroup><tbody>{rows}</tbody></table>'


def risk_matrix(block):
    html = [f'<table class="matrix"><thead><tr><th>{_text(block.corner)}</th>']
    html.extend(f'<th class="num">{impact}</th>' for impact in range(1, 6))
    html.append("</tr></thead><tbody>")
    for probability in range(5, 0, -1):
        html.append(f'<tr><th scope="row">{probability}</th>')
        for impact in range(1, 6):
            count = block.counts.get((probability, impact), 0)
            html.append(f'<td class="{block.level_of[(probability, impact)]}">{count or ""}</td>')
        html.append("</tr>")
    html.append("</tbody></table>")
    html.append(f'<p class="legend">{escape(str(common.MATRIX_LEGEND))}</p>')
    return "".join(html)


def block_html(block):
    if isinstance(block, common.Heading):
        level = min(block.level, 6)
        anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
        css = ' class="page-start"' if block.page_break else ""
        return f"<h{level}{anchor}{css}>{_text(block.text)}</h{level}>"
    if isinstance(block, common.Paragraph):
        css = f' class="{block.style}"' if block.style else ""
        return f"<p{css}>{_text(block.text)}</p>"
    if isinstance(block, common.Markdown):
        return f'<div class="markdown">{inner_html(block.tree)}</div>'
    if isinstance(block, common.Table):
        caption = f'<p class="caption">{_text(block.caption)}</p>' if block.caption else ""
        return caption + table(block)
    if isinstance(block, common.Facts):
        return facts(block)
    if isinstance(block, common.RiskMatrix):
        return risk_matrix(block)
    if isinstance(block, common.Group):
        return f'<section class="{block.kind}">{"".join(block_html(child) for child in block.blocks)}</section>'
    raise TypeError(f"Unknown block {block!r}")


def pieces(content):
    """The body as HTML pieces that each begin on a new page: the chapters, cut again before headings that
    begin a page."""
    for section in content.sections:
        heading = section.heading
        html = [f'<h1 class="chapter" id="{escape(heading.anchor)}">{_text(heading.text)}</h1>']
        for block in section.blocks:
            if isinstance(block, common.Heading) and block.page_break:
                yield "".join(html)
                html = []
            html.append(block_html(block))
        yield "".join(html)


def split(pieces, count):
    """The ``pieces`` joined into at most ``count`` runs, in order, so that the longest run is as short as it can be."""
    sizes = [len(piece) for piece in pieces]
    prefix = [0]
    for size in sizes:
        prefix.append(prefix[-1] + size)
    count = max(1, min(count, len(pieces)))
    # best[j][i]: (longest run, cuts) for the first i pieces in j runs
    best = [[(prefix[i], [])] for i in range(len(pieces) + 1)]
    for _runs in range(2, count + 1):
        for end in range(len(pieces), 0, -1):
            options = [(max(best[cut][-1][0], prefix[end] - prefix[cut]), [*best[cut][-1][1], cut]) for cut in range(1, end)]
            best[end].append(min(options) if options else best[end][-1])
    cuts = [0, *best[len(pieces)][-1][1], len(pieces)]
    return ["".join(pieces[start:stop]) for start, stop in zip(cuts, cuts[1:])]


def plan_pdf(data, *, version=None, office=(), area=None, progress=None):
    """PDF bytes of the plan document rendered from the snapshot ``data``."""
    progress = progress or (lambda percent, message="": None)
    content = common.build(data, version=version, office=office)
    progress(20, _("Skládám text dokumentu"))
    body = list(pieces(content))
    context = {"doc": content, "wide": len(content.years) > 5}
    toc = [{"level": entry.level, "anchor": entry.anchor, "text": entry.text} for entry in content.toc()]
    progress(40, _("Sázím stránky PDF; u velkého plánu to trvá i minutu"))
    workers = settings.PDF_WORKERS
    if workers < 2 or sum(len(piece) for piece in body) < settings.PDF_PARALLEL_MIN_CHARS:
        return render_pdf(TEMPLATE, {**context, "mode": "whole", "toc": toc, "body": mark_safe("".join(body))}, area=area)

    def front(pages, stamps):
        entries = [{**entry, "page": pages.get(entry["anchor"], "") if pages else "000"} for entry in toc]
        return pdf_html(TEMPLATE, {**context, "mode": "front", "toc": entries, "stamps": range(stamps)}, area=area)

    def laid_out(done, total):
        progress(40 + 50 * done // total, _("Sázím stránky PDF: hotovo %(done)s z %(total)s částí") % {"done": done, "total": total})

    parts = [pdf_html(TEMPLATE, {**context, "mode": "part", "body": mark_safe(run)}, area=area) for run in split(body, workers)]
    return render_document(parts, front, workers=workers, progress=laid_out)
