"""Fetching a plan or one of its items within what the user may see or change: the one place where the
plan's tenant isolation and permissions are enforced for views.

Another area's plan or item is a 404 (queries start from ``for_area``); an insider without the permission gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from openkp.core.access import check_area_permission

from .models import Plan


def plan_for(request, pk, perm="plans.view_plan"):
    """The area's plan ``pk`` if the user has ``perm`` in the area (after the insider check)."""
    check_area_permission(request, perm)
    return get_object_or_404(Plan.objects.for_area(request.area).select_related("area", "period"), pk=pk)


def item_for_change(request, model, pk, *, related=()):
    """A plan item the user may change (coordinator, or the manager of the item's group), in an editable plan."""
    check_area_permission(request, "plans.edit_plan")
    item = get_object_or_404(model.objects.for_area(request.area).select_related("plan", "area", *related), pk=pk)
    if not request.user.has_perm("plans.change_item", item):
        raise PermissionDenied(_("Tuto část plánu upravuje koordinátor nebo manažer příslušné pracovní skupiny."))
    return item
