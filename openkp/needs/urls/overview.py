from django.urls import path

from ..views import overview

urlpatterns = [
    path("<slug:area_slug>/potreby/", overview.index, name="index"),
    path("<slug:area_slug>/sprava/potreby/", overview.staff_index, name="staff_index"),
]
