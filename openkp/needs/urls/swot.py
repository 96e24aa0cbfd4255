from django.urls import path

from ..views import swot

urlpatterns = [
    path("<slug:area_slug>/sprava/potreby/swot/", swot.swot_list, name="swot_list"),
    path("<slug:area_slug>/sprava/potreby/swot/nova/", swot.swot_create, name="swot_create"),
    path("<slug:area_slug>/sprava/potreby/swot/<int:pk>/", swot.swot_detail, name="swot_detail"),
    path("<slug:area_slug>/sprava/potreby/swot/<int:pk>/polozky/", swot.swot_item_add, name="swot_item_add"),
    path("<slug:area_slug>/sprava/potreby/swot/<int:pk>/polozky/<int:item_pk>/upravit/", swot.swot_item_edit, name="swot_item_edit"),
    path("<slug:area_slug>/sprava/potreby/swot/<int:pk>/polozky/<int:item_pk>/smazat/", swot.swot_item_delete, name="swot_item_delete"),
    path("<slug:area_slug>/sprava/potreby/swot/<int:pk>/sloucit/", swot.swot_merge, name="swot_merge"),
    path("<slug:area_slug>/sprava/potreby/swot/<int:pk>/hlasovat/", swot.swot_vote, name="swot_vote"),
    path("<slug:area_slug>/sprava/potreby/swot/<int:pk>/stav/", swot.swot_status, name="swot_status"),
    path("<slug:area_slug>/sprava/potreby/swot/<int:pk>/analyza.docx", swot.swot_docx, name="swot_docx"),
]
