from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("<slug:area_slug>/dokumenty/", views.document_list, name="list"),
    path("<slug:area_slug>/dokumenty/novy/", views.document_create, name="create"),
    path("<slug:area_slug>/dokumenty/<int:pk>/", views.document_detail, name="detail"),
    path("<slug:area_slug>/dokumenty/<int:pk>/stahnout/", views.download, name="download"),
    path("<slug:area_slug>/dokumenty/<int:pk>/verze/<int:number>/", views.download, name="download_version"),
    path("<slug:area_slug>/dokumenty/<int:pk>/nova-verze/", views.version_create, name="version_create"),
    path("<slug:area_slug>/dokumenty/<int:pk>/upravit/", views.document_edit, name="edit"),
    path("<slug:area_slug>/dokumenty/<int:pk>/smazat/", views.document_delete, name="delete"),
]
