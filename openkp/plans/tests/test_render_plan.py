"""``manage.py render_plan --area SLUG --format docx|pdf -o FILE [--version NAME]``: the area's plan in force,
else its latest draft; a named version's frozen snapshot; clear Czech errors and no file when it cannot."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from docx import Document
from pypdf import PdfReader

from ..models import Measure, Plan, PlanVersion
from ..services.snapshot import snapshot
from . import factories


def titles(path):
    """The paragraphs of a written DOCX (title page, headings, texts)."""
    return [paragraph.text.replace("\u00a0", " ") for paragraph in Document(path).paragraphs]


def render(area, tmp_path, fmt="docx", *extra):
    output = tmp_path / f"plan.{fmt}"
    call_command("render_plan", "--area", area.slug, "--format", fmt, "-o", str(output), *extra, stdout=io.StringIO())
    return output


def test_writes_the_draft_as_docx(area, tmp_path):
    factories.small_plan(area)
    output = render(area, tmp_path)
    found = titles(output)
    assert "Komunitní plán 2025–2027" in found and "Opatření 1.1.1: Zachování pečovatelské služby" in found


def test_writes_pdf(area, tmp_path):
    factories.small_plan(area)
    output = render(area, tmp_path, "pdf")
    reader = PdfReader(output)
    assert output.read_bytes().startswith(b"%PDF")
    assert "Komunitní plán 2025–2027" in reader.pages[0].extract_text()
    assert "300 000 Kč" in "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")


def test_reports_what_was_written(area, tmp_path):
    factories.small_plan(area)
    output = tmp_path / "plan.docx"
    stdout = io.StringIO()
    call_command("render_plan", "--area", area.slug, "--format", "docx", "-o", str(output), stdout=stdout)
    assert "Komunitní plán 2025–2027" in stdout.getvalue() and str(output) in stdout.getvalue()


def test_the_plan_in_force_wins_over_a_newer_draft(area, tmp_path):
    factories.plan_factory(area, title="Platný plán", status=Plan.Status.IN_FORCE, resolution_number="12/2024",
                           resolution_date=datetime.date(2024, 12, 10))
    factories.plan_factory(area, title="Návrh dalšího plánu", start_year=2028, end_year=2030)
    assert "Platný plán" in titles(render(area, tmp_path))


def test_without_a_plan_in_force_the_latest_draft_by_start_year_then_creation(area, tmp_path):
    factories.plan_factory(area, title="Plán s pozdějším začátkem", start_year=2028, end_year=2030)
    factories.plan_factory(area, title="Dřívější plán vytvořený později", start_year=2025, end_year=2027,
                           status=Plan.Status.CONSULTATION)
    factories.plan_factory(area, title="Uzavřený plán", start_year=2030, end_year=2031, status=Plan.Status.CLOSED)
    assert "Plán s pozdějším začátkem" in titles(render(area, tmp_path))
    factories.plan_factory(area, title="Plán 2028 vytvořený nejpozději", start_year=2028, end_year=2031)
    assert "Plán 2028 vytvořený nejpozději" in titles(render(area, tmp_path))


def test_version_prints_the_frozen_snapshot(area, tmp_path):
    plan = factories.small_plan(area)
    PlanVersion.objects.create(area=area, plan=plan, name="návrh k připomínkám", snapshot=snapshot(plan))
    Measure.objects.filter(plan=plan, title="Zachování pečovatelské služby").update(title="Přejmenované opatření")
    frozen = titles(render(area, tmp_path, "docx", "--version", "návrh k připomínkám"))
    assert "Opatření 1.1.1: Zachování pečovatelské služby" in frozen
    assert "Opatření 1.1.1: Přejmenované opatření" in titles(render(area, tmp_path))


@pytest.mark.parametrize(("setup", "arguments", "message"), [
    ("none", ["--area", "nikde"], "Území „nikde“ neexistuje. Existující území: mesto."),
    ("none", ["--area", "mesto"], "Území „mesto“ nemá platný plán ani rozpracovaný návrh plánu."),
    ("plan", ["--area", "mesto", "--version", "neexistující"],
     "Plán „Komunitní plán 2025–2027“ nemá verzi „neexistující“. Uložené verze: „první“."),
])
def test_fails_with_a_czech_message_and_writes_nothing(area, tmp_path, setup, arguments, message):
    if setup == "plan":
        plan = factories.plan_factory(area)
        PlanVersion.objects.create(area=area, plan=plan, name="první", snapshot=snapshot(plan))
    output = tmp_path / "plan.docx"
    with pytest.raises(CommandError) as error:
        call_command("render_plan", *arguments, "--format", "docx", "-o", str(output))
    assert str(error.value) == message
    assert not output.exists()


def test_a_closed_plan_alone_is_not_rendered(area, tmp_path):
    factories.plan_factory(area, status=Plan.Status.CLOSED)
    with pytest.raises(CommandError, match="nemá platný plán"):
        render(area, tmp_path)


def test_from_the_command_line_an_error_exits_non_zero(area, tmp_path, capsys):
    output = tmp_path / "plan.pdf"
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "render_plan", "--area", "nikde", "--format", "pdf", "-o", str(output)])
    assert exit_.value.code == 1
    assert "Území „nikde“ neexistuje" in capsys.readouterr().err
    assert not output.exists()


def test_an_unknown_format_is_refused(area, tmp_path, capsys):
    factories.plan_factory(area)
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "render_plan", "--area", "mesto", "--format", "odt", "-o", str(tmp_path / "x")])
    assert exit_.value.code != 0
    assert not (tmp_path / "x").exists()
