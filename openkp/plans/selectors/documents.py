"""What publishing a generated plan document would put on the public page: the file itself (name, format, size,
pages), what it was made from, and the public file it would replace."""

from dataclasses import dataclass
from datetime import datetime

from django.core.files.storage import default_storage
from django.db.models import Max

from ..models import Activity, Chapter, Goal, Measure, PlanVersion, Priority
from ..services import publishing
from .public import public_plans


@dataclass
class DocumentPreview:
    filename: str
    format: str
    size: int | None  # None when the file is gone from the storage
    pages: int | None  # PDF only
    version: object  # the PlanVersion it was made from, or None for the plan's state when it was made
    made_at: datetime
    made_by: object
    replaces: object  # publishing.Published in the same format, or None
    is_public_now: bool  # this very file is the current public version
    plan_is_public: bool
    plan_changed_at: datetime | None  # the plan changed after a document of its current state was made

    @property
    def is_missing(self):
        return self.size is None

    @property
    def may_publish(self):
        return self.plan_is_public and not self.is_missing and not self.is_public_now


def document_preview(plan, job):
    """The facts the coordinator confirms before ``job``'s file becomes public on the plan's page."""
    path, fmt = job.result.get("path", ""), job.result.get("format", "")
    size = pages = None
    try:
        size = default_storage.size(path)
    except (FileNotFoundError, OSError):
        pass
    if size is not None and fmt == "pdf":
        pages = _pdf_pages(path)
    version_id = job.params.get("version_id")
    version = PlanVersion.objects.filter(plan=plan, pk=version_id).first() if version_id else None
    published = publishing.published(plan)
    replaces = next((item for item in published if item.format == fmt), None)
    made_at = job.finished_at or job.created_at
    return DocumentPreview(
        filename=job.result.get("filename") or path.rsplit("/", 1)[-1], format=fmt, size=size, pages=pages, version=version,
        made_at=made_at, made_by=job.created_by, replaces=replaces, is_public_now=job.pk in publishing.public_jobs(published, [job]),
        plan_is_public=public_plans(plan.area).filter(pk=plan.pk).exists(),
        plan_changed_at=None if version else _changed_after(plan, made_at),
    )


def _pdf_pages(path):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with default_storage.open(path, "rb") as handle:
            return len(PdfReader(handle).pages)
    except (PdfReadError, OSError, ValueError):
        return None


def _changed_after(plan, moment):
    """When the plan, one of its items or chapters last changed, if that was after ``moment``; otherwise None."""
    latest = [plan.updated_at] + [
        model.objects.filter(plan=plan).aggregate(latest=Max("updated_at"))["latest"]
        for model in (Priority, Goal, Measure, Activity, Chapter)
    ]
    latest = max((value for value in latest if value is not None), default=None)
    return latest if latest is not None and latest > moment else None
