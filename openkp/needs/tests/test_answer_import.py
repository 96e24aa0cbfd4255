"""Import of answers from XLSX and CSV: the three steps, matching by code and label, every kind of bad input
(nothing written, the report names row and column), flat queries, and who may use the pages."""

import io
import os
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from openkp.accounts.tests.factories import UserFactory
from openkp.needs import answer_import
from openkp.needs.models import Answer, Response
from openkp.needs.services.responses import response_values
from openkp.needs.tests.factories import sample_survey

HEADER = ["skupina", "obvod", "pomoc", "proc", "chybi", "chybi__other", "spokojenost", "dostupnost/lekar", "dostupnost/urad", "vek", "vzkaz"]


@pytest.fixture
def survey(area):
    return sample_survey(area)


@pytest.fixture
def seniors(survey):
    """A target group offered by the survey's picker: (its code, its name)."""
    choice = survey.current_version.questions.get(code="skupina").choices.order_by("order").first()
    return choice.value, choice.label


def csv_bytes(rows, *, delimiter=";", encoding="utf-8-sig"):
    return "\r\n".join(delimiter.join(str(cell) for cell in row) for row in rows).encode(encoding)


def xlsx_bytes(rows, *, extra_sheets=()):
    workbook = Workbook()
    workbook.active.title = "Odpovědi"
    for row in rows:
        workbook.active.append(list(row))
    for title in extra_sheets:
        workbook.create_sheet(title).append(["poznámky"])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def base(survey):
    return f"/mesto/sprava/potreby/dotazniky/{survey.pk}/import-odpovedi/"


def upload(client, survey, data, name="odpovedi.csv"):
    return client.post(base(survey), {"file": SimpleUploadedFile(name, data)})


def to_preview(client, survey, data, name="odpovedi.csv", **overrides):
    """Upload, accept the suggested mapping (with ``column_<i>`` overrides), and return the preview page."""
    response = upload(client, survey, data, name)
    assert response.status_code == 302, response.content.decode()[:3000]
    mapping_page = client.get(response["Location"])
    form = mapping_page.context["form"]
    post = {name: field.initial or "" for name, field in form.fields.items()}
    post.update(overrides)
    response = client.post(base(survey) + "sloupce/", post)
    assert response.status_code == 302, response.content.decode()
    return client.get(response["Location"])


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


# --- Happy paths -------------------------------------------------------------------------------------------

def test_csv_by_codes_through_all_steps(staff, coordinator, survey, seniors):
    rows = [HEADER,
            [seniors[0], "p546003", "ne", "Nevím, kde hledat.", "bydleni, doprava", "Chybí bazén", "4", "snadno", "obtizne", "67", "Díky"],
            [seniors[0], "", "ano", "", "", "", "", "", "", "", ""]]
    mapping_page = upload(staff, survey, csv_bytes(rows))
    assert mapping_page["Location"] == base(survey) + "sloupce/"
    html = staff.get(base(survey) + "sloupce/").content.decode()
    assert "Soubor „odpovedi.csv“ má 2" in html
    assert '<option value="dostupnost/lekar" selected>' in html and '<option value="chybi__other" selected>' in html

    preview = to_preview(staff, survey, csv_bytes(rows))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "jak se uloží" in html and "Importovat 2" in html
    assert "Dostupné bydlení; Doprava k lékaři; jiné: Chybí bazén" in html
    assert "Praktický lékař: Snadno; Úřad: Obtížně" in html
    assert "Ostrava-Jih" in html and "67" in html
    assert not Response.objects.exists()  # the preview writes nothing

    done = staff.post(base(survey) + "nahled/", follow=True)
    assert "Ze souboru „odpovedi.csv“ jsou naimportovány 2 odpovědi" in done.content.decode()
    responses = list(Response.objects.order_by("pk"))
    assert [(r.mode, r.status, r.entered_by, r.source, r.version_id) for r in responses] == [
        (Response.Mode.IMPORT, Response.Status.COMPLETE, coordinator, "odpovedi.csv", survey.current_version_id)] * 2
    assert all(response.submitted_at for response in responses)
    assert response_values(responses[0]) == {
        "skupina": seniors[0], "obvod": "p546003", "pomoc": "ne", "proc": "Nevím, kde hledat.", "chybi": ["bydleni", "doprava", "other"],
        "chybi__other": "Chybí bazén", "spokojenost": "4", "dostupnost": {"lekar": "snadno", "urad": "obtizne"},
        "vek": Decimal("67.00"), "vzkaz": "Díky",
    }
    assert response_values(responses[1]) == {"skupina": seniors[0], "pomoc": "ano"}
    # The file is gone once imported: the next visit starts with an upload.
    assert staff.get(base(survey) + "nahled/")["Location"] == base(survey)


def test_xlsx_with_labels_question_texts_and_flag_columns(staff, survey, seniors):
    rows = [
        ["Do které skupiny patříte?", "Víte, kam se obrátit, když potřebujete pomoc?", "chybi/bydleni", "chybi/doprava", "chybi/odlehcovaci",
         "Jak jste spokojen/a se sociálními službami?", "Kolik je vám let?", "poznámka tazatele"],
        [seniors[1].upper(), "NE", 1, 0, True, "5 – velmi spokojen/a", 45, "volal syn"],
        [None, None, None, None, None, None, None, None],
        [seniors[1], "Ano", "x", "", "0", 2, 38.5, ""],
    ]
    preview = to_preview(staff, survey, xlsx_bytes(rows, extra_sheets=["Číselník"]), name="terén.xlsx")
    html = preview.content.decode()
    assert "Čte se jen první list „Odpovědi“; další listy („Číselník“) se nepřevádějí." in html
    assert "Prázdné řádky (1) jsou vynechány." in html
    form = staff.get(base(survey) + "sloupce/").context["form"]
    assert [form.fields[f"column_{index}"].initial for index in range(8)] == [
        "skupina", "pomoc", "chybi/bydleni", "chybi/doprava", "chybi/odlehcovaci", "spokojenost", "vek", ""]
    staff.post(base(survey) + "nahled/")
    first, second = (response_values(response) for response in Response.objects.order_by("pk"))
    assert first == {"skupina": seniors[0], "pomoc": "ne", "chybi": ["bydleni", "odlehcovaci"], "spokojenost": "5", "vek": Decimal("45.00")}
    assert second == {"skupina": seniors[0], "pomoc": "ano", "chybi": ["bydleni"], "spokojenost": "2", "vek": Decimal("38.50")}
    assert set(Response.objects.values_list("source", flat=True)) == {"terén.xlsx"}


def test_windows_1250_csv_with_commas_and_labels_without_diacritics(staff, survey, seniors):
    rows = [["skupina", "pomoc", "chybi", "vzkaz"],
            [seniors[0], "ano", '"dostupne bydleni, odlehcovaci sluzba"', "Více autobusů"]]
    to_preview(staff, survey, csv_bytes(rows, delimiter=",", encoding="cp1250"))
    staff.post(base(survey) + "nahled/")
    assert response_values(Response.objects.get()) == {
        "skupina": seniors[0], "pomoc": "ano", "chybi": ["bydleni", "odlehcovaci"], "vzkaz": "Více autobusů"}


def test_answers_hidden_by_a_condition_are_not_stored(staff, survey, seniors):
    rows = [["skupina", "pomoc", "proc"], [seniors[0], "ano", "Tohle se neuloží"]]
    html = to_preview(staff, survey, csv_bytes(rows)).content.decode()
    assert "Tohle se neuloží" not in html
    staff.post(base(survey) + "nahled/")
    assert response_values(Response.objects.get()) == {"skupina": seniors[0], "pomoc": "ano"}


def test_many_rows_import_in_bulk(area, survey, seniors, coordinator, django_assert_max_num_queries):
    rows = [["skupina", "pomoc", "chybi", "spokojenost", "dostupnost/lekar", "vek", "vzkaz"]]
    rows += [[seniors[0], "ano" if index % 2 else "ne", "bydleni, doprava", str(index % 5 + 1), "snadno", str(index % 90), f"vzkaz {index}"]
             for index in range(2000)]
    table = answer_import.read_table(csv_bytes(rows))
    questions = answer_import.questionnaire(survey.current_version)
    mapping = answer_import.suggested_mapping(table, answer_import.column_targets(questions))
    # Inserts go in batches (SQLite caps the parameters of one statement, so its batches are smaller): far fewer
    # statements than the 2,000 responses and 16,000 answers.
    with django_assert_max_num_queries(200):
        result = answer_import.import_answers(survey=survey, user=coordinator, source="velky.csv", table=table, mapping=mapping)
    assert result.responses == 2000 and Response.objects.count() == 2000
    assert Answer.objects.count() == result.answers == 2000 * 8


# --- Bad input: nothing written, the report names row and column -----------------------------------------

BAD_ROWS = [
    ([["skupina", "pomoc"], ["{group}", "možná"]], "Řádek 2, sloupec „B: pomoc“: neznámá možnost „možná“ (možnosti: ano, ne)."),
    ([["skupina", "pomoc", "vek"], ["{group}", "ano", "150"]], "Řádek 2, sloupec „C: vek“: číslo 150 je mimo povolený rozsah 0 až 120."),
    ([["skupina", "pomoc", "vek"], ["{group}", "ano", "hodně"]], "Řádek 2, sloupec „C: vek“: „hodně“ není číslo."),
    ([["skupina", "pomoc"], ["{group}", "ano"], ["", "ne"]], "Řádek 3: chybí povinná odpověď na otázku „skupina“ (sloupec „A: skupina“)."),
    ([["skupina", "pomoc", "chybi/bydleni"], ["{group}", "ano", "asi"]], "Řádek 2, sloupec „C: chybi/bydleni“: čekáme 1 (vybráno) nebo 0, ne „asi“."),
    ([["skupina", "pomoc", "chybi"], ["{group}", "ano", "bydleni, kino"]], "Řádek 2, sloupec „C: chybi“: neznámá možnost „kino“"),
    ([["skupina", "pomoc", "dostupnost/urad"], ["{group}", "ano", "vůbec"]], "Řádek 2, sloupec „C: dostupnost/urad“: neznámá možnost „vůbec“"),
    ([["skupina", "vek"], ["{group}", "30"]], "Povinná otázka „pomoc – Víte, kam se obrátit, když potřebujete pomoc?“ nemá přiřazený sloupec."),
]


@pytest.mark.parametrize(("rows", "message"), BAD_ROWS)
def test_bad_rows_write_nothing(staff, survey, seniors, rows, message):
    rows = [[cell.replace("{group}", seniors[0]) for cell in row] for row in rows]
    good_row = [{"skupina": seniors[0], "pomoc": "ano"}.get(header, "") for header in rows[0]]  # one bad row stops them all
    preview = to_preview(staff, survey, csv_bytes([*rows, good_row]))
    html = preview.content.decode()
    assert "V souboru jsou chyby, nic se neuložilo" in html
    assert message in html
    assert "Importovat" not in html
    response = staff.post(base(survey) + "nahled/")
    assert response.status_code == 200 and message in response.content.decode()
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_other_text_beside_another_single_choice_is_an_error(area, survey, seniors):
    from openkp.needs.services.surveys import question_add

    question_add(version=survey.current_version, kind="single", text="Kde bydlíte?", code="bydliste", choices=["Doma", "V domově"], allow_other=True)
    table = answer_import.read_table(csv_bytes([["skupina", "pomoc", "bydliste", "bydliste__other"], [seniors[0], "ano", "Doma", "U dcery"]]))
    questions = answer_import.questionnaire(survey.current_version)
    checked = answer_import.check_rows(table, answer_import.suggested_mapping(table, answer_import.column_targets(questions)), questions)
    assert checked.errors == ["Řádek 2, sloupec „D: bydliste__other“: text „jiné“ je vyplněný, ale vybraná odpověď je „1“; nechte jen jedno."]


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"%PDF-1.7\n%binary", "odpovedi.csv", "Soubor není tabulka XLSX ani CSV (PDF)."),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "odpovedi.xlsx", "Soubor není tabulka XLSX ani CSV (PNG)."),
    (b"PK\x03\x04broken zip", "odpovedi.xlsx", "není to čitelný sešit XLSX"),
    (b"   ", "odpovedi.csv", "Soubor je prázdný."),
    (csv_bytes([["skupina", "pomoc"]]), "odpovedi.csv", "Pod řádkem s názvy sloupců nejsou žádné odpovědi."),
    (csv_bytes([["", ""], ["a", "b"]]), "odpovedi.csv", "První řádek souboru musí obsahovat názvy sloupců."),
])
def test_files_that_are_not_tables_are_refused(staff, survey, data, name, message):
    response = upload(staff, survey, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Response.objects.exists()


def test_two_columns_for_one_question_are_refused(staff, survey, seniors):
    upload(staff, survey, csv_bytes([["skupina", "pomoc", "znovu"], [seniors[0], "ano", "ne"]]))
    response = staff.post(base(survey) + "sloupce/", {"column_0": "skupina", "column_1": "pomoc", "column_2": "pomoc"})
    assert response.status_code == 200
    assert "Tuto otázku už plní sloupec „B: pomoc“" in response.content.decode()


def test_steps_without_an_upload_send_back_to_the_start(staff, survey):
    response = staff.get(base(survey) + "sloupce/", follow=True)
    assert response.redirect_chain[-1][0] == base(survey)
    assert "Nahraný soubor už není k dispozici" in response.content.decode()


def test_the_file_is_read_once_and_its_table_removed_after_the_import(staff, survey, seniors, import_work_dir, monkeypatch):
    reads = []
    read_xlsx = answer_import._read_xlsx
    monkeypatch.setattr(answer_import, "_read_xlsx", lambda data: reads.append(len(data)) or read_xlsx(data))
    rows = [["skupina", "pomoc", "vzkaz"]] + [[seniors[0], "ano", "x" * 200] for _index in range(100)]
    preview = to_preview(staff, survey, xlsx_bytes(rows), name="odpovedi.xlsx")
    assert "Importovat 100" in preview.content.decode()
    assert len(list(import_work_dir.iterdir())) == 1
    staff.post(base(survey) + "nahled/")
    assert Response.objects.count() == 100
    assert len(reads) == 1  # at the upload only: mapping, preview and import use the kept table
    assert list(import_work_dir.iterdir()) == []


def test_a_new_upload_replaces_the_kept_table_and_stale_ones_are_removed(staff, survey, seniors, import_work_dir):
    upload(staff, survey, csv_bytes([["skupina"], [seniors[0]]]))
    (first,) = import_work_dir.iterdir()
    abandoned = import_work_dir / "answers-0123456789abcdef0123456789abcdef.json"
    abandoned.write_text("{}")
    os.utime(abandoned, (1, 1))
    upload(staff, survey, csv_bytes([["skupina", "pomoc"], [seniors[0], "ano"]]))
    (second,) = import_work_dir.iterdir()
    assert second != first  # the earlier table of this survey and the day-old one are both gone
    assert "má 1" in staff.get(base(survey) + "sloupce/").content.decode()


def test_a_lost_table_sends_back_to_the_upload(staff, survey, seniors, import_work_dir):
    to_preview(staff, survey, csv_bytes([["skupina", "pomoc"], [seniors[0], "ano"]]))
    for path in import_work_dir.iterdir():
        path.unlink()
    response = staff.post(base(survey) + "nahled/", follow=True)
    assert "Nahraný soubor už není k dispozici" in response.content.decode()
    assert not Response.objects.exists()


def test_preview_queries_stay_flat(staff, survey, seniors, django_assert_max_num_queries):
    def rows(count):
        return [["skupina", "pomoc", "chybi", "dostupnost/lekar", "vek"]] + [[seniors[0], "ano", "bydleni", "snadno", "50"]] * count

    to_preview(staff, survey, csv_bytes(rows(5)))
    with django_assert_max_num_queries(20):
        assert staff.get(base(survey) + "nahled/").status_code == 200
    to_preview(staff, survey, csv_bytes(rows(300)))
    with django_assert_max_num_queries(20):
        assert staff.get(base(survey) + "nahled/").status_code == 200


def test_markup_in_the_file_is_shown_as_text_on_the_mapping_page(staff, survey, seniors):
    """Samples of a column are printed under its select: a meta refresh split across two cells (samples are cut at 40 characters
    and joined by ", ") or an img in one cell stays text and does not redirect or run on the coordinator's page."""
    rows = [["skupina", "poznámka", "vzkaz"],
            [seniors[0], "<meta http-equiv=refresh content='0;url=", "<img src=x onerror=alert(1)>"],
            [seniors[0], "//zly.example/'>", "Díky"]]
    assert upload(staff, survey, xlsx_bytes(rows), name="odpovedi.xlsx").status_code == 302
    html = staff.get(base(survey) + "sloupce/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("meta", attrs={"http-equiv": True}) and not soup.find_all("img", src="x")
    helps = [element.get_text() for element in soup.select(".gov-form-message__content")]
    assert "Např.: <meta http-equiv=refresh content='0;url=, //zly.example/'>" in helps
    assert "Např.: <img src=x onerror=alert(1)>, Díky" in helps


# --- Who may use the pages ---------------------------------------------------------------------------------

EXPECTED = {
    #                 upload mapping preview
    "coordinator":   (200, 302, 302),  # no file uploaded yet: the steps send back to the upload
    "group_lead":    (200, 302, 302),  # manages the survey's group
    "group_manager": (403, 403, 403),  # manages another group
    "member":        (403, 403, 403),
    "observer":      (403, 403, 403),
    "provider":      (403, 403, 403),
    "outsider":      (404, 404, 404),
}


@pytest.mark.parametrize("role", EXPECTED)
def test_permission_matrix(client, area, survey, person_with_role, role):
    from openkp.structures.models import Group, GroupMember, PlanningPeriod

    period = PlanningPeriod.objects.create(area=area, name="Plán 2025–2028", start_year=2025, end_year=2028, is_current=True)
    group = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
    survey.group = group
    survey.save()
    if role == "outsider":
        user = UserFactory(username="cizinec")
    else:
        user = person_with_role(area, "group_manager" if role == "group_lead" else role)
    if role == "group_lead":
        GroupMember.objects.create(area=area, group=group, user=user, name="Vedoucí", triad_role="provider", function="manager")
    client.force_login(user)
    urls = [base(survey), base(survey) + "sloupce/", base(survey) + "nahled/"]
    assert tuple(client.get(url).status_code for url in urls) == EXPECTED[role]


def test_anonymous_and_other_area(client, area, other_area, survey, coordinator):
    response = client.get(base(survey))
    assert response.status_code == 302 and response["Location"].startswith("/ucet/prihlaseni/")
    foreign = sample_survey(other_area, title="Jinde")
    client.force_login(coordinator)
    assert client.get(base(foreign)).status_code == 404
    assert client.post(base(foreign) + "nahled/").status_code == 404


# --- Row limit, sheet size, and the steps as rendered --------------------------------------------------------

def upload_form(page):
    return next(form for form in page.forms.values() if "file" in form.fields)


def page_form(page, action_end):
    """The step's own form (the page also has the layout's forms)."""
    return next(form for form in page.forms.values() if form.method.lower() == "post" and (form.action or page.request.path).endswith(action_end))


def test_more_rows_than_the_limit_are_refused_with_the_limit_and_nothing_is_kept(django_app, coordinator, survey, seniors, import_work_dir):
    from webtest import Upload

    rows = [["skupina", "pomoc"]] + [[seniors[0], "ano"]] * 50_001
    form = upload_form(django_app.get(base(survey), user=coordinator))
    form["file"] = Upload("odpovedi.csv", csv_bytes(rows))
    refused = form.submit()
    assert refused.status_code == 200
    assert "Soubor má více než 50\u00a0000 řádků s údaji (čtení jsme zastavili na 50\u00a0002. řádku)" in refused.text
    assert not Response.objects.exists()
    assert not import_work_dir.exists() or not list(import_work_dir.iterdir())
    assert f"needs:answer-import:{survey.pk}" not in django_app.session


def test_an_xlsx_over_the_limit_stops_reading_at_the_first_row_over(staff, survey, seniors, settings, monkeypatch):
    settings.IMPORT_MAX_ROWS = 3
    seen = []
    cell_text = answer_import.cell_text
    monkeypatch.setattr(answer_import, "cell_text", lambda value: seen.append(value) or cell_text(value))
    response = upload(staff, survey, xlsx_bytes([["skupina", "pomoc"]] + [[seniors[0], "ano"]] * 1000), "odpovedi.xlsx")
    assert "Soubor má více než 3 řádků s údaji (čtení jsme zastavili na 5. řádku)" in response.content.decode()
    assert len(seen) == 2 * 4  # the header and three rows; the other 997 rows are never converted
    assert not Response.objects.exists()


def test_a_sheet_with_a_false_dimension_is_read_to_its_end(staff, survey, seniors):
    """Read-only openpyxl believes <dimension>; a file claiming A1:B2 must not lose its other rows."""
    import re
    import zipfile

    data = xlsx_bytes([["skupina", "pomoc"]] + [[seniors[0], "ano"]] * 5)
    source, patched = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename.startswith("xl/worksheets/"):
                content = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', content)
            target.writestr(entry, content)
    assert upload(staff, survey, patched.getvalue(), "odpovedi.xlsx").status_code == 302
    assert "má 5" in staff.get(base(survey) + "sloupce/").content.decode()


def test_an_xlsx_that_unpacks_to_too_much_is_refused_before_reading(staff, survey, seniors, settings):
    settings.IMPORT_MAX_XLSX_SHEETS_MB = 1
    rows = [["skupina", "vzkaz"]] + [[seniors[0], f"{index} " + "x" * 1000] for index in range(1200)]  # 1.3 MB of sheet XML
    response = upload(staff, survey, xlsx_bytes(rows), "odpovedi.xlsx")
    assert "Sešit je po rozbalení příliš velký" in response.content.decode()
    assert not Response.objects.exists()


def test_the_steps_as_rendered(django_app, coordinator, survey, seniors, import_work_dir):
    from webtest import Upload

    rows = [["skupina", "pomoc", "vek"]] + [[seniors[0], "ano", str(20 + index % 60)] for index in range(40)]
    form = upload_form(django_app.get(base(survey), user=coordinator))
    form["file"] = Upload("odpovedi.xlsx", xlsx_bytes(rows))
    mapping = form.submit().follow()
    assert "Soubor „odpovedi.xlsx“ má 40" in mapping.text
    (kept,) = import_work_dir.iterdir()
    preview = page_form(mapping, "sloupce/").submit().follow()
    assert "Importovat 40" in preview.text
    done = page_form(preview, "nahled/").submit().follow()
    assert "naimportováno 40 odpovědí" in done.text
    assert Response.objects.count() == 40 and not kept.exists()
