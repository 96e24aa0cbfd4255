from django.urls import reverse
from django.utils.translation import gettext as _


def area_breadcrumbs(area, *trail):
    """Breadcrumbs of a public area page: the area, then ``trail`` of (label, url or None)."""
    return [(area.name, area.get_absolute_url()), *trail]


def staff_breadcrumbs(area, *trail):
    """Breadcrumbs of a staff page: the area, its dashboard, then ``trail``."""
    return area_breadcrumbs(area, (_("Správa"), reverse("core:dashboard", kwargs={"area_slug": area.slug})), *trail)
