"""Reads of the communication module: news lists, subscriber figures, the communication plan."""

from itertools import groupby

from django.db.models import Count

from openkp.core.mail import delivery_counts

from .models import CommunicationChannel, NewsItem, Subscriber


def published_news(*, area):
    """Published news of the area, newest first, with what their pages and the feed show."""
    return NewsItem.objects.for_area(area).published().select_related("area", "group").order_by("-published_at", "-pk")


def visible_news(*, area, include_drafts=False):
    """What the public list shows: published news; drafts too (first) for staff who manage news."""
    if not include_drafts:
        return published_news(area=area)
    return (NewsItem.objects.for_area(area).select_related("area", "group")
            .order_by("is_published", "-published_at", "-created_at", "-pk"))


def news_for_staff(*, area):
    return NewsItem.objects.for_area(area).select_related("area", "author", "group__area").order_by("is_published", "-published_at", "-created_at")


def news_delivery_counts(*, area, news_items):
    """{news pk: {"sent", "failing", "waiting"}} of the e-mails of the items that were sent, in one query."""
    sent = {news.email_reference: news.pk for news in news_items if news.sending_started_at}
    if not sent:
        return {}
    return {sent[reference]: counts for reference, counts in delivery_counts(area=area, references=sent).items()}


def subscriber_counts(*, area):
    """{status: count} for every status, zeros included."""
    rows = Subscriber.objects.for_area(area).order_by().values("status").annotate(count=Count("pk")).values_list("status", "count")
    counts = dict(rows)
    return {status: counts.get(status, 0) for status in Subscriber.Status.values}


def communication_plan(*, area):
    """The plan's rows grouped by audience, in the order of ``CommunicationChannel.Audience``: [(label, [rows])]."""
    audiences = list(CommunicationChannel.Audience)
    rows = sorted(CommunicationChannel.objects.for_area(area),
                  key=lambda row: (audiences.index(row.audience) if row.audience in audiences else len(audiences), row.order, row.pk))
    return [(CommunicationChannel.Audience(audience).label, list(group)) for audience, group in groupby(rows, key=lambda row: row.audience)]
