from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .sections import area_sections


def navigation(request):
    """The area's menu: the sections of the planning cycle that have content (read only when a page shows it)."""
    area = getattr(request, "area", None)
    if area is None:
        return {}

    def items():
        return [section for section in area_sections(request) if section["label"]]

    context = {"nav_items": SimpleLazyObject(items)}
    if request.user.is_authenticated and request.user.has_perm("core.view_dashboard", area):
        context["staff_dashboard_url"] = reverse("core:dashboard", kwargs={"area_slug": area.slug})
    return context
