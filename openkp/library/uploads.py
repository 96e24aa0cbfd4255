"""What may be uploaded to the library: the file's extension AND its content (magic bytes) must agree.

A browser's ``Content-Type`` is not trusted: the type stored and served is the one derived here.
"""

import codecs
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_UPLOAD_MB = 25
_TEXT_SAMPLE = 64 * 1024


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple


_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
FILE_TYPES = {
    "pdf": FileType("PDF", "application/pdf", ("pdf",)),
    "docx": FileType("DOCX", _OOXML + "wordprocessingml.document", ("docx",)),
    "xlsx": FileType("XLSX", _OOXML + "spreadsheetml.sheet", ("xlsx",)),
    "pptx": FileType("PPTX", _OOXML + "presentationml.presentation", ("pptx",)),
    "odt": FileType("ODT", _ODF + "text", ("odt",)),
    "ods": FileType("ODS", _ODF + "spreadsheet", ("ods",)),
    "odp": FileType("ODP", _ODF + "presentation", ("odp",)),
    "txt": FileType("TXT", "text/plain", ("txt",)),
    "csv": FileType("CSV", "text/csv", ("csv",)),
    "png": FileType("PNG", "image/png", ("png",)),
    "jpg": FileType("JPG", "image/jpeg", ("jpg", "jpeg")),
}
_BY_EXTENSION = {extension: key for key, file_type in FILE_TYPES.items() for extension in file_type.extensions}
ALLOWED_EXTENSIONS = sorted(_BY_EXTENSION)
# The part of an Office Open XML package that only its own kind has.
_OOXML_MAIN_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def max_upload_bytes():
    return int(getattr(settings, "LIBRARY_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)) * 1024 * 1024


def allowed_types_text():
    return ", ".join(file_type.label for file_type in FILE_TYPES.values())


def clean_file_name(name):
    """The name shown and offered on download: no folders, no control characters, at most 255 characters."""
    name = PurePosixPath(str(name).replace("\\", "/")).name
    name = "".join(char for char in unicodedata.normalize("NFC", name) if unicodedata.category(char)[0] != "C").strip()
    stem, suffix = name[: len(name) - len(PurePosixPath(name).suffix)], PurePosixPath(name).suffix
    return (stem[: 255 - len(suffix)] + suffix) or "soubor"


def _zip_names(uploaded):
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
            odf_type = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
            return names, odf_type
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None, ""
    finally:
        uploaded.seek(0)


def _looks_like_text(sample, *, complete):
    """Plain text in UTF-8 or Windows-1250 (what Czech offices save CSV in), no NUL bytes."""
    if b"\x00" in sample:
        return False
    try:
        # A sample cut in the middle of a multi-byte character is still text.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return True
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("cp1250")
        return True
    except UnicodeDecodeError:
        return False


def content_matches(key, uploaded):
    """Whether the file's content is what its extension says."""
    uploaded.seek(0)
    head = uploaded.read(_TEXT_SAMPLE)
    uploaded.seek(0)
    if key == "pdf":
        return head.startswith(b"%PDF-")
    if key == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if key == "jpg":
        return head.startswith(b"\xff\xd8\xff")
    if key in ("txt", "csv"):
        return _looks_like_text(head, complete=len(head) < _TEXT_SAMPLE)
    if not head.startswith(b"PK\x03\x04"):
        return False
    names, odf_type = _zip_names(uploaded)
    if names is None:
        return False
    if key in _OOXML_MAIN_PART:
        return "[Content_Types].xml" in names and any(name.startswith(_OOXML_MAIN_PART[key]) for name in names)
    return odf_type == FILE_TYPES[key].content_type


def inspect_upload(uploaded):
    """``(clean name, FileType)`` of an accepted upload; ValidationError with a Czech message naming the file otherwise."""
    name = clean_file_name(uploaded.name)
    extension = PurePosixPath(name).suffix.lstrip(".").lower()
    key = _BY_EXTENSION.get(extension)
    if key is None:
        raise ValidationError(
            _("Soubor „%(name)s“ nelze nahrát: povolené typy jsou %(types)s.") % {"name": name, "types": allowed_types_text()},
            code="type",
        )
    if not uploaded.size:
        raise ValidationError(_("Soubor „%(name)s“ je prázdný. Vyberte soubor s obsahem.") % {"name": name}, code="empty")
    limit = max_upload_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("Soubor „%(name)s“ je příliš velký (%(size)s). Nahrát lze nejvýše %(limit)s.")
            % {"name": name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="size",
        )
    file_type = FILE_TYPES[key]
    if not content_matches(key, uploaded):
        raise ValidationError(
            _("Soubor „%(name)s“ není platný soubor %(type)s, ačkoli to jeho přípona tvrdí. Uložte ho znovu ve správném formátu.")
            % {"name": name, "type": file_type.label},
            code="content",
        )
    return name, file_type
