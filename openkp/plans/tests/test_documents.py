"""The plan document: DOCX and PDF rendered from a snapshot, read back with python-docx and pypdf; the
background job started from the staff page and the download of its file within the area."""

import datetime
import io
import re
import subprocess

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from openkp.core.models import Job
from openkp.core.typography import NBSP

from ..documents import plan_docx, plan_pdf, render
from ..documents.common import natural_widths, quarter_cells, short_columns
from ..documents.markup import markdown_html
from ..documents.sample_plan import large_plan
from ..models import Chapter, Measure, Milestone, Plan, PlanVersion, Risk
from ..services.snapshot import snapshot
from . import factories

CHAPTER_BODY = """Plán vznikal v letech 2023 a 2024 za účasti zadavatelů, poskytovatelů i uživatelů.

## Organizační struktura

Na zpracování se podílely:

- řídicí skupina,
- **čtyři pracovní skupiny** a
- koordinátor *komunitního plánování*.

1. Analýza potřeb
2. Návrh opatření

| Zdroj | Počet respondentů |
|---|---:|
| Dotazník pro veřejnost | 1 250 |
"""


def text(value):
    """Text with non-breaking spaces as plain spaces, for comparing with what a reader sees."""
    return value.replace(NBSP, " ")


@pytest.fixture
def plan(area):
    plan = factories.small_plan(area)
    Chapter.objects.create(area=area, plan=plan, position=1, title="Úvod a postup zpracování", body=CHAPTER_BODY)
    m111 = Measure.objects.get(plan=plan, title="Zachování pečovatelské služby")
    activity = m111.activities.get(position=1)
    Milestone.objects.create(area=area, plan=plan, activity=activity, title="Podpis smlouvy", due=datetime.date(2026, 3, 31))
    Risk.objects.create(area=area, plan=plan, title="Nedostatek pracovníků", probability=4, impact=5, mitigation="Stáže.",
                        owner="Odbor sociálních věcí")
    Risk.objects.create(area=area, plan=plan, measure=m111, title="Výpadek dotace", probability=2, impact=3)
    return plan


def docx_of(content):
    return Document(io.BytesIO(content))


def headings(document):
    return [text(p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def table_rows(table):
    return [[text(cell.text) for cell in row.cells] for row in table.rows]


def pdf_pages(content):
    return [text(page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


# DOCX

def test_docx_has_the_chapters_the_strategic_part_and_every_measure_as_headings(plan):
    document = docx_of(plan_docx(snapshot(plan)))
    found = headings(document)
    for expected in ["1 Úvod a postup zpracování", "Organizační struktura", "2 Strategická část", "Prioritní oblast 1: Senioři",
                     "Cíl 1.1: Podpora života seniorů v domácím prostředí", "Opatření 1.1.1: Zachování pečovatelské služby",
                     "Opatření 2.1.1: Katalog sociálních služeb", "3 Finanční rámec plánu", "4 Harmonogram realizace",
                     "5 Řízení rizik", "6 Přílohy", "Příloha 2: Seznam zkratek"]:
        assert expected in found
    # Chapters are Word's Heading 1, so the table of contents picks them up.
    assert [p.style.name for p in document.paragraphs if text(p.text) == "2 Strategická část"] == ["toc 1", "Heading 1"]


def test_docx_title_page_names_the_area_plan_period_and_status(plan):
    paragraphs = [text(p.text) for p in docx_of(plan_docx(snapshot(plan))).paragraphs[:8]]
    assert "Město Testov" in paragraphs and "Komunitní plán 2025–2027" in paragraphs
    assert "Období: 2025–2027" in paragraphs and "Stav: návrh" in paragraphs
    assert not any(p.startswith("Schváleno") for p in paragraphs)


def test_docx_title_page_of_an_approved_plan_shows_the_resolution(plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.IN_FORCE, resolution_number="1234/ZM/25",
                                           resolution_date=datetime.date(2025, 9, 10))
    plan.refresh_from_db()
    paragraphs = [p.text for p in docx_of(plan_docx(snapshot(plan))).paragraphs[:8]]
    assert f"Schváleno: usnesení č.{NBSP}1234/ZM/25 ze dne 10.{NBSP}9.{NBSP}2025" in paragraphs
    assert "Stav: platný" in [text(p) for p in paragraphs]


def test_docx_measure_cost_table_shows_the_amounts_per_source_and_year(plan):
    document = docx_of(plan_docx(snapshot(plan)))
    cost_tables = [table for table in document.tables if table_rows(table)[0] == ["Zdroj", "2025", "2026", "2027", "Celkem"]]
    # The first measure: its own costs and its activity's 30 000 from MPSV in 2026.
    assert table_rows(cost_tables[0]) == [
        ["Zdroj", "2025", "2026", "2027", "Celkem"],
        ["obec / město", "100 000 Kč", "120 000 Kč", "–", "220 000 Kč"],
        ["kraj", "50 000 Kč", "–", "–", "50 000 Kč"],
        ["státní dotace (MPSV)", "–", "30 000 Kč", "–", "30 000 Kč"],
        ["Celkem", "150 000 Kč", "150 000 Kč", "0 Kč", "300 000 Kč"],
    ]
    # Measure 2.1.1 has hellers: two decimal places in the whole table.
    assert table_rows(cost_tables[-1])[-1] == ["Celkem", "10 000,75 Kč", "0,00 Kč", "0,00 Kč", "10 000,75 Kč"]
    # Money is written with non-breaking spaces, so an amount never breaks across lines.
    assert cost_tables[0].rows[1].cells[1].text == f"100{NBSP}000{NBSP}Kč"


def test_docx_budget_summary_tables_add_up_to_the_plan_total(plan):
    document = docx_of(plan_docx(snapshot(plan)))
    by_priority = next(table for table in document.tables if table_rows(table)[0][0] == "Prioritní oblast")
    assert table_rows(by_priority)[1:] == [
        ["1 Senioři", "150 000,00 Kč", "150 000,00 Kč", "1 000 000,00 Kč", "1 300 000,00 Kč"],
        ["2 Průřezová témata", "10 000,75 Kč", "–", "–", "10 000,75 Kč"],
        ["Celkem", "160 000,75 Kč", "150 000,00 Kč", "1 000 000,00 Kč", "1 310 000,75 Kč"],
    ]
    by_source = next(table for table in document.tables if table_rows(table)[0][0] == "Zdroj financování")
    assert table_rows(by_source)[1] == ["obec / město", "110 000,75 Kč", "120 000,00 Kč", "–", "230 000,75 Kč"]
    by_goal = next(table for table in document.tables if table_rows(table)[0][0] == "Cíl")
    assert [row[0] for row in table_rows(by_goal)[1:]] == [
        "1.1 Podpora života seniorů v domácím prostředí", "1.2 Dostupné pobytové služby", "2.1 Informovanost o službách", "Celkem"]


def test_docx_measure_card_lists_indicators_and_activities(plan):
    document = docx_of(plan_docx(snapshot(plan)))
    indicators = next(table for table in document.tables if table_rows(table)[0][0] == "Indikátor")
    rows = table_rows(indicators)
    assert rows[0] == ["Indikátor", "Druh", "Jednotka", "Výchozí hodnota", "2025", "2026", "2027", "Směr"]
    assert rows[1] == ["Počet klientů pečovatelské služby", "výstup", "osoby", "—", "300", "320", "340", "vyšší je lepší"]
    assert rows[2][1] == "sociální dopad" and rows[2][4:7] == ["—", "—", "80"]
    activities = next(table for table in document.tables if table_rows(table)[0][:2] == ["Číslo", "Aktivita"])
    assert table_rows(activities)[1] == ["1.1.1.1", "Financování terénní péče", "Odbor sociálních věcí", "I/2025 – IV/2027",
                                         "30 000 Kč"]


def test_docx_tables_repeat_their_header_row_and_rows_do_not_split(plan):
    document = docx_of(plan_docx(snapshot(plan)))
    table = next(table for table in document.tables if table_rows(table)[0][0] == "Indikátor")
    first, second = table.rows[0]._tr.xml, table.rows[1]._tr.xml
    assert "<w:tblHeader/>" in first and "<w:cantSplit/>" in first
    assert "<w:tblHeader/>" not in second and "<w:cantSplit/>" in second


def test_docx_has_a_toc_field_with_the_chapters_written_out(plan):
    document = docx_of(plan_docx(snapshot(plan)))
    body = document.element.body.xml
    assert 'TOC \\o "1-2" \\h \\z \\u' in body
    toc = [text(p.text) for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert toc[:3] == ["1 Úvod a postup zpracování", "Organizační struktura", "2 Strategická část"]
    assert "Prioritní oblast 2: Průřezová témata" in toc and "6 Přílohy" in toc


def test_docx_has_the_plan_title_in_the_header_and_page_numbers_in_the_footer(plan):
    section = docx_of(plan_docx(snapshot(plan))).sections[0]
    assert "Komunitní plán 2025–2027" in section.header.paragraphs[0].text
    footer = section.footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert plan.area.name in section.footer.paragraphs[0].text and "Strana" in section.footer.paragraphs[0].text
    # The title page has neither.
    assert section.different_first_page_header_footer


def test_docx_turns_markdown_into_word_lists_tables_and_bold_text(plan):
    document = docx_of(plan_docx(snapshot(plan)))
    paragraphs = document.paragraphs
    bullets = [text(p.text) for p in paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["řídicí skupina,", "čtyři pracovní skupiny a", "koordinátor komunitního plánování."]
    assert [text(p.text) for p in paragraphs if p.style.name == "List Number"] == ["Analýza potřeb", "Návrh opatření"]
    bold = next(p for p in paragraphs if text(p.text) == "čtyři pracovní skupiny a")
    assert [run.bold for run in bold.runs if run.text.strip()] == [True, None]
    sources = next(table for table in document.tables if table_rows(table)[0] == ["Zdroj", "Počet respondentů"])
    assert table_rows(sources)[1] == ["Dotazník pro veřejnost", "1 250"]
    assert sources.rows[1].cells[1].paragraphs[0].alignment == 2  # right


def test_docx_applies_czech_typography(plan):
    paragraphs = [p.text for p in docx_of(plan_docx(snapshot(plan))).paragraphs]
    assert f"Plán vznikal v{NBSP}letech 2023 a{NBSP}2024 za účasti zadavatelů, poskytovatelů i{NBSP}uživatelů." in paragraphs


def test_docx_risk_chapter_has_the_register_and_the_matrix_with_counts(plan):
    document = docx_of(plan_docx(snapshot(plan)))
    register = next(table for table in document.tables if table_rows(table)[0][:4] == ["Riziko", "P", "D", "Skóre"])
    rows = table_rows(register)
    assert [row[1:4] for row in rows[1:]] == [["4", "5", "20"], ["2", "3", "6"]]
    assert rows[1][0].startswith("Nedostatek pracovníků") and "celý plán" in rows[1][0]
    assert "opatření 1.1.1" in rows[2][0]
    matrix = next(table for table in document.tables if table_rows(table)[0][0] == "P \\ D")
    cells = table_rows(matrix)
    assert cells[0] == ["P \\ D", "1", "2", "3", "4", "5"]
    # Row "4" (probability 4): one risk with impact 5; row "2": one with impact 3.
    assert cells[2] == ["4", "", "", "", "", "1"] and cells[4] == ["2", "", "", "1", "", ""]


def test_docx_timetable_shows_each_activity_over_the_plan_years_with_its_milestones(plan):
    document = docx_of(plan_docx(snapshot(plan)))
    timetable = next(table for table in document.tables if table_rows(table)[0][:3] == ["Aktivita", "Kdo ji zajistí", "2025"])
    assert table_rows(timetable)[0] == ["Aktivita", "Kdo ji zajistí", *["2025"] * 4, *["2026"] * 4, *["2027"] * 4, "Milníky"]
    cells = table_rows(timetable)[1]
    assert cells[0] == "1.1.1.1 Financování terénní péče\nI/2025 – IV/2027" and cells[-1] == "Podpis smlouvy (31. 3. 2026)"
    # It runs in every quarter of 2025–2027: one filled cell a year, spanning the year's four quarters.
    row = timetable.rows[1]._tr.xml
    assert row.count('<w:gridSpan w:val="4"/>') == 3 and row.count("2E5F9E") == 3


def test_timetable_cells_span_the_quarters_an_activity_runs_or_not_within_each_year():
    activity = {"start_year": 2025, "start_quarter": 3, "end_year": 2026, "end_quarter": 2}
    cells = [(cell.on, cell.span) for cell in quarter_cells(activity, [2025, 2026, 2027])]
    assert cells == [(False, 2), (True, 2), (True, 2), (False, 2), (False, 4)]


def test_annex_lists_the_related_services_and_abbreviations(plan):
    document = docx_of(plan_docx(snapshot(plan)))
    abbreviations = next(table for table in document.tables if table_rows(table)[0] == ["Zkratka", "Význam"])
    assert {row[0] for row in table_rows(abbreviations)[1:]} >= {"KPSS", "MPSV", "EU", "OPZ", "SWOT"}


# PDF

def test_pdf_has_title_page_toc_with_page_numbers_and_the_measures_costs(plan):
    pages = pdf_pages(plan_pdf(snapshot(plan)))
    assert "Komunitní plán 2025–2027" in pages[0] and "Město Testov" in pages[0]
    assert "Strana" not in pages[0]  # no page number on the title page
    toc = pages[1]
    assert "Obsah" in toc
    entries = dict(re.findall(r"(\d Strategická část|\d Řízení rizik)[ .]*?(\d+)\s", toc))
    assert set(entries) == {"2 Strategická část", "5 Řízení rizik"}
    for heading, page in entries.items():
        assert heading in pages[int(page) - 1]
    strategic = "\n".join(pages[int(entries["2 Strategická část"]) - 1:])
    assert "Opatření 1.1.1: Zachování pečovatelské služby" in strategic
    assert "300 000 Kč" in strategic and "1 310 000,75 Kč" in strategic
    assert "Komunitní plán 2025–2027" in pages[2] and "Strana 3 z" in pages[2]  # running header, page numbers
    assert plan.area.name in pages[2]  # the footer names who made the plan


def outline(reader, items=None, depth=0):
    """The PDF's bookmarks as (depth, title, page number)."""
    entries = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            entries.extend(outline(reader, item, depth + 1))
        else:
            entries.append((depth, text(item.title), reader.get_destination_page_number(item) + 1))
    return entries


def links(reader):
    """The internal links as (page of the link, page it leads to)."""
    destinations = reader.named_destinations
    found = set()
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            target = annotation.get_object().get("/Dest")
            if target is not None:
                found.add((number, reader.get_destination_page_number(destinations[target]) + 1))
    return found


def test_pdf_has_bookmarks_contents_links_and_page_numbers_on_every_page(plan):
    steps = []
    reader = PdfReader(io.BytesIO(plan_pdf(snapshot(plan), progress=lambda percent, message="": steps.append((percent, message)))))
    assert [percent for percent, _message in steps] == [20, 40, 90]
    pages = len(reader.pages)
    assert pages > 5
    for number, page in enumerate(reader.pages[1:], start=2):
        assert f"Strana {number} z {pages}" in text(page.extract_text())
    bookmarks = outline(reader)
    assert (0, "2 Strategická část", 4) in bookmarks
    assert any(entry[:2] == (1, "Prioritní oblast 2: Průřezová témata") and entry[2] > 4 for entry in bookmarks)
    assert any(title.startswith("Opatření 1.1.1") for _depth, title, _page in bookmarks)  # a measure can be found
    found = links(reader)
    assert {page for page, _target in found} == {2} and len(found) >= 5  # the contents lead to the chapters
    assert (2, 4) in found
    assert reader.metadata.title == "Komunitní plán 2025–2027"


def test_pdf_is_tagged_and_reads_without_errors_in_poppler(plan, tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(plan_pdf(snapshot(plan)))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout
    assert info.stderr == ""  # Poppler (Evince, Okular, pdftotext) reports nothing wrong


def test_pdf_prints_markdown_sanitised():
    html = markdown_html("**tučně** <script>alert(1)</script> <a href=\"javascript:alert(1)\" onclick=\"x()\">odkaz</a>\n\n| a | b |\n|---|--:|\n| 1 | 2 |")
    assert "<strong>tučně</strong>" in html and "<td align=\"right\">2</td>" in html
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html


def test_pdf_prints_the_chapters_markdown_with_its_list_and_table(plan):
    pages = [text(page) for page in pdf_pages(plan_pdf(snapshot(plan)))]
    chapter = next(page for page in pages[2:] if "Úvod a postup zpracování" in page)
    assert "Organizační struktura" in chapter
    assert re.search(r"• čtyři pracovní skupiny a", chapter) and re.search(r"2\. Návrh opatření", chapter)
    assert re.search(r"Dotazník pro veřejnost\s+1 250", chapter)


def test_pdf_reflows_the_lines_of_a_markdown_paragraph_and_keeps_those_of_code(plan):
    Chapter.objects.filter(plan=plan).update(body="Plán vznikal\nv letech 2023 a 2024.\n\n    kód\n    beze změny\n\nDalší odstavec.")
    chapter = next(page for page in pdf_pages(plan_pdf(snapshot(plan)))[2:] if "Úvod a postup zpracování" in page)
    assert "Plán vznikal v letech 2023 a 2024." in chapter
    assert "kód\nbeze změny" in chapter


def test_pdf_prints_what_people_typed_literally_never_as_typst_markup(plan):
    typed = 'Služby #pagebreak() [a] *b* _c_ $d$ <e> @f \\g `i` // j'
    Measure.objects.filter(plan=plan, title="Zachování pečovatelské služby").update(title=typed)
    pages = pdf_pages(plan_pdf(snapshot(plan)))
    assert f"Opatření 1.1.1: {typed}" in text("\n".join(pages)).replace("\n", " ")


# Versions and empty plans

def test_a_version_prints_what_was_frozen(plan):
    version = PlanVersion.objects.create(area=plan.area, plan=plan, name="Návrh k připomínkám", snapshot=snapshot(plan))
    Measure.objects.filter(plan=plan, title="Zachování pečovatelské služby").update(title="Úplně nový název")
    content, filename = render(plan, "docx", version=version)
    found = headings(docx_of(content))
    assert "Opatření 1.1.1: Zachování pečovatelské služby" in found
    assert not any("Úplně nový název" in heading for heading in found)
    assert filename == "komunitni-plan-2025-2027-navrh-k-pripominkam.docx"
    assert any(text(p.text).startswith("Verze: Návrh k připomínkám") for p in docx_of(content).paragraphs[:8])


def test_an_empty_plan_renders_in_both_formats(area):
    plan = factories.plan_factory(area, title="Prázdný plán")
    data = snapshot(plan)
    paragraphs = [text(p.text) for p in docx_of(plan_docx(data)).paragraphs]
    assert "Plán zatím nemá žádné prioritní oblasti." in paragraphs
    assert "Plán zatím nemá naplánované náklady." in paragraphs and "Plán zatím nemá zapsaná rizika." in paragraphs
    pages = pdf_pages(plan_pdf(data))
    assert "Prázdný plán" in pages[0] and "Plán zatím nemá žádné aktivity." in "\n".join(pages)


def test_the_large_sample_plan_renders(area):
    plan = large_plan(area, priorities=2, goals_per_priority=2, measures=6, activities=9, indicators=8, risks=3, chapters=1)
    document = docx_of(plan_docx(snapshot(plan)))
    assert len([heading for heading in headings(document) if heading.startswith("Opatření ")]) == 6


# The staff page, the job and the download

@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def document_url(plan):
    return reverse("plans:document", kwargs={"area_slug": plan.area.slug, "pk": plan.pk})


def test_staff_page_offers_formats_and_versions(client, coordinator, plan):
    PlanVersion.objects.create(area=plan.area, plan=plan, name="Schválená verze", snapshot=snapshot(plan))
    client.force_login(coordinator)
    html = client.get(document_url(plan)).content.decode()
    assert "Dokument plánu" in html and "Vytvořit dokument" in html
    assert 'value="docx"' in html and 'value="pdf"' in html
    assert "Aktuální stav plánu" in html and "Schválená verze" in html


def test_job_from_the_staff_page_produces_a_downloadable_docx(client, coordinator, plan, media):
    client.force_login(coordinator)
    response = client.post(document_url(plan), {"format": "docx"})
    job = Job.objects.get(name="plans.render_document")
    assert response.status_code == 302 and response["Location"] == reverse("core:job", kwargs={"area_slug": "mesto", "job_id": job.pk})
    assert job.status == Job.Status.SUCCESS, job.message
    page = client.get(response["Location"]).content.decode()
    download_url = reverse("plans:document_download", kwargs={"area_slug": "mesto", "pk": plan.pk, "job_id": job.pk})
    assert f'href="{download_url}"' in page and "komunitni-plan-2025-2027.docx" in page
    assert f'<a href="{document_url(plan)}">Zpět na dokument plánu</a>' in page
    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="komunitni-plan-2025-2027.docx"'
    assert "Opatření 1.1.1: Zachování pečovatelské služby" in headings(docx_of(b"".join(download.streaming_content)))
    assert job.result["path"].startswith(f"plans/documents/mesto/{job.pk}/")


def test_job_renders_a_named_version_as_pdf(client, coordinator, plan, media):
    version = PlanVersion.objects.create(area=plan.area, plan=plan, name="Verze pro radu", snapshot=snapshot(plan))
    client.force_login(coordinator)
    client.post(document_url(plan), {"format": "pdf", "version": version.pk})
    job = Job.objects.get(name="plans.render_document")
    assert job.params["version_id"] == version.pk and job.result["format"] == "pdf"
    download = client.get(job.result["download_url"])
    assert "Verze pro radu" in pdf_pages(b"".join(download.streaming_content))[0]


def test_a_member_of_the_area_downloads_an_outsider_and_another_area_do_not(client, coordinator, person_with_role, outsider,
                                                                            other_area, plan, media):
    client.force_login(coordinator)
    client.post(document_url(plan), {"format": "docx"})
    job = Job.objects.get(name="plans.render_document")
    url = job.result["download_url"]
    client.force_login(person_with_role(plan.area, "member"))
    assert client.get(url).status_code == 200
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(document_url(plan)).status_code == 404
    # A coordinator of another area, asking through their own area's address.
    client.force_login(person_with_role(other_area, "coordinator"))
    assert client.get(url).status_code == 404
    foreign = reverse("plans:document_download", kwargs={"area_slug": other_area.slug, "pk": plan.pk, "job_id": job.pk})
    assert client.get(foreign).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_another_areas_plan_is_a_404_on_the_staff_page(client, other_area, person_with_role, plan):
    client.force_login(person_with_role(other_area, "coordinator"))
    assert client.get(reverse("plans:document", kwargs={"area_slug": other_area.slug, "pk": plan.pk})).status_code == 404
    assert client.post(reverse("plans:document", kwargs={"area_slug": other_area.slug, "pk": plan.pk}),
                       {"format": "pdf"}).status_code == 404
    assert not Job.objects.exists()


def test_a_version_of_another_plan_is_refused(client, coordinator, plan, area):
    other_plan = factories.plan_factory(area, title="Jiný plán")
    foreign = PlanVersion.objects.create(area=area, plan=other_plan, name="Cizí verze", snapshot=snapshot(other_plan))
    client.force_login(coordinator)
    response = client.post(document_url(plan), {"format": "pdf", "version": foreign.pk})
    assert response.status_code == 200 and not Job.objects.exists()


def test_generated_tables_give_long_names_room_and_numbers_just_enough():
    headers = ["§", "Druh služby", "Služeb", "Poskytovatelů"]
    rows = [["40", "pečovatelská služba", "4", "3"],
            ["66", "sociálně aktivizační služby pro seniory a osoby se zdravotním postižením", "3", "3"]]
    section, kind, services, providers = natural_widths(headers, rows, numeric={2, 3})
    assert kind > providers > services > section
    assert providers >= len("Poskytovatelů")  # the header word fits on one line


def test_generated_tables_size_short_columns_to_their_content_in_the_pdf():
    headers = ["§", "Druh služby", "Služeb", "Poskytovatelů"]
    rows = [["40", "pečovatelská služba", "4", "3"],
            ["66", "sociálně aktivizační služby pro seniory a osoby se zdravotním postižením", "3", "3"]]
    assert short_columns(headers, rows) == (True, False, True, True)
    assert short_columns(headers, [["40", "azylové domy", "4", "3"]]) == ()  # all short: the weights keep the width
