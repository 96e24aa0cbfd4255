from django.urls import path

from . import views

app_name = "structures"

urlpatterns = [
    path("<slug:area_slug>/organizace/", views.group_list, name="groups"),
    path("<slug:area_slug>/organizace/<slug:slug>/", views.group_detail, name="group"),
    path("<slug:area_slug>/organizace/<slug:slug>/setkani/<int:pk>/", views.meeting_detail, name="meeting"),
    path("<slug:area_slug>/sprava/skupiny/<slug:slug>/", views.group_members, name="group_members"),
    path("<slug:area_slug>/kalendar.ics", views.calendar_feed, name="calendar_feed"),
]
