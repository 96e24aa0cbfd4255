"""Validators for the released HSDS 3.0 schemas copied in ``schema/`` (Draft 2020-12).

Service, organization and service_at_location are checked against the compiled forms (every
``$ref`` inlined, as Open Referral publishes them for validation); location, taxonomy and
taxonomy_term have no compiled form, so their split schemas are resolved through a registry.
"""

import json
from functools import cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).parent / "schema"
COMPILED = ("service", "organization", "service_at_location")
SPLIT = ("location", "taxonomy", "taxonomy_term")
# The split schemas refer to each other by bare file name; a base URI makes those references absolute.
SCHEMA_BASE = "https://openkp.invalid/hsds/3.0/schema/"


@cache
def _registry():
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    return Registry().with_resources(
        (SCHEMA_BASE + path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT202012))
        for path in SCHEMA_DIR.glob("*.json")
    )


@cache
def validator(name):
    """A Draft 2020-12 validator (formats checked: uuid, email, …) of one HSDS 3.0 object."""
    from jsonschema import Draft202012Validator, FormatChecker

    if name in COMPILED:
        schema = json.loads((SCHEMA_DIR / "compiled" / f"{name}.json").read_text(encoding="utf-8"))
        return Draft202012Validator(schema, format_checker=FormatChecker())
    if name in SPLIT:
        return Draft202012Validator({"$ref": SCHEMA_BASE + f"{name}.json"}, registry=_registry(), format_checker=FormatChecker())
    raise KeyError(name)


def schema_errors(name, item):
    """The schema's objections to one object, most shallow first."""
    return sorted(validator(name).iter_errors(item), key=lambda error: (len(error.absolute_path), list(map(str, error.absolute_path))))
