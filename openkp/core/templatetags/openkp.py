from django import template

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
