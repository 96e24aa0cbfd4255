"""Integer lookups that treat an id no column can hold as "no such row" instead of a database error.

Django already does this for ``pk=`` on integer fields; ``pk__in=[…]`` and ``fk=`` / ``fk__in=`` still
pass the value on, and SQLite fails with OverflowError on anything past 2^63 − 1 (a 20-digit id from a
form, a query string or a URL). Registered once in ``CoreConfig.ready`` so every query — forms'
``ModelMultipleChoiceField``, views, filters — answers "none" for such values (a form then reports an
invalid choice).
"""

from django.core.exceptions import EmptyResultSet, FieldError
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def _integer_range(lookup, connection):
    """(min, max) of the column the lookup compares with, or (None, None) when it holds no integers."""
    field = lookup.lhs.output_field
    try:
        while field.is_relation:
            field = field.target_field
        return connection.ops.integer_field_range(field.get_internal_type())
    except (FieldError, KeyError):
        return None, None


def _fits(value, low, high):
    if not isinstance(value, int) or isinstance(value, bool):
        return True
    return (low is None or value >= low) and (high is None or value <= high)


class _InRange:
    """``__in``: values outside the column's range are left out (none of them can match)."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value() and not isinstance(self.rhs, (str, bytes)):
            low, high = _integer_range(self, connection)
            values = list(self.rhs)
            kept = [value for value in values if _fits(value, low, high)]
            if len(kept) != len(values):
                if not kept:
                    raise EmptyResultSet
                self.rhs = kept
        return super().process_rhs(compiler, connection)


class IntegerFieldIn(_InRange, In):
    pass


class BoundedRelatedIn(_InRange, RelatedIn):
    pass


class BoundedRelatedExact(RelatedExact):
    """``fk=``: a value outside the column's range matches nothing (as ``pk=`` does in Django)."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = _integer_range(self, connection)
            if not _fits(self.rhs, low, high):
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignObject.register_lookup(BoundedRelatedIn)
    ForeignObject.register_lookup(BoundedRelatedExact)
