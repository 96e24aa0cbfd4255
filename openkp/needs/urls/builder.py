from django.urls import path

from ..views import builder

SURVEY = "<slug:area_slug>/sprava/potreby/dotazniky/<int:pk>/"

urlpatterns = [
    path("<slug:area_slug>/sprava/potreby/dotazniky/novy/", builder.survey_create, name="survey_create"),
    path(SURVEY, builder.survey_builder, name="survey_builder"),
    path(SURVEY + "nastaveni/", builder.survey_edit, name="survey_edit"),
    path(SURVEY + "stav/", builder.survey_status, name="survey_status"),
    path(SURVEY + "nahled/", builder.survey_preview, name="survey_preview"),
    path(SURVEY + "kopie/", builder.survey_copy, name="survey_copy"),
    path(SURVEY + "kody/", builder.survey_codes, name="survey_codes"),
    path(SURVEY + "oddily/novy/", builder.section_edit, name="section_create"),
    path(SURVEY + "oddily/<int:section_pk>/", builder.section_edit, name="section_edit"),
    path(SURVEY + "oddily/<int:section_pk>/smazat/", builder.section_delete, name="section_delete"),
    path(SURVEY + "oddily/<int:section_pk>/posunout/", builder.section_move, name="section_move"),
    path(SURVEY + "otazky/nova/", builder.question_create, name="question_create"),
    path(SURVEY + "otazky/<int:question_pk>/", builder.question_edit, name="question_edit"),
    path(SURVEY + "otazky/<int:question_pk>/smazat/", builder.question_delete, name="question_delete"),
    path(SURVEY + "otazky/<int:question_pk>/posunout/", builder.question_move, name="question_move"),
]
