from django.urls import path

from ..views import coding

urlpatterns = [
    path("<slug:area_slug>/sprava/potreby/temata/", coding.theme_list, name="theme_list"),
    path("<slug:area_slug>/sprava/potreby/temata/nove/", coding.theme_edit, name="theme_create"),
    path("<slug:area_slug>/sprava/potreby/temata/prurezova/", coding.cross_cutting_themes, name="cross_cutting_themes"),
    path("<slug:area_slug>/sprava/potreby/temata/<int:pk>/upravit/", coding.theme_edit, name="theme_edit"),
    path("<slug:area_slug>/sprava/potreby/temata/<int:pk>/smazat/", coding.theme_delete, name="theme_delete"),
    path("<slug:area_slug>/sprava/potreby/dotazniky/<int:pk>/kodovani/", coding.coding, name="coding"),
    path("<slug:area_slug>/sprava/potreby/dotazniky/<int:pk>/kodovani/odpoved/<int:answer_pk>/", coding.coding_answer,
         name="coding_answer"),
    path("<slug:area_slug>/sprava/potreby/dotazniky/<int:pk>/temata/", coding.theme_frequencies, name="theme_frequencies"),
]
