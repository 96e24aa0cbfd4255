"""The plan's registers: risks, the implementation plan, analytical chapters and the area's funding sources."""

from django.urls import path

from ..views import register

plan = "<slug:area_slug>/sprava/plan/<int:pk>/"
sources = "<slug:area_slug>/sprava/plan/zdroje/"

urlpatterns = [
    path(plan + "rizika/", register.risk_list, name="risk_list"),
    path(plan + "rizika/nove/", register.risk_edit, name="risk_create"),
    path(plan + "rizika/<int:risk_pk>/", register.risk_edit, name="risk_edit"),
    path(plan + "rizika/<int:risk_pk>/smazat/", register.risk_delete, name="risk_delete"),
    path(plan + "realizace/", register.implementation, name="implementation"),
    path(plan + "kapitoly/", register.chapter_list, name="chapter_list"),
    path(plan + "kapitoly/nova/", register.chapter_edit, name="chapter_create"),
    path(plan + "kapitoly/<int:chapter_pk>/", register.chapter_edit, name="chapter_edit"),
    path(plan + "kapitoly/<int:chapter_pk>/posunout/", register.chapter_move, name="chapter_move"),
    path(plan + "kapitoly/<int:chapter_pk>/smazat/", register.chapter_delete, name="chapter_delete"),
    path(sources, register.funding_sources, name="funding_sources"),
    path(sources + "<int:source_pk>/smazat/", register.funding_source_delete, name="funding_source_delete"),
]
