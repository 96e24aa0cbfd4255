import re
from types import SimpleNamespace

import pytest

from openkp.needs.models import Answer, Theme
from openkp.needs.services.coding import KEYWORD_WEIGHT, suggest_themes
from openkp.needs.text import lemma_text
from openkp.structures.models import Group, PlanningPeriod

from .factories import respond, sample_survey


def answer(pk, text):
    return SimpleNamespace(pk=pk, text=text, lemmas=lemma_text(text))


def theme(pk, name, keywords=""):
    return Theme(pk=pk, name=name, keywords=keywords, order=0)


def test_suggestions_match_czech_inflections():
    housing, debts, care = theme(1, "Bydlení", "bydlení"), theme(2, "Dluhy", "dluhy, exekuce"), theme(3, "Péče", "odlehčovací služba")
    answers = [answer(10, "Nejvíc nám chybí pomoc s bydlením."), answer(11, "Kvůli dluhů jsme přišli o byt."),
               answer(12, "Počasí je hezké."), answer(13, "Chybí odlehčovací služby i bydlení.")]
    found = suggest_themes(answers, [housing, debts, care])
    assert [s.theme.name for s in found[10]] == ["Bydlení"] and found[10][0].score == KEYWORD_WEIGHT
    assert found[10][0].keywords == ("bydlení",)
    assert [s.theme.name for s in found[11]] == ["Dluhy"]
    assert 12 not in found
    # A keyword of two words matches when both words are there, in any form.
    assert {s.theme.name for s in found[13]} == {"Bydlení", "Péče"}


def test_suggestions_from_already_coded_answers_and_ranking():
    housing, debts = theme(1, "Bydlení"), theme(2, "Dluhy", "dluhy")
    coded = {1: [lemma_text("Nájemní byty jsou drahé, chybí sociální byty.")], 2: [lemma_text("Exekuce a nájemní smlouvy.")]}
    found = suggest_themes([answer(5, "Byty jsou drahé a mám dluhy.")], [housing, debts], coded)
    names = [s.theme.name for s in found[5]]
    assert names[0] == "Dluhy"  # a keyword weighs more than a few shared words
    assert "Bydlení" in names
    # Themes the answer already has are not suggested again.
    already = SimpleNamespace(pk=6, text="mám dluhy", lemmas=lemma_text("mám dluhy"), theme_ids={2})
    assert 6 not in suggest_themes([already], [debts])


@pytest.fixture
def coded_survey(area):
    """A survey with answers of seniors and of people with disabilities to its open question and to "jiné"."""
    survey = sample_survey(area)
    choices = {choice.label: choice.value for choice in survey.current_version.questions.get(code="skupina").choices.all()}
    seniors = next(value for label, value in choices.items() if "senio" in label.lower())
    disabled = next(value for label, value in choices.items() if "postiž" in label.lower())
    texts = [(seniors, "Chybí dostupné bydlení pro seniory."), (seniors, "Bydlení je drahé."), (disabled, "Nemám kde bydlet, bydlením trpím."),
             (disabled, "Mám velké dluhy."), (seniors, "Potřebuji poradit s dluhů.")]
    for group, text in texts:
        respond(survey, {"skupina": group, "pomoc": "ano", "vzkaz": text})
    respond(survey, {"skupina": seniors, "pomoc": "ano", "chybi": ["other"], "chybi__other": "Lavičky v parku"})
    respond(survey, {"pomoc": "ano", "vzkaz": "Bydlení bez uvedené skupiny"})
    housing = Theme.objects.create(area=area, survey=survey, name="Bydlení", keywords="bydlení", order=1)
    debts = Theme.objects.create(area=area, name="Dluhy", keywords="dluhy", order=2)
    return {"survey": survey, "housing": housing, "debts": debts, "seniors": seniors, "disabled": disabled}


def vzkaz(survey, text):
    return Answer.objects.get(response__survey=survey, question__code="vzkaz", text=text)


def coding_url(survey, **query):
    base = f"/mesto/sprava/potreby/dotazniky/{survey.pk}/kodovani/"
    return base + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def test_coding_page_lists_uncoded_first_with_suggestions(client, coordinator, coded_survey):
    survey, housing = coded_survey["survey"], coded_survey["housing"]
    housing.answers.add(vzkaz(survey, "Bydlení je drahé."))
    client.force_login(coordinator)
    html = client.get(coding_url(survey, otazka="vzkaz")).content.decode()
    assert "Nekódováno 5 z 6 odpovědí." in html
    assert html.index("Mám velké dluhy.") < html.index("Bydlení je drahé.")  # uncoded first
    assert "přijmout „Bydlení“" in html and "přijmout „Dluhy“" in html
    assert 'data-theme-key="1"' in html and "Klávesové zkratky" in html and re.search(r"needs/coding\.(\w+\.)?js", html)
    # The "jiné" texts of a choice question are coded too.
    html = client.get(coding_url(survey, otazka="chybi")).content.decode()
    assert "Lavičky v parku" in html


def test_coding_post_saves_checkboxes_accepts_and_bulk_assigns(client, coordinator, coded_survey):
    survey, housing, debts = coded_survey["survey"], coded_survey["housing"], coded_survey["debts"]
    first, second = vzkaz(survey, "Chybí dostupné bydlení pro seniory."), vzkaz(survey, "Mám velké dluhy.")
    client.force_login(coordinator)
    url = coding_url(survey, otazka="vzkaz")
    response = client.post(url, {"answers": [first.pk, second.pk], f"themes-{first.pk}": [housing.pk], "action": "save"})
    assert response.status_code == 302 and response["Location"].endswith("?otazka=vzkaz")
    assert list(first.themes.all()) == [housing] and not second.themes.exists()
    # Accepting a suggestion also keeps what was ticked, and unticking removes a theme.
    client.post(url, {"answers": [first.pk, second.pk], f"themes-{second.pk}": [housing.pk], "accept": f"{second.pk}-{debts.pk}"})
    assert set(second.themes.all()) == {housing, debts} and not first.themes.exists()
    # Bulk: two answers get one theme.
    third = vzkaz(survey, "Bydlení je drahé.")
    client.post(url, {"answers": [first.pk, third.pk], "selected": [first.pk, third.pk], "bulk_theme": debts.pk, "action": "bulk"})
    assert debts.answers.filter(pk__in=[first.pk, third.pk]).count() == 2
    response = client.post(url, {"answers": [first.pk], "action": "bulk", "bulk_theme": debts.pk}, follow=True)
    assert "zaškrtněte alespoň jednu odpověď" in response.content.decode()


def test_accept_all_suggestions_over_threshold(client, coordinator, coded_survey):
    survey, housing, debts = coded_survey["survey"], coded_survey["housing"], coded_survey["debts"]
    client.force_login(coordinator)
    response = client.post(coding_url(survey, otazka="vzkaz"), {"action": "accept_all", "min_score": 3}, follow=True)
    assert "Přijaté návrhy se skóre alespoň 3: 6." in response.content.decode()
    assert housing.answers.count() == 4  # the three housing answers of both groups and the one without a group
    assert set(debts.answers.values_list("text", flat=True)) == {"Mám velké dluhy.", "Potřebuji poradit s dluhů."}
    response = client.post(coding_url(survey, otazka="vzkaz"), {"action": "accept_all", "min_score": "x"})
    assert "celé číslo" in response.content.decode()


def test_one_answer_coded_with_htmx_returns_its_row(client, coordinator, coded_survey):
    survey, housing = coded_survey["survey"], coded_survey["housing"]
    target = vzkaz(survey, "Bydlení je drahé.")
    client.force_login(coordinator)
    url = f"/mesto/sprava/potreby/dotazniky/{survey.pk}/kodovani/odpoved/{target.pk}/"
    response = client.post(url, {f"themes-{target.pk}": [housing.pk]}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and f'id="answer-{target.pk}"' in html and "<html" not in html
    assert "kódováno" in html and list(target.themes.all()) == [housing]
    response = client.post(url, {})  # without htmx: back to the page
    assert response.status_code == 302 and not target.themes.exists()
    # An answer of another survey is not found here.
    other = sample_survey(survey.area, title="Jiný")
    foreign = respond(other, {"pomoc": "ano", "vzkaz": "cizí"}).answers.get(question__code="vzkaz")
    assert client.post(f"/mesto/sprava/potreby/dotazniky/{survey.pk}/kodovani/odpoved/{foreign.pk}/", {}).status_code == 404


def test_theme_frequencies_per_target_group(client, coordinator, coded_survey):
    survey, housing, debts = coded_survey["survey"], coded_survey["housing"], coded_survey["debts"]
    housing.answers.add(*[vzkaz(survey, text) for text in ("Chybí dostupné bydlení pro seniory.", "Bydlení je drahé.",
                                                           "Nemám kde bydlet, bydlením trpím.", "Bydlení bez uvedené skupiny")])
    debts.answers.add(vzkaz(survey, "Mám velké dluhy."))
    from openkp.needs.selectors.coding import theme_frequencies
    groups, rows = theme_frequencies(survey)
    by_theme = {row.theme.name: row for row in rows}
    counts = {group.name: by_theme["Bydlení"].counts[index] for index, group in enumerate(groups)}
    assert sorted(counts.values()) == [1, 2] and by_theme["Bydlení"].unknown == 1 and by_theme["Bydlení"].total == 4
    assert by_theme["Dluhy"].total == 1
    client.force_login(coordinator)
    html = client.get(f"/mesto/sprava/potreby/dotazniky/{survey.pk}/temata/").content.decode()
    assert "Četnost témat" in html and "neuvedeno" in html and "Bydlení" in html


def test_cross_cutting_themes_ranked_by_groups_then_answers(client, area, coordinator, coded_survey):
    survey, housing, debts = coded_survey["survey"], coded_survey["housing"], coded_survey["debts"]
    housing.answers.add(vzkaz(survey, "Chybí dostupné bydlení pro seniory."), vzkaz(survey, "Nemám kde bydlet, bydlením trpím."))
    debts.answers.add(vzkaz(survey, "Mám velké dluhy."), vzkaz(survey, "Potřebuji poradit s dluhů."), vzkaz(survey, "Bydlení je drahé."),
                      vzkaz(survey, "Nemám kde bydlet, bydlením trpím."))
    lonely = Theme.objects.create(area=area, name="Lavičky")
    lonely.answers.add(Answer.objects.get(text="Lavičky v parku"))
    # A theme of the same name in another survey counts together with the first one.
    other = sample_survey(area, title="Poskytovatelé")
    tg = other.current_version.questions.get(code="skupina").choices.get(value=coded_survey["disabled"])
    extra = respond(other, {"skupina": tg.value, "pomoc": "ano", "vzkaz": "bydlení"}).answers.get(question__code="vzkaz")
    Theme.objects.create(area=area, survey=other, name="bydlení").answers.add(extra)
    from openkp.needs.selectors.coding import cross_cutting_themes
    ranked, _total = cross_cutting_themes(area=area)
    assert [(entry.name, entry.group_count, entry.answers) for entry in ranked] == [("Dluhy", 2, 4), ("Bydlení", 2, 3)]
    client.force_login(coordinator)
    html = client.get("/mesto/sprava/potreby/temata/prurezova/").content.decode()
    assert html.index("Dluhy") < html.index("Bydlení") and "Lavičky" not in html and "<svg" in html
    html = client.get("/mesto/sprava/potreby/temata/prurezova/?skupin=1").content.decode()
    assert "Lavičky" in html


def test_theme_management(client, area, coordinator, coded_survey):
    survey = coded_survey["survey"]
    client.force_login(coordinator)
    html = client.get(f"/mesto/sprava/potreby/temata/?dotaznik={survey.pk}").content.decode()
    assert "Bydlení" in html and "Dluhy" in html and "společné" in html
    response = client.post("/mesto/sprava/potreby/temata/nove/", {"survey": survey.pk, "name": "Doprava", "keywords": "autobus, doprava",
                                                                  "order": 3})
    assert response.status_code == 302
    response = client.post("/mesto/sprava/potreby/temata/nove/", {"survey": survey.pk, "name": "doprava", "order": 4})
    assert "už mezi tématy tohoto dotazníku je" in response.content.decode()
    response = client.post("/mesto/sprava/potreby/temata/nove/", {"survey": "", "name": "", "order": 1})
    assert "Vyplňte název tématu" in response.content.decode()
    doprava = Theme.objects.get(name="Doprava")
    client.post(f"/mesto/sprava/potreby/temata/{doprava.pk}/upravit/", {"survey": "", "name": "Doprava k lékaři", "order": 3})
    doprava.refresh_from_db()
    assert doprava.name == "Doprava k lékaři" and doprava.survey is None
    assert "Smazat téma" in client.get(f"/mesto/sprava/potreby/temata/{doprava.pk}/smazat/").content.decode()
    client.post(f"/mesto/sprava/potreby/temata/{doprava.pk}/smazat/")
    assert not Theme.objects.filter(pk=doprava.pk).exists()


def test_other_areas_themes_and_surveys_are_404(client, other_area, coordinator, coded_survey, person_with_role):
    foreign_survey = sample_survey(other_area, title="Cizí")
    foreign_theme = Theme.objects.create(area=other_area, name="Cizí téma")
    client.force_login(coordinator)
    assert client.get(f"/mesto/sprava/potreby/dotazniky/{foreign_survey.pk}/kodovani/").status_code == 404
    assert client.get(f"/mesto/sprava/potreby/temata/{foreign_theme.pk}/upravit/").status_code == 404
    assert "Cizí téma" not in client.get("/mesto/sprava/potreby/temata/").content.decode()


ALL = (200,) * 5


@pytest.mark.parametrize("role, code_statuses, view_status", [
    (None, (302,) * 5, 302), ("outsider", (404,) * 5, 404), ("member", (403,) * 5, 200), ("observer", (403,) * 5, 200),
    # The survey is the whole area's: a group manager sees the themes but changes and codes only her group's surveys.
    ("group_manager", (200, 200, 403, 403, 403), 200), ("group_lead", ALL, 200), ("coordinator", ALL, 200),
])
def test_permission_matrix(client, area, outsider, person_with_role, manager_of, coded_survey, role, code_statuses, view_status):
    survey, theme = coded_survey["survey"], coded_survey["housing"]
    if role == "outsider":
        client.force_login(outsider)
    elif role == "group_lead":
        period = PlanningPeriod.objects.create(area=area, name="2025–2027", start_year=2025, end_year=2027)
        survey.group = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
        survey.save()
        client.force_login(manager_of(survey.group))
    elif role:
        client.force_login(person_with_role(area, role))
    coding_urls = ["/mesto/sprava/potreby/temata/", "/mesto/sprava/potreby/temata/nove/", f"/mesto/sprava/potreby/temata/{theme.pk}/upravit/",
                   f"/mesto/sprava/potreby/temata/{theme.pk}/smazat/", f"/mesto/sprava/potreby/dotazniky/{survey.pk}/kodovani/"]
    assert tuple(client.get(url).status_code for url in coding_urls) == code_statuses
    for url in ["/mesto/sprava/potreby/temata/prurezova/", f"/mesto/sprava/potreby/dotazniky/{survey.pk}/temata/"]:
        assert client.get(url).status_code == view_status, url
    answer_url = f"/mesto/sprava/potreby/dotazniky/{survey.pk}/kodovani/odpoved/{vzkaz(survey, 'Bydlení je drahé.').pk}/"
    assert client.post(answer_url, {}).status_code == (302 if code_statuses[-1] == 200 else code_statuses[-1])


def test_group_manager_keeps_to_her_groups_themes(django_app, area, manager_of, coded_survey):
    """The themes shared by all surveys and those of other groups' surveys are the coordinator's: no links, 403 on posting."""
    period = PlanningPeriod.objects.create(area=area, name="2025–2027", start_year=2025, end_year=2027)
    group = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
    own_survey = sample_survey(area, title="Dotazník seniorů", group=group)
    own_theme = Theme.objects.create(area=area, survey=own_survey, name="Osamělost")
    manager = manager_of(group)
    page = django_app.get("/mesto/sprava/potreby/temata/", user=manager)
    assert page.html.find("a", href=f"/mesto/sprava/potreby/temata/{own_theme.pk}/smazat/")
    for theme in (coded_survey["housing"], coded_survey["debts"]):
        assert not page.html.find("a", href=f"/mesto/sprava/potreby/temata/{theme.pk}/smazat/")
        assert django_app.post(f"/mesto/sprava/potreby/temata/{theme.pk}/smazat/", user=manager, expect_errors=True).status_int == 403
    assert Theme.objects.filter(pk=coded_survey["debts"].pk).exists()
    form = next(form for form in django_app.get("/mesto/sprava/potreby/temata/nove/", user=manager).forms.values() if "survey" in form.fields)
    assert [value for value, _selected, _label in form["survey"].options if value] == [str(own_survey.pk)]
    form["name"] = "Sdílené téma"
    assert "Vyberte dotazník své skupiny" in form.submit().text
    form["survey"] = str(own_survey.pk)
    assert form.submit().status_int == 302
    assert Theme.objects.get(name="Sdílené téma").survey == own_survey


def test_pages_stay_flat(client, area, coordinator, coded_survey, django_assert_max_num_queries):
    survey, housing = coded_survey["survey"], coded_survey["housing"]
    for number in range(30):
        respond(survey, {"pomoc": "ano", "skupina": coded_survey["seniors"], "vzkaz": f"Bydlení číslo {number}"})
    housing.answers.add(*Answer.objects.filter(text__startswith="Bydlení číslo")[:10])
    for index in range(8):
        Theme.objects.create(area=area, survey=survey, name=f"Téma {index}", keywords=f"slovo{index}")
    client.force_login(coordinator)
    with django_assert_max_num_queries(20):
        assert client.get(coding_url(survey, otazka="vzkaz")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/mesto/sprava/potreby/dotazniky/{survey.pk}/temata/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/mesto/sprava/potreby/temata/prurezova/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/mesto/sprava/potreby/temata/").status_code == 200
