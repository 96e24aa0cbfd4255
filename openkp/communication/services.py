"""Writes of the communication module: publishing and sending news, subscribing and unsubscribing."""

import inspect
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openkp.core import jobs
from openkp.core.mail import queue_email

from .models import NewsDelivery, NewsItem, Subscriber

# RFC 2369/8058 headers need ``queue_email(headers=…)``; until core has it, the link is only in the body.
QUEUE_EMAIL_TAKES_HEADERS = "headers" in inspect.signature(queue_email).parameters
CONFIRMATION_VALID_DAYS = 7
PURGE_PENDING_AFTER_DAYS = 30


def _link(base_url, name, **kwargs):
    return base_url.rstrip("/") + reverse(name, kwargs=kwargs)


# --- News ---------------------------------------------------------------------------------------------------------

def news_save(*, news, user, action="save", base_url):
    """Save a news item; ``action`` "publish" or "unpublish" changes its state. Returns the sending job, if one started.

    A published item with ``send_to_subscribers`` is e-mailed once; saving it again sends nothing.
    """
    if action == "publish" and not news.is_published:
        news.is_published = True
        news.published_at = news.published_at or timezone.now()
    elif action == "unpublish":
        news.is_published = False
    if news.author_id is None and user is not None and user.is_authenticated:
        news.author = user
    news.full_clean()
    news.save()
    if news.is_published and news.send_to_subscribers:
        return news_send(news=news, user=user, base_url=base_url)
    return None


def news_send(*, news, user=None, base_url):
    """Start e-mailing a published item to the confirmed subscribers, once: returns the Job, or None if already started."""
    claimed = NewsItem.objects.filter(
        pk=news.pk, is_published=True, send_to_subscribers=True, sending_started_at__isnull=True,
    ).update(sending_started_at=timezone.now())
    if not claimed:
        return None
    news.sending_started_at = timezone.now()
    return _enqueue_sending(news=news, user=user, base_url=base_url)


def news_send_again(*, news, user=None, base_url):
    """Finish a sending that failed: only subscribers who have not had the item yet get it."""
    if news.sending_started_at is None or news.sent_at is not None or not news.is_published:
        return None
    return _enqueue_sending(news=news, user=user, base_url=base_url)


def _enqueue_sending(*, news, user, base_url):
    return jobs.enqueue(
        "communication.send_news", area=news.area, user=user,
        title=_("Rozeslání aktuality „%(title)s“") % {"title": news.title[:150]},
        news_id=news.pk, base_url=base_url,
    )


def deliver_news(*, news, base_url, progress=None):
    """Queue one e-mail per confirmed subscriber who has not had this item; returns how many were queued."""
    area = news.area
    recipients = list(Subscriber.objects.for_area(area).confirmed().exclude(deliveries__news=news).order_by("pk"))
    article_url = base_url.rstrip("/") + news.get_absolute_url()
    subject = f"{news.title} – {area.name}"
    for index, subscriber in enumerate(recipients, start=1):
        unsubscribe_url = unsubscribe_link(subscriber, base_url)
        body = render_to_string("communication/email/news.txt", {
            "news": news, "area": area, "article_url": article_url, "unsubscribe_url": unsubscribe_url,
            "news_url": _link(base_url, "communication:news_list", area_slug=area.slug),
        })
        extra = {"headers": unsubscribe_headers(unsubscribe_url)} if QUEUE_EMAIL_TAKES_HEADERS else {}
        queue_email(to=subscriber.email, subject=subject, body=body, area=area, kind=_("aktualita"),
                    reference=news.email_reference, **extra)
        if progress is not None and index % 100 == 0:
            progress(100 * index / len(recipients), _("Připraveno %(count)s e-mailů") % {"count": index})
    NewsDelivery.objects.bulk_create([NewsDelivery(news=news, subscriber=subscriber) for subscriber in recipients])
    NewsItem.objects.filter(pk=news.pk).update(sent_at=timezone.now(), recipients_count=news.deliveries.count())
    return len(recipients)


# --- Subscribers ----------------------------------------------------------------------------------------------------

def unsubscribe_headers(unsubscribe_url):
    """One-click unsubscribe for mail clients (RFC 8058): they POST "List-Unsubscribe=One-Click" to the link."""
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def unsubscribe_link(subscriber, base_url):
    return _link(base_url, "communication:unsubscribe", area_slug=subscriber.area.slug, token=subscriber.unsubscribe_token())


def subscribe(*, area, email, base_url):
    """Record a request for news and e-mail the address; nothing is sent to it before it is confirmed.

    A new, pending or unsubscribed address gets a (new) confirmation link; a confirmed one gets a note
    that it already subscribes. The caller shows the same message in every case, so the page does not
    reveal who subscribes. Returns the Subscriber.
    """
    email = email.strip().lower()
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().for_area(area).filter(email=email).first()
        if subscriber is None:
            subscriber = Subscriber(area=area, email=email, consented_at=now)
            subscriber.set_key()
            try:
                with transaction.atomic():
                    subscriber.save()
            except IntegrityError:  # the same address sent twice at once: the other request created it
                subscriber = Subscriber.objects.select_for_update().for_area(area).get(email=email)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            queue_email(to=email, subject=_("Aktuality už odebíráte – %(area)s") % {"area": area.name}, area=area,
                        kind=_("odběr aktualit"), body=render_to_string("communication/email/already_subscribed.txt", {
                            "area": area, "unsubscribe_url": unsubscribe_link(subscriber, base_url),
                            "news_url": _link(base_url, "communication:news_list", area_slug=area.slug)}))
            return subscriber
        token = subscriber.issue_confirmation_token()
        subscriber.status = Subscriber.Status.PENDING
        subscriber.consented_at = now
        subscriber.confirmation_sent_at = now
        subscriber.unsubscribed_at = None
        subscriber.save()
        queue_email(to=email, subject=_("Potvrďte odběr aktualit – %(area)s") % {"area": area.name}, area=area,
                    kind=_("odběr aktualit"), body=render_to_string("communication/email/confirm.txt", {
                        "area": area, "valid_days": CONFIRMATION_VALID_DAYS,
                        "confirm_url": _link(base_url, "communication:confirm", area_slug=area.slug, token=token)}))
    return subscriber


def subscriber_by_confirmation_token(*, area, token):
    """The subscriber whose confirmation link this is, or None; a pending link expires after CONFIRMATION_VALID_DAYS."""
    subscriber = Subscriber.objects.for_area(area).by_confirmation_token(token).first()
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return None
    if subscriber.status == Subscriber.Status.PENDING and (
        subscriber.confirmation_sent_at is None
        or subscriber.confirmation_sent_at < timezone.now() - timedelta(days=CONFIRMATION_VALID_DAYS)
    ):
        return None
    return subscriber


def confirm(*, subscriber):
    """Double opt-in completed: from now on the address gets news."""
    if subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber


def unsubscribe(*, subscriber):
    """Stop all news e-mails to the address at once (safe to repeat)."""
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.confirmation_token_hash = ""
        subscriber.save(update_fields=["status", "unsubscribed_at", "confirmation_token_hash"])
    return subscriber


def purge_unconfirmed(*, now=None):
    """Forget addresses that never confirmed: they gave no valid consent, so they are not kept."""
    now = now or timezone.now()
    stale = Subscriber.objects.filter(status=Subscriber.Status.PENDING,
                                      confirmation_sent_at__lt=now - timedelta(days=PURGE_PENDING_AFTER_DAYS))
    deleted, _detail = stale.delete()
    return deleted
