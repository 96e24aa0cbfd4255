"""XLSX files of the plan for economists who continue in Excel or LibreOffice: the budget with live formulas
(``budget_xlsx``) and the differences between two versions (``diff_xlsx``).

The budget workbook has three sheets:

* "Rozpočet": a row per measure and per activity (number, level, title, priority, goal), a column per year ×
  funding source and a total column. Activities hold their amounts; a measure with activities adds them up
  with a formula (plus the costs entered for the measure as a whole). Subtotal rows per goal and priority and
  the grand total add up the measure rows (SUMIF on the level column), row totals are SUMs over the row.
* "Souhrn": year × source totals as SUMIFs over "Rozpočet", with shares of the sources.
* "Finanční analýza": costs per priority and year with shares in %, and the shares of the funding sources.

Amounts are numbers in a CZK format, never text; titles are always text (never formulas).
"""

from collections import defaultdict

from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from openkp.core.spreadsheets import XLSX_MIME, add_table, new_workbook, workbook_bytes  # noqa: F401 - XLSX_MIME for callers

CZK_FORMAT = '#,##0.00 "Kč"'
PERCENT_FORMAT = "0.0 %"
SUBTOTAL_FILL = PatternFill("solid", fgColor="E8EEF7")
TOTAL_FILL = PatternFill("solid", fgColor="C9D6EA")
BOLD = Font(bold=True)
FIXED_COLUMNS = 5  # number, level, title, priority, goal


def _text(cell, value, *, bold=False):
    """A text cell that stays text even when it starts with "=" (no formula injection); empty text is an empty cell."""
    cell.value = value if value != "" else None
    if isinstance(value, str):
        cell.data_type = "s"
    if bold:
        cell.font = BOLD
    return cell


def _money(cell, value):
    cell.value = value
    cell.number_format = CZK_FORMAT
    return cell


def _sheet_ref(title, reference):
    return f"'{title}'!{reference}"


def _header(sheet, row, headings, widths=None):
    for column, heading in enumerate(headings, start=1):
        cell = _text(sheet.cell(row, column), heading, bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for column, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


# --- the budget ----------------------------------------------------------------------------------

class _BudgetSheet:
    """Writes the sheet "Rozpočet" and remembers where its rows and columns are for the other sheets."""

    title = "Rozpočet"

    def __init__(self, workbook, tree):
        self.tree = tree
        self.sheet = workbook.create_sheet(self.title)
        used = {cost.source_id for cost in tree.costs}
        self.sources = [source for source in tree.sources if source.is_active or source.pk in used]
        self.columns = [(year, source) for year in tree.years for source in self.sources]
        self.total_column = FIXED_COLUMNS + len(self.columns) + 1
        self.own = defaultdict(dict)  # (kind, id) → {(year, source id): amount}
        for cost in tree.costs:
            key = ("activity", cost.activity_id) if cost.activity_id else ("measure", cost.measure_id)
            self.own[key][(cost.year, cost.source_id)] = self.own[key].get((cost.year, cost.source_id), 0) + cost.amount
        self.measure_label = _("opatření")
        self.priority_rows = []  # (priority, row of its subtotal)
        self.row = 2

    def letter(self, index):
        """Column letter of money column ``index`` (0-based)."""
        return get_column_letter(FIXED_COLUMNS + 1 + index)

    def year_letters(self, year):
        """First and last column letters of the year's sources (a year's sources are side by side)."""
        indexes = [index for index, (column_year, _source) in enumerate(self.columns) if column_year == year]
        return self.letter(indexes[0]), self.letter(indexes[-1])

    def write(self):
        sheet = self.sheet
        headings = [_("Číslo"), _("Úroveň"), _("Název"), _("Prioritní oblast"), _("Cíl")]
        headings += [f"{year} – {source.name}" for year, source in self.columns] + [_("Celkem")]
        _header(sheet, 1, headings, [10, 18, 50, 28, 28] + [14] * len(self.columns) + [16])
        for priority in self.tree.priorities:
            first = self.row
            for goal in priority.goal_list:
                goal_first = self.row
                for measure in goal.measure_list:
                    self.measure_rows(priority, goal, measure)
                self.subtotal(goal_first, [goal.number, _("součet cíle"), goal.title, priority.title, goal.title], SUBTOTAL_FILL)
            self.priority_rows.append((priority, self.row))
            self.subtotal(first, [priority.number, _("součet prioritní oblasti"), priority.title, priority.title, ""], SUBTOTAL_FILL)
        self.grand_total_row = self.row
        self.subtotal(2, ["", _("celkem"), _("Plán celkem"), "", ""], TOTAL_FILL)
        self.last_row = self.grand_total_row
        note = sheet.cell(self.row + 1, 1)
        _text(note, _("Částka opatření zahrnuje jeho aktivity; součty cílů, prioritních oblastí a plánu sčítají řádky "
                      "opatření (sloupec Úroveň = „opatření“). Částky jsou v Kč."))
        sheet.freeze_panes = sheet.cell(2, FIXED_COLUMNS + 1)
        sheet.auto_filter.ref = f"A1:{get_column_letter(self.total_column)}{self.grand_total_row}"

    def labels(self, row, values, fill=None, bold=False):
        for column, value in enumerate(values, start=1):
            cell = _text(self.sheet.cell(row, column), value, bold=bold)
            if fill:
                cell.fill = fill

    def row_total(self, row, fill=None, bold=False):
        cell = _money(self.sheet.cell(row, self.total_column), f"=SUM({self.letter(0)}{row}:{self.letter(len(self.columns) - 1)}{row})"
                      if self.columns else 0)
        if fill:
            cell.fill = fill
        if bold:
            cell.font = BOLD

    def measure_rows(self, priority, goal, measure):
        measure_row = self.row
        self.row += 1
        for activity in measure.activity_list:
            self.labels(self.row, [activity.number, _("aktivita"), activity.title, priority.title, goal.title])
            amounts = self.own[("activity", activity.pk)]
            for index, (year, source) in enumerate(self.columns):
                _money(self.sheet.cell(self.row, FIXED_COLUMNS + 1 + index), amounts.get((year, source.pk)))
            self.row_total(self.row)
            self.row += 1
        self.labels(measure_row, [measure.number, self.measure_label, measure.title, priority.title, goal.title], bold=True)
        own = self.own[("measure", measure.pk)]
        first, last = measure_row + 1, self.row - 1
        for index, (year, source) in enumerate(self.columns):
            amount = own.get((year, source.pk))
            if measure.activity_list:
                letter = self.letter(index)
                value = f"=SUM({letter}{first}:{letter}{last})" + (f"+{amount}" if amount else "")
            else:
                value = amount
            _money(self.sheet.cell(measure_row, FIXED_COLUMNS + 1 + index), value).font = BOLD
        self.row_total(measure_row, bold=True)

    def subtotal(self, first, labels, fill):
        """A row adding up the measure rows between ``first`` and the row above it."""
        row, last = self.row, self.row - 1
        self.labels(row, labels, fill=fill, bold=True)
        for index in range(len(self.columns)):
            letter = self.letter(index)
            value = f'=SUMIF($B${first}:$B${last},"{self.measure_label}",{letter}{first}:{letter}{last})' if last >= first else 0
            cell = _money(self.sheet.cell(row, FIXED_COLUMNS + 1 + index), value)
            cell.fill, cell.font = fill, BOLD
        self.row_total(row, fill=fill, bold=True)
        self.row += 1


def _summary_sheet(workbook, budget):
    """Year × source totals over "Rozpočet", the shares of the sources."""
    tree, sheet = budget.tree, workbook.create_sheet("Souhrn")
    _text(sheet.cell(1, 1), tree.plan.title, bold=True)
    _text(sheet.cell(2, 1), _("Náklady podle zdrojů financování a let (Kč), vzorce nad listem „Rozpočet“."))
    years = tree.years
    _header(sheet, 4, [_("Zdroj financování"), *[str(year) for year in years], _("Celkem"), _("Podíl")], [34] + [16] * (len(years) + 2))
    total_column = len(years) + 2
    total_letter = get_column_letter(total_column)
    first_row, total_row = 5, 5 + len(budget.sources)
    levels = _sheet_ref(budget.title, f"$B$2:$B${budget.last_row}")
    for offset, source in enumerate(budget.sources):
        row = first_row + offset
        _text(sheet.cell(row, 1), source.name)
        for year_index, year in enumerate(years):
            letter = budget.letter(budget.columns.index((year, source)))
            amounts = _sheet_ref(budget.title, f"{letter}$2:{letter}${budget.last_row}")
            _money(sheet.cell(row, 2 + year_index), f'=SUMIF({levels},"{budget.measure_label}",{amounts})')
        _money(sheet.cell(row, total_column), f"=SUM(B{row}:{get_column_letter(total_column - 1)}{row})")
        share = sheet.cell(row, total_column + 1, f"=IF(${total_letter}${total_row}=0,0,{total_letter}{row}/${total_letter}${total_row})")
        share.number_format = PERCENT_FORMAT
    _text(sheet.cell(total_row, 1), _("Celkem"), bold=True)
    for column in range(2, total_column + 1):
        letter = get_column_letter(column)
        cell = _money(sheet.cell(total_row, column), f"=SUM({letter}{first_row}:{letter}{total_row - 1})" if budget.sources else 0)
        cell.font = BOLD
    share = sheet.cell(total_row, total_column + 1, f"=IF(${total_letter}${total_row}=0,0,1)")
    share.number_format = PERCENT_FORMAT
    sheet.freeze_panes = "B5"
    return {"first_row": first_row, "total_row": total_row, "total_column": total_column}


def _analysis_sheet(workbook, budget, summary):
    """Costs per priority and year with shares in %, and the shares of the funding sources (as in the plans' financial analysis)."""
    tree, sheet = budget.tree, workbook.create_sheet("Finanční analýza")
    years = tree.years
    _text(sheet.cell(1, 1), _("Finanční analýza: %(plan)s") % {"plan": tree.plan.title}, bold=True)
    _text(sheet.cell(3, 1), _("Náklady podle prioritních oblastí a let (Kč)"), bold=True)
    _header(sheet, 4, [_("Prioritní oblast"), *[str(year) for year in years], _("Celkem"), _("Podíl na celku")],
            [44] + [16] * (len(years) + 2))
    total_column = len(years) + 2
    total_letter = get_column_letter(total_column)
    first_row = 5
    total_row = first_row + len(budget.priority_rows)
    for offset, (priority, budget_row) in enumerate(budget.priority_rows):
        row = first_row + offset
        _text(sheet.cell(row, 1), f"{priority.number} {priority.title}")
        for year_index, year in enumerate(years):
            value = 0
            if budget.columns:
                start, end = budget.year_letters(year)
                value = f"=SUM({_sheet_ref(budget.title, f'{start}{budget_row}:{end}{budget_row}')})"
            _money(sheet.cell(row, 2 + year_index), value)
        _money(sheet.cell(row, total_column), f"=SUM(B{row}:{get_column_letter(total_column - 1)}{row})")
        share = sheet.cell(row, total_column + 1, f"=IF(${total_letter}${total_row}=0,0,{total_letter}{row}/${total_letter}${total_row})")
        share.number_format = PERCENT_FORMAT
    _text(sheet.cell(total_row, 1), _("Celkem"), bold=True)
    for column in range(2, total_column + 1):
        letter = get_column_letter(column)
        cell = _money(sheet.cell(total_row, column), f"=SUM({letter}{first_row}:{letter}{total_row - 1})" if budget.priority_rows else 0)
        cell.font = BOLD
    share_row = total_row + 1
    _text(sheet.cell(share_row, 1), _("Podíl roku na celku"))
    for column in range(2, total_column + 1):
        letter = get_column_letter(column)
        cell = sheet.cell(share_row, column, f"=IF(${total_letter}${total_row}=0,0,{letter}{total_row}/${total_letter}${total_row})")
        cell.number_format = PERCENT_FORMAT

    top = share_row + 2
    _text(sheet.cell(top, 1), _("Podíl zdrojů financování"), bold=True)
    _header(sheet, top + 1, [_("Zdroj financování"), _("Celkem"), _("Podíl na celku")])
    summary_total = get_column_letter(summary["total_column"])
    sources_total_row = top + 2 + len(budget.sources)
    for offset, source in enumerate(budget.sources):
        row = top + 2 + offset
        _text(sheet.cell(row, 1), source.name)
        _money(sheet.cell(row, 2), "=" + _sheet_ref("Souhrn", f"{summary_total}{summary['first_row'] + offset}"))
        share = sheet.cell(row, 3, f"=IF($B${sources_total_row}=0,0,B{row}/$B${sources_total_row})")
        share.number_format = PERCENT_FORMAT
    _text(sheet.cell(sources_total_row, 1), _("Celkem"), bold=True)
    _money(sheet.cell(sources_total_row, 2), f"=SUM(B{top + 2}:B{sources_total_row - 1})" if budget.sources else 0).font = BOLD
    sheet.freeze_panes = "B5"


def budget_xlsx(tree):
    """The plan's budget as an XLSX workbook (bytes); ``tree`` from ``selectors.tree.load_tree``."""
    workbook = new_workbook()
    workbook.properties.title = tree.plan.title
    budget = _BudgetSheet(workbook, tree)
    budget.write()
    summary = _summary_sheet(workbook, budget)
    _analysis_sheet(workbook, budget, summary)
    return workbook_bytes(workbook)


# --- the diff ------------------------------------------------------------------------------------

def _format_money_columns(sheet, columns):
    for row in sheet.iter_rows(min_row=2):
        for index in columns:
            row[index].number_format = CZK_FORMAT


def diff_xlsx(diff):
    """The differences between two versions (``services.versions.diff``) as an XLSX workbook (bytes)."""
    workbook = new_workbook()
    overview = [(_("Starší verze"), diff.old_name), (_("Novější verze"), diff.new_name)]
    overview += [(label, count) for _code, label, count in diff.counts]
    overview += [(_("Náklady plánu dříve (Kč)"), diff.plan_total.old), (_("Náklady plánu nyní (Kč)"), diff.plan_total.new),
                 (_("Rozdíl (Kč)"), diff.plan_total.difference)]
    sheet = add_table(workbook, _("Přehled"), [(_("Údaj"), 32), (_("Hodnota"), 40)], overview)
    for row in sheet.iter_rows(min_row=len(overview) - 1, max_row=len(overview) + 1):
        row[1].number_format = CZK_FORMAT

    rows = []
    for item in diff.items:
        status = ", ".join(label for _code, label in item.statuses)
        base = [item.kind_label, status, item.old_number, item.new_number, item.title, item.context]
        details = [(change.label, change.old, change.new) for change in item.fields]
        if item.new_parent:
            details.append((_("nadřazená položka"), "", item.new_parent))
        rows += [base + list(detail) for detail in details] or [base + ["", "", ""]]
    add_table(workbook, _("Změny položek"), [
        (_("Druh"), 16), (_("Stav"), 22), (_("Číslo dříve"), 11), (_("Číslo nyní"), 11), (_("Název"), 44), (_("Umístění"), 18),
        (_("Údaj"), 22), (_("Dříve"), 40), (_("Nyní"), 40),
    ], rows)

    rows = [[change.kind_label, change.number, change.title, cell.year, cell.source_name, cell.old, cell.new, cell.difference]
            for change in diff.cost_changes for cell in change.cells]
    sheet = add_table(workbook, _("Změny nákladů"), [
        (_("Druh"), 14), (_("Číslo"), 10), (_("Název"), 44), (_("Rok"), 8), (_("Zdroj"), 24), (_("Dříve"), 16), (_("Nyní"), 16),
        (_("Rozdíl"), 16),
    ], rows)
    _format_money_columns(sheet, (5, 6, 7))

    totals = [diff.plan_total, *diff.year_totals, *diff.totals]
    rows = [[total.level_label, total.number, str(total.title), total.old, total.new, total.difference] for total in totals]
    sheet = add_table(workbook, _("Součty"), [
        (_("Úroveň"), 18), (_("Číslo"), 10), (_("Název"), 44), (_("Dříve"), 18), (_("Nyní"), 18), (_("Rozdíl"), 18),
    ], rows)
    _format_money_columns(sheet, (3, 4, 5))
    return workbook_bytes(workbook)
