from django import template

register = template.Library()


@register.filter
def any_selected(options):
    """Whether any facet option ``(value, label, count, selected)`` is selected."""
    return any(option[3] for option in options)
