"""Ids typed into query strings and posted lists: parsed in one place, never trusted to fit a column.

``int(request.GET["x"])`` fails with ValueError on "abc" (and on "²", which ``str.isdigit`` accepts),
and a 20-digit id overflows SQLite and PostgreSQL bigint columns. Views read ids through these helpers:
an id that cannot exist is ``None`` (or a 404), never a server error.
"""

import re

from django.http import Http404

# Every table uses BigAutoField (settings.DEFAULT_AUTO_FIELD): ids are 1 … 2^63 − 1.
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value) -> int | None:
    """The positive id written in ``value`` ("12", " 12 "), or None for anything no row can have."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if 1 <= number <= MAX_ID else None


def parse_ids(values) -> list[int]:
    """The valid ids among ``values`` (e.g. ``request.GET.getlist("polozky")``), in order, without repeats."""
    return list(dict.fromkeys(number for number in map(parse_id, values) if number is not None))


def id_or_404(value) -> int:
    """The id in ``value``, or a 404 (a link or form that names no possible object)."""
    number = parse_id(value)
    if number is None:
        raise Http404("No such object.")
    return number
