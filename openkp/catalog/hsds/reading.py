"""Reading other systems' HSDS 3.0 JSON: uploaded files (JSON or a zip of them) → fully nested
services, checked against the released schema, with a Czech report of what is wrong where.

Accepted shapes, per file:
- a list of services, one service, or an HSDS API page (``{"contents": [...]}``, our own export);
- the flat files of an HSDS directory — ``organizations.json``, ``locations.json``,
  ``service_at_locations.json``, ``taxonomy_terms.json`` next to ``services.json`` — whose records
  are nested into the services that refer to them (``organization_id``, ``service_id``, …).
"""

import io
import json
import zipfile
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

from .schemas import schema_errors

# File name (without .json) → which records a flat file holds; any other name holds services.
FLAT_FILES = {
    "organizations": "organizations", "organization": "organizations",
    "locations": "locations", "location": "locations",
    "service_at_locations": "service_at_locations", "service_at_location": "service_at_locations",
    "taxonomy_terms": "taxonomy_terms", "taxonomy_term": "taxonomy_terms",
    "taxonomies": "ignored", "taxonomy": "ignored", "metadata": "ignored", "datapackage": "ignored",
}
MAX_FILES = 200


class HsdsReadError(Exception):
    """The upload cannot be imported; ``messages`` says why, record by record, in Czech."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = list(messages)


def upload_documents(uploads):
    """``[(file name, parsed JSON)]`` from uploaded files; a zip contributes its ``.json`` members."""
    documents, problems = [], []
    for upload in uploads:
        data = upload.read()
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [info for info in archive.infolist() if not info.is_dir() and info.filename.lower().endswith(".json")]
                if not members:
                    problems.append(_("Archiv „%(name)s“ neobsahuje žádný soubor JSON.") % {"name": upload.name})
                for info in members[:MAX_FILES]:
                    documents.append(_parse(f"{upload.name}: {info.filename}", info.filename, archive.read(info), problems))
        else:
            documents.append(_parse(upload.name, upload.name, data, problems))
    if problems:
        raise HsdsReadError(problems)
    return documents


def _parse(label, filename, data, problems):
    try:
        return label, PurePosixPath(filename).stem.lower(), json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        problems.append(_("Soubor „%(name)s“ není platný JSON v kódování UTF-8 (%(error)s).") % {"name": label, "error": error})
        return label, "", None


def _records(value):
    if isinstance(value, dict) and isinstance(value.get("contents"), list):
        return value["contents"]  # an HSDS API page
    if isinstance(value, list):
        return value
    return [value]


def nested_services(documents):
    """Every service of the upload with its organization, locations and taxonomy terms nested in it."""
    pools = {"services": [], "organizations": [], "locations": [], "service_at_locations": [], "taxonomy_terms": [], "ignored": []}
    problems = []
    for label, stem, value in documents:
        pool = FLAT_FILES.get(stem, "services")
        for number, record in enumerate(_records(value), start=1):
            if not isinstance(record, dict):
                problems.append(_("Soubor „%(name)s“, záznam č. %(number)s: čekali jsme objekt HSDS, ne „%(value)s“.")
                                % {"name": label, "number": number, "value": str(record)[:60]})
                continue
            pools[pool].append(record)
    if problems:
        raise HsdsReadError(problems)
    organizations = _by_id(pools["organizations"])
    locations = _by_id(pools["locations"])
    terms = _by_id(pools["taxonomy_terms"])
    links = {}
    for link in pools["service_at_locations"]:
        links.setdefault(link.get("service_id"), []).append(link)
    services = []
    for service in pools["services"]:
        service = dict(service)
        if "organization" not in service and service.get("organization_id") in organizations:
            service["organization"] = organizations[service["organization_id"]]
        if "service_at_locations" not in service and service.get("id") in links:
            service["service_at_locations"] = links[service["id"]]
        service["service_at_locations"] = [
            link if "location" in link or link.get("location_id") not in locations else {**link, "location": locations[link["location_id"]]}
            for link in service.get("service_at_locations") or []
        ]
        service["attributes"] = [
            attribute if "taxonomy_term" in attribute or attribute.get("taxonomy_term_id") not in terms
            else {**attribute, "taxonomy_term": terms[attribute["taxonomy_term_id"]]}
            for attribute in service.get("attributes") or []
        ]
        services.append(service)
    return services


def _by_id(records):
    return {record["id"]: record for record in records if isinstance(record.get("id"), str)}


def service_label(number, service):
    name = service.get("name") if isinstance(service.get("name"), str) else ""
    if name:
        return _("Služba č. %(number)s „%(name)s“") % {"number": number, "name": name[:80]}
    return _("Služba č. %(number)s") % {"number": number}


def field_path(path):
    """``service_at_locations[0] → location → addresses[0] → city`` from a jsonschema path."""
    parts = []
    for part in path:
        if isinstance(part, int) and parts:
            parts[-1] += f"[{part}]"
        else:
            parts.append(str(part))
    return " → ".join(parts)


def error_text(error):
    """The schema's objection in Czech: which field, what is wrong."""
    where = field_path(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        field = f"{where} → {missing}" if where else missing
        return _("chybí povinný údaj „%(field)s“") % {"field": field}
    if error.validator == "format":
        return _("pole „%(field)s“: „%(value)s“ není platný formát %(format)s") % {
            "field": where, "value": str(error.instance)[:80], "format": error.validator_value}
    if error.validator == "type":
        kinds = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = {"string": _("text"), "number": _("číslo"), "integer": _("celé číslo"), "array": _("seznam"),
                 "object": _("objekt"), "boolean": _("ano/ne"), "null": _("prázdná hodnota")}
        return _("pole „%(field)s“ má být %(kind)s, ne „%(value)s“") % {
            "field": where, "kind": _(" nebo ").join(str(names.get(kind, kind)) for kind in kinds), "value": str(error.instance)[:80]}
    if error.validator == "enum":
        return _("pole „%(field)s“: „%(value)s“ není povolená hodnota (povolené: %(allowed)s)") % {
            "field": where, "value": str(error.instance)[:80], "allowed": ", ".join(map(str, error.validator_value))}
    return _("pole „%(field)s“: %(message)s") % {"field": where or "—", "message": error.message}


def validation_report(services):
    """Czech lines, one per problem: which service (number and name), which field, what is wrong."""
    lines = []
    seen = {}
    for number, service in enumerate(services, start=1):
        label = service_label(number, service)
        for error in schema_errors("service", service):
            lines.append(f"{label}: {error_text(error)}")
        if not isinstance(service.get("organization"), dict):
            lines.append(_("%(service)s: chybí poskytovatel – vnořený objekt „organization“ nebo soubor organizations.json "
                           "se záznamem „%(id)s“") % {"service": label, "id": service.get("organization_id") or "—"})
        service_id = service.get("id")
        if service_id in seen:
            lines.append(_("%(service)s: identifikátor %(id)s má už služba č. %(other)s") % {
                "service": label, "id": service_id, "other": seen[service_id]})
        seen.setdefault(service_id, number)
    return lines


def read_services(uploads):
    """Uploaded files → valid, nested HSDS services; ``HsdsReadError`` with the Czech report otherwise."""
    services = nested_services(upload_documents(uploads))
    if not services:
        raise HsdsReadError([_("V nahraných souborech není žádná služba HSDS.")])
    report = validation_report(services)
    if report:
        raise HsdsReadError(report)
    return services
