from datetime import date
from decimal import Decimal

import pytest

from openkp.core.typography import NBSP, czech_typography, format_date, format_money, format_number, format_percent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bydlí v domě", f"bydlí v{NBSP}domě"),
        ("K dispozici a v provozu", f"K{NBSP}dispozici a{NBSP}v{NBSP}provozu"),
        ("služby i pro seniory", f"služby i{NBSP}pro seniory"),
        ("s matkou u lékaře o víkendu z domova", f"s{NBSP}matkou u{NBSP}lékaře o{NBSP}víkendu z{NBSP}domova"),
        ("celkem 1 234 567 Kč", f"celkem 1{NBSP}234{NBSP}567{NBSP}Kč"),
        ("podíl 12 %", f"podíl 12{NBSP}%"),
        ("schváleno 1. 2. 2026", f"schváleno 1.{NBSP}2.{NBSP}2026"),
        ("podle § 49", f"podle §{NBSP}49"),
        ("roky 2023 2026", "roky 2023 2026"),
        ("sleva 5% kupon", "sleva 5% kupon"),
        ("", ""),
    ],
)
def test_czech_typography(text, expected):
    assert czech_typography(text) == expected


def test_words_ending_in_a_letter_are_untouched():
    assert czech_typography("Ostrava a okolí") == f"Ostrava a{NBSP}okolí"
    assert czech_typography("programu v") == "programu v"


def test_number_money_percent_and_date_formats():
    assert format_number(1234567) == f"1{NBSP}234{NBSP}567"
    assert format_number(Decimal("1234.5"), 2) == f"1{NBSP}234,50"
    assert format_number(-9876) == f"-9{NBSP}876"
    assert format_money(2553000) == f"2{NBSP}553{NBSP}000{NBSP}Kč"
    assert format_percent(119) == f"119{NBSP}%"
    assert format_date(date(2026, 2, 1)) == f"1.{NBSP}2.{NBSP}2026"
    assert format_number(None) == ""


def test_template_filters_apply_typography_and_escape(rf):
    from django.template import Context, Template

    template = Template("{% load openkp %}{{ text|typo }}|{{ amount|money_cs }}|{{ day|date_cs }}")
    output = template.render(Context({"text": "<b>k</b> a v domě", "amount": 1500, "day": date(2026, 11, 24)}))
    assert "&lt;b&gt;" in output
    assert f"a{NBSP}v{NBSP}domě" in output
    assert f"1{NBSP}500{NBSP}Kč" in output
    assert f"24.{NBSP}11.{NBSP}2026" in output
