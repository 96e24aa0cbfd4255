from openkp.accounts.tests.factories import MembershipFactory
from openkp.core.models import Organisation


def test_area_history_shows_who_changed_what(client, area, coordinator):
    client.force_login(coordinator)
    area.name = "Město Testov nad Řekou"
    area._history_user = coordinator
    area.save()
    html = client.get(f"/mesto/sprava/historie/area/{area.pk}/").content.decode()
    assert "Historie změn" in html
    assert "Město Testov nad Řekou" in html and "<del>Město Testov</del>" in html
    assert str(coordinator) in html


def test_history_of_another_areas_object_is_404(client, area, other_area, coordinator):
    foreign = MembershipFactory(area=other_area)
    own = MembershipFactory(area=area)
    client.force_login(coordinator)
    assert client.get(f"/mesto/sprava/historie/membership/{foreign.pk}/").status_code == 404
    assert client.get(f"/mesto/sprava/historie/membership/{own.pk}/").status_code == 200
    assert client.get(f"/mesto/sprava/historie/area/{other_area.pk}/").status_code == 404
    assert client.get("/mesto/sprava/historie/neznamy/1/").status_code == 404


def test_changes_made_through_the_web_record_the_user(client, area, coordinator):
    organisation = Organisation.objects.create(name="Spolek", ico="25596641")
    client.force_login(coordinator)
    client.post("/mesto/sprava/lide/", {"email": "x@example.org", "role": "observer"})
    from openkp.accounts.models import Invitation

    record = Invitation.history.get()
    assert record.history_user == coordinator
    assert organisation.history.count() == 1
