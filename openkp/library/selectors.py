"""Reads of the document library. Every read starts from what the person may see."""

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, Subquery

from openkp.catalog import text

from .models import Document, DocumentVersion, Visibility


@dataclass
class DocumentFilters:
    query: str = ""
    category: str = ""
    group_id: int | None = None
    period_id: int | None = None


def visible_documents(*, area, user):
    """The area's documents this person may see: public ones, and members-only ones for insiders."""
    documents = Document.objects.for_area(area)
    if not user.has_perm("library.view_internal_documents", area):
        documents = documents.filter(visibility=Visibility.PUBLIC)
    return documents


def title_condition(query):
    """Every word of the query matches a form of a title word (by prefix for longer words), or the whole
    query matches the plain title; case and diacritics never matter."""
    condition = Q()
    for forms in text.query_terms(query):
        alternatives = Q()
        for form, is_prefix in forms:
            alternatives |= Q(search_text__contains=f" {form}" if is_prefix else f" {form} ")
        condition &= alternatives
    plain = " ".join(text.strip_diacritics(query).lower().split())
    return condition | Q(search_text__contains=f"| {plain}") | Q(search_text__contains=f" {plain}")


def _with_current_version(documents):
    current = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    return documents.annotate(current_version_id=Subquery(current.values("pk")[:1]))


def attach_current(documents):
    """Set ``document.current`` (the highest version) on each document (of a page) with one query."""
    documents = list(documents)
    ids = [document.current_version_id for document in documents if document.current_version_id]
    versions = DocumentVersion.objects.in_bulk(ids)
    for document in documents:
        document.current = versions.get(document.current_version_id)
    return documents


def document_list(*, area, user, filters):
    """Documents for the list page, newest change first; call ``attach_current`` on the page shown."""
    documents = visible_documents(area=area, user=user).select_related("group", "period")
    if filters.category:
        documents = documents.filter(category=filters.category)
    if filters.group_id:
        documents = documents.filter(group_id=filters.group_id)
    if filters.period_id:
        documents = documents.filter(period_id=filters.period_id)
    if filters.query:
        documents = documents.filter(title_condition(filters.query))
    return _with_current_version(documents)


def document_detail(*, area, user, pk):
    """The document with all its versions (newest first) and ``current``; None when it is not there for this person."""
    document = (
        visible_documents(area=area, user=user)
        .select_related("group", "period", "created_by")
        .prefetch_related(Prefetch("versions", queryset=DocumentVersion.objects.select_related("uploaded_by").order_by("-number")))
        .filter(pk=pk)
        .first()
    )
    if document is not None:
        document.area = area
        versions = list(document.versions.all())
        for version in versions:
            version.area, version.document = area, document  # for their URLs, without a query each
        document.current = versions[0] if versions else None
    return document


def downloadable_version(*, area, user, pk, number=None):
    """The version to download (the current one without ``number``), only of a document this person may see."""
    versions = DocumentVersion.objects.for_area(area).filter(document__in=visible_documents(area=area, user=user), document_id=pk)
    if number is not None:
        return versions.filter(number=number).first()
    return versions.order_by("-number").first()


def documents_for_group(group, user, *, limit=None):
    """The group's documents this person may see (for the group page), each with ``current``."""
    documents = visible_documents(area=group.area, user=user).filter(group=group)
    if limit:
        documents = documents[:limit]
    return attach_current(_with_current_version(documents))


def documents_for_meeting(meeting, user):
    """Attachments of a meeting (agenda material, presentations, minutes) this person may see."""
    return attach_current(_with_current_version(visible_documents(area=meeting.area, user=user).filter(meeting=meeting)))
