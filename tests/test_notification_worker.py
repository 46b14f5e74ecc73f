"""A real Celery worker (tests/celery_worker.py) sends the e-mails a submission queued,
through a real Django e-mail backend (files), once each."""

import pytest

from assessments.models import Notification
from tests.celery_worker import wait_until
from tests.workflow_builders import submitted_operation

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_emails_each_approver_once(
    broker, start_worker, monkeypatch, tmp_path, task_force, planner, supervisor, commander
):
    outbox = tmp_path / "mail"
    monkeypatch.setenv("EMAIL_BACKEND", "file")
    monkeypatch.setenv("EMAIL_FILE_PATH", str(outbox))
    for user in (supervisor, commander):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    worker = start_worker()
    submitted_operation(task_force, planner)  # commits, then queues one task per e-mail

    def sent():
        return set(Notification.objects.values_list("email", flat=True)) == {"sent"}

    wait_until(sent, 60, worker, "Both e-mails sent")
    messages = [path.read_text() for path in outbox.iterdir()]
    assert len(messages) == 2
    recipients = sorted(
        line.removeprefix("To: ")
        for text in messages
        for line in text.splitlines()
        if line.startswith("To: ")
    )
    assert recipients == ["chan@example.org", "sita@example.org"]
    assert all("OSPREY was submitted for approval by alice" in text for text in messages)
