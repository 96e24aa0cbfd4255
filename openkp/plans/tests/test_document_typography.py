"""Guard: no generated document leaves a one-letter preposition or conjunction (k, s, v, z, o, u, a, i) before a plain
space, so none of them can end a line. Every kind of document the application makes is generated from small data
with such words in fixed texts, captions, headers, footers, table cells and typed data, and read back whole: DOCX
with python-docx (body, tables, headers and footers), PDF with pypdf.

pypdf, not pdftotext: Poppler's text output (22.12) turns U+00A0 into a plain space, so it cannot tell the two apart.
"""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from openkp.catalog.guides import guide_docx, guide_pdf
from openkp.catalog.models import Guide
from openkp.catalog.tests.test_guides import make_catalogue
from openkp.needs.documents import map_docx, map_pdf
from openkp.needs.exports import report_docx, report_pdf
from openkp.needs.models import Response
from openkp.needs.selectors.analysis import Selection, analyse
from openkp.needs.selectors.swot import analysis_docx
from openkp.needs.services import swot as swot_services
from openkp.needs.services.register import needs_map_for, needs_map_save
from openkp.needs.tests.factories import respond
from openkp.needs.tests.test_analysis import group_values
from openkp.needs.tests.test_register import make_planning
from openkp.structures.minutes import attendance_sheet_pdf, minutes_docx, minutes_pdf
from openkp.structures.models import Minutes, Participant

from ..documents import plan_docx, plan_pdf
from ..models import Chapter, Plan
from ..services.snapshot import snapshot
from . import factories

ONE_LETTER_BEFORE_SPACE = re.compile(r"(^|\s)[ksvzouaiKSVZOUAI] ", re.MULTILINE)
TEXT = "Služba pomáhá v domácnosti i s nákupy a k lékaři jezdí s klienty z okolí u Ostravy o víkendu."


def docx_text(content):
    """All text of a DOCX: paragraphs, tables (nested too), headers and footers of every section."""
    document = Document(io.BytesIO(content))
    parts = []

    def tables(items):
        for table in items:
            for row in table.rows:
                for cell in row.cells:
                    parts.extend(paragraph.text for paragraph in cell.paragraphs)
                    tables(cell.tables)

    parts.extend(paragraph.text for paragraph in document.paragraphs)
    tables(document.tables)
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            parts.extend(paragraph.text for paragraph in part.paragraphs)
            tables(part.tables)
    return "\n".join(parts)


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def plain_spaces_after_one_letter_words(text):
    return [text[max(match.start() - 20, 0):match.end() + 20] for match in ONE_LETTER_BEFORE_SPACE.finditer(text)]


def plan_kind(area, fmt, status=Plan.Status.DRAFT):
    plan = factories.small_plan(area)
    plan.summary = TEXT + "\nVznikl v pracovních skupinách\na v řídicí skupině."
    plan.status = status
    plan.save()
    Chapter.objects.create(area=area, plan=plan, position=1, title="Úvod a postup",
                           body=f"{TEXT}\nDruhý řádek odstavce a v něm i věta.\n\n- seznam v bodech\n- a s odkazy\n\n"
                                "| Zdroj a rok | Počet |\n|---|---:|\n| Dotazník v obvodu | 1 250 |\n")
    render = plan_pdf if fmt == "pdf" else plan_docx
    return render(snapshot(plan), office=["Magistrát města Ostravy", "odbor sociálních věcí a zdravotnictví"])


def guide_kind(area, fmt):
    target_group = make_catalogue(area)
    guide = Guide.objects.create(area=area, target_group=target_group, title="Průvodce pro seniory a pečující",
                                 how_to_get_help=TEXT + "\n\nZavolejte k nám a s vámi probereme i další možnosti.")
    return guide_pdf(guide) if fmt == "pdf" else guide_docx(guide)


def survey_kind(planning, fmt):
    survey = planning.survey
    seniors, carers = group_values(survey)
    respond(survey, {"skupina": seniors, "obvod": "p546003", "pomoc": "ne", "proc": "Informace v novinách a u lékaře",
                     "chybi": ["bydleni", "doprava"], "spokojenost": "4", "dostupnost": {"lekar": "snadno", "urad": "obtizne"},
                     "vek": "70", "vzkaz": "Děkuji a přeji hodně sil"})
    respond(survey, {"skupina": carers, "pomoc": "ano", "chybi": ["doprava"], "spokojenost": "2"}, mode=Response.Mode.PAPER)
    analysis = analyse(Selection(survey=survey))
    render = report_pdf if fmt == "pdf" else report_docx
    return render(analysis, description=["Způsob sběru: online a papírový dotazník"])


def attendance_kind(planning, fmt):
    meeting = planning.meeting
    meeting.agenda = "1. Zahájení a program\n2. Výsledky v kostce"
    meeting.save()
    Participant.objects.create(area=meeting.area, meeting=meeting, name="Jana Horáková", organisation_name="Domov u parku a s.r.o.")
    return attendance_sheet_pdf(meeting)


def minutes_kind(planning, fmt):
    minutes = Minutes.objects.get(meeting=planning.meeting)
    minutes.discussion = TEXT + "\n\nSkupina se shodla a s návrhem souhlasí."
    minutes.decisions = "Skupina schvaluje návrh a k němu i harmonogram\nPříští setkání v březnu"
    minutes.recorded_by = "Jana Horáková"
    minutes.save()
    Participant.objects.create(area=minutes.area, meeting=planning.meeting, name="Petr Holub", attendance=Participant.Attendance.PRESENT,
                               organisation_name="Spolek Soužití a sousedé")
    planning.meeting.tasks.create(area=minutes.area, group=planning.seniors, title="Připravit návrh a rozeslat ho k připomínkám",
                                  due_date=timezone.localdate() + timedelta(days=14))
    return minutes_pdf(minutes) if fmt == "pdf" else minutes_docx(minutes)


def swot_kind(planning, fmt):
    analysis = planning.analysis
    swot_services.item_add(analysis=analysis, category="S", text="Síť služeb v celém městě a v obvodech", author=None)
    swot_services.item_add(analysis=analysis, category="O", text="Dotace z EU i z kraje", author=None)
    return analysis_docx(analysis)


def map_kind(planning, fmt):
    needs_map = needs_map_save(needs_map_for(planning.seniors), current_state=TEXT + "\n\nSlužby jsou v zimě přetížené.",
                               conclusions="Prioritou je odlehčovací služba a s ní i podpora pečujících.")
    return map_pdf(planning.seniors, needs_map) if fmt == "pdf" else map_docx(planning.seniors, needs_map)


KINDS = [
    ("plan", "docx"), ("plan", "pdf"), ("guide", "docx"), ("guide", "pdf"), ("survey-report", "docx"), ("survey-report", "pdf"),
    ("attendance-list", "pdf"), ("minutes", "docx"), ("minutes", "pdf"), ("swot", "docx"), ("needs-map", "docx"), ("needs-map", "pdf"),
]


@pytest.mark.parametrize(("kind", "fmt"), KINDS)
def test_no_one_letter_word_before_a_plain_space(area, person_with_role, kind, fmt):
    if kind == "plan":
        content = plan_kind(area, fmt)
    elif kind == "guide":
        content = guide_kind(area, fmt)
    else:
        planning = make_planning(area, person_with_role)
        area.office_name = "Magistrát města Ostravy, odbor sociálních věcí a zdravotnictví"
        area.save()
        build = {"survey-report": survey_kind, "attendance-list": attendance_kind, "minutes": minutes_kind, "swot": swot_kind,
                 "needs-map": map_kind}[kind]
        content = build(planning, fmt)
    text = docx_text(content) if fmt == "docx" else pdf_text(content)
    assert len(text) > 200  # the document was read back
    assert plain_spaces_after_one_letter_words(text) == []


def test_an_approved_plan_renders_without_the_draft_mark(area):
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        assert "NÁVRH" in read(plan_kind(area, fmt))
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        Plan.objects.all().delete()
        assert "NÁVRH" not in read(plan_kind(area, fmt, status=Plan.Status.IN_FORCE))
