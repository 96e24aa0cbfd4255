from django.urls import path, re_path

from . import views

app_name = "catalog"

urlpatterns = [
    path("<slug:area_slug>/sluzby/", views.search, name="search"),
    path("<slug:area_slug>/sluzby/<int:pk>/", views.detail, name="detail"),
    path("<slug:area_slug>/sluzby/pruvodci/", views.guide_list, name="guides"),
    re_path(r"^(?P<area_slug>[-\w]+)/sluzby/pruvodci/(?P<target_group_id>\d+)\.(?P<fmt>pdf|docx)$", views.guide_download, name="guide_download"),
    path("<slug:area_slug>/sprava/pruvodci/<int:target_group_id>/", views.guide_edit, name="guide_edit"),
]
