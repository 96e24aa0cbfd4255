from django.urls import path

from ..views import documents

plan = "<slug:area_slug>/sprava/plan/<int:pk>/"

urlpatterns = [
    path(plan + "dokument/", documents.document, name="document"),
    path(plan + "dokument/<uuid:job_id>/", documents.document_download, name="document_download"),
    path(plan + "dokument/<uuid:job_id>/zverejnit/", documents.document_publish, name="document_publish"),
    path(plan + "dokument/zverejneny/<str:fmt>/stahnout-z-webu/", documents.document_withdraw, name="document_withdraw"),
]
