"""URLs of the plan: the public plan at /<area>/plan/, staff pages under /<area>/sprava/plan/.
Each part keeps its URLs beside its views."""

from . import documents, editor, public, register, versions

app_name = "plans"

urlpatterns = [
    *public.urlpatterns,
    *editor.urlpatterns,
    *register.urlpatterns,
    *versions.urlpatterns,
    *documents.urlpatterns,
]
