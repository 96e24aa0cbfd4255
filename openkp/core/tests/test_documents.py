import io

import docx
import pytest
from pypdf import PdfReader

from openkp.core.documents import DocxDocument, render_pdf
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
    assert "Strana 1 z 1" in text
    assert "Koordinátor/ka" in text
