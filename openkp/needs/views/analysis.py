"""Pages of the analysis of survey answers: the staff analysis (filters, crosstab, a table and a chart per
question), open answers for reading, the exports, and the public results of a survey."""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openkp.core.access import area_permission_required, get_for_area_or_404
from openkp.core.breadcrumbs import area_breadcrumbs, staff_breadcrumbs
from openkp.core.documents import DOCX_MIME, PDF_MIME

from .. import exports
from ..models import Response, Survey
from ..selectors.analysis import MODE, Selection, analyse, crosstab, questionnaire, text_answers

FILTER_PREFIX = "f-"
TEXTS_PER_PAGE = 50


class AnalysisFilterForm(forms.Form):
    """GET filters of the analysis: version, mode of collection, and a choice of any choice question."""

    verze = forms.TypedChoiceField(label=gettext_lazy("Verze dotazníku"), required=False, coerce=int, empty_value=None)
    zpusob = forms.ChoiceField(label=gettext_lazy("Způsob sběru"), required=False)

    def __init__(self, data, *, versions, merged):
        super().__init__(data)
        self.versions = {version.number: version for version in versions}
        self.merged = merged
        self.fields["verze"].choices = [("", _("všechny verze"))] + [(number, _("verze %(number)s") % {"number": number}) for number in self.versions]
        self.fields["zpusob"].choices = [("", _("všechny způsoby"))] + list(Response.Mode.choices)
        for question in merged.crossable():
            self.fields[FILTER_PREFIX + question.code] = forms.ChoiceField(
                label=question.text, required=False, choices=[("", _("kdokoli"))] + question.choices)

    def question_fields(self):
        return [self[name] for name in self.fields if name.startswith(FILTER_PREFIX)]

    def selection(self, survey):
        """The selection from the valid fields (an invalid one is left out and shown with its error)."""
        self.is_valid()
        data = self.cleaned_data
        return Selection(survey, version=self.versions.get(data.get("verze")), mode=data.get("zpusob") or "", choices={
            name.removeprefix(FILTER_PREFIX): [value] for name, value in data.items() if name.startswith(FILTER_PREFIX) and value})

    def description(self):
        """The active filters in words, for the page and the exported files."""
        data = getattr(self, "cleaned_data", {})
        parts = []
        if data.get("verze"):
            parts.append(_("verze %(number)s") % {"number": data["verze"]})
        if data.get("zpusob"):
            parts.append(_("způsob sběru: %(mode)s") % {"mode": Response.Mode(data["zpusob"]).label})
        for question in self.merged.crossable():
            value = data.get(FILTER_PREFIX + question.code)
            if value:
                parts.append(f"{question.text} {dict(question.choices)[value]}")
        return parts


class CrosstabForm(forms.Form):
    radky = forms.ChoiceField(label=gettext_lazy("Řádky"), required=False)
    sloupce = forms.ChoiceField(label=gettext_lazy("Sloupce"), required=False)

    def __init__(self, data, *, merged):
        super().__init__(data)
        questions = [(question.code, question.text) for question in merged.crossable()]
        self.fields["radky"].choices = [("", _("vyberte otázku"))] + questions
        self.fields["sloupce"].choices = [("", _("vyberte otázku"))] + questions + [(MODE, _("Způsob sběru"))]

    def codes(self):
        if self.is_valid() and self.cleaned_data["radky"] and self.cleaned_data["sloupce"]:
            return self.cleaned_data["radky"], self.cleaned_data["sloupce"]
        return None


def _survey(request, pk):
    return get_for_area_or_404(Survey, request.area, pk=pk)


def _prepare(request, survey):
    """Filters, crosstab choice and the analysis of the survey as the GET parameters ask."""
    merged = questionnaire(survey)
    form = AnalysisFilterForm(request.GET, versions=survey.versions.order_by("number"), merged=merged)
    selection = form.selection(survey)
    if selection.version is not None:
        merged = questionnaire(survey, selection.version)
    chooser = CrosstabForm(request.GET, merged=merged)
    codes = chooser.codes()
    table = crosstab(selection, merged, *codes) if codes else None
    return {"survey": survey, "form": form, "chooser": chooser, "selection": selection, "merged": merged, "table": table,
            "description": form.description()}


def _analysis_crumb(survey):
    return (_("Analýza: %(title)s") % {"title": survey.title},
            reverse("needs:survey_analysis", kwargs={"area_slug": survey.area.slug, "pk": survey.pk}))


def _file(content, mime, survey, suffix):
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{slugify(survey.title)[:50] or "dotaznik"}-{suffix}"'
    return response


@area_permission_required("needs.view_analysis")
def survey_analysis(request, pk):
    survey = _survey(request, pk)
    prepared = _prepare(request, survey)
    analysis = analyse(prepared["selection"], prepared["merged"])
    query = request.GET.urlencode()
    return render(request, "needs/analysis/analysis.html", {
        **prepared,
        "analysis": analysis,
        "sections": [{"result": result, "chart": exports.bar_chart(result) if result.question.is_choice else None}
                     for result in analysis.results],
        "query": query,
        "filter_hidden": [(name, value) for name, value in request.GET.items() if name not in ("radky", "sloupce")],
        "chooser_hidden": [(name, value) for name, value in request.GET.items() if name in ("radky", "sloupce")],
        "can_export_raw": request.user.has_perm("needs.export_raw_data", request.area),
        "breadcrumbs": staff_breadcrumbs(request.area, (_("Analýza potřeb"), reverse("needs:staff_index", kwargs={"area_slug": request.area.slug})),
                                         (_("Analýza: %(title)s") % {"title": survey.title}, None)),
    })


@area_permission_required("needs.view_analysis")
def survey_texts(request, pk, code):
    """The answers to one open question (and the texts of "jiné"), a page at a time, with the same filters."""
    survey = _survey(request, pk)
    prepared = _prepare(request, survey)
    question = prepared["merged"].get(code)
    if question is None:
        raise Http404
    page = Paginator(text_answers(prepared["selection"], question), TEXTS_PER_PAGE).get_page(request.GET.get("strana"))
    query = request.GET.copy()
    query.pop("strana", None)
    return render(request, "needs/analysis/texts.html", {
        **prepared, "question": question, "page_obj": page, "querystring": query.urlencode(),
        "breadcrumbs": staff_breadcrumbs(request.area, (_("Analýza potřeb"), reverse("needs:staff_index", kwargs={"area_slug": request.area.slug})),
                                         _analysis_crumb(survey), (question.code, None)),
    })


@area_permission_required("needs.view_analysis")
def survey_analysis_xlsx(request, pk):
    survey = _survey(request, pk)
    prepared = _prepare(request, survey)
    content = exports.analysis_xlsx(analyse(prepared["selection"], prepared["merged"]), description=prepared["description"], table=prepared["table"])
    return _file(content, exports.XLSX_MIME, survey, "tabulky.xlsx")


@area_permission_required("needs.view_analysis")
def survey_report(request, pk, fmt):
    survey = _survey(request, pk)
    prepared = _prepare(request, survey)
    analysis = analyse(prepared["selection"], prepared["merged"])
    if fmt == "pdf":
        content, mime = exports.report_pdf(analysis, description=prepared["description"], table=prepared["table"]), PDF_MIME
    else:
        content, mime = exports.report_docx(analysis, description=prepared["description"], table=prepared["table"]), DOCX_MIME
    return _file(content, mime, survey, f"vysledky.{fmt}")


@area_permission_required("needs.export_raw_data")
def survey_data(request, pk, fmt):
    """Raw anonymised answers, one row per response; the coordinator only (open texts may name people)."""
    survey = _survey(request, pk)
    prepared = _prepare(request, survey)
    if fmt == "csv":
        return _file(exports.data_csv(prepared["selection"], prepared["merged"]), exports.CSV_MIME, survey, "data.csv")
    return _file(exports.data_xlsx(prepared["selection"], prepared["merged"]), exports.XLSX_MIME, survey, "data.xlsx")


def survey_results(request, slug):
    """Published results: choice questions only (open answers could name people); 404 unless published."""
    area = request.area
    survey = get_for_area_or_404(Survey, area, slug=slug)
    if not survey.results_public or survey.status == Survey.Status.DRAFT:
        raise Http404
    analysis = analyse(Selection(survey))
    return render(request, "needs/analysis/results.html", {
        "survey": survey, "analysis": analysis,
        "sections": [{"result": result, "chart": exports.bar_chart(result)} for result in analysis.results if result.question.is_choice],
        "breadcrumbs": area_breadcrumbs(area, (_("Zjišťování potřeb"), reverse("needs:index", kwargs={"area_slug": area.slug})),
                                        (_("Výsledky: %(title)s") % {"title": survey.title}, None)),
    })
