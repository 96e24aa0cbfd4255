from django import template
from django.utils.translation import gettext_lazy as _

from ..models import Activity, Goal, Measure, Priority

register = template.Library()

LEVEL_OF = {Priority: "priority", Goal: "goal", Measure: "measure", Activity: "activity"}


@register.filter
def budget_total(budget, item):
    """``{{ tree.budget|budget_total:measure }}``: the item's total over all years and sources."""
    return budget.total(LEVEL_OF[type(item)], item.pk)


PLAN_PAGES = [
    ("plans:detail", _("Struktura a rozpočet")),
    ("plans:chapter_list", _("Analytické kapitoly")),
    ("plans:implementation", _("Implementační plán")),
    ("plans:risk_list", _("Rizika")),
    ("plans:version_list", _("Verze a rozdíly")),
    ("plans:document", _("Dokument DOCX/PDF")),
    ("plans:budget", _("Finanční analýza")),
    ("plans:budget_xlsx", _("Rozpočet XLSX")),
]


@register.simple_tag
def plan_pages():
    """The staff pages of one plan, for the plan's navigation (everyone who reads the plan may open them all)."""
    return PLAN_PAGES


@register.filter
def millions_cs(amount):
    """A large CZK amount for a figure card: ``2 084,3 mil. Kč`` (smaller amounts in full crowns)."""
    from decimal import Decimal

    from openkp.core.typography import format_money, format_number

    if amount is None:
        return ""
    if abs(amount) < Decimal("1000000"):
        return format_money(amount)
    return f"{format_number(amount / Decimal(1000000), 1)}\xa0mil.\xa0Kč"
