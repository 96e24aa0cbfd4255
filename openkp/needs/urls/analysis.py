from django.urls import path

from ..views import analysis

STAFF = "<slug:area_slug>/sprava/potreby/dotazniky/<int:pk>/analyza/"

urlpatterns = [
    path(STAFF, analysis.survey_analysis, name="survey_analysis"),
    path(f"{STAFF}texty/<slug:code>/", analysis.survey_texts, name="survey_texts"),
    path(f"{STAFF}tabulky.xlsx", analysis.survey_analysis_xlsx, name="survey_analysis_xlsx"),
    path(f"{STAFF}zprava.docx", analysis.survey_report, {"fmt": "docx"}, name="survey_report_docx"),
    path(f"{STAFF}zprava.pdf", analysis.survey_report, {"fmt": "pdf"}, name="survey_report_pdf"),
    path(f"{STAFF}data.csv", analysis.survey_data, {"fmt": "csv"}, name="survey_data_csv"),
    path(f"{STAFF}data.xlsx", analysis.survey_data, {"fmt": "xlsx"}, name="survey_data_xlsx"),
    path("<slug:area_slug>/potreby/dotaznik/<slug:slug>/vysledky/", analysis.survey_results, name="survey_results"),
]
