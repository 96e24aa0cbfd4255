"""What the plan adds to the staff dashboard and to the area's menu (registered in PlansConfig.ready())."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openkp.core.dashboard import AttentionEntry, AttentionItem

from .models import Plan
from .selectors.public import public_plans


def plan_content(area):
    """The public plan page has something to show: a plan anybody may read."""
    return public_plans(area)


def plans_attention(*, area, user):
    """The coordinator: unresolved comments on plans that can still change; one query."""
    if not user.has_perm("plans.manage_plans", area):
        return []
    plans = list(
        Plan.objects.for_area(area).filter(status__in=(Plan.Status.DRAFT, Plan.Status.CONSULTATION))
        .annotate(open_comments=Count("comments", filter=Q(comments__is_resolved=False))).filter(open_comments__gt=0)
        .select_related("area").order_by("-start_year", "-pk")
    )
    return [AttentionItem(
        label=_("Nevyřešené komentáře k návrhu plánu"), count=sum(plan.open_comments for plan in plans),
        entries=tuple(AttentionEntry(label=plan.title, url=plan.get_absolute_url(),
                                     note=ngettext("%(count)s komentář", "%(count)s komentářů", plan.open_comments) % {"count": plan.open_comments})
                      for plan in plans),
        entry_count=len(plans),
    )]


def register():
    from openkp.core import dashboard, sections

    sections.register_content("plan", plan_content)
    dashboard.register_attention(plans_attention)
