"""Telling people what happened, so that nobody has to look: in the app and by e-mail.

Each event of the workflow and of the briefs calls one `notify_*` function, inside the
transaction of the event: one Notification per recipient, its e-mail queued once the
transaction commits (`tasks.notification_email`), never for the one who acted, never
twice for one event. The words are written here from the kind of event, the codename
and who acted, and the link goes to the page the event is about: no restricted value
(target, address, suspects, informant, rationales, comments) reaches a notification or
a mailbox, whatever the planners typed.

`notification_email_send` claims a row before it sends (pending -> sending), so a task
delivered twice sends nothing the second time; a failed send is retried a few times by
the task, then marked failed. A worker that dies after claiming leaves the row
"sending": it is not sent again (never twice), and the notification still shows in the
app.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ..access import APPROVER_ROLES, EDITOR_ROLES
from ..models import (
    EmailOptOut,
    Membership,
    Notification,
    PartnerReviewer,
)
from .queue import NOTIFICATION_EMAIL, queue_after_commit

Kind = Notification.Kind
MAX_EMAIL_ATTEMPTS = 3

# What happened, in the recipient's words; filled with the codename and who acted only.
MESSAGES = {
    Kind.SUBMITTED: _(
        "%(codename)s was submitted for approval by %(actor)s: it waits for your decision."
    ),
    Kind.SECOND_APPROVAL: _(
        "%(codename)s has its first approval, from %(actor)s: it waits for yours, as the second."
    ),
    Kind.APPROVED: _("%(codename)s was approved by %(actor)s; its briefs are being signed."),
    Kind.RETURNED: _("%(codename)s was returned to the planners by %(actor)s, with comments."),
    Kind.REJECTED: _("%(codename)s was rejected by %(actor)s."),
    Kind.REVISED: _(
        "%(codename)s was taken back to draft by %(actor)s: its approvals and briefs are "
        "withdrawn, and it needs approving again."
    ),
    Kind.CANCELLED: _("%(codename)s was called off by %(actor)s: its briefs are withdrawn."),
    Kind.BRIEF_READY: _("A new signed brief for %(codename)s is ready for your organisation."),
    Kind.BRIEF_WITHDRAWN: _(
        "The brief for %(codename)s that was shared with your organisation is withdrawn: "
        "do not prepare from it."
    ),
    Kind.REVIEW_DUE: _(
        "The planned date of %(codename)s has passed: its after-action review is due."
    ),
}


class NotificationEmailFailed(Exception):
    """Sending failed and another attempt is allowed: the task retries after a pause."""


def notification_message(notification):
    return MESSAGES[notification.kind] % {
        "codename": notification.codename,
        "actor": notification.actor or _("the workflow"),
    }


def _operation_link(operation):
    return reverse("assessments:operation_detail", args=[operation.pk])


def notify(*, kind, operation, recipients, link, actor=None):
    """One notification of `kind` about `operation` for each of `recipients` (each once,
    never `actor`), linking to `link`; their e-mails go once the transaction commits."""
    opted_out = set(
        EmailOptOut.objects.filter(kind=kind, user__in=recipients).values_list("user", flat=True)
    )
    seen = set()
    rows = []
    for user in recipients:
        if user.pk in seen or (actor is not None and user.pk == actor.pk) or not user.is_active:
            continue
        seen.add(user.pk)
        wants_email = bool(user.email) and user.pk not in opted_out
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                operation=operation,
                codename=operation.codename,
                actor=actor.get_username() if actor is not None else "",
                link=link,
                email=Notification.Email.PENDING if wants_email else Notification.Email.NONE,
            )
        )
    Notification.objects.bulk_create(rows)
    for row in rows:
        if row.email == Notification.Email.PENDING:
            queue_after_commit(NOTIFICATION_EMAIL, row.pk)
    return rows


def _members(operation, roles):
    return [
        membership.user
        for membership in Membership.objects.filter(
            task_force=operation.task_force_id, role__in=roles
        ).select_related("user")
    ]


def planners_of(operation):
    """The planners of the task force who worked on the plan (saved a version of it)."""
    authors = set(operation.assessment.versions.values_list("created_by", flat=True).distinct())
    return [user for user in _members(operation, EDITOR_ROLES) if user.pk in authors]


def approvers_of(operation, roles=APPROVER_ROLES):
    """The task force's members who may decide on the plan in `roles`: never someone
    who saved a version of it (they may not approve it)."""
    authors = set(operation.assessment.versions.values_list("created_by", flat=True).distinct())
    return [user for user in _members(operation, roles) if user.pk not in authors]


def reviewers_of(organisation):
    return [
        reviewer.user
        for reviewer in PartnerReviewer.objects.filter(organisation=organisation).select_related(
            "user"
        )
    ]


def notify_submitted(*, operation, actor):
    notify(
        kind=Kind.SUBMITTED,
        operation=operation,
        recipients=approvers_of(operation),
        link=reverse("assessments:assessment_decision", args=[operation.pk]),
        actor=actor,
    )


def notify_first_of_two(*, operation, actor, roles):
    notify(
        kind=Kind.SECOND_APPROVAL,
        operation=operation,
        recipients=approvers_of(operation, roles),
        link=reverse("assessments:assessment_decision", args=[operation.pk]),
        actor=actor,
    )


def notify_decided(*, operation, actor, kind, approvers=()):
    """Approved, returned or rejected: the planners, and for an approval the approvers
    who approved before."""
    notify(
        kind=kind,
        operation=operation,
        recipients=[*planners_of(operation), *approvers],
        link=_operation_link(operation),
        actor=actor,
    )


def notify_withdrawn(*, operation, actor, kind, approvers, briefs):
    """Revised, re-dated or cancelled: those who approved it, the planners, and the
    reviewers of each NGO brief withdrawn that they had seen."""
    notify(
        kind=kind,
        operation=operation,
        recipients=[*approvers, *planners_of(operation)],
        link=_operation_link(operation),
        actor=actor,
    )
    for brief in briefs:
        if brief.variant == brief.Variant.NGO and brief.sha256:
            notify(
                kind=Kind.BRIEF_WITHDRAWN,
                operation=operation,
                recipients=reviewers_of(brief.shared_with_id),
                link=reverse("assessments:brief_detail", args=[brief.pk]),
                actor=actor,
            )


def notify_brief_ready(*, brief):
    operation = brief.version.assessment.operation
    notify(
        kind=Kind.BRIEF_READY,
        operation=operation,
        recipients=reviewers_of(brief.shared_with_id),
        link=reverse("assessments:brief_detail", args=[brief.pk]),
    )


def notify_review_due(*, operation, actor=None):
    notify(
        kind=Kind.REVIEW_DUE,
        operation=operation,
        recipients=planners_of(operation),
        link=reverse("assessments:after_action_review", args=[operation.pk]),
        actor=actor,
    )


def notification_open(*, notification):
    """Mark `notification` read (it was opened); returns its link."""
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    return notification.link


def notifications_read(*, user):
    """Mark every notification of `user` read; how many were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def email_preferences_set(*, user, kinds_by_email):
    """Keep e-mail on for `kinds_by_email` only (the app shows every kind anyway)."""
    EmailOptOut.objects.filter(user=user).exclude(kind__in=Kind.values).delete()
    off = set(Kind.values) - set(kinds_by_email)
    EmailOptOut.objects.filter(user=user).exclude(kind__in=off).delete()
    EmailOptOut.objects.bulk_create(
        [EmailOptOut(user=user, kind=kind) for kind in sorted(off)], ignore_conflicts=True
    )


def email_kinds_of(user):
    """The kinds `user` gets by e-mail."""
    off = set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return [kind for kind in Kind.values if kind not in off]


def notification_email_send(*, notification_id):
    """Send the e-mail of one notification, once. True when this call sent it; raises
    NotificationEmailFailed when it failed and may be tried again."""
    claimed = Notification.objects.filter(
        pk=notification_id, email=Notification.Email.PENDING
    ).update(email=Notification.Email.SENDING, email_attempts=F("email_attempts") + 1)
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        _message(notification).send()
    except Exception as error:
        retry = notification.email_attempts < MAX_EMAIL_ATTEMPTS
        Notification.objects.filter(pk=notification_id).update(
            email=Notification.Email.PENDING if retry else Notification.Email.FAILED
        )
        if retry:
            raise NotificationEmailFailed(notification_id) from error
        return False
    Notification.objects.filter(pk=notification_id).update(email=Notification.Email.SENT)
    return True


def _message(notification):
    # In the deployment's language: the app does not yet know each user's own.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "message": notification_message(notification),
            "link": settings.SITE_URL + notification.link,
            "preferences": settings.SITE_URL + reverse("notification_preferences"),
            "recipient": notification.recipient,
        }
        subject = str(_("RaidAssess: %(codename)s") % {"codename": notification.codename})
        body = render_to_string("notifications/email.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[notification.recipient.email],
        # One Message-ID per notification: a mail system that is handed the same
        # message twice can tell it is one.
        headers={"Message-ID": f"<notification-{notification.pk}@{settings.EMAIL_MESSAGE_DOMAIN}>"},
    )
