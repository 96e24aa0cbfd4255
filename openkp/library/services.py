"""Writes of the document library: create a document, add a version, change metadata, delete."""

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max

from openkp.catalog import text

from .models import Document, DocumentVersion, Visibility
from .uploads import inspect_upload


def search_forms(title):
    """Normalised forms of the title: stems and lemmas without diacritics, plus the plain lower-cased title."""
    plain = " ".join(text.strip_diacritics(title).lower().split())
    return f"{text.index_text(title)}| {plain} "


def _apply(document, fields, *, may_publish):
    for name, value in fields.items():
        setattr(document, name, value)
    if not may_publish:
        document.visibility = Visibility.MEMBERS
    document.search_text = search_forms(document.title)


@transaction.atomic
def document_create(*, area, user, file, change_note="", may_publish=False, **fields):
    """A new document with its first version. ``may_publish=False`` keeps it members-only whatever was asked."""
    document = Document(area=area, created_by=user)
    _apply(document, fields, may_publish=may_publish)
    document.full_clean(exclude=["search_text"])
    document.save()
    version_add(document=document, user=user, file=file, change_note=change_note)
    return document


@transaction.atomic
def version_add(*, document, user, file, change_note=""):
    """Store the file as the document's next version (numbers 1, 2, …); the file is checked again here."""
    name, file_type = inspect_upload(file)
    Document.objects.select_for_update().filter(pk=document.pk).first()  # serialises concurrent uploads
    latest = document.versions.aggregate(latest=Max("number"))["latest"] or 0
    version = DocumentVersion(
        area=document.area, document=document, number=latest + 1, original_name=name, size=file.size,
        content_type=file_type.content_type, uploaded_by=user, change_note=change_note.strip(),
    )
    version.file.save(name, file, save=False)
    try:
        version.save()
    except Exception:
        default_storage.delete(version.file.name)  # no row, no file
        raise
    Document.objects.filter(pk=document.pk).update(updated_at=version.uploaded_at)
    return version


@transaction.atomic
def document_update(*, document, may_publish=False, **fields):
    """Change the metadata; without ``may_publish`` the document stays (or becomes) members-only."""
    _apply(document, fields, may_publish=may_publish)
    document.full_clean(exclude=["search_text"])
    document.save()
    return document


@transaction.atomic
def document_delete(*, document):
    """Delete the document, its versions and (once the deletion is committed) their files."""
    names = list(document.versions.values_list("file", flat=True))
    document.delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names if name])

