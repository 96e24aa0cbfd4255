"""Staff pages of the coding of open answers: themes, the coding page of a survey's question,
theme frequencies per target group and the cross-cutting themes of the area."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from openkp.core.access import area_permission_required, get_for_area_or_404
from openkp.core.breadcrumbs import staff_breadcrumbs
from openkp.core.ids import parse_id, parse_ids

from ..forms.coding import BulkThemeForm, ThemeForm
from ..models import Answer, Survey, Theme
from ..models.surveys import TEXT_KINDS
from ..selectors import coding as selectors
from ..services import coding as services

ANSWERS_PER_PAGE = 25
SHARED = "spolecna"  # the theme list's filter value for the themes shared by all surveys


def _needs_crumb(area):
    return (_("Analýza potřeb"), reverse("needs:staff_index", kwargs={"area_slug": area.slug}))


def _themes_crumb(area):
    return (_("Témata otevřených odpovědí"), reverse("needs:theme_list", kwargs={"area_slug": area.slug}))


def _theme(request, pk):
    """A theme of the area that this person may change; 403 for the other themes of the area."""
    theme = get_object_or_404(Theme.objects.for_area(request.area).select_related("area", "survey__area", "survey__group__area"), pk=pk)
    if not request.user.has_perm("needs.change_theme", theme):
        raise PermissionDenied
    return theme


def _coded_survey(request, pk):
    """A survey of the area whose answers this person may code; 403 for the other surveys of the area."""
    survey = get_object_or_404(Survey.objects.for_area(request.area).select_related("area", "group__area"), pk=pk)
    if not request.user.has_perm("needs.code_survey", survey):
        raise PermissionDenied
    return survey


def _chosen_survey(request, param="dotaznik"):
    survey_id = parse_id(request.GET.get(param))
    if survey_id:
        return Survey.objects.for_area(request.area).filter(pk=survey_id).first()
    return None


@area_permission_required("needs.code_answers")
def theme_list(request):
    area = request.area
    shared_only = request.GET.get("dotaznik") == SHARED
    survey = None if shared_only else _chosen_survey(request)
    return render(request, "needs/coding/theme_list.html", {
        "themes": selectors.area_themes(area=area, survey=survey, shared_only=shared_only),
        "surveys": selectors.area_surveys(area),
        "survey": survey,
        "can_code_survey": survey is not None and request.user.has_perm("needs.code_survey", survey),
        "shared_only": shared_only,
        "shared_value": SHARED,
        "create_url": reverse("needs:theme_create", kwargs={"area_slug": area.slug}) + (f"?{urlencode({'dotaznik': survey.pk})}" if survey else ""),
        "breadcrumbs": staff_breadcrumbs(area, _needs_crumb(area), (_("Témata otevřených odpovědí"), None)),
    })


@area_permission_required("needs.code_answers")
def theme_edit(request, pk=None):
    area = request.area
    theme = _theme(request, pk) if pk else Theme(area=area)
    initial = {}
    if not pk and (survey := _chosen_survey(request)):
        initial["survey"] = survey
    form = ThemeForm(request.POST or None, instance=theme, area=area, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("needs.change_theme", form.instance):
            raise PermissionDenied
        saved = form.save()
        messages.success(request, _("Téma „%(name)s“ je uloženo.") % {"name": saved.name})
        return redirect(_theme_list_url(area, saved.survey))
    title = _("Upravit téma") if pk else _("Nové téma")
    return render(request, "needs/coding/theme_form.html", {
        "form": form, "theme": theme, "title": title,
        "back_url": _theme_list_url(area, theme.survey if pk else None),
        "breadcrumbs": staff_breadcrumbs(area, _needs_crumb(area), _themes_crumb(area), (title, None)),
    })


def _theme_list_url(area, survey):
    url = reverse("needs:theme_list", kwargs={"area_slug": area.slug})
    return f"{url}?{urlencode({'dotaznik': survey.pk})}" if survey else url


@area_permission_required("needs.code_answers")
def theme_delete(request, pk):
    area = request.area
    theme = _theme(request, pk)
    if request.method == "POST":
        name, survey = theme.name, theme.survey
        theme.delete()
        messages.success(request, _("Téma „%(name)s“ je smazáno.") % {"name": name})
        return redirect(_theme_list_url(area, survey))
    return render(request, "needs/coding/theme_delete.html", {
        "theme": theme, "answer_count": theme.answers.count(),
        "breadcrumbs": staff_breadcrumbs(area, _needs_crumb(area), _themes_crumb(area), (_("Smazat téma"), None)),
    })


def _coding_url(survey, code, status="", page=None):
    url = reverse("needs:coding", kwargs={"area_slug": survey.area.slug, "pk": survey.pk})
    query = {key: value for key, value in (("otazka", code), ("stav", status), ("strana", page)) if value}
    return f"{url}?{urlencode(query)}" if query else url


def _posted_codes(request, answer_ids):
    """``{answer pk: {theme pks}}`` from the checkboxes ``themes-<answer pk>`` of the posted answers."""
    codes = {}
    for answer_id in answer_ids:
        codes[answer_id] = set(parse_ids(request.POST.getlist(f"themes-{answer_id}")))
    return codes


def _posted_ids(request, name):
    return set(parse_ids(request.POST.getlist(name)))


def _accepted(request, themes, answer_ids):
    """The (answer pk, theme) of a pressed "přijmout" button, when it names an answer and a theme of this page."""
    answer_id, _sep, theme_id = request.POST.get("accept", "").partition("-")
    by_pk = {theme.pk: theme for theme in themes}
    answer_id, theme_id = parse_id(answer_id), parse_id(theme_id)
    if answer_id in answer_ids and theme_id in by_pk:
        return answer_id, by_pk[theme_id]
    return None


@area_permission_required("needs.code_answers")
def coding(request, pk):
    """Coding of one question's open answers: a checkbox per theme per answer, suggestions, bulk actions.
    Every action is one POST of the whole page (the checkboxes are saved first, so nothing ticked is lost)."""
    area = request.area
    survey = _coded_survey(request, pk)
    questions = selectors.open_questions(survey)
    codes = [code for code, _text in questions]
    code = request.GET.get("otazka")
    code = code if code in codes else (codes[0] if codes else None)
    status = request.GET.get("stav", "")
    status = status if status in (selectors.STATUS_UNCODED, selectors.STATUS_CODED) else selectors.STATUS_ALL
    themes = selectors.survey_themes(survey)
    bulk_form = BulkThemeForm(request.POST or None, themes=themes, initial={"min_score": services.DEFAULT_MIN_SCORE})
    if request.method == "POST" and code:
        answers = selectors.open_answers(survey=survey, code=code, themes=themes)
        page_ids = set(answers.filter(pk__in=_posted_ids(request, "answers")).values_list("pk", flat=True))
        if bulk_form.is_valid():
            _handle_coding_post(request, survey, code, themes, answers, page_ids, bulk_form.cleaned_data)
            return redirect(_coding_url(survey, code, status, request.GET.get("strana")))
        messages.error(request, _("Hromadnou akci nelze provést: opravte zadání níže. Zaškrtnutá témata nejsou uložena."))
    answers = selectors.open_answers(survey=survey, code=code, themes=themes, status=status) if code else Answer.objects.none()
    page = Paginator(answers, ANSWERS_PER_PAGE).get_page(request.GET.get("strana"))
    counts = _counts(survey, code, themes) if code else {"total": 0, "uncoded": 0}
    return render(request, "needs/coding/coding.html", {
        "survey": survey, "questions": questions, "code": code, "status": status, "themes": themes,
        "rows": selectors.coding_rows(page.object_list, themes), "page_obj": page, "counts": counts, "bulk_form": bulk_form,
        "querystring": urlencode({key: value for key, value in (("otazka", code), ("stav", status)) if value}),
        "statuses": [(selectors.STATUS_ALL, _("všechny (nekódované první)")), (selectors.STATUS_UNCODED, _("jen nekódované")),
                     (selectors.STATUS_CODED, _("jen kódované"))],
        "breadcrumbs": staff_breadcrumbs(area, _needs_crumb(area), (survey.title, None), (_("Kódování odpovědí"), None)),
    })


def _counts(survey, code, themes):
    answers = selectors.open_answers(survey=survey, code=code, themes=themes).prefetch_related(None)
    total = answers.count()
    return {"total": total, "uncoded": answers.filter(is_coded=False).count()}


def _handle_coding_post(request, survey, code, themes, answers, page_ids, data):
    services.set_answer_themes(codes=_posted_codes(request, page_ids), themes=themes)
    action = request.POST.get("action", "save")
    accepted = _accepted(request, themes, page_ids)
    if accepted:
        answer_id, theme = accepted
        services.assign_theme(theme=theme, answer_ids=[answer_id])
        messages.success(request, _("Odpověď je zařazena do tématu „%(name)s“.") % {"name": theme.name})
    elif action == "bulk":
        selected = set(answers.filter(pk__in=_posted_ids(request, "selected")).values_list("pk", flat=True))
        theme = next((theme for theme in themes if theme.pk == data.get("bulk_theme")), None)
        if not selected or theme is None:
            messages.error(request, _("Pro hromadné přiřazení zaškrtněte alespoň jednu odpověď a vyberte téma. Zaškrtnutá témata jsou uložena."))
        else:
            added = services.assign_theme(theme=theme, answer_ids=selected)
            messages.success(request, ngettext("Téma „%(name)s“ přidáno %(count)s odpovědi.", "Téma „%(name)s“ přidáno %(count)s odpovědím.",
                                               added) % {"name": theme.name, "count": added})
    elif action == "accept_all":
        min_score = data.get("min_score") or services.DEFAULT_MIN_SCORE
        added = services.accept_suggestions(suggestions=selectors.all_suggestions(survey=survey, code=code, themes=themes),
                                            min_score=min_score)
        messages.success(request, _("Přijaté návrhy se skóre alespoň %(score)s: %(count)s.") % {"score": min_score, "count": added})
    else:
        messages.success(request, _("Kódování je uloženo."))


@area_permission_required("needs.code_answers")
@require_POST
def coding_answer(request, pk, answer_pk):
    """Code one answer (its checkboxes, or an accepted suggestion); htmx gets the answer's row back."""
    survey = _coded_survey(request, pk)
    open_answers = Answer.objects.filter(response__survey=survey).filter(Q(question__kind__in=TEXT_KINDS) | Q(choice__is_other=True))
    answer = get_object_or_404(open_answers.select_related("question"), pk=answer_pk)
    themes = selectors.survey_themes(survey)
    services.set_answer_themes(codes=_posted_codes(request, [answer.pk]), themes=themes)
    accepted = _accepted(request, themes, {answer.pk})
    if accepted:
        services.assign_theme(theme=accepted[1], answer_ids=[answer.pk])
    if not request.htmx:
        messages.success(request, _("Kódování odpovědi je uloženo."))
        return redirect(_coding_url(survey, answer.question.code))
    fresh = selectors.open_answers(survey=survey, code=answer.question.code, themes=themes).filter(pk=answer.pk)
    return render(request, "needs/coding/includes/answer_row.html", {
        "row": selectors.coding_rows(fresh, themes)[0], "themes": themes, "survey": survey,
    })


@area_permission_required("needs.view_analysis")
def theme_frequencies(request, pk):
    area = request.area
    survey = get_for_area_or_404(Survey, area, pk=pk)
    groups, rows = selectors.theme_frequencies(survey)
    return render(request, "needs/coding/frequencies.html", {
        "survey": survey, "groups": groups, "rows": rows, "has_unknown": any(row.unknown for row in rows),
        "can_code": request.user.has_perm("needs.code_answers", area) and request.user.has_perm("needs.code_survey", survey),
        "breadcrumbs": staff_breadcrumbs(area, _needs_crumb(area), (survey.title, None), (_("Četnost témat"), None)),
    })


@area_permission_required("needs.view_analysis")
def cross_cutting_themes(request):
    area = request.area
    survey = _chosen_survey(request)
    min_groups = request.GET.get("skupin", "")
    min_groups = max(1, min(int(min_groups), 50)) if min_groups.isascii() and min_groups.isdigit() else 2
    themes, group_total = selectors.cross_cutting_themes(area=area, survey=survey, min_groups=min_groups)
    widest = max((theme.group_count for theme in themes), default=0)
    return render(request, "needs/coding/cross_cutting.html", {
        "themes": themes, "group_total": group_total, "survey": survey, "surveys": selectors.area_surveys(area),
        "min_groups": min_groups, "rows": [(theme, _bar(theme.group_count, widest)) for theme in themes],
        "breadcrumbs": staff_breadcrumbs(area, _needs_crumb(area), (_("Průřezová témata"), None)),
    })


BAR_WIDTH = 200  # pixels of the longest bar (SVG width attribute: no inline style under the CSP)


def _bar(value, widest):
    return round(BAR_WIDTH * value / widest) if widest else 0
