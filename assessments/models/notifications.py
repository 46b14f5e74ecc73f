"""Notifications: what happened to an operation that someone must know, in the app and
by e-mail.

One row per event and recipient. A notification carries the codename, the kind of event
and a link, never a restricted value: its words are written from the kind alone
(`services.notifications`), so that nothing a planner typed reaches a mailbox. The
e-mail of a row is sent once: a worker claims it (pending -> sending) before it sends,
so that a task delivered twice sends nothing the second time.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("A plan was submitted for approval")
        SECOND_APPROVAL = "second_approval", _("A first approval was given: yours is next")
        APPROVED = "approved", _("A plan was approved")
        RETURNED = "returned", _("A plan was returned with comments")
        REJECTED = "rejected", _("A plan was rejected")
        REVISED = "revised", _("An approval was withdrawn: the plan is revised")
        CANCELLED = "cancelled", _("An operation was called off")
        BRIEF_READY = "brief_ready", _("A new brief was shared with your organisation")
        BRIEF_WITHDRAWN = (
            "brief_withdrawn",
            _("A brief shared with your organisation was withdrawn"),
        )
        REVIEW_DUE = "review_due", _("An after-action review is due")

    class Email(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")
        NONE = "none", _("Not sent by e-mail")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    operation = models.ForeignKey(
        "assessments.Operation",
        models.CASCADE,
        related_name="+",
        verbose_name=_("operation"),
    )
    # Not restricted (the codename names the operation everywhere), kept as it was then.
    codename = models.CharField(_("codename"), max_length=100)
    actor = models.CharField(_("by"), max_length=150, blank=True)
    # A path inside the app, to the page the notification is about.
    link = models.CharField(_("link"), max_length=200)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email = models.CharField(
        _("e-mail"), max_length=10, choices=Email.choices, default=Email.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return f"{self.recipient} {self.kind} {self.codename}"


class EmailOptOut(models.Model):
    """A kind of notification that one user does not want by e-mail (in the app it
    always shows)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="email_opt_outs"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Notification.Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind")
        ]
        verbose_name = _("e-mail opt-out")
        verbose_name_plural = _("e-mail opt-outs")

    def __str__(self):
        return f"{self.user}: no e-mail for {self.kind}"
