"""The plan document as DOCX: Word headings (so the table of contents works), real tables with repeated
header rows and rows that do not split, a running header with the plan's title and page numbers.

Paragraphs and tables are written as WordprocessingML directly (a few hundred measures would take
python-docx's cell API tens of seconds); python-docx still provides the package, the parts and the styles.
"""

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from openkp.core.documents import BRAND_BLUE, DocxDocument

from . import common
from .markup import element_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'
BLUE = str(BRAND_BLUE)
DARK_BLUE = "1F3F68"
MUTED = "5B6770"
HEADER_FILL = "EEF3F9"
TOTAL_FILL = "F4F6F8"
LABEL_FILL = "F4F6F8"
ON_FILL = "2E5F9E"
LEVEL_FILLS = {"low": "DCEFDC", "medium": "FFEBB3", "high": "F6C9C5"}
DRAFT_RED = "B3261E"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = Mm(18), Mm(22), Mm(20)
TEXT_WIDTH = int((PAGE_WIDTH - 2 * MARGIN_SIDE) / 635)  # twips (EMU / 635)
# Tables kept on one page with the paragraph before them (small ones); others repeat their header row.
KEEP_TOGETHER = {"costs", "facts", "matrix", "abbreviations"}


# WordprocessingML snippets ----------------------------------------------------------------------------

# Word's own text watermark (Design → Watermark): a VML text path behind the text of every page of the section.
WATERMARK = """<w:r {nsdecl} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:rPr><w:noProof/></w:rPr><w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">
<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>
<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>
<v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s20{number}9" type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:130pt;rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#{color}" stroked="f">
<v:fill opacity=".18"/><v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt;font-weight:bold" string="{text}"/></v:shape></w:pict></w:r>"""


def watermark(text, number=1):
    return WATERMARK.format(nsdecl=NSDECL, number=number, color=DRAFT_RED, text=escape(text, {'"': "&quot;"}))

def _rpr(*, bold=False, italic=False, size=None, color=None, mono=False, underline=False):
    parts = []
    if mono:
        parts.append('<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/>')
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if underline:
        parts.append('<w:u w:val="single"/>')
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size:
        parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def run(text, **formatting):
    """A run; new lines become line breaks."""
    if not text:
        return ""
    rpr = _rpr(**formatting)
    pieces = str(text).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in pieces)
    return f"<w:r>{rpr}{body}</w:r>"


def field(instruction, placeholder="", **formatting):
    rpr = _rpr(**formatting)
    return (f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'{run(placeholder, **formatting)}<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')


def paragraph(content, *, style=None, align=None, keep_next=False, page_break_before=False, bookmark=None,
              numbering=None, spacing=None, shading=None, indent=None):
    """A paragraph of runs (``content`` is run XML)."""
    ppr = []
    if style:
        ppr.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        ppr.append("<w:keepNext/>")
    if page_break_before:
        ppr.append("<w:pageBreakBefore/>")
    if numbering:
        ppr.append(f'<w:numPr><w:ilvl w:val="{numbering[1]}"/><w:numId w:val="{numbering[0]}"/></w:numPr>')
    if shading:
        ppr.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shading}"/>')
    if spacing:
        ppr.append(f'<w:spacing w:before="{spacing[0]}" w:after="{spacing[1]}"/>')
    if indent:
        ppr.append(f'<w:ind w:left="{indent}"/>')
    if align:
        ppr.append(f'<w:jc w:val="{align}"/>')
    marks = ""
    if bookmark:
        marks = f'<w:bookmarkStart w:id="{bookmark[0]}" w:name="{bookmark[1]}"/><w:bookmarkEnd w:id="{bookmark[0]}"/>'
    return f"<w:p>{'<w:pPr>' + ''.join(ppr) + '</w:pPr>' if ppr else ''}{marks}{content}</w:p>"


def _cell_paragraphs(value, *, bold, align, keep_next, style="PlanTable"):
    if isinstance(value, common.Cell):
        lines, detail = (value.text or "").split("\n"), value.detail
    else:
        lines, detail = ("" if value is None else str(value)).split("\n"), ""
    xml = [paragraph(run(line, bold=bold), style=style, align=align, keep_next=keep_next) for line in lines]
    if detail:
        xml.extend(paragraph(run(line), style="PlanTableDetail", align=align, keep_next=keep_next) for line in detail.split("\n"))
    return "".join(xml)


def table(headers, rows, *, widths=(), numeric=frozenset(), totals=0, keep_together=False, fills=None, label_column=False,
          small=False, centred=False):
    """A table: header row repeated on every page, rows that do not split, right-aligned numbers.
    ``fills``: (row index, column index) → fill colour; ``label_column``: the first column is a shaded label;
    ``small``: a smaller font (wide tables of amounts); ``centred``: numeric columns centred instead."""
    text_style = "PlanTableSmall" if small else "PlanTable"
    number_alignment = "center" if centred else "right"
    columns = len(widths) or (len(headers) if headers else max((len(row) for row in rows), default=1))
    weights = list(widths) if len(widths) == columns else [1] * columns
    twips = [int(TEXT_WIDTH * weight / sum(weights)) for weight in weights]
    xml = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>'
        '<w:tblBorders>' + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A0AAB2"/>'
                                   for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
        '<w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{width}"/>' for width in twips) + "</w:tblGrid>"
    ]
    all_rows = ([list(headers)] if headers else []) + [list(row) for row in rows]
    last = len(all_rows) - 1
    for row_index, row in enumerate(all_rows):
        is_header = bool(headers) and row_index == 0
        is_total = row_index > last - totals
        keep_next = is_header or (keep_together and row_index < last)
        xml.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if is_header else "") + "</w:trPr>")
        data_index = row_index - (1 if headers else 0)
        column = 0  # in the grid: a cell may span several columns
        for value in row:
            span = value.span if isinstance(value, common.Cell) else 1
            fill = HEADER_FILL if is_header else TOTAL_FILL if is_total else None
            if label_column and column == 0:
                fill = LABEL_FILL
            if fills and (data_index, column) in fills:
                fill = fills[(data_index, column)]
            if isinstance(value, common.Cell) and value.on:
                fill = ON_FILL
            shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
            width = sum(twips[min(column, columns - 1):column + span])
            grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            xml.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}{shading}</w:tcPr>')
            xml.append(_cell_paragraphs(value, bold=is_header or is_total or (label_column and column == 0),
                                        align=number_alignment if column in numeric else None, keep_next=keep_next,
                                        style=text_style))
            xml.append("</w:tc>")
            column += span
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    return "".join(xml)


STYLES = f"""
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>
 <w:pPr><w:spacing w:before="0" w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>
 <w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri" w:eastAsia="Calibri"/><w:color w:val="262626"/>
 <w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="cs-CZ"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
 <w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:pageBreakBefore/>
 <w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="{BLUE}"/></w:pBdr>
 <w:spacing w:before="0" w:after="240"/><w:outlineLvl w:val="0"/></w:pPr>
 <w:rPr><w:b/><w:bCs/><w:color w:val="{BLUE}"/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
 <w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/>
 <w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="{BLUE}"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
 <w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="300" w:after="100"/>
 <w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="{DARK_BLUE}"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
 <w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>
 <w:pBdr><w:left w:val="single" w:sz="24" w:space="4" w:color="{BLUE}"/></w:pBdr>
 <w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/><w:spacing w:before="280" w:after="100"/>
 <w:outlineLvl w:val="3"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="{DARK_BLUE}"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading5"><w:name w:val="heading 5"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
 <w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/>
 <w:outlineLvl w:val="4"/></w:pPr><w:rPr><w:b/><w:bCs/><w:i/><w:color w:val="{DARK_BLUE}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
 <w:uiPriority w:val="39"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>
 <w:spacing w:before="120" w:after="40"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
 <w:uiPriority w:val="39"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>
 <w:spacing w:before="0" w:after="30"/><w:ind w:left="360"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="PlanTable"><w:name w:val="Plan Table"/><w:basedOn w:val="Normal"/>
 <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="PlanTableSmall"><w:name w:val="Plan Table Small"/><w:basedOn w:val="PlanTable"/>
 <w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="PlanTableDetail"><w:name w:val="Plan Table Detail"/><w:basedOn w:val="PlanTable"/>
 <w:rPr><w:color w:val="{MUTED}"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="PlanNote"><w:name w:val="Plan Note"/><w:basedOn w:val="Normal"/>
 <w:rPr><w:i/><w:iCs/><w:color w:val="{MUTED}"/><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="PlanLabel"><w:name w:val="Plan Label"/><w:basedOn w:val="Normal"/>
 <w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="160" w:after="60"/></w:pPr>
 <w:rPr><w:b/><w:bCs/><w:color w:val="{DARK_BLUE}"/><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="PlanCaption"><w:name w:val="Plan Caption"/><w:basedOn w:val="PlanLabel"/>
 <w:pPr><w:spacing w:before="240" w:after="80"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="PlanLead"><w:name w:val="Plan Lead"/><w:basedOn w:val="Normal"/>
 <w:rPr><w:sz w:val="23"/><w:szCs w:val="23"/></w:rPr></w:style>
"""


class PlanDocx(DocxDocument):
    """The plan document; ``render()`` returns the DOCX bytes."""

    def __init__(self, content, *, progress=None):
        self.content = content
        self.progress = progress or (lambda percent, message="": None)
        self.document = Document()
        self._bookmark = 0
        self._numbering = None
        self._parts = []
        self._styles()
        self._page()

    # Set-up

    def _styles(self):
        styles = self.document.styles.element
        for style_id in ("Normal", "Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "TOC1", "TOC2"):
            for old in styles.findall(f"{{{W_NS}}}style[@{{{W_NS}}}styleId='{style_id}']"):
                styles.remove(old)
        for style in parse_xml(f"<w:styles {NSDECL}>{STYLES}</w:styles>"):
            styles.append(style)
        defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        fonts = defaults.find(qn("w:rFonts"))
        for attribute in list(fonts.attrib):
            del fonts.attrib[attribute]
        for name in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{name}"), "Calibri")
        defaults.find(qn("w:lang")).set(qn("w:val"), "cs-CZ")
        # Word refreshes the table of contents (page numbers) when the document is opened.
        settings = self.document.settings.element
        settings.append(parse_xml(f'<w:updateFields {NSDECL} w:val="true"/>'))
        properties = self.document.core_properties
        properties.title = self.content.title
        properties.subject = self.content.area
        properties.author = self.content.area
        properties.language = "cs-CZ"

    def _page(self):
        section = self.document.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN_SIDE
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.header_distance = section.footer_distance = Mm(10)
        section.different_first_page_header_footer = True  # the title page has none
        # The Header and Footer styles bring centre and right tabs of a Letter page; replace them with one right tab.
        tab = ('<w:tabs><w:tab w:val="clear" w:pos="4680"/><w:tab w:val="clear" w:pos="9360"/>'
               f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>')
        draft = self.content.draft
        mark = (f"<w:r><w:tab/></w:r>{run(_('NÁVRH'), size=16, color=DRAFT_RED, bold=True)}" if draft else "")
        header = parse_xml(
            f"<w:p {NSDECL}><w:pPr><w:pStyle w:val=\"Header\"/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"2\" "
            f"w:color=\"{BLUE}\"/></w:pBdr>{tab}</w:pPr>{run(self.content.title, size=16, color=BLUE)}{mark}</w:p>")
        if draft:
            header.append(parse_xml(watermark(_("NÁVRH"), 1)))
            # The title page has an empty header of its own: only the watermark.
            first = section.first_page_header._element
            for old in list(first):
                first.remove(old)
            first.append(parse_xml(f"<w:p {NSDECL}><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>{watermark(_('NÁVRH'), 2)}</w:p>"))
        created = _("Vytvořeno v OpenKP %(date)s") % {"date": self.content.title_page.generated_on}
        footer = parse_xml(
            f"<w:p {NSDECL}><w:pPr><w:pStyle w:val=\"Footer\"/>{tab}</w:pPr>"
            f"{run(f'{self.content.area} · {created}', size=16, color=MUTED)}"
            f"<w:r><w:rPr><w:sz w:val=\"16\"/></w:rPr><w:tab/></w:r>{run(_('Strana') + ' ', size=16, color=MUTED)}"
            f"{field('PAGE', '1', size=16, color=MUTED)}{run(' ' + _('z') + ' ', size=16, color=MUTED)}"
            f"{field('NUMPAGES', '1', size=16, color=MUTED)}</w:p>")
        for part, element in ((section.header, header), (section.footer, footer)):
            container = part._element
            for old in list(container):
                container.remove(old)
            container.append(element)

    # Output

    def _add(self, xml):
        """Queue body XML (paragraphs and tables); ``_assemble`` parses it all at once (moving thousands of
        parsed elements into the document one by one is far slower)."""
        self._parts.append(xml)

    def _assemble(self):
        body = self.document.element.body
        section = body.sectPr
        for child in list(body):
            body.remove(child)
        shell = etree.tostring(self.document.element, encoding="unicode")
        body_tag = f"<w:body>{''.join(self._parts)}{etree.tostring(section, encoding='unicode')}</w:body>"
        shell = shell.replace("<w:body/>", body_tag, 1)
        self.document.part._element = parse_xml(shell)

    def _bookmark_for(self, anchor):
        if not anchor:
            return None
        self._bookmark += 1
        return self._bookmark, bookmark_name(anchor)

    def heading(self, text, level=1, *, anchor="", page_break=False):
        return paragraph(run(text), style=f"Heading{level}", bookmark=self._bookmark_for(anchor), page_break_before=page_break)

    # Parts

    def render(self):
        self._add(self.title_page())
        self._add(self.table_of_contents())
        sections = self.content.sections
        for index, section in enumerate(sections):
            self.progress(10 + 80 * index // max(len(sections), 1), _("Píšu kapitolu „%(title)s“") % {"title": section.title})
            heading = section.heading
            xml = [self.heading(heading.text, 1, anchor=heading.anchor)]
            xml.extend(self.block(block) for block in section.blocks)
            self._add("".join(xml))
        self.progress(90, _("Ukládám dokument"))
        self._assemble()
        return self.to_bytes()

    def title_page(self):
        page = self.content.title_page
        band = f'<w:pPr><w:pBdr><w:top w:val="single" w:sz="48" w:space="1" w:color="{BLUE}"/></w:pBdr><w:ind w:right="{TEXT_WIDTH * 3 // 4}"/></w:pPr>'
        xml = [f"<w:p>{band}</w:p>"]
        if self.content.draft:
            xml.append(paragraph(run(_("NÁVRH"), size=32, bold=True, color=DRAFT_RED), align="right", spacing=(0, 0)))
        xml += [paragraph(run(page.area, size=32, color=BLUE, bold=True), spacing=(2000, 240)),
                paragraph(run(page.title, size=56, bold=True, color=DARK_BLUE), spacing=(0, 480))]
        for label, value in page.facts:
            xml.append(paragraph(run(f"{label}: ", color=MUTED, size=24) + run(value, size=24), spacing=(0, 80)))
        for text in page.summary:
            xml.append(paragraph(run(text, size=22), spacing=(240 if text is page.summary[0] else 0, 120)))
        lines = [*page.office, _("Vytvořeno v OpenKP %(date)s") % {"date": page.generated_on}]
        xml.append(paragraph(run("\n".join(lines), size=18, color=MUTED), spacing=(4400, 0)))
        return "".join(xml)

    def table_of_contents(self):
        """A real TOC field whose stored result is the list of chapters, readable before the fields are updated."""
        entries = self.content.toc()
        xml = [paragraph(run(_("Obsah"), bold=True, size=36, color=BLUE), page_break_before=True, spacing=(0, 240))]
        begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u '
                 '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        for index, entry in enumerate(entries):
            link = f'<w:hyperlink w:anchor="{bookmark_name(entry.anchor)}" w:history="1">{run(entry.text)}</w:hyperlink>'
            content = (begin if index == 0 else "") + link + (end if index == len(entries) - 1 else "")
            xml.append(paragraph(content, style=f"TOC{min(entry.level, 2)}"))
        return "".join(xml)

    def block(self, block):
        if isinstance(block, common.Heading):
            return self.heading(block.text, block.level, anchor=block.anchor, page_break=block.page_break)
        if isinstance(block, common.Paragraph):
            style = {"lead": "PlanLead", "note": "PlanNote", "label": "PlanLabel"}.get(block.style)
            return paragraph(run(block.text), style=style)
        if isinstance(block, common.Markdown):
            return self.markdown(block.tree)
        if isinstance(block, common.Table):
            caption = paragraph(run(block.caption), style="PlanCaption") if block.caption else ""
            return caption + table(block.headers, block.rows, widths=block.widths, numeric=block.numeric, totals=block.totals,
                                   keep_together=block.kind in KEEP_TOGETHER, small=block.kind == "costs") + paragraph(
                "", spacing=(0, 60))
        if isinstance(block, common.Facts):
            return table([], [[label, value] for label, value in block.rows], widths=(26, 74), keep_together=True, label_column=True)
        if isinstance(block, common.RiskMatrix):
            return self.risk_matrix(block)
        if isinstance(block, common.Group):
            return "".join(self.block(child) for child in block.blocks)
        raise TypeError(f"Unknown block {block!r}")

    def risk_matrix(self, matrix):
        headers = [matrix.corner, *[str(impact) for impact in range(1, 6)]]
        rows, fills = [], {}
        for row_index, probability in enumerate(range(5, 0, -1)):
            row = [str(probability)]
            for impact in range(1, 6):
                count = matrix.counts.get((probability, impact), 0)
                row.append(str(count) if count else "")
                fills[(row_index, impact)] = LEVEL_FILLS[matrix.level_of[(probability, impact)]]
            rows.append(row)
        legend = paragraph(run(str(common.MATRIX_LEGEND), size=16, color=MUTED), spacing=(60, 120))
        return table(headers, rows, widths=(20, 16, 16, 16, 16, 16), numeric=set(range(1, 6)), keep_together=True,
                     fills=fills, label_column=True, centred=True) + legend

    # Markdown

    def markdown(self, tree):
        xml = []
        for element in tree:
            xml.append(self.markdown_element(element))
        return "".join(xml)

    def markdown_element(self, element, *, style=None):
        tag = element.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return self.heading(element_text(element), min(int(tag[1]), 5), anchor=element.get("id", ""))
        if tag == "p":
            return paragraph(inline_runs(element), style=style)
        if tag in ("ul", "ol"):
            return self.markdown_list(element, level=0)
        if tag == "table":
            return self.markdown_table(element)
        if tag == "blockquote":
            return "".join(self.markdown_element(child, style="Quote") for child in element) or paragraph(
                inline_runs(element), style="Quote")
        if tag == "pre":
            return paragraph(run(element.text_content(), mono=True, size=18))
        if tag == "hr":
            return paragraph("", spacing=(0, 120))
        return paragraph(inline_runs(element), style=style)

    def markdown_list(self, element, *, level):
        ordered = element.tag == "ol"
        style = ("ListNumber" if ordered else "ListBullet") + ("" if level == 0 else str(min(level + 1, 3)))
        numbering = (self._restarted_numbering(style, int(element.get("start") or 1)), 0) if ordered else None
        xml = []
        for item in element.iterchildren("li"):
            nested = [child for child in item if child.tag in ("ul", "ol")]
            runs = inline_runs(item, skip=("ul", "ol"))
            xml.append(paragraph(runs, style=style, numbering=numbering))
            for child in nested:
                xml.append(self.markdown_list(child, level=level + 1))
        return "".join(xml)

    def _restarted_numbering(self, style_id, start):
        """A new numbering instance of the list style's numbering, so every numbered list starts at its own 1."""
        numbering = self.document.part.numbering_part.element
        style = self.document.styles.element.find(f"{{{W_NS}}}style[@{{{W_NS}}}styleId='{style_id}']")
        num_id = int(style.find(qn("w:pPr")).find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val")))
        abstract = numbering.num_having_numId(num_id).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId

    def markdown_table(self, element):
        rows = element.findall(".//tr")
        if not rows:
            return ""
        header_cells = rows[0].findall("th")
        headers = [element_text(cell) for cell in header_cells] if header_cells else []
        body = rows[1:] if header_cells else rows
        numeric = {index for index, cell in enumerate(rows[0]) if cell.get("align") == "right"}
        return table(headers, [[element_text(cell) for cell in row] for row in body], numeric=numeric) + paragraph(
            "", spacing=(0, 60))


def inline_runs(element, *, bold=False, italic=False, mono=False, skip=()):
    """Runs of an element's inline content: bold, italic, code and line breaks kept."""
    xml = [run(_clean(element.text), bold=bold, italic=italic, mono=mono)]
    for child in element:
        if child.tag in skip:
            continue
        if child.tag == "br":
            xml.append("<w:r><w:br/></w:r>")
        else:
            xml.append(inline_runs(child, bold=bold or child.tag in ("strong", "b"), italic=italic or child.tag in ("em", "i"),
                                   mono=mono or child.tag == "code"))
        xml.append(run(_clean(child.tail), bold=bold, italic=italic, mono=mono))
    return "".join(xml)


def _clean(text):
    """Inline text of Markdown HTML: its new lines are just spaces."""
    return (text or "").replace("\n", " ")


def bookmark_name(anchor):
    """A Word bookmark name (letters, digits, underscores; at most 40 characters)."""
    return ("_" + "".join(character if character.isalnum() else "_" for character in anchor))[:40]


def plan_docx(data, *, version=None, office=(), progress=None):
    """DOCX bytes of the plan document rendered from the snapshot ``data``."""
    return PlanDocx(common.build(data, version=version, office=office), progress=progress).render()
