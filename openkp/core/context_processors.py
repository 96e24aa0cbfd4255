from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The steps of the planning cycle, in the order of the main navigation: (URL name, label).
CYCLE_SECTIONS = [
    ("structures:groups", _("Organizace")),
    ("events:list", _("Akce")),
    ("catalog:search", _("Katalog služeb")),
    ("needs:index", _("Potřeby")),
    ("plans:public", _("Plán")),
    ("core:consultation", _("Připomínky")),
    ("core:monitoring", _("Monitoring")),
]


def navigation(request):
    area = getattr(request, "area", None)
    if area is None:
        return {}
    kwargs = {"area_slug": area.slug}
    items = []
    for url_name, label in CYCLE_SECTIONS:
        url = reverse(url_name, kwargs=kwargs)
        items.append({"label": label, "url": url, "active": request.path.startswith(url)})
    context = {"nav_items": items}
    if request.user.is_authenticated and request.user.has_perm("core.view_dashboard", area):
        context["staff_dashboard_url"] = reverse("core:dashboard", kwargs=kwargs)
    return context
