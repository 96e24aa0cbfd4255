"""A per-address counter for public forms (registrations, subscriptions, password reset); log-in has django-axes.

Neither the address nor any other counted key is stored: the cache key holds a hash salted with SECRET_KEY.
"""

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache


def exceeded(request, scope, *, limit, window, key=None):
    """Count this request under ``scope`` (e.g. "events:registrations"); True once the address has sent more
    than ``limit`` requests in ``window`` seconds. ``key`` counts by something else than the client's IP
    address (e.g. the e-mail address a reset link is asked for)."""
    counted = (get_client_ip_address(request) or "unknown") if key is None else key
    key = f"openkp:ratelimit:{scope}:" + hashlib.sha256(f"{settings.SECRET_KEY}:{counted}".encode()).hexdigest()
    cache.add(key, 0, window)
    try:
        return cache.incr(key) > limit
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window)
        return 1 > limit
