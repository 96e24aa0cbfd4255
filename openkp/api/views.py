"""JSON answers for what no API view handles: an unknown address under /api/ and an unexpected error."""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt

API_PREFIX = "/api/"


@csrf_exempt  # any method: an unknown address is a 404, not a CSRF failure
def not_found(request, path=""):
    """Every address under /api/ that no endpoint serves (also a non-numeric id): a JSON 404, not the site's page."""
    if request.method in ("GET", "HEAD") and not request.path_info.endswith("/") and _is_endpoint(request.path_info + "/"):
        return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))  # as APPEND_SLASH did
    return JsonResponse({"detail": _("Adresa %(path)s v API neexistuje.") % {"path": request.path}}, status=404)


def _is_endpoint(path):
    try:
        return resolve(path).func is not not_found
    except Resolver404:
        return False


def server_error(request):
    """``handler500``: JSON under /api/, the site's error page elsewhere."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Chyba serveru. Zkuste to prosím později.")}, status=500)
    return defaults.server_error(request)
