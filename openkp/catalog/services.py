"""Writes for the catalogue."""

import czech_sort

from . import text


def service_index(service, *, facilities=None, target_groups=None, forms=None):
    """Fill the search, facet and sort columns of a service from its own data (does not save).

    Call after the service's facilities, target groups and forms are saved; pass them when the
    caller already has them (forms as codes like "ter"), to save queries in bulk imports.
    """
    facilities = list(service.facilities.select_related("municipality", "part")) if facilities is None else facilities
    target_groups = list(service.target_groups.all()) if target_groups is None else target_groups
    if forms is None:
        forms = list(service.forms.values_list("form", flat=True)) if service.pk else []
    places = []
    for facility in facilities:
        places += [facility.name, facility.street, facility.municipality.name if facility.municipality else "",
                   facility.part.name if facility.part else ""]
    kind = service.service_type.name if service.service_type else (service.activity_category.name if service.activity_category else "")
    service.search_name = text.index_text(service.name)
    service.search_text = text.index_text(
        service.name, service.provider.name, kind, *(group.name for group in target_groups), *places, service.description
    )
    service.sort_name = czech_sort_key(service.name)
    service.facet_keys = facet_keys(service, facilities=facilities, target_groups=target_groups, forms=forms)
    return service


def facet_keys(service, *, facilities, target_groups, forms):
    """`` k:service t:13 g:24 f:ter m:554821 p:7 ``: every facet value of the service in one column,
    so that one scan of the matching rows yields all facet counts (see selectors.service_search)."""
    keys = [f"k:{service.kind}"]
    if service.service_type_id:
        keys.append(f"t:{service.service_type_id}")
    if service.activity_category_id:
        keys.append(f"c:{service.activity_category_id}")
    keys += [f"g:{group.pk}" for group in target_groups]
    keys += [f"f:{form}" for form in sorted(set(forms))]
    for facility in facilities:
        code = facility.municipality.code if facility.municipality_id and facility.municipality else facility.municipality_code
        if code:
            keys.append(f"m:{code}")
        if facility.part_id:
            keys.append(f"p:{facility.part_id}")
    return " " + " ".join(dict.fromkeys(keys)) + " "


def czech_sort_key(name):
    """A string whose plain (byte) order is Czech alphabetical order of ``name`` (ch after h, č after c)."""
    return czech_sort.bytes_key((name or "")[:60]).hex()[:400]


def note_deletion(sender, instance, **kwargs):
    """post_delete of a service: note the time for the area (cached search pages and the facet index depend on it).
    After the commit, so that deleting a whole area (which deletes its services first) is not in the way."""
    from django.db import transaction
    from django.utils import timezone

    from openkp.core.models import Area

    from .models import CatalogueDeletion, Service

    if not isinstance(instance, Service):
        return
    area_id, now = instance.area_id, timezone.now()

    def note():
        if Area.objects.filter(pk=area_id).exists():
            CatalogueDeletion.objects.update_or_create(area_id=area_id, defaults={"deleted_at": now})

    transaction.on_commit(note)
