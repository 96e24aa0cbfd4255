"""Role × catalogue staff URL → status. Outsiders get 404, insiders without permission 403."""

import pytest

from openkp.accounts.tests.factories import UserFactory
from openkp.catalog.models import LifeSituation, TargetGroup
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.models import Job
from openkp.core.tests.factories import OrganisationFactory

URLS = ["/mesto/sprava/sluzby/", "/mesto/sprava/sluzby/{service}/", "/mesto/sprava/zmeny/", "/mesto/sprava/registr/",
        "/mesto/sprava/situace/", "/mesto/sprava/situace/{situation}/", "/mesto/sprava/pruvodci/{group}/",
        "/mesto/sprava/registr/potvrzeni/{job}/"]

EXPECTED = {
    #                services edit  drafts registry situations situation guide registry-confirmation
    "coordinator":   (200, 200, 200, 200, 200, 200, 200, 200),
    "provider":      (200, 200, 403, 403, 403, 403, 403, 403),
    "other_provider": (200, 404, 403, 403, 403, 403, 403, 403),
    "member":        (403, 403, 403, 403, 403, 403, 403, 403),
    "observer":      (403, 403, 403, 403, 403, 403, 403, 403),
    "outsider":      (404, 404, 404, 404, 404, 404, 404, 404),
    "superuser":     (200, 200, 200, 200, 200, 200, 200, 200),
}


@pytest.mark.parametrize("kind", EXPECTED)
def test_catalogue_permission_matrix(client, area, person_with_role, kind):
    organisation = OrganisationFactory()
    service = ServiceFactory(area=area, provider=organisation)
    situation = LifeSituation.objects.create(area=area, title="Mám dluhy", slug="mam-dluhy")
    group = TargetGroup.objects.get(name="senioři")
    job = Job.objects.create(area=area, name="catalog.import_registry", status=Job.Status.FAILED, params={"path": "rpss.json"},
                             result={"next_url": "/", "needs_confirmation": True, "ending": [service.registry_id]})
    if kind == "outsider":
        user = UserFactory(username="cizinec")
    elif kind == "superuser":
        user = UserFactory(username="spravce", is_superuser=True, is_staff=True)
    elif kind == "provider":
        user = person_with_role(area, "provider", organisation=organisation)
    elif kind == "other_provider":
        user = person_with_role(area, "provider", organisation=OrganisationFactory())
    else:
        user = person_with_role(area, kind)
    client.force_login(user)
    statuses = tuple(
        client.get(url.format(service=service.pk, situation=situation.pk, group=group.pk, job=job.pk)).status_code for url in URLS
    )
    assert statuses == EXPECTED[kind]


def test_situation_of_another_area_is_404(client, area, other_area, coordinator):
    foreign = LifeSituation.objects.create(area=other_area, title="Jinde", slug="jinde")
    client.force_login(coordinator)
    assert client.get(f"/mesto/sprava/situace/{foreign.pk}/").status_code == 404


def test_coordinator_creates_a_life_situation_used_by_the_search(client, area, coordinator):
    from openkp.catalog.models import ServiceType

    ServiceFactory(area=area, name="Dluhová poradna", service_type=ServiceType.objects.get(section="37"))
    client.force_login(coordinator)
    response = client.post("/mesto/sprava/situace/nova/", {
        "title": "Mám dluhy", "slug": "mam-dluhy", "order": 1, "service_types": [ServiceType.objects.get(section="37").pk],
    })
    assert response.status_code == 302
    assert "Dluhová poradna" in client.get("/mesto/sluzby/?situace=mam-dluhy").content.decode()
    duplicate = client.post("/mesto/sprava/situace/nova/", {"title": "Jiné", "slug": "mam-dluhy", "order": 2})
    assert "už v území je" in duplicate.content.decode()
