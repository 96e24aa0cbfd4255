"""The area's news as an Atom feed (Django's syndication framework; absolute links from the request's host)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import selectors

FEED_LENGTH = 20


class NewsFeed(Feed):
    feed_type = Atom1Feed
    language = "cs"

    def get_object(self, request, *args, **kwargs):
        if request.area is None:
            raise Http404
        return request.area

    def title(self, area):
        return _("Aktuality – %(area)s") % {"area": area.name}

    def subtitle(self, area):
        return _("Novinky z komunitního plánování sociálních služeb v území %(area)s.") % {"area": area.name}

    def link(self, area):
        return reverse("communication:news_list", kwargs={"area_slug": area.slug})

    def feed_url(self, area):
        return reverse("communication:news_feed", kwargs={"area_slug": area.slug})

    def author_name(self, area):
        return area.name

    def items(self, area):
        return selectors.published_news(area=area)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.perex

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.group.name] if item.group else []
