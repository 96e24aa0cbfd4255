from django.utils.translation import ngettext

from openkp.core.jobs import job
from openkp.core.periodic import periodic

from . import services
from .models import NewsItem


@job("communication.send_news")
def send_news_job(*, job, progress, news_id, base_url):
    """E-mail a published news item to the area's confirmed subscribers (each gets it once)."""
    news = NewsItem.objects.select_related("area").get(pk=news_id)
    count = services.deliver_news(news=news, base_url=base_url, progress=progress)
    message = ngettext("Aktualita „%(title)s“ se rozesílá %(count)s odběrateli.",
                       "Aktualita „%(title)s“ se rozesílá %(count)s odběratelům.", count)
    return {"message": message % {"title": news.title, "count": count}, "count": count}


@periodic("communication.purge_unconfirmed")
def purge_unconfirmed(*, now=None):
    return services.purge_unconfirmed(now=now)
