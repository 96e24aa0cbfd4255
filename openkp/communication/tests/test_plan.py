"""The public communication plan and its staff editing."""

from openkp.communication.models import CommunicationChannel
from openkp.communication.tests.factories import CommunicationChannelFactory, NewsItemFactory


def test_public_plan_groups_rows_by_audience_in_a_captioned_table(client, area, other_area, django_assert_max_num_queries):
    CommunicationChannelFactory(area=area, channel="press", audience="media", content="Tiskové zprávy o konferenci",
                                frequency="2× ročně", responsible="tiskový mluvčí")
    CommunicationChannelFactory(area=area, channel="newsletter", name="Zpravodaj obce", audience="public",
                                content="Články o plánování", frequency="každý měsíc", responsible="koordinátor/ka KP")
    CommunicationChannelFactory(area=area, channel="email", audience="providers", content="Pozvánky a výzvy",
                                frequency="průběžně", responsible="koordinátor/ka KP")
    CommunicationChannelFactory(area=other_area, channel="web", content="Cizí řádek")
    NewsItemFactory(area=area, title="Poslední zpráva")
    with django_assert_max_num_queries(4):
        response = client.get("/mesto/komunikace/")
    html = response.content.decode()
    assert "<caption" in html and "Komunikační plán – Město Testov" in html
    assert '<th scope="rowgroup" colspan="4">Pro: veřejnost</th>' in html
    assert html.index("Pro: veřejnost") < html.index("Pro: poskytovatelé") < html.index("Pro: média")
    assert "Zpravodaj obce" in html and "2×\u00a0ročně" in html or "2× ročně" in html
    assert "Cizí řádek" not in html
    assert 'href="/mesto/aktuality/feed.atom"' in html
    assert 'href="/mesto/kalendar.ics"' in html
    assert "Poslední zpráva" in html


def test_coordinator_adds_edits_and_deletes_a_row(client, area, coordinator):
    client.force_login(coordinator)
    response = client.post("/mesto/sprava/komunikace/novy/", {
        "channel": "noticeboard", "name": "", "audience": "public", "content": "Návrh plánu k připomínkám",
        "frequency": "při připomínkování", "responsible": "odbor sociálních věcí", "url": "", "order": 1,
    })
    assert response.status_code == 302
    row = CommunicationChannel.objects.get()
    assert "Návrh plánu k\u00a0připomínkám" in client.get("/mesto/komunikace/").content.decode()
    client.post(f"/mesto/sprava/komunikace/{row.pk}/", {
        "channel": "noticeboard", "audience": "public", "content": "Návrh plánu", "frequency": "červen",
        "responsible": "koordinátor", "order": 2,
    })
    row.refresh_from_db()
    assert row.frequency == "červen"
    assert "červen" in client.get(f"/mesto/sprava/historie/communication-channel/{row.pk}/").content.decode()
    client.post(f"/mesto/sprava/komunikace/{row.pk}/", {"action": "delete"})
    assert not CommunicationChannel.objects.exists()


def test_missing_fields_are_reported_on_the_field(client, area, coordinator):
    client.force_login(coordinator)
    html = client.post("/mesto/sprava/komunikace/novy/", {"channel": "web", "audience": "public", "order": 0}).content.decode()
    assert 'id="id_content_error"' in html and 'id="id_responsible_error"' in html
