"""A published news item is e-mailed to confirmed subscribers once, by a background job, never twice."""

from django.core import mail

from openkp.communication import services
from openkp.communication.models import NewsDelivery, NewsItem
from openkp.communication.tests.factories import NewsItemFactory, confirmed_subscriber
from openkp.core.models import Job


def _form(title, action, send=True, **extra):
    data = {"title": title, "slug": "", "perex": "Shrnutí.", "body": "Text.", "action": action, **extra}
    if send:
        data["send_to_subscribers"] = "on"
    return data


def test_sending_happens_once_even_when_saved_and_republished(client, area, coordinator, django_capture_on_commit_callbacks):
    confirmed_subscriber(area, "a@example.cz")
    confirmed_subscriber(area, "b@example.cz")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mesto/sprava/aktuality/nova/", _form("Nové služby", "save"))
    assert response.status_code == 302
    news = NewsItem.objects.get()
    assert not news.is_published and mail.outbox == []  # a draft is never sent

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/mesto/sprava/aktuality/{news.pk}/", _form("Nové služby", "publish", slug="nove-sluzby"), follow=True)
    assert "se rozesílá 2 odběratelům" in response.content.decode()
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.cz", "b@example.cz"]
    job = Job.objects.get(name="communication.send_news")
    assert job.status == Job.Status.SUCCESS and job.area == area

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/mesto/sprava/aktuality/{news.pk}/", _form("Nové služby – opraveno", "save", slug="nove-sluzby"))
        client.post(f"/mesto/sprava/aktuality/{news.pk}/", _form("Nové služby", "unpublish", slug="nove-sluzby"))
        client.post(f"/mesto/sprava/aktuality/{news.pk}/", _form("Nové služby", "publish", slug="nove-sluzby"))
        services.news_send(news=NewsItem.objects.get(), base_url="http://testserver/")
    assert len(mail.outbox) == 2
    news.refresh_from_db()
    assert news.sent_at is not None and news.recipients_count == 2 and news.title == "Nové služby"
    assert Job.objects.filter(name="communication.send_news").count() == 1
    page = client.get(f"/mesto/sprava/aktuality/{news.pk}/").content.decode()
    assert "už byla odběratelům rozeslána" in page


def test_publishing_without_the_checkbox_sends_nothing(client, area, coordinator, django_capture_on_commit_callbacks):
    confirmed_subscriber(area, "a@example.cz")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/mesto/sprava/aktuality/nova/", _form("Jen na web", "publish", send=False))
    assert NewsItem.objects.get().is_published
    assert mail.outbox == []


def test_only_confirmed_subscribers_of_the_same_area_get_the_news(client, area, other_area, coordinator,
                                                                   django_capture_on_commit_callbacks):
    confirmed_subscriber(area, "tady@example.cz")
    confirmed_subscriber(other_area, "jinde@example.cz")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/mesto/sprava/aktuality/nova/", _form("Jen pro město", "publish"))
    assert [message.to for message in mail.outbox] == [["tady@example.cz"]]


def test_failed_sending_can_be_finished_without_duplicates(client, area, coordinator, django_capture_on_commit_callbacks):
    first = confirmed_subscriber(area, "prvni@example.cz")
    confirmed_subscriber(area, "druhy@example.cz")
    news = NewsItemFactory(area=area, slug="preruseno", send_to_subscribers=True)
    # A sending that stopped half-way: started, one delivery recorded, not finished.
    NewsItem.objects.filter(pk=news.pk).update(sending_started_at=news.published_at)
    NewsDelivery.objects.create(news=news, subscriber=first)
    client.force_login(coordinator)
    assert "Dokončit rozeslání" in client.get("/mesto/sprava/aktuality/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/mesto/sprava/aktuality/{news.pk}/rozeslat/")
        client.post(f"/mesto/sprava/aktuality/{news.pk}/rozeslat/")
    assert [message.to for message in mail.outbox] == [["druhy@example.cz"]]
    news.refresh_from_db()
    assert news.sent_at is not None and news.recipients_count == 2


def test_edit_form_rejects_duplicate_and_reserved_slugs(client, area, coordinator):
    NewsItemFactory(area=area, slug="obsazeno")
    client.force_login(coordinator)
    html = client.post("/mesto/sprava/aktuality/nova/", _form("X", "save", send=False, slug="obsazeno")).content.decode()
    assert "Aktualita s adresou „obsazeno“ už v území je" in html
    html = client.post("/mesto/sprava/aktuality/nova/", _form("X", "save", send=False, slug="odber")).content.decode()
    assert "je vyhrazena pro odběr aktualit" in html
    client.post("/mesto/sprava/aktuality/nova/", _form("Obsazeno", "save", send=False))
    assert NewsItem.objects.filter(slug="obsazeno-2").exists()


def test_news_history_page(client, area, coordinator):
    client.force_login(coordinator)
    client.post("/mesto/sprava/aktuality/nova/", _form("Historie", "save", send=False))
    news = NewsItem.objects.get()
    client.post(f"/mesto/sprava/aktuality/{news.pk}/", _form("Historie", "publish", send=False, slug=news.slug))
    html = client.get(f"/mesto/sprava/historie/news/{news.pk}/").content.decode()
    assert "Zveřejněno" in html and "Změněno" in html


def test_news_email_carries_one_click_unsubscribe_headers_when_the_outbox_supports_them(
        client, area, coordinator, django_capture_on_commit_callbacks):
    import pytest

    if not services.QUEUE_EMAIL_TAKES_HEADERS:
        pytest.skip("openkp.core.mail.queue_email has no headers parameter yet; the link is in the body only")
    subscriber = confirmed_subscriber(area, "hlavicky@example.cz")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/mesto/sprava/aktuality/nova/", _form("Hlavičky", "publish"))
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<http://testserver/mesto/aktuality/odber/zrusit/{subscriber.unsubscribe_token()}/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
