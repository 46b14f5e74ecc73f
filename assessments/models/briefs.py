"""Signed briefs: the full brief for the task force and the need-to-know brief for the NGO.

One brief in force per (approved version, variant), enforced by the database, so that a
request made twice, a task delivered twice or a worker killed mid-render still ends with
exactly one signed file. Rendering happens in Celery workers
(`services.briefs.brief_render`); the row is the state machine, the task message only a
wake-up call.

A withdrawn brief is no longer in force: its version lost its approvals, or the brief
itself had to be made again (`replaced_by`). Its row stays, so that the verify page can
say what became of a file someone still holds.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Brief(models.Model):
    class Variant(models.TextChoices):
        FULL = "full", _("Full brief (task force)")
        NGO = "ngo", _("NGO brief (need to know)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Withdrawal(models.TextChoices):
        SUPERSEDED = "superseded", _("The plan was revised: its approval was withdrawn.")
        CANCELLED = "cancelled", _("The operation was called off.")
        INFORMANT_PRINTED = (
            "informant_printed",
            _("It printed informant details; it was made again without them."),
        )
        NOT_APPROVED = (
            "not_approved",
            _("It was signed for a version that never held its approvals."),
        )

    version = models.ForeignKey(
        "assessments.AssessmentVersion",
        models.PROTECT,
        related_name="briefs",
        verbose_name=_("assessment version"),
    )
    variant = models.CharField(_("variant"), max_length=10, choices=Variant.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    # The organisation the NGO brief is shared with, fixed when the approval shared it:
    # naming another organisation later does not hand it briefs approved before.
    shared_with = models.ForeignKey(
        "assessments.PartnerOrganisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="briefs",
        verbose_name=_("shared with"),
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    # A queued or rendering brief still in that state after this is stuck: the sweep
    # queues it again (its worker died, or its task message was lost).
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True, db_index=True)
    sha256 = models.CharField(_("SHA-256 of the signed file"), max_length=64, blank=True)
    # What the signature itself covers (its message digest): a copy changed after signing
    # has another SHA-256 but still carries this, under our signature.
    signed_digest = models.CharField(
        _("digest the signature covers"), max_length=64, blank=True, db_index=True
    )
    file = models.FileField(_("signed PDF"), upload_to="briefs/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal = models.CharField(
        _("why it was withdrawn"), max_length=30, choices=Withdrawal.choices, blank=True
    )
    replaced_by = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaced by"),
    )

    class Meta:
        ordering = ["version", "variant"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "variant"],
                condition=~models.Q(status="withdrawn"),
                name="one_brief_in_force_per_variant",
            )
        ]
        indexes = [models.Index(fields=["sha256"]), models.Index(fields=["status"])]
        verbose_name = _("brief")
        verbose_name_plural = _("briefs")

    def __str__(self):
        return f"{self.version} {self.variant}"


class BriefAcknowledgement(models.Model):
    """A partner's reviewer confirms that their organisation received one NGO brief."""

    brief = models.ForeignKey(
        Brief, models.CASCADE, related_name="acknowledgements", verbose_name=_("brief")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("reviewer")
    )
    organisation = models.ForeignKey(
        "assessments.PartnerOrganisation",
        models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("acknowledged"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "reviewer"], name="one_receipt_per_reviewer")
        ]
        verbose_name = _("acknowledgement of receipt")
        verbose_name_plural = _("acknowledgements of receipt")

    def __str__(self):
        return f"{self.brief} acknowledged by {self.reviewer}"
