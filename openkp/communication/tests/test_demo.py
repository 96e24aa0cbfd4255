"""The demo content of the module loads (twice, idempotently) into the demo areas."""

from openkp.communication.models import CommunicationChannel, NewsItem, Subscriber


def test_demo_data_loads_and_reloads(db, client):
    from openkp.demo import communication
    from openkp.demo.data import load_demo_data

    load_demo_data()
    communication.load()
    ostrava = NewsItem.objects.filter(area__slug="ostrava")
    assert ostrava.count() == 13 and ostrava.filter(is_published=False).count() == 1
    assert NewsItem.objects.filter(area__slug="hlucinsko").count() == 3
    assert CommunicationChannel.objects.filter(area__slug="ostrava").count() >= 8
    assert Subscriber.objects.filter(area__slug="ostrava", status=Subscriber.Status.CONFIRMED).count() >= 3
    assert all(email.endswith("example.cz") for email in Subscriber.objects.values_list("email", flat=True))
    html = client.get("/ostrava/aktuality/").content.decode()
    assert "Návrh 7. komunitního plánu je k\u00a0připomínkám" in html
    assert "Vypořádání připomínek" not in html  # the draft
