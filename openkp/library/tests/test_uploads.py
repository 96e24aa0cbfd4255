"""What the library accepts: the extension and the content must agree; size and emptiness are checked."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from openkp.library.uploads import inspect_upload

from .conftest import PDF_BYTES, docx_bytes, odf_bytes


def _image(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, fmt)
    return buffer.getvalue()


def _xlsx():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _pptx():
    """The parts that make a package a presentation (python-pptx is not installed here)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
    return buffer.getvalue()


VALID = [
    ("zápis.pdf", lambda: PDF_BYTES, "application/pdf"),
    ("Zápis.DOCX", docx_bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("plán.odt", lambda: odf_bytes("application/vnd.oasis.opendocument.text"), "application/vnd.oasis.opendocument.text"),
    ("rozpočet.ods", lambda: odf_bytes("application/vnd.oasis.opendocument.spreadsheet"), "application/vnd.oasis.opendocument.spreadsheet"),
    ("prezentace.odp", lambda: odf_bytes("application/vnd.oasis.opendocument.presentation"),
     "application/vnd.oasis.opendocument.presentation"),
    ("poznámky.txt", lambda: "Poznámky k jednání – úterý".encode(), "text/plain"),
    ("účastníci.csv", lambda: "jméno;obec\nJana Horáková;Kravaře\n".encode("cp1250"), "text/csv"),
    ("mapa.png", lambda: _image("PNG"), "image/png"),
    ("foto.jpeg", lambda: _image("JPEG"), "image/jpeg"),
]


@pytest.mark.parametrize(("name", "content", "content_type"), VALID)
def test_valid_files_are_accepted_with_the_type_from_their_content(name, content, content_type):
    clean_name, file_type = inspect_upload(SimpleUploadedFile(name, content(), content_type="application/octet-stream"))
    assert clean_name == name
    assert file_type.content_type == content_type


def test_office_open_xml_files_are_told_apart():
    assert inspect_upload(SimpleUploadedFile("tabulka.xlsx", _xlsx()))[1].label == "XLSX"
    with pytest.raises(ValidationError):
        inspect_upload(SimpleUploadedFile("tabulka.pptx", _xlsx()))  # a spreadsheet renamed to .pptx


def test_presentation_is_accepted():
    assert inspect_upload(SimpleUploadedFile("prezentace.pptx", _pptx()))[1].label == "PPTX"


@pytest.mark.parametrize(("name", "content"), [
    ("zápis.pdf", b"<html>not a pdf</html>"),
    ("zápis.docx", PDF_BYTES),
    ("zápis.odt", odf_bytes("application/vnd.oasis.opendocument.spreadsheet")),
    ("zápis.docx", b"PK\x03\x04 broken zip"),
    ("mapa.png", PDF_BYTES),
    ("foto.jpg", b"GIF89a"),
    ("data.csv", b"\x00\x01\x02binary"),
])
def test_content_that_does_not_match_the_extension_is_refused_naming_the_file(name, content):
    with pytest.raises(ValidationError) as error:
        inspect_upload(SimpleUploadedFile(name, content))
    assert f"Soubor „{name}“ není platný soubor" in error.value.messages[0]


def test_unknown_type_empty_and_too_big_files_are_refused(settings):
    with pytest.raises(ValidationError, match="povolené typy jsou PDF, DOCX"):
        inspect_upload(SimpleUploadedFile("skript.exe", b"MZ"))
    with pytest.raises(ValidationError, match="„prázdný.pdf“ je prázdný"):
        inspect_upload(SimpleUploadedFile("prázdný.pdf", b""))
    settings.LIBRARY_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError, match="„velký.pdf“ je příliš velký"):
        inspect_upload(SimpleUploadedFile("velký.pdf", PDF_BYTES + b"0" * (1024 * 1024)))


def test_folders_and_control_characters_are_removed_from_the_name():
    name, _type = inspect_upload(SimpleUploadedFile("C:\\Dokumenty\\zápis\u0007 2025.pdf", PDF_BYTES))
    assert name == "zápis 2025.pdf"
