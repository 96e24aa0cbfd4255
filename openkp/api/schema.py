"""The OpenAPI document: one error body for every error answer, added to each operation by ``ApiAutoSchema``.

Every answer under ``/api/`` that is not a success is JSON: ``{"detail": "…"}``, or for invalid input (400) the
names of the wrong parameters or fields with their messages, ``{"<name>": ["…"]}``.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticatedOrReadOnly


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the language of the request (Czech by default).")


# Written out, not a serializer: the keys are the names of the rejected parameters or fields.
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": "Invalid input: each rejected query parameter or body field with its messages "
                   "(or `detail` when the body could not be read at all).",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
VALIDATION_ERROR_COMPONENT = "ValidationError"


def error(description):
    return OpenApiResponse(response=ErrorSerializer, description=description)


class ApiAutoSchema(AutoSchema):
    """Adds the error answers an operation can give to those its view declares (a view's own declaration wins)."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in self.error_responses().items():
            responses.setdefault(code, self._get_response_for_code(response, code, direction=direction))
        return responses

    def error_responses(self):
        writes = self.method not in SAFE_METHODS
        # The page number is not validated as input: a page that does not exist is a 404 (see pagination.py).
        has_input = writes or any(parameter["in"] == "query" and parameter["name"] != "page" for parameter in self._get_parameters())
        paginated = self._is_list_view() and self._get_paginator() is not None
        public = {AllowAny, IsAuthenticatedOrReadOnly} >= {type(permission) for permission in self.view.get_permissions()}
        responses = {}
        if has_input:
            responses["400"] = OpenApiResponse(response={"$ref": f"#/components/schemas/{VALIDATION_ERROR_COMPONENT}"},
                                               description="Invalid query parameters or body.")
        # Any request may carry a wrong or expired token: that is a 401 even on a public endpoint.
        responses["401"] = error("Missing, wrong or expired credentials (for writes and staff endpoints) or an unknown token.")
        if writes or not public:
            responses["403"] = error("Authenticated, but without the permission (or without the CSRF token of a session).")
        if paginated or "{" in self.path or writes or not public:
            responses["404"] = error("No such object, or one the caller may not see; or a page beyond the last one.")
        if writes:
            responses["415"] = error("A body in a format other than JSON or a form.")
        responses["500"] = error("Unexpected server error.")
        return responses


def add_error_components(result, generator, request, public):
    """Postprocessing hook: the shared 400 body, referenced from every operation that takes input."""
    result.setdefault("components", {}).setdefault("schemas", {})[VALIDATION_ERROR_COMPONENT] = VALIDATION_ERROR_SCHEMA
    return result
