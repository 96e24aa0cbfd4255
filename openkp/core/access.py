"""Access checks for area pages: one place where tenant isolation is enforced.

Outsiders (no role in the area) get 404, so they cannot even learn that a staff page exists;
insiders without the permission get 403. Predicates live in ``openkp/accounts/rules.py``.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

INSIDER_PERMISSION = "core.enter_area"


def check_area_permission(request, perm):
    area = request.area
    if area is None:
        raise Http404
    if not request.user.has_perm(INSIDER_PERMISSION, area):
        raise Http404
    if not request.user.has_perm(perm, area):
        raise PermissionDenied


def area_permission_required(perm):
    """View decorator: log-in required, then ``perm`` on ``request.area``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            check_area_permission(request, perm)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def get_for_area_or_404(model, area, **lookup):
    """Fetch an area-owned object; one from another area is a 404."""
    return get_object_or_404(model.objects.for_area(area), **lookup)
