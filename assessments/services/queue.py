"""Celery tasks queued once the transaction commits, named rather than imported.

`tasks.py` is thin: each task takes an id and calls a service, so it imports the
services, and the services name the tasks they queue instead of importing that module
back. `AssessmentsConfig.ready` imports `tasks`, so the web process and the workers
both have them registered; in eager mode (no broker) `delay` runs them in-process.
"""

from celery import current_app
from django.db import transaction

BRIEF_RENDER = "assessments.tasks.brief_render"
NOTIFICATION_EMAIL = "assessments.tasks.notification_email"


def queue_after_commit(task, *args):
    """Queue `task` with `args` after the current transaction commits: a worker that
    picked it up earlier would not see the rows it is about."""
    transaction.on_commit(lambda: current_app.tasks[task].delay(*args))
