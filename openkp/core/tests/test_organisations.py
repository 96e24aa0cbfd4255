from openkp.core.models import Organisation
from openkp.core.tests.factories import OrganisationFactory


def test_coordinator_adds_an_organisation_with_a_pasted_ico(client, area, coordinator):
    client.force_login(coordinator)
    response = client.post("/mesto/sprava/organizace/nova/", {"name": "Charita Testov", "ico": "255 96 641", "legal_form": "cirkev"})
    assert response.status_code == 302
    assert Organisation.objects.get().ico == "25596641"
    assert "Organizace „Charita Testov“ je uložena." in client.get(response["Location"]).content.decode()


def test_wrong_ico_is_explained_and_nothing_is_saved(client, area, coordinator):
    client.force_login(coordinator)
    response = client.post("/mesto/sprava/organizace/nova/", {"name": "Spolek", "ico": "25596642"})
    html = response.content.decode()
    assert "nemá správnou kontrolní číslici" in html
    assert 'value="Spolek"' in html  # what was typed is kept
    assert not Organisation.objects.exists()


def test_duplicate_ico_is_refused(client, area, coordinator):
    OrganisationFactory(ico="25596641")
    client.force_login(coordinator)
    response = client.post("/mesto/sprava/organizace/nova/", {"name": "Jiný název", "ico": "25596641"})
    assert "již existuje" in response.content.decode() or "already exists" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_members_see_the_list_but_cannot_edit(client, area, person_with_role):
    organisation = OrganisationFactory(name="Domov Pohoda")
    client.force_login(person_with_role(area, "member"))
    assert "Domov Pohoda" in client.get("/mesto/sprava/organizace/?q=pohoda").content.decode()
    assert client.get(f"/mesto/sprava/organizace/{organisation.pk}/").status_code == 403


def test_organisation_list_is_paginated_with_few_queries(client, area, coordinator, django_assert_max_num_queries):
    OrganisationFactory.create_batch(60)
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        html = client.get("/mesto/sprava/organizace/?strana=2").content.decode()
    assert html.count('<a href="/mesto/sprava/organizace/') == 10  # 60 organisations, 50 a page
    assert 'aria-current="page"' in html
