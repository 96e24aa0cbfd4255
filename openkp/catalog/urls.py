from django.urls import path, re_path

from . import export_views, staff_views, views

app_name = "catalog"

urlpatterns = [
    path("<slug:area_slug>/sluzby/", views.search, name="search"),
    path("<slug:area_slug>/sluzby/<int:pk>/", views.detail, name="detail"),
    path("<slug:area_slug>/sluzby/pruvodci/", views.guide_list, name="guides"),
    re_path(r"^(?P<area_slug>[-\w]+)/sluzby/export\.(?P<fmt>csv|xlsx|json|hsds)$", export_views.export, name="export"),
    re_path(r"^(?P<area_slug>[-\w]+)/sluzby/pruvodci/(?P<target_group_id>\d+)\.(?P<fmt>pdf|docx)$", views.guide_download, name="guide_download"),
    path("<slug:area_slug>/sprava/pruvodci/<int:target_group_id>/", views.guide_edit, name="guide_edit"),
    path("<slug:area_slug>/sprava/sluzby/", staff_views.service_list, name="staff_services"),
    path("<slug:area_slug>/sprava/sluzby/nova-aktivita/", staff_views.service_edit, name="activity_create"),
    path("<slug:area_slug>/sprava/sluzby/<int:pk>/", staff_views.service_edit, name="service_edit"),
    path("<slug:area_slug>/sprava/sluzby/<int:pk>/poloha/", staff_views.service_locations, name="service_locations"),
    path("<slug:area_slug>/sprava/registr/", staff_views.registry_upload, name="registry_upload"),
    path("<slug:area_slug>/sprava/registr/potvrzeni/<uuid:job_id>/", staff_views.registry_confirm, name="registry_confirm"),
    path("<slug:area_slug>/sprava/hsds/", staff_views.hsds_upload, name="hsds_upload"),
    path("<slug:area_slug>/sprava/hsds/nahled/<uuid:token>/", staff_views.hsds_confirm, name="hsds_confirm"),
    path("<slug:area_slug>/sprava/situace/", staff_views.life_situation_list, name="life_situations"),
    path("<slug:area_slug>/sprava/situace/nova/", staff_views.life_situation_edit, name="life_situation_create"),
    path("<slug:area_slug>/sprava/situace/<int:pk>/", staff_views.life_situation_edit, name="life_situation_edit"),
    path("<slug:area_slug>/sprava/slova-pro-hledani/", staff_views.synonym_list, name="search_synonyms"),
    path("<slug:area_slug>/sprava/slova-pro-hledani/nove/", staff_views.synonym_edit, name="search_synonym_create"),
    path("<slug:area_slug>/sprava/slova-pro-hledani/<int:pk>/", staff_views.synonym_edit, name="search_synonym_edit"),
    path("<slug:area_slug>/sprava/zmeny/", staff_views.draft_list, name="drafts"),
    path("<slug:area_slug>/sprava/zmeny/<int:pk>/", staff_views.draft_review, name="draft_review"),
]
