"""The Celery app: `celery -A raidassess worker -l INFO`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raidassess.settings")

app = Celery("raidassess")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
