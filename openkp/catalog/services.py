"""Writes for the catalogue."""

import czech_sort

from . import text


def service_index(service, *, facilities=None, target_groups=None):
    """Fill the search and sort columns of a service from its own data (does not save).

    Call after the service's facilities and target groups are saved; pass them when the caller
    already has them, to save queries in bulk imports.
    """
    facilities = list(service.facilities.select_related("municipality", "part")) if facilities is None else facilities
    target_groups = list(service.target_groups.all()) if target_groups is None else target_groups
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
    return service


def czech_sort_key(name):
    """A string whose plain (byte) order is Czech alphabetical order of ``name`` (ch after h, č after c)."""
    return czech_sort.bytes_key((name or "")[:60]).hex()[:400]
