"""Audit history (django-simple-history) of any tracked object, as a list of readable changes."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

# URL name → model; apps add theirs with ``track()`` in their AppConfig.ready().
_tracked = {"area": "core.Area", "organisation": "core.Organisation", "municipality": "core.Municipality"}
# Models shared by all areas: any insider with the permission may read their history.
_shared = {"core.Organisation", "core.Municipality"}

CHANGE_TYPES = {"+": _("vytvořeno"), "~": _("změněno"), "-": _("smazáno")}


def track(name, model_label, *, shared=False):
    _tracked[name] = model_label
    if shared:
        _shared.add(model_label)


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
    """Newest first: who, when, what kind of change, and each field's old and new value."""
    records = list(instance.history.select_related("history_user").order_by("-history_date", "-history_id"))
    result = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        fields = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = instance._meta.get_field(change.field)
                fields.append({"label": field.verbose_name, "old": _display(field, change.old), "new": _display(field, change.new)})
        result.append({
            "date": record.history_date,
            "user": record.history_user,
            "kind": CHANGE_TYPES.get(record.history_type, record.history_type),
            "reason": record.history_change_reason,
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
    return value
