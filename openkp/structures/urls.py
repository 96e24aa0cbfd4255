from django.urls import path, re_path

from . import organisation_views, staff_views, views

app_name = "structures"

group_staff = "<slug:area_slug>/sprava/skupiny/<slug:slug>/"
period_staff = "<slug:area_slug>/sprava/obdobi/<int:pk>/"
period_group = "<slug:area_slug>/sprava/obdobi/<int:period_pk>/skupiny/"

urlpatterns = [
    path("<slug:area_slug>/organizace/", views.group_list, name="groups"),
    path("<slug:area_slug>/organizace/odpoved/<str:token>/", views.meeting_reply, name="meeting_reply"),
    path("<slug:area_slug>/organizace/<slug:slug>/", views.group_detail, name="group"),
    path("<slug:area_slug>/organizace/<slug:slug>/setkani/<int:pk>/", views.meeting_detail, name="meeting"),
    re_path(r"^(?P<area_slug>[-\w]+)/organizace/(?P<slug>[-\w]+)/setkani/(?P<pk>\d+)/zapis\.(?P<fmt>pdf|docx)$",
            staff_views.minutes_document, name="minutes_document"),
    re_path(r"^(?P<area_slug>[-\w]+)/organizace/(?P<slug>[-\w]+)/pruvodce\.(?P<fmt>pdf|docx)$", views.group_guide, name="group_guide"),
    path("<slug:area_slug>/kalendar/", views.calendar_page, name="calendar"),
    path("<slug:area_slug>/kalendar.ics", views.calendar_feed, name="calendar_feed"),
    path("<slug:area_slug>/kalendar/soukromy/<str:token>.ics", views.private_calendar_feed, name="private_calendar_feed"),
    path("<slug:area_slug>/sprava/kalendar/", views.private_feed_create, name="private_feed_create"),
    path("<slug:area_slug>/sprava/statistiky/", views.statistics, name="statistics"),
    path("<slug:area_slug>/sprava/statistiky/clenove-a-ucast.xlsx", views.statistics_export, name="statistics_export"),
    path("<slug:area_slug>/sprava/ukoly/", staff_views.my_tasks, name="my_tasks"),
    path("<slug:area_slug>/sprava/ukoly/<int:pk>/stav/", staff_views.task_status, name="task_status"),
    path("<slug:area_slug>/sprava/skupiny/", organisation_views.organisation, name="organisation"),
    path("<slug:area_slug>/sprava/obdobi/", organisation_views.period_list, name="periods"),
    path("<slug:area_slug>/sprava/obdobi/nove/", organisation_views.period_edit, name="period_create"),
    path(period_staff, organisation_views.period_edit, name="period_edit"),
    path(period_staff + "aktualni/", organisation_views.period_make_current, name="period_make_current"),
    path(period_staff + "skupiny/", organisation_views.period_groups, name="period_groups"),
    path(period_staff + "prevzit-skupiny/", organisation_views.period_carry_over, name="period_carry_over"),
    path(period_group + "nova/", organisation_views.group_edit, name="group_create"),
    path(period_group + "<int:pk>/", organisation_views.group_edit, name="group_edit"),
    path(period_group + "<int:pk>/archivovat/", organisation_views.group_archive, name="group_archive"),
    path(period_group + "<int:pk>/obnovit/", organisation_views.group_restore, name="group_restore"),
    path(group_staff, views.group_members, name="group_members"),
    path(group_staff + "clenove/novy/", staff_views.member_edit, name="member_create"),
    path(group_staff + "clenove/<int:pk>/", staff_views.member_edit, name="member_edit"),
    path(group_staff + "setkani/nove/", staff_views.meeting_edit, name="meeting_create"),
    path(group_staff + "setkani/<int:pk>/", staff_views.meeting_manage, name="meeting_manage"),
    path(group_staff + "setkani/<int:pk>/upravit/", staff_views.meeting_edit, name="meeting_edit"),
    path(group_staff + "setkani/<int:pk>/pozvanky/", staff_views.meeting_invite, name="meeting_invite"),
    path(group_staff + "setkani/<int:pk>/pozvat/", staff_views.meeting_invitee, name="meeting_invitee"),
    path(group_staff + "setkani/<int:pk>/prezence/", staff_views.attendance, name="attendance"),
    path(group_staff + "setkani/<int:pk>/prezencni-listina.pdf", staff_views.attendance_sheet, name="attendance_sheet"),
    path(group_staff + "setkani/<int:pk>/zapis/", staff_views.minutes_edit, name="minutes"),
    path(group_staff + "ukoly/novy/", staff_views.task_edit, name="task_create"),
    path(group_staff + "ukoly/<int:pk>/", staff_views.task_edit, name="task_edit"),
]
