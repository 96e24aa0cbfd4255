"""Open data: an area's public catalogue as CSV, XLSX, JSON and Open Referral HSDS 3.0.

Only what citizens already see on the public catalogue is exported: published, not ended services
and related activities, their providers (name, IČO, legal form, web: public registry facts) and
the contacts published for the service. Never people: no users, no memberships, no statutory
bodies or facility heads (the catalogue does not even store those).

- ``metadata``: licence and source constants, the dataset description every format carries;
- ``rows``: the shared query of public services and the flat row per service;
- ``tables``: CSV, XLSX and JSON;
- ``hsds``: Open Referral HSDS 3.0 (the released schemas are copied in ``openkp/catalog/hsds/schema/``).
"""

from .hsds import HSDS_NAMESPACE, HSDS_VERSION, TAXONOMIES, export_hsds, hsds_service
from .metadata import (
    LICENCE,
    LICENCE_ID,
    LICENCE_NOTE,
    LICENCE_URL,
    PERSONAL_DATA_NOTE,
    REGISTRY_URL,
    SOURCE,
    dataset_metadata,
)
from .rows import CAPACITY_UNITS, COLUMNS, LIST_SEPARATOR, capacity_text, public_services, service_row
from .tables import export_csv, export_json, export_xlsx, service_record

__all__ = [
    "CAPACITY_UNITS",
    "COLUMNS",
    "HSDS_NAMESPACE",
    "HSDS_VERSION",
    "LICENCE",
    "LICENCE_ID",
    "LICENCE_NOTE",
    "LICENCE_URL",
    "LIST_SEPARATOR",
    "PERSONAL_DATA_NOTE",
    "REGISTRY_URL",
    "SOURCE",
    "TAXONOMIES",
    "capacity_text",
    "dataset_metadata",
    "export_csv",
    "export_hsds",
    "export_json",
    "export_xlsx",
    "hsds_service",
    "public_services",
    "service_record",
    "service_row",
]
