import io

import docx
from pypdf import PdfReader

from openkp.catalog.models import Guide, ServiceType, TargetGroup
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.tests.factories import MunicipalityFactory
from openkp.core.typography import NBSP


def make_catalogue(area):
    town = MunicipalityFactory(code="554821", name="Ostrava")
    ServiceFactory(area=area, name="Domov pro seniory Lipina", service_type=ServiceType.objects.get(section="49"),
                   description="Domov s celoroční péčí v klidné části města.", target_groups=["senioři"], phone="596 000 111",
                   facilities=[{"street": "Lipová", "house_number": "12", "postcode": "70030", "municipality": town}])
    ServiceFactory(area=area, name="Pečovatelská služba Jih", target_groups=["senioři"], email="info@pecovatelska.example.cz")
    ServiceFactory(area=area, name="Azylový dům Naděje", service_type=ServiceType.objects.get(section="57"),
                   target_groups=["osoby bez přístřeší"])
    return TargetGroup.objects.get(name="senioři")


def test_guide_list_offers_a_guide_per_target_group(client, area):
    seniors = make_catalogue(area)
    html = client.get("/mesto/sluzby/pruvodci/").content.decode()
    assert f'/mesto/sluzby/pruvodci/{seniors.pk}.pdf' in html
    assert "Senioři" in html and "Osoby bez přístřeší" in html


def test_pdf_guide_has_title_page_groups_and_contacts(client, area):
    seniors = make_catalogue(area)
    response = client.get(f"/mesto/sluzby/pruvodci/{seniors.pk}.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Informační průvodce sociálními" in text and "službami – senioři" in text
    assert "Jak získat pomoc" in text
    assert "Domov pro seniory Lipina" in text and "Pečovatelská služba Jih" in text
    assert "Azylový dům" not in text  # another target group
    assert "596 000 111" in text.replace(NBSP, " ")
    assert len(reader.pages) >= 2  # a title page of its own, then the introduction and the services
    assert not Guide.objects.exists()  # downloading creates nothing


def test_docx_guide_groups_services_by_type(client, area):
    seniors = make_catalogue(area)
    response = client.get(f"/mesto/sluzby/pruvodci/{seniors.pk}.docx")
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any("domovy pro seniory" in heading for heading in headings)
    assert any("pečovatelská služba" in heading for heading in headings)
    assert "Domov pro seniory Lipina" in headings
    assert any(f"Adresa: Lipová 12, 700{NBSP}30 Ostrava" == p.text or "Lipová 12" in p.text for p in document.paragraphs)


def test_coordinator_edits_the_introduction(client, area, coordinator, person_with_role):
    seniors = make_catalogue(area)
    url = f"/mesto/sprava/pruvodci/{seniors.pk}/"
    client.force_login(person_with_role(area, "member"))
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    response = client.post(url, {"title": "Průvodce pro seniory", "how_to_get_help": "Volejte linku 800 100 200."})
    assert response.status_code == 302
    pdf = client.get(f"/mesto/sluzby/pruvodci/{seniors.pk}.pdf").content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Průvodce pro seniory" in text and "800 100 200" in text.replace(NBSP, " ")
