"""Staff pages of the answers: typing in paper questionnaires and interviews, the list of responses,
correcting and deleting a staff-entered response. Answers themselves are never listed here."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from openkp.core.access import area_permission_required
from openkp.core.breadcrumbs import staff_breadcrumbs

from ..forms.answers import AnswerForm, EntryForm, error_summary
from ..models import Response, Survey
from ..services import responses as services

PAGE_SIZE = 50
STAFF_MODES = (Response.Mode.PAPER, Response.Mode.INTERVIEW)


def _survey(request, pk, *, change=False):
    """A survey of the area; ``change`` also needs the right to change its responses (403 for other groups' surveys)."""
    survey = get_object_or_404(Survey.objects.for_area(request.area).select_related("area", "group__area"), pk=pk)
    if change and not request.user.has_perm("needs.change_responses", survey):
        raise PermissionDenied
    return survey


def _list_url(survey):
    return reverse("needs:response_list", kwargs={"area_slug": survey.area.slug, "pk": survey.pk})


def _breadcrumbs(survey, *trail):
    area = survey.area
    return staff_breadcrumbs(area, (_("Analýza potřeb"), reverse("needs:staff_index", kwargs={"area_slug": area.slug})),
                             (survey.title, None), *trail)


def _staff_response(request, survey, response_pk):
    """A response of the survey typed in by staff; online answers are the respondent's and are not changed."""
    response = get_object_or_404(Response.objects.for_area(request.area).select_related("version"), pk=response_pk, survey=survey)
    if response.mode not in STAFF_MODES:
        raise PermissionDenied(_("Měnit lze jen odpovědi zapsané z papírového dotazníku nebo z rozhovoru."))
    return response


@area_permission_required("needs.enter_responses")
def response_list(request, pk):
    survey = _survey(request, pk)
    responses = Response.objects.filter(survey=survey)
    counts = {row["mode"]: row for row in responses.values("mode").annotate(
        complete=Count("pk", filter=Q(status=Response.Status.COMPLETE)), draft=Count("pk", filter=Q(status=Response.Status.DRAFT)))}
    by_mode = [(label, counts.get(mode, {}).get("complete", 0), counts.get(mode, {}).get("draft", 0))
               for mode, label in Response.Mode.choices]
    page = Paginator(responses.select_related("entered_by").order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("strana"))
    return render(request, "needs/collect/response_list.html", {
        "survey": survey,
        "by_mode": by_mode,
        "total_complete": sum(row[1] for row in by_mode),
        "total_draft": sum(row[2] for row in by_mode),
        "page_obj": page,
        "staff_modes": STAFF_MODES,
        "can_change": request.user.has_perm("needs.change_responses", survey),
        "breadcrumbs": _breadcrumbs(survey, (_("Odpovědi"), None)),
    })


@area_permission_required("needs.enter_responses")
def response_entry(request, pk, response_pk=None):
    """Type in a paper questionnaire or an interview (``response_pk``: correct one typed in before)."""
    survey = _survey(request, pk, change=True)
    response = _staff_response(request, survey, response_pk) if response_pk else None
    if response is None and survey.status == Survey.Status.DRAFT:
        return render(request, "needs/collect/entry_closed.html", {
            "survey": survey, "breadcrumbs": _breadcrumbs(survey, (_("Zápis odpovědí"), None))})
    version = response.version if response else survey.current_version
    questions = services.questionnaire(version)
    if request.method == "POST":
        meta = EntryForm(request.POST)
        form = AnswerForm(questions, request.POST, require=False)
        meta_valid, answers_valid = meta.is_valid(), form.is_valid()  # both, so every error shows at once
        if meta_valid and answers_valid:
            fields = {"values": form.cleaned_values, "mode": meta.cleaned_data["mode"], "source": meta.cleaned_data["source"],
                      "questions": questions}
            if response:
                services.response_update(response, **fields)
                messages.success(request, _("Odpověď č. %(number)s je opravená.") % {"number": response.pk})
                return redirect(_list_url(survey))
            saved = services.response_enter(survey=survey, entered_by=request.user, **fields)
            messages.success(request, _("Odpověď č. %(number)s je uložená.") % {"number": saved.pk})
            if "dalsi" in request.POST:
                entry_url = reverse("needs:response_entry", kwargs={"area_slug": survey.area.slug, "pk": survey.pk})
                return redirect(f"{entry_url}?zpusob={saved.mode}")
            return redirect(_list_url(survey))
    else:
        mode = response.mode if response else request.GET.get("zpusob", Response.Mode.PAPER)
        meta = EntryForm(initial={"mode": mode if mode in STAFF_MODES else Response.Mode.PAPER,
                                  "source": response.source if response else ""})
        form = AnswerForm(questions, initial=services.response_values(response) if response else None, require=False)
    title = _("Oprava odpovědi č. %(number)s") % {"number": response.pk} if response else _("Zápis papírového dotazníku nebo rozhovoru")
    groups = form.groups
    return render(request, "needs/collect/entry.html", {
        "survey": survey,
        "response": response,
        "meta": meta,
        "form": form,
        "groups": groups,
        "errors": error_summary(groups),
        "title": title,
        "list_url": _list_url(survey),
        "breadcrumbs": _breadcrumbs(survey, (_("Odpovědi"), _list_url(survey)), (title, None)),
    })


@area_permission_required("needs.enter_responses")
def response_delete(request, pk, response_pk):
    survey = _survey(request, pk, change=True)
    response = _staff_response(request, survey, response_pk)
    if request.method == "POST":
        number = response.pk
        services.response_delete(response)
        messages.success(request, _("Odpověď č. %(number)s je smazaná.") % {"number": number})
        return redirect(_list_url(survey))
    return render(request, "needs/collect/response_delete.html", {
        "survey": survey, "response": response, "list_url": _list_url(survey),
        "breadcrumbs": _breadcrumbs(survey, (_("Odpovědi"), _list_url(survey)), (_("Smazat odpověď"), None)),
    })
