from django import template

from ..services import event_when

register = template.Library()


@register.filter
def when(event):
    """``1. 2. 2026 9:00–12:00`` (both dates for an event of several days)."""
    return event_when(event)


@register.filter
def plural_cs(count, forms):
    """``{{ n|plural_cs:"akce,akce,akcí" }}``: the Czech form for 1, 2–4 and 5+ (and 0)."""
    one, few, many = forms.split(",")
    count = int(count or 0)
    if count == 1:
        return one
    if 2 <= count <= 4:
        return few
    return many
