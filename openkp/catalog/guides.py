"""Informační průvodce: the catalogue of one target group (or of a working group's target groups) as a printable PDF and DOCX."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from openkp.core import documents
from openkp.core.typography import format_date

from .models import Guide, Service

DEFAULT_HOW_TO_GET_HELP = _(
    "Nevíte, kterou službu potřebujete? Zavolejte kterémukoli poskytovateli z tohoto průvodce nebo "
    "sociálnímu pracovníkovi obecního úřadu: poradí vám zdarma a pomohou službu sjednat. Většina služeb "
    "se sjednává smlouvou; o úhradě se dozvíte předem. Na sociální poradenství máte nárok vždy a bezplatně."
)


def guide_for(area, target_group):
    """The area's guide for a target group; an unsaved one with default texts until a coordinator edits it."""
    return Guide.objects.filter(area=area, target_group=target_group).first() or Guide(
        area=area,
        target_group=target_group,
        title=_("Informační průvodce sociálními službami – %(group)s") % {"group": target_group},
        how_to_get_help=str(DEFAULT_HOW_TO_GET_HELP),
    )


@dataclass
class CombinedGuide:
    """A guide for several target groups at once, e.g. for a working group (Ostrava prints one per working group)."""

    area: object
    title: str
    target_groups: list
    how_to_get_help: str = str(DEFAULT_HOW_TO_GET_HELP)


def guide_sections(guide):
    """[(heading, [services])]: registered services grouped by type (in the order of the Act), then activities."""
    targets = guide.target_groups if isinstance(guide, CombinedGuide) else [guide.target_group]
    services = list(
        Service.objects.for_area(guide.area).public().filter(pk__in=Service.objects.filter(target_groups__in=targets).values("pk"))
        .select_related("service_type", "activity_category", "provider")
        .prefetch_related("facilities__municipality", "forms__capacities__capacity_type")
        # Registered services first (in the order of the Act), then related activities.
        .annotate(is_activity=Case(When(kind=Service.Kind.RELATED_ACTIVITY, then=Value(1)), default=Value(0)))
        .order_by("is_activity", "service_type__order", "activity_category__order", "sort_name")
    )
    sections = []
    for _key, group in groupby(services, key=lambda service: (service.kind, service.service_type_id, service.activity_category_id)):
        group = list(group)
        first = group[0]
        heading = str(first.service_type) if first.service_type else _("Související aktivity – %(category)s") % {
            "category": first.activity_category or _("ostatní")}
        sections.append((heading, group))
    return sections


def guide_pdf(guide):
    return documents.render_pdf("catalog/guide_pdf.html", {
        "title": guide.title,
        "guide": guide,
        "sections": guide_sections(guide),
        "issued": format_date(timezone.localdate()),
    }, area=guide.area)


def guide_docx(guide):
    sections = guide_sections(guide)
    document = documents.DocxDocument(title=guide.title, area=guide.area, subtitle=guide.area.name)
    document.paragraph(_("Vydáno %(date)s") % {"date": format_date(timezone.localdate())})
    document.heading(_("Jak získat pomoc"))
    for paragraph in filter(None, guide.how_to_get_help.split("\n\n")):
        document.paragraph(paragraph.strip())
    document.heading(_("Obsah"))
    for heading, services in sections:
        document.bullet(f"{heading} ({len(services)})")
    for heading, services in sections:
        document.heading(heading)
        for service in services:
            document.heading(service.name, level=3)
            document.paragraph(service.provider.name, bold=True)
            if service.description:
                document.paragraph(service.description)
            for line in contact_lines(service):
                document.paragraph(line)
    document.footer_note(_("%(area)s – %(title)s") % {"area": guide.area.name, "title": guide.title})
    return document.to_bytes()


def contact_lines(service):
    """Address, phone, e-mail and web of a service, one line each (for print)."""
    lines = [_("Adresa: %(address)s") % {"address": facility.address} for facility in service.facilities.all() if facility.address]
    if service.phone:
        lines.append(_("Telefon: %(phone)s") % {"phone": service.phone})
    if service.email:
        lines.append(_("E-mail: %(email)s") % {"email": service.email})
    if service.web:
        lines.append(_("Web: %(web)s") % {"web": service.web})
    return lines


