"""Analysis of survey answers: frequencies and crosstabs checked by hand on a small fixture, filters, missing
answers, versions put together by code, the pages, the exports read back, permissions and flat query counts."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader

from openkp.accounts.tests.factories import UserFactory
from openkp.needs.exports import is_ordinal
from openkp.needs.models import Answer, Response, Theme
from openkp.needs.selectors.analysis import MODE, AnalysedQuestion, Selection, analyse, crosstab, questionnaire, text_answers
from openkp.needs.services.surveys import editable_version, question_add
from openkp.needs.tests.factories import respond, sample_survey

BASE = "/mesto/sprava/potreby/dotazniky/{pk}/analyza/"


def group_values(survey):
    """Choice values of two target groups: seniors and carers."""
    choices = survey.current_version.questions.get(code="skupina").choices
    return choices.get(label="senioři").value, choices.get(label="pečující osoby").value


@pytest.fixture
def survey(area):
    """Four complete responses and a draft (which the analysis leaves out):

    ====  ========  ============  =====  ==========================  ===========  ==================  ===  =========
    no.   group     district      help   missing in the area         satisfied    access (GP, office)  age  mode
    ====  ========  ============  =====  ==========================  ===========  ==================  ===  =========
    1     seniors   Ostrava-Jih   yes    housing, transport          4            easy, hard          70   online
    2     seniors   Poruba        no     housing                     2            hard, –             80   paper
    3     carers    Ostrava-Jih   no     –                           5            –                   30   online
    4     carers    –             yes    transport, other "Lavičky"  4            easy, easy          –    interview
    ====  ========  ============  =====  ==========================  ===========  ==================  ===  =========
    """
    survey = sample_survey(area)
    seniors, carers = group_values(survey)
    respond(survey, {"skupina": seniors, "obvod": "p546003", "pomoc": "ano", "chybi": ["bydleni", "doprava"], "spokojenost": "4",
                     "dostupnost": {"lekar": "snadno", "urad": "obtizne"}, "vek": "70", "vzkaz": "Děkuji"})
    respond(survey, {"skupina": seniors, "obvod": "p546054", "pomoc": "ne", "proc": "Nevím, kam jít", "chybi": ["bydleni"],
                     "spokojenost": "2", "dostupnost": {"lekar": "obtizne"}, "vek": "80"}, mode=Response.Mode.PAPER)
    respond(survey, {"skupina": carers, "obvod": "p546003", "pomoc": "ne", "spokojenost": "5", "vek": "30"})
    respond(survey, {"skupina": carers, "pomoc": "ano", "chybi": ["doprava", "other"], "chybi__other": "Lavičky", "spokojenost": "4",
                     "dostupnost": {"lekar": "snadno", "urad": "snadno"}}, mode=Response.Mode.INTERVIEW)
    respond(survey, {"skupina": seniors, "pomoc": "ano"}, complete=False)
    return survey


def results_by_code(analysis):
    return {result.question.code: result for result in analysis.results}


def counts(result):
    return {choice.value: choice.count for choice in result.choices}


# --- selectors -------------------------------------------------------------------------------------

def test_frequencies_checked_by_hand(survey):
    analysis = analyse(Selection(survey))
    results = results_by_code(analysis)
    assert analysis.respondents == 4
    assert {item.value: item.count for item in analysis.by_mode} == {"online": 2, "paper": 1, "interview": 1, "import": 0}

    help_ = results["pomoc"]
    assert (help_.answered, help_.missing, counts(help_)) == (4, 0, {"ano": 2, "ne": 2})
    assert [choice.percent for choice in help_.choices] == [50.0, 50.0]

    district = results["obvod"]
    assert (district.answered, district.missing) == (3, 1)
    assert [(choice.label, choice.count) for choice in district.choices] == [("Ostrava-Jih", 2), ("Poruba", 1)]

    # Multiple choice: percentages of the 3 who answered, adding up to more than 100 %.
    missing = results["chybi"]
    assert (missing.answered, missing.missing) == (3, 1)
    assert counts(missing) == {"bydleni": 2, "doprava": 2, "odlehcovaci": 0, "other": 1}
    assert [choice.percent for choice in missing.choices] == [66.7, 66.7, 0.0, 33.3]

    scale = results["spokojenost"]
    assert counts(scale) == {"1": 0, "2": 1, "3": 0, "4": 2, "5": 1}
    assert (scale.stats.n, scale.stats.mean, scale.stats.median, scale.stats.minimum, scale.stats.maximum) == (4, Decimal("3.75"), 4, 2, 5)

    matrix = results["dostupnost"]
    assert (matrix.answered, matrix.missing) == (3, 1)
    assert [(row.label, row.answered, [(cell.count, cell.percent) for cell in row.cells]) for row in matrix.rows] == [
        ("Praktický lékař", 3, [(2, 66.7), (1, 33.3)]), ("Úřad", 2, [(1, 50.0), (1, 50.0)])]

    age = results["vek"]
    assert (age.stats.n, age.stats.mean, age.stats.median, age.stats.minimum, age.stats.maximum) == (3, 60, 70, 30, 80)
    assert age.missing == 1

    # The open question was shown only to the two who do not know where to turn; one of them left it empty.
    why = results["proc"]
    assert (why.applied, why.answered, why.missing) == (2, 1, 1)
    assert (results["vzkaz"].answered, results["vzkaz"].missing) == (1, 3)
    assert [answer.text for answer in text_answers(Selection(survey), why.question)] == ["Nevím, kam jít"]
    assert [answer.text for answer in text_answers(Selection(survey), missing.question)] == ["Lavičky"]


def test_median_of_an_even_number_of_answers(survey):
    respond(survey, {"pomoc": "ano", "vek": "41"})
    age = results_by_code(analyse(Selection(survey)))["vek"]
    assert (age.stats.n, age.stats.median, age.stats.mean) == (4, Decimal("55.5"), Decimal("55.25"))


def test_filters_by_choice_and_mode(survey):
    results = results_by_code(analyse(Selection(survey, choices={"pomoc": ["ne"]})))
    assert results["pomoc"].respondents == 2
    assert counts(results["chybi"]) == {"bydleni": 1, "doprava": 0, "odlehcovaci": 0, "other": 0}
    assert results["vek"].stats.mean == 55

    seniors, _carers = group_values(survey)
    both = analyse(Selection(survey, choices={"skupina": [seniors], "obvod": ["p546054"]}))
    assert both.respondents == 1
    paper = results_by_code(analyse(Selection(survey, mode=Response.Mode.PAPER)))
    assert paper["pomoc"].respondents == 1 and counts(paper["pomoc"]) == {"ano": 0, "ne": 1}
    # Any of several values of one question.
    assert analyse(Selection(survey, choices={"chybi": ["doprava", "odlehcovaci"]})).respondents == 2


def test_crosstab_of_two_questions_and_of_the_mode(survey):
    merged = questionnaire(survey)
    seniors, carers = group_values(survey)
    table = crosstab(Selection(survey), merged, "skupina", "obvod")
    rows = {row["value"]: row for row in table.rows}
    assert rows[seniors]["cells"] == [(1, 50.0), (1, 50.0)] and rows[seniors]["total"] == 2
    assert rows[carers]["cells"] == [(1, 100.0), (0, 0.0)] and rows[carers]["total"] == 1  # no. 4 did not say where they live
    assert table.column_totals == [2, 1] and table.total == 3
    assert len(table.rows) == 2  # of the long list of target groups only those somebody picked

    by_mode = crosstab(Selection(survey), merged, "pomoc", MODE)
    assert [label for _value, label in by_mode.columns][:3] == ["online", "papírový dotazník", "rozhovor"]
    assert [(row["value"], [count for count, _percent in row["cells"]], row["total"]) for row in by_mode.rows] == [
        ("ano", [1, 0, 1, 0], 2), ("ne", [1, 1, 0, 0], 2)]
    assert by_mode.column_totals == [2, 1, 1, 0] and by_mode.total == 4

    # A multiple-choice question: a respondent counts in each row they picked.
    multiple = crosstab(Selection(survey), merged, "chybi", "pomoc")
    assert [(row["value"], [count for count, _percent in row["cells"]], row["total"]) for row in multiple.rows] == [
        ("bydleni", [1, 1], 2), ("doprava", [2, 0], 2), ("odlehcovaci", [0, 0], 0), ("other", [1, 0], 1)]
    assert multiple.column_totals == [2, 1] and multiple.total == 3

    assert crosstab(Selection(survey), merged, "vek", "pomoc") is None  # numbers are not crossed
    filtered = crosstab(Selection(survey, mode=Response.Mode.ONLINE), merged, "pomoc", "obvod")
    assert [row["total"] for row in filtered.rows] == [1, 1] and filtered.total == 2


def test_versions_are_put_together_by_code(survey):
    version = editable_version(survey, note="Nová otázka")
    question_add(version=version, kind="single", text="Znáte komunitní plán?", code="plan", choices=[("ano", "Ano"), ("ne", "Ne")])
    survey.refresh_from_db()
    respond(survey, {"pomoc": "ne", "plan": "ano", "chybi": ["odlehcovaci"]})
    respond(survey, {"pomoc": "ano"})
    results = results_by_code(analyse(Selection(survey)))
    assert results["pomoc"].respondents == 6 and counts(results["pomoc"]) == {"ano": 3, "ne": 3}
    assert counts(results["chybi"])["odlehcovaci"] == 1 and results["chybi"].answered == 4
    # The new question applied only to the two responses of version 2.
    assert (results["plan"].applied, results["plan"].answered, results["plan"].missing) == (2, 1, 1)
    table = crosstab(Selection(survey), questionnaire(survey), "pomoc", "chybi")
    assert [row["total"] for row in table.rows] == [2, 2]

    first = survey.versions.get(number=1)
    only_first = analyse(Selection(survey, version=first))
    assert only_first.respondents == 4 and "plan" not in results_by_code(only_first)


# --- pages ---------------------------------------------------------------------------------------

def test_analysis_page_shows_tables_charts_and_the_crosstab(client, coordinator, survey):
    client.force_login(coordinator)
    page = client.get(BASE.format(pk=survey.pk), {"radky": "pomoc", "sloupce": MODE}).content.decode()
    assert "Analýza odpovědí: Dotazník pro uživatele" in page
    assert "Analyzují se 4 odeslané odpovědi" in page
    assert page.count('class="okp-chart__svg"') == 6  # every choice question: group, district, help, missing, scale, matrix
    assert "Ostrava-Jih" in page and "66,7\u00a0%" in page
    assert "odpovědělo 3 z 4 respondentů (n), bez odpovědi 1" in page  # the district
    assert "3,75" in page  # mean satisfaction
    assert 'id="crosstab-caption"' in page and "papírový dotazník" in page
    assert "Číst odpovědi" not in page and "Číst 1 odpověď" in page
    assert "Anonymizovaná data (CSV" in page


def test_analysis_page_filters_and_reports_bad_input(client, coordinator, survey):
    client.force_login(coordinator)
    page = client.get(BASE.format(pk=survey.pk), {"f-pomoc": "ne", "zpusob": "paper"}).content.decode()
    assert "Analyzuje se 1 odeslaná odpověď" in page
    assert "způsob sběru: papírový dotazník" in page
    page = client.get(BASE.format(pk=survey.pk), {"f-pomoc": "mozna"}).content.decode()
    assert "Analyzují se 4 odeslané odpovědi" in page  # the bad filter is left out…
    assert "Vyberte platnou možnost" in page  # …and said so


def test_open_answers_are_paginated_with_the_filters(client, coordinator, survey):
    for number in range(60):
        respond(survey, {"pomoc": "ne", "proc": f"Odpověď {number}"})
    client.force_login(coordinator)
    url = BASE.format(pk=survey.pk) + "texty/proc/"
    first = client.get(url).content.decode()
    assert "61 textových odpovědí" in first and "Nevím, kam jít" in first and "Odpověď 48" in first and "Odpověď 49" not in first
    second = client.get(url, {"strana": 2}).content.decode()
    assert "Odpověď 49" in second and "Odpověď 59" in second
    assert "Odpověď" not in client.get(url, {"zpusob": "paper"}).content.decode().split("<ol")[-1].split("</ol>")[0]
    assert client.get(BASE.format(pk=survey.pk) + "texty/neni/").status_code == 404


def test_public_results_only_when_published_and_without_open_answers(client, survey):
    url = f"/mesto/potreby/dotaznik/{survey.slug}/vysledky/"
    assert client.get(url).status_code == 404
    survey.results_public = True
    survey.save()
    page = client.get(url).content.decode()
    assert "Dotazník vyplnili 4 respondenti." in page and "Ostrava-Jih" in page and "<svg" in page
    assert "Nevím, kam jít" not in page and "Děkuji" not in page and "Kolik je vám let?" not in page
    assert client.get("/mesto/potreby/dotaznik/neni/vysledky/").status_code == 404


def test_another_areas_survey_is_404(client, other_area, person_with_role):
    foreign = sample_survey(other_area, results_public=True)
    client.force_login(person_with_role(other_area, "coordinator"))
    assert client.get(BASE.format(pk=foreign.pk).replace("/mesto/", "/jinde/")).status_code == 200
    client.force_login(person_with_role(other_area, "member"))
    assert client.get(BASE.format(pk=foreign.pk)).status_code == 404  # a member of "jinde" has no role in "mesto"
    assert client.get(f"/mesto/potreby/dotaznik/{foreign.slug}/vysledky/").status_code == 404


# --- exports -------------------------------------------------------------------------------------

def test_tables_xlsx(client, coordinator, survey):
    client.force_login(coordinator)
    response = client.get(BASE.format(pk=survey.pk) + "tabulky.xlsx", {"radky": "skupina", "sloupce": "obvod"})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('tabulky.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:3] == ["Souhrn", "skupina", "obvod"] and workbook.sheetnames[-1] == "krizova-tabulka"
    rows = list(workbook["chybi"].iter_rows(values_only=True))
    assert rows[0] == ("Odpověď", "Počet", "Podíl (%)")
    assert rows[1] == ("Dostupné bydlení", 2, 66.7)
    assert ("Odpovědělo (n)", 3) in [row[:2] for row in rows] and ("Bez odpovědi", 1) in [row[:2] for row in rows]
    matrix = list(workbook["dostupnost"].iter_rows(values_only=True))
    assert matrix[1] == ("Praktický lékař", 2, 66.7, 1, 33.3, 3)
    crossed = list(workbook["krizova-tabulka"].iter_rows(values_only=True))
    assert crossed[-2][0] == "Celkem" and crossed[-2][-1] == 3


def test_report_docx_and_pdf(client, coordinator, survey):
    client.force_login(coordinator)
    docx = client.get(BASE.format(pk=survey.pk) + "zprava.docx", {"radky": "pomoc", "sloupce": "chybi"})
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs).replace("\u00a0", " ")
    assert "Výsledky dotazníku" in text and "Jak jste spokojen/a se sociálními službami?" in text
    assert "Odpovědělo 3 z 4 respondentů, bez odpovědi 1." in text
    assert len(document.inline_shapes) == 6  # a PNG chart per choice question
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Dostupné bydlení" in cells and "2 (66,7\u00a0%)" in cells
    pdf = client.get(BASE.format(pk=survey.pk) + "zprava.pdf", {"f-pomoc": "ano"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).replace("\u00a0", " ")
    assert "Výsledky dotazníku" in text and "Víte, kam se obrátit" in text and "Počet odpovědí 2 odeslaných dotazníků" in text


def report_of(client, survey, fmt):
    response = client.get(BASE.format(pk=survey.pk) + f"zprava.{fmt}")
    assert response.status_code == 200
    if fmt == "docx":
        return Document(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).replace("\u00a0", " ")


def docx_paragraphs(document):
    return [paragraph.text.replace("\u00a0", " ") for paragraph in document.paragraphs]


def test_report_has_a_method_and_key_findings_computed_from_the_answers(client, coordinator, survey):
    seniors, carers = group_values(survey)
    respond(survey, {"skupina": carers, "pomoc": "ne", "chybi": ["doprava"], "spokojenost": "5"})
    client.force_login(coordinator)
    paragraphs = docx_paragraphs(report_of(client, survey, "docx"))
    method = paragraphs[paragraphs.index("Metoda") + 1:paragraphs.index("Hlavní zjištění")]
    assert "Komu byl dotazník určen: veřejnost" in method
    assert "Počet odpovědí: 5 odeslaných dotazníků" in method
    assert "Způsob sběru: online 3 (60 %), papírový dotazník 1 (20 %), rozhovor 1 (20 %)" in method
    findings = paragraphs[paragraphs.index("Hlavní zjištění") + 1:paragraphs.index("Výsledky podle otázek")]
    assert "„Víte, kam se obrátit, když potřebujete pomoc?“: nejčastěji Ne – 60 % (n = 5)." in findings
    assert "„Co vám v okolí chybí?“: nejčastěji Doprava k lékaři – 75 % (n = 4)." in findings
    assert any(finding.startswith("„Jak jste spokojen/a se sociálními službami?“: průměr 4 na stupnici") for finding in findings)
    text = report_of(client, survey, "pdf")
    assert "Metoda" in text and "Způsob sběru online 3 (60 %), papírový dotazník 1 (20 %), rozhovor 1 (20 %)" in text
    assert "nejčastěji Doprava k lékaři – 75 % (n = 4)." in text


def test_report_orders_choices_by_frequency_drops_those_nobody_picked_and_repeats_table_headers(client, coordinator, survey):
    seniors, carers = group_values(survey)
    respond(survey, {"skupina": carers, "pomoc": "ne", "chybi": ["doprava"], "spokojenost": "5"})
    client.force_login(coordinator)
    document = report_of(client, survey, "docx")
    first_column = [[row.cells[0].text.replace("\u00a0", " ") for row in table.rows[1:]] for table in document.tables
                    if table.rows[0].cells[0].text == "Odpověď"]
    # "Co vám v okolí chybí?": transport 3, housing 2, other 1 (last); the respite service nobody picked is left out.
    assert ["Doprava k lékaři", "Dostupné bydlení", "jiné"] in first_column
    # Yes and no keep their order although more said no (an ordered question, see ``is_ordinal``).
    assert ["Ano", "Ne"] in first_column
    # The scale keeps its order and its points nobody picked.
    assert [["1 – velmi nespokojen/a", "2", "3", "4", "5 – velmi spokojen/a"]] == [
        column for column in first_column if column and column[0].startswith("1")]
    assert "Možnosti, které nikdo nezvolil, nejsou uvedeny (1)." in docx_paragraphs(document)
    assert document.tables
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None


@pytest.mark.parametrize(("kind", "labels", "ordinal"), [
    ("single", ["do 26 let", "27–64 let", "65–79 let", "80 a více let"], True),
    ("single", ["Ano", "Spíše ano", "Spíše ne", "Ne", "Nevím"], True),
    ("single", ["denně", "týdně", "měsíčně", "nikdy"], True),
    ("single", ["Pečovatelská služba", "Osobní asistence", "Denní stacionář"], False),
    ("multiple", ["Ano", "Spíše ano", "Ne"], False),
    ("scale", ["1", "2", "3"], True),
])
def test_ordered_questions_are_recognised_from_their_choices(kind, labels, ordinal):
    question = AnalysedQuestion(code="q", kind=kind, text="Otázka", choices=[(str(index), label) for index, label in enumerate(labels)])
    assert is_ordinal(question) is ordinal


def test_report_shows_the_themes_of_coded_open_answers(client, coordinator, survey):
    client.force_login(coordinator)
    paragraphs = docx_paragraphs(report_of(client, survey, "docx"))
    assert "Odpovědělo 1 z 2 respondentů. Odpovědi zatím nejsou rozřazeny do témat." in paragraphs
    theme = Theme.objects.create(area=survey.area, survey=survey, name="Informace o službách")
    Theme.objects.create(area=survey.area, survey=survey, name="Nepoužité téma")
    theme.answers.add(Answer.objects.get(question__code="proc"))
    document = report_of(client, survey, "docx")
    paragraphs = docx_paragraphs(document)
    assert "Odpovědělo 1 z 2 respondentů. Zakódováno do témat: 1 odpovědí; jedna odpověď může patřit k více tématům." in paragraphs
    assert "„Co by vám pomohlo se zorientovat?“: nejčastější téma Informace o službách (1 z 1 zakódovaných odpovědí)." in paragraphs
    rows = [[cell.text.replace("\u00a0", " ") for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Informace o službách", "1", "100,0"] in rows and not any("Nepoužité téma" in row for row in rows)
    assert "Informace o službách 1 100,0" in report_of(client, survey, "pdf")


def test_raw_data_csv_and_xlsx(client, coordinator, survey):
    survey.responses.update(entered_by=coordinator, source="arch paní Novákové")
    client.force_login(coordinator)
    response = client.get(BASE.format(pk=survey.pk) + "data.csv")
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4
    header = list(rows[0])
    assert header[:4] == ["cislo", "verze", "zpusob", "datum"]
    assert {"chybi.bydleni", "chybi.other", "chybi__other", "dostupnost.lekar", "dostupnost.urad", "vek", "proc"} <= set(header)
    assert not {"entered_by", "source"} & set(header) and "Novákové" not in response.content.decode("utf-8")
    first, second, third, fourth = rows
    assert (first["chybi.bydleni"], first["chybi.doprava"], first["chybi.odlehcovaci"]) == ("1", "1", "0")
    assert third["chybi.bydleni"] == ""  # did not answer the question at all
    assert (first["dostupnost.lekar"], first["dostupnost.urad"], second["dostupnost.urad"]) == ("snadno", "obtizne", "")
    assert (second["zpusob"], second["proc"], second["vek"], second["spokojenost"]) == ("papírový dotazník", "Nevím, kam jít", "80.00", "2")
    assert fourth["chybi__other"] == "Lavičky"

    workbook = load_workbook(io.BytesIO(client.get(BASE.format(pk=survey.pk) + "data.xlsx", {"zpusob": "interview"}).content))
    data = list(workbook["Data"].iter_rows(values_only=True))
    assert len(data) == 2 and data[1][0] == 1 and data[1][2] == "rozhovor"
    assert ("chybi.other", "Co vám v okolí chybí?: jiné") in list(workbook["Otázky"].iter_rows(values_only=True))


def test_a_formula_in_an_open_answer_stays_text(client, coordinator, survey):
    respond(survey, {"pomoc": "ano", "vzkaz": "=HYPERLINK(\"http://example.com\")"})
    client.force_login(coordinator)
    rows = list(csv.DictReader(io.StringIO(client.get(BASE.format(pk=survey.pk) + "data.csv").content.decode("utf-8-sig")), delimiter=";"))
    assert rows[-1]["vzkaz"].startswith("'=")


# --- permissions and query counts ----------------------------------------------------------------

URLS = ["", "texty/proc/", "tabulky.xlsx", "zprava.docx", "zprava.pdf", "data.csv", "data.xlsx"]
EXPECTED = {
    #                 page  texts xlsx docx pdf  csv  data.xlsx
    "coordinator":   (200, 200, 200, 200, 200, 200, 200),
    "group_manager": (200, 200, 200, 200, 200, 403, 403),
    "member":        (200, 200, 200, 200, 200, 403, 403),
    "observer":      (200, 200, 200, 200, 200, 403, 403),
    "provider":      (200, 200, 200, 200, 200, 403, 403),
    "outsider":      (404, 404, 404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("kind", EXPECTED)
def test_permission_matrix(client, area, person_with_role, survey, kind):
    user = UserFactory(username="cizinec") if kind == "outsider" else person_with_role(area, kind)
    client.force_login(user)
    statuses = tuple(client.get(BASE.format(pk=survey.pk) + suffix).status_code for suffix in URLS)
    assert statuses == EXPECTED[kind]


def test_anonymous_is_sent_to_login(client, survey):
    for suffix in URLS:
        response = client.get(BASE.format(pk=survey.pk) + suffix)
        assert response.status_code == 302 and "/ucet/prihlaseni/" in response["Location"]


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_responses(client, coordinator, survey, django_assert_max_num_queries):
    client.force_login(coordinator)
    survey.results_public = True
    survey.save()
    params = {"radky": "skupina", "sloupce": "chybi", "f-pomoc": "ano", "zpusob": "online"}
    urls = [(BASE.format(pk=survey.pk), params), (BASE.format(pk=survey.pk), {}), (f"/mesto/potreby/dotaznik/{survey.slug}/vysledky/", {})]
    seniors, carers = group_values(survey)
    respond(survey, {"skupina": seniors, "pomoc": "ano", "chybi": ["doprava"]})  # 5 complete responses
    small = [_queries(client, url, query) for url, query in urls]
    for number in range(45):
        respond(survey, {"skupina": carers if number % 2 else seniors, "obvod": "p546054", "pomoc": "ano" if number % 3 else "ne",
                         "chybi": ["bydleni", "odlehcovaci"][: number % 3], "spokojenost": str(1 + number % 5), "vek": str(20 + number),
                         "dostupnost": {"lekar": "snadno"}, "vzkaz": f"Vzkaz {number}"})
    for (url, query), count in zip(urls, small):
        with django_assert_max_num_queries(count):
            client.get(url, query)
    assert [_queries(client, url, query) for url, query in urls] == small
    assert small[0] <= 25
