import json
import re

from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.tests.factories import MunicipalityFactory


def test_search_page_lists_results_with_facets(client, area):
    ServiceFactory(area=area, name="Pečovatelská služba Testov", target_groups=["senioři"], forms=["ter"])
    html = client.get("/mesto/sluzby/?q=seniorum").content.decode()
    assert "Pečovatelská služba Testov" in html
    assert "Nalezena 1 služba nebo aktivita" in html
    assert 'name="forma" value="ter"' in html
    assert '<html lang="cs"' in html


def test_htmx_request_gets_only_the_catalogue_part(client, area):
    ServiceFactory(area=area, name="Pečovatelská služba Testov")
    html = client.get("/mesto/sluzby/?q=pecovatelska", HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="katalog"')
    assert "Pečovatelská služba Testov" in html


def test_zero_results_suggest_what_to_relax(client, area):
    ServiceFactory(area=area, name="Pečovatelská služba Testov", forms=["ter"])
    html = client.get("/mesto/sluzby/?q=pecovatelska+xyz&forma=pob").content.decode()
    assert "Nic jsme nenašli" in html
    assert "zrušit výběr formy" in html
    assert "hledat jen „pecovatelska“" in html


def test_detail_page_has_everything_and_json_ld(client, area):
    municipality = MunicipalityFactory(code="554821", name="Ostrava")
    service = ServiceFactory(
        area=area, name="Domov Lipina", description="Domov pro seniory v klidné čtvrti.", forms=["pob"], target_groups=["senioři"],
        facilities=[{"name": "Domov Lipina", "street": "Lipová", "house_number": "1234", "orientation_number": "5",
                     "postcode": "70030", "municipality": municipality, "latitude": "49.8", "longitude": "18.25"}],
    )
    html = client.get(f"/mesto/sluzby/{service.pk}/").content.decode()
    assert "<h1>Domov Lipina</h1>" in html
    assert "Lipová 1234/5, 700 30 Ostrava" in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["@type"] == "Service" and data["name"] == "Domov Lipina"
    assert data["availableChannel"][0]["serviceLocation"]["geo"]["latitude"] == 49.8
    assert 'id="map-points"' in html


def test_detail_of_another_areas_service_is_404(client, area, other_area):
    foreign = ServiceFactory(area=other_area)
    assert client.get(f"/mesto/sluzby/{foreign.pk}/").status_code == 404


def test_search_and_detail_queries_are_flat(client, area, django_assert_max_num_queries):
    municipality = MunicipalityFactory(code="554821", name="Ostrava")
    services = [
        ServiceFactory(area=area, target_groups=["senioři", "pečující osoby"], forms=["ter", "amb"],
                       facilities=[{"name": f"Místo {n}", "municipality": municipality}])
        for n in range(30)
    ]
    with django_assert_max_num_queries(16):
        assert client.get("/mesto/sluzby/?q=sluzba&forma=ter").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get("/mesto/sluzby/?zobrazeni=mapa").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/mesto/sluzby/{services[0].pk}/").status_code == 200


def test_api_search_matches_the_html_search(client, area):
    ServiceFactory(area=area, name="Domov pro seniory Testov", target_groups=["senioři"], forms=["pob"])
    ServiceFactory(area=area, name="Azylový dům Testov", forms=["pob"])
    data = client.get("/api/v1/services/?area=mesto&q=seniorum").json()
    assert data["count"] == 1
    result = data["results"][0]
    assert result["name"] == "Domov pro seniory Testov"
    assert set(result) >= {"id", "registry_id", "name", "provider", "service_type", "forms", "target_groups", "addresses", "capacity"}
    assert result["forms"] == ["pob"]
    group_id = result["target_groups"][0]["id"]
    assert client.get(f"/api/v1/services/?area=mesto&target_group={group_id}").json()["count"] == 1
    assert client.get("/api/v1/services/?area=mesto&form=pob").json()["count"] == 2
    assert client.get("/api/v1/services/?area=mesto&service_type=40").json()["count"] == 2


def test_api_codebooks(client, db):
    types = client.get("/api/v1/service-types/").json()
    assert {"paragraph": "49", "name": "domovy pro seniory"}.items() <= next(t for t in types if t["paragraph"] == "49").items()
    groups = client.get("/api/v1/target-groups/").json()
    assert any(group["name"] == "senioři" for group in groups)


def test_api_writes_need_authentication(client, area):
    assert client.post("/api/v1/services/", {"name": "x"}).status_code == 401


def test_api_rejects_unknown_filter_values_with_a_message(client, area):
    response = client.get("/api/v1/services/?area=mesto&form=xyz")
    assert response.status_code == 400
    assert "form" in response.json()
    assert client.get("/api/v1/services/?area=neexistuje").status_code == 400
    assert client.get("/api/v1/services/?target_group=999999").status_code == 400
