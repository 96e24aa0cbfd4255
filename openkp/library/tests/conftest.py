import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openkp.library import services
from openkp.structures.models import Group, PlanningPeriod

# A tiny but well-formed PDF (one empty page).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def period(area):
    return PlanningPeriod.objects.create(area=area, name="1. plán 2025–2028", start_year=2025, end_year=2028, is_current=True)


@pytest.fixture
def group(area, period):
    return Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")


def pdf_file(name="zápis.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_bytes(text="Zápis z jednání"):
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def odf_bytes(mimetype):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def make_document(area, user=None, *, title="Zápis z jednání", visibility="public", file=None, **fields):
    return services.document_create(
        area=area, user=user, file=file or pdf_file(), title=title, category=fields.pop("category", "minutes"),
        visibility=visibility, may_publish=True, **fields,
    )
