"""What the workflow records: approvals, status changes and the after-action review.

An approval binds to one `AssessmentVersion` (its content hash and scoring version are
copied, so that the record says on its face what was approved). An edit does not delete
an approval: it marks it superseded, and it stays on record against the version it
approved. `StatusChange` is the workflow's history: every submission, return (with the
comments), rejection (with the reason), approval and closing, who and when.

Free text written here may name the target, a suspect or an informant, so the rationale,
conditions, comments and lessons are encrypted at rest like the restricted profile fields.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import EncryptedJSONField, EncryptedTextField
from .operations import Assessment, AssessmentVersion, Membership, Operation


class Approval(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Approval")
        URGENT = "urgent", _("Urgent approval")
        FOLLOW_UP = "follow_up", _("Follow-up approval of an urgent operation")

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="approvals")
    version = models.ForeignKey(
        AssessmentVersion, models.PROTECT, related_name="approvals", verbose_name=_("version")
    )
    content_hash = models.CharField(_("content hash"), max_length=64)
    scoring_version = models.CharField(_("scoring version"), max_length=20)
    decision = models.CharField(_("decision approved"), max_length=20)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("approver")
    )
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    rationale = EncryptedTextField(_("rationale"))
    # The conditions the operation must meet: the verdict's, then the approver's own.
    conditions = EncryptedJSONField(_("conditions"), default=list, blank=True)
    created_at = models.DateTimeField(_("approved"), auto_now_add=True)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # The database's own guard against one person approving twice.
            models.UniqueConstraint(
                fields=["assessment", "approver"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_standing_approval_per_approver",
            )
        ]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")

    def __str__(self):
        return f"{self.version} {self.get_kind_display()} ({self.approver})"


class StatusChange(models.Model):
    """One step of the workflow. `by` is empty when the planned date moved it on."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="status_changes")
    version = models.ForeignKey(
        AssessmentVersion, models.PROTECT, related_name="+", verbose_name=_("version")
    )
    from_status = models.CharField(_("from"), max_length=30, choices=Assessment.Status.choices)
    to_status = models.CharField(_("to"), max_length=30, choices=Assessment.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # A return's comments, a rejection's reason, or why the workflow moved by itself.
    comment = EncryptedTextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.assessment}: {self.from_status} -> {self.to_status}"


def _count(label):
    # Empty while the review is a draft; every count is required to submit it.
    return models.PositiveIntegerField(label, null=True, blank=True)


class AfterActionReview(models.Model):
    """What the operation found and did, beside the verdict of the version approved.

    Written by the task force's planners as a draft (saved and read back as often as
    needed), submitted, then signed off by a supervisor, who may instead return it with
    comments; the operation closes once it is signed off.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for sign-off")
        RETURNED = "returned", _("Returned with comments")
        SIGNED_OFF = "signed_off", _("Signed off")

    # What must be answered before the review is submitted (the rest may stay empty:
    # no provider met them, nothing seized, no lessons).
    REQUIRED = (
        "persons_found",
        "persons_identified_as_victims",
        "minors_identified",
        "suspects_arrested",
        "potential_victims_detained",
        "potential_victims_charged",
        "potential_victims_deported",
        "prosecution_opened",
    )
    # Among the potential victims: each one counted here is a harm the plan was meant
    # to prevent.
    HARMS = (
        "potential_victims_detained",
        "potential_victims_charged",
        "potential_victims_deported",
    )

    operation = models.OneToOneField(Operation, models.CASCADE, related_name="after_action_review")
    approved_version = models.ForeignKey(
        AssessmentVersion, models.PROTECT, related_name="+", verbose_name=_("approved version")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    persons_found = _count(_("persons found"))
    persons_identified_as_victims = _count(_("persons identified as victims"))
    minors_identified = _count(_("minors among the persons found"))
    # {aftercare service of the checklist: persons who accepted it}
    services_accepted = models.JSONField(_("persons who accepted each service"), default=dict)
    suspects_arrested = _count(_("persons arrested (suspects)"))
    potential_victims_detained = _count(_("potential victims detained"))
    potential_victims_charged = _count(_("potential victims charged"))
    potential_victims_deported = _count(_("potential victims deported"))
    # Empty: no service provider met them.
    hours_until_service_provider = models.PositiveIntegerField(
        _("hours until a service provider met them"), null=True, blank=True
    )
    # Values of the checklist's objective_seize, so prediction and outcome compare.
    evidence_seized = models.JSONField(_("evidence seized"), default=list, blank=True)
    prosecution_opened = models.BooleanField(_("prosecution opened"), null=True, blank=True)
    lessons = EncryptedTextField(_("lessons"), blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("saved by")
    )
    saved_at = models.DateTimeField(_("saved"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)
    # A supervisor's comments when returning it; may quote what happened, so encrypted.
    return_comments = EncryptedTextField(_("comments on return"), blank=True)

    class Meta:
        verbose_name = _("after-action review")
        verbose_name_plural = _("after-action reviews")

    def __str__(self):
        return str(self.operation)

    def harms(self):
        """{field: count} of the potential victims detained, charged or deported."""
        return {name: getattr(self, name) for name in self.HARMS if getattr(self, name)}

    def missing(self):
        """The required fields still empty (the review cannot be submitted yet)."""
        return [name for name in self.REQUIRED if getattr(self, name) is None]


def review_due(today, *, of_operations=False):
    """Assessments whose after-action review is due on `today`: in that state already, or
    approved for a planned date that has passed (until the daily move catches up). With
    `of_operations`, the same as a condition on operations (their assessment's state)."""
    status = Assessment.Status
    assessment, operation = ("assessment__", "") if of_operations else ("", "operation__")
    return models.Q(**{f"{assessment}status": status.AFTER_ACTION_REVIEW}) | models.Q(
        **{f"{assessment}status": status.APPROVED, f"{operation}planned_date__lt": today}
    )
