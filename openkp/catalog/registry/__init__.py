"""Import of the national registry of social services (MPSV open data ``rpss.json``).

One item of ``polozky`` is one registered service (see the shared REGISTRY_FORMAT.md). The import
is idempotent by ``portalId`` per area, runs in one transaction, writes in bulk and never stores
personal data: statutory bodies and facility heads are not read at all.

- ``parsing``: reading and decoding the file, parsing one record into plain values (no database);
- ``report``: RegistryReport, the counts, rejections and services to end an import returns;
- ``importer``: comparing with the stored services and writing them (``import_registry``); a
  file that would end more than ENDING_LIMIT_PERCENT of the area's registry services is refused
  (EndingNotConfirmed) unless the operator confirmed that many (``allow_ending``).
"""

from .importer import EndingNotConfirmed, ExistingServices, RegistryImporter, import_registry
from .parsing import RecordRejected, RegistryFileError, normalise_web, parse_record, read_registry
from .report import ENDING_LIMIT_PERCENT, EndingService, RegistryReport, Rejection

__all__ = [
    "ENDING_LIMIT_PERCENT",
    "EndingNotConfirmed",
    "EndingService",
    "ExistingServices",
    "RecordRejected",
    "RegistryFileError",
    "RegistryImporter",
    "RegistryReport",
    "Rejection",
    "import_registry",
    "normalise_web",
    "parse_record",
    "read_registry",
]
