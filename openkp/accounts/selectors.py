from django.db.models import Count
from django.utils import timezone

from openkp.core.models import Job

from .models import Invitation, Membership, Role


def area_dashboard_figures(*, area):
    """Counts shown on an area's staff dashboard."""
    roles = dict(Membership.objects.for_area(area).values_list("role").annotate(count=Count("id")).order_by())
    return {
        "people": Membership.objects.for_area(area).values("user").distinct().count(),
        "roles": [(label, roles.get(value, 0)) for value, label in Role.choices],
        "municipalities": area.municipalities.count(),
        "open_invitations": Invitation.objects.for_area(area).filter(accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()).count(),
        "jobs": Job.objects.for_area(area).count(),
    }


def area_people(*, area):
    return Membership.objects.for_area(area).select_related("user", "organisation").order_by("user__last_name", "user__username")


def area_invitations(*, area, settled_limit=20):
    """The area's invitations for the people page: every pending one, then the latest settled ones
    (accepted, revoked, expired) with who sent, accepted or revoked them."""
    invitations = Invitation.objects.for_area(area).select_related("area", "organisation", "invited_by", "accepted_by", "revoked_by")
    now = timezone.now()
    pending = list(invitations.filter(accepted_at=None, revoked_at=None, expires_at__gt=now))
    settled = list(invitations.exclude(pk__in=[invitation.pk for invitation in pending])[:settled_limit])
    return pending, settled
