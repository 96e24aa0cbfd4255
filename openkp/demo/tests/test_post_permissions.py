"""Role × POST route → outcome, over every route of an area that accepts POST.

Every route under ``/<area>/`` is listed here: either in ``POST_ROUTES`` with the outcome each role gets when it
posts, or in ``READ_ONLY`` (its view handles no POST). A new route without an entry fails the test, so nobody
adds a form without deciding who may send it.

The roles post to the demo area Ostrava (the ``demo`` fixture of this package): a group manager (``manazerka``,
who leads the working group Senioři) once to an object of her own group and once to another group's or an
area-wide object; the coordinator of another area to this area's objects under her own area's address (a 404).
Each request runs in a savepoint rolled back afterwards, so every role meets the same objects.
"""

import inspect
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from openkp.accounts.models import Invitation, Membership, Role, User
from openkp.catalog.models import LifeSituation, SearchSynonym, Service, ServiceDraft, TargetGroup
from openkp.communication.models import CommunicationChannel, NewsItem
from openkp.core.models import Area, Organisation
from openkp.events.models import Event, Registration
from openkp.library.models import Document
from openkp.needs.models import Answer, Gap, Need, Response, SwotAnalysis, Theme
from openkp.needs.models.surveys import Question, Section
from openkp.needs.tests.factories import respond, sample_survey
from openkp.plans.models import Activity, Chapter, Comment, FundingSource, Indicator, Measure, Plan, Risk
from openkp.structures.models import Group, GroupMember, Meeting, PlanningPeriod, Task

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member", "provider", "manager_foreign", "manager_own", "coordinator", "other_area")
USERNAMES = {"member": "clen", "provider": "poskytovatel", "manager_foreign": "manazerka", "manager_own": "manazerka",
             "coordinator": "koordinator", "other_area": "koordinatorka-hlucinsko"}
OK, LOGIN, DENIED, MISSING = "ok", "login", 403, 404


def expect(*, anonymous=LOGIN, member=DENIED, provider=DENIED, own=DENIED, foreign=DENIED, coordinator=OK, other_area=MISSING):
    return {"anonymous": anonymous, "member": member, "provider": provider, "manager_foreign": foreign, "manager_own": own,
            "coordinator": coordinator, "other_area": other_area}


COORDINATOR = expect()
GROUP = expect(own=OK)  # the coordinator, and a manager for her own group's objects only
STAFF = expect(own=OK, foreign=OK)  # the coordinator and every group manager (the object has no group)
INSIDERS = expect(member=OK, provider=OK, own=OK, foreign=OK)
PUBLIC = expect(anonymous=OK, member=OK, provider=OK, own=OK, foreign=OK, other_area=OK)
PUBLIC_OBJECT = {**PUBLIC, "other_area": MISSING}  # a public form of this area's object: not under another area
# Objects that are not the area's own (organisations, codebook entries) serve every area: the other area's
# coordinator reaches them under her own area.
SHARED_BY_AREAS = {**COORDINATOR, "other_area": OK}


def logged_out_is_404(expected):
    """Plan pages answer a visitor who is not logged in with 404 (like an outsider), not with the log-in page."""
    return {**expected, "anonymous": MISSING}



@dataclass
class Route:
    expected: dict
    kwargs: Callable = lambda world, scope: {}  # noqa: E731 — URL arguments for the "own" or "foreign" object
    data: dict = field(default_factory=dict)  # what is posted (mostly nothing: the permission is checked first)


def scoped(name):
    """URL argument ``pk`` = the world's own or foreign object called ``name``."""
    return lambda world, scope: {"pk": world[scope][name].pk}


def of(**names):
    """URL arguments from the world's own or foreign objects: ``of(pk="survey", question_pk="question")``."""
    return lambda world, scope: {arg: _value(world[scope][name]) for arg, name in names.items()}


def shared(**names):
    """URL arguments from objects that have no owner group (the same for every role)."""
    return lambda world, scope: {arg: _value(world["shared"][name]) for arg, name in names.items()}


def _value(obj):
    return getattr(obj, "slug", None) if isinstance(obj, Group) else getattr(obj, "pk", obj)


PLAN = shared(pk="plan")
MEASURE = lambda world, scope: {"pk": world["shared"]["plan"].pk, "level": "opatreni", "item_pk": world[scope]["measure"].pk}  # noqa: E731
TOKEN = lambda world, scope: {"token": "neplatny-odkaz"}  # noqa: E731
UNKNOWN_TOKEN = expect(anonymous=MISSING, member=MISSING, provider=MISSING, own=MISSING, foreign=MISSING, coordinator=MISSING)

POST_ROUTES = {
    # People and invitations: the coordinator's.
    "accounts:people": Route(COORDINATOR),
    "accounts:invitation_revoke": Route(COORDINATOR, shared(pk="invitation")),
    # Catalogue: the coordinator; providers edit their own organisation's services and propose changes.
    "catalog:activity_create": Route(expect(provider=OK, coordinator=DENIED)),  # proposed by providers only
    "catalog:service_edit": Route(expect(provider=OK), shared(pk="service")),
    "catalog:service_locations": Route(expect(provider=OK), shared(pk="service")),
    "catalog:draft_review": Route(COORDINATOR, shared(pk="draft")),
    "catalog:guide_edit": Route(SHARED_BY_AREAS, shared(target_group_id="target_group")),
    "catalog:life_situation_create": Route(COORDINATOR),
    "catalog:life_situation_edit": Route(COORDINATOR, shared(pk="life_situation")),
    "catalog:registry_upload": Route(COORDINATOR),
    "catalog:registry_confirm": Route(expect(coordinator=MISSING), shared(job_id="job_id")),
    "catalog:hsds_upload": Route(COORDINATOR),
    "catalog:hsds_confirm": Route(expect(coordinator=MISSING), shared(token="job_id")),  # not this session's upload
    "catalog:search_synonym_create": Route(COORDINATOR),
    "catalog:search_synonym_edit": Route(COORDINATOR, shared(pk="search_synonym")),
    # News and the communication plan.
    "communication:subscribe": Route(PUBLIC),
    "communication:confirm": Route(UNKNOWN_TOKEN, TOKEN),
    "communication:unsubscribe": Route(UNKNOWN_TOKEN, TOKEN),
    "communication:news_create": Route(STAFF),
    "communication:news_edit": Route(GROUP, scoped("news")),
    "communication:news_send_again": Route(GROUP, scoped("news")),
    "communication:channel_create": Route(COORDINATOR),
    "communication:channel_edit": Route(COORDINATOR, shared(pk="channel")),
    # Area settings.
    "core:municipality_import": Route(COORDINATOR),
    "core:organisation_create": Route(COORDINATOR),
    "core:organisation_edit": Route(SHARED_BY_AREAS, shared(pk="organisation")),
    "core:outbox": Route(COORDINATOR),
    # Events: public registration; staff work on the events of their groups.
    "events:detail": Route(PUBLIC_OBJECT, scoped("event")),
    "events:cancel": Route(UNKNOWN_TOKEN, lambda world, scope: {"pk": world[scope]["event"].pk, "token": "neplatny-odkaz"}),
    "events:create": Route(STAFF),
    "events:edit": Route(GROUP, scoped("event")),
    "events:attendance": Route(GROUP, scoped("event")),
    "events:message": Route(GROUP, scoped("event")),
    "events:attendance_toggle": Route(GROUP, of(pk="event", registration_pk="registration")),
    "events:registration_cancel": Route(GROUP, of(pk="event", registration_pk="registration")),
    # Documents: every insider but providers uploads; staff change any document, only the coordinator deletes.
    "library:create": Route(expect(member=OK, own=OK, foreign=OK)),
    "library:edit": Route(STAFF, shared(pk="document")),
    "library:version_create": Route(STAFF, shared(pk="document")),
    "library:delete": Route(COORDINATOR, shared(pk="document")),
    # Surveys: public answering; building, responses and coding per survey (own group's, or the coordinator's).
    "needs:survey_form": Route(PUBLIC_OBJECT, lambda world, scope: {"slug": world[scope]["survey"].slug}),
    "needs:survey_create": Route(STAFF),
    "needs:survey_xlsform_import": Route(STAFF),
    "needs:survey_edit": Route(GROUP, scoped("survey")),
    "needs:survey_status": Route(GROUP, scoped("survey")),
    "needs:survey_copy": Route(GROUP, scoped("survey")),
    "needs:survey_codes": Route(GROUP, scoped("survey")),
    "needs:section_create": Route(GROUP, scoped("survey")),
    "needs:section_edit": Route(GROUP, of(pk="survey", section_pk="section")),
    "needs:section_delete": Route(GROUP, of(pk="survey", section_pk="section")),
    "needs:section_move": Route(GROUP, of(pk="survey", section_pk="section")),
    "needs:question_create": Route(GROUP, scoped("survey")),
    "needs:question_edit": Route(GROUP, of(pk="survey", question_pk="question")),
    "needs:question_delete": Route(GROUP, of(pk="survey", question_pk="question")),
    "needs:question_move": Route(GROUP, of(pk="survey", question_pk="question")),
    "needs:response_entry": Route(GROUP, scoped("survey")),
    "needs:response_edit": Route(GROUP, of(pk="survey", response_pk="response")),
    "needs:response_delete": Route(GROUP, of(pk="survey", response_pk="response")),
    "needs:response_import": Route(GROUP, scoped("survey")),
    "needs:response_import_mapping": Route(GROUP, scoped("survey")),
    "needs:response_import_preview": Route(GROUP, scoped("survey")),
    "needs:coding": Route(GROUP, scoped("survey")),
    "needs:coding_answer": Route(GROUP, of(pk="survey", answer_pk="answer")),
    "needs:theme_create": Route(STAFF),
    "needs:theme_edit": Route(GROUP, scoped("theme")),
    "needs:theme_delete": Route(GROUP, scoped("theme")),
    # SWOT: per group (members of the group contribute; here the member posts to another group's analysis).
    "needs:swot_create": Route(STAFF),
    "needs:swot_item_add": Route(GROUP, scoped("swot")),
    "needs:swot_vote": Route(GROUP, scoped("swot")),
    "needs:swot_merge": Route(GROUP, scoped("swot")),
    "needs:swot_status": Route(GROUP, scoped("swot")),
    "needs:swot_item_edit": Route(GROUP, of(pk="swot", item_pk="swot_item")),
    "needs:swot_item_delete": Route(GROUP, of(pk="swot", item_pk="swot_item")),
    # Needs register and maps: per group.
    "needs:need_create": Route(STAFF),
    "needs:need_edit": Route(GROUP, scoped("need")),
    "needs:gap_create": Route(GROUP, scoped("need")),
    "needs:gap_edit": Route(GROUP, of(pk="need", gap_pk="gap")),
    "needs:gap_delete": Route(GROUP, of(pk="need", gap_pk="gap")),
    "needs:map_edit": Route(GROUP, of(group_slug="group")),
    "needs:demography_import": Route(COORDINATOR),
    # The plan: the coordinator runs it; a group manager edits the part of her group; insiders comment.
    "plans:create": Route(logged_out_is_404(COORDINATOR)),
    "plans:edit": Route(logged_out_is_404(COORDINATOR), PLAN),
    "plans:status": Route(logged_out_is_404(COORDINATOR), PLAN),
    "plans:new_draft": Route(COORDINATOR, PLAN),
    "plans:version_list": Route(COORDINATOR, PLAN),
    "plans:document": Route(INSIDERS, PLAN),  # rendering the draft for reading
    "plans:document_publish": Route(expect(coordinator=MISSING), shared(pk="plan", job_id="job_id")),
    "plans:document_withdraw": Route(COORDINATOR, lambda world, scope: {"pk": world["shared"]["plan"].pk, "fmt": "pdf"}),
    "plans:funding_sources": Route(COORDINATOR, data={"akce": "pridat"}),
    "plans:funding_source_delete": Route(COORDINATOR, shared(source_pk="funding_source")),
    "plans:chapter_create": Route(COORDINATOR, PLAN),
    "plans:chapter_edit": Route(COORDINATOR, shared(pk="plan", chapter_pk="chapter")),
    "plans:chapter_move": Route(COORDINATOR, shared(pk="plan", chapter_pk="chapter")),
    "plans:chapter_delete": Route(COORDINATOR, shared(pk="plan", chapter_pk="chapter")),
    "plans:comment_add": Route(logged_out_is_404(INSIDERS), PLAN),
    "plans:comment_resolve": Route(logged_out_is_404(COORDINATOR), shared(pk="plan", comment_pk="comment")),
    "plans:item_create": Route(logged_out_is_404(COORDINATOR), lambda world, scope: {"pk": world["shared"]["plan"].pk, "level": "priorita"}),
    "plans:item_edit": Route(logged_out_is_404(GROUP), MEASURE),
    "plans:item_move": Route(logged_out_is_404(GROUP), MEASURE),
    "plans:item_delete": Route(logged_out_is_404(GROUP), MEASURE),
    "plans:measure_costs": Route(logged_out_is_404(GROUP), lambda world, scope: {"pk": world["shared"]["plan"].pk, "item_pk": world[scope]["measure"].pk}),
    "plans:indicator_create": Route(logged_out_is_404(GROUP), lambda world, scope: {"pk": world["shared"]["plan"].pk, "item_pk": world[scope]["measure"].pk}),
    "plans:indicator_edit": Route(logged_out_is_404(GROUP), lambda world, scope: {"pk": world["shared"]["plan"].pk, "item_pk": world[scope]["measure"].pk,
                                                               "indicator_pk": world[scope]["indicator"].pk}),
    "plans:activity_milestones": Route(logged_out_is_404(GROUP), lambda world, scope: {"pk": world["shared"]["plan"].pk,
                                                                    "item_pk": world[scope]["activity"].pk}),
    "plans:risk_create": Route(STAFF, PLAN),
    "plans:risk_edit": Route(GROUP, lambda world, scope: {"pk": world["shared"]["plan"].pk, "risk_pk": world[scope]["risk"].pk}),
    "plans:risk_delete": Route(GROUP, lambda world, scope: {"pk": world["shared"]["plan"].pk, "risk_pk": world[scope]["risk"].pk}),
    # Organisation of planning: periods and groups are the coordinator's; each group's work its managers'.
    "structures:period_create": Route(COORDINATOR),
    "structures:period_edit": Route(COORDINATOR, shared(pk="period")),
    "structures:period_make_current": Route(COORDINATOR, shared(pk="period")),
    "structures:period_carry_over": Route(COORDINATOR, shared(pk="period")),
    "structures:group_create": Route(COORDINATOR, shared(period_pk="period")),
    "structures:group_edit": Route(COORDINATOR, of(period_pk="period", pk="group_object")),
    "structures:group_archive": Route(COORDINATOR, of(period_pk="period", pk="group_object")),
    "structures:group_restore": Route(COORDINATOR, shared(period_pk="period", pk="archived_group")),
    "structures:member_create": Route(GROUP, of(slug="group")),
    "structures:member_edit": Route(GROUP, of(slug="group", pk="group_member")),
    "structures:meeting_create": Route(GROUP, of(slug="group")),
    "structures:meeting_edit": Route(GROUP, of(slug="group", pk="meeting")),
    "structures:meeting_invite": Route(GROUP, of(slug="group", pk="meeting")),
    "structures:meeting_invitee": Route(GROUP, of(slug="group", pk="meeting")),
    "structures:attendance": Route(GROUP, of(slug="group", pk="meeting")),
    "structures:minutes": Route(GROUP, of(slug="group", pk="meeting")),
    "structures:task_create": Route(GROUP, of(slug="group")),
    "structures:task_edit": Route(GROUP, of(slug="group", pk="task")),
    "structures:task_status": Route(GROUP, scoped("task"), data={"status": "done"}),
    # Replies to a meeting invitation: by the link in the e-mail (an unknown link is a 404 for everyone).
    "structures:meeting_reply": Route(UNKNOWN_TOKEN, TOKEN),
    "structures:private_feed_create": Route(INSIDERS),
}

# Routes whose views answer GET only (a POST is answered like a GET or refused, and changes nothing).
READ_ONLY = {
    "accounts": [],
    "catalog": ["search", "detail", "guides", "export", "guide_download", "staff_services", "life_situations", "drafts",
                "search_synonyms"],
    "communication": ["news_list", "news_feed", "news_detail", "plan", "staff_news", "subscribers", "channels"],
    "core": ["area_home", "consultation", "monitoring", "dashboard", "history", "job", "organisation_list", "area_overview"],
    "events": ["list", "staff_list", "indicators", "registrations", "export"],
    "library": ["list", "detail", "download", "download_version"],
    "needs": ["index", "staff_index", "survey_builder", "survey_preview", "survey_resume", "survey_thanks", "survey_pdf",
              "response_list", "survey_analysis", "survey_texts", "survey_analysis_xlsx", "survey_report_docx", "survey_report_pdf",
              "survey_data_csv", "survey_data_xlsx", "survey_results", "survey_xlsform", "survey_xlsform_report", "theme_list",
              "cross_cutting_themes", "theme_frequencies", "swot_list", "swot_detail", "swot_docx", "need_list", "need_detail",
              "gap_detail", "map_list", "map_detail", "map_docx", "map_pdf", "public_map", "demography"],
    "plans": ["public", "public_plan", "list", "detail", "item_comments", "measure_detail", "risk_list", "implementation",
              "chapter_list", "version_detail", "version_diff", "version_diff_xlsx", "budget", "budget_xlsx", "document_download"],
    "structures": ["groups", "group", "meeting", "minutes_document", "group_guide", "calendar", "calendar_feed",
                   "private_calendar_feed", "statistics", "statistics_export", "my_tasks", "organisation", "periods",
                   "period_groups", "group_members", "meeting_manage", "attendance_sheet"],
}
READ_ONLY_ROUTES = {f"{namespace}:{name}" for namespace, names in READ_ONLY.items() for name in names}
HANDLES_POST = re.compile(r"request\.POST|request\.FILES|request\.method|require_POST|require_http_methods|def post\(")


def area_routes():
    """{"namespace:name": view} of every URL pattern under /<area_slug>/."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and "area_slug" in prefix + str(pattern.pattern):
                yield f"{namespace}:{pattern.name}", pattern.callback

    return dict(walk(get_resolver().url_patterns, "", None))


def test_every_area_route_is_in_the_table():
    routes = area_routes()
    missing = sorted(set(routes) - set(POST_ROUTES) - READ_ONLY_ROUTES)
    assert not missing, f"add these routes to POST_ROUTES (with the outcome of every role) or to READ_ONLY: {missing}"
    assert not set(POST_ROUTES) & READ_ONLY_ROUTES
    assert not (set(POST_ROUTES) | READ_ONLY_ROUTES) - set(routes), "the table names routes that no longer exist"
    for name in READ_ONLY_ROUTES:
        view = inspect.unwrap(routes[name])
        view = getattr(view, "view_class", view)
        source = inspect.getsource(view if inspect.isfunction(view) or inspect.isclass(view) else type(view))
        assert not HANDLES_POST.search(source), f"{name} handles POST: move it to POST_ROUTES"


def _own_and_foreign(queryset, own_group, *, group_field="group"):
    """An object of the manager's group and one of another group or of the whole area (either may be None)."""
    own = queryset.filter(**{group_field: own_group}).first()
    foreign = queryset.exclude(**{group_field: own_group}).first() if own_group else None
    return own, foreign


@pytest.fixture
def world(demo):
    area = Area.objects.get(slug="ostrava")
    other = Area.objects.get(slug="hlucinsko")
    stranger, _created = User.objects.get_or_create(username=USERNAMES["other_area"])
    Membership.objects.get_or_create(user=stranger, area=other, role=Role.COORDINATOR)
    period = PlanningPeriod.objects.get(area=area, is_current=True)
    own_group = Group.objects.get(area=area, slug="seniori", period=period)
    foreign_group = Group.objects.for_area(area).filter(period=period, kind=own_group.kind).exclude(pk=own_group.pk).first()
    coordinator = User.objects.get(username="koordinator")
    own = {"group": own_group, "group_object": own_group.pk, "period": period}
    foreign = {"group": foreign_group, "group_object": foreign_group.pk, "period": period}

    def pair(name, own_obj, foreign_obj):
        assert own_obj is not None and foreign_obj is not None, f"the demo data lack an own and a foreign {name}"
        own[name], foreign[name] = own_obj, foreign_obj

    # News: the group's item, and an item of the whole area (the coordinator's).
    pair("news", NewsItem.objects.create(area=area, group=own_group, title="Senioři zvou", slug="seniori-zvou", perex="Pozvánka."),
         NewsItem.objects.create(area=area, title="Za celé území", slug="za-cele-uzemi", perex="Oznámení."))
    starts = timezone.now() + timezone.timedelta(days=20)
    events = [Event.objects.create(area=area, period=period, group=group, title=f"Setkání {index}", starts_at=starts,
                                   ends_at=starts + timezone.timedelta(hours=2), place="Radnice", has_registration=True,
                                   is_published=True, capacity=20)
              for index, group in enumerate((own_group, None))]
    pair("event", *events)
    pair("registration", *[Registration.objects.create(area=area, event=event, name="Eva Nová", email=f"eva{event.pk}@example.cz",
                                                              token_hash=uuid.uuid4().hex)
                           for event in events])
    # A survey of the group (the demo surveys are the area's) and one of the whole area, both open with answers.
    surveys = [sample_survey(area, title="Dotazník skupiny Senioři", group=own_group, created_by=coordinator),
               sample_survey(area, title="Dotazník pro celé území", created_by=coordinator)]
    for survey in surveys:
        respond(survey, {"pomoc": "ne", "proc": "Nevím, kam jít."})
    pair("survey", *surveys)
    pair("section", *[Section.objects.filter(version=survey.current_version).first() for survey in surveys])
    pair("question", *[Question.objects.filter(version=survey.current_version).first() for survey in surveys])
    pair("response", *[Response.objects.create(area=area, survey=survey, version=survey.current_version, mode=Response.Mode.PAPER,
                                                entered_by=coordinator) for survey in surveys])
    pair("answer", *[Answer.objects.filter(response__survey=survey, question__code="proc").first() for survey in surveys])
    pair("theme", Theme.objects.create(area=area, survey=surveys[0], name="Osamělost"),
         Theme.objects.create(area=area, name="Dostupné bydlení pro všechny"))
    pair("swot", *_own_and_foreign(SwotAnalysis.objects.for_area(area), own_group))
    pair("swot_item", own["swot"].items.first(), foreign["swot"].items.first())
    pair("need", *_own_and_foreign(Need.objects.for_area(area), own_group))
    pair("gap", *[Gap.objects.create(area=area, need=need, title="Chybí odlehčovací služba") for need in (own["need"], foreign["need"])])
    plan = Plan.objects.for_area(area).filter(status=Plan.Status.DRAFT).order_by("-pk").first()
    measures = Measure.objects.filter(plan=plan).select_related("goal__priority")
    pair("measure", next(m for m in measures if m.owning_group == own_group), next(m for m in measures if m.owning_group != own_group))
    pair("indicator", *[Indicator.objects.filter(measure=measure).first() or Indicator.objects.create(
        area=area, measure=measure, name="Počet podpořených osob", unit="osoby") for measure in (own["measure"], foreign["measure"])])
    pair("activity", *[Activity.objects.filter(measure=measure).first() for measure in (own["measure"], foreign["measure"])])
    pair("risk", *[Risk.objects.create(area=area, plan=plan, measure=measure, title="Nedostatek pracovníků",
                                       probability=3, impact=3)
                   for measure in (own["measure"], foreign["measure"])])
    pair("meeting", *_own_and_foreign(Meeting.objects.for_area(area).filter(group__in=(own_group, foreign_group)), own_group))
    pair("task", *_own_and_foreign(Task.objects.filter(group__area=area, group__in=(own_group, foreign_group)), own_group))
    pair("group_member", *_own_and_foreign(GroupMember.objects.for_area(area).filter(group__in=(own_group, foreign_group)), own_group))
    provider_organisation = Membership.objects.get(user__username="poskytovatel", area=area, role=Role.PROVIDER).organisation
    shared_objects = {
        "plan": plan, "period": period, "job_id": uuid.uuid4(),
        "archived_group": Group.objects.create(area=area, period=period, name="Zrušená skupina", slug="zrusena",
                                               archived_at=timezone.now()).pk,
        "invitation": Invitation.objects.for_area(area).first() or Invitation.objects.create(
            area=area, email="nova@example.cz", role=Role.MEMBER, invited_by=coordinator, token_hash=uuid.uuid4().hex,
            expires_at=timezone.now() + timezone.timedelta(days=7)),
        "service": Service.objects.for_area(area).filter(provider=provider_organisation).first(),
        "draft": ServiceDraft.objects.create(area=area, organisation=provider_organisation, data={"name": "Nová služba"}),
        "target_group": TargetGroup.objects.first(),
        "life_situation": LifeSituation.objects.for_area(area).first(),
        "search_synonym": SearchSynonym.objects.for_area(area).first() or SearchSynonym.objects.create(
            area=area, terms="bezďák", meaning="bez přístřeší"),
        "channel": CommunicationChannel.objects.for_area(area).first(),
        "organisation": Organisation.objects.first(),
        "document": Document.objects.for_area(area).exclude(created_by__username="clen").first(),
        "funding_source": FundingSource.objects.for_area(area).first(),
        "chapter": Chapter.objects.filter(plan=plan).first(),
        "comment": Comment.objects.filter(plan=plan).first(),
    }
    lacking = sorted(name for name, value in shared_objects.items() if value is None)
    assert not lacking, f"the demo data lack: {lacking}"
    return {"area": area, "other": other, "own": own, "foreign": foreign, "shared": shared_objects,
            "users": {role: User.objects.get(username=username) for role, username in USERNAMES.items()}}


def outcome(response):
    if response.status_code in (403, 404):
        return response.status_code
    if response.status_code in (301, 302) and "/ucet/prihlaseni/" in response.get("Location", ""):
        return LOGIN
    if response.status_code >= 400:
        return response.status_code
    return OK


def test_role_by_post_route(client, world):
    from django.urls import reverse

    found = []
    for name, route in POST_ROUTES.items():
        for role in ROLES:
            scope = "own" if role == "manager_own" else "foreign"
            kwargs = route.kwargs(world, scope)
            # The other area's coordinator asks for this area's objects under her own area; for a page without an
            # object, she asks for this area's page.
            area = world["other"] if role == "other_area" and kwargs else world["area"]
            url = reverse(name, kwargs={"area_slug": area.slug, **kwargs})
            client.logout()
            if role != "anonymous":
                client.force_login(world["users"][role])
            with transaction.atomic():
                got = outcome(client.post(url, route.data))
                transaction.set_rollback(True)
            if got != route.expected[role]:
                found.append(f"{name} {role}: expected {route.expected[role]}, got {got} (POST {url})")
    assert not found, "\n".join(found)
