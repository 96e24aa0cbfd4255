"""Sections that later apps add to a group's public page (e.g. the group's SWOT analysis from the needs
analysis), so that structures does not depend on them. Registered in the apps' ready()."""

_group_sections = []


def register_group_section(render):
    """``render(request, group)`` returns the HTML of a section of the group's page, or "" when it has none."""
    _group_sections.append(render)


def group_sections(request, group):
    return [html for render in _group_sections if (html := render(request, group))]
