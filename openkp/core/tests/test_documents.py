import io

import docx
import pytest
from pypdf import PdfReader

from openkp.core.documents import DocxDocument, html_typography, render_pdf
from openkp.core.typography import NBSP


@pytest.fixture
def letterhead_area(area):
    area.office_name = "Městský úřad Testov, odbor sociálních věcí"
    area.office_address = "Náměstí 1, 700 00 Testov"
    area.save()
    return area


def test_docx_has_letterhead_heading_table_and_typography(letterhead_area):
    document = DocxDocument(title="Zápis z jednání", area=letterhead_area)
    document.heading("Rozpočet")
    document.paragraph("Služby v okolí a v obcích stojí 1 234 567 Kč.")
    document.table(["Zdroj", "Částka"], [("obec", "1 000 Kč"), ("kraj", "2 500 Kč")], numeric_columns=(1,))
    read_back = docx.Document(io.BytesIO(document.to_bytes()))

    header_text = read_back.sections[0].header.paragraphs[0].text
    assert "Městský úřad Testov" in header_text
    assert "Náměstí 1" in header_text
    texts = [paragraph.text for paragraph in read_back.paragraphs]
    assert f"Zápis z{NBSP}jednání" in texts
    assert f"Služby v{NBSP}okolí a{NBSP}v{NBSP}obcích stojí 1{NBSP}234{NBSP}567{NBSP}Kč." in texts
    table = read_back.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Zdroj", "Částka"]
    assert table.rows[2].cells[1].text == f"2{NBSP}500{NBSP}Kč"
    assert read_back.core_properties.language == "cs-CZ"


def test_pdf_has_letterhead_czech_text_and_page_numbers(letterhead_area):
    content = render_pdf("documents/area_overview.html", {
        "title": "Přehled území Město Testov",
        "municipalities": [],
        "figures": {"roles": [("koordinátor/ka", 1)]},
    }, area=letterhead_area)
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    text = reader.pages[0].extract_text()
    assert "Přehled území Město Testov" in text
    assert "Městský úřad Testov" in text
    assert "Strana 1 z\u00a01" in text  # "z" binds to the number: it never ends a line
    assert "Koordinátor/ka" in text


def test_docx_typography_reaches_every_run_header_footer_and_table_cell_but_not_code():
    document = DocxDocument(title="Zápis")
    paragraph = document.document.add_paragraph()
    paragraph.add_run("Bydlí v ")
    paragraph.add_run("Ostravě").bold = True
    code = document.document.add_paragraph().add_run("a = b if x else y")
    code.font.name = "Consolas"
    table = document.document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Služba k dispozici"
    document.document.sections[0].header.paragraphs[0].text = "Úřad v Ostravě"
    document.footer_note("Strana 1 z 2")
    read = docx.Document(io.BytesIO(document.to_bytes()))
    assert read.paragraphs[-2].text == "Bydlí v\u00a0Ostravě"
    assert read.paragraphs[-1].text == "a = b if x else y"
    assert read.tables[0].cell(0, 0).text == "Služba k\u00a0dispozici"
    assert read.sections[0].header.paragraphs[0].text == "Úřad v\u00a0Ostravě"
    assert read.sections[0].footer.paragraphs[0].text == "Strana 1 z\u00a02"


def test_html_typography_binds_one_letter_words_in_text_but_leaves_styles_and_code():
    html = html_typography('<html><head><style>a { color: red } i b { x: y }</style></head><body>'
                           '<p>Dům v <strong>Praze</strong> a okolí</p><pre>k dispozici</pre><p title="a b">text</p></body></html>')
    assert "<style>a { color: red } i b { x: y }</style>" in html
    assert "<p>Dům v\u00a0<strong>Praze</strong> a\u00a0okolí</p>" in html
    assert "<pre>k dispozici</pre>" in html and 'title="a b"' in html
