"""The survey builder: permissions, survey settings and state, sections and questions with validation, order
(with and without JavaScript), versions of a questionnaire with answers, preview, copies and one-time codes."""

import csv
import io
import re

import pytest

from openkp.accounts.tests.factories import UserFactory
from openkp.core.tokens import hash_token
from openkp.needs.models import Question, QuestionKind, Survey, SurveyCode
from openkp.needs.services.surveys import code_hash, question_add, survey_create
from openkp.needs.tests.factories import respond, sample_survey
from openkp.structures.models import Group, GroupMember, PlanningPeriod

BASE = "/mesto/sprava/potreby/dotazniky"


@pytest.fixture
def period(area):
    return PlanningPeriod.objects.create(area=area, name="Plán 2025–2028", start_year=2025, end_year=2028, is_current=True)


@pytest.fixture
def group(area, period):
    return Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")


@pytest.fixture
def survey(area, group):
    return sample_survey(area, status=Survey.Status.DRAFT, group=group)


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def lead_of(area, group, person_with_role):
    user = person_with_role(area, "group_manager")
    GroupMember.objects.create(area=area, group=group, user=user, name="Vedoucí skupiny", triad_role="provider", function="manager")
    return user


def text(response):
    return response.content.decode().replace("\xa0", " ")


def question(survey, code):
    return survey.current_version.questions.get(code=code)


def codes_in_order(survey):
    survey.refresh_from_db()
    return list(survey.current_version.questions.order_by("order").values_list("code", flat=True))


def question_data(**fields):
    data = {"kind": "single", "text": "Jak často chodíte k lékaři?", "code": "", "section": "", "help_text": "",
            "choices_text": "Často\nObčas\nnikdy|Nikdy", "rows_text": "", "scale_min": "", "scale_max": "", "scale_min_label": "",
            "scale_max_label": "", "min_value": "", "max_value": "", "show_if_question": ""}
    data.update(fields)
    return data


# Permissions

URLS = [
    ("get", "/mesto/sprava/potreby/dotazniky/novy/"),
    ("get", BASE + "/{survey}/"),
    ("get", BASE + "/{survey}/nastaveni/"),
    ("get", BASE + "/{survey}/nahled/"),
    ("get", BASE + "/{survey}/kopie/"),
    ("get", BASE + "/{survey}/kody/"),
    ("get", BASE + "/{survey}/oddily/novy/"),
    ("get", BASE + "/{survey}/oddily/{section}/"),
    ("get", BASE + "/{survey}/otazky/nova/"),
    ("get", BASE + "/{survey}/otazky/{question}/"),
    ("get", BASE + "/{survey}/otazky/{question}/smazat/"),
    ("post", BASE + "/{survey}/otazky/{question}/posunout/"),
]

EXPECTED = {
    "coordinator": (200,) * 11 + (302,),
    "group_lead": (200,) * 11 + (302,),  # leads the survey's group
    "group_manager": (200,) + (403,) * 11,  # leads no group of this survey: may create their own only
    "observer": (403,) * 12,
    "member": (403,) * 12,
    "provider": (403,) * 12,
    "outsider": (404,) * 12,
}


@pytest.mark.parametrize("kind", EXPECTED)
def test_permission_matrix(client, area, survey, group, person_with_role, kind):
    if kind == "outsider":
        user = UserFactory(username="cizinec")
    elif kind == "group_lead":
        user = lead_of(area, group, person_with_role)
    else:
        user = person_with_role(area, kind)
    client.force_login(user)
    ids = {"survey": survey.pk, "section": survey.current_version.sections.first().pk, "question": question(survey, "vek").pk}
    statuses = tuple(getattr(client, method)(url.format(**ids)).status_code for method, url in URLS)
    assert statuses == EXPECTED[kind]


def test_anonymous_is_sent_to_login(client, survey):
    ids = {"survey": survey.pk, "section": 1, "question": 1}
    for method, url in URLS:
        response = getattr(client, method)(url.format(**ids))
        assert response.status_code == 302 and "/ucet/prihlaseni/" in response["Location"]


def test_another_areas_survey_is_404(staff, other_area):
    foreign = sample_survey(other_area, status=Survey.Status.DRAFT)
    foreign_question = question(foreign, "vek")
    assert staff.get(f"{BASE}/{foreign.pk}/").status_code == 404
    assert staff.get(f"{BASE}/{foreign.pk}/otazky/{foreign_question.pk}/").status_code == 404


def test_a_question_of_another_survey_is_404(staff, area, survey):
    other = sample_survey(area, status=Survey.Status.DRAFT, title="Jiný dotazník")
    assert staff.get(f"{BASE}/{survey.pk}/otazky/{question(other, 'vek').pk}/").status_code == 404


# Survey settings and state


def test_coordinator_creates_a_survey_and_lands_in_the_builder(staff, area, period, group):
    response = staff.post("/mesto/sprava/potreby/dotazniky/novy/", {
        "title": "Dotazník pro pečující", "intro": "Zajímá nás, co vám chybí.", "audience": "users", "period": period.pk,
        "group": group.pk, "opens_at": "2026-03-01T08:00", "closes_at": "2026-04-30T20:00", "one_answer_per_browser": "on",
        "thanks_text": "Děkujeme!",
    })
    survey = Survey.objects.get(title="Dotazník pro pečující")
    assert response.status_code == 302 and response["Location"] == f"{BASE}/{survey.pk}/"
    assert survey.area == area and survey.group == group and survey.status == "draft" and survey.slug == "dotaznik-pro-pecujici"
    assert survey.current_version.number == 1 and not survey.uses_codes
    html = text(staff.get(response["Location"]))
    assert "Dotazník pro pečující" in html and "Upravujete verzi 1, má 0 otázek." in html
    assert "Dotazník zatím nemá žádné otázky ani oddíly." in html


def test_survey_form_explains_bad_dates_and_saves_nothing(staff, period):
    html = text(staff.post("/mesto/sprava/potreby/dotazniky/novy/", {
        "title": "Dotazník", "audience": "public", "opens_at": "2026-05-01T08:00", "closes_at": "2026-04-01T08:00",
    }))
    assert "Konec sběru musí být po jeho začátku." in html
    assert not Survey.objects.exists()
    assert "Vyplňte název dotazníku." in text(staff.post("/mesto/sprava/potreby/dotazniky/novy/", {"title": "", "audience": "public"}))


def test_group_manager_creates_surveys_for_their_groups_only(client, area, period, group, person_with_role):
    other_group = Group.objects.create(area=area, period=period, name="Rodiny s dětmi", slug="rodiny")
    client.force_login(lead_of(area, group, person_with_role))
    form = text(client.get("/mesto/sprava/potreby/dotazniky/novy/"))
    assert "Senioři" in form and "Rodiny s dětmi" not in form
    html = text(client.post("/mesto/sprava/potreby/dotazniky/novy/", {"title": "Cizí", "audience": "public", "group": other_group.pk}))
    assert "Vyberte platnou možnost" in html and not Survey.objects.exists()
    html = text(client.post("/mesto/sprava/potreby/dotazniky/novy/", {"title": "Bez skupiny", "audience": "public"}))
    assert "Vyberte skupinu, za kterou dotazník připravujete." in html
    client.post("/mesto/sprava/potreby/dotazniky/novy/", {"title": "Senioři 2026", "audience": "users", "group": group.pk})
    assert Survey.objects.get().group == group


def test_settings_are_edited_without_a_new_version(staff, survey):
    respond(survey, {"pomoc": "ano"})
    response = staff.post(f"{BASE}/{survey.pk}/nastaveni/", {
        "title": "Dotazník pro uživatele služeb", "audience": "users", "group": survey.group_id, "uses_codes": "on",
        "results_public": "on", "thanks_text": "Díky.",
    })
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Dotazník pro uživatele služeb" and survey.uses_codes and survey.results_public
    assert survey.versions.count() == 1 and not survey.one_answer_per_browser


def test_a_survey_without_questions_cannot_be_opened(staff, area):
    empty = survey_create(area=area, title="Prázdný")
    response = staff.post(f"{BASE}/{empty.pk}/stav/", {"status": "open"}, follow=True)
    assert "Dotazník bez otázek nelze otevřít pro odpovědi." in text(response)
    empty.refresh_from_db()
    assert empty.status == "draft"


def test_status_changes_open_close_and_back_to_draft(staff, survey):
    html = text(staff.get(f"{BASE}/{survey.pk}/"))
    assert "Otevřít pro odpovědi" in html and "Uzavřít sběr odpovědí" not in html
    html = text(staff.post(f"{BASE}/{survey.pk}/stav/", {"status": "open"}, follow=True))
    assert "je otevřený pro odpovědi" in html and "Uzavřít sběr odpovědí" in html and "Vrátit do přípravy" in html
    survey.refresh_from_db()
    assert survey.status == "open" and survey.is_collecting()
    staff.post(f"{BASE}/{survey.pk}/stav/", {"status": "closed"})
    survey.refresh_from_db()
    assert survey.status == "closed"
    html = text(staff.post(f"{BASE}/{survey.pk}/stav/", {"status": "draft"}, follow=True))
    assert "zpět v přípravě" in html
    assert staff.get(f"{BASE}/{survey.pk}/stav/").status_code == 405


def test_builder_lists_sections_and_numbered_questions(staff, survey, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        html = text(staff.get(f"{BASE}/{survey.pk}/"))
    assert html.index("O vás") < html.index("1.</span> Do které skupiny patříte?") < html.index("Služby v okolí")
    assert "9.</span> Vzkaz pro radnici" in html
    assert "výběr více možností" in html and "povinná" in html
    assert "Dostupné bydlení <code>bydleni</code>" in html and "(s vlastním textem)" in html
    assert "Škála 1 (velmi nespokojen/a) – 5 (velmi spokojen/a)" in html
    assert "Praktický lékař <code>lekar</code>" in html and "Číslo od 0 do 120" in html
    assert "Zobrazí se, jen když otázka 3 („Víte, kam se obrátit, když potřebujete pomoc?“) má odpověď: Ne." in html
    assert "Upravujete verzi 1, má 9 otázek." in html and "Verze 1 už má odpovědi" not in html


def test_builder_stays_flat_with_more_questions(staff, survey, django_assert_max_num_queries):
    version = survey.current_version
    for number in range(20):
        question_add(version=version, kind=QuestionKind.SINGLE, text=f"Otázka navíc {number}", choices=["Ano", "Ne"],
                     section=version.sections.last())
    respond(survey, {"pomoc": "ne"})
    with django_assert_max_num_queries(16):
        html = text(staff.get(f"{BASE}/{survey.pk}/"))
    assert "29.</span> Otázka navíc 19" in html
    with django_assert_max_num_queries(14):
        assert staff.get(f"{BASE}/{survey.pk}/nahled/").status_code == 200


# Questions


def test_add_a_single_choice_question_to_a_section(staff, survey):
    response = staff.post(f"{BASE}/{survey.pk}/otazky/nova/", question_data(section="1", required="on", allow_other="on"))
    assert response.status_code == 302 and response["Location"].endswith("#otazka-q10")
    added = question(survey, "q10")
    assert added.section.title == "O vás" and added.required and added.allow_other
    assert [(choice.value, choice.label) for choice in added.choices.all()] == [
        ("casto", "Často"), ("obcas", "Občas"), ("nikdy", "Nikdy"), ("other", "jiné")]
    # At the end of its section, before the questions of the next one.
    assert codes_in_order(survey)[:4] == ["skupina", "obvod", "q10", "pomoc"]
    html = text(staff.get(response["Location"]))
    assert "3.</span> Jak často chodíte k lékaři?" in html and "Otázka „Jak často chodíte k lékaři?“ je přidaná." in html


def test_add_question_form_preselects_the_section(staff, survey):
    html = text(staff.get(f"{BASE}/{survey.pk}/otazky/nova/?oddil=2"))
    assert '<option value="2" selected>Služby v okolí</option>' in html
    html = text(staff.get(f"{BASE}/{survey.pk}/otazky/nova/"))  # by default at the end of the questionnaire
    assert '<option value="2" selected>Služby v okolí</option>' in html
    assert "Možnosti odpovědi" in html and "Podmíněné zobrazení" in html


@pytest.mark.parametrize("kind, fields, check", [
    ("scale", {"scale_min": "0", "scale_max": "10", "scale_min_label": "vůbec", "scale_max_label": "určitě"},
     lambda q: [c.value for c in q.choices.all()] == [str(n) for n in range(11)] and q.choices.last().label == "10 – určitě"),
    ("matrix", {"choices_text": "Ano\nNe", "rows_text": "lekar|Lékař\nÚřad"},
     lambda q: [r.value for r in q.rows.all()] == ["lekar", "urad"] and q.choices.count() == 2),
    ("number", {"min_value": "0", "max_value": "20"}, lambda q: q.min_value == 0 and q.max_value == 20 and not q.choices.exists()),
    ("long_text", {"help_text": "Pište volně."}, lambda q: q.help_text == "Pište volně." and not q.choices.exists()),
    ("place", {}, lambda q: [c.label for c in q.choices.all()] == ["Ostrava-Jih", "Poruba"]),
    ("target_group", {}, lambda q: q.choices.filter(target_group__name="senioři").exists()),
])
def test_every_kind_of_question_can_be_added(staff, survey, kind, fields, check):
    response = staff.post(f"{BASE}/{survey.pk}/otazky/nova/", question_data(kind=kind, code="nova", **fields))
    assert response.status_code == 302, text(response)
    assert check(question(survey, "nova"))


@pytest.mark.parametrize("fields, message", [
    ({"code": "pomoc"}, "Kód „pomoc“ už má otázka č. 3 tohoto dotazníku. Zvolte jiný."),
    ({"code": "má háček"}, "Kód smí obsahovat jen písmena bez diakritiky"),
    ({"text": ""}, "Vyplňte znění otázky."),
    ({"choices_text": "Jen jedna"}, "Zadejte alespoň dvě možnosti odpovědi, každou na nový řádek."),
    ({"choices_text": "a|Ano\na|Ne"}, "Kód „a“ je uveden dvakrát"),
    ({"choices_text": "Ano\nother|Jiné", "allow_other": "on"}, "Kód „other“ je vyhrazen pro možnost „jiné“."),
    ({"kind": "matrix", "choices_text": "Ano\nNe"}, "Zadejte alespoň jeden řádek tabulky."),
    ({"kind": "scale", "scale_min": "5", "scale_max": "1"}, "Konec škály musí být větší než její začátek"),
    ({"kind": "scale", "scale_min": "1", "scale_max": "20"}, "Škála může mít nejvýš 11 bodů."),
    ({"kind": "number", "min_value": "10", "max_value": "5"}, "Největší číslo musí být větší než nejmenší."),
    ({"section": "2", "show_if_question": "pomoc"}, "Vyberte alespoň jednu odpověď, při které se otázka zobrazí."),
    ({"section": "2", "show_if_question": "pomoc", "show_if_values": ["chybi:bydleni"]}, "Vybrané odpovědi patří k jiné otázce"),
    ({"show_if_values": ["pomoc:ne"]}, "Vybrali jste odpovědi, ale ne otázku, na které zobrazení závisí."),
    # The new question goes to the first section; "pomoc" is in the second one, after it.
    ({"section": "1", "show_if_question": "pomoc", "show_if_values": ["pomoc:ne"]},
     "Zobrazení může záviset jen na otázce, která je v dotazníku dříve."),
])
def test_question_form_explains_mistakes_and_keeps_the_input(staff, survey, fields, message):
    data = question_data(**fields)
    html = text(staff.post(f"{BASE}/{survey.pk}/otazky/nova/", data))
    assert message in html
    assert survey.current_version.questions.count() == 9
    if data["text"]:
        assert data["text"] in html  # nothing typed is lost


def test_a_condition_on_an_earlier_question(staff, survey):
    response = staff.post(f"{BASE}/{survey.pk}/otazky/nova/", question_data(
        code="kam", kind="text", choices_text="", section="2", show_if_question="pomoc", show_if_values=["pomoc:ne"]))
    assert response.status_code == 302
    added = question(survey, "kam")
    assert added.show_if_question == question(survey, "pomoc") and added.show_if_values == ["ne"]
    html = text(staff.get(f"{BASE}/{survey.pk}/"))
    assert "Zobrazí se, jen když otázka 3 („Víte, kam se obrátit, když potřebujete pomoc?“) má odpověď: Ne." in html


def test_edit_a_question_shows_its_values_and_saves_changes(staff, survey):
    chybi = question(survey, "chybi")
    form = text(staff.get(f"{BASE}/{survey.pk}/otazky/{chybi.pk}/"))
    assert "bydleni|Dostupné bydlení\ndoprava|Doprava k lékaři\nodlehcovaci|Odlehčovací služba</textarea>" in form
    assert 'name="allow_other" id="id_allow_other" checked' in form or "checked" in form
    response = staff.post(f"{BASE}/{survey.pk}/otazky/{chybi.pk}/", question_data(
        kind="multiple", code="chybi", text="Co vám chybí nejvíc?", section="2",
        choices_text="bydleni|Dostupné bydlení\nDenní stacionář"))
    assert response.status_code == 302
    chybi.refresh_from_db()
    assert chybi.text == "Co vám chybí nejvíc?" and not chybi.allow_other
    assert [choice.value for choice in chybi.choices.all()] == ["bydleni", "denni-stacionar"]


def test_edit_keeps_the_choices_a_condition_uses(staff, survey):
    pomoc = question(survey, "pomoc")
    html = text(staff.post(f"{BASE}/{survey.pk}/otazky/{pomoc.pk}/", question_data(
        code="pomoc", text=pomoc.text, section="2", choices_text="ano|Ano\nnevim|Nevím")))
    assert "Odpovědi s kódem ne používá podmínka otázek č. 4." in html
    html = text(staff.post(f"{BASE}/{survey.pk}/otazky/{pomoc.pk}/", question_data(code="pomoc", text=pomoc.text, kind="text", section="2")))
    assert "Podle odpovědi na tuto otázku se zobrazují otázky č. 4" in html
    assert [choice.value for choice in question(survey, "pomoc").choices.all()] == ["ano", "ne"]


def test_delete_a_question_asks_first_and_frees_its_dependants(staff, survey):
    pomoc = question(survey, "pomoc")
    html = text(staff.get(f"{BASE}/{survey.pk}/otazky/{pomoc.pk}/smazat/"))
    assert "Smazat otázku?" in html and "Co by vám pomohlo se zorientovat?" in html
    response = staff.post(f"{BASE}/{survey.pk}/otazky/{pomoc.pk}/smazat/")
    assert response.status_code == 302
    assert not Question.objects.filter(pk=pomoc.pk).exists()
    proc = question(survey, "proc")
    assert proc.show_if_question is None and proc.show_if_values == []
    assert list(survey.current_version.questions.order_by("order").values_list("order", flat=True)) == list(range(1, 9))


# Order


def move(client, survey, code, direction, **headers):
    return client.post(f"{BASE}/{survey.pk}/otazky/{question(survey, code).pk}/posunout/", {"direction": direction}, **headers)


def test_move_without_javascript(staff, survey):
    response = move(staff, survey, "vek", "up")
    assert response.status_code == 302 and response["Location"].endswith("/#otazka-vek")
    assert codes_in_order(survey)[-3:] == ["vek", "dostupnost", "vzkaz"]
    move(staff, survey, "vek", "down")
    move(staff, survey, "vek", "down")
    assert codes_in_order(survey)[-2:] == ["vzkaz", "vek"]


def test_move_across_sections_and_not_past_the_ends(staff, survey):
    move(staff, survey, "pomoc", "up")  # the first question of "Služby v okolí" goes to the end of "O vás"
    pomoc = question(survey, "pomoc")
    assert pomoc.section.title == "O vás" and codes_in_order(survey)[:3] == ["skupina", "obvod", "pomoc"]
    move(staff, survey, "pomoc", "down")
    assert question(survey, "pomoc").section.title == "Služby v okolí"
    move(staff, survey, "skupina", "up")
    move(staff, survey, "vzkaz", "down")
    assert codes_in_order(survey)[0] == "skupina" and codes_in_order(survey)[-1] == "vzkaz"
    html = text(staff.get(f"{BASE}/{survey.pk}/"))
    assert 'aria-label="Posunout otázku 1 nahoru" disabled' in html or re.search(
        r'disabled aria-disabled="true" aria-label="Posunout otázku 1 nahoru"', html)
    assert re.search(r'disabled aria-disabled="true" aria-label="Posunout otázku 9 dolů"', html)


def test_a_question_cannot_move_before_its_condition(staff, survey):
    response = move(staff, survey, "proc", "up", follow=True)
    assert "a proto musí zůstat až za ní." in text(response)
    assert codes_in_order(survey)[2:4] == ["pomoc", "proc"]


def test_move_with_htmx_returns_the_outline_and_announces_the_place(staff, survey):
    response = move(staff, survey, "vek", "up", HTTP_HX_REQUEST="true")
    html = text(response)
    assert response.status_code == 200 and "<html" not in html
    assert 'id="builder-outline"' in html and 'id="otazka-vek" data-moved="up"' in html
    assert "Otázka „Kolik je vám let?“ je teď na 7. místě." in html and 'id="builder-announcement" data-hx-swap-oob="innerHTML"' in html
    assert codes_in_order(survey)[6] == "vek"
    html = text(move(staff, survey, "proc", "up", HTTP_HX_REQUEST="true"))
    assert "a proto musí zůstat až za ní." in html and "okp-builder__announcement--error" in html
    assert re.search(r'id="otazka-proc" data-moved="up">.*?okp-builder__move-error">Otázka „Co by', html, re.S)


# Sections


def test_add_edit_move_and_delete_sections(staff, survey):
    staff.post(f"{BASE}/{survey.pk}/oddily/novy/", {"title": "Závěr", "description": "Poslední otázky."})
    sections = list(survey.current_version.sections.order_by("order"))
    assert [section.title for section in sections] == ["O vás", "Služby v okolí", "Závěr"]
    assert "Vyplňte název oddílu." in text(staff.post(f"{BASE}/{survey.pk}/oddily/novy/", {"title": ""}))
    staff.post(f"{BASE}/{survey.pk}/oddily/{sections[2].pk}/", {"title": "Na závěr", "description": ""})
    move(staff, survey, "vzkaz", "down")  # into the empty last section
    assert question(survey, "vzkaz").section.title == "Na závěr"
    staff.post(f"{BASE}/{survey.pk}/oddily/{sections[0].pk}/posunout/", {"direction": "down"})
    assert codes_in_order(survey)[:3] == ["pomoc", "proc", "chybi"]  # "Služby v okolí" now first
    move(staff, survey, "skupina", "up")  # first of "O vás" into the end of "Služby v okolí": order unchanged
    html = text(staff.get(f"{BASE}/{survey.pk}/oddily/{sections[1].pk}/smazat/"))
    assert "Oddíl má 7 otázek. Otázky se nesmažou" in html
    response = staff.post(f"{BASE}/{survey.pk}/oddily/{sections[1].pk}/smazat/", follow=True)
    assert "Jeho otázky jsou teď v oddílu „O vás“." in text(response)
    assert [section.title for section in survey.current_version.sections.order_by("order")] == ["O vás", "Na závěr"]
    assert survey.current_version.questions.count() == 9
    assert codes_in_order(survey)[:3] == ["pomoc", "proc", "chybi"]


# Versions


def test_a_questionnaire_with_answers_is_changed_in_a_new_version(staff, survey):
    first = survey.current_version
    old_question, old_section = question(survey, "vzkaz"), first.sections.get(title="O vás")
    respond(survey, {"pomoc": "ne", "proc": "Nevím, kam jít."})
    html = text(staff.get(f"{BASE}/{survey.pk}/"))
    assert "Verze 1 už má odpovědi. Když otázky nebo oddíly upravíte, vznikne nová verze 2" in html
    response = staff.post(f"{BASE}/{survey.pk}/otazky/{old_question.pk}/", question_data(
        kind="long_text", code="vzkaz", text="Vzkaz pro radnici a obvody", section="2"), follow=True)
    html = text(response)
    assert "vznikla nová verze 2" in html and "Upravujete verzi 2" in html
    survey.refresh_from_db()
    assert survey.current_version.number == 2
    assert question(survey, "vzkaz").text == "Vzkaz pro radnici a obvody" and question(survey, "vzkaz").kind == "long_text"
    old_question.refresh_from_db()
    assert old_question.text == "Vzkaz pro radnici" and old_question.version == first
    # Links of the old version still lead to the same question and section of the new one, and no third version appears.
    assert "Vzkaz pro radnici a obvody" in text(staff.get(f"{BASE}/{survey.pk}/otazky/{old_question.pk}/"))
    staff.post(f"{BASE}/{survey.pk}/oddily/{old_section.pk}/", {"title": "O vás a vaší rodině"})
    move(staff, survey, "vek", "up")
    survey.refresh_from_db()
    assert survey.versions.count() == 2
    assert survey.current_version.sections.filter(title="O vás a vaší rodině").exists()
    assert first.sections.filter(title="O vás").exists()
    html = text(staff.get(f"{BASE}/{survey.pk}/"))
    assert re.search(r"verze 1</th>.*?<td class=\"okp-num\">1</td>", html, re.S)
    assert re.search(r"verze 2 .*?aktuální.*?<td class=\"okp-num\">0</td>", html, re.S)


def test_a_failed_change_makes_no_new_version(staff, survey):
    respond(survey, {"pomoc": "ano"})
    move(staff, survey, "proc", "up")  # not allowed: before its condition
    assert survey.versions.count() == 1


# Preview, copy


def test_preview_shows_the_questionnaire_as_respondents_see_it(staff, survey):
    html = text(staff.get(f"{BASE}/{survey.pk}/nahled/"))
    assert "Náhled verze 1" in html and "<h2>O vás</h2>" in html
    numbers = re.findall(r'okp-preview__number">(\d+)\.', html)
    assert numbers == [str(number) for number in range(1, 10)]
    assert "Zobrazí se, jen když je u otázky 3 odpověď Ne." in html
    assert 'type="radio" disabled' in html and 'type="checkbox" disabled' in html and "<textarea" in html
    assert "Praktický lékař" in html and "velmi spokojen/a" in html
    respond(survey, {"pomoc": "ano"})
    staff.post(f"{BASE}/{survey.pk}/otazky/{question(survey, 'vzkaz').pk}/smazat/")
    assert "Vzkaz pro radnici" in text(staff.get(f"{BASE}/{survey.pk}/nahled/?verze=1"))
    assert "Vzkaz pro radnici" not in text(staff.get(f"{BASE}/{survey.pk}/nahled/"))
    assert staff.get(f"{BASE}/{survey.pk}/nahled/?verze=7").status_code == 404


def test_copy_a_survey_for_the_next_period(staff, area, survey):
    next_period = PlanningPeriod.objects.create(area=area, name="Plán 2029–2032", start_year=2029, end_year=2032)
    assert "Dotazník pro uživatele (kopie)" in text(staff.get(f"{BASE}/{survey.pk}/kopie/"))
    response = staff.post(f"{BASE}/{survey.pk}/kopie/", {"title": "Dotazník pro uživatele 2029", "period": next_period.pk})
    copy = Survey.objects.get(title="Dotazník pro uživatele 2029")
    assert response["Location"] == f"{BASE}/{copy.pk}/"
    assert copy.period == next_period and copy.copied_from == survey and copy.status == "draft" and copy.group == survey.group
    assert codes_in_order(copy) == codes_in_order(survey)
    assert "9.</span> Vzkaz pro radnici" in text(staff.get(response["Location"]))


# One-time codes


def test_codes_are_shown_once_downloaded_and_stored_as_hashes(staff, survey):
    survey.uses_codes = True
    survey.save()
    html = text(staff.post(f"{BASE}/{survey.pk}/kody/", {"action": "generate", "count": "5"}))
    codes = re.findall(r"<code>([A-Z0-9]{4}-[A-Z0-9]{4})</code>", html)
    assert len(codes) == 5 and "Kódy vidíte jen teď." in html
    stored = set(SurveyCode.objects.filter(survey=survey).values_list("code_hash", flat=True))
    assert stored == {hash_token(code) for code in codes} and not SurveyCode.objects.filter(code_hash__in=codes).exists()
    assert code_hash(codes[0].lower().replace("-", " ")) in stored  # typed without the dash, in lower case
    other = sample_survey(survey.area, title="Jiný")
    foreign = "ABCD-EFGH"
    SurveyCode.objects.create(survey=other, code_hash=hash_token(foreign))
    response = staff.post(f"{BASE}/{survey.pk}/kody/", {"action": "csv", "code": codes + [foreign]})
    assert response["Content-Type"] == "text/csv; charset=utf-8" and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["kód", "dotazník"] and sorted(row[0] for row in rows[1:]) == sorted(codes)
    SurveyCode.objects.filter(code_hash=hash_token(codes[0])).update(used_at="2026-03-01T10:00Z")
    html = text(staff.get(f"{BASE}/{survey.pk}/kody/"))
    assert re.search(r"Vytvořeno kódů</dt><dd>5</dd>.*Použito</dt><dd>1</dd>", html, re.S) and "<code>" not in html


def test_codes_form_explains_a_bad_count(staff, survey):
    html = text(staff.post(f"{BASE}/{survey.pk}/kody/", {"action": "generate", "count": "0"}))
    assert "Vytvořte alespoň jeden kód." in html and not SurveyCode.objects.exists()
    assert "Dotazník teď přijímá odpovědi i bez kódu." in html
