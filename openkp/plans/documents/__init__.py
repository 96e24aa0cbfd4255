"""The plan document (DOCX and PDF), always rendered from a snapshot of the plan: the live plan through
``services.snapshot.snapshot(plan)``, a named version from its frozen ``PlanVersion.snapshot``, so a version
prints exactly what was frozen.

``plan_docx(data)`` and ``plan_pdf(data)`` return bytes; ``render(plan, fmt, version=None)`` picks the
snapshot and the title-page details and returns ``(bytes, filename)``.
"""

from django.utils.text import slugify

from openkp.core.documents import DOCX_MIME, PDF_MIME, letterhead_lines

from ..models import Plan
from ..services.snapshot import snapshot
from .pdf import plan_pdf

FORMATS = {"docx": DOCX_MIME, "pdf": PDF_MIME}

__all__ = ["FORMATS", "document_data", "filename", "plan_docx", "plan_for_document", "plan_pdf", "render"]


def plan_docx(data, *, version=None, office=(), progress=None):
    """The plan as DOCX bytes; python-docx is imported here, not with every manage.py call."""
    from .docx import plan_docx as render

    return render(data, version=version, office=office, progress=progress)


def plan_for_document(area):
    """The plan an area's document shows: the plan in force, else the latest draft (by start year, then creation)."""
    plans = Plan.objects.for_area(area)
    in_force = plans.filter(status=Plan.Status.IN_FORCE).first()
    if in_force is not None:
        return in_force
    return plans.filter(status__in=[Plan.Status.DRAFT, Plan.Status.CONSULTATION]).order_by("-start_year", "-created_at", "-pk").first()


def document_data(plan, version=None):
    """The snapshot to print and the version's details for the title page."""
    if version is None:
        return snapshot(plan), None
    return version.snapshot, {"name": version.name, "created_at": version.created_at.date().isoformat()}


def filename(plan, fmt, version=None):
    stem = _slug(plan.title) or f"plan-{plan.pk}"
    if version is not None:
        stem += "-" + (_slug(version.name) or f"verze-{version.pk}")
    return f"{stem}.{fmt}"


def _slug(text):
    """A file name part; "2025–2027" keeps its dash."""
    return slugify(text.replace("–", "-").replace("—", "-"))


def render(plan, fmt, *, version=None, progress=None):
    """``(bytes, filename)`` of the plan's document (or of its named ``version``) in ``fmt`` ("docx" or "pdf")."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    data, version_details = document_data(plan, version)
    office = letterhead_lines(plan.area) if plan.area.office_name else []
    if fmt == "pdf":
        content = plan_pdf(data, version=version_details, office=office, progress=progress)
    else:
        content = plan_docx(data, version=version_details, office=office, progress=progress)
    return content, filename(plan, fmt, version)
