"""The public questionnaire: fill it in (or save and finish later, on this or another device), one answer per
browser, one-time codes, the thanks page, and the printable paper version.

Nothing identifying is stored with the answers: no user, no address; the browser only keeps random tokens
in cookies limited to the survey's address, and the database only their hashes.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from openkp.core import documents, ratelimit
from openkp.core.access import get_for_area_or_404
from openkp.core.breadcrumbs import area_breadcrumbs
from openkp.core.tokens import hash_token
from openkp.core.typography import format_date

from ..forms.answers import AnswerForm, CodeForm, error_summary, layout
from ..models import Response, Survey
from ..services import responses as services

DRAFT_COOKIE = "okp_needs_draft"
DONE_COOKIE = "okp_needs_done"
DRAFT_DAYS = 90
DONE_DAYS = 400
# Saves and submissions from one network address per window (seconds); a community centre may share one.
RATE_LIMIT = (30, 600)
CODE_RATE_LIMIT = (20, 600)  # guesses of one-time codes
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _survey(request, slug):
    """The area's survey, and whether it is shown as a preview (a draft, to those who may change it); else 404."""
    survey = get_for_area_or_404(Survey, request.area, slug=slug)
    if survey.status != Survey.Status.DRAFT:
        return survey, False
    if request.user.is_authenticated and request.user.has_perm("needs.change_survey", survey):
        return survey, True
    raise Http404(_("Dotazník zatím není zveřejněný."))


def _breadcrumbs(survey, *trail):
    area = survey.area
    return area_breadcrumbs(area, (_("Zjišťování potřeb"), reverse("needs:index", kwargs={"area_slug": area.slug})),
                            (survey.title, survey.get_absolute_url() if trail else None), *trail)


def _when(moment):
    moment = timezone.localtime(moment)
    return f"{format_date(moment)} {moment:%H:%M}".replace(" 00:00", "")


def closed_message(survey, now=None):
    """Why the survey takes no answers now (in Czech), or "" when it does."""
    now = now or timezone.now()
    if survey.status == Survey.Status.CLOSED:
        return _("Sběr odpovědí na tento dotazník byl ukončen. Děkujeme všem, kdo odpověděli.")
    if survey.opens_at and now < survey.opens_at:
        return _("Dotazník bude možné vyplnit od %(when)s. Přijďte prosím znovu.") % {"when": _when(survey.opens_at)}
    if survey.closes_at and now >= survey.closes_at:
        return _("Sběr odpovědí skončil %(when)s. Děkujeme všem, kdo odpověděli.") % {"when": _when(survey.closes_at)}
    if survey.current_version_id is None:
        return _("Dotazník zatím nemá žádné otázky.")
    return ""


def _token(value):
    return value if value and TOKEN.match(value) else ""


def _set_cookie(response, survey, name, value, days):
    # Limited to the survey's pages, so each survey has its own and no other page ever receives them.
    response.set_cookie(name, value, max_age=days * 86400, path=survey.get_absolute_url(), httponly=True, samesite="Lax",
                        secure=settings.SESSION_COOKIE_SECURE)


def _rate_limited(request, scope, setting, default):
    limit, window = getattr(settings, setting, default)
    return ratelimit.exceeded(request, scope, limit=limit, window=window)


@never_cache
def survey_form(request, slug):
    survey, preview = _survey(request, slug)
    if not preview:
        closed = closed_message(survey)
        if closed:
            return render(request, "needs/collect/closed.html", {
                "survey": survey, "message": closed, "breadcrumbs": _breadcrumbs(survey)})
        if survey.one_answer_per_browser and services.answered_from_browser(survey, request.COOKIES.get(DONE_COOKIE)):
            return render(request, "needs/collect/answered.html", {"survey": survey, "breadcrumbs": _breadcrumbs(survey)})
    if request.method == "POST" and request.POST.get("krok") == "kod" and survey.uses_codes and not preview:
        return _enter_code(request, survey)

    posted = request.method == "POST"
    token = _token(request.POST.get("token") if posted else request.COOKIES.get(DRAFT_COOKIE))
    existing = services.response_for_token(survey, token) if token and not preview else None
    if existing is not None and existing.status == Response.Status.COMPLETE:
        if posted:  # sent twice (a double click, the back button): still one response
            return redirect("needs:survey_thanks", area_slug=survey.area.slug, slug=survey.slug)
        existing, token = None, ""
    if survey.uses_codes and not preview and (existing is None or existing.code_id is None):
        return _code_page(request, survey, CodeForm())
    if not token or (not posted and existing is None):
        token = services.new_token()

    version = existing.version if existing is not None else survey.current_version
    questions = services.questionnaire(version)
    if not questions and not preview:
        return render(request, "needs/collect/closed.html", {
            "survey": survey, "message": _("Dotazník zatím nemá žádné otázky."), "breadcrumbs": _breadcrumbs(survey)})
    status = 200
    if posted:
        form = AnswerForm(questions, request.POST)
        if request.POST.get("website"):  # the honeypot: people never see it, bots fill it in
            return redirect("needs:survey_thanks", area_slug=survey.area.slug, slug=survey.slug)
        if "ulozit" in request.POST:
            if preview:
                messages.info(request, _("Náhled: rozpracované odpovědi se neukládají."))
            elif _rate_limited(request, "needs:responses", "NEEDS_RESPONSE_RATE", RATE_LIMIT):
                status = 429
            else:
                services.save_online(survey=survey, token=token, values=form.values, complete=False, questions=questions,
                                     version=version)
                reply = redirect(survey.get_absolute_url() + "?ulozeno=1#ulozeno")
                _set_cookie(reply, survey, DRAFT_COOKIE, token, DRAFT_DAYS)
                return reply
        elif form.is_valid():
            if preview:
                messages.info(request, _("Náhled: dotazník je vyplněný správně, odpovědi se ale v náhledu neukládají."))
                return redirect(survey.get_absolute_url())
            if _rate_limited(request, "needs:responses", "NEEDS_RESPONSE_RATE", RATE_LIMIT):
                status = 429
            else:
                return _submit(survey, token, form, questions, version)
    else:
        form = AnswerForm(questions, initial=services.response_values(existing) if existing is not None else None)
    groups = form.groups
    return render(request, "needs/collect/form.html", {
        "survey": survey,
        "form": form,
        "groups": groups,
        "errors": error_summary(groups),
        "token": token,
        "preview": preview,
        "draft": existing,
        "just_saved": existing is not None and request.GET.get("ulozeno") == "1",
        "resume_url": request.build_absolute_uri(reverse("needs:survey_resume", kwargs={
            "area_slug": survey.area.slug, "slug": survey.slug, "token": token})) if existing is not None else "",
        "rate_limited": status == 429,
        "breadcrumbs": _breadcrumbs(survey),
    }, status=status)


def _submit(survey, token, form, questions, version):
    # A double click can send the form twice at the same moment: the second request only says thank you.
    lock = f"openkp:needs:submit:{hash_token(token)}"
    if not cache.add(lock, 1, 30):
        return redirect("needs:survey_thanks", area_slug=survey.area.slug, slug=survey.slug)
    try:
        saved = services.save_online(
            survey=survey, token=token, values=form.cleaned_values, complete=True, questions=questions, version=version)
    finally:
        cache.delete(lock)
    reply = redirect("needs:survey_thanks", area_slug=survey.area.slug, slug=survey.slug)
    reply.delete_cookie(DRAFT_COOKIE, path=survey.get_absolute_url(), samesite="Lax")
    if saved.browser_token:
        _set_cookie(reply, survey, DONE_COOKIE, saved.browser_token, DONE_DAYS)
    return reply


def _code_page(request, survey, form, status=200):
    return render(request, "needs/collect/code.html", {"survey": survey, "form": form, "breadcrumbs": _breadcrumbs(survey)},
                  status=status)


def _enter_code(request, survey):
    """The first step of a survey with one-time codes: a valid unused code opens the questionnaire (and its draft)."""
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _code_page(request, survey, form)
    if _rate_limited(request, "needs:codes", "NEEDS_CODE_RATE", CODE_RATE_LIMIT):
        form.add_error("code", _("Zadali jste v krátké době příliš mnoho kódů. Zkuste to prosím za deset minut."))
        return _code_page(request, survey, form, status=429)
    code = services.code_for(survey, form.cleaned_data["code"])
    if code is None:
        form.add_error("code", _("Tento kód neznáme. Zkontrolujte prosím, zda jste ho opsali přesně; na velikosti písmen nezáleží."))
        return _code_page(request, survey, form)
    if code.used_at is not None:
        form.add_error("code", _("S tímto kódem už byl dotazník odeslán a znovu ho použít nelze. Děkujeme za vaše odpovědi."))
        return _code_page(request, survey, form)
    token = services.new_token()
    services.start_with_code(survey=survey, code=code, token=token)
    reply = redirect(survey.get_absolute_url())
    _set_cookie(reply, survey, DRAFT_COOKIE, token, DRAFT_DAYS)
    return reply


@never_cache
def survey_resume(request, slug, token):
    """The link shown after "Uložit a dokončit později": opens the draft in any browser."""
    survey, _preview = _survey(request, slug)
    response = services.response_for_token(survey, _token(token))
    context = {"survey": survey, "breadcrumbs": _breadcrumbs(survey, (_("Pokračování ve vyplňování"), None))}
    if response is None:
        reply = render(request, "needs/collect/resume_invalid.html", context, status=404)
    elif response.status == Response.Status.COMPLETE:
        reply = render(request, "needs/collect/answered.html", {**context, "by_link": True})
    else:
        reply = redirect(survey.get_absolute_url())
        _set_cookie(reply, survey, DRAFT_COOKIE, token, DRAFT_DAYS)
    reply["X-Robots-Tag"] = "noindex"  # the secret is in the address
    return reply


def survey_thanks(request, slug):
    survey, _preview = _survey(request, slug)
    return render(request, "needs/collect/thanks.html", {
        "survey": survey, "breadcrumbs": _breadcrumbs(survey, (_("Poděkování"), None))})


def survey_pdf(request, slug):
    """The questionnaire on paper: numbered as online, boxes to tick, lines to write on."""
    survey, _preview = _survey(request, slug)
    if survey.current_version_id is None:
        raise Http404(_("Dotazník zatím nemá žádné otázky."))
    questions = services.questionnaire(survey.current_version)
    pdf = documents.render_pdf("needs/collect/survey_pdf.html", {
        "title": survey.title, "survey": survey, "groups": layout(questions, {}), "line_rows": range(4),
    }, area=survey.area)
    reply = HttpResponse(pdf, content_type=documents.PDF_MIME)
    reply["Content-Disposition"] = f'inline; filename="{survey.slug}.pdf"'
    return reply
