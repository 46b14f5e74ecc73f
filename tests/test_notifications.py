"""Notifications: who is told of each event, in the app and by e-mail, once, and with no
restricted value in them (services.notifications)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from assessments import services
from assessments.models import AuditEvent, Membership, Notification
from tests.briefs_support import render_briefs
from tests.workflow_builders import (
    PAST,
    TWO_APPROVALS,
    approve,
    seen,
    submitted_operation,
)

Kind = Notification.Kind


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def addresses(planner, supervisor, commander, ngo_reviewer, other_ngo_reviewer, other_planner):
    """Everyone has an address, so that every notification is e-mailed."""
    for user in (planner, supervisor, commander, ngo_reviewer, other_ngo_reviewer, other_planner):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])


def _told(kind):
    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True)
    )


def _send_all():
    """What the worker does after the commit: send each pending e-mail once."""
    for pk in Notification.objects.filter(email="pending").values_list("pk", flat=True):
        services.notification_email_send(notification_id=pk)


def test_a_submission_tells_those_who_may_approve(task_force, planner, supervisor, commander):
    operation = submitted_operation(task_force, planner)
    assert _told(Kind.SUBMITTED) == ["chan", "sita"]
    notification = Notification.objects.filter(kind=Kind.SUBMITTED).first()
    assert notification.link == reverse("assessments:assessment_decision", args=[operation.pk])
    assert notification.actor == "alice" and notification.codename == "OSPREY"


def test_a_first_of_two_approvals_tells_the_one_who_approves_next(
    task_force, planner, supervisor, commander
):
    operation = submitted_operation(task_force, planner, **TWO_APPROVALS)
    approve(operation, supervisor)
    assert _told(Kind.SECOND_APPROVAL) == ["chan"]
    assert _told(Kind.APPROVED) == []
    approve(operation, commander)
    # The planner, and the supervisor who approved first.
    assert _told(Kind.APPROVED) == ["alice", "sita"]


def test_an_urgent_approval_tells_the_planner_and_asks_for_the_follow_up(
    task_force, planner, supervisor, commander
):
    operation = submitted_operation(
        task_force, planner, risk_to_life="credible_imminent", evidence_sources=["surveillance"]
    )
    assert services.current_version(operation=operation).verdict["decision"] == "urgent_go"
    approve(operation, supervisor)
    assert _told(Kind.APPROVED) == ["alice"]
    assert _told(Kind.SECOND_APPROVAL) == ["chan"]


@pytest.mark.parametrize(
    ("decide", "kind"),
    [(services.assessment_return, Kind.RETURNED), (services.assessment_reject, Kind.REJECTED)],
)
def test_a_return_or_a_rejection_tells_the_planner(task_force, planner, supervisor, decide, kind):
    operation = submitted_operation(task_force, planner)
    text = {"comments": "More."} if kind == Kind.RETURNED else {"reason": "No."}
    decide(operation=operation, user=supervisor, **seen(operation), **text)
    assert _told(kind) == ["alice"]


def test_a_new_ngo_brief_tells_its_reviewers_only(signed_plan, ngo_reviewer):
    assert _told(Kind.BRIEF_READY) == ["nadia"]
    ngo = Notification.objects.get(kind=Kind.BRIEF_READY)
    assert ngo.link.startswith("/briefs/")


def test_a_revision_tells_the_approvers_and_the_partner(signed_plan, planner):
    services.assessment_revise(operation=signed_plan, user=planner)
    assert _told(Kind.REVISED) == ["sita"]  # not the planner who revised it
    assert _told(Kind.BRIEF_WITHDRAWN) == ["nadia"]


def test_a_cancellation_tells_the_planner_the_approver_and_the_partner(
    task_force, planner, supervisor, partner, ngo_reviewer
):
    operation = submitted_operation(
        task_force, planner, planned_date=PAST, receiving_organisation=partner.name
    )
    approve(operation, supervisor)
    render_briefs(operation)
    services.assessment_not_carried_out(
        operation=operation,
        user=supervisor,
        outcome=services.NotCarriedOut.CANCEL,
        reason="The site was empty.",
    )
    assert _told(Kind.CANCELLED) == ["alice"]  # the supervisor who cancelled is not told
    assert _told(Kind.BRIEF_WITHDRAWN) == ["nadia"]


def test_a_review_due_tells_the_planners(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner, planned_date=PAST)
    approve(operation, supervisor)
    services.after_action_reviews_open(today=datetime.date(2026, 6, 1))
    assert _told(Kind.REVIEW_DUE) == ["alice"]
    notification = Notification.objects.get(kind=Kind.REVIEW_DUE)
    assert notification.link == reverse("assessments:after_action_review", args=[operation.pk])


def test_each_email_is_sent_once_and_its_words_are_the_notifications(
    task_force, planner, supervisor, commander
):
    submitted_operation(task_force, planner)
    _send_all()
    _send_all()  # a task delivered twice
    assert sorted(message.to[0] for message in mail.outbox) == [
        "chan@example.org",
        "sita@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "RaidAssess: OSPREY"
    assert "OSPREY was submitted for approval by alice" in message.body
    assert "http://localhost:8000/operations/" in message.body
    assert message.extra_headers["Message-ID"].startswith("<notification-")
    assert set(Notification.objects.values_list("email", flat=True)) == {"sent"}


def test_a_failed_email_is_retried_then_given_up(task_force, planner, supervisor, monkeypatch):
    submitted_operation(task_force, planner)
    notification = Notification.objects.filter(recipient=supervisor).get()

    def refuse(self, fail_silently=False):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    for _attempt in range(2):
        with pytest.raises(services.notifications.NotificationEmailFailed):
            services.notification_email_send(notification_id=notification.pk)
        notification.refresh_from_db()
        assert notification.email == "pending"
    assert services.notification_email_send(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert (notification.email, notification.email_attempts) == ("failed", 3)


def test_a_user_chooses_which_kinds_come_by_email(
    client, task_force, planner, supervisor, commander
):
    client.force_login(supervisor)
    kinds = [kind for kind in Kind.values if kind != Kind.SUBMITTED]
    response = client.post(reverse("notification_preferences"), {"kinds": kinds})
    assert response.status_code == 302
    assert Kind.SUBMITTED not in services.email_kinds_of(supervisor)
    submitted_operation(task_force, planner)
    _send_all()
    # In the app still; by e-mail only to the commander.
    assert _told(Kind.SUBMITTED) == ["chan", "sita"]
    assert [message.to[0] for message in mail.outbox] == ["chan@example.org"]
    page = " ".join(client.get(reverse("notification_preferences")).content.decode().split())
    assert f'value="{Kind.SUBMITTED}" id="id_kinds_0">' in page
    assert f'value="{Kind.APPROVED}" id="id_kinds_2" checked>' in page


def test_no_address_no_email(task_force, planner, supervisor, commander):
    commander.email = ""
    commander.save()
    submitted_operation(task_force, planner)
    assert Notification.objects.get(recipient=commander).email == "none"


def test_the_bell_counts_and_opening_marks_read(client, task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    page = client.get(reverse("assessments:operation_list")).content.decode()
    assert "data-notification-count>1<" in page
    listed = client.get(reverse("assessments:notification_list")).content.decode()
    notification = Notification.objects.get(recipient=supervisor)
    assert "OSPREY was submitted for approval by alice" in listed
    response = client.get(reverse("assessments:notification_open", args=[notification.pk]))
    assert response["Location"] == reverse("assessments:assessment_decision", args=[operation.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None
    page = client.get(reverse("assessments:operation_list")).content.decode()
    assert "data-notification-count" not in page


def test_someone_elses_notification_is_404_and_on_record(
    client, task_force, planner, supervisor, other_planner
):
    submitted_operation(task_force, planner)
    notification = Notification.objects.filter(recipient=supervisor).get()
    client.force_login(other_planner)
    url = reverse("assessments:notification_open", args=[notification.pk])
    assert client.get(url).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
    refused = AuditEvent.objects.filter(outcome="denied", user=other_planner).get()
    assert refused.operation_id == notification.operation_id


def test_mark_all_read(client, task_force, planner, supervisor):
    submitted_operation(task_force, planner)
    submitted_operation(task_force, planner, codename="WREN")
    client.force_login(supervisor)
    client.post(reverse("assessments:notifications_read"))
    assert not Notification.objects.filter(recipient=supervisor, read_at__isnull=True).exists()


SECRETS = {
    "target_name": "ZQXTARGETNAME",
    "target_address": "ZQXTARGETADDRESS",
    "suspect_details": "ZQXSUSPECTDETAILS",
}
ANSWER_SECRETS = {
    "informant_details": "ZQXINFORMANT",
    "offence_basis": "ZQXOFFENCE",
    "leak_mitigations": "ZQXLEAK",
    "suspect_identification_method": "ZQXSUSPECTMETHOD",
    "retaliation_mitigations": "ZQXRETALIATION",
    "raid_necessity_justification": "ZQXJUSTIFICATION",
}


def test_no_restricted_value_reaches_a_notification_or_an_email(
    client, task_force, planner, supervisor, commander, partner, ngo_reviewer
):
    """Every event, on a plan whose restricted fields and free text are all distinctive."""
    operation = submitted_operation(
        task_force,
        planner,
        planned_date=PAST,
        receiving_organisation=partner.name,
        **TWO_APPROVALS,
        **ANSWER_SECRETS,
    )
    services.assessment_revise(operation=operation, user=planner)
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=operation.assessment.version_number,
        profile=SECRETS,
    )
    services.assessment_submit(operation=operation, user=planner)
    services.assessment_return(
        operation=operation, user=supervisor, comments="ZQXCOMMENT", **seen(operation)
    )
    services.assessment_submit(operation=operation, user=planner)
    approve(operation, supervisor, rationale="ZQXRATIONALE", conditions=["ZQXCONDITION"])
    approve(operation, commander, rationale="ZQXRATIONALE2")
    render_briefs(operation)
    services.after_action_reviews_open(today=datetime.date(2026, 6, 1))
    services.assessment_not_carried_out(
        operation=operation, user=supervisor, outcome="cancel", reason="ZQXREASON"
    )
    _send_all()
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert kinds >= {
        Kind.SUBMITTED,
        Kind.RETURNED,
        Kind.SECOND_APPROVAL,
        Kind.APPROVED,
        Kind.BRIEF_READY,
        Kind.REVIEW_DUE,
        Kind.CANCELLED,
        Kind.BRIEF_WITHDRAWN,
    }
    pages = ""
    for user in (planner, supervisor, commander, ngo_reviewer):
        client.force_login(user)
        pages += client.get(reverse("assessments:notification_list")).content.decode()
    stored = " ".join(
        " ".join(str(value) for value in row)
        for row in Notification.objects.values_list("codename", "actor", "link")
    )
    emails = " ".join(message.subject + message.body for message in mail.outbox)
    assert emails and "OSPREY" in emails
    for text in (stored, emails, pages):
        assert "ZQX" not in text


def test_a_reviewer_of_another_partner_is_never_told(signed_plan, other_ngo_reviewer, ngo_reviewer):
    assert not Notification.objects.filter(recipient=other_ngo_reviewer).exists()
    member = Membership.objects.filter(user=other_ngo_reviewer).exists()
    assert not member
