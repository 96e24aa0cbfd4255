import json

import pytest
from django.core.management import CommandError, call_command

from openkp.catalog.models import AgeGroup, ServiceType, TargetGroup


def test_seed_codebooks_are_loaded_with_verified_codes(db):
    assert ServiceType.objects.get(code="DruhSocialniSluzby/13").section == "49"
    assert ServiceType.objects.filter(section="57", code=None).exists()  # § 57 code not verified: not guessed
    assert TargetGroup.objects.get(code="CilovaSkupinaOsoby/24").name == "senioři"


def test_official_code_list_fills_names_and_keeps_unknown_codes(db, tmp_path):
    path = tmp_path / "cilove-skupiny-osoby.json"
    path.write_text(json.dumps({"polozky": [
        {"id": "CilovaSkupinaOsoby/24", "nazev": {"cs": "senioři"}},
        {"id": "CilovaSkupinaOsoby/99", "nazev": {"cs": "osoby v nové situaci"}},
    ]}), encoding="utf-8")
    TargetGroup.objects.create(code="CilovaSkupinaOsoby/98")
    assert str(TargetGroup.objects.get(code="CilovaSkupinaOsoby/98")) == "cílová skupina č. 98"
    call_command("import_codebook", str(path))
    assert TargetGroup.objects.get(code="CilovaSkupinaOsoby/99").name == "osoby v nové situaci"
    assert str(TargetGroup.objects.get(code="CilovaSkupinaOsoby/98")) == "cílová skupina č. 98"  # kept, not failed


def test_age_groups_come_from_the_official_file(db, tmp_path):
    path = tmp_path / "vekove-skupiny-osoby.json"
    path.write_text(json.dumps({"polozky": [{"id": "VekovaSkupinaOsoby/3", "nazev": {"cs": "senioři nad 80 let"}}]}), encoding="utf-8")
    call_command("import_codebook", str(path))
    assert AgeGroup.objects.get(code="VekovaSkupinaOsoby/3").name == "senioři nad 80 let"


@pytest.mark.parametrize(("content", "message"), [
    (b"nejson", "není platný JSON"),
    (b'{"data": []}', "chybí seznam"),
    (b'{"polozky": [{"id": "Neco/1"}]}', "Neznámý číselník"),
])
def test_bad_code_list_files_change_nothing(db, tmp_path, content, message):
    path = tmp_path / "ciselnik.json"
    path.write_bytes(content)
    before = TargetGroup.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("import_codebook", str(path))
    assert TargetGroup.objects.count() == before


def test_reindex_catalog_fills_facet_and_search_columns(area):
    from openkp.catalog.models import Service
    from openkp.catalog.tests.factories import ServiceFactory

    service = ServiceFactory(area=area, name="Pečovatelská služba", target_groups=["senioři"], forms=["ter"])
    Service.objects.filter(pk=service.pk).update(search_text="", facet_keys="")
    call_command("reindex_catalog")
    service.refresh_from_db()
    assert " pecovatel" in service.search_text
    assert " f:ter " in service.facet_keys and f" g:{service.target_groups.get().pk} " in service.facet_keys


def test_a_code_list_over_the_limit_changes_nothing(db, tmp_path, settings):
    settings.IMPORT_MAX_ROWS_CODEBOOK = 1
    path = tmp_path / "ciselnik.json"
    path.write_text('{"polozky": [{"id": "CilovaSkupina/1"}, {"id": "CilovaSkupina/2"}]}', encoding="utf-8")
    before = TargetGroup.objects.count()
    with pytest.raises(CommandError, match="Soubor má 2 záznamů, import jich přijme nejvýš 1"):
        call_command("import_codebook", str(path))
    assert TargetGroup.objects.count() == before
