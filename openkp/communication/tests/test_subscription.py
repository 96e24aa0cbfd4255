"""Double opt-in subscription, news e-mails to confirmed subscribers only, one-click unsubscribe."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from openkp.communication.models import Subscriber
from openkp.communication.tests.factories import confirmed_subscriber

SUBSCRIBE = "/mesto/aktuality/odber/"


def _subscribe(client, email, **extra):
    return client.post(SUBSCRIBE, {"email": email, "consent": "on", **extra}, follow=True)


def _link(message, kind):
    return re.search(rf"http://testserver(/mesto/aktuality/odber/{kind}/[\w-]+/)", message.body)[1]


def _publish(client, title, **extra):
    return client.post("/mesto/sprava/aktuality/nova/", {
        "title": title, "slug": "", "perex": f"Shrnutí: {title}", "body": "Text aktuality.",
        "send_to_subscribers": "on", "action": "publish", **extra,
    })


def test_subscribe_confirm_receive_news_and_unsubscribe(client, area, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _subscribe(client, "  Jana.Nova@Example.cz ")
    assert "Na adresu jana.nova@example.cz jsme poslali e-mail" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "jana.nova@example.cz" and subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consented_at is not None
    assert [message.to for message in mail.outbox] == [["jana.nova@example.cz"]]
    assert "Potvrďte odběr aktualit" in mail.outbox[0].subject
    confirm_url = _link(mail.outbox[0], "potvrdit")
    # The token is not stored in the clear.
    assert confirm_url.split("/")[-2] not in (subscriber.confirmation_token_hash, subscriber.unsubscribe_token_hash)

    # A news item published before confirmation reaches nobody.
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _publish(client, "Před potvrzením")
    assert len(mail.outbox) == 1
    client.logout()

    page = client.get(confirm_url)
    assert "Potvrďte prosím, že chcete na adresu jana.nova@example.cz" in page.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # opening the link alone confirms nothing
    confirmed = client.post(confirm_url, follow=True).content.decode()
    assert "Odběr aktualit je potvrzený" in confirmed
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

    confirmed_subscriber(area, "druhy@example.cz")
    Subscriber.objects.create(area=area, email="nepotvrzeny@example.cz", consented_at=timezone.now(), key="k1",
                              unsubscribe_token_hash="h1")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _publish(client, "Konference 2026")
    news_mails = mail.outbox[1:]
    assert sorted(message.to[0] for message in news_mails) == ["druhy@example.cz", "jana.nova@example.cz"]
    to_jana = next(message for message in news_mails if message.to == ["jana.nova@example.cz"])
    assert to_jana.subject == "Konference 2026 – Město Testov"
    assert "http://testserver/mesto/aktuality/konference-2026/" in to_jana.body
    unsubscribe_url = _link(to_jana, "zrusit")
    client.logout()

    page = client.get(unsubscribe_url).content.decode()
    assert "Chcete přestat dostávat aktuality" in page and "Zrušit odběr" in page
    assert "Odběr na adresu jana.nova@example.cz je zrušen" in client.post(unsubscribe_url).content.decode()
    assert Subscriber.objects.get(email="jana.nova@example.cz").status == Subscriber.Status.UNSUBSCRIBED

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _publish(client, "Po odhlášení")
    assert [message.to for message in mail.outbox[3:]] == [["druhy@example.cz"]]


def test_rfc8058_one_click_post_unsubscribes_without_csrf_token(area):
    from django.test import Client

    subscriber = confirmed_subscriber(area, "klik@example.cz")
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/mesto/aktuality/odber/zrusit/{subscriber.unsubscribe_token()}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert response.content.decode().strip() == "Odběr aktualit je zrušen."
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_unsubscribe_link_is_area_bound_and_unknown_tokens_are_404(client, area, other_area):
    subscriber = confirmed_subscriber(area, "jen-mesto@example.cz")
    assert client.get(f"/jinde/aktuality/odber/zrusit/{subscriber.unsubscribe_token()}/").status_code == 404
    assert client.get("/mesto/aktuality/odber/zrusit/neexistuje/").status_code == 404
    assert client.get("/mesto/aktuality/odber/potvrdit/neexistuje/").status_code == 404
    assert client.post("/mesto/aktuality/odber/zrusit/neexistuje/").status_code == 404


def test_subscribing_twice_keeps_one_subscriber_and_resends_confirmation(client, area, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, "dvakrat@example.cz")
        second = _subscribe(client, "DVAKRAT@example.cz")
    assert Subscriber.objects.count() == 1
    assert "Na adresu dvakrat@example.cz jsme poslali e-mail" in second.content.decode()
    assert len(mail.outbox) == 2 and all("Potvrďte odběr" in message.subject for message in mail.outbox)
    first_link, second_link = _link(mail.outbox[0], "potvrdit"), _link(mail.outbox[1], "potvrdit")
    assert client.get(first_link).status_code == 404  # the newer link replaces the older one
    client.post(second_link)
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

    with django_capture_on_commit_callbacks(execute=True):
        third = _subscribe(client, "dvakrat@example.cz")
    assert Subscriber.objects.count() == 1 and Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    # The page says the same as for a new address (it does not reveal who subscribes); the e-mail tells the owner.
    assert "Pokud už odběr máte potvrzený" in third.content.decode()
    assert mail.outbox[2].subject == "Aktuality už odebíráte – Město Testov"
    assert "/mesto/aktuality/odber/zrusit/" in mail.outbox[2].body


def test_resubscribing_after_unsubscribe_needs_a_new_confirmation(client, area, django_capture_on_commit_callbacks):
    subscriber = confirmed_subscriber(area, "znovu@example.cz")
    client.post(f"/mesto/aktuality/odber/zrusit/{subscriber.unsubscribe_token()}/")
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, "znovu@example.cz")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert "Potvrďte odběr" in mail.outbox[0].subject


def test_invalid_email_and_missing_consent_are_field_errors(client, area):
    response = client.post(SUBSCRIBE, {"email": "tohle-neni-adresa", "consent": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="odber-email_error"' in html and "Zadejte e-mail ve tvaru jmeno@domena.cz." in html
    assert 'aria-invalid="true"' in html
    response = client.post(SUBSCRIBE, {"email": "ok@example.cz"})
    assert 'id="odber-consent_error"' in response.content.decode()
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_looks_successful_but_stores_and_sends_nothing(client, area, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _subscribe(client, "robot@example.cz", web="http://spam.example")
    assert response.status_code == 200 and "Děkujeme" in response.content.decode()
    assert Subscriber.objects.count() == 0 and mail.outbox == []


def test_subscriptions_are_rate_limited_per_ip_without_storing_it(client, area, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(5):
            assert _subscribe(client, f"adresa{number}@example.cz").status_code == 200
        blocked = client.post(SUBSCRIBE, {"email": "sesta@example.cz", "consent": "on"})
    assert blocked.status_code == 429
    assert "příliš mnoho přihlášek" in blocked.content.decode()
    assert Subscriber.objects.count() == 5 and len(mail.outbox) == 5
    assert not any("127.0.0.1" in str(value) for value in Subscriber.objects.values_list())
    other_ip = client.post(SUBSCRIBE, {"email": "jinde@example.cz", "consent": "on"}, REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 302


def test_confirmation_link_expires_and_unconfirmed_addresses_are_purged(client, area, django_capture_on_commit_callbacks):
    from openkp.communication.tasks import purge_unconfirmed

    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, "pozde@example.cz")
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(days=8))
    assert client.get(_link(mail.outbox[0], "potvrdit")).status_code == 404
    assert purge_unconfirmed(now=timezone.now() + timedelta(days=30)) == 1
    assert Subscriber.objects.count() == 0


def test_confirmation_link_of_another_area_does_not_work(client, area, other_area, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, "mesto@example.cz")
    path = _link(mail.outbox[0], "potvrdit").replace("/mesto/", "/jinde/")
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404


def test_the_form_on_the_news_page_carries_a_csrf_token(area):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    html = client.get("/mesto/aktuality/").content.decode()
    token = re.search(r'<form method="post" action="/mesto/aktuality/odber/#odber".*?name="csrfmiddlewaretoken" value="([^"]+)"', html, re.S)[1]
    response = client.post(SUBSCRIBE, {"email": "csrf@example.cz", "consent": "on", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="csrf@example.cz").exists()
