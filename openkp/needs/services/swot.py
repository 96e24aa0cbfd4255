"""Writes of SWOT / PEST analyses: create, add and edit items, merge duplicates, change the status, dot voting."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import SwotAnalysis, SwotItem, SwotVote

Category = SwotItem.Category
Status = SwotAnalysis.Status

CATEGORIES = {
    SwotAnalysis.Kind.SWOT: [Category.STRENGTH, Category.WEAKNESS, Category.OPPORTUNITY, Category.THREAT],
    SwotAnalysis.Kind.PEST: [Category.POLITICAL, Category.ECONOMIC, Category.SOCIAL, Category.TECHNOLOGICAL],
}

# Managers move the analysis forward; one step back is allowed to correct a premature switch.
TRANSITIONS = {
    Status.COLLECTING: {Status.VOTING},
    Status.VOTING: {Status.COLLECTING, Status.CLOSED},
    Status.CLOSED: {Status.VOTING},
}


def categories(analysis):
    """The four categories of the analysis (quadrants of SWOT, factors of PEST), in their order."""
    return CATEGORIES[analysis.kind]


def _check_category(analysis, category):
    if category not in categories(analysis):
        raise ValidationError(_("Kategorie „%(category)s“ do analýzy %(kind)s nepatří.")
                              % {"category": category, "kind": analysis.get_kind_display()})


@transaction.atomic
def swot_create(*, area, group, period, title, kind=SwotAnalysis.Kind.SWOT, dots_per_member=3):
    """A new analysis of a working group, collecting items."""
    analysis = SwotAnalysis(area=area, group=group, period=period, title=title, kind=kind, dots_per_member=dots_per_member)
    analysis.full_clean()
    analysis.save()
    return analysis


def item_add(*, analysis, category, text, author):
    """A member's item; items are added while the analysis collects them."""
    if analysis.status != Status.COLLECTING:
        raise ValidationError(_("Položky lze přidávat jen ve fázi sběru podnětů; analýza je ve stavu „%(status)s“.")
                              % {"status": analysis.get_status_display()})
    _check_category(analysis, category)
    text = text.strip()
    if not text:
        raise ValidationError(_("Napište text položky."))
    return SwotItem.objects.create(analysis=analysis, category=category, text=text, author=author)


def item_update(*, item, text, category):
    """A manager corrects an item's text or moves it to another category (not after the analysis is closed,
    nor to another category once the voting started: the dots were given within the category)."""
    analysis = item.analysis
    if analysis.status == Status.CLOSED:
        raise ValidationError(_("Uzavřenou analýzu nelze měnit."))
    _check_category(analysis, category)
    if category != item.category and (analysis.status != Status.COLLECTING or item.merged_items.exists()):
        raise ValidationError(_("Kategorii lze měnit jen ve fázi sběru podnětů a u položky, do které nic není sloučeno."))
    if not text.strip():
        raise ValidationError(_("Napište text položky."))
    item.text, item.category = text.strip(), category
    item.save()
    return item


@transaction.atomic
def item_delete(*, item):
    if item.analysis.status == Status.CLOSED:
        raise ValidationError(_("Z uzavřené analýzy nelze mazat."))
    # Items merged into it were duplicates of it: they go too instead of coming back as separate items.
    item.merged_items.all().delete()
    item.delete()


@transaction.atomic
def items_merge(*, analysis, items, keep, text):
    """Merge duplicate items of one category into ``keep``, which gets ``text``.

    The others point to ``keep`` (``merged_into``); their dots move to ``keep``, summed per person, so each
    person still has one vote row per item and the same number of dots in the category.
    """
    items = list(items)
    if analysis.status == Status.CLOSED:
        raise ValidationError(_("Uzavřenou analýzu nelze měnit."))
    if len(items) < 2:
        raise ValidationError(_("Ke sloučení vyberte alespoň dvě položky."))
    if keep not in items:
        raise ValidationError(_("Ponechaná položka musí být mezi sloučenými."))
    if any(item.analysis_id != analysis.pk or item.merged_into_id for item in items):
        raise ValidationError(_("Sloučit lze jen platné položky této analýzy."))
    if len({item.category for item in items}) > 1:
        raise ValidationError(_("Sloučit lze jen položky ze stejné kategorie."))
    if not text.strip():
        raise ValidationError(_("Napište text sloučené položky."))
    others = [item for item in items if item.pk != keep.pk]
    dots = {}
    for vote in SwotVote.objects.filter(item__in=items):
        dots[vote.user_id] = dots.get(vote.user_id, 0) + vote.dots
    SwotVote.objects.filter(item__in=items).delete()
    SwotVote.objects.bulk_create([SwotVote(item=keep, user_id=user_id, dots=count) for user_id, count in dots.items()])
    # Items merged earlier into one of the others now point straight to the kept one.
    SwotItem.objects.filter(merged_into__in=others).update(merged_into=keep)
    for item in others:
        item.merged_into = keep
        item.save(update_fields=["merged_into"])
    keep.text = text.strip()
    keep.save(update_fields=["text"])
    return keep


def set_status(*, analysis, status):
    """Collecting → voting → closed (and one step back)."""
    if status not in TRANSITIONS.get(analysis.status, set()):
        raise ValidationError(_("Stav nelze změnit z „%(old)s“ na „%(new)s“.")
                              % {"old": analysis.get_status_display(), "new": Status(status).label if status in Status.values else status})
    analysis.status = status
    analysis.save(update_fields=["status"])
    return analysis


@transaction.atomic
def vote(*, analysis, user, category, dots):
    """Replace the person's dots in one category: ``dots`` maps an item's pk to a number of dots (0 = none).

    Several dots may go to one item; the total must stay within ``dots_per_member``.
    """
    if analysis.status != Status.VOTING:
        raise ValidationError(_("Hlasovat lze jen ve fázi hlasování; analýza je ve stavu „%(status)s“.")
                              % {"status": analysis.get_status_display()})
    _check_category(analysis, category)
    items = {item.pk: item for item in SwotItem.objects.filter(analysis=analysis, category=category, merged_into__isnull=True)}
    if any(pk not in items for pk in dots):
        raise ValidationError(_("Hlasovat lze jen pro platné položky této kategorie."))
    if any(count < 0 for count in dots.values()):
        raise ValidationError(_("Počet bodů nemůže být záporný."))
    total = sum(dots.values())
    if total > analysis.dots_per_member:
        raise ValidationError(_("V kategorii „%(category)s“ můžete rozdělit nejvýše %(limit)s bodů; rozdělili jste %(total)s. "
                                "Uberte %(over)s.") % {"category": Category(category).label, "limit": analysis.dots_per_member,
                                                        "total": total, "over": total - analysis.dots_per_member})
    SwotVote.objects.filter(user=user, item__in=items.values()).delete()
    SwotVote.objects.bulk_create([SwotVote(item=items[pk], user=user, dots=count) for pk, count in dots.items() if count])
    return total
