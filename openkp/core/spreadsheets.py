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


# --- Reading uploaded tables (every import) --------------------------------------------------------------
# A table is read once, row by row, and reading stops at the first row over the import's limit: a small
# file may hold millions of rows (a 600 kB XLSX of two million short rows), and the whole of it must never
# be materialised just to be refused.

XLSX_SHEET_PREFIX = "xl/worksheets/"
XLSX_SHARED_STRINGS = "xl/sharedStrings.xml"


class SpreadsheetError(Exception):
    """An uploaded table cannot be read (Czech message for the user)."""

    def __init__(self, message):
        self.message = str(message)
        self.errors = [self.message]
        super().__init__(self.message)


class TooManyRows(SpreadsheetError):
    def __init__(self, limit, line):
        self.limit, self.line = limit, line
        super().__init__(too_many_rows_message(limit, line))


def too_many_rows_message(limit, line):
    from django.utils.translation import gettext as _

    from .typography import format_number

    return _("Soubor má více než %(limit)s řádků s údaji (čtení jsme zastavili na %(line)s. řádku), import jich přijme nejvýš "
             "%(limit)s najednou. Rozdělte ho prosím na menší soubory a naimportujte je postupně.") % {
        "limit": format_number(limit), "line": format_number(line)}


def too_many_records_message(limit, count):
    """The refusal of a JSON file (registry, codebook) with more records than its import takes."""
    from django.utils.translation import gettext as _

    from .typography import format_number

    return _("Soubor má %(count)s záznamů, import jich přijme nejvýš %(limit)s. Nahrajte prosím soubor, který import "
             "očekává; je-li opravdu tak velký, požádejte správce o zvýšení limitu.") % {
        "count": format_number(count), "limit": format_number(limit)}


def row_limit(name):
    """The row limit of one import from the settings (``IMPORT_MAX_ROWS`` for answers, ``IMPORT_MAX_ROWS_<NAME>`` else)."""
    from django.conf import settings

    return getattr(settings, f"IMPORT_MAX_ROWS_{name.upper()}" if name != "answers" else "IMPORT_MAX_ROWS")


def limited_rows(rows, max_rows, *, header_rows=1):
    """The rows of ``rows`` as ``(file row number, row)``; raises :class:`TooManyRows` on the first row past
    ``max_rows`` data rows (after ``header_rows``), so that the rest of the file is never read.
    Blank rows (a sheet formatted down to its millionth row has them) are passed on but not counted."""
    last = max_rows + header_rows
    counted = 0
    for number, row in enumerate(rows, start=1):
        if any(value not in (None, "") for value in row):
            counted += 1
            if counted > last:
                raise TooManyRows(max_rows, number)
        yield number, row


def check_xlsx_archive(data, *, error_message):
    """Refuse a ZIP whose sheets or shared strings would unpack to far more than the upload itself (a "zip bomb").
    The declared sizes can be trusted: Python's zipfile never unpacks more than an entry declares."""
    import zipfile

    from django.conf import settings
    from django.utils.translation import gettext as _

    from .typography import format_number

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise SpreadsheetError(error_message) from None
    sheets = sum(entry.file_size for entry in entries if entry.filename.startswith(XLSX_SHEET_PREFIX))
    shared = sum(entry.file_size for entry in entries if entry.filename == XLSX_SHARED_STRINGS)
    total = sum(entry.file_size for entry in entries)
    sheet_limit = settings.IMPORT_MAX_XLSX_SHEETS_MB * 1024 * 1024
    shared_limit = settings.IMPORT_MAX_XLSX_SHARED_STRINGS_MB * 1024 * 1024
    if sheets > sheet_limit or shared > shared_limit or total > sheet_limit + shared_limit + 10 * 1024 * 1024:
        raise SpreadsheetError(_(
            "Sešit je po rozbalení příliš velký (%(size)s MB, import přijme nejvýš %(limit)s MB listů a %(shared)s MB textů). "
            "Nejspíš obsahuje velké množství řádků nebo textu; rozdělte ho prosím na menší soubory.") % {
            "size": format_number(total / 1024 / 1024), "limit": format_number(settings.IMPORT_MAX_XLSX_SHEETS_MB),
            "shared": format_number(settings.IMPORT_MAX_XLSX_SHARED_STRINGS_MB)})


def _streaming_reader():
    """openpyxl's reader of ``load_workbook(read_only=True)``, but its sheets are not sized at opening: for a sheet
    without a <dimension> tag openpyxl parses the whole sheet to find one (38 s for 200 000 rows), before a
    single row is read. The rows are counted while streaming instead (:func:`sheet_rows`)."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class UnsizedSheet(ReadOnlyWorksheet):
        def _get_size(self):
            pass

    class StreamingReader(ExcelReader):
        def read_worksheets(self):
            for sheet, rel in self.parser.find_sheets():
                if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                    worksheet = UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
                    worksheet.sheet_state = sheet.state
                    self.wb._sheets.append(worksheet)

    return StreamingReader


def open_workbook(data, *, error_message):
    """A read-only (streaming) workbook of XLSX bytes, after the size check; ``error_message`` when unreadable.
    Close it after use (``workbook.close()``)."""

    check_xlsx_archive(data, error_message=error_message)
    try:
        reader = _streaming_reader()(io.BytesIO(data), read_only=True, data_only=True)
        reader.read()
        return reader.wb
    except Exception:  # noqa: BLE001 - a damaged or foreign ZIP file fails in many ways inside openpyxl
        raise SpreadsheetError(error_message) from None


def sheet_rows(sheet, max_rows, *, header_rows=1):
    """``(row number, tuple of values)`` of a read-only sheet, streamed, with the row limit.

    The sheet's dimension tag (``<dimension ref="A1:C10"/>``) is written by whoever made the file and read-only
    mode believes it: a wrong one would cut the rows short or pad every row to thousands of columns. It is
    forgotten, so that the rows come as they are in the file."""
    sheet.reset_dimensions()
    return limited_rows(sheet.iter_rows(values_only=True), max_rows, header_rows=header_rows)


def csv_rows(text, max_rows, *, header_rows=1, **reader_options):
    """``(row number, list of cells)`` of CSV text, streamed, with the row limit (``csv.Error`` passes through)."""
    import csv

    return limited_rows(csv.reader(io.StringIO(text), **reader_options), max_rows, header_rows=header_rows)
