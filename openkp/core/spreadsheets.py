"""XLSX tables for people who continue in Excel: bold header, widths, frozen header row, filter.

Texts stay texts: a name typed as "=HYPERLINK(…)" is never stored as a formula (CSV/formula injection).
"""

import io

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# openpyxl is imported where a workbook is made: every manage.py call would pay for it otherwise.


def new_workbook():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def add_table(workbook, title, columns, rows):
    """A sheet named ``title`` with ``columns`` = [(heading, width), …] and the rows below them."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title[:31])
    sheet.append([heading for heading, _width in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    count = 0
    for row in rows:
        count += 1
        sheet.append(list(row))
        # The row just appended by its number (asking sheet.max_row scans every cell, once per row).
        for cell in sheet[count + 1]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for index, (_heading, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    return sheet


def workbook_bytes(workbook):
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
