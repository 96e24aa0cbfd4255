"""What communication adds to the staff dashboard and to the area's menu (registered in CommunicationConfig.ready())."""

from django.urls import reverse
from django.utils.translation import gettext as _

from openkp.core.dashboard import AttentionItem

from .models import NewsItem


def news_content(area):
    """The news page has something to show: a published news item."""
    return NewsItem.objects.for_area(area).published()


def news_attention(*, area, user):
    """Those who publish news: news written but not published yet."""
    if not user.has_perm("communication.manage_news", area):
        return []
    drafts = NewsItem.objects.for_area(area).filter(is_published=False).count()
    return [AttentionItem(label=_("Rozepsané aktuality čekají na zveřejnění"), count=drafts,
                          url=reverse("communication:staff_news", kwargs={"area_slug": area.slug}))]


def register():
    from openkp.core import dashboard, sections

    sections.register_content("news", news_content)
    dashboard.register_attention(news_attention)
