from django.conf import settings
from django.http import Http404, HttpResponseNotAllowed
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Area


class AreaMiddleware:
    """Sets ``request.area`` from the ``<area_slug>`` URL segment; an unknown area is a 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.area = None
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.pop("area_slug", None)
        if slug is None:
            return None
        area = Area.objects.filter(slug=slug).select_related("parent").first()
        if area is None or not (area.is_active or request.user.is_superuser):
            raise Http404(_("Území „%(slug)s“ na tomto webu není.") % {"slug": slug})
        request.area = area
        return None


class LanguageMiddleware:
    """Czech unless the visitor chose another language with the switch (a cookie).

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language: a Czech public
    service speaks Czech first, also to a browser set to English.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()  # the thread serves the next request (or a test) in the default language
        response.headers.setdefault("Content-Language", language)
        return response


class PageMethodMiddleware:
    """Pages answer GET, HEAD, POST and OPTIONS; any other method (PUT, DELETE, PATCH, …) is a 405.

    Django's function views do not look at the method unless told to, so ``PUT /some/page/`` would be
    served like a GET, or handled like a form POST. No page here handles another method, so the rule
    sits in one place instead of a decorator on every view. The REST API under ``/api/`` has its own
    method handling (DRF answers 405 itself and serves PATCH where it supports it) and is left alone.
    """

    PAGE_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
    OWN_METHOD_HANDLING_PREFIXES = ("/api/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.PAGE_METHODS and not request.path_info.startswith(self.OWN_METHOD_HANDLING_PREFIXES):
            message = _("Metoda %(method)s se na stránkách nepoužívá.") % {"method": request.method}
            return HttpResponseNotAllowed(self.PAGE_METHODS, message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
