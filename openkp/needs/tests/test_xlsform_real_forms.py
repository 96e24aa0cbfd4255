"""XLSForm import of real forms written by others (fixtures/xlsform, from pyxform's tests) and of every spelling the
XLSForm standard accepts: each form imports with a report naming what was left out, and export → import → export
gives the same workbook."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from webtest import Upload

from openkp.needs import xlsform
from openkp.needs.models import QuestionKind, Survey
from openkp.needs.tests.factories import sample_survey
from openkp.needs.tests.test_xlsform import workbook_bytes
from openkp.needs.xlsform.reading import short_value

FORMS = Path(__file__).parent / "fixtures" / "xlsform"
IMPORT_URL = "/mesto/sprava/potreby/import-dotazniku/"
EVERYTHING = "Z formuláře se převedlo vše."

# file: (questions as (code, kind), texts that the report page must show)
REAL_FORMS = {
    "UCL_Biomass_Plot_Form.xlsx": (
        [("leader_name", "single"), ("leader_number", "text"), ("plant_phase", "single"), ("canopy_cover", "number"),
         ("monumented", "single"), ("slope", "number"), ("any_trees", "single"), ("stumps_in_plot", "single"),
         ("regen_in_subplot1", "single"), ("regen_in_subplot2", "single"), ("disturbance", "multiple"), ("remarks", "text")],
        ["Odmítnuto", "opakovanou skupinu (repeat) dotazník OpenKP neumí; vynecháno i 17 položek v ní", "stumps", "subplot2",
         "Přeskočeno", "deviceid", "údaj, který zaznamenává mobilní aplikace sama", "slope_radius", "výpočty a skryté hodnoty",
         "region_id", "polohu na mapě", "Převedeno jen zčásti", "jazyky „English (en)“ nejsou převedeny",
         "Řádek 10: u otázky „leader_number“ není převedeno: constraint (regex(",
         "Řádek 2: ve skupině „intro“ není žádná převedená otázka; oddíl nevznikl.", "note2"],
    ),
    "loop.xlsx": (
        [("available_toilet_types", "multiple")],
        ["Odmítnuto", "loop_toilet_types", "opakování pro každou možnost seznamu (loop) dotazník OpenKP neumí; vynecháno i 1 položek"],
    ),
    "or_other.xlsx": (
        [("fav_color", "single"), ("fav_pastel", "single")],
        ["Převedeno jen zčásti", "Řádek 3: u otázky „fav_pastel“ není převedeno: choice_filter (pastel=yes).",
         "List „choices“: sloupce „pastel“ nejsou převedeny"],
    ),
    "specify_other.xlsx": ([("sex", "single")], [EVERYTHING]),
    "yes_or_no_question.xlsx": ([("good_day", "single")], [EVERYTHING]),
}


def submit_import(django_app, user, data, name="formular.xlsx"):
    page = django_app.get(IMPORT_URL, user=user)
    form = next(form for form in page.forms.values() if "file" in form.fields)
    form["file"] = Upload(name, data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return form.submit()


def sheets(data):
    """Everything a workbook says, sheet by sheet, as lists of cell texts (the form id aside: each survey has its own)."""
    workbook = load_workbook(io.BytesIO(data))
    content = {sheet.title: [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
               for sheet in workbook.worksheets}
    form_id = content["settings"][0].index("form_id")
    for row in content["settings"][1:]:
        row[form_id] = ""
    return content


@pytest.mark.parametrize("name", REAL_FORMS)
def test_real_form_imports_with_a_report(django_app, coordinator, name):
    questions, report = REAL_FORMS[name]
    response = submit_import(django_app, coordinator, (FORMS / name).read_bytes(), name)
    assert response.status_code == 302
    page = response.follow()
    survey = Survey.objects.get()
    assert survey.title == name.removesuffix(".xlsx") and survey.status == Survey.Status.DRAFT
    assert [(question.code, question.kind) for question in survey.current_version.questions.all()] == questions
    for text in report:
        assert text in page.text
    if EVERYTHING not in report:
        assert EVERYTHING not in page.text


def test_real_forms_keep_their_choices_and_other(area):
    survey, _plan = xlsform.import_xlsform((FORMS / "specify_other.xlsx").read_bytes(), area=area)
    sex = survey.current_version.questions.get()
    assert (sex.text, sex.allow_other) == ("What sex are you?", True)
    assert [(choice.value, choice.label) for choice in sex.choices.all() if not choice.is_other] == [("male", "Male"), ("female", "Female")]

    survey, _plan = xlsform.import_xlsform((FORMS / "UCL_Biomass_Plot_Form.xlsx").read_bytes(), area=area)
    questions = {question.code: question for question in survey.current_version.questions.all()}
    assert questions["leader_name"].text == "Jina Lako"  # settings: default_language Swahili (sw)
    assert questions["leader_name"].allow_other and questions["leader_name"].required
    assert [choice.value for choice in questions["plant_phase"].choices.all()] == [str(year) for year in range(2022, 2029)]
    assert [section.title for section in survey.current_version.sections.all()] == ["Taarifa za mtu anayejaza fomu", "Eneo"]
    assert questions["leader_name"].section.title == "Taarifa za mtu anayejaza fomu"


@pytest.mark.parametrize("name", [*REAL_FORMS, "own"])
def test_export_import_export_is_stable(area, name):
    source = sample_survey(area) if name == "own" else xlsform.import_xlsform((FORMS / name).read_bytes(), area=area)[0]
    first = xlsform.export_xlsform(source)
    copy, plan = xlsform.import_xlsform(first, area=area)
    second = xlsform.export_xlsform(copy)
    assert sheets(second) == sheets(first)
    assert (plan.skipped, plan.refused, plan.notes) == ([], [], [])
    assert len(sheets(first)["survey"]) > 1


# --- Spellings ---------------------------------------------------------------------------------------------

OLD_HEADER = ["Type", "Name", "Label:English", "Hint:English", "Required", "Relevance", "Appearance", "Constraint", "calculation",
              "choice_filter", "default"]


def old_form(rows, choices, **kwargs):
    rows = [list(row) + [""] * (len(OLD_HEADER) - len(row)) for row in rows]
    return workbook_bytes(rows, choices, survey_header=OLD_HEADER, choices_header=("list name", "name", "label:English"), **kwargs)


def test_every_spelling_of_types_and_columns(area):
    rows = [
        ["set_form_title", "Starý formulář"],
        ["get device id", "zarizeni"], ["imei", "imei"], ["start time", "zacatek"], ["get today", "dnes"], ["uri:username", "kdo"],
        ["note", "", "Úvodní poznámka bez názvu"],
        ["select one from yn", "pece", "Care?", "", "true()"],
        ["select all that apply from help or specify other", "pomoc", "Help", "", "TRUE"],
        ["add text prompt", "proc", "Why?", "", "", "${pece} = ‘yes’"],
        ["string", "jak", "How?", "", "yes", "${pece} = „no“"],
        ["int", "kolik", "How many?", "", "no", "${pece} = “yes”", "", ". >= 1"],
        ["add decimal prompt", "podil", "Share", "", "${pece} = 'yes'"],
        ["select1 yn", "znovu", "Again?"],
        ["begin lgroup", "deti", "Children"], ["string", "jmeno", "Name"], ["end lgroup"],
        ["begin looped group", "lide", "People"], ["end looped group"],
        ["begin loop over yn", "smycka", "Loop"], ["int", "pocet", "%(label)s"], ["end loop"],
        ["begin_group", "skupina", "Group"], ["q string", "v_skupine", "In group", "", "", "", "minimal", "", "", "", "nic"], ["end_group"],
        ["gps", "kde", "Where"], ["q picture", "foto", "Photo"], ["date time", "kdy", "When"],
        ["select_one_external yn", "ext", "External"], ["add calculate prompt", "vypocet", "", "", "", "", "", "", "1 + 1"],
    ]
    choices = [["yn", "yes", "Yes"], ["yn", "no", "No"], ["help", "home", "Home"]]
    survey, plan = xlsform.import_xlsform(old_form(rows, choices), area=area)
    questions = {question.code: question for question in survey.current_version.questions.all()}
    assert survey.title == "Starý formulář"
    assert list(questions) == ["pece", "pomoc", "proc", "jak", "kolik", "podil", "znovu", "v_skupine"]
    assert questions["pece"].kind == QuestionKind.SINGLE and questions["pece"].required
    assert [(choice.value, choice.label) for choice in questions["pece"].choices.all()] == [("yes", "Yes"), ("no", "No")]
    assert questions["pomoc"].kind == QuestionKind.MULTIPLE and questions["pomoc"].allow_other and questions["pomoc"].required
    assert questions["znovu"].kind == QuestionKind.SINGLE
    assert (questions["proc"].kind, questions["jak"].kind, questions["kolik"].kind) == ("text", "text", "number")
    assert questions["jak"].required and not questions["kolik"].required and questions["kolik"].min_value == 1
    # Conditions written with typographic quotes: ‘…’, „…“ and “…”.
    assert (questions["proc"].show_if_question, questions["proc"].show_if_values) == (questions["pece"], ["yes"])
    assert (questions["jak"].show_if_question, questions["jak"].show_if_values) == (questions["pece"], ["no"])
    assert (questions["kolik"].show_if_question, questions["kolik"].show_if_values) == (questions["pece"], ["yes"])

    skipped = {name: reason for _row, name, reason in plan.skipped}
    assert {"zarizeni", "imei", "zacatek", "dnes", "kdo"} <= set(skipped)
    assert "údaj, který zaznamenává mobilní aplikace sama" in skipped["imei"]
    assert (8, "generated_note_name_8", "poznámka je jen text bez odpovědi") in plan.skipped
    assert {"kde", "foto", "kdy", "ext", "vypocet"} <= set(skipped)
    assert [name for _row, name, _reason in plan.refused] == ["deti", "lide", "smycka"]
    notes = "\n".join(plan.notes)
    assert "Řádek 14: u otázky „podil“ není převedeno: povinnost podle výrazu (${pece} = 'yes')." in notes
    assert "Řádek 25: u otázky „v_skupine“ není převedeno: default (nic); appearance (minimal)." in notes


def test_same_name_in_two_groups(area):
    rows = [
        ["begin group", "matka", "Mother"], ["select one yn", "pracuje", "Works?"], ["int", "vek", "Age"], ["end group"],
        ["begin group", "otec", "Father"], ["select one yn", "pracuje", "Works?"], ["int", "vek", "Age"], ["end group"],
        ["string", "proc", "Why?", "", "", "${pracuje} = 'no'"],
    ]
    survey, plan = xlsform.import_xlsform(old_form(rows, [["yn", "yes", "Yes"], ["yn", "no", "No"]]), area=area)
    questions = survey.current_version.questions.all()
    assert [(question.code, question.section.title if question.section else None) for question in questions] == [
        ("pracuje", "Mother"), ("vek", "Mother"), ("otec_pracuje", "Father"), ("otec_vek", "Father"), ("proc", None)]
    assert "Řádek 7: název „pracuje“ má i otázka v jiné skupině; kód této otázky je „otec_pracuje“." in plan.notes
    # ${pracuje} could mean either question: left out and said so
    assert questions.get(code="proc").show_if_question is None
    assert any("podmínka „${pracuje} = 'no'“ otázky „proc“ není převedena" in note for note in plan.notes)


def test_same_name_twice_in_one_group_is_refused(area):
    rows = [["begin group", "g", "G"], ["string", "a", "A"], ["int", "a", "B"], ["end group"]]
    with pytest.raises(xlsform.XLSFormError) as error:
        xlsform.import_xlsform(old_form(rows, []), area=area)
    assert error.value.errors == ["List „survey“, řádek 4: název „a“ už je na řádku 3 ve stejné skupině; názvy ve skupině musí být jedinečné."]
    assert not Survey.objects.exists()


def test_choice_names_over_60_characters(area):
    long_yes = "ano_" + "a" * 70
    long_no = "ne_" + "n" * 70
    rows = [["select one from yn", "souhlas", "Souhlas?"], ["string", "proc", "Proč?", "", "", f"${{souhlas}} = '{long_no}'"]]
    survey, plan = xlsform.import_xlsform(old_form(rows, [["yn", long_yes, "Ano"], ["yn", long_no, "Ne"], ["yn", "mozna", "Možná"]]), area=area)
    souhlas = survey.current_version.questions.get(code="souhlas")
    values = [choice.value for choice in souhlas.choices.all()]
    assert values == [short_value(long_yes), short_value(long_no), "mozna"]
    assert all(len(value) == 60 for value in values[:2]) and values[0].startswith("ano_aaa") and values[0] != values[1]
    assert short_value(long_yes) == short_value(long_yes) and short_value(values[0]) == values[0]
    assert survey.current_version.questions.get(code="proc").show_if_values == [short_value(long_no)]
    assert f"Seznam „yn“: kód možnosti „{long_yes}“ je delší než 60 znaků; uložen jako „{values[0]}“." in plan.notes
    # and the shortened codes survive the round trip
    first = xlsform.export_xlsform(survey)
    assert sheets(xlsform.export_xlsform(xlsform.import_xlsform(first, area=area)[0])) == sheets(first)


def test_choice_filter_is_named_on_the_report_page(django_app, coordinator):
    page = submit_import(django_app, coordinator, (FORMS / "or_other.xlsx").read_bytes()).follow()
    assert "Převedeno jen zčásti" in page.text and "choice_filter (pastel=yes)" in page.text
    assert EVERYTHING not in page.text


def test_answers_with_the_original_long_choice_name_find_the_shortened_choice(area):
    from openkp.needs.answer_import import _Choices

    long_name = "uplne_" + "x" * 70
    survey, _plan = xlsform.import_xlsform(old_form([["select one from yn", "souhlas", "Souhlas?"]], [["yn", long_name, "Úplně"]]), area=area)
    choices = _Choices(survey.current_version.questions.get(code="souhlas"))
    assert choices.find(long_name) == short_value(long_name)
    assert choices.find("uplne_" + "y" * 70) is None
