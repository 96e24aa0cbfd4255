"""Reads of SWOT / PEST analyses: which analyses a person sees, the quadrants with items and dots,
and the latest closed analysis of a group for the group's page."""

from dataclasses import dataclass, field

from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from openkp.accounts.rules import is_observer
from openkp.core.documents import DocxDocument
from openkp.core.typography import czech_typography

from ..models import SwotAnalysis, SwotItem, SwotVote
from ..services.swot import categories


def can_view_analysis(user, analysis):
    """Members and managers of the group (and the coordinator) see an analysis; observers see all of the area."""
    return user.has_perm("needs.contribute_swot", analysis) or is_observer(user, analysis.area)


def visible_analyses(*, area, user):
    """The area's analyses this person may see, newest first."""
    analyses = SwotAnalysis.objects.for_area(area).select_related("area", "group", "period").order_by("-created_at")
    return [analysis for analysis in analyses if can_view_analysis(user, analysis)]


@dataclass
class Quadrant:
    category: str
    label: str
    items: list = field(default_factory=list)  # valid items, each with ``dot_total`` and ``my_dots``
    merged: list = field(default_factory=list)  # items merged into another one

    @property
    def my_total(self):
        return sum(item.my_dots for item in self.items)


def analysis_quadrants(analysis, user=None):
    """The four quadrants (SWOT) or factors (PEST) with their items; by dots once the voting started,
    otherwise in the order they were added. ``my_dots`` are ``user``'s dots on each item."""
    items = (SwotItem.objects.filter(analysis=analysis).select_related("author", "merged_into")
             .annotate(dot_total=Coalesce(Sum("votes__dots"), 0)).order_by("created_at", "pk"))
    mine = {}
    if user is not None and user.is_authenticated:
        mine = dict(SwotVote.objects.filter(item__analysis=analysis, user=user).values_list("item_id", "dots"))
    quadrants = {category: Quadrant(category=category, label=SwotItem.Category(category).label) for category in categories(analysis)}
    items = list(items)
    for item in items:
        item.my_dots = mine.get(item.pk, 0)
        item.merged_texts = []
        quadrant = quadrants.get(item.category)
        if quadrant is None:  # an item of a category the kind does not have (the kind was changed in the admin)
            continue
        (quadrant.merged if item.merged_into_id else quadrant.items).append(item)
    by_pk = {item.pk: item for item in items}
    for item in items:
        if item.merged_into_id in by_pk:
            by_pk[item.merged_into_id].merged_texts.append(item.text)
    if analysis.status != SwotAnalysis.Status.COLLECTING:
        for quadrant in quadrants.values():
            quadrant.items.sort(key=lambda item: -item.dot_total)  # stable: ties keep the order they were added
    return list(quadrants.values())


def swot_for_group(group):
    """The latest closed analysis of a group with its quadrants (items by dots), or None; for the group's page."""
    analysis = (SwotAnalysis.objects.filter(group=group, status=SwotAnalysis.Status.CLOSED).select_related("period")
                .order_by("-created_at").first())
    if analysis is None:
        return None
    return {"analysis": analysis, "quadrants": analysis_quadrants(analysis)}


def dots_label(count):
    """"1 bod", "3 body", "0 bodů", "5 bodů" (Czech has three plural forms)."""
    if count == 1:
        return _("%(count)s bod") % {"count": count}
    if 2 <= count <= 4:
        return _("%(count)s body") % {"count": count}
    return _("%(count)s bodů") % {"count": count}


def analysis_docx(analysis):
    """The analysis as a Word document: title, group, period, the 2×2 table of quadrants (items by dots,
    with their dots) and the list of merged items."""
    quadrants = analysis_quadrants(analysis)
    document = DocxDocument(title=analysis.title, area=analysis.area, subtitle=f"{analysis.get_kind_display()} – {analysis.group.name}")
    document.paragraph(_("Pracovní skupina: %(group)s") % {"group": analysis.group.name})
    document.paragraph(_("Období plánování: %(period)s") % {"period": analysis.period.name})
    document.paragraph(_("Stav: %(status)s; každý člen měl %(dots)s v každé kategorii.")
                       % {"status": analysis.get_status_display(), "dots": dots_label(analysis.dots_per_member)})
    table = document.document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for quadrant, cell in zip(quadrants, [cell for row in table.rows for cell in row.cells]):
        cell.paragraphs[0].add_run(czech_typography(quadrant.label.capitalize())).bold = True
        for item in quadrant.items:
            cell.add_paragraph(czech_typography(f"{item.text} ({dots_label(item.dot_total)})"), style="List Bullet")
        if not quadrant.items:
            cell.add_paragraph(_("bez položek"))
    merged = [item for quadrant in quadrants for item in quadrant.merged]
    if merged:
        document.heading(_("Sloučené položky"))
        for item in merged:
            document.bullet(_("%(text)s → sloučeno do: %(kept)s") % {"text": item.text, "kept": item.merged_into.text})
    return document.to_bytes()
