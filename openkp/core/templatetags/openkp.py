import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import typography

register = template.Library()


@register.filter
def typo(value):
    """Czech typography (non-breaking spaces); the result is still auto-escaped."""
    return typography.czech_typography(value)


@register.filter
def number_cs(value, decimals=0):
    return typography.format_number(value, int(decimals))


@register.filter
def money_cs(value, decimals=0):
    return typography.format_money(value, int(decimals))


@register.filter
def percent_cs(value, decimals=0):
    return typography.format_percent(value, int(decimals))


@register.filter
def share_cs(value, decimals=0):
    """A fraction as a Czech percentage: ``0.8`` → ``80 %``."""
    return "" if value is None or value == "" else typography.format_percent(value * 100, int(decimals))


@register.filter
def date_cs(value):
    return typography.format_date(value)


@register.simple_tag(takes_context=True)
def area_perm(context, perm):
    """``{% area_perm "core.view_history" as can_view %}``: permission on the current area."""
    request = context["request"]
    return request.user.has_perm(perm, getattr(request, "area", None))


@register.filter
def page_window(page_obj, radius=2):
    """Page numbers the pagination shows — the first, the last and the current ± ``radius`` — with ``None``
    where numbers are left out. Constant work for any number of pages (a catalogue has thousands)."""
    current, last = page_obj.number, page_obj.paginator.num_pages
    shown = sorted({1, last, *range(max(1, current - radius), min(last, current + radius) + 1)})
    window = []
    for number in shown:
        if window and number - window[-1] > 1:
            window.append(None)
        window.append(number)
    return window


# What ``django.utils.html.json_script`` escapes, plus the two line separators that end a line in older JavaScript:
# no text in the JSON can close the script element or open a comment in it.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026",
                       ord("\u2028"): "\\u2028", ord("\u2029"): "\\u2029"}


def json_for_script(data):
    """``data`` as JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` as ``\\u003C`` etc."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)


@register.simple_tag
def json_ld(data):
    """``{% json_ld data %}``: schema.org data for search engines in ``<script type="application/ld+json">``.
    Like Django's ``json_script`` (which writes ``type="application/json"``): the text people typed stays inside."""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(json_for_script(data)))  # escaped above
