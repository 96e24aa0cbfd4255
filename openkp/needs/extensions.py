"""Sections that later apps add to a need's page (e.g. the plan's measures answering the need), so that
the needs analysis does not depend on them. Registered in the apps' ready()."""

_need_sections = []


def register_need_section(render):
    """``render(request, need)`` returns the HTML of a section of the need's page, or "" when it has none."""
    _need_sections.append(render)


def need_sections(request, need):
    return [html for render in _need_sections if (html := render(request, need))]
