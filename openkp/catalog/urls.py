from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("<slug:area_slug>/sluzby/", views.search, name="search"),
    path("<slug:area_slug>/sluzby/<int:pk>/", views.detail, name="detail"),
]
