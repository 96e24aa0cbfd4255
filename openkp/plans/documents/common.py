"""The content of the plan document, built once from a snapshot and printed alike by the DOCX and the PDF.

``build(data)`` turns a snapshot (``services.snapshot.snapshot(plan)`` or a frozen ``PlanVersion.snapshot``)
into numbered sections of simple blocks: headings, paragraphs, Markdown trees, tables, key–value cards
and the risk matrix. Every text is already in Czech typography and every amount already formatted, so
the two renderers only lay the blocks out and cannot disagree about what the plan says.
"""

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from openkp.core.typography import NBSP, format_date, format_money, format_number

from ..services.snapshot import measures as snapshot_measures
from ..services.snapshot import snapshot_budget
from .markup import element_text, markdown_tree, typographic

INDICATOR_KINDS = {"output": "výstup", "quality": "kvalita", "impact": "sociální dopad"}
QUARTERS = ("I", "II", "III", "IV")
RESOLVED_STATUSES = ("approved", "in_force", "closed")
ABBREVIATIONS = [
    ("EU", "Evropská unie"),
    ("KP", "komunitní plán"),
    ("KPSS", "komunitní plánování sociálních služeb"),
    ("MPSV", "Ministerstvo práce a sociálních věcí"),
    ("OPZ", "Operační program Zaměstnanost (od roku 2021 Operační program Zaměstnanost plus, OPZ+)"),
    ("ORP", "obec s rozšířenou působností"),
    ("SWOT", "analýza silných a slabých stránek, příležitostí a hrozeb (Strengths, Weaknesses, Opportunities, Threats)"),
]


MATRIX_LEGEND = gettext_lazy("P – pravděpodobnost (5 nejvyšší), D – dopad (5 nejvyšší). Zelená: nízké, žlutá: střední, "
                             "červená: vysoké riziko.")


# Blocks ---------------------------------------------------------------------------------------------

@dataclass
class Heading:
    level: int
    text: str
    anchor: str = ""
    in_toc: bool = False
    page_break: bool = False  # starts a new page: a priority area, a year of the timetable (also where the PDF is split)


@dataclass
class Paragraph:
    text: str
    style: str = ""  # "", "lead", "note", "label" (a small heading of a table)


@dataclass
class Markdown:
    tree: object  # lxml element (a <div>) from markup.markdown_tree


@dataclass
class Cell:
    text: str
    detail: str = ""  # a second, smaller line
    on: bool = False  # a filled cell of the timetable
    span: int = 1  # columns of the table's grid the cell takes


@dataclass
class Table:
    headers: list
    rows: list  # lists of str or Cell
    numeric: frozenset = frozenset()
    caption: str = ""
    totals: int = 0  # the last rows that are sums (bold)
    widths: tuple = ()  # relative column widths; empty: equal
    fit: tuple = ()  # per column: as wide as its content where the layout can do it (the PDF); empty: none
    kind: str = ""  # "costs", "indicators", "activities", "timetable", "register", "overview", "generated"

    def __post_init__(self):
        self.numeric = frozenset(self.numeric)


@dataclass
class Facts:
    """A measure's card: label → value (values with several paragraphs use "\n")."""

    rows: list


@dataclass
class RiskMatrix:
    counts: dict  # (probability, impact) → count
    level_of: dict  # (probability, impact) → "low" | "medium" | "high"
    corner: str = "P \\ D"  # probability (rows) \ impact (columns)


@dataclass
class Group:
    """Blocks that belong together (a measure's card): the PDF keeps its heading with what follows."""

    kind: str
    blocks: list


@dataclass
class Section:
    number: int
    title: str
    anchor: str
    blocks: list = field(default_factory=list)

    @property
    def heading(self):
        return Heading(1, f"{self.number}{NBSP}{self.title}", self.anchor, in_toc=True)


@dataclass
class TitlePage:
    area: str
    title: str
    period: str
    facts: list  # (label, value)
    summary: list  # paragraphs
    office: list  # lines
    generated_on: str


@dataclass
class PlanDocument:
    title: str
    area: str
    title_page: TitlePage
    sections: list
    years: list
    draft: bool = False  # not approved (yet): every page is marked "NÁVRH"

    def toc(self):
        """Headings of levels 1 and 2 in reading order: what both tables of contents list."""
        entries = []
        for section in self.sections:
            entries.append(section.heading)
            entries.extend(_toc_headings(section.blocks))
        return entries


def _toc_headings(blocks):
    for block in blocks:
        if isinstance(block, Heading) and block.in_toc:
            yield block
        elif isinstance(block, Markdown):
            for element in block.tree.iter("h2"):
                yield Heading(2, element_text(element), element.get("id"), in_toc=True)
        elif isinstance(block, Group):
            yield from _toc_headings(block.blocks)


# Formatting -----------------------------------------------------------------------------------------

def decimal(value):
    return Decimal(str(value)) if value not in (None, "") else None


def money_decimals(values):
    """Two decimal places in a table when any of its amounts has hellers, none otherwise."""
    return 2 if any(value is not None and value != value.to_integral_value() for value in values) else 0


def money_cells(values, decimals):
    """Amounts of a table row; a zero is a dash, so the amounts stand out."""
    return [format_money(value, decimals) if value else "–" for value in values]


def quantity(value):
    """An indicator value: ``300``, ``12,5``; empty for none."""
    number = decimal(value)
    if number is None:
        return ""
    return format_number(number, 0 if number == number.to_integral_value() else 2)


def paragraphs(text):
    """Paragraphs of a plain text typed with empty lines between them."""
    return [typographic(" ".join(part.split("\n")).strip()) for part in (text or "").replace("\r\n", "\n").split("\n\n")
            if part.strip()]


def multiline(text):
    """A plain text as one value, paragraphs joined by new lines."""
    return "\n".join(paragraphs(text))


def iso_date(value):
    try:
        return format_date(date.fromisoformat(value[:10]))
    except (TypeError, ValueError):
        return value or ""


def period_label(start, end):
    if not start:
        return ""
    return str(start) if not end or start == end else f"{start}–{end}"


def quarter_label(year, quarter):
    return f"{QUARTERS[(quarter or 1) - 1]}/{year}"


def activity_term(activity):
    start = quarter_label(activity.get("start_year"), activity.get("start_quarter") or 1)
    end = quarter_label(activity.get("end_year"), activity.get("end_quarter") or 4)
    return start if start == end else f"{start} –{NBSP}{end}"


def quarter_cells(activity, years):
    """The timetable's cells of an activity, four quarters a year: a run of quarters in which it runs (or not) within
    a year is one cell spanning them."""
    start = (activity.get("start_year") or years[0], activity.get("start_quarter") or 1)
    end = (activity.get("end_year") or years[-1], activity.get("end_quarter") or 4)
    cells = []
    for year in years:
        for running, quarters in itertools.groupby(range(1, 5), key=lambda quarter: start <= (year, quarter) <= end):
            cells.append(Cell("", on=running, span=len(list(quarters))))
    return cells


def typo(text):
    return typographic(str(text)) if text not in (None, "") else ""


# Building -------------------------------------------------------------------------------------------

class _Builder:
    def __init__(self, data, *, version=None, office=()):
        self._translations = {}
        self.data = data
        self.plan = data.get("plan", {})
        self.years = [int(year) for year in data.get("years", [])]
        self.sources = data.get("sources", [])
        self.source_names = {source["code"]: source["name"] for source in self.sources}
        self.budget = snapshot_budget(data)
        self.items = snapshot_measures(data)
        self.version = version
        self.office = list(office)
        # Probability and impact of a risk, one letter each.
        self.probability, self.impact = pgettext("risk probability", "P"), pgettext("risk impact", "D")

    def _(self, message):
        """gettext, once per message (the cards of hundreds of measures repeat the same labels)."""
        if message not in self._translations:
            self._translations[message] = _(message)
        return self._translations[message]

    def build(self):
        chapters = self.data.get("chapters", [])
        sections = [self.analytical(index, chapter) for index, chapter in enumerate(chapters, start=1)]
        number = len(sections)
        for title, anchor, method in (
            (self._("Strategická část"), "strategicka-cast", self.strategy),
            (self._("Finanční rámec plánu"), "financni-ramec", self.finances),
            (self._("Harmonogram realizace"), "harmonogram", self.timetable),
            (self._("Řízení rizik"), "rizika", self.risks),
            (self._("Přílohy"), "prilohy", self.annexes),
        ):
            number += 1
            sections.append(Section(number, title, anchor, method()))
        return PlanDocument(title=typo(self.plan.get("title", "")), area=typo(self.plan.get("area", "")),
                            title_page=self.title_page(), sections=sections, years=self.years, draft=self.is_draft())

    def is_draft(self):
        """A plan not approved, in force or closed is a draft (in preparation or in consultation)."""
        return self.plan.get("status") not in RESOLVED_STATUSES

    # Title page

    def title_page(self):
        plan = self.plan
        facts = [(self._("Období"), period_label(plan.get("start_year"), plan.get("end_year"))),
                 (self._("Stav"), typo(plan.get("status_label", "")))]
        if plan.get("status") in RESOLVED_STATUSES and plan.get("resolution_number"):
            approval = self._("usnesení č. %(number)s") % {"number": plan["resolution_number"]}
            if plan.get("resolution_date"):
                approval += " " + self._("ze dne %(date)s") % {"date": iso_date(plan["resolution_date"])}
            facts.append((self._("Schváleno"), typo(approval)))
        if self.version:
            label = self.version.get("name", "")
            if self.version.get("created_at"):
                label += " " + self._("(uložena %(date)s)") % {"date": iso_date(str(self.version["created_at"]))}
            facts.append((self._("Verze"), typo(label)))
        return TitlePage(area=typo(plan.get("area", "")), title=typo(plan.get("title", "")),
                         period=period_label(plan.get("start_year"), plan.get("end_year")), facts=facts,
                         summary=paragraphs(plan.get("summary", "")), office=[typo(line) for line in self.office],
                         generated_on=format_date(timezone.localdate()))

    # Analytical chapters

    def analytical(self, number, chapter):
        anchor = f"kapitola-{number}"
        section = Section(number, typo(chapter.get("title", "")), anchor)
        if (chapter.get("body") or "").strip():
            tree = markdown_tree(chapter["body"])
            for index, element in enumerate(tree.iter("h2", "h3", "h4", "h5"), start=1):
                element.set("id", f"{anchor}-{index}")
            section.blocks.append(Markdown(tree))
        generated = chapter.get("generated") or {}
        for text in generated.get("paragraphs", []):
            section.blocks.extend(Paragraph(part) for part in paragraphs(text))
        for table in generated.get("tables", []):
            section.blocks.append(generated_table(table))
        if not section.blocks:
            section.blocks.append(Paragraph(self._("Kapitola zatím nemá text."), "note"))
        return section

    # Strategic part

    def strategy(self):
        blocks = [Paragraph(self._("Strategická část stanovuje prioritní oblasti plánu, jejich cíle a opatření. U každého opatření "
                              "je uvedeno, kdo za ně odpovídá, kdy a za kolik se uskuteční a podle čeho se pozná, že se daří."))]
        priorities = self.data.get("priorities", [])
        if not priorities:
            blocks.append(Paragraph(self._("Plán zatím nemá žádné prioritní oblasti."), "note"))
            return blocks
        if self.items:
            blocks.append(self.overview())
        for index, priority in enumerate(priorities):
            blocks.extend(self.priority(priority, page_break=index > 0))
        return blocks

    def overview(self):
        totals = [self.budget.total("measure", measure["uid"]) for _p, _g, measure in self.items]
        plan_total = self.budget.total()
        decimals = money_decimals([*totals, plan_total])
        rows = [[measure["number"], typo(measure["title"]), typo(measure.get("kind_label", "")),
                 typo(measure.get("responsible_party", "")), format_money(total, decimals)]
                for (_p, _g, measure), total in zip(self.items, totals)]
        rows.append(["", self._("Celkem"), "", "", format_money(plan_total, decimals)])
        return Table([self._("Číslo"), self._("Opatření"), self._("Typ"), self._("Odpovídá"), self._("Náklady celkem")], rows, numeric={4},
                     caption=self._("Přehled opatření"), totals=1, widths=(8, 34, 19, 20, 19), kind="overview")

    def priority(self, priority, *, page_break=False):
        number = priority["number"]
        blocks = [Heading(2, typo(self._("Prioritní oblast %(number)s: %(title)s") % {"number": number, "title": priority["title"]}),
                          f"priorita-{number}", in_toc=True, page_break=page_break)]
        blocks.extend(Paragraph(text) for text in paragraphs(priority.get("description", "")))
        details = []
        if priority.get("is_cross_cutting"):
            details.append(self._("průřezová oblast"))
        if priority.get("target_groups"):
            details.append(self._("cílové skupiny: %(groups)s") % {"groups": ", ".join(priority["target_groups"])})
        if priority.get("group"):
            details.append(self._("pracovní skupina: %(group)s") % {"group": priority["group"]})
        total = self.budget.total("priority", priority["uid"])
        details.append(self._("náklady oblasti celkem: %(total)s") % {"total": format_money(total, money_decimals([total]))})
        text = "; ".join(details)
        blocks.append(Paragraph(typo(text[:1].upper() + text[1:] + "."), "note"))
        for goal in priority.get("goals", []):
            blocks.append(Heading(3, typo(self._("Cíl %(number)s: %(title)s") % {"number": goal["number"], "title": goal["title"]}),
                                  "cil-" + goal["number"].replace(".", "-")))
            blocks.extend(Paragraph(text) for text in paragraphs(goal.get("description", "")))
            if not goal.get("measures"):
                blocks.append(Paragraph(self._("Cíl zatím nemá žádná opatření."), "note"))
            for measure in goal.get("measures", []):
                blocks.append(self.measure(measure))
        if not priority.get("goals"):
            blocks.append(Paragraph(self._("Oblast zatím nemá žádné cíle."), "note"))
        return blocks

    def measure(self, measure):
        anchor = measure.get("anchor") or "opatreni-" + measure["number"].replace(".", "-")
        blocks = [Heading(4, typo(self._("Opatření %(number)s: %(title)s") % {"number": measure["number"], "title": measure["title"]}),
                          anchor),
                  Facts(self.measure_facts(measure))]
        blocks.append(Paragraph(self._("Náklady podle let a zdrojů financování"), "label"))
        blocks.append(self.measure_costs(measure))
        if any(activity.get("costs") for activity in measure.get("activities", [])):
            blocks.append(Paragraph(self._("Částky zahrnují náklady aktivit opatření."), "note"))
        if measure.get("indicators"):
            blocks.append(Paragraph(self._("Indikátory"), "label"))
            blocks.append(self.indicators(measure["indicators"]))
        if measure.get("activities"):
            blocks.append(Paragraph(self._("Aktivity"), "label"))
            blocks.append(self.activities(measure))
        return Group("measure", blocks)

    def measure_facts(self, measure):
        rows = [(self._("Typ opatření"), typo(measure.get("kind_label", "")))]
        optional = [
            (self._("Popis"), multiline(measure.get("description"))),
            (self._("Zdůvodnění"), multiline(measure.get("rationale"))),
            (self._("Vazba na analýzu"), self.traceability(measure)),
            (self._("Pracovní skupina"), typo(measure.get("group"))),
        ]
        rows.extend(row for row in optional if row[1])
        rows.append((self._("Odpovědný subjekt"), typo(measure.get("responsible_party")) or "—"))
        rows.extend(row for row in [
            (self._("Odpovědná organizace"), typo(measure.get("responsible_organisation"))),
            (self._("Partneři"), typo(", ".join(measure.get("partners", [])))),
        ] if row[1])
        rows.append((self._("Období realizace"), period_label(measure.get("start_year"), measure.get("end_year")) or "—"))
        services = [f"{service['name']} ({service['provider']})" if service.get("provider") else service["name"]
                    for service in measure.get("services", [])]
        rows.extend(row for row in [
            (self._("Očekávané výstupy"), multiline(measure.get("expected_outputs"))),
            (self._("Související služby"), typo("\n".join(services))),
            (self._("Rizika"), typo("\n".join(f"{risk['title']} ({self.probability}{NBSP}{risk['probability']} × {self.impact}{NBSP}{risk['impact']})"
                                        for risk in measure.get("risks", [])))),
        ] if row[1])
        return rows

    def traceability(self, measure):
        lines = []
        for key, label in (("needs", self._("Potřeby")), ("gaps", self._("Chybějící služby")), ("themes", self._("Témata z dotazníků")),
                           ("swot_items", self._("SWOT"))):
            titles = []
            for item in measure.get(key, []):
                title = item.get("title", "")
                titles.append(f"{title} ({item['category']})" if item.get("category") else title)
            if titles:
                lines.append(f"{label}: {'; '.join(titles)}")
        return typo("\n".join(lines))

    def cost_table(self, level, item_id, *, caption="", label_header=None):
        rows = self.budget.table(level, item_id)
        year_totals = self.budget.year_totals(level, item_id)
        total = self.budget.total(level, item_id)
        decimals = money_decimals([total, *year_totals, *(amount for row in rows for amount in row.amounts)])
        body = [[typo(row.label), *money_cells(row.amounts, decimals), format_money(row.total, decimals)] for row in rows]
        body.append([self._("Celkem"), *[format_money(value, decimals) for value in year_totals], format_money(total, decimals)])
        columns = len(self.years) + 2
        return Table([label_header or self._("Zdroj"), *[str(year) for year in self.years], self._("Celkem")], body,
                     numeric=range(1, columns), caption=caption, totals=1, widths=_money_widths(len(self.years)), kind="costs")

    def measure_costs(self, measure):
        if not self.budget.total("measure", measure["uid"]):
            return Paragraph(self._("Opatření nemá naplánované náklady."), "note")
        return self.cost_table("measure", measure["uid"])

    def indicators(self, indicators):
        headers = [self._("Indikátor"), self._("Druh"), self._("Jednotka"), self._("Výchozí hodnota"), *[str(year) for year in self.years], self._("Směr")]
        rows = []
        for indicator in indicators:
            details = []
            if indicator.get("data_source"):
                details.append(self._("zdroj dat: %(source)s") % {"source": indicator["data_source"]})
            if indicator.get("reported_by"):
                details.append(self._("vykazuje: %(who)s") % {"who": indicator["reported_by"]})
            baseline = quantity(indicator.get("baseline_value"))
            if baseline and indicator.get("baseline_year"):
                baseline += f" ({indicator['baseline_year']})"
            targets = indicator.get("targets", {})
            rows.append([
                Cell(typo(indicator.get("name", "")), typo("; ".join(details))),
                INDICATOR_KINDS.get(indicator.get("kind"), typo(indicator.get("kind_label", ""))),
                typo(indicator.get("unit", "")), baseline or "—",
                *[quantity(targets.get(str(year))) or "—" for year in self.years],
                typo(indicator.get("polarity_label", "")),
            ])
        years = len(self.years)
        return Table(headers, rows, numeric=range(3, 4 + years), widths=(28, 11, 11, 10, *[7] * years, 10), kind="indicators")

    def activities(self, measure):
        totals = [self.budget.total("activity", activity["uid"]) for activity in measure["activities"]]
        decimals = money_decimals(totals)
        rows = []
        for activity, total in zip(measure["activities"], totals):
            rows.append([
                activity["number"], Cell(typo(activity.get("title", "")), multiline(activity.get("description"))),
                typo(activity.get("responsible_party")) or typo(measure.get("responsible_party")),
                activity_term(activity), format_money(total, decimals) if total else "—",
            ])
        return Table([self._("Číslo"), self._("Aktivita"), self._("Kdo ji zajistí"), self._("Kdy"), self._("Náklady")], rows, numeric={4},
                     widths=(10, 36, 20, 19, 15), kind="activities")

    # Finances

    def finances(self):
        total = self.budget.total()
        if not total:
            return [Paragraph(self._("Plán zatím nemá naplánované náklady."), "note")]
        period = period_label(self.plan.get("start_year"), self.plan.get("end_year"))
        blocks = [Paragraph(typo(self._("Předpokládané náklady plánu na období %(period)s činí celkem %(total)s. Částky jsou "
                                   "odhadem potřebných prostředků ze všech zdrojů, ne závazkem rozpočtu.")
                                 % {"period": period, "total": format_money(total, money_decimals([total]))}))]
        priorities = self.data.get("priorities", [])
        goals = [goal for priority in priorities for goal in priority.get("goals", [])]
        blocks.append(self.summary_table(self._("Náklady podle prioritních oblastí a let"), self._("Prioritní oblast"), "priority",
                                         [(priority["uid"], f"{priority['number']} {priority['title']}") for priority in priorities]))
        blocks.append(self.cost_table("plan", None, caption=self._("Náklady podle zdrojů financování a let"),
                                      label_header=self._("Zdroj financování")))
        blocks.append(self.summary_table(self._("Náklady podle cílů a let"), self._("Cíl"), "goal",
                                         [(goal["uid"], f"{goal['number']} {goal['title']}") for goal in goals]))
        return blocks

    def summary_table(self, caption, label_header, level, items):
        amounts = [(label, self.budget.year_totals(level, uid), self.budget.total(level, uid)) for uid, label in items]
        year_totals, total = self.budget.year_totals(), self.budget.total()
        decimals = money_decimals([total, *year_totals, *(value for _l, values, _t in amounts for value in values)])
        rows = [[typo(label), *money_cells(values, decimals), format_money(item_total, decimals)]
                for label, values, item_total in amounts]
        rows.append([self._("Celkem"), *[format_money(value, decimals) for value in year_totals], format_money(total, decimals)])
        return Table([label_header, *[str(year) for year in self.years], self._("Celkem")], rows, numeric=range(1, len(self.years) + 2),
                     caption=caption, totals=1, widths=_money_widths(len(self.years)), kind="costs")

    # Timetable

    def timetable(self):
        activities = [(measure, activity) for _p, _g, measure in self.items for activity in measure.get("activities", [])]
        if not activities:
            return [Paragraph(self._("Plán zatím nemá žádné aktivity."), "note")]
        blocks = [Paragraph(self._("Harmonogram ukazuje po čtvrtletích let plánu, kdy aktivity probíhají (vybarvená čtvrtletí, "
                              "pod názvem aktivity i slovy), kdo je zajišťuje a jaké milníky je čekají."))]
        rows = []
        for measure, activity in activities:
            milestones = [f"{milestone['title']} ({iso_date(milestone['due'])})" + (f" – {self._('splněno')}" if milestone.get("is_done") else "")
                          for milestone in activity.get("milestones", [])]
            rows.append([
                Cell(f"{activity['number']} {typo(activity.get('title', ''))}", activity_term(activity)),
                typo(activity.get("responsible_party")) or typo(measure.get("responsible_party")),
                *quarter_cells(activity, self.years),
                typo("\n".join(milestones)),
            ])
        quarter = 30 / (4 * len(self.years))
        blocks.append(Table([self._("Aktivita"), self._("Kdo ji zajistí"), *[Cell(str(year), span=4) for year in self.years],
                             self._("Milníky")], rows, widths=(30, 18, *[quarter] * (4 * len(self.years)), 22), kind="timetable"))
        return blocks

    # Risks

    def all_risks(self):
        risks = [(None, risk) for risk in self.data.get("risks", [])]
        risks += [(measure, risk) for _p, _g, measure in self.items for risk in measure.get("risks", [])]
        return sorted(risks, key=lambda pair: (-_score(pair[1]), -pair[1].get("probability", 0)))

    def risks(self):
        risks = self.all_risks()
        blocks = [Paragraph(self._("Rizika jsou hodnocena pravděpodobností (P) a dopadem (D) na stupnici 1–5; skóre je jejich součin. "
                              "Skóre 15 a více je vysoké, 8–12 střední, do 6 nízké."))]
        if not risks:
            blocks.append(Paragraph(self._("Plán zatím nemá zapsaná rizika."), "note"))
            return blocks
        rows = []
        for measure, risk in risks:
            detail = [multiline(risk.get("description"))] if risk.get("description") else []
            detail.append(self._("opatření %(number)s") % {"number": measure["number"]} if measure else self._("celý plán"))
            rows.append([Cell(typo(risk.get("title", "")), " · ".join(detail)), str(risk.get("probability", "")),
                         str(risk.get("impact", "")), str(_score(risk)), multiline(risk.get("mitigation")) or "—",
                         typo(risk.get("owner")) or "—", typo(risk.get("status_label", ""))])
        blocks.append(Table([self._("Riziko"), self.probability, self.impact, self._("Skóre"), self._("Opatření ke snížení rizika"), self._("Vlastník"), self._("Stav")], rows,
                            numeric={1, 2, 3}, caption=self._("Registr rizik"), widths=(27, 5, 5, 7, 30, 14, 12), kind="register"))
        counts, levels = defaultdict(int), {}
        for probability in range(1, 6):
            for impact in range(1, 6):
                score = probability * impact
                levels[(probability, impact)] = "high" if score >= 15 else "medium" if score >= 8 else "low"
        for _measure, risk in risks:
            counts[(risk.get("probability"), risk.get("impact"))] += 1
        blocks.append(Paragraph(self._("Matice rizik: počet rizik podle pravděpodobnosti a dopadu"), "label"))
        blocks.append(RiskMatrix(dict(counts), levels, f"{self.probability} \\ {self.impact}"))
        return blocks

    # Annexes

    def annexes(self):
        services = {}
        for _p, _g, measure in self.items:
            for service in measure.get("services", []):
                key = service.get("id") or (service.get("name"), service.get("provider"))
                entry = services.setdefault(key, [service, []])
                entry[1].append(measure["number"])
        blocks = [Heading(2, self._("Příloha 1: Související sociální služby"), "priloha-1", in_toc=True)]
        if services:
            rows = [[typo(service["name"]), typo(service.get("provider", "")), ", ".join(numbers)]
                    for service, numbers in sorted(services.values(), key=lambda entry: _czech_key(entry[0]["name"]))]
            blocks.append(Table([self._("Služba"), self._("Poskytovatel"), self._("Opatření")], rows, widths=(45, 35, 20), kind="services"))
        else:
            blocks.append(Paragraph(self._("Opatření zatím nemají přiřazené sociální služby z katalogu."), "note"))
        blocks.append(Heading(2, self._("Příloha 2: Seznam zkratek"), "priloha-2", in_toc=True))
        blocks.append(Table([self._("Zkratka"), self._("Význam")], [[short, typo(meaning)] for short, meaning in ABBREVIATIONS],
                            widths=(18, 82), kind="abbreviations"))
        return blocks


def _score(risk):
    return risk.get("score") or (risk.get("probability") or 0) * (risk.get("impact") or 0)


def _czech_key(text):
    import czech_sort

    return czech_sort.key(text or "")


def _money_widths(years):
    label = 28 if years <= 2 else 22 if years <= 4 else 16
    return (label, *[(100 - label) / (years + 1)] * (years + 1))


def generated_table(table):
    """A table of a chapter's generated part; numbers in numeric columns formatted the Czech way."""
    numeric = frozenset(table.get("numeric", []))
    rows = []
    for row in table.get("rows", []):
        cells = []
        for value in row:
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                cells.append(quantity(value))
            else:
                cells.append(typo(value) if value is not None else "")
        rows.append(cells)
    headers = [typo(header) for header in table.get("headers", [])]
    return Table(headers, rows, numeric=numeric, caption=typo(table.get("caption", "")), totals=table.get("totals", 0),
                 widths=natural_widths(headers, rows, numeric), fit=short_columns(headers, rows), kind="generated")


FIT_HEADER, FIT_VALUE = 20, 16  # a column with a header and values this short is as wide as its content


def short_columns(headers, rows):
    """Which columns have a short header and short values, to be sized to their content so that their header words
    never overlap while the long columns share the rest; none when all are short (the table keeps its weights and
    the full width)."""
    columns = max([len(headers), *(len(row) for row in rows)], default=0)
    short = tuple(
        (len(str(headers[column])) if column < len(headers) else 0) <= FIT_HEADER
        and all(len(str(row[column])) <= FIT_VALUE for row in rows if column < len(row))
        for column in range(columns))
    return () if all(short) else short


def natural_widths(headers, rows, numeric):
    """Relative column widths from the texts, in characters: a column never narrower than its longest word (a bold
    header's word wider), a number column as wide as its longest value, a text column growing with the square root
    of its average length, so that long lists wrap instead of squeezing the short columns."""
    columns = max([len(headers), *(len(row) for row in rows)], default=0)
    widths = []
    for column in range(columns):
        header = [str(headers[column])] if column < len(headers) else []
        values = [str(row[column]) for row in rows if column < len(row)]
        longest_word = max([1.4 * len(word) for text in header for word in text.split()]
                           + [len(word) for text in values for word in text.split()], default=1)
        if column in numeric:
            widths.append(max(longest_word, *(len(value) for value in values), 1) + 3)
        else:
            average = sum(len(text) for text in header + values) / max(1, len(header + values))
            widths.append(max(longest_word + 3, 6 * math.sqrt(average)))
    return tuple(widths)


def build(data, *, version=None, office=()):
    """The document's content from a plan snapshot; ``version`` (name, created_at) and ``office`` (letterhead
    lines) go on the title page."""
    return _Builder(data, version=version, office=office).build()
