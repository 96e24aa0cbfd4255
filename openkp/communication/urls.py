from django.urls import path

from . import staff_views, views
from .feeds import NewsFeed

app_name = "communication"

urlpatterns = [
    path("<slug:area_slug>/aktuality/", views.news_list, name="news_list"),
    path("<slug:area_slug>/aktuality/feed.atom", NewsFeed(), name="news_feed"),
    path("<slug:area_slug>/aktuality/odber/", views.subscribe, name="subscribe"),
    path("<slug:area_slug>/aktuality/odber/potvrdit/<slug:token>/", views.confirm, name="confirm"),
    path("<slug:area_slug>/aktuality/odber/zrusit/<slug:token>/", views.unsubscribe, name="unsubscribe"),
    path("<slug:area_slug>/aktuality/<slug:slug>/", views.news_detail, name="news_detail"),
    path("<slug:area_slug>/komunikace/", views.communication_plan, name="plan"),
    path("<slug:area_slug>/sprava/aktuality/", staff_views.news_list, name="staff_news"),
    path("<slug:area_slug>/sprava/aktuality/nova/", staff_views.news_edit, name="news_create"),
    path("<slug:area_slug>/sprava/aktuality/odberatele/", staff_views.subscribers, name="subscribers"),
    path("<slug:area_slug>/sprava/aktuality/<int:pk>/", staff_views.news_edit, name="news_edit"),
    path("<slug:area_slug>/sprava/aktuality/<int:pk>/rozeslat/", staff_views.news_send_again, name="news_send_again"),
    path("<slug:area_slug>/sprava/komunikace/", staff_views.channel_list, name="channels"),
    path("<slug:area_slug>/sprava/komunikace/novy/", staff_views.channel_edit, name="channel_create"),
    path("<slug:area_slug>/sprava/komunikace/<int:pk>/", staff_views.channel_edit, name="channel_edit"),
]
