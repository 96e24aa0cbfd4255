"""The document library in a browser: accessibility of the pages, a member uploads and downloads."""

import re

import pytest

from .conftest import run_axe

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def library_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the demo files go here, not into var/media
    return tmp_path


@pytest.fixture
def library_site(library_media, demo_site):
    return demo_site


def _log_in(page, site, username):
    page.goto(site + "/ucet/prihlaseni/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_library_pages_have_no_axe_violations(axe_page, library_site):
    from openkp.library.models import Document

    document = Document.objects.filter(area__slug="ostrava", visibility="public", versions__number=2).first()
    for path in ("/ostrava/dokumenty/", "/ostrava/dokumenty/?q=zapis&druh=minutes", f"/ostrava/dokumenty/{document.pk}/"):
        axe_page.goto(library_site + path)
        assert run_axe(axe_page) == [], path
    _log_in(axe_page, library_site, "clen")
    for path in ("/ostrava/dokumenty/", "/ostrava/dokumenty/novy/"):
        axe_page.goto(library_site + path)
        assert run_axe(axe_page) == [], path


def test_member_uploads_a_document_and_downloads_it(page, library_site):
    _log_in(page, library_site, "clen")
    page.goto(library_site + "/ostrava/dokumenty/")
    assert page.get_by_text("jen pro členy").count() > 0
    page.get_by_role("link", name="Nahrát dokument").click()
    page.set_input_files("#id_file", files=[{"name": "Zápis – duben.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}])
    page.fill("#id_title", "Zápis z jednání PS Senioři – duben 2026")
    page.select_option("#id_category", "minutes")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ostrava/dokumenty/\d+/$"))
    assert page.locator("h1").inner_text().replace("\xa0", " ") == "Zápis z jednání PS Senioři – duben 2026"
    assert page.get_by_text("jen pro členy").count() == 1
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Stáhnout aktuální verzi")).click()
    download = download_info.value
    assert download.suggested_filename == "Zápis – duben.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read() == PDF_BYTES
