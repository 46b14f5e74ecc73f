"""The audit trail: who did what, when, from where, and how it ended.

Rows are only ever added (`services.audit.audit_record`); the app offers no way to
change or delete one, and `save` refuses to update an existing row. Only the
retention command (`prune_audit`) deletes, and only what is older than the period.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", _("Sign-in")
        SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
        LOCKOUT = "lockout", _("Lockout")
        SIGN_OUT = "sign_out", _("Sign-out")
        REAUTHENTICATION = "reauthentication", _("Re-authentication")
        OPERATION_VIEW = "operation_view", _("View of an operation")
        OPERATION_CREATE = "operation_create", _("Operation created")
        EDIT = "edit", _("Edit")
        RESCORE = "rescore", _("Scored again under new rules")
        CONVERSION = "conversion", _("Stored values converted for a new checklist")
        STATE_CHANGE = "state_change", _("State change")
        APPROVAL = "approval", _("Approval")
        EXPORT = "export", _("Export")
        IMPORT = "import", _("Import")
        BRIEF_REQUEST = "brief_request", _("Brief requested")
        BRIEF_DOWNLOAD = "brief_download", _("Brief download")
        BRIEF_VERIFY = "brief_verify", _("Brief verification")
        BRIEF_ACKNOWLEDGE = "brief_acknowledge", _("Receipt of a brief acknowledged")
        AUDIT_EXPORT = "audit_export", _("Audit trail export")
        AUDIT_PRUNE = "audit_prune", _("Audit trail pruned")
        PERMISSION_CHANGE = "permission_change", _("Permission change")
        SECURITY = "security", _("Security setting")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Success")
        FAILURE = "failure", _("Failure")
        DENIED = "denied", _("Denied")

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS
    )
    # SET_NULL keeps the record when an account is deleted; `username` keeps the name.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    operation = models.ForeignKey(
        "assessments.Operation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("operation"),
    )
    # The task force whose supervisors may read the event (kept if the operation goes).
    task_force = models.ForeignKey(
        "assessments.TaskForce",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("task force"),
    )
    # The account an admin's security change was about (a password set, a second factor
    # deleted): the two-person rule of admin_audit reads it.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account concerned"),
    )
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    # What happened, in words that name no restricted detail (no target, no informant).
    summary = models.CharField(_("what"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.username} {self.kind} {self.outcome}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("audit events are never changed")
        super().save(*args, **kwargs)
