"""What the needs analysis adds to the staff dashboard and to the area's menu (registered in NeedsConfig.ready()):
open answers waiting to be coded and new needs waiting to be assessed."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openkp.accounts.models import Role
from openkp.accounts.rules import area_roles
from openkp.core.dashboard import AttentionEntry, AttentionItem
from openkp.structures.dashboard import managed_groups

from .models import Answer, Need, Response, Survey
from .models.surveys import TEXT_KINDS
from .services.coding import ThemeAnswer

ENTRIES_SHOWN = 5


def needs_content(area):
    """The public needs page has something to show: a survey collecting answers or one with published results."""
    return Survey.objects.for_area(area).exclude(status=Survey.Status.DRAFT).filter(
        Q(status=Survey.Status.OPEN) | Q(results_public=True))


def uncoded_answers_by_survey(*, area, surveys):
    """``[(survey id, title, uncoded open answers)]`` of these surveys, most first; one query."""
    coded = ThemeAnswer.objects.filter(answer=OuterRef("pk"))
    return list(
        Answer.objects.filter(response__survey__in=surveys, response__survey__area=area, response__status=Response.Status.COMPLETE)
        .filter(Q(question__kind__in=TEXT_KINDS) | Q(choice__is_other=True)).exclude(text="")
        .exclude(Exists(coded))
        .values_list("response__survey_id", "response__survey__title").annotate(count=Count("pk")).order_by("-count", "response__survey_id")
    )


def needs_attention(*, area, user):
    """The coordinator (all surveys and needs) and a group manager (those of their groups): uncoded open answers,
    new needs to assess."""
    if not area_roles(user, area) & {Role.COORDINATOR, Role.GROUP_MANAGER}:
        return []
    items = []
    surveys = Survey.objects.for_area(area).exclude(status=Survey.Status.DRAFT)
    needs = Need.objects.for_area(area).filter(status=Need.Status.NEW)
    if Role.COORDINATOR not in area_roles(user, area):
        groups = managed_groups(area=area, user=user)
        surveys = surveys.filter(group__in=groups)
        needs = needs.filter(group__in=groups)
    if user.has_perm("needs.code_answers", area):
        rows = uncoded_answers_by_survey(area=area, surveys=surveys)
        items.append(AttentionItem(
            label=_("Otevřené odpovědi čekají na kódování"), count=sum(count for _pk, _title, count in rows),
            entries=tuple(
                AttentionEntry(label=title, note=ngettext("%(count)s odpověď", "%(count)s odpovědí", count) % {"count": count},
                               url=reverse("needs:coding", kwargs={"area_slug": area.slug, "pk": pk}))
                for pk, title, count in rows[:ENTRIES_SHOWN]
            ),
            entry_count=len(rows),
        ))
    if user.has_perm("needs.manage_needs", area):
        url = reverse("needs:need_list", kwargs={"area_slug": area.slug}) + f"?stav={Need.Status.NEW}"
        items.append(AttentionItem(label=_("Nové potřeby čekají na posouzení"), count=needs.count(), url=url))
    return items


def register():
    from openkp.core import dashboard, sections

    sections.register_content("needs", needs_content)
    dashboard.register_attention(needs_attention)
