"""The public web version of the plan at /<area>/plan/: readable on a phone, every measure with an anchor
(``#opatreni-1-2-3``) so it can be linked; earlier approved plans stay readable."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from openkp.core.breadcrumbs import area_breadcrumbs

from ..selectors.public import current_public_plan, public_plans
from ..selectors.tree import load_tree
from ..services.chapters import readable
from ..services.publishing import published


def _render(request, plan, *, is_current):
    tree = load_tree(plan)
    chapters = readable(list(plan.chapters.order_by("position", "pk")))
    return render(request, "plans/public_plan.html", {
        "plan": plan, "tree": tree, "chapters": chapters, "is_current": is_current,
        "budget_rows": tree.budget.table(),
        "published": published(plan),
        "other_plans": public_plans(request.area).exclude(pk=plan.pk).order_by("-start_year"),
        "breadcrumbs": area_breadcrumbs(request.area, (_("Komunitní plán"), None)),
    })


def current(request):
    if request.area is None:
        raise Http404
    plan = current_public_plan(request.area)
    if plan is None:
        return render(request, "plans/public_none.html", {
            "breadcrumbs": area_breadcrumbs(request.area, (_("Komunitní plán"), None)),
        })
    return _render(request, plan, is_current=True)


def earlier(request, pk):
    if request.area is None:
        raise Http404
    plan = public_plans(request.area).select_related("area", "published_pdf", "published_docx").filter(pk=pk).first()
    if plan is None:
        raise Http404
    return _render(request, plan, is_current=plan == current_public_plan(request.area))
