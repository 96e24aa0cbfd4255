import pytest

from openkp.catalog.models import ActivityCategory, Service, ServiceDraft
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.tests.factories import OrganisationFactory


@pytest.fixture
def provider_setup(area, person_with_role):
    organisation = OrganisationFactory(name="Podané ruce, z. s.")
    user = person_with_role(area, "provider", organisation=organisation)
    own = ServiceFactory(area=area, name="Poradna Podané ruce", provider=organisation, description="Starý popis.")
    foreign = ServiceFactory(area=area, name="Cizí služba", description="Cizí popis.")
    return user, own, foreign


FORM = {"name": "Poradna Podané ruce", "description": "Nový popis poradny.", "conditions": "", "fees": "Zdarma.",
        "opening_hours": "Po–Pá 8–16", "email": "poradna@example.org", "phone": "596 000 000", "web": "https://example.org"}


def test_provider_change_waits_for_approval(client, area, provider_setup, coordinator):
    user, own, _foreign = provider_setup
    client.force_login(user)
    response = client.post(f"/mesto/sprava/sluzby/{own.pk}/", FORM)
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.description == "Starý popis."  # the public still sees the approved text
    assert "Starý popis." in client.get(f"/mesto/sluzby/{own.pk}/").content.decode()

    draft = ServiceDraft.objects.get()
    client.force_login(coordinator)
    review = client.get(f"/mesto/sprava/zmeny/{draft.pk}/").content.decode()
    assert "<del>Starý popis.</del>" in review and "<ins>Nový popis poradny.</ins>" in review
    client.post(f"/mesto/sprava/zmeny/{draft.pk}/", {"action": "approve"})
    own.refresh_from_db()
    assert own.description == "Nový popis poradny." and own.fees == "Zdarma."
    assert own.history.first().history_change_reason == "Schválená změna od poskytovatele"
    assert "Nový popis poradny." in client.get(f"/mesto/sluzby/{own.pk}/").content.decode()


def test_second_edit_replaces_the_pending_draft(client, area, provider_setup):
    user, own, _foreign = provider_setup
    client.force_login(user)
    client.post(f"/mesto/sprava/sluzby/{own.pk}/", FORM)
    client.post(f"/mesto/sprava/sluzby/{own.pk}/", {**FORM, "description": "Ještě lepší popis."})
    assert ServiceDraft.objects.count() == 1
    assert ServiceDraft.objects.get().data["description"] == "Ještě lepší popis."


def test_provider_cannot_touch_another_providers_service(client, area, provider_setup):
    user, _own, foreign = provider_setup
    client.force_login(user)
    assert client.get(f"/mesto/sprava/sluzby/{foreign.pk}/").status_code == 404
    assert client.post(f"/mesto/sprava/sluzby/{foreign.pk}/", FORM).status_code == 404
    assert not ServiceDraft.objects.exists()
    assert "Cizí služba" not in client.get("/mesto/sprava/sluzby/").content.decode()


def test_returned_draft_shows_the_coordinators_comment(client, area, provider_setup, coordinator):
    user, own, _foreign = provider_setup
    client.force_login(user)
    client.post(f"/mesto/sprava/sluzby/{own.pk}/", FORM)
    draft = ServiceDraft.objects.get()
    client.force_login(coordinator)
    empty = client.post(f"/mesto/sprava/zmeny/{draft.pk}/", {"action": "return", "comment": ""})
    assert "Toto pole je vyžadováno." in empty.content.decode()
    client.post(f"/mesto/sprava/zmeny/{draft.pk}/", {"action": "return", "comment": "Doplňte prosím úhrady."})
    client.force_login(user)
    assert "Doplňte prosím úhrady." in client.get("/mesto/sprava/sluzby/").content.decode()
    own.refresh_from_db()
    assert own.description == "Starý popis."


def test_provider_proposes_a_new_related_activity(client, area, provider_setup, coordinator):
    user, _own, _foreign = provider_setup
    category = ActivityCategory.objects.create(name="Dluhové poradenství")
    client.force_login(user)
    response = client.post("/mesto/sprava/sluzby/nova-aktivita/", {
        **FORM, "name": "Dluhová poradna", "activity_category": category.pk,
    })
    assert response.status_code == 302
    assert not Service.objects.filter(name="Dluhová poradna").exists()
    client.force_login(coordinator)
    client.post(f"/mesto/sprava/zmeny/{ServiceDraft.objects.get().pk}/", {"action": "approve"})
    activity = Service.objects.get(name="Dluhová poradna")
    assert activity.kind == Service.Kind.RELATED_ACTIVITY and activity.provider.name == "Podané ruce, z. s."
    assert "Dluhová poradna" in client.get("/mesto/sluzby/?q=dluhy").content.decode()


def test_registry_fields_are_not_editable_by_the_provider(client, area, provider_setup):
    user, own, _foreign = provider_setup
    client.force_login(user)
    html = client.get(f"/mesto/sprava/sluzby/{own.pk}/").content.decode()
    assert "Údaje z registru poskytovatelů (jen ke čtení)" in html
    assert 'name="target_groups"' not in html and 'name="service_type"' not in html


def test_coordinator_edits_are_published_at_once(client, area, provider_setup, coordinator):
    _user, own, _foreign = provider_setup
    client.force_login(coordinator)
    client.post(f"/mesto/sprava/sluzby/{own.pk}/", {**FORM, "description": "Opraveno koordinátorem."})
    own.refresh_from_db()
    assert own.description == "Opraveno koordinátorem."
    assert not ServiceDraft.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("observer", 403), ("group_manager", 403)])
def test_other_roles_cannot_edit_services(client, area, provider_setup, person_with_role, role, status):
    _user, own, _foreign = provider_setup
    client.force_login(person_with_role(area, role))
    assert client.get(f"/mesto/sprava/sluzby/{own.pk}/").status_code == status
    assert client.get("/mesto/sprava/zmeny/").status_code == 403


def test_registry_upload_runs_the_import_job(client, area, coordinator, settings, tmp_path):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from openkp.core.models import Job

    settings.MEDIA_ROOT = tmp_path
    fixture = Path(__file__).parent / "fixtures" / "registry.json"
    client.force_login(coordinator)
    response = client.post("/mesto/sprava/registr/", {"file": SimpleUploadedFile("rpss.json", fixture.read_bytes()), "include_all": "on"})
    job = Job.objects.get()
    assert response["Location"] == f"/mesto/sprava/ulohy/{job.pk}/"
    assert job.status == Job.Status.SUCCESS, job.message
    assert Service.objects.for_area(area).exists()
    assert '<a href="/mesto/sprava/sluzby/">Zpět na sociální služby</a>' in client.get(response["Location"]).content.decode()
    wrong = client.post("/mesto/sprava/registr/", {"file": SimpleUploadedFile("rpss.xlsx", b"PK")})
    assert "Nahrajte soubor JSON" in wrong.content.decode()


def test_api_patch_by_provider_makes_a_draft_and_by_coordinator_publishes(client, area, provider_setup, coordinator, person_with_role):
    from rest_framework.authtoken.models import Token

    user, own, foreign = provider_setup
    token = Token.objects.create(user=user)
    headers = {"HTTP_AUTHORIZATION": f"Token {token.key}", "content_type": "application/json"}
    response = client.patch(f"/api/v1/services/{own.pk}/", {"description": "Popis přes API."}, **headers)
    assert response.status_code == 202
    own.refresh_from_db()
    assert own.description == "Starý popis."
    assert ServiceDraft.objects.get().data["description"] == "Popis přes API."
    assert client.patch(f"/api/v1/services/{foreign.pk}/", {"description": "x"}, **headers).status_code == 404

    client.force_login(coordinator)
    response = client.patch(f"/api/v1/services/{own.pk}/", {"phone": "599 111 222"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["phone"] == "599 111 222"

    client.force_login(person_with_role(area, "member"))
    assert client.patch(f"/api/v1/services/{own.pk}/", {"phone": "1"}, content_type="application/json").status_code == 403
    client.logout()
    assert client.patch(f"/api/v1/services/{own.pk}/", {"phone": "1"}, content_type="application/json").status_code == 401
