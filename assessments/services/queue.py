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
    picked it up earlier would not see the rows it is about.

    Robust: what was committed stays committed, and a failure to queue (or, in eager
    mode, of the task itself: a mail server that refuses) is logged, never turned into
    an error page for the person whose change it follows; the row's own state (a brief
    queued, an e-mail pending) says what is still to do.
    """
    transaction.on_commit(lambda: current_app.tasks[task].delay(*args), robust=True)
