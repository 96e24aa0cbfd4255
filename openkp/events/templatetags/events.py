from django import template

from ..services import event_when

register = template.Library()


@register.filter
def when(event):
    """``1. 2. 2026 9:00–12:00`` (both dates for an event of several days)."""
    return event_when(event)
