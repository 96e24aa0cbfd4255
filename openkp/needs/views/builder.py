"""Staff pages of the survey builder: settings and state of a survey, its sections and questions (with their
order), a preview as the respondent sees it, copies and one-time codes.

Every change of the questionnaire goes through ``services.surveys.editable_version``: when the current version
already has responses it is copied first, and the section or question in the URL (which belongs to the old
version) is found again in the copy, a question by its code, a section by its position.
"""


from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from openkp.core.access import area_permission_required, get_for_area_or_404
from openkp.core.breadcrumbs import staff_breadcrumbs
from openkp.core.csv_export import CSV_MIME, csv_bytes
from openkp.core.ids import id_or_404

from ..forms.builder import CodesForm, QuestionForm, SectionForm, SurveyCopyForm, SurveyForm
from ..models import Question, Section, Survey
from ..selectors import builder as builder_selectors
from ..services import surveys as services

STATUS_ACTIONS = {
    Survey.Status.DRAFT: [(Survey.Status.OPEN, gettext_lazy("Otevřít pro odpovědi"), "primary")],
    Survey.Status.OPEN: [(Survey.Status.CLOSED, gettext_lazy("Uzavřít sběr odpovědí"), "primary"),
                         (Survey.Status.DRAFT, gettext_lazy("Vrátit do přípravy"), "neutral")],
    Survey.Status.CLOSED: [(Survey.Status.OPEN, gettext_lazy("Znovu otevřít pro odpovědi"), "primary"),
                           (Survey.Status.DRAFT, gettext_lazy("Vrátit do přípravy"), "neutral")],
}
STATUS_DONE = {
    Survey.Status.OPEN: gettext_lazy("Dotazník „%(title)s“ je otevřený pro odpovědi."),
    Survey.Status.CLOSED: gettext_lazy("Sběr odpovědí dotazníku „%(title)s“ je uzavřený."),
    Survey.Status.DRAFT: gettext_lazy("Dotazník „%(title)s“ je zpět v přípravě; respondenti ho nevidí."),
}


# Helpers


def _survey(request, pk):
    """A survey of the area that this person may change; 403 for the other surveys of the area."""
    survey = get_for_area_or_404(Survey, request.area, pk=pk)
    if not request.user.has_perm("needs.change_survey", survey):
        raise PermissionDenied
    return survey


def _builder_url(survey, anchor=""):
    url = reverse("needs:survey_builder", kwargs={"area_slug": survey.area.slug, "pk": survey.pk})
    return f"{url}#{anchor}" if anchor else url


def _crumbs(survey, *trail):
    area = survey.area
    surveys = (_("Analýza potřeb"), reverse("needs:staff_index", kwargs={"area_slug": area.slug}))
    if not trail:
        return staff_breadcrumbs(area, surveys, (survey.title, None))
    return staff_breadcrumbs(area, surveys, (survey.title, _builder_url(survey)), *trail)


def _question(survey, pk, version):
    """The question of the URL in ``version``; one of an older version is found by its code."""
    question = get_object_or_404(Question.objects.filter(version__survey=survey), pk=pk)
    if question.version_id != version.pk:
        question = get_object_or_404(version.questions.all(), code=question.code)
    return question


def _section(survey, pk, version):
    """The section of the URL in ``version``; one of an older version is found by its position."""
    section = get_object_or_404(Section.objects.filter(version__survey=survey), pk=pk)
    if section.version_id != version.pk:
        index = [item.pk for item in services.ordered_sections(section.version)].index(section.pk)
        sections = services.ordered_sections(version)
        if index >= len(sections):
            raise Http404
        section = sections[index]
    return section


def _change(request, survey, note, change):
    """``change(version)`` on the editable version, in one transaction with the copy of a locked version: when
    it fails, nothing is kept. Tells the user when a new version was made."""
    previous = survey.current_version_id
    try:
        with transaction.atomic():
            version = services.editable_version(survey, note=note)
            result = change(version)
    except ValidationError:
        survey.refresh_from_db()
        raise
    if version.pk != previous:
        messages.info(request, _("Dotazník už měl odpovědi, a proto vznikla nová verze %(number)s. Dosavadní odpovědi zůstávají "
                                 "u předchozí verze.") % {"number": version.number})
    return result


def _outline_context(survey, version):
    groups = builder_selectors.outline(version)
    return {"survey": survey, "version": version, "outline": groups, "question_count": sum(len(items) for _group, items in groups)}


# Survey


@area_permission_required("needs.manage_surveys")
def survey_create(request):
    area = request.area
    form = SurveyForm(request.POST or None, area=area, user=request.user)
    if request.method == "POST" and form.is_valid():
        survey = services.survey_create(area=area, created_by=request.user, **form.cleaned_data)
        messages.success(request, _("Dotazník „%(title)s“ je založený. Přidejte do něj oddíly a otázky.") % {"title": survey.title})
        return redirect(_builder_url(survey))
    staff = (_("Analýza potřeb"), reverse("needs:staff_index", kwargs={"area_slug": area.slug}))
    return render(request, "needs/builder/survey_form.html", {
        "form": form, "title": _("Nový dotazník"), "breadcrumbs": staff_breadcrumbs(area, staff, (_("Nový dotazník"), None)),
    })


@area_permission_required("needs.manage_surveys")
def survey_edit(request, pk):
    survey = _survey(request, pk)
    form = SurveyForm(request.POST or None, instance=survey, area=request.area, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.survey_update(survey, **form.cleaned_data)
        messages.success(request, _("Nastavení dotazníku je uložené."))
        return redirect(_builder_url(survey))
    return render(request, "needs/builder/survey_form.html", {
        "form": form, "survey": survey, "title": _("Nastavení dotazníku"),
        "breadcrumbs": _crumbs(survey, (_("Nastavení"), None)),
    })


@area_permission_required("needs.manage_surveys")
def survey_builder(request, pk):
    survey = _survey(request, pk)
    version = survey.current_version or services.editable_version(survey)
    versions = list(survey.versions.annotate(response_count=Count("responses")).order_by("-number"))
    current = next(item for item in versions if item.pk == version.pk)
    return render(request, "needs/builder/builder.html", {
        **_outline_context(survey, version),
        "versions": versions,
        "locked": current.response_count > 0,
        "status_actions": STATUS_ACTIONS[survey.status],
        "breadcrumbs": _crumbs(survey),
    })


@area_permission_required("needs.manage_surveys")
@require_POST
def survey_status(request, pk):
    survey = _survey(request, pk)
    status = request.POST.get("status")
    if status not in Survey.Status.values:
        messages.error(request, _("Neznámý stav dotazníku."))
        return redirect(_builder_url(survey))
    try:
        services.survey_set_status(survey, status)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_builder_url(survey))
    messages.success(request, STATUS_DONE[status] % {"title": survey.title})
    if status == Survey.Status.OPEN and not survey.is_collecting():
        messages.warning(request, _("Podle nastavených termínů sběru se dotazník respondentům teď nezobrazí. Zkontrolujte je v nastavení."))
    if status == Survey.Status.OPEN and survey.uses_codes and not survey.codes.exists():
        messages.warning(request, _("Dotazník je jen pro držitele jednorázových kódů, ale žádný kód ještě nevznikl."))
    return redirect(_builder_url(survey))


@area_permission_required("needs.manage_surveys")
def survey_preview(request, pk):
    survey = _survey(request, pk)
    version = survey.current_version
    if request.GET.get("verze"):
        version = get_object_or_404(survey.versions.all(), number=id_or_404(request.GET["verze"]))
    return render(request, "needs/builder/preview.html", {
        "survey": survey, "version": version, "outline": builder_selectors.outline(version),
        "breadcrumbs": _crumbs(survey, (_("Náhled"), None)),
    })


@area_permission_required("needs.manage_surveys")
def survey_copy(request, pk):
    survey = _survey(request, pk)
    form = SurveyCopyForm(request.POST or None, area=request.area,
                          initial={"title": _("%(title)s (kopie)") % {"title": survey.title}, "period": survey.period_id})
    if request.method == "POST" and form.is_valid():
        copy = services.survey_copy(survey, created_by=request.user, **form.cleaned_data)
        messages.success(request, _("Vznikl nový dotazník „%(title)s“ v přípravě se stejnými otázkami.") % {"title": copy.title})
        return redirect(_builder_url(copy))
    return render(request, "needs/builder/copy.html", {
        "form": form, "survey": survey, "breadcrumbs": _crumbs(survey, (_("Kopie"), None)),
    })


@area_permission_required("needs.manage_surveys")
def survey_codes(request, pk):
    """One-time codes: make new ones (shown this once, downloadable as CSV) and see how many are used."""
    survey = _survey(request, pk)
    new_codes = []
    form = CodesForm(request.POST if request.POST.get("action") == "generate" else None)
    if request.method == "POST" and request.POST.get("action") == "csv":
        return _codes_csv(request, survey)
    if request.method == "POST" and form.is_valid():
        new_codes = services.survey_codes_generate(survey, count=form.cleaned_data["count"])
        messages.success(request, ngettext("Vznikl %(count)s nový kód. Stáhněte si ho nebo opište hned: znovu ho zobrazit nejde.",
                                           "Vzniklo %(count)s nových kódů. Stáhněte si je nebo opište hned: znovu je zobrazit nejde.",
                                           len(new_codes)) % {"count": len(new_codes)})
        form = CodesForm()
    counts = survey.codes.aggregate(total=Count("pk"), used=Count("pk", filter=Q(used_at__isnull=False) | Q(response__isnull=False)))
    return render(request, "needs/builder/codes.html", {
        "survey": survey, "form": form, "new_codes": new_codes, "counts": counts,
        "breadcrumbs": _crumbs(survey, (_("Jednorázové kódy"), None)),
    })


def _codes_csv(request, survey):
    """The codes just shown, sent back by the page; only codes of this survey are written."""
    wanted = {services.code_hash(code): services.normalize_code(code) for code in request.POST.getlist("code")}
    known = set(survey.codes.filter(code_hash__in=wanted).values_list("code_hash", flat=True))
    codes = sorted(code for code_hash, code in wanted.items() if code_hash in known)
    if not codes:
        messages.error(request, _("Žádný z kódů k tomuto dotazníku nepatří."))
        return redirect("needs:survey_codes", area_slug=survey.area.slug, pk=survey.pk)
    response = HttpResponse(csv_bytes(([code, survey.title] for code in codes), header=[_("kód"), _("dotazník")]), content_type=CSV_MIME)
    response["Content-Disposition"] = f'attachment; filename="kody-{slugify(survey.title)[:40]}.csv"'
    response["Cache-Control"] = "no-store"
    return response


# Sections


@area_permission_required("needs.manage_surveys")
def section_edit(request, pk, section_pk=None):
    survey = _survey(request, pk)
    section = _section(survey, section_pk, survey.current_version) if section_pk else None
    initial = {"title": section.title, "description": section.description} if section else None
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if section:
            _change(request, survey, _("Úprava oddílu"), lambda version: services.section_update(_section(survey, section_pk, version), **data))
        else:
            _change(request, survey, _("Nový oddíl"), lambda version: services.section_add(version=version, **data))
        messages.success(request, _("Oddíl „%(title)s“ je uložený.") % {"title": data["title"]})
        return redirect(_builder_url(survey))
    title = _("Upravit oddíl") if section else _("Nový oddíl")
    return render(request, "needs/builder/section_form.html", {
        "form": form, "survey": survey, "section": section, "title": title, "breadcrumbs": _crumbs(survey, (title, None)),
        "version": survey.current_version, "locked": survey.current_version.responses.exists(),
    })


@area_permission_required("needs.manage_surveys")
def section_delete(request, pk, section_pk):
    survey = _survey(request, pk)
    section = _section(survey, section_pk, survey.current_version)
    if request.method == "POST":
        had_questions = section.questions.exists()
        target = _change(request, survey, _("Smazání oddílu"), lambda version: services.section_delete(_section(survey, section_pk, version)))
        messages.success(request, _("Oddíl „%(title)s“ je smazaný.") % {"title": section.title})
        if target is not None and had_questions:
            messages.info(request, _("Jeho otázky jsou teď v oddílu „%(title)s“.") % {"title": target.title})
        return redirect(_builder_url(survey))
    return render(request, "needs/builder/section_delete.html", {
        "survey": survey, "section": section, "question_count": section.questions.count(),
        "breadcrumbs": _crumbs(survey, (_("Smazat oddíl"), None)),
    })


@area_permission_required("needs.manage_surveys")
@require_POST
def section_move(request, pk, section_pk):
    survey = _survey(request, pk)
    up = request.POST.get("direction") != "down"
    try:
        _change(request, survey, _("Změna pořadí"), lambda version: services.section_move(_section(survey, section_pk, version), up=up))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_builder_url(survey))


# Questions


def _question_page(request, survey, form, question):
    title = _("Upravit otázku") if question else _("Nová otázka")
    return render(request, "needs/builder/question_form.html", {
        "form": form, "survey": survey, "question": question, "title": title, "kind_fields": QuestionForm.KIND_FIELDS,
        "version": survey.current_version, "locked": survey.current_version.responses.exists(),
        "breadcrumbs": _crumbs(survey, (title, None)),
    })


@area_permission_required("needs.manage_surveys")
def question_create(request, pk):
    survey = _survey(request, pk)
    version = survey.current_version
    section = request.GET.get("oddil", "")
    # By default a new question goes to the end of the questionnaire, i.e. to the last section.
    section = int(section) if section.isdigit() else version.sections.count() or None
    form = QuestionForm(request.POST or None, version=version, initial={"section": section, "kind": request.GET.get("typ")})
    if request.method == "POST" and form.is_valid():
        question = _change(request, survey, _("Nová otázka"),
                           lambda version: services.question_create(version=version, **form.question_fields(version)))
        messages.success(request, _("Otázka „%(text)s“ je přidaná.") % {"text": question.text})
        return redirect(_builder_url(survey, f"otazka-{question.code}"))
    return _question_page(request, survey, form, None)


@area_permission_required("needs.manage_surveys")
def question_edit(request, pk, question_pk):
    survey = _survey(request, pk)
    question = _question(survey, question_pk, survey.current_version)
    form = QuestionForm(request.POST or None, version=survey.current_version, question=question)
    if request.method == "POST" and form.is_valid():
        def change(version):
            return services.question_update(_question(survey, question_pk, version), **form.question_fields(version))
        question = _change(request, survey, _("Úprava otázky"), change)
        messages.success(request, _("Otázka „%(text)s“ je uložená.") % {"text": question.text})
        return redirect(_builder_url(survey, f"otazka-{question.code}"))
    return _question_page(request, survey, form, question)


@area_permission_required("needs.manage_surveys")
def question_delete(request, pk, question_pk):
    survey = _survey(request, pk)
    question = _question(survey, question_pk, survey.current_version)
    if request.method == "POST":
        _change(request, survey, _("Smazání otázky"), lambda version: services.question_delete(_question(survey, question_pk, version)))
        messages.success(request, _("Otázka „%(text)s“ je smazaná.") % {"text": question.text})
        return redirect(_builder_url(survey))
    return render(request, "needs/builder/question_delete.html", {
        "survey": survey, "question": question, "dependants": list(question.dependants.order_by("order")),
        "breadcrumbs": _crumbs(survey, (_("Smazat otázku"), None)),
    })


@area_permission_required("needs.manage_surveys")
@require_POST
def question_move(request, pk, question_pk):
    """One place up or down: a plain form POST (back to the builder) or htmx (only the outline comes back)."""
    survey = _survey(request, pk)
    up = request.POST.get("direction") != "down"
    code = _question(survey, question_pk, survey.current_version).code
    error, moved = "", False
    try:
        moved = _change(request, survey, _("Změna pořadí"), lambda version: services.question_move(_question(survey, question_pk, version), up=up))
    except ValidationError as failure:
        error = " ".join(failure.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(_builder_url(survey, f"otazka-{code}"))
    version = survey.current_version
    context = _outline_context(survey, version)
    question = version.questions.get(code=code)
    number = next(item.number for _group, questions in context["outline"] for item in questions if item.pk == question.pk)
    if error:
        announcement = error
    elif moved:
        announcement = _("Otázka „%(text)s“ je teď na %(number)s. místě.") % {"text": question.text, "number": number}
    else:
        announcement = _("Otázka „%(text)s“ už je na kraji dotazníku.") % {"text": question.text}
    return render(request, "needs/builder/includes/outline.html", {
        **context, "moved": question.pk, "moved_direction": "up" if up else "down", "announcement": announcement, "error": bool(error),
        "locked": version.responses.exists(),
    })
