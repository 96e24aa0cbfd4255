"""A per-address counter for public forms (registrations, subscriptions); log-in has django-axes.

The address is never stored: the cache key holds a hash salted with SECRET_KEY.
"""

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache


def exceeded(request, scope, *, limit, window):
    """Count this request under ``scope`` (e.g. "events:registrations"); True once the address has sent more
    than ``limit`` requests in ``window`` seconds."""
    address = get_client_ip_address(request) or "unknown"
    key = f"openkp:ratelimit:{scope}:" + hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
    cache.add(key, 0, window)
    try:
        return cache.incr(key) > limit
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window)
        return 1 > limit
