from django.urls import path

from openkp.core import views as core_views

app_name = "events"

urlpatterns = [
    path("<slug:area_slug>/akce/", core_views.section, {"name": "events"}, name="list"),
]
