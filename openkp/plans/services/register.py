"""Writes of the plan's registers: risks, the analytical chapters (with their Markdown rendered safely) and the
area's funding sources. Plan-owned writes check first that the plan is still editable (``ensure_editable``)
and validate the object (``full_clean``) inside one transaction."""

from dataclasses import dataclass

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Chapter, FundingSource
from .hierarchy import ensure_editable

# --- Markdown ----------------------------------------------------------------------------------------

# What a chapter's text may contain after rendering; everything else (scripts, styles, frames, event
# handlers, inline styles) is dropped.
MARKDOWN_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote",
    "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "caption", "sup", "sub", "abbr",
}
# Table cells keep only their alignment (the tables extension writes it as an inline style).
MARKDOWN_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"style", "scope"}, "td": {"style"}, "ol": {"start"}}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text):
    """Chapter text in Markdown as safe HTML: headings, lists, bold and italics, links and pipe tables.

    Headings move one level down (``#`` → h2, ``##`` → h3), because the chapter's own title is the level above
    them on the plan's page and in its document.
    """
    if not (text or "").strip():
        return mark_safe("")
    html = markdown.markdown(text, extensions=["tables", "sane_lists", "toc"], extension_configs={"toc": {"baselevel": 2}},
                             output_format="html")
    clean = nh3.clean(html, tags=MARKDOWN_TAGS, attributes=MARKDOWN_ATTRIBUTES, url_schemes=LINK_SCHEMES,
                      filter_style_properties={"text-align"}, link_rel="noopener noreferrer")
    return mark_safe(clean.strip())  # noqa: S308 -- sanitised by nh3 with the allow-list above


# --- Risks -------------------------------------------------------------------------------------------

# (level, label, scores) from the highest; the same bands as ``Risk.level``.
LEVELS = [("high", gettext_lazy("vysoké"), "15–25"), ("medium", gettext_lazy("střední"), "8–12"), ("low", gettext_lazy("nízké"), "1–6")]


def level_of(score):
    """The level of a probability × impact score, as ``Risk.level`` gives it."""
    return "high" if score >= 15 else "medium" if score >= 8 else "low"


def level_label(level):
    return next(label for value, label, _scores in LEVELS if value == level)


@dataclass
class MatrixCell:
    probability: int
    impact: int
    count: int
    selected: bool = False

    @property
    def score(self):
        return self.probability * self.impact

    @property
    def level(self):
        return level_of(self.score)

    @property
    def label(self):
        return level_label(self.level)


def risk_matrix(risks, *, selected=(None, None)):
    """The 5 × 5 matrix of risk counts: rows from probability 5 down to 1, cells by impact 1 to 5;
    ``selected`` (probability, impact) marks the cell the list is filtered by."""
    counts = {}
    for risk in risks:
        counts[(risk.probability, risk.impact)] = counts.get((risk.probability, risk.impact), 0) + 1
    return [[MatrixCell(probability, impact, counts.get((probability, impact), 0), (probability, impact) == selected)
             for impact in range(1, 6)] for probability in range(5, 0, -1)]


@transaction.atomic
def risk_save(risk):
    """Validate and save a risk of an editable plan; its measure must belong to the same plan."""
    ensure_editable(risk.plan)
    if risk.measure_id and risk.measure.plan_id != risk.plan_id:
        raise ValidationError({"measure": _("Opatření patří k jinému plánu.")})
    risk.area_id = risk.plan.area_id
    risk.full_clean()
    risk.save()
    return risk


@transaction.atomic
def risk_delete(risk):
    ensure_editable(risk.plan)
    risk.delete()


# --- Chapters ----------------------------------------------------------------------------------------

def _chapters(plan):
    return Chapter.objects.filter(plan=plan).order_by("position", "pk")


def _renumber(items, model):
    """Positions 1..n in the given order; writes only the rows whose position changed."""
    changed = []
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            changed.append(item)
    if changed:
        model.objects.bulk_update(changed, ["position"])


@transaction.atomic
def chapter_save(chapter):
    """Validate and save a chapter of an editable plan; a new one goes to the end."""
    ensure_editable(chapter.plan)
    chapter.area_id = chapter.plan.area_id
    if chapter.pk is None:
        chapter.position = (_chapters(chapter.plan).aggregate(last=Max("position"))["last"] or 0) + 1
    chapter.full_clean()
    chapter.save()
    return chapter


@transaction.atomic
def chapter_move(chapter, delta):
    """One place up (-1) or down (+1) in the plan's chapters; at either end nothing changes."""
    ensure_editable(chapter.plan)
    chapters = list(_chapters(chapter.plan).select_for_update())
    index = next(i for i, other in enumerate(chapters) if other.pk == chapter.pk)
    target = index + delta
    if 0 <= target < len(chapters):
        chapters[index], chapters[target] = chapters[target], chapters[index]
    _renumber(chapters, Chapter)
    return next(other for other in chapters if other.pk == chapter.pk)


@transaction.atomic
def chapter_delete(chapter):
    ensure_editable(chapter.plan)
    plan = chapter.plan
    chapter.delete()
    _renumber(list(_chapters(plan)), Chapter)


# --- Funding sources ---------------------------------------------------------------------------------

def _sources(area):
    return FundingSource.objects.filter(area=area).order_by("position", "pk")


def _unique_code(area, name):
    """A code for a new source from its name (``Nadace ČEZ`` → ``nadace-cez``), unique in the area."""
    base = slugify(name)[:24] or "zdroj"
    taken = set(FundingSource.objects.filter(area=area, code__startswith=base).values_list("code", flat=True))
    code, number = base, 2
    while code in taken:
        code, number = f"{base}-{number}", number + 1
    return code


@transaction.atomic
def funding_source_save(source):
    """Validate and save a funding source; a new one gets a code from its name and goes to the end."""
    source.name = (source.name or "").strip()
    if not source.name:
        raise ValidationError({"name": _("Vyplňte název zdroje financování.")})
    duplicate = FundingSource.objects.filter(area_id=source.area_id, name__iexact=source.name).exclude(pk=source.pk).first()
    if duplicate:
        raise ValidationError({"name": _("Zdroj „%(name)s“ už v seznamu je.") % {"name": duplicate.name}})
    if source.pk is None:
        source.code = source.code or _unique_code(source.area, source.name)
        source.position = (_sources(source.area).aggregate(last=Max("position"))["last"] or 0) + 1
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def funding_source_move(source, delta):
    """One place up (-1) or down (+1) in the area's list of sources."""
    sources = list(_sources(source.area).select_for_update())
    index = next(i for i, other in enumerate(sources) if other.pk == source.pk)
    target = index + delta
    if 0 <= target < len(sources):
        sources[index], sources[target] = sources[target], sources[index]
    _renumber(sources, FundingSource)


def funding_source_set_active(source, is_active):
    """Hide a source (no new amounts; the old ones stay in the plans) or offer it again."""
    source.is_active = is_active
    source.full_clean()
    source.save(update_fields=["is_active"])
    return source


def delete_refusal(source):
    """Why the source cannot be deleted (it has costs), or None when it can."""
    used = source.costs.count()
    if not used:
        return None
    return _("Zdroj „%(name)s“ už je použit v nákladech plánu (počet položek: %(count)s), proto jej nelze smazat. "
             "Můžete jej skrýt: nové částky z něj pak nepůjde zadat a ty dosavadní zůstanou.") % {"name": source.name, "count": used}


@transaction.atomic
def funding_source_delete(source):
    """Delete a source nobody has used; one with costs can only be hidden, so that no plan loses money."""
    if refusal := delete_refusal(source):
        raise ValidationError(refusal)
    source.delete()
    _renumber(list(_sources(source.area)), FundingSource)
