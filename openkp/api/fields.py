"""Form fields for query parameters that name database rows."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1  # the largest value of a (big) integer primary key


class DatabaseIdField(forms.ModelMultipleChoiceField):
    """Ids of rows; a value that is no whole number in the range of a primary key is refused with a message
    before it reaches the database (SQLite cannot even bind a larger integer)."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                number = None
            if number is None or not 1 <= number <= MAX_ID:
                raise ValidationError(
                    _("„%(value)s“ není platné id: zadejte celé číslo od 1 do %(max)s.") % {"value": pk, "max": MAX_ID},
                    code="invalid_pk_value",
                )
        return super()._check_values(value)


class DatabaseIdsFilter(django_filters.ModelMultipleChoiceFilter):
    """``?name=1&name=2`` naming rows by id, validated by ``DatabaseIdField``."""

    field_class = DatabaseIdField
