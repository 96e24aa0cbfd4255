"""Document rendering shared by all modules: DOCX (python-docx) and PDF (WeasyPrint from HTML).

Both carry the area's letterhead and pass every text through Czech typography, so a plan, the
minutes or an attendance list look alike whichever format a coordinator picks. The typography is
applied once, to the finished document: every text of a DOCX (body, tables, headers and footers) when
it is saved, every text node of the HTML a PDF is laid out from, so no caption or label can miss it.
"""

import io

from django.template.loader import render_to_string
from django.utils import timezone

from .typography import czech_typography, czech_typography_inline, format_date

# python-docx and lxml are imported where a document is made: every manage.py call would pay for them otherwise.

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"
BRAND_BLUE = "2E5F9E"  # RGB hex, as python-docx and Typst take it
# Texts where spaces are meant literally: code and preformatted text.
MONOSPACED_FONTS = {"Consolas", "Courier New", "DejaVu Sans Mono"}
VERBATIM_TAGS = {"style", "script", "pre", "code", "textarea"}


def _is_monospaced(text_element):
    from docx.oxml.ns import qn

    fonts = text_element.getparent().find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return fonts is not None and fonts.get(qn("w:ascii")) in MONOSPACED_FONTS


def _docx_parts(document):
    """The XML roots of every part with text: the body, the headers and the footers."""
    from docx.parts.document import DocumentPart
    from docx.parts.hdrftr import FooterPart, HeaderPart

    for part in document.part.package.iter_parts():
        if isinstance(part, (DocumentPart, HeaderPart, FooterPart)):
            yield part.element


def docx_typography(document):
    """Czech typography in every text of a python-docx ``Document``: body, tables, headers and footers."""
    from docx.oxml.ns import qn

    tag = qn("w:t")
    for root in _docx_parts(document):
        for text_element in root.iter(tag):
            if text_element.text and not _is_monospaced(text_element):
                text_element.text = czech_typography_inline(text_element.text)


def html_typography(markup):
    """The HTML of a document with Czech typography in every text node (not in styles, scripts or code)."""
    from lxml import etree
    from lxml import html as lxml_html

    root = lxml_html.document_fromstring(markup)

    def visit(element):
        verbatim = not isinstance(element.tag, str) or element.tag in VERBATIM_TAGS
        if not verbatim:
            element.text = czech_typography_inline(element.text)
            for child in element:
                visit(child)
        element.tail = czech_typography_inline(element.tail)

    visit(root)
    return etree.tostring(root, encoding="unicode", method="html", doctype="<!DOCTYPE html>")


def letterhead_lines(area):
    """Lines of the letterhead: the office (or the area), its address, then the area when different."""
    if area is None:
        return ["OpenKP"]
    lines = [area.office_name or area.name]
    if area.office_address:
        lines.append(area.office_address)
    if area.office_name and area.office_name != area.name:
        lines.append(area.name)
    return lines


class DocxDocument:
    """A Word document with the area's letterhead in the page header and Czech typography."""

    def __init__(self, *, title, area=None, subtitle=""):
        from docx import Document
        from docx.shared import Pt, RGBColor

        self.document = Document()
        self._set_base_style()
        header = self.document.sections[0].header.paragraphs[0]
        header.text = czech_typography(" · ".join(letterhead_lines(area)))
        header.runs[0].font.size = Pt(8)
        header.runs[0].font.color.rgb = RGBColor.from_string(BRAND_BLUE)
        self.document.core_properties.title = title
        self.document.core_properties.language = "cs-CZ"
        self.heading(title, level=0)
        if subtitle:
            self.paragraph(subtitle)

    def _set_base_style(self):
        from docx.oxml.ns import qn
        from docx.shared import Pt

        style = self.document.styles["Normal"]
        style.font.name = "Calibri"
        style.font.size = Pt(11)
        language = style.element.get_or_add_rPr().find(qn("w:lang"))
        if language is None:
            language = style.element.get_or_add_rPr().makeelement(qn("w:lang"), {})
            style.element.get_or_add_rPr().append(language)
        language.set(qn("w:val"), "cs-CZ")

    def heading(self, text, level=1):
        return self.document.add_heading(czech_typography(text), level=level)

    def paragraph(self, text, *, bold=False):
        paragraph = self.document.add_paragraph()
        run = paragraph.add_run(czech_typography(text))
        run.bold = bold
        return paragraph

    def bullet(self, text):
        return self.document.add_paragraph(czech_typography(text), style="List Bullet")

    def table(self, headers, rows, *, numeric_columns=()):
        """A table with a bold header row that Word repeats on every page it runs over; rows do not split
        across pages; numeric columns are right-aligned."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml.ns import qn

        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for index, (cell, text) in enumerate(zip(table.rows[0].cells, headers)):
            cell.text = ""
            cell.paragraphs[0].add_run(czech_typography(str(text))).bold = True
            if index in numeric_columns:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for row in rows:
            cells = table.add_row().cells
            for index, (cell, value) in enumerate(zip(cells, row)):
                cell.text = czech_typography("" if value is None else str(value))
                if index in numeric_columns:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for index, row in enumerate(table.rows):
            properties = row._tr.get_or_add_trPr()
            properties.append(properties.makeelement(qn("w:cantSplit"), {}))
            if index == 0:
                properties.append(properties.makeelement(qn("w:tblHeader"), {}))
        return table

    def footer_note(self, text):
        footer = self.document.sections[0].footer.paragraphs[0]
        footer.text = czech_typography(text)

    def to_bytes(self):
        docx_typography(self.document)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def pdf_html(template_name, context, *, area=None):
    """The HTML a PDF is laid out from: the template with the area's letterhead and today's date, in Czech
    typography."""
    return html_typography(render_to_string(template_name, {
        **context,
        "area": area,
        "letterhead": letterhead_lines(area),
        "generated_on": format_date(timezone.localdate()),
    }))


def render_pdf(template_name, context, *, area=None):
    """PDF bytes from a template extending ``documents/base_pdf.html``."""
    from weasyprint import HTML  # heavy import, only when a PDF is made

    return HTML(string=pdf_html(template_name, context, area=area)).write_pdf()
