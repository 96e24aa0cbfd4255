"""DRF permissions backed by the same rules predicates as the views."""

from django.http import Http404
from rest_framework.permissions import BasePermission

from openkp.core.access import INSIDER_PERMISSION


class AreaPermission(BasePermission):
    """``perm`` on the view's ``area``; outsiders get 404 like in the web UI."""

    def has_permission(self, request, view):
        area = view.get_area()
        if not request.user.is_authenticated:
            return False
        if not request.user.has_perm(INSIDER_PERMISSION, area):
            raise Http404
        return request.user.has_perm(view.required_permission, area)
