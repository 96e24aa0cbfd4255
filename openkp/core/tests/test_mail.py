from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from openkp.core import mail, periodic
from openkp.core.models import OutgoingEmail


def test_queued_email_is_sent_after_commit_with_its_attachment(area, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail.queue_email(area=area, to=["a@example.cz", "b@example.cz"], subject="Pozvánka", body="Dobrý den",
                         attachments=[{"name": "pozvanka.ics", "mimetype": "text/calendar", "content": "BEGIN:VCALENDAR"}])
    assert sorted(message.to[0] for message in django_mail.outbox) == ["a@example.cz", "b@example.cz"]
    assert django_mail.outbox[0].attachments[0][0] == "pozvanka.ics"
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_failed_delivery_is_kept_retried_later_and_finally_shown(client, area, coordinator, settings, django_capture_on_commit_callbacks):
    # A real SMTP connection to a port where no server listens.
    settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT = "django.core.mail.backends.smtp.EmailBackend", "127.0.0.1", 1
    with django_capture_on_commit_callbacks(execute=True):
        mail.queue_email(area=area, to="a@example.cz", subject="Připomínka", body="…")
    message = OutgoingEmail.objects.get()
    assert (message.status, message.attempts) == ("queued", 1)
    assert message.next_attempt_at > timezone.now() + timedelta(minutes=4)
    assert mail.flush_outbox() == (0, 0)  # not due yet
    for attempt in range(2, mail.MAX_ATTEMPTS + 1):
        mail.flush_outbox(now=timezone.now() + timedelta(days=attempt))
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", 5)
    assert "Connection refused" in message.last_error
    client.force_login(coordinator)
    dashboard = client.get("/mesto/sprava/").content.decode()
    assert 'href="/mesto/sprava/posta/?stav=failed">E-maily, které se nepodařilo odeslat</a>' in dashboard
    page = client.get("/mesto/sprava/posta/?stav=failed").content.decode()
    assert "Connection refused" in page and "a@example.cz" in page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/mesto/sprava/posta/", {"email": [message.pk]})
    message.refresh_from_db()
    assert message.status == "sent" and len(django_mail.outbox) == 1


def test_periodic_run_flushes_the_outbox(area):
    OutgoingEmail.objects.create(area=area, to="a@example.cz", subject="S", body="B")
    results = periodic.run_all()
    assert results["core.flush_outbox"] == (1, 0)


@pytest.mark.parametrize("role", ["member", "observer", "group_manager"])
def test_only_the_coordinator_sees_the_outbox(client, area, person_with_role, role, other_area, coordinator):
    client.force_login(person_with_role(area, role))
    assert client.get("/mesto/sprava/posta/").status_code == 403
    client.force_login(coordinator)
    assert client.get("/jinde/sprava/posta/").status_code == 404
