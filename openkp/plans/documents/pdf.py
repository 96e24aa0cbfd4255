"""The plan document as PDF (WeasyPrint): the page frame, title page and table of contents come from the
template ``plans/documents/plan_pdf.html``; the body is written here as plain HTML with fixed-layout tables
(a template include per block would cost seconds on a plan with hundreds of measures)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from openkp.core.documents import render_pdf

from . import common
from .markup import inner_html

TEMPLATE = "plans/documents/plan_pdf.html"


def _text(value):
    return escape(value).replace("\n", "<br>") if value else ""


def _cell(value, tag, css):
    classes = list(css)
    if isinstance(value, common.Cell):
        if value.on:
            classes.append("on")
        content = _text(value.text)
        if value.detail:
            content += f'<span class="detail">{_text(value.detail)}</span>'
    else:
        content = _text("" if value is None else str(value))
    attribute = f' class="{" ".join(classes)}"' if classes else ""
    return f"<{tag}{attribute}>{content}</{tag}>"


def table(block, *, extra_class=""):
    columns = len(block.headers) or max((len(row) for row in block.rows), default=1)
    widths = list(block.widths) if len(block.widths) == columns else [1] * columns
    total = sum(widths)
    html = [f'<table class="{" ".join(filter(None, ["plan-table", block.kind, extra_class]))}"><colgroup>']
    html.extend(f'<col style="width:{100 * width / total:.2f}%">' for width in widths)
    html.append("</colgroup>")
    if block.headers:
        html.append("<thead><tr>")
        html.extend(_cell(header, "th", ["num"] if index in block.numeric else []) for index, header in enumerate(block.headers))
        html.append("</tr></thead>")
    html.append("<tbody>")
    first_total = len(block.rows) - block.totals
    for row_index, row in enumerate(block.rows):
        html.append('<tr class="total">' if row_index >= first_total else "<tr>")
        html.extend(_cell(value, "td", ["num"] if index in block.numeric else []) for index, value in enumerate(row))
        html.append("</tr>")
    html.append("</tbody></table>")
    return "".join(html)


def facts(block):
    rows = "".join(f'<tr><th scope="row">{_text(label)}</th><td>{_text(value)}</td></tr>' for label, value in block.rows)
    return f'<table class="facts"><colgroup><col style="width:26%"><col style="width:74%"></colgroup><tbody>{rows}</tbody></table>'


def risk_matrix(block):
    html = ['<table class="matrix"><thead><tr><th>P \\ D</th>']
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
        return f"<h{level}{anchor}>{_text(block.text)}</h{level}>"
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


def section_html(section):
    heading = section.heading
    body = "".join(block_html(block) for block in section.blocks)
    return f'<section class="chapter"><h1 id="{escape(heading.anchor)}">{_text(heading.text)}</h1>{body}</section>'


def plan_pdf(data, *, version=None, office=(), area=None, progress=None):
    """PDF bytes of the plan document rendered from the snapshot ``data``."""
    progress = progress or (lambda percent, message="": None)
    content = common.build(data, version=version, office=office)
    progress(20, _("Skládám text dokumentu"))
    body = mark_safe("".join(section_html(section) for section in content.sections))
    progress(40, _("Sázím stránky PDF; u velkého plánu to trvá i minutu"))
    years = len(content.years)
    return render_pdf(TEMPLATE, {"doc": content, "body": body, "toc": content.toc(), "wide": years > 5}, area=area)
