"""Audit history (django-simple-history) of any tracked object, as a list of readable changes.

An object's page can also show the history of the records that belong to it (a measure's costs, indicators and
milestones): ``track(..., related=func)``, where ``func(instance)`` gives ``(subject, historical records)`` pairs and
``subject(record)`` names the record in the list.
"""

from decimal import Decimal

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from .typography import format_number

# URL name → model; apps add theirs with ``track()`` in their AppConfig.ready().
_tracked = {"area": "core.Area", "organisation": "core.Organisation", "municipality": "core.Municipality"}
# Models shared by all areas: any insider with the permission may read their history.
_shared = {"core.Organisation", "core.Municipality"}
# Model → the histories of its parts shown on its page.
_related = {}

CHANGE_TYPES = {"+": _("vytvořeno"), "~": _("změněno"), "-": _("smazáno")}


def track(name, model_label, *, shared=False, related=None):
    _tracked[name] = model_label
    if shared:
        _shared.add(model_label)
    if related is not None:
        _related[model_label] = related


def history_name(instance):
    """The URL name under which an object's history page lives, or None."""
    label = instance._meta.label
    return next((name for name, model in _tracked.items() if model == label), None)


def get_tracked_object(area, name, pk):
    """The object whose history is asked for, within the area; LookupError otherwise."""
    label = _tracked[name]
    model = apps.get_model(label)
    if model._meta.label == "core.Area":
        if int(pk) != area.pk:
            raise LookupError(name)
        return area
    queryset = model.objects.all() if label in _shared else model.objects.for_area(area)
    instance = queryset.filter(pk=pk).first()
    if instance is None:
        raise LookupError(name)
    return instance


def changes(instance):
    """Newest first: who, when, what kind of change, and each field's old and new value; with the changes of the
    object's parts (``subject`` names the part)."""
    result = _changes(instance.history.select_related("history_user"), instance._meta)
    for subject, records in _related.get(instance._meta.label, lambda _instance: [])(instance):
        result += _changes(records.select_related("history_user"), records.model.instance_type._meta, subject=subject)
    return sorted(result, key=lambda change: (change["date"], change["order"]), reverse=True)


def _changes(records, meta, subject=None):
    """The records of one or more objects (grouped by object), each compared with the previous one of its object."""
    by_object = {}
    for record in records.order_by("history_date", "history_id"):
        by_object.setdefault(getattr(record, meta.pk.attname), []).append(record)
    result = []
    for object_records in by_object.values():
        for index, record in enumerate(object_records):
            previous = object_records[index - 1] if index else None
            fields = []
            if previous is not None:
                for change in record.diff_against(previous).changes:
                    field = meta.get_field(change.field)
                    fields.append({"label": field.verbose_name, "old": _display(field, change.old), "new": _display(field, change.new)})
            elif subject:  # a part's first record (often its creation): what it held
                for field in meta.concrete_fields:
                    if field.editable and not field.primary_key and not field.is_relation:
                        value = _display(field, getattr(record, field.attname))
                        if record.history_type == "-":
                            fields.append({"label": field.verbose_name, "old": value, "new": "—"})
                        else:  # created; or changed from what was saved before the history began
                            fields.append({"label": field.verbose_name, "new": value,
                                           "old": "—" if record.history_type == "+" else _("nezaznamenáno")})
            result.append({
                "date": record.history_date,
                "order": record.history_id,
                "user": record.history_user,
                "kind": CHANGE_TYPES.get(record.history_type, record.history_type),
                "reason": record.history_change_reason,
                "subject": subject(record) if subject else "",
                "fields": fields,
            })
    return result


def _display(field, value):
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("ano") if value else _("ne")
    if isinstance(value, Decimal):
        return format_number(value, 0 if value == value.to_integral_value() else 2)
    return value
