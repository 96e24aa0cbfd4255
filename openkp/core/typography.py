"""Czech typography for HTML, DOCX and PDF alike.

Czech rules (ČSN 01 6910): a one-letter preposition or conjunction must not end a line, digit
groups of a number stay together, a number stays with its unit (Kč, %), and a date stays on one
line. All are done with a non-breaking space (U+00A0), which is plain text in every format.
"""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"

_ONE_LETTER_WORD = re.compile(r"(?<![\w.,])([ksvzouaiKSVZOUAI])[ \t]+(?=\S)")
_DIGIT_GROUPS = re.compile(r"(?<=\d)[ \t](?=\d{3}(?!\d))")
_UNIT = re.compile(r"(?<=\d)[ \t]+(?=(Kč|%|tis\.|mil\.|mld\.)(?!\w))")
_DATE = re.compile(r"\b(\d{1,2})\.[ \t]*(\d{1,2})\.[ \t]*(\d{4})\b")
_SECTION = re.compile(r"§[ \t]+(?=\d)")
# "č. 12/2025" keeps the abbreviation with its number.
_NUMBER_ABBREVIATION = re.compile(r"(?<!\w)(č\.|čj\.|odst\.|písm\.)[ \t]+(?=\w)")
# A one-letter word at the very end of a piece of text ("v " before "<strong>Praze</strong>") binds to the next piece.
_TRAILING_ONE_LETTER = re.compile(r"(?<![\w.,])([ksvzouaiKSVZOUAI])[ \t]+$")


def czech_typography(text):
    """The same text with non-breaking spaces where Czech typography requires them."""
    if not text:
        return text
    text = str(text)
    text = _DATE.sub(lambda match: f"{match[1]}.{NBSP}{match[2]}.{NBSP}{match[3]}", text)
    text = _DIGIT_GROUPS.sub(NBSP, text)
    text = _UNIT.sub(NBSP, text)
    text = _SECTION.sub("§" + NBSP, text)
    # Twice, because "a v domě" has two one-letter words in a row and the first match eats the space.
    text = _ONE_LETTER_WORD.sub(lambda match: match[1] + NBSP, text)
    return _ONE_LETTER_WORD.sub(lambda match: match[1] + NBSP, text)


def czech_typography_inline(text):
    """Czech typography of a piece of a longer text (a run of a Word paragraph, a text node of HTML): also binds
    a one-letter word at its end to whatever follows, and an abbreviation such as "č." to its number."""
    if not text:
        return text
    text = _NUMBER_ABBREVIATION.sub(lambda match: match[1] + NBSP, czech_typography(text))
    return _TRAILING_ONE_LETTER.sub(lambda match: match[1] + NBSP, text)


def format_number(value, decimals=0):
    """``1234567.5`` → ``1 234 567,50`` with non-breaking spaces between thousands."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):.{decimals}f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    result = sign + NBSP.join(groups)
    return f"{result},{fraction}" if decimals else result


def format_money(value, decimals=0):
    """``1234567`` → ``1 234 567 Kč``."""
    if value is None or value == "":
        return ""
    return f"{format_number(value, decimals)}{NBSP}Kč"


def format_percent(value, decimals=0):
    if value is None or value == "":
        return ""
    return f"{format_number(value, decimals)}{NBSP}%"


def format_date(value):
    """``date(2026, 2, 1)`` → ``1. 2. 2026``."""
    if not value:
        return ""
    if isinstance(value, datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if not isinstance(value, date):
        return str(value)
    return f"{value.day}.{NBSP}{value.month}.{NBSP}{value.year}"
