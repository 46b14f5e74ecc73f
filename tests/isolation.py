"""Requests whose database changes are undone, so that many can meet the same state."""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def rolled_back():
    """Everything written inside is rolled back (a savepoint in the test's transaction)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
