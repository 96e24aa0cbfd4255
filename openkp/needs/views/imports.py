"""Staff pages of the imports: a questionnaire to and from XLSForm, and answers from an XLSX or CSV table
(upload → mapping of columns → preview → import)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openkp.core.access import area_permission_required, get_for_area_or_404
from openkp.core.breadcrumbs import staff_breadcrumbs
from openkp.core.spreadsheets import XLSX_MIME

from .. import answer_import, xlsform
from ..forms.imports import AnswerUploadForm, ColumnMappingForm, XLSFormUploadForm
from ..models import Survey
from ..services.responses import questionnaire

MAX_ERRORS_SHOWN = 200


def _needs_crumb(area):
    return (_("Analýza potřeb"), reverse("needs:staff_index", kwargs={"area_slug": area.slug}))


def _survey(request, pk, *, change=False):
    """A survey of the area with a questionnaire; ``change`` also needs the right to change this survey."""
    survey = get_for_area_or_404(Survey, request.area, pk=pk)
    if survey.current_version_id is None:
        raise Http404
    if change and not request.user.has_perm("needs.change_survey", survey):
        raise PermissionDenied
    return survey


# --- XLSForm ---------------------------------------------------------------------------------------------

@area_permission_required("needs.manage_surveys")
def survey_xlsform(request, pk):
    survey = _survey(request, pk)
    response = HttpResponse(xlsform.export_xlsform(survey), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{slugify(survey.slug)[:60] or "dotaznik"}-xlsform.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@area_permission_required("needs.manage_surveys")
def survey_xlsform_import(request):
    area = request.area
    form = XLSFormUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            survey, plan = xlsform.import_xlsform(form.cleaned_data["data"], area=area, user=request.user,
                                                  title=form.cleaned_data["title"], filename=upload.name)
        except xlsform.XLSFormError as error:
            problems = error.errors
        else:
            request.session[_report_key(survey)] = {"file": upload.name, "skipped": plan.skipped, "refused": plan.refused, "notes": plan.notes}
            messages.success(request, _("Dotazník „%(title)s“ je vytvořen jako koncept.") % {"title": survey.title})
            return redirect("needs:survey_xlsform_report", area_slug=area.slug, pk=survey.pk)
    return render(request, "needs/imports/xlsform_import.html", {
        "form": form,
        "problems": problems,
        "breadcrumbs": staff_breadcrumbs(area, _needs_crumb(area), (_("Import dotazníku z XLSForm"), None)),
    })


def _report_key(survey):
    return f"needs:xlsform-report:{survey.pk}"


@area_permission_required("needs.manage_surveys")
def survey_xlsform_report(request, pk):
    """What the import created (read from the survey itself) and what it left out (kept in the session)."""
    area = request.area
    survey = _survey(request, pk)
    report = request.session.get(_report_key(survey), {})
    return render(request, "needs/imports/xlsform_report.html", {
        "survey": survey,
        "report": report,
        "questions": questionnaire(survey.current_version),
        "sections": survey.current_version.sections.all(),
        "breadcrumbs": staff_breadcrumbs(area, _needs_crumb(area), (_("Výsledek importu dotazníku"), None)),
    })


# --- Answers: the uploaded file between the steps --------------------------------------------------------

def _upload_key(survey):
    return f"needs:answer-import:{survey.pk}"


def _store_upload(request, survey, name, table):
    """The file is read once, at the upload; its parsed table waits for the next steps (see answer_import.save_table)."""
    _discard_upload(request, survey)
    answer_import.remove_stale_tables()
    request.session[_upload_key(survey)] = {"name": name, "table": answer_import.save_table(table), "mapping": None}


def _load_upload(request, survey):
    """``(entry, table)`` of the file uploaded for this survey, or ``(None, None)`` when there is none (any more)."""
    entry = request.session.get(_upload_key(survey))
    table = answer_import.load_table(entry.get("table")) if entry else None
    return (entry, table) if table is not None else (None, None)


def _discard_upload(request, survey):
    entry = request.session.pop(_upload_key(survey), None)
    if entry:
        answer_import.discard_table(entry.get("table"))


def _answers_crumbs(area, survey, *trail):
    upload_url = reverse("needs:response_import", kwargs={"area_slug": area.slug, "pk": survey.pk})
    return staff_breadcrumbs(area, _needs_crumb(area), (_("Import odpovědí: %(title)s") % {"title": survey.title}, upload_url if trail else None), *trail)


def _lost_upload(request, survey):
    messages.warning(request, _("Nahraný soubor už není k dispozici; nahrajte ho prosím znovu."))
    return redirect("needs:response_import", area_slug=request.area.slug, pk=survey.pk)


# --- Answers: the steps ----------------------------------------------------------------------------------

@area_permission_required("needs.enter_responses")
def response_import(request, pk):
    area = request.area
    survey = _survey(request, pk, change=True)
    form = AnswerUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _store_upload(request, survey, form.cleaned_data["file"].name, form.cleaned_data["table"])
        return redirect("needs:response_import_mapping", area_slug=area.slug, pk=survey.pk)
    entry = request.session.get(_upload_key(survey))
    return render(request, "needs/imports/answers_upload.html", {
        "survey": survey,
        "form": form,
        "pending_name": entry["name"] if entry else "",
        "breadcrumbs": _answers_crumbs(area, survey),
    })


@area_permission_required("needs.enter_responses")
def response_import_mapping(request, pk):
    area = request.area
    survey = _survey(request, pk, change=True)
    entry, table = _load_upload(request, survey)
    if table is None:
        return _lost_upload(request, survey)
    questions = questionnaire(survey.current_version)
    targets = answer_import.column_targets(questions)
    initial = entry.get("mapping") or answer_import.suggested_mapping(table, targets)
    form = ColumnMappingForm(request.POST or None, table=table, targets=targets, initial_mapping=initial)
    if request.method == "POST" and form.is_valid():
        entry["mapping"] = form.mapping()
        request.session[_upload_key(survey)] = entry
        return redirect("needs:response_import_preview", area_slug=area.slug, pk=survey.pk)
    return render(request, "needs/imports/answers_mapping.html", {
        "survey": survey,
        "form": form,
        "file_name": entry["name"],
        "row_count": len(table.rows),
        "breadcrumbs": _answers_crumbs(area, survey, (_("Sloupce"), None)),
    })


@area_permission_required("needs.enter_responses")
def response_import_preview(request, pk):
    area = request.area
    survey = _survey(request, pk, change=True)
    entry, table = _load_upload(request, survey)
    if table is None:
        return _lost_upload(request, survey)
    if not entry.get("mapping"):
        return redirect("needs:response_import_mapping", area_slug=area.slug, pk=survey.pk)
    mapping = entry["mapping"]
    errors = []
    if request.method == "POST":
        try:
            result = answer_import.import_answers(survey=survey, user=request.user, source=entry["name"], table=table, mapping=mapping)
        except answer_import.AnswerImportError as error:
            errors = error.errors
        else:
            _discard_upload(request, survey)
            messages.success(request, ngettext("Ze souboru „%(name)s“ je naimportována %(responses)s odpověď (%(answers)s odpovědí na otázky).",
                                               "Ze souboru „%(name)s“ je naimportováno %(responses)s odpovědí (%(answers)s odpovědí na otázky).",
                                               result.responses) % {"responses": result.responses, "answers": result.answers, "name": entry["name"]})
            for note in result.notes:
                messages.info(request, note)
            return redirect("needs:response_import", area_slug=area.slug, pk=survey.pk)
    questions = questionnaire(survey.current_version)
    checked = answer_import.check_rows(table, mapping, questions)
    errors = errors or checked.errors
    columns, rows = answer_import.preview(checked, questions, mapping)
    return render(request, "needs/imports/answers_preview.html", {
        "survey": survey,
        "file_name": entry["name"],
        "row_count": len(checked.rows),
        "errors": errors[:MAX_ERRORS_SHOWN],
        "more_errors": max(0, len(errors) - MAX_ERRORS_SHOWN),
        "notes": table.notes + checked.notes,
        "columns": columns,
        "rows": rows,
        "breadcrumbs": _answers_crumbs(area, survey, (_("Náhled"), None)),
    })
