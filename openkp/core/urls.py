from django.urls import include, path, re_path

from . import views

app_name = "core"

area_patterns = [
    path("", views.area_home, name="area_home"),
    path("pripominky/", views.section, {"name": "consultation"}, name="consultation"),
    path("monitoring/", views.section, {"name": "monitoring"}, name="monitoring"),
    path("sprava/", views.dashboard, name="dashboard"),
    path("sprava/historie/<slug:model>/<int:pk>/", views.object_history, name="history"),
    path("sprava/posta/", views.outbox, name="outbox"),
    path("sprava/ulohy/<uuid:job_id>/", views.job_status, name="job"),
    path("sprava/obce/import/", views.municipality_import, name="municipality_import"),
    path("sprava/organizace/", views.organisation_list, name="organisation_list"),
    path("sprava/organizace/nova/", views.organisation_edit, name="organisation_create"),
    path("sprava/organizace/<int:pk>/", views.organisation_edit, name="organisation_edit"),
    re_path(r"^sprava/prehled\.(?P<fmt>pdf|docx)$", views.area_overview_document, name="area_overview"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("pristupnost/", views.accessibility, name="accessibility"),
    path("kontakt/", views.contact, name="contact"),
    path("<slug:area_slug>/", include(area_patterns)),
]
