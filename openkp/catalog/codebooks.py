"""Catalogue codebooks: seeds shipped with the project and the official MPSV code-list files."""

import csv
import json
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from openkp.core.spreadsheets import row_limit, too_many_records_message

from .models import AgeGroup, CapacityType, ServiceType, TargetGroup

DATA = Path(__file__).parent / "data"

# Registry reference prefix → model. The MPSV files name the lists differently from the prefixes.
PREFIXES = {
    "DruhSocialniSluzby": ServiceType,
    "CilovaSkupinaOsoby": TargetGroup,
    "VekovaSkupinaOsoby": AgeGroup,
    "TypKapacitySocialniSluzby": CapacityType,
}


class CodebookError(Exception):
    pass


def load_seed_codebooks():
    """Create or update the codebooks from the CSV seeds (idempotent)."""
    with transaction.atomic():
        for order, row in enumerate(_rows("service_types.csv")):
            lookup = {"code": row["mpsv_kod"]} if row["mpsv_kod"] else {"section": row["section"], "code": None}
            ServiceType.objects.update_or_create(**lookup, defaults={
                "section": row["section"], "name": row["name_cs"], "name_en": row["name_en"],
                "category": row["category"], "order": order,
            })
        for row in _rows("target_groups.csv"):
            lookup = {"code": row["mpsv_kod"]} if row["mpsv_kod"] else {"name": row["name_cs"], "code": None}
            TargetGroup.objects.update_or_create(**lookup, defaults={
                "name": row["name_cs"], "name_en": row["name_en"], "is_verified": bool(row["mpsv_kod"]),
            })
        for row in _rows("capacity_types.csv"):
            CapacityType.objects.update_or_create(code=row["mpsv_kod"], defaults={"name": row["name_cs"], "name_en": row["name_en"]})
        for row in _rows("age_groups.csv"):
            AgeGroup.objects.update_or_create(code=row["mpsv_kod"], defaults={"name": row["name_cs"], "name_en": row["name_en"]})


def _rows(filename):
    with open(DATA / filename, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def get_or_create_code(model, code):
    """The codebook entry of a registry reference; an unknown code is kept (named by its number)."""
    entry = model.objects.filter(code=code).first()
    if entry is None:
        entry = model.objects.create(code=code)
    return entry


def import_codebook(data):
    """Update codebook names from an MPSV code-list file ``{"polozky": [{"id", "nazev": {"cs"}}]}``.

    Returns ``{"created": n, "updated": n, "list": prefix}``. Unknown lists are refused.
    """
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CodebookError(_("Soubor není platný JSON (%(error)s).") % {"error": error}) from None
    items = document.get("polozky") if isinstance(document, dict) else None
    if not isinstance(items, list) or not items:
        raise CodebookError(_("Soubor nemá tvar číselníku MPSV: chybí seznam „polozky“."))
    if len(items) > row_limit("codebook"):
        raise CodebookError(too_many_records_message(row_limit("codebook"), len(items)))
    prefixes = {str(item.get("id", "")).partition("/")[0] for item in items if isinstance(item, dict)}
    if len(prefixes) != 1 or next(iter(prefixes)) not in PREFIXES:
        raise CodebookError(
            _("Neznámý číselník (%(prefixes)s). Podporované: %(known)s.")
            % {"prefixes": ", ".join(sorted(prefixes)), "known": ", ".join(PREFIXES)}
        )
    prefix = prefixes.pop()
    model = PREFIXES[prefix]
    created = updated = 0
    with transaction.atomic():
        for item in items:
            name = (item.get("nazev") or {}).get("cs") or ""
            name_en = (item.get("nazev") or {}).get("en") or ""
            entry, was_created = model.objects.get_or_create(code=item["id"])
            if was_created:
                created += 1
            if name and (entry.name != name or (name_en and entry.name_en != name_en)):
                entry.name = name
                entry.name_en = name_en or entry.name_en
                if model is TargetGroup:
                    entry.is_verified = True
                entry.save()
                updated += 0 if was_created else 1
    return {"list": prefix, "created": created, "updated": updated}
