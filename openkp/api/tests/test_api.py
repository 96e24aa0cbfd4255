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
