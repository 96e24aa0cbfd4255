from rest_framework.authtoken.models import Token


def test_token_authenticated_staff_list(client, area, coordinator, person_with_role):
    person_with_role(area, "member")
    token = Token.objects.create(user=coordinator)
    response = client.get("/api/v1/areas/mesto/members/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert {row["role"] for row in data["results"]} == {"coordinator", "member"}


def test_staff_api_follows_the_web_rules(client, area, other_area, person_with_role, outsider):
    assert client.get("/api/v1/areas/mesto/members/").status_code == 401
    client.force_login(outsider)
    assert client.get("/api/v1/areas/mesto/members/").status_code == 404
    client.force_login(person_with_role(area, "member"))
    assert client.get("/api/v1/areas/mesto/members/").status_code == 403
    client.force_login(person_with_role(other_area, "coordinator"))
    assert client.get("/api/v1/areas/mesto/members/").status_code == 404


def test_wrong_token_is_401(client, area):
    response = client.get("/api/v1/areas/mesto/members/", HTTP_AUTHORIZATION="Token nesmysl")
    assert response.status_code == 401


def test_a_too_big_id_in_a_filter_is_a_400_with_a_message(client, area):
    response = client.get("/api/v1/services/?target_group=9223372036854775808")
    assert response.status_code == 400
    assert "celé číslo od 1 do 9223372036854775807" in response.json()["target_group"][0]


def test_a_page_that_does_not_exist_is_a_json_404_on_every_list(client, area):
    for url in ("/api/v1/services/", "/api/v1/areas/", f"/api/v1/plans/?area={area.slug}&"):
        joiner = "" if url.endswith("&") else "?"
        for page in ("0", "-5", "999", "x", "", "last"):
            response = client.get(f"{url}{joiner}page={page}")
            assert response.status_code == 404, (url, page)
            assert response.json()["detail"] == f"Stránka „{page}“ neexistuje; stránky se číslují od 1 do poslední."
        assert client.get(f"{url}{joiner}page=1").status_code == 200


def test_an_area_that_is_no_slug_is_a_404_also_with_a_nul_character(client, area):
    assert client.get("/api/v1/plans/", {"area": "mě\x00sto"}).status_code == 404


def test_unknown_api_addresses_are_json_404s(client, db):
    for url in ("/api/v1/services/abc/", "/api/v1/nic/", "/api/v2/areas/", "/api/"):
        response = client.get(url)
        assert response.status_code == 404 and response["Content-Type"] == "application/json", url
        assert response.json()["detail"] == f"Adresa {url} v API neexistuje."
    assert client.post("/api/v1/nic/", {}).status_code == 404  # not a CSRF failure page
    assert client.get("/api/v1/areas").headers["Location"] == "/api/v1/areas/"


def test_an_unexpected_error_under_api_is_json(client, area, monkeypatch):
    from openkp.core import api as core_api

    def broken(self):
        raise RuntimeError("broken")

    monkeypatch.setattr(core_api.AreaViewSet, "get_queryset", broken)
    client.raise_request_exception = False
    response = client.get("/api/v1/areas/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Chyba serveru. Zkuste to prosím později."}


def test_the_schema_says_what_may_be_null_and_which_errors_come(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    assert components["Area"]["properties"]["parent"]["nullable"] is True
    assert components["Service"]["properties"]["activity_category"]["nullable"] is True
    patch = schema["paths"]["/api/v1/services/{id}/"]["patch"]["responses"]
    assert set(patch) == {"200", "202", "400", "401", "403", "404", "415", "500"}
    assert patch["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert set(schema["paths"]["/api/v1/services/"]["get"]["responses"]) == {"200", "400", "401", "404", "500"}
    assert "tokenAuth" in schema["components"]["securitySchemes"]
