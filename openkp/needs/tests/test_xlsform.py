"""XLSForm: export read back with openpyxl, import (types, labels, conditions, the report), the round trip,
broken files (nothing written) and who may use the pages."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from openkp.accounts.tests.factories import UserFactory
from openkp.needs import xlsform
from openkp.needs.models import QuestionKind, Survey
from openkp.needs.tests.factories import SAMPLE_QUESTIONS, sample_survey

SURVEY_HEADER = ["type", "name", "label", "hint", "required", "relevant", "appearance", "constraint"]


def workbook_bytes(survey_rows, choices=(), settings=None, survey_header=SURVEY_HEADER, choices_header=("list_name", "name", "label")):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    sheet.append(list(survey_header))
    for row in survey_rows:
        sheet.append(list(row))
    if choices is not None:
        choice_sheet = workbook.create_sheet("choices")
        choice_sheet.append(list(choices_header))
        for row in choices:
            choice_sheet.append(list(row))
    if settings:
        settings_sheet = workbook.create_sheet("settings")
        settings_sheet.append(list(settings))
        settings_sheet.append(list(settings.values()))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def upload(data, name="formular.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def sheet_rows(workbook, title):
    rows = list(workbook[title].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, (value or "" for value in row))) for row in rows[1:]]


@pytest.fixture
def survey(area):
    return sample_survey(area)


# --- Export ------------------------------------------------------------------------------------------------

def test_export_reads_back_as_xlsform(client, coordinator, survey):
    client.force_login(coordinator)
    response = client.get(f"/mesto/sprava/potreby/dotazniky/{survey.pk}/xlsform.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["survey", "choices", "settings"]
    rows = {row["name"]: row for row in sheet_rows(workbook, "survey") if row["type"] not in ("end_group",)}

    assert rows["oddil_1"]["type"] == "begin_group" and rows["oddil_1"]["label"] == "O vás"
    assert rows["oddil_2"]["label"] == "Služby v okolí"
    assert rows["skupina"]["type"] == "select_one skupina" and rows["skupina"]["required"] == "yes"
    assert rows["obvod"]["type"] == "select_one obvod"
    assert rows["pomoc"]["type"] == "select_one pomoc"
    assert rows["proc"]["type"] == "text" and rows["proc"]["appearance"] == "multiline"
    assert rows["proc"]["relevant"] == "${pomoc} = 'ne'"
    assert rows["chybi"]["type"] == "select_multiple chybi"
    assert rows["chybi__other"]["type"] == "text" and rows["chybi__other"]["relevant"] == "selected(${chybi}, 'other')"
    assert rows["spokojenost"]["type"] == "select_one spokojenost" and rows["spokojenost"]["appearance"] == "likert"
    assert rows["dostupnost"]["type"] == "begin_group" and rows["dostupnost"]["appearance"] == "field-list"
    assert rows["dostupnost_header"]["appearance"] == "label"
    assert rows["dostupnost_header"]["label"] == "Jak snadno se dostanete k těmto službám?"
    assert rows["dostupnost__lekar"]["type"] == "select_one dostupnost"
    assert rows["dostupnost__lekar"]["appearance"] == "list-nolabel" and rows["dostupnost__lekar"]["label"] == "Praktický lékař"
    assert rows["vek"]["type"] == "integer" and rows["vek"]["constraint"] == ". >= 0 and . <= 120"
    assert rows["vzkaz"]["type"] == "text" and rows["vzkaz"]["appearance"] == ""

    choices = [(row["list_name"], row["name"], row["label"]) for row in sheet_rows(workbook, "choices")]
    assert ("pomoc", "ano", "Ano") in choices
    assert ("chybi", "other", "jiné") in choices
    assert ("obvod", "p546003", "Ostrava-Jih") in choices
    assert ("spokojenost", "5", "5 – velmi spokojen/a") in choices
    assert ("dostupnost", "obtizne", "Obtížně") in choices
    settings = sheet_rows(workbook, "settings")[0]
    assert settings["form_title"] == "Dotazník pro uživatele"
    assert settings["form_id"] == survey.slug and settings["version"] == "1"


def test_decimal_when_bounds_are_not_whole(area):
    from openkp.needs.services.surveys import question_add, survey_create

    survey = survey_create(area=area, title="Čísla")
    question_add(version=survey.current_version, kind=QuestionKind.NUMBER, text="Kolik hodin týdně?", code="hodiny", max_value="7.5")
    question_add(version=survey.current_version, kind=QuestionKind.NUMBER, text="Kolik?", code="kolik")
    rows = {row["name"]: row for row in sheet_rows(load_workbook(io.BytesIO(xlsform.export_xlsform(survey))), "survey")}
    assert rows["hodiny"]["type"] == "decimal" and rows["hodiny"]["constraint"] == ". <= 7.5"
    assert rows["kolik"]["type"] == "decimal" and rows["kolik"]["constraint"] == ""


# --- Round trip --------------------------------------------------------------------------------------------

def _described(survey):
    version = survey.current_version
    described = {}
    for question in version.questions.select_related("section", "show_if_question").prefetch_related("choices", "rows"):
        described[question.code] = {
            "kind": question.kind, "text": question.text, "help_text": question.help_text, "required": question.required,
            "section": question.section.title if question.section else None, "allow_other": question.allow_other,
            "choices": [(choice.value, choice.label, choice.is_other) for choice in question.choices.all()],
            "rows": [(row.value, row.label) for row in question.rows.all()],
            "condition": (question.show_if_question.code, question.show_if_values) if question.show_if_question else None,
            "scale": (question.scale_min, question.scale_max, question.scale_min_label, question.scale_max_label),
            "bounds": (question.min_value, question.max_value),
        }
    return described


def test_round_trip_keeps_the_questionnaire(area, survey, coordinator):
    imported, plan = xlsform.import_xlsform(xlsform.export_xlsform(survey), area=area, user=coordinator)
    assert imported.pk != survey.pk and imported.status == Survey.Status.DRAFT
    assert imported.title == survey.title and imported.created_by == coordinator
    assert list(_described(imported)) == [code for code, *_rest in SAMPLE_QUESTIONS]
    assert _described(imported) == _described(survey)
    assert [section.title for section in imported.current_version.sections.all()] == ["O vás", "Služby v okolí"]
    assert plan.skipped == [] and plan.refused == [] and plan.notes == []


def test_round_trip_through_the_pages(client, coordinator, survey):
    client.force_login(coordinator)
    exported = client.get(f"/mesto/sprava/potreby/dotazniky/{survey.pk}/xlsform.xlsx").content
    response = client.post("/mesto/sprava/potreby/import-dotazniku/", {"file": upload(exported), "title": "Kopie z Koba"}, follow=True)
    assert response.status_code == 200
    copy = Survey.objects.get(title="Kopie z Koba")
    assert response.redirect_chain[-1][0] == f"/mesto/sprava/potreby/import-dotazniku/{copy.pk}/"
    html = response.content.decode()
    assert "Převedené otázky" in html and "Kolik je vám let?" in html and "tabulka (matice)" in html
    assert "Z formuláře se převedlo vše." in html
    assert _described(copy) == _described(survey)


# --- Import of foreign forms -------------------------------------------------------------------------------

KOBO_HEADER = ["type", "name", "label::English (en)", "label::Czech (cs)", "hint::Czech (cs)", "required", "relevant", "appearance", "constraint"]
KOBO_CHOICES_HEADER = ["list_name", "name", "label::English (en)", "label::Czech (cs)"]


def kobo_form():
    rows = [
        ["start", "start", "", "", "", "", "", "", ""],
        ["begin group", "uvod", "Intro", "Úvod", "", "", "", "", ""],
        ["note", "vitejte", "Welcome", "Děkujeme, že vyplníte dotazník.", "", "", "", "", ""],
        ["select_one yn", "pece", "Do you care for someone?", "Pečujete o někoho blízkého?", "Třeba o rodiče.", "TRUE", "", "", ""],
        ["integer", "vek", "Age", "Kolik je vám let?", "", "", "", "", ". > 15 and . < 100"],
        ["end group", "", "", "", "", "", "", "", ""],
        ["select_multiple help or_other", "pomoc", "Help", "Jaká pomoc by se hodila?", "", "", "${pece} = 'yes'", "", ""],
        ["text", "vzkaz", "Message", "Vzkaz", "", "", "${vek} > 18", "multiline", ""],
        ["select_one five", "spokojenost", "Satisfaction", "Spokojenost", "", "", "", "likert", ""],
        ["begin_group", "mesto", "", "", "", "", "", "field-list", ""],
        ["select_one ease", "mesto_h", "Access", "Dostupnost", "", "", "", "label", ""],
        ["select_one ease", "mesto_lekar", "Doctor", "Lékař", "", "", "", "list-nolabel", ""],
        ["select_one ease", "mesto_urad", "Office", "Úřad", "", "", "", "list-nolabel", ""],
        ["end_group", "", "", "", "", "", "", "", ""],
        ["calculate", "skore", "", "", "", "", "", "", ""],
        ["date", "datum", "Date", "Datum", "", "", "", "", ""],
        ["geopoint", "kde", "Where", "Kde", "", "", "", "", ""],
        ["begin repeat", "deti", "Children", "Děti", "", "", "", "", ""],
        ["text", "jmeno", "Name", "Jméno", "", "", "", "", ""],
        ["integer", "vek_ditete", "Age", "Věk", "", "", "", "", ""],
        ["end repeat", "", "", "", "", "", "", "", ""],
    ]
    choices = [
        ["yn", "yes", "Yes", "Ano"], ["yn", "no", "No", "Ne"],
        ["help", "home", "Home care", "Pomoc doma"], ["help", "transport", "Transport", "Doprava"],
        ["five", "1", "1", "1 - vůbec"], ["five", "2", "2", "2"], ["five", "3", "3", "3 - velmi"],
        ["ease", "easy", "Easy", "Snadno"], ["ease", "hard", "Hard", "Obtížně"],
    ]
    return workbook_bytes(rows, choices, {"form_title": "Péče v rodině", "form_id": "pece", "version": "2024"},
                          survey_header=KOBO_HEADER, choices_header=KOBO_CHOICES_HEADER)


def test_import_of_a_kobo_form(area, coordinator):
    survey, plan = xlsform.import_xlsform(kobo_form(), area=area, user=coordinator)
    assert survey.title == "Péče v rodině" and survey.status == Survey.Status.DRAFT
    questions = {question.code: question for question in survey.current_version.questions.all()}
    assert list(questions) == ["pece", "vek", "pomoc", "vzkaz", "spokojenost", "mesto"]

    pece = questions["pece"]
    assert (pece.kind, pece.text, pece.help_text, pece.required) == (QuestionKind.SINGLE, "Pečujete o někoho blízkého?", "Třeba o rodiče.", True)
    assert [(choice.value, choice.label) for choice in pece.choices.all()] == [("yes", "Ano"), ("no", "Ne")]
    assert pece.section.title == "Úvod" and pece.section.description == "Děkujeme, že vyplníte dotazník."
    assert questions["vek"].kind == QuestionKind.NUMBER and questions["vek"].min_value is None  # "> 15" is not a simple bound
    pomoc = questions["pomoc"]
    assert pomoc.kind == QuestionKind.MULTIPLE and pomoc.allow_other and pomoc.section is None
    assert [choice.value for choice in pomoc.choices.all()] == ["home", "transport", "other"]
    assert (pomoc.show_if_question, pomoc.show_if_values) == (pece, ["yes"])
    assert questions["vzkaz"].kind == QuestionKind.LONG_TEXT and questions["vzkaz"].show_if_question is None
    scale = questions["spokojenost"]
    assert (scale.kind, scale.scale_min, scale.scale_max, scale.scale_min_label, scale.scale_max_label) == (QuestionKind.SCALE, 1, 3, "vůbec", "velmi")
    matrix = questions["mesto"]
    assert matrix.kind == QuestionKind.MATRIX and matrix.text == "Dostupnost"
    assert [(row.value, row.label) for row in matrix.rows.all()] == [("mesto_lekar", "Lékař"), ("mesto_urad", "Úřad")]
    assert [choice.label for choice in matrix.choices.all()] == ["Snadno", "Obtížně"]

    skipped = {name: reason for _row, name, reason in plan.skipped}
    assert set(skipped) == {"start", "skore", "datum", "kde"}
    assert [name for _row, name, _reason in plan.refused] == ["deti"]
    notes = " ".join(plan.notes)
    assert "${vek} > 18" in notes and ". > 15 and . < 100" in notes


def test_import_page_shows_the_report(client, coordinator, area):
    client.force_login(coordinator)
    response = client.post("/mesto/sprava/potreby/import-dotazniku/", {"file": upload(kobo_form())}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dotazník „Péče v rodině“ je vytvořen jako koncept." in html
    assert "Odmítnuto" in html and "opakovanou skupinu (repeat)" in html
    assert "Přeskočeno" in html and "polohu na mapě" in html and "datum a čas" in html
    assert "Převedeno jen zčásti" in html and "${vek} &gt; 18" in html


def test_plain_label_column_and_field_list_that_is_no_matrix(area):
    rows = [
        ["begin_group", "stranka", "Stránka", "", "", "", "field-list", ""],
        ["select_one yn", "a", "První", "", "", "", "", ""],
        ["text", "b", "Druhá", "", "", "", "", ""],
        ["end_group", "", "", "", "", "", "", ""],
        ["select_one_from_file obce.csv", "obec", "Obec", "", "", "", "", ""],
    ]
    survey, plan = xlsform.import_xlsform(workbook_bytes(rows, [["yn", "ano", "Ano"], ["yn", "ne", "Ne"]]), area=area, filename="muj-formular.xlsx")
    assert survey.title == "muj-formular"
    assert [(question.code, question.kind) for question in survey.current_version.questions.all()] == [("a", "single"), ("b", "text")]
    assert [section.title for section in survey.current_version.sections.all()] == ["Stránka"]
    assert [name for _row, name, _reason in plan.skipped] == ["obec"]


# --- Broken files: nothing written ------------------------------------------------------------------------

BROKEN = [
    (b"type,name\ntext,a\n", "Soubor není sešit XLSX"),
    ("no-survey", "chybí list „survey“"),
    (workbook_bytes([["text", "a"]], survey_header=["name", "label"]), "Na listu „survey“ chybí sloupec „type“."),
    (workbook_bytes([["text", "a", "A"], ["integer", "a", "B"]]), "List „survey“, řádek 3: název „a“ už je na řádku 2"),
    (workbook_bytes([["select_one barvy", "a", "A"]], [["yn", "ano", "Ano"]]), "List „survey“, řádek 2: seznam možností „barvy“ není na listu „choices“."),
    (workbook_bytes([["begin_group", "g", "G"], ["text", "a", "A"]]), "List „survey“, řádek 2: skupina „g“ není ukončena"),
    (workbook_bytes([["text", "a", "A"], ["end_group", "", ""]]), "List „survey“, řádek 3: „end_group“ nemá odpovídající začátek."),
    (workbook_bytes([["selekt", "a", "A"]]), "List „survey“, řádek 2: neznámý typ „selekt“."),
    (workbook_bytes([["select_one yn", "a", "A"]], [["yn", "ano", "Ano"], ["yn", "ano", "Jo"]]), "List „choices“, řádek 3: možnost „ano“ je v seznamu „yn“ dvakrát."),
    (workbook_bytes([["calculate", "x", ""], ["note", "n", "Ahoj"]]), "Formulář neobsahuje žádnou otázku"),
]


@pytest.mark.parametrize(("data", "message"), BROKEN)
def test_broken_file_writes_nothing(client, coordinator, area, data, message):
    if data == "no-survey":
        workbook = Workbook()
        workbook.active.title = "questions"
        output = io.BytesIO()
        workbook.save(output)
        data = output.getvalue()
    client.force_login(coordinator)
    response = client.post("/mesto/sprava/potreby/import-dotazniku/", {"file": upload(data)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Formulář nejde převést" in response.content.decode()
    assert not Survey.objects.exists()


def test_error_while_saving_rolls_back(area):
    # The bound does not fit the question's 12 digits: the survey created a moment before must go too.
    data = workbook_bytes([["text", "a", "A"], ["integer", "b", "B", "", "", "", "", ". >= 99999999999999"]])
    with pytest.raises(xlsform.XLSFormError) as error:
        xlsform.import_xlsform(data, area=area)
    assert error.value.errors[0].startswith("Dotazník nelze uložit")
    assert not Survey.objects.exists()


# --- Who may use the pages ---------------------------------------------------------------------------------

EXPECTED = {
    #                export import report
    "coordinator":   (200, 200, 200),
    "group_manager": (200, 200, 200),
    "member":        (403, 403, 403),
    "observer":      (403, 403, 403),
    "outsider":      (404, 404, 404),
}


@pytest.mark.parametrize("role", EXPECTED)
def test_permission_matrix(client, area, survey, person_with_role, role):
    user = UserFactory(username="cizinec") if role == "outsider" else person_with_role(area, role)
    client.force_login(user)
    urls = [f"/mesto/sprava/potreby/dotazniky/{survey.pk}/xlsform.xlsx", "/mesto/sprava/potreby/import-dotazniku/",
            f"/mesto/sprava/potreby/import-dotazniku/{survey.pk}/"]
    assert tuple(client.get(url).status_code for url in urls) == EXPECTED[role]


def test_anonymous_goes_to_login_and_other_area_is_404(client, area, other_area, survey, person_with_role):
    response = client.get(f"/mesto/sprava/potreby/dotazniky/{survey.pk}/xlsform.xlsx")
    assert response.status_code == 302 and response["Location"].startswith("/ucet/prihlaseni/")
    foreign = sample_survey(other_area, title="Jinde")
    client.force_login(person_with_role(area, "coordinator"))
    assert client.get(f"/mesto/sprava/potreby/dotazniky/{foreign.pk}/xlsform.xlsx").status_code == 404
    assert client.get(f"/mesto/sprava/potreby/import-dotazniku/{foreign.pk}/").status_code == 404


def test_a_sheet_over_the_row_limit_is_refused_with_the_limit(django_app, coordinator, area, settings):
    from webtest import Upload

    settings.IMPORT_MAX_ROWS_XLSFORM = 3
    data = workbook_bytes([["text", f"q{index}", f"Otázka {index}"] for index in range(4)])
    page = django_app.get("/mesto/sprava/potreby/import-dotazniku/", user=coordinator)
    form = next(form for form in page.forms.values() if "file" in form.fields)
    form["file"] = Upload("formular.xlsx", data)
    refused = form.submit()
    assert "Soubor má více než 3 řádků s údaji (čtení jsme zastavili na 5. řádku)" in refused.text
    assert not Survey.objects.exists()
