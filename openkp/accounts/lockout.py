"""Log-in throttling on top of django-axes: one limit per user + IP pair, a higher one per IP address.

Axes counts every set of AXES_LOCKOUT_PARAMETERS separately (here the user + IP pair and the IP alone),
takes the largest count and compares it with a single AXES_FAILURE_LIMIT. The IP's count always includes
the pair's, so the limit below is the pair's limit once the pair has reached it and the IP's limit otherwise:
a person who mistypes their password is locked after LOGIN_FAILURE_LIMIT failures, an address that tries
many usernames (password spraying) after LOGIN_FAILURE_LIMIT_PER_IP failures of any of them.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _pair_attempts(request, credentials):
    return AccessAttempt.objects.filter(
        username=get_client_username(request, credentials), ip_address=request.axes_ip_address
    )


def failure_limit(request, credentials):
    pair_failures = (
        _pair_attempts(request, credentials)
        .filter(attempt_time__gte=get_cool_off_threshold(request))
        .aggregate(total=Sum("failures_since_start"))["total"]
        or 0
    )
    if pair_failures >= settings.LOGIN_FAILURE_LIMIT:
        return settings.LOGIN_FAILURE_LIMIT
    return settings.LOGIN_FAILURE_LIMIT_PER_IP


class LockoutHandler(AxesDatabaseHandler):
    def reset_user_attempts(self, request, credentials=None):
        """A successful log-in forgets that person's failures from this address only. Axes would delete
        every failure matching any parameter set, so logging in to one's own account would wipe the
        address's count of the other usernames it tried."""
        count, _ = _pair_attempts(request, credentials).delete()
        return count
