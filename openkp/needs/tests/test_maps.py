"""Needs-and-services maps: the overview per working group, one group's map with anchors, its texts,
the chapter as DOCX and PDF, and the public version of a finished map."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from openkp.accounts.tests.factories import UserFactory
from openkp.catalog.models import TargetGroup
from openkp.structures.models import Group

from ..models import Need, NeedsMap, Urgency
from ..services.register import gap_create, need_create, needs_map_for, needs_map_save
from .test_register import make_planning, page, url


@pytest.fixture
def planning(area, person_with_role):
    return make_planning(area, person_with_role)


@pytest.fixture
def finished_map(planning):
    needs_map = needs_map_for(planning.seniors)
    return needs_map_save(needs_map, current_state="Ve městě žije 21 350 seniorů.\n\nSlužby jsou přetížené.",
                          conclusions="Prioritou je odlehčovací služba.")


def test_overview_has_one_entry_per_working_group_with_counts(client, coordinator, planning, finished_map):
    need_create(area=planning.need.area, title="Zamítnutá", group=planning.seniors, status=Need.Status.REJECTED, status_reason="Ne.")
    need_create(area=planning.need.area, title="Bez služeb", group=planning.seniors)
    client.force_login(coordinator)
    html = page(client.get(url("map_list")))
    start = html.index("Senioři</a>")
    row = html[start:html.index("</tr>", start)]
    # Two needs (the rejected one is left out), one of them answered by a service, one gap; texts written.
    assert [cell.split("<")[0] for cell in row.split('class="okp-num">')[1:]] == ["2", "1", "1"]
    assert "napsány" in row
    assert f'href="/mesto/sprava/potreby/mapa/seniori/?obdobi={planning.period.pk}"' in html


def test_map_shows_needs_services_gaps_with_anchors(client, coordinator, planning, finished_map):
    client.force_login(coordinator)
    html = page(client.get(url("map_detail", group_slug="seniori")))
    assert "<h1>Analýza současného stavu cílové skupiny senioři</h1>" in html
    assert "Ve městě žije 21 350 seniorů." in html and "Prioritou je odlehčovací služba." in html
    assert f'id="potreba-{planning.need.pk}"' in html and f'id="mezera-{planning.gap.pk}"' in html
    assert "Pečovatelská služba Jih" in html and "terénní – počet klientů: 120" in html and "Ostrava-Jih" in html
    assert "Pobytová odlehčovací služba" in html and "Rozšířit domov Lipina o 6 lůžek." in html
    assert "Rodinné centrum" not in html  # a need of another group
    # The figures the group's needs cite.
    assert "Obyvatelé 65+ let" in html and "21 350" in html
    assert url("map_edit", group_slug="seniori") in html


def test_map_title_without_target_groups_is_the_groups_name(client, coordinator, planning):
    client.force_login(coordinator)
    html = page(client.get(url("map_detail", group_slug="rodiny")))
    assert "<h1>Analýza současného stavu cílové skupiny Rodiny s dětmi</h1>" in html
    assert "Rodinné centrum v Porubě" in html


@pytest.mark.parametrize("name", ["map_list", "map_detail", "map_docx", "map_pdf", "map_edit"])
@pytest.mark.parametrize("role, read_status, write_status", [
    (None, 302, 302),
    ("outsider", 404, 404),
    ("member", 200, 403),
    ("observer", 200, 403),
    ("group_manager", 200, 200),
    ("coordinator", 200, 200),
])
def test_permission_matrix(client, area, person_with_role, planning, name, role, read_status, write_status):
    if role == "outsider":
        client.force_login(UserFactory(username="cizinec"))
    elif role == "group_manager":
        client.force_login(planning.manager)  # leads "Senioři"
    elif role:
        client.force_login(person_with_role(area, role))
    response = client.get(url(name) if name == "map_list" else url(name, group_slug="seniori"))
    assert response.status_code == (write_status if name == "map_edit" else read_status)


def test_group_manager_edits_the_texts_of_their_groups_map_only(client, planning):
    client.force_login(planning.manager)
    assert client.get(url("map_edit", group_slug="rodiny")).status_code == 403
    assert client.post(url("map_edit", group_slug="rodiny"), {"current_state": "X", "conclusions": "Y"}).status_code == 403
    response = client.post(url("map_edit", group_slug="seniori"), {"current_state": "Stav.", "conclusions": "Závěr."})
    assert response.status_code == 302
    needs_map = NeedsMap.objects.get(group=planning.seniors)
    assert (needs_map.current_state, needs_map.conclusions, needs_map.period) == ("Stav.", "Závěr.", planning.period)
    assert not NeedsMap.objects.filter(group=planning.families).exists()


def test_unknown_group_and_another_areas_group_are_404(client, coordinator, other_area, planning):
    from openkp.structures.models import PlanningPeriod

    other_period = PlanningPeriod.objects.create(area=other_area, name="Jiné", start_year=2025, end_year=2026, is_current=True)
    Group.objects.create(area=other_area, period=other_period, name="Cizí", slug="cizi")
    client.force_login(coordinator)
    assert client.get(url("map_detail", group_slug="cizi")).status_code == 404
    assert client.get(url("map_detail", group_slug="neni")).status_code == 404


def test_docx_chapter_reads_back(client, coordinator, planning, finished_map):
    client.force_login(coordinator)
    response = client.get(url("map_docx", group_slug="seniori"))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs).replace("\u00a0", " ")
    assert "Analýza současného stavu cílové skupiny senioři" in text
    assert "Ve městě žije 21 350 seniorů." in text and "Prioritou je odlehčovací služba." in text
    assert text.index("Současný stav") < text.index("Potřeby a služby") < text.index("Závěry")
    table = document.tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["Potřeba", "Existující služby (kapacita, kde)", "Chybějící služby", "Navrhovaná řešení"]
    row = [cell.text.replace("\u00a0", " ") for cell in table.rows[1].cells]
    assert "Odlehčovací služba pro pečující" in row[0] and "naléhavost: vysoká" in row[0]
    assert "Pečovatelská služba Jih (Charita Ostrava)" in row[1] and "počet klientů: 120" in row[1] and "Ostrava-Jih" in row[1]
    assert "Pobytová odlehčovací služba" in row[2] and "6 lůžek" in row[2]
    assert "Rozšířit domov Lipina o 6 lůžek." in row[3]
    # The header row repeats on every page and no row breaks across pages.
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert all(row._tr.trPr.xpath("./w:cantSplit") for row in table.rows)
    # The cited demographic figures as a second table.
    assert [cell.text for cell in document.tables[1].rows[0].cells] == ["Místo", "2024"]


def test_pdf_chapter_reads_back(client, coordinator, planning, finished_map):
    client.force_login(coordinator)
    response = client.get(url("map_pdf", group_slug="seniori"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.replace("\u00a0", " ").split())
    assert "Analýza současného stavu cílové skupiny senioři" in text
    assert "Odlehčovací služba pro pečující" in text and "Pečovatelská služba Jih" in text
    assert "Rozšířit domov Lipina o 6 lůžek." in text and "Prioritou je odlehčovací služba." in text


def _needs(planning, count):
    targets = list(TargetGroup.objects.all()[:2])
    for number in range(count):
        need = need_create(area=planning.need.area, title=f"Potřeba {number}", group=planning.seniors, urgency=Urgency.LOW,
                           relations={"target_groups": targets, "services": [planning.service], "figures": [planning.figure]})
        gap_create(need=need, title=f"Mezera {number}", proposed_solution="Řešení")


@pytest.mark.parametrize("name", ["map_list", "map_detail"])
def test_map_pages_query_count_is_flat(client, coordinator, planning, finished_map, django_assert_max_num_queries, name):
    address = url(name) if name == "map_list" else url(name, group_slug="seniori")
    client.force_login(coordinator)
    client.get(address)
    _needs(planning, 3)
    with django_assert_max_num_queries(40) as few:
        client.get(address)
    _needs(planning, 27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page(client.get(address))
    assert "Potřeba 26" in html or name == "map_list"


def test_public_map_only_when_finished_and_without_internal_notes(client, planning):
    Need.objects.filter(pk=planning.need.pk).update(evidence_note="Interní poznámka k podkladům")
    public = url("public_map", group_slug="seniori")
    assert client.get(public).status_code == 404  # no texts yet
    needs_map = needs_map_save(needs_map_for(planning.seniors), current_state="Stav.", conclusions="")
    assert client.get(public).status_code == 404  # conclusions not written: not finished
    needs_map_save(needs_map, current_state="Stav.", conclusions="Závěr mapy.")
    html = page(client.get(public))
    assert "Závěr mapy." in html and "Odlehčovací služba pro pečující" in html and f'id="potreba-{planning.need.pk}"' in html
    assert "Interní poznámka" not in html and "/sprava/" not in html.split("<main")[1].split("</main>")[0]
    Group.objects.filter(pk=planning.seniors.pk).update(is_public=False)
    assert client.get(public).status_code == 404
