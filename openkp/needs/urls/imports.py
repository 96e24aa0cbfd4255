from django.urls import path

from ..views import imports

urlpatterns = [
    path("<slug:area_slug>/sprava/potreby/dotazniky/<int:pk>/xlsform.xlsx", imports.survey_xlsform, name="survey_xlsform"),
    path("<slug:area_slug>/sprava/potreby/import-dotazniku/", imports.survey_xlsform_import, name="survey_xlsform_import"),
    path("<slug:area_slug>/sprava/potreby/import-dotazniku/<int:pk>/", imports.survey_xlsform_report, name="survey_xlsform_report"),
    path("<slug:area_slug>/sprava/potreby/dotazniky/<int:pk>/import-odpovedi/", imports.response_import, name="response_import"),
    path("<slug:area_slug>/sprava/potreby/dotazniky/<int:pk>/import-odpovedi/sloupce/", imports.response_import_mapping,
         name="response_import_mapping"),
    path("<slug:area_slug>/sprava/potreby/dotazniky/<int:pk>/import-odpovedi/nahled/", imports.response_import_preview,
         name="response_import_preview"),
]
