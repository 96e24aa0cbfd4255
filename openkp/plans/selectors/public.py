"""Which plans the public sees: the plan in force, else the latest draft made public; earlier approved plans.
(The plan a document shows is ``documents.plan_for_document``.)"""

from ..models import Plan

PUBLIC_STATUSES = (Plan.Status.APPROVED, Plan.Status.IN_FORCE, Plan.Status.CLOSED)


def public_plans(area):
    """Plans anybody may read: approved, in force or closed ones, and drafts or consultations made public."""
    return Plan.objects.for_area(area).filter(status__in=PUBLIC_STATUSES) | Plan.objects.for_area(area).filter(
        status__in=(Plan.Status.DRAFT, Plan.Status.CONSULTATION), is_public=True)


def current_public_plan(area):
    """The plan in force, else the newest approved one, else the newest draft made public; None without one."""
    plans = public_plans(area).select_related("area", "published_pdf", "published_docx")
    return (plans.filter(status=Plan.Status.IN_FORCE).first()
            or plans.filter(status=Plan.Status.APPROVED).order_by("-start_year", "-created_at").first()
            or plans.filter(status__in=(Plan.Status.DRAFT, Plan.Status.CONSULTATION)).order_by("-start_year", "-created_at").first())

