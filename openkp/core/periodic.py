"""Work that runs on a schedule: reminders, retries of failed e-mails.

Apps register functions with ``@periodic("name")``; ``manage.py run_periodic`` (from cron every
few minutes) or Celery beat (``openkp.run_periodic``) runs them all. Each function must be safe to
run again: it acts only on what is due and marks what it has done.
"""

import logging

logger = logging.getLogger(__name__)
_registry = {}


def periodic(name):
    def register(func):
        _registry[name] = func
        return func

    return register


def run_all(now=None):
    """Run every registered function; one failing does not stop the others. Returns {name: result or error}."""
    results = {}
    for name, func in sorted(_registry.items()):
        try:
            results[name] = func(now=now)
        except Exception as error:
            logger.exception("Periodic task %s failed", name)
            results[name] = error
    return results
