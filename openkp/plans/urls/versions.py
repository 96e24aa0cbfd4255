from django.urls import path

from ..views import versions

plan = "<slug:area_slug>/sprava/plan/<int:pk>/"

urlpatterns = [
    path(plan + "verze/", versions.version_list, name="version_list"),
    path(plan + "verze/<int:version_pk>/", versions.version_detail, name="version_detail"),
    path(plan + "verze/rozdil/", versions.version_diff, name="version_diff"),
    path(plan + "verze/rozdil.xlsx", versions.version_diff_xlsx, name="version_diff_xlsx"),
    path(plan + "rozpocet/", versions.plan_budget, name="budget"),
    path(plan + "rozpocet.xlsx", versions.budget_xlsx, name="budget_xlsx"),
    path(plan + "novy-navrh/", versions.new_draft, name="new_draft"),
]
