"""Absolute links for what leaves the site without a request: open-data files, e-mails, feeds."""

from django.conf import settings


def absolute_url(path):
    """``https://openkp.example/ostrava/sluzby/122/`` from ``/ostrava/sluzby/122/``: the site's
    public address (``SITE_URL`` in the settings) before a path from ``reverse`` or
    ``get_absolute_url``. The API builds the same links from the request it answers."""
    return settings.SITE_URL + path
