"""URLs of the needs analysis: public pages under /<area>/potreby/, staff pages under /<area>/sprava/potreby/.
Each part of the module keeps its URLs beside its views."""

from . import analysis, builder, coding, collect, imports, overview, register, swot

app_name = "needs"

urlpatterns = [
    *overview.urlpatterns,
    *builder.urlpatterns,
    *collect.urlpatterns,
    *analysis.urlpatterns,
    *imports.urlpatterns,
    *coding.urlpatterns,
    *swot.urlpatterns,
    *register.urlpatterns,
]
