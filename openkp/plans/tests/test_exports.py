"""The budget and diff workbooks read back with openpyxl: values, number formats, and formulas that add up
to the hand-checked totals of ``factories.small_plan``.

openpyxl does not calculate formulas, so ``Evaluator`` computes the few kinds the export writes (SUM, SUMIF,
IF, references to cells and ranges of any sheet, + and /) from the stored values.
"""

import decimal
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from ..exports import CZK_FORMAT, budget_xlsx, diff_xlsx
from ..models import Measure
from ..selectors.tree import load_tree
from ..services.snapshot import snapshot
from ..services.versions import diff
from . import factories

TOKEN = re.compile(r"""(?P<range>(?:'(?P<rsheet>[^']+)'!)?\$?(?P<c1>[A-Z]+)\$?(?P<r1>\d+):\$?(?P<c2>[A-Z]+)\$?(?P<r2>\d+))"""
                   r"""|(?P<ref>(?:'(?P<sheet>[^']+)'!)?\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d+))(?![\w(])"""
                   r"""|(?P<string>"[^"]*")|(?P<number>\d+(?:\.\d+)?)""")


class Evaluator:
    """Values of cells of a workbook written by ``exports``, formulas computed (Decimal, no rounding)."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.cache = {}

    def value(self, sheet, reference):
        cell = self.workbook[sheet][reference]
        return self.cell(sheet, cell.row, cell.column)

    def cell(self, sheet, row, column):
        key = (sheet, row, column)
        if key not in self.cache:
            raw = self.workbook[sheet].cell(row, column).value
            if isinstance(raw, str) and raw.startswith("="):
                self.cache[key] = self.formula(sheet, raw[1:])
            elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
                self.cache[key] = Decimal(str(raw))
            else:
                self.cache[key] = raw
        return self.cache[key]

    def formula(self, sheet, text):
        def token(match):
            if match["range"]:
                return (f"R({match['rsheet'] or sheet!r}, {column_index_from_string(match['c1'])}, {match['r1']}, "
                        f"{column_index_from_string(match['c2'])}, {match['r2']})")
            if match["ref"]:
                return f"C({match['sheet'] or sheet!r}, {match['row']}, {column_index_from_string(match['col'])})"
            if match["string"]:
                return match["string"]
            return f"Decimal('{match['number']}')"

        expression = TOKEN.sub(token, text).replace("=", "==")
        names = {"R": self.range, "C": lambda s, r, c: self.cell(s, r, c), "Decimal": Decimal, "SUM": _sum, "SUMIF": _sumif, "IF": _if}
        with decimal.localcontext() as context:
            context.traps[decimal.DivisionByZero] = context.traps[decimal.InvalidOperation] = False
            return eval(expression, {"__builtins__": {}}, names)  # noqa: S307 - our own formulas in a test

    def range(self, sheet, first_column, first_row, last_column, last_row):
        return [self.cell(sheet, row, column) for row in range(first_row, last_row + 1) for column in range(first_column, last_column + 1)]


def _numbers(values):
    for value in values:
        if isinstance(value, list):
            yield from _numbers(value)
        elif isinstance(value, Decimal):
            yield value


def _sum(*values):
    return sum(_numbers(values), Decimal("0"))


def _sumif(criteria, wanted, amounts):
    return sum((amount for value, amount in zip(criteria, amounts, strict=True) if value == wanted and isinstance(amount, Decimal)),
               Decimal("0"))


def _if(condition, yes, no):
    return yes if condition else no


@pytest.fixture
def plan(area):
    return factories.small_plan(area)


def read(content):
    return load_workbook(io.BytesIO(content))


def rows_by_number(sheet):
    """{(number, level): row index} of the sheet "Rozpočet"."""
    return {(sheet.cell(row, 1).value, sheet.cell(row, 2).value): row for row in range(2, sheet.max_row + 1) if sheet.cell(row, 2).value}


def header_column(sheet, heading, row=1):
    return next(cell.column for cell in sheet[row] if cell.value == heading)


def test_budget_sheet_has_a_row_per_measure_and_activity_with_numbers_and_formulas(plan):
    workbook = read(budget_xlsx(load_tree(plan)))
    assert workbook.sheetnames == ["Rozpočet", "Souhrn", "Finanční analýza"]
    sheet = workbook["Rozpočet"]
    headings = [cell.value for cell in sheet[1]]
    assert headings[:6] == ["Číslo", "Úroveň", "Název", "Prioritní oblast", "Cíl", "2025 – obec / město"]
    assert len(headings) == 5 + 3 * 7 + 1 and headings[-1] == "Celkem"
    rows = rows_by_number(sheet)
    assert [key for key in rows if key[1] in ("opatření", "aktivita")] == [
        ("1.1.1", "opatření"), ("1.1.1.1", "aktivita"), ("1.1.1.2", "aktivita"), ("1.1.2", "opatření"), ("1.2.1", "opatření"),
        ("2.1.1", "opatření"), ("2.1.1.1", "aktivita")]
    activity = rows[("1.1.1.1", "aktivita")]
    assert [sheet.cell(activity, column).value for column in (3, 4, 5)] == [
        "Financování terénní péče", "Senioři", "Podpora života seniorů v domácím prostředí"]
    mpsv_2026 = sheet.cell(activity, header_column(sheet, "2026 – státní dotace (MPSV)"))
    assert (mpsv_2026.value, mpsv_2026.data_type, mpsv_2026.number_format) == (30000, "n", CZK_FORMAT)
    eu_2027 = sheet.cell(rows[("1.1.2", "opatření")], header_column(sheet, "2027 – fondy EU"))
    assert (eu_2027.value, eu_2027.data_type) == (1000000, "n")
    measure = rows[("1.1.1", "opatření")]
    obec_2025 = header_column(sheet, "2025 – obec / město")
    letter = sheet.cell(1, obec_2025).column_letter
    assert sheet.cell(measure, obec_2025).value == f"=SUM({letter}{activity}:{letter}{activity + 1})+100000.00"
    total = sheet.cell(measure, len(headings)).value
    assert total == f"=SUM(F{measure}:{sheet.cell(1, len(headings) - 1).column_letter}{measure})"
    grand = rows[(None, "celkem")]
    assert sheet.cell(grand, obec_2025).value == f'=SUMIF($B$2:$B${grand - 1},"opatření",{letter}2:{letter}{grand - 1})'
    goal = rows[("1.1", "součet cíle")]
    assert sheet.cell(goal, obec_2025).value == f'=SUMIF($B$2:$B${goal - 1},"opatření",{letter}2:{letter}{goal - 1})'


def test_budget_formulas_add_up_to_the_hand_checked_totals(plan):
    workbook = read(budget_xlsx(load_tree(plan)))
    values = Evaluator(workbook)
    sheet = workbook["Rozpočet"]
    rows = rows_by_number(sheet)
    total_column = sheet.max_column

    def total(number, level):
        return values.cell("Rozpočet", rows[(number, level)], total_column)

    assert total("1.1.1", "opatření") == Decimal("300000")
    assert total("1.1.1.1", "aktivita") == Decimal("30000")
    assert total("1.1", "součet cíle") == Decimal("1300000")
    assert total("1.2", "součet cíle") == Decimal("0")
    assert total("1", "součet prioritní oblasti") == Decimal("1300000")
    assert total("2.1.1", "opatření") == Decimal("10000.75")
    assert total("2", "součet prioritní oblasti") == Decimal("10000.75")
    assert total(None, "celkem") == Decimal("1310000.75")
    grand = rows[(None, "celkem")]
    by_heading = {sheet.cell(1, column).value: values.cell("Rozpočet", grand, column) for column in range(6, total_column)}
    assert by_heading["2025 – obec / město"] == Decimal("110000.75")
    assert by_heading["2026 – státní dotace (MPSV)"] == Decimal("30000")

    summary = workbook["Souhrn"]
    source_rows = {summary.cell(row, 1).value: row for row in range(5, summary.max_row + 1)}
    assert list(source_rows)[:4] == ["obec / město", "kraj", "státní dotace (MPSV)", "fondy EU"]
    obec = source_rows["obec / město"]
    assert [values.cell("Souhrn", obec, column) for column in range(2, 6)] == [
        Decimal("110000.75"), Decimal("120000"), Decimal("0"), Decimal("230000.75")]
    totals = source_rows["Celkem"]
    assert [values.cell("Souhrn", totals, column) for column in range(2, 6)] == [
        Decimal("160000.75"), Decimal("150000"), Decimal("1000000"), Decimal("1310000.75")]
    assert round(values.cell("Souhrn", source_rows["fondy EU"], 6), 4) == Decimal("0.7634")
    assert summary.cell(obec, 2).number_format == CZK_FORMAT and summary.cell(obec, 6).number_format == "0.0 %"

    analysis = workbook["Finanční analýza"]
    labels = {analysis.cell(row, 1).value: row for row in range(1, analysis.max_row + 1) if analysis.cell(row, 1).value}
    seniors = labels["1 Senioři"]
    assert [values.cell("Finanční analýza", seniors, column) for column in range(2, 6)] == [
        Decimal("150000"), Decimal("150000"), Decimal("1000000"), Decimal("1300000")]
    assert round(values.cell("Finanční analýza", seniors, 6), 4) == Decimal("0.9924")
    assert round(values.cell("Finanční analýza", labels["2 Průřezová témata"], 6), 4) == Decimal("0.0076")
    year_shares = [round(values.cell("Finanční analýza", labels["Podíl roku na celku"], column), 4) for column in range(2, 6)]
    assert year_shares == [Decimal("0.1221"), Decimal("0.1145"), Decimal("0.7634"), Decimal("1")]
    sources = {analysis.cell(row, 1).value: row for row in range(labels["Podíl zdrojů financování"] + 2, analysis.max_row + 1)}
    assert values.cell("Finanční analýza", sources["kraj"], 2) == Decimal("50000")
    assert round(values.cell("Finanční analýza", sources["obec / město"], 3), 4) == Decimal("0.1756")
    assert values.cell("Finanční analýza", sources["Celkem"], 2) == Decimal("1310000.75")


def test_titles_stay_text_and_an_empty_plan_still_makes_a_workbook(area, plan):
    Measure.objects.filter(title="Katalog sociálních služeb").update(title='=HYPERLINK("http://example.org","klik")')
    sheet = read(budget_xlsx(load_tree(plan)))["Rozpočet"]
    cell = sheet.cell(rows_by_number(sheet)[("2.1.1", "opatření")], 3)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.org","klik")', "s")
    empty = factories.plan_factory(area, title="Prázdný plán")
    workbook = read(budget_xlsx(load_tree(empty)))
    assert Evaluator(workbook).value("Souhrn", "E12") == 0  # the total row of seven sources


def test_diff_workbook_lists_item_changes_cost_cells_and_totals(plan):
    before = snapshot(plan)
    Measure.objects.filter(title="Rozšíření odlehčovacích služeb").update(title="Rozšíření odlehčovacích a respitních služeb")
    factories.cost(Measure.objects.get(title="Nový domov se zvláštním režimem"), 2027, "kraj", "250000")
    workbook = read(diff_xlsx(diff(before, snapshot(plan), old_name="v1", new_name="v2")))
    assert workbook.sheetnames == ["Přehled", "Změny položek", "Změny nákladů", "Součty"]
    overview = {row[0]: row[1] for row in workbook["Přehled"].iter_rows(min_row=2, values_only=True)}
    assert overview["Starší verze"] == "v1" and overview["změněno"] == 1 and overview["přidáno"] == 0
    assert overview["Rozdíl (Kč)"] == 250000
    items = list(workbook["Změny položek"].iter_rows(min_row=2, values_only=True))
    assert items == [("opatření", "změněno", "1.1.2", "1.1.2", "Rozšíření odlehčovacích a respitních služeb", None, "název",
                      "Rozšíření odlehčovacích služeb", "Rozšíření odlehčovacích a respitních služeb")]
    costs = list(workbook["Změny nákladů"].iter_rows(min_row=2, values_only=True))
    assert costs == [("opatření", "1.2.1", "Nový domov se zvláštním režimem", 2027, "kraj", 0, 250000, 250000)]
    assert workbook["Změny nákladů"]["G2"].number_format == CZK_FORMAT
    totals = [row[:6] for row in workbook["Součty"].iter_rows(min_row=2, values_only=True)]
    assert totals[0] == ("plán celkem", None, "Plán celkem", 1310000.75, 1560000.75, 250000)
    assert ("prioritní oblast", "1", "Senioři", 1300000, 1550000, 250000) in totals
    assert ("opatření", "1.2.1", "Nový domov se zvláštním režimem", 0, 250000, 250000) in totals
