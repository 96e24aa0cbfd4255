"""Who sees and who changes what: visibility of downloads, staff actions by role, other areas."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openkp.accounts.tests.factories import UserFactory
from openkp.library.models import Document

from .conftest import PDF_BYTES, make_document, pdf_file

ROLES = ["anonymous", "outsider", "member", "provider", "observer", "group_manager", "coordinator"]


def _login(client, area, person_with_role, role):
    if role == "anonymous":
        return None
    user = UserFactory(username="cizinec") if role == "outsider" else person_with_role(area, role)
    client.force_login(user)
    return user


VISIBILITY = {
    #                 public doc (detail, download, old version)   members-only doc (same)
    "anonymous":     ((200, 200, 200), (404, 404, 404)),
    "outsider":      ((200, 200, 200), (404, 404, 404)),
    "member":        ((200, 200, 200), (200, 200, 200)),
    "provider":      ((200, 200, 200), (200, 200, 200)),
    "observer":      ((200, 200, 200), (200, 200, 200)),
    "group_manager": ((200, 200, 200), (200, 200, 200)),
    "coordinator":   ((200, 200, 200), (200, 200, 200)),
}


@pytest.mark.parametrize("role", ROLES)
def test_visibility_matrix(client, area, person_with_role, role):
    public = make_document(area, title="Schválený plán", visibility="public")
    internal = make_document(area, title="Pracovní podklad", visibility="members")
    _login(client, area, person_with_role, role)
    for document, expected in zip((public, internal), VISIBILITY[role]):
        urls = [f"/mesto/dokumenty/{document.pk}/", f"/mesto/dokumenty/{document.pk}/stahnout/", f"/mesto/dokumenty/{document.pk}/verze/1/"]
        assert [client.get(url).status_code for url in urls] == list(expected), document.title
    listing = client.get("/mesto/dokumenty/").content.decode()
    assert ("Pracovní podklad" in listing) == (VISIBILITY[role][1][0] == 200)


# Status of each staff action on a public document uploaded by the coordinator. Outsiders get 404,
# insiders without the permission 403, anonymous visitors are sent to log in (302).
STAFF = {
    #                upload  edit  new version  delete (GET)  delete (POST)
    "anonymous":     (302, 302, 302, 302, 302),
    "outsider":      (404, 404, 404, 404, 404),
    "provider":      (403, 403, 403, 403, 403),
    "observer":      (403, 403, 403, 403, 403),
    "member":        (200, 403, 403, 403, 403),
    "group_manager": (200, 200, 200, 403, 403),
    "coordinator":   (200, 200, 200, 200, 302),
}


@pytest.mark.parametrize("role", ROLES)
def test_staff_permission_matrix(client, area, person_with_role, coordinator, role):
    document = make_document(area, coordinator, title="Plán na rok 2026")
    _login(client, area, person_with_role, role)
    base = f"/mesto/dokumenty/{document.pk}"
    statuses = (
        client.get("/mesto/dokumenty/novy/").status_code,
        client.get(f"{base}/upravit/").status_code,
        client.get(f"{base}/nova-verze/").status_code,
        client.get(f"{base}/smazat/").status_code,
        client.post(f"{base}/smazat/", {"confirm": "on"}).status_code,
    )
    assert statuses == STAFF[role]
    assert Document.objects.filter(pk=document.pk).exists() == (role != "coordinator")


def test_member_uploads_stay_members_only_and_only_their_own_can_be_changed(client, area, person_with_role):
    member = _login(client, area, person_with_role, "member")
    page = client.get("/mesto/dokumenty/novy/").content.decode()
    assert 'name="visibility"' not in page and "jen lidé zapojení do plánování" in page
    response = client.post("/mesto/dokumenty/novy/", {
        "title": "Podklady ke SWOT analýze", "category": "analysis", "visibility": "public", "file": pdf_file("swot.pdf"),
    })
    assert response.status_code == 302
    own = Document.objects.get(title="Podklady ke SWOT analýze")
    assert own.visibility == "members" and own.created_by == member
    assert client.get(f"/mesto/dokumenty/{own.pk}/upravit/").status_code == 200
    assert client.post(f"/mesto/dokumenty/{own.pk}/nova-verze/", {"file": pdf_file("swot-2.pdf")}).status_code == 302
    assert own.versions.count() == 2
    someone_elses = make_document(area, person_with_role(area, "member"), title="Cizí podklad", visibility="members")
    assert client.get(f"/mesto/dokumenty/{someone_elses.pk}/upravit/").status_code == 403
    assert client.get(f"/mesto/dokumenty/{someone_elses.pk}/smazat/").status_code == 403


def test_group_manager_publishes_and_coordinator_deletes_with_confirmation(client, area, person_with_role, coordinator, media,
                                                                          django_capture_on_commit_callbacks):
    document = make_document(area, coordinator, title="Interní verze plánu", visibility="members")
    client.force_login(person_with_role(area, "group_manager"))
    response = client.post(f"/mesto/dokumenty/{document.pk}/upravit/", {
        "title": "Schválený plán", "category": "plan", "description": "", "group": "", "period": "", "visibility": "public",
    })
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.visibility == "public" and document.title == "Schválený plán"
    assert document.history.count() == 2

    client.force_login(coordinator)
    history = client.get(f"/mesto/sprava/historie/document/{document.pk}/")
    assert history.status_code == 200 and "Schválený plán" in history.content.decode()
    unconfirmed = client.post(f"/mesto/dokumenty/{document.pk}/smazat/", {})
    assert unconfirmed.status_code == 200 and "Smazání potvrďte zaškrtnutím." in unconfirmed.content.decode()
    stored = list((media / "library" / "mesto").iterdir())
    assert len(stored) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/mesto/dokumenty/{document.pk}/smazat/", {"confirm": "on"})
    assert response.status_code == 302 and not Document.objects.filter(pk=document.pk).exists()
    assert not stored[0].exists()  # the file went with the document


def test_another_areas_documents_are_404_everywhere(client, area, other_area, person_with_role):
    foreign = make_document(other_area, title="Dokument jiného území", visibility="public")
    client.force_login(person_with_role(area, "coordinator"))
    base = f"/mesto/dokumenty/{foreign.pk}"
    for url in (f"{base}/", f"{base}/stahnout/", f"{base}/verze/1/", f"{base}/upravit/", f"{base}/nova-verze/", f"{base}/smazat/"):
        assert client.get(url).status_code == 404, url
    assert "Dokument jiného území" not in client.get("/mesto/dokumenty/").content.decode()
    assert client.get(f"/jinde/dokumenty/{foreign.pk}/stahnout/").status_code == 200


def test_form_refuses_a_group_of_another_area(client, area, other_area, coordinator):
    from openkp.structures.models import Group, PlanningPeriod

    period = PlanningPeriod.objects.create(area=other_area, name="Cizí období", start_year=2025, end_year=2028)
    foreign_group = Group.objects.create(area=other_area, period=period, name="Cizí skupina", slug="cizi")
    client.force_login(coordinator)
    html = client.post("/mesto/dokumenty/novy/", {
        "title": "Zápis", "category": "minutes", "visibility": "public", "group": foreign_group.pk,
        "file": SimpleUploadedFile("zápis.pdf", PDF_BYTES),
    }).content.decode()
    assert "Vyberte platnou možnost" in html and not Document.objects.exists()
