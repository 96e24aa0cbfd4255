from django.urls import path

from ..views import collect, entry

PUBLIC = "<slug:area_slug>/potreby/dotaznik/<slug:slug>/"
STAFF = "<slug:area_slug>/sprava/potreby/dotazniky/<int:pk>/"

urlpatterns = [
    path(PUBLIC, collect.survey_form, name="survey_form"),
    path(PUBLIC + "pokracovat/<str:token>/", collect.survey_resume, name="survey_resume"),
    path(PUBLIC + "dekujeme/", collect.survey_thanks, name="survey_thanks"),
    path(PUBLIC + "dotaznik.pdf", collect.survey_pdf, name="survey_pdf"),
    path(STAFF + "zapis/", entry.response_entry, name="response_entry"),
    path(STAFF + "odpovedi/", entry.response_list, name="response_list"),
    path(STAFF + "odpovedi/<int:response_pk>/upravit/", entry.response_entry, name="response_edit"),
    path(STAFF + "odpovedi/<int:response_pk>/smazat/", entry.response_delete, name="response_delete"),
]
