"""Template helpers of the document library: ``{% load library %}``."""

import re

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from openkp.core.typography import NBSP

register = template.Library()


def czech_plural_index(count):
    """0 for 1, 1 for 2–4, 2 for the rest (Czech has three plural forms)."""
    return 0 if count == 1 else 1 if 2 <= count <= 4 else 2


@register.filter
def documents_found(count):
    """„Nalezen 1 dokument“, „Nalezeny 3 dokumenty“, „Nalezeno 12 dokumentů“."""
    forms = (_("Nalezen %(count)s dokument"), _("Nalezeny %(count)s dokumenty"), _("Nalezeno %(count)s dokumentů"))
    return forms[czech_plural_index(count)] % {"count": count}


@register.filter
def versions_count(count):
    forms = (_("%(count)s verze"), _("%(count)s verze"), _("%(count)s verzí"))
    return forms[czech_plural_index(count)] % {"count": count}


_RANGE = re.compile(r"(?<=\d)\s*–\s*(?=\d)")


@register.filter
def keep_ranges(value):
    """„2023–2026“ never broken at the dash (word joiners around it); the result is still auto-escaped."""
    return _RANGE.sub("\u2060–\u2060", str(value or ""))


@register.filter
def file_size(value):
    """File size with a non-breaking space before the unit: „1,2 MB“."""
    return filesizeformat(value).replace(" ", NBSP)
