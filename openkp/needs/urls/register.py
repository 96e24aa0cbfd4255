from django.urls import path

from ..views import demography, maps, register

staff = "<slug:area_slug>/sprava/potreby/"

urlpatterns = [
    # The needs register; needs and gaps keep their addresses by id (measures of the plan link to them).
    path(staff + "registr/", register.need_list, name="need_list"),
    path(staff + "registr/nova/", register.need_edit, name="need_create"),
    path(staff + "registr/<int:pk>/", register.need_detail, name="need_detail"),
    path(staff + "registr/<int:pk>/upravit/", register.need_edit, name="need_edit"),
    path(staff + "registr/<int:pk>/mezery/nova/", register.gap_edit, name="gap_create"),
    path(staff + "registr/<int:pk>/mezery/<int:gap_pk>/", register.gap_edit, name="gap_edit"),
    path(staff + "registr/<int:pk>/mezery/<int:gap_pk>/smazat/", register.gap_delete, name="gap_delete"),
    path(staff + "mezery/<int:gap_pk>/", register.gap_detail, name="gap_detail"),
    # Needs-and-services maps of working groups.
    path(staff + "mapa/", maps.map_list, name="map_list"),
    path(staff + "mapa/<slug:group_slug>/", maps.map_detail, name="map_detail"),
    path(staff + "mapa/<slug:group_slug>/upravit/", maps.map_edit, name="map_edit"),
    path(staff + "mapa/<slug:group_slug>/analyza.docx", maps.map_document, {"fmt": "docx"}, name="map_docx"),
    path(staff + "mapa/<slug:group_slug>/analyza.pdf", maps.map_document, {"fmt": "pdf"}, name="map_pdf"),
    path("<slug:area_slug>/potreby/mapa/<slug:group_slug>/", maps.public_map, name="public_map"),
    # Demographic context.
    path(staff + "demografie/", demography.demography, name="demography"),
    path(staff + "demografie/import/", demography.demography_import, name="demography_import"),
]
