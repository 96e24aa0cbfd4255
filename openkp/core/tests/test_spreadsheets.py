from io import BytesIO

from openpyxl import load_workbook

from openkp.core.spreadsheets import add_table, new_workbook, workbook_bytes


def test_a_table_keeps_texts_as_texts_even_when_they_look_like_formulas():
    workbook = new_workbook()
    add_table(workbook, "Lidé", [("Jméno", 20), ("Počet", 8)], [["=HYPERLINK(\"http://zle.example\")", 3], ["Jana", 1]])
    sheet = load_workbook(BytesIO(workbook_bytes(workbook)))["Lidé"]
    assert [cell.value for cell in sheet[1]] == ["Jméno", "Počet"] and sheet[1][0].font.bold
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=HYPERLINK")
    assert sheet["B2"].value == 3 and sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:B3"
