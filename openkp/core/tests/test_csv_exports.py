"""Every CSV export goes through the one writer, and no cell of it runs as a formula in a spreadsheet.

A record with ``=HYPERLINK(…)`` (and the other formula starts) in its text fields is exported by every CSV
download; each cell that begins with ``= + - @``, a tab or a carriage return must carry the apostrophe, unless
it is a plain number.
"""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from openkp.catalog.codebooks import load_seed_codebooks
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.csv_export import FORMULA_STARTS, PLAIN_NUMBER, csv_bytes, dict_csv_bytes, neutralise
from openkp.core.tests.factories import OrganisationFactory
from openkp.needs.tests.factories import respond, sample_survey

FORMULA = '=HYPERLINK("http://zly.example/","Klikněte")'
OTHER_STARTS = ["+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


def rows_of(response):
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))


def catalog_export(client, area, coordinator):
    load_seed_codebooks()
    ServiceFactory(area=area, name=FORMULA, provider=OrganisationFactory(name=OTHER_STARTS[0]), phone=OTHER_STARTS[3],
                   web=OTHER_STARTS[4])
    return client.get("/mesto/sluzby/export.csv"), [FORMULA, OTHER_STARTS[0], *OTHER_STARTS[3:]]


def survey_data(client, area, coordinator):
    survey = sample_survey(area)
    respond(survey, {"pomoc": "ano", "vzkaz": FORMULA})
    respond(survey, {"pomoc": "ne", "proc": OTHER_STARTS[1], "vzkaz": OTHER_STARTS[2]})  # answers are stripped: no tab
    client.force_login(coordinator)
    return client.get(f"/mesto/sprava/potreby/dotazniky/{survey.pk}/analyza/data.csv"), [FORMULA, *OTHER_STARTS[1:3]]


def survey_codes(client, area, coordinator):
    survey = sample_survey(area, title=FORMULA, uses_codes=True)
    client.force_login(coordinator)
    url = f"/mesto/sprava/potreby/dotazniky/{survey.pk}/kody/"
    html = client.post(url, {"action": "generate", "count": "2"}).content.decode()
    codes = re.findall(r"<code>([A-Z0-9]{4}-[A-Z0-9]{4})</code>", html)
    assert len(codes) == 2
    return client.post(url, {"action": "csv", "code": codes}), [FORMULA]


EXPORTS = {"catalog /<area>/sluzby/export.csv": catalog_export, "survey data.csv": survey_data, "one-time codes": survey_codes}


@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS.values(), ids=EXPORTS.keys())
def test_no_cell_of_a_csv_export_starts_a_formula(client, area, coordinator, export):
    response, typed = export(client, area, coordinator)
    cells = [cell for row in rows_of(response) for cell in row]
    live = [cell for cell in cells if cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(cell)]
    assert not live, f"cells a spreadsheet would run as formulas: {live}"
    for text in typed:
        assert "'" + text in cells  # the text is kept, only made inert


def test_numbers_stay_numbers_and_formulas_become_text():
    assert [neutralise(value) for value in (-5, Decimal("-1.50"), 2.5, None, "-5", "-1,5", "+3.25", "Praha", "")] == [
        -5, Decimal("-1.50"), 2.5, None, "-5", "-1,5", "+3.25", "Praha", ""]
    assert [neutralise(value) for value in ("=1+1", "+420 603 123 456", "-2+3", "@SUM(A1)", "\tx", "\rx", "-")] == [
        "'=1+1", "'+420 603 123 456", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "'-"]
    assert csv_bytes([["=1", -1]], header=["a", "b"]) == "\ufeffa;b\r\n'=1;-1\r\n".encode()
    assert dict_csv_bytes(["a", "b"], [{"b": "@x", "c": "left out"}]) == "\ufeffa;b\r\n;'@x\r\n".encode()


def test_no_csv_writer_outside_the_one_writer():
    root = Path(__file__).resolve().parents[2]
    writers = sorted(
        path.relative_to(root).as_posix() for path in root.rglob("*.py")
        if "tests" not in path.parts and re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8"))
    )
    assert writers == ["core/csv_export.py"], "write CSV files with openkp.core.csv_export (formula cells neutralised)"
