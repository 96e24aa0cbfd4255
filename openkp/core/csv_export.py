"""The one CSV writer of every export: UTF-8 with BOM and ``;`` (Excel with Czech settings opens it without an
import wizard), and no cell that a spreadsheet would run as a formula.

A text cell that begins with ``= + - @``, a tab or a carriage return gets an apostrophe in front (OWASP's advice
against CSV injection): a service name ``=HYPERLINK(…)`` stays the text it was typed as. Numbers stay numbers:
values that are not text (int, Decimal, float, dates) are never touched, and a text that is a plain number
(``-5``, ``-1,5``, ``+3.25``) cannot hold a formula either, so it is written as it is.
"""

import csv
import io
import re

CSV_MIME = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def neutralise(value):
    """``value`` as a cell that cannot start a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class _Buffer:
    def __init__(self):
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, delimiter=";", lineterminator="\r\n")

    def row(self, cells):
        self.writer.writerow([neutralise(cell) for cell in cells])

    def content(self):
        return ("\ufeff" + self.buffer.getvalue()).encode("utf-8")


def csv_bytes(rows, *, header=None):
    """A CSV file of ``rows`` (lists of cells), with ``header`` as its first row when given."""
    output = _Buffer()
    if header is not None:
        output.row(header)
    for row in rows:
        output.row(row)
    return output.content()


def dict_csv_bytes(fieldnames, rows):
    """A CSV file with a header of ``fieldnames`` and one line per dict of ``rows`` (missing keys are empty cells,
    keys outside ``fieldnames`` are left out)."""
    return csv_bytes(([row.get(name, "") for name in fieldnames] for row in rows), header=fieldnames)
