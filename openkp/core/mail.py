"""Outgoing e-mail through an outbox: nothing is lost when the mail server is down.

``queue_email`` stores the message; once the caller's transaction commits the outbox is flushed
(inline, or on a Celery worker when Redis is configured). A message that fails is retried with a
growing pause (5 min, 20 min, 1 h 20 min, …) by ``manage.py run_periodic`` and after
``MAX_ATTEMPTS`` stays failed, listed for the coordinator, who can send it again.
"""

import logging
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from .models import OutgoingEmail
from .periodic import periodic

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
FIRST_PAUSE = timedelta(minutes=5)


def clean_subject(subject):
    """A subject on one line: line breaks and other control characters would make every attempt fail
    (an e-mail header cannot hold them), so they become spaces."""
    subject = "".join(" " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char for char in str(subject))
    return " ".join(subject.split())


def queue_email(*, to, subject, body, area=None, kind="", attachments=(), headers=None, reference=""):
    """Store one e-mail per recipient (a string or a list) and send them after the current transaction commits.
    ``reference`` names what it is sent for (e.g. "communication.news:42"), for ``delivery_counts``."""
    recipients = [to] if isinstance(to, str) else list(to)
    subject = clean_subject(subject)
    created = OutgoingEmail.objects.bulk_create([
        OutgoingEmail(area=area, to=address, subject=subject[:300], body=body, kind=kind, attachments=list(attachments),
                      headers=dict(headers or {}), reference=reference)
        for address in recipients if address
    ])
    if created:
        transaction.on_commit(_schedule_flush)
    return created


def failing_filter():
    """E-mails that did not go out: given up, or waiting for another attempt after an error."""
    return Q(status=OutgoingEmail.Status.FAILED) | Q(status=OutgoingEmail.Status.QUEUED, attempts__gt=0)


def delivery_counts(*, area, references):
    """{reference: {"sent": n, "failing": n, "waiting": n}} for e-mails queued with these references, in one query."""
    rows = (
        OutgoingEmail.objects.for_area(area).filter(reference__in=list(references)).order_by().values("reference")
        .annotate(
            sent=Count("pk", filter=Q(status=OutgoingEmail.Status.SENT)),
            failing=Count("pk", filter=failing_filter()),
            waiting=Count("pk", filter=Q(status=OutgoingEmail.Status.QUEUED, attempts=0)),
        )
    )
    return {row.pop("reference"): row for row in rows}


def _schedule_flush():
    if settings.REDIS_URL:
        from .tasks import flush_outbox_task

        flush_outbox_task.delay()
    else:
        flush_outbox()


@periodic("core.flush_outbox")
def flush_outbox(*, now=None):
    """Send every queued message that is due; returns (sent, failed) counts."""
    now = now or timezone.now()
    due = list(OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED, next_attempt_at__lte=now).order_by("pk")[:500])
    sent = failed = 0
    if not due:
        return sent, failed
    connection = get_connection(fail_silently=False)
    for message in due:
        try:
            _send(message, connection)
        except Exception as error:  # any transport error: keep the message and try again later
            logger.warning("E-mail %s to %s failed: %s", message.pk, message.to, error)
            message.attempts += 1
            message.last_error = str(error)[:500] or error.__class__.__name__
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutgoingEmail.Status.FAILED
            message.next_attempt_at = now + FIRST_PAUSE * (4 ** (message.attempts - 1))
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            failed += 1
        else:
            message.attempts += 1
            message.status = OutgoingEmail.Status.SENT
            message.sent_at = now
            message.last_error = ""
            message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
            sent += 1
    return sent, failed


def _send(message, connection):
    email = EmailMessage(subject=message.subject, body=message.body, to=[message.to], connection=connection,
                         headers=message.headers or None)
    for attachment in message.attachments:
        email.attach(attachment["name"], attachment["content"], attachment.get("mimetype", "text/plain"))
    email.send()


def retry(messages):
    """Queue failed messages again (the coordinator's "send again")."""
    count = messages.exclude(status=OutgoingEmail.Status.SENT).update(
        status=OutgoingEmail.Status.QUEUED, attempts=0, next_attempt_at=timezone.now())
    if count:
        transaction.on_commit(_schedule_flush)
    return count
