"""One pagination for every list of the API: ``?page=`` from 1, 50 results a page.

A page that does not exist — not a whole number, below 1 or beyond the last page — is a 404 with a JSON
``detail``, on every list (DRF's own rule; the service search keeps to it too instead of showing the last page).
"""

from django.core.paginator import InvalidPage
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination

PAGE_SIZE = 50


INVALID_PAGE = _("Stránka „{page_number}“ neexistuje; stránky se číslují od 1 do poslední.")


def invalid_page(page_number):
    return NotFound(INVALID_PAGE.format(page_number=page_number))


def check_page_number(paginator, page_number):
    """Raise the API's 404 unless ``page_number`` names an existing page of ``paginator``."""
    try:
        paginator.validate_number(page_number)
    except InvalidPage:
        raise invalid_page(page_number) from None


class PagePagination(PageNumberPagination):
    page_size = PAGE_SIZE
    invalid_page_message = INVALID_PAGE
    last_page_strings = ()  # the service search has no "last" either

    def get_page_number(self, request, paginator):
        # DRF reads an empty ?page= as the first page; here it is no page number, like "x".
        return request.query_params.get(self.page_query_param, 1)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = str(_("Číslo stránky od 1; stránka, která neexistuje, je 404."))
        return parameters
