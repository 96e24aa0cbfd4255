"""The plan API: public plans for anybody, the area's other plans for its people, the full plan as its snapshot."""

from ..models import Plan
from . import factories


def plans_of(client, slug, **headers):
    return client.get(f"/api/v1/plans/?area={slug}", **headers)


def test_anybody_reads_the_public_plans_and_a_plan_in_full(client, area):
    public = factories.small_plan(area)
    Plan.objects.filter(pk=public.pk).update(status=Plan.Status.IN_FORCE, resolution_number="12/ZM/25")
    factories.plan_factory(area, title="Rozpracovaný návrh", start_year=2028, end_year=2030)
    data = plans_of(client, area.slug).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert (row["title"], row["status"], row["status_label"], row["resolution_number"]) == (
        "Komunitní plán 2025–2027", "in_force", "platný", "12/ZM/25")

    detail = client.get(row["url"])
    assert detail.status_code == 200
    content = detail.json()["content"]
    assert content["years"] == [2025, 2026, 2027]
    measure = content["priorities"][0]["goals"][0]["measures"][0]
    assert (measure["number"], measure["title"]) == ("1.1.1", "Zachování pečovatelské služby")
    assert measure["indicators"][0]["name"] == "Počet klientů pečovatelské služby"
    assert [activity["title"] for activity in measure["activities"]] == ["Financování terénní péče", "Kampaň pro pečující"]


def test_a_draft_is_only_for_the_people_of_the_area(client, area, other_area, person_with_role, outsider):
    draft = factories.plan_factory(area, title="Rozpracovaný návrh")
    url = f"/api/v1/plans/{draft.pk}/"
    assert client.get(url).status_code == 404 and plans_of(client, area.slug).json()["count"] == 0
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(person_with_role(other_area, "coordinator"))
    assert client.get(url).status_code == 404
    client.force_login(person_with_role(area, "member"))
    assert client.get(url).status_code == 200 and plans_of(client, area.slug).json()["count"] == 1
    Plan.objects.filter(pk=draft.pk).update(is_public=True)
    client.logout()
    assert client.get(url).status_code == 200  # a draft made public


def test_an_unknown_or_missing_area_is_a_404_and_writes_are_refused(client, area):
    assert plans_of(client, "nikde").status_code == 404
    assert client.get("/api/v1/plans/").status_code == 404
    plan = factories.plan_factory(area, is_public=True)
    assert client.delete(f"/api/v1/plans/{plan.pk}/").status_code in (401, 403, 405)
    assert client.post("/api/v1/plans/?area=mesto", {"title": "x"}).status_code in (401, 403, 405)


def test_the_schema_describes_the_plan_endpoints(client):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/plans/" in schema and "/api/v1/plans/{id}/" in schema
