from django.urls import path

from . import staff_views, views

app_name = "events"

urlpatterns = [
    path("<slug:area_slug>/akce/", views.event_list, name="list"),
    path("<slug:area_slug>/akce/<int:pk>/", views.event_detail, name="detail"),
    path("<slug:area_slug>/akce/<int:pk>/zrusit/<str:token>/", views.cancel_registration, name="cancel"),
    path("<slug:area_slug>/sprava/akce/", staff_views.staff_list, name="staff_list"),
    path("<slug:area_slug>/sprava/akce/nova/", staff_views.event_edit, name="create"),
    path("<slug:area_slug>/sprava/akce/ukazatele/", staff_views.indicators, name="indicators"),
    path("<slug:area_slug>/sprava/akce/<int:pk>/", staff_views.registrations, name="registrations"),
    path("<slug:area_slug>/sprava/akce/<int:pk>/upravit/", staff_views.event_edit, name="edit"),
    path("<slug:area_slug>/sprava/akce/<int:pk>/dochazka/", staff_views.attendance, name="attendance"),
    path("<slug:area_slug>/sprava/akce/<int:pk>/dochazka/<int:registration_pk>/", staff_views.attendance_toggle,
         name="attendance_toggle"),
    path("<slug:area_slug>/sprava/akce/<int:pk>/registrace/<int:registration_pk>/zrusit/", staff_views.registration_cancel,
         name="registration_cancel"),
    path("<slug:area_slug>/sprava/akce/<int:pk>/registrace.xlsx", staff_views.export_registrations, name="export"),
    path("<slug:area_slug>/sprava/akce/<int:pk>/zprava/", staff_views.message, name="message"),
]
