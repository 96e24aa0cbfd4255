"""Celery application. Used only when REDIS_URL is set; otherwise jobs run inline."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("openkp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
