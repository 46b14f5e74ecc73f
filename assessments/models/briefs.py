"""Signed briefs: the full brief for the task force and the need-to-know brief for the NGO.

One brief per (approved version, variant), enforced by the database, so that a request
made twice, a task delivered twice or a worker killed mid-render still ends with exactly
one signed file. Rendering happens in Celery workers (`services.briefs.brief_render`);
the row is the state machine, the task message only a wake-up call.
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

    class Meta:
        ordering = ["version", "variant"]
        constraints = [
            models.UniqueConstraint(fields=["version", "variant"], name="one_brief_per_variant")
        ]
        indexes = [models.Index(fields=["sha256"]), models.Index(fields=["status"])]
        verbose_name = _("brief")
        verbose_name_plural = _("briefs")

    def __str__(self):
        return f"{self.version} {self.variant}"
