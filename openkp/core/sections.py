"""The sections of an area's public site (menu and home page) and which of them have content.

A module says what makes its section worth showing with ``register_content(key, rows)`` in its
``AppConfig.ready()``: ``rows(area)`` returns a queryset (or several) whose existence means the section has
something to show. A section without a registered module (consultation and monitoring until their modules
exist) or without content is left out of the menu and the home page; its address still answers.
Whether the sections have content is read in one query per request.
"""

from django.db.models import Exists
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# key → (URL name, label in the menu or None when the section is not in the menu, title, description), in the
# order of the planning cycle.
SECTIONS = {
    "organisation": ("structures:groups", _("Organizace"), _("Organizace plánování"), _(
        "Řídicí a pracovní skupiny, jejich členové z řad zadavatelů, poskytovatelů a uživatelů, "
        "setkání s pozvánkami, prezenčními listinami a zápisy a veřejné akce s registrací.")),
    "events": ("events:list", _("Akce"), _("Akce"), _(
        "Konference, semináře, workshopy a veřejná projednání s registrací účastníků.")),
    "services": ("catalog:search", _("Katalog služeb"), _("Katalog sociálních služeb"), _(
        "Registrované sociální služby a související aktivity v území: vyhledávání podle druhu služby, "
        "cílové skupiny, formy a obce, mapa a tištění průvodci pro jednotlivé cílové skupiny.")),
    "news": ("communication:news_list", None, _("Aktuality"), _(
        "Novinky z komunitního plánování, odběr e-mailem a Atom feed; jak území o plánování informuje.")),
    "documents": ("library:list", None, _("Dokumenty"), _(
        "Zápisy ze setkání, prezentace, analýzy a plány ke stažení.")),
    "needs": ("needs:index", _("Potřeby"), _("Zjišťování potřeb"), _(
        "Dotazníky pro veřejnost, uživatele a poskytovatele, výsledky analýzy potřeb, SWOT analýzy "
        "pracovních skupin a mapa potřeb a služeb.")),
    "plan": ("plans:public", _("Plán"), _("Komunitní plán"), _(
        "Platný plán a jeho návrhy: priority, cíle, opatření a aktivity s náklady, zdroji financování "
        "a ukazateli, ke stažení jako DOCX a PDF.")),
    "consultation": ("core:consultation", _("Připomínky"), _("Připomínky k návrhu plánu"), _(
        "Veřejné připomínkování návrhu plánu: každý může připomínku podat a každá je vypořádána "
        "s odůvodněním, které se zveřejní.")),
    "monitoring": ("core:monitoring", _("Monitoring"), _("Monitoring a dopady"), _(
        "Každoroční vyhodnocení plnění cílů a opatření, skutečné náklady, hodnoty ukazatelů kapacity "
        "i sociálního dopadu.")),
}

_content = {}  # key → rows(area)


def register_content(key, rows):
    """``rows(area)`` → a queryset or a list of querysets; the section shows when any of them has a row."""
    if key not in SECTIONS:
        raise KeyError(key)
    _content[key] = rows
    return rows


def keys_with_content(area):
    """``{key: index of the first of its querysets that has a row}`` of the area's sections with content, in one query."""
    checks = {}
    for key, rows in _content.items():
        querysets = rows(area)
        for number, queryset in enumerate(querysets if isinstance(querysets, list | tuple) else [querysets]):
            checks[f"{key}__{number}"] = Exists(queryset)
    if not checks:
        return {}
    from .models import Area

    found = Area.objects.filter(pk=area.pk).values(**checks).first() or {}
    present = {}
    for name, exists in found.items():
        key, number = name.split("__")
        if exists:
            present[key] = min(present.get(key, int(number)), int(number))
    return present


def _present(request):
    """``keys_with_content`` of the request's area, read once per request."""
    area = request.area
    cached = getattr(request, "_openkp_section_content", None)
    if cached is None or cached[0] != area.pk:
        cached = request._openkp_section_content = (area.pk, keys_with_content(area))
    return cached[1]


def has_own_content(request, key):
    """The section has content of its own in the request's area (its first queryset has a row); shares the menu's query."""
    return _present(request).get(key) == 0


def area_sections(request):
    """The area's sections with content: dicts of key, label (menu), title, description, url and active
    (the current page is in the section). Read once per request."""
    area = request.area
    cached = getattr(request, "_openkp_sections", None)
    if cached is not None and cached[0] == area.pk:
        return cached[1]
    present = _present(request)
    sections = []
    for key, (url_name, label, title, description) in SECTIONS.items():
        if key not in present:
            continue
        url = reverse(url_name, kwargs={"area_slug": area.slug})
        # "via" > 0: the content is not the section's own (e.g. a region's catalogue leads to its areas' catalogues).
        sections.append({"key": key, "label": label, "title": title, "description": description, "url": url,
                         "active": request.path.startswith(url), "via": present[key]})
    request._openkp_sections = (area.pk, sections)
    return sections
