"""The demographic context of the analysis: figures per place and year, and their import from CSV."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import staff_breadcrumbs

from ..forms.demography import DemographyFilterForm, DemographyImportForm
from ..selectors import register as selectors
from ..services.demography import DemographyImportError, import_figures
from .register import analysis_crumb


def demography_crumb(area):
    return (_("Demografické údaje"), reverse("needs:demography", kwargs={"area_slug": area.slug}))


@area_permission_required("needs.view_analysis")
def demography(request):
    area = request.area
    form = DemographyFilterForm(request.GET, area=area)
    figures = selectors.demography_figures(area=area, **form.selector_filters())
    return render(request, "needs/demography/figures.html", {
        "form": form,
        "tables": selectors.figure_tables(figures),
        "can_import": request.user.has_perm("needs.import_demography", area),
        "breadcrumbs": staff_breadcrumbs(area, analysis_crumb(area), (_("Demografické údaje"), None)),
    })


@area_permission_required("needs.import_demography")
def demography_import(request):
    area = request.area
    form = DemographyImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            report = import_figures(form.cleaned_data["file"].read(), area=area, source=form.cleaned_data["source"])
        except DemographyImportError as error:
            errors = error.errors
        else:
            messages.success(request, report.summary())
            return redirect("needs:demography", area_slug=area.slug)
    return render(request, "needs/demography/import.html", {
        "form": form,
        "errors": errors,
        "breadcrumbs": staff_breadcrumbs(area, analysis_crumb(area), demography_crumb(area), (_("Import"), None)),
    })
