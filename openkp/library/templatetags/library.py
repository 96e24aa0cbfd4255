"""Template helpers of the document library: ``{% load library %}``."""

import re

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.translation import ngettext

from openkp.core.typography import NBSP

register = template.Library()


@register.filter
def documents_found(count):
    """„Nalezen 1 dokument“, „Nalezeny 3 dokumenty“, „Nalezeno 12 dokumentů“."""
    return ngettext("Nalezen %(count)s dokument", "Nalezeno %(count)s dokumentů", count) % {"count": count}


@register.filter
def versions_count(count):
    return ngettext("%(count)s verze", "%(count)s verzí", count) % {"count": count}


_RANGE = re.compile(r"(?<=\d)\s*–\s*(?=\d)")


@register.filter
def keep_ranges(value):
    """„2023–2026“ never broken at the dash (word joiners around it); the result is still auto-escaped."""
    return _RANGE.sub("\u2060–\u2060", str(value or ""))


@register.filter
def file_size(value):
    """File size with a non-breaking space before the unit: „1,2 MB“."""
    return filesizeformat(value).replace(" ", NBSP)
