"""Task forces, their members, partner organisations, operations and their assessments.

An operation's profile lives in `Operation`, one field per profile key of the domain
contract. Its assessment keeps every save as an `AssessmentVersion` (the whole
assessment JSON, who, when, the verdict of that version); `Assessment` holds the latest
verdict so that lists never read versions.

The restricted fields (target name and address, suspect roles and details, informant
details inside the versions' content) are never filtered, sorted or joined on: they
are encrypted at rest (assessments/fields.py), which makes them opaque to the database.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import checklist
from ..fields import EncryptedJSONField, EncryptedTextField


def _choices(key):
    return [(value, _(label)) for value, label in checklist.choices_for(key)]


class TaskForce(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("task force")
        verbose_name_plural = _("task forces")

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        PLANNER = "planner", _("Planner")
        SUPERVISOR = "supervisor", _("Supervisor")
        COMMANDER = "commander", _("Commander")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    task_force = models.ForeignKey(TaskForce, models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "task_force"], name="one_role_per_task_force")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.task_force})"


class PartnerOrganisation(models.Model):
    """An NGO or social service that receives the people found."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    contact_point = models.CharField(
        _("contact point"),
        max_length=300,
        blank=True,
        help_text=_("Who the task force calls, and how; shown on the NGO brief."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name


class PartnerReviewer(models.Model):
    """A person of a partner organisation who reads the NGO briefs shared with it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="partner_reviews"
    )
    organisation = models.ForeignKey(PartnerOrganisation, models.CASCADE, related_name="reviewers")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_reviewer_seat")
        ]
        verbose_name = _("partner reviewer")
        verbose_name_plural = _("partner reviewers")

    def __str__(self):
        return f"{self.user} ({self.organisation})"


class Operation(models.Model):
    """A planned operation: the profile keys of the domain contract, by the same names."""

    task_force = models.ForeignKey(TaskForce, models.PROTECT, related_name="operations")
    codename = models.CharField(_("codename"), max_length=100)
    site_type = models.CharField(
        _("type of site"), max_length=30, blank=True, choices=_choices("site_type")
    )
    exploitation_type = models.CharField(
        _("type of exploitation"), max_length=10, blank=True, choices=_choices("exploitation_type")
    )
    target_name = EncryptedTextField(_("name of the business or vessel"), blank=True)
    target_address = EncryptedTextField(_("address of the site"), blank=True)
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    estimated_persons_on_site = models.PositiveIntegerField(
        _("persons expected on site"), null=True, blank=True
    )
    estimated_potential_victims = models.PositiveIntegerField(
        _("potential victims expected"), null=True, blank=True
    )
    minors_suspected = models.CharField(
        _("minors suspected"), max_length=10, blank=True, choices=_choices("minors_suspected")
    )
    expected_languages = models.JSONField(_("expected languages"), default=list, blank=True)
    suspect_roles = EncryptedJSONField(_("roles of the suspects"), default=list, blank=True)
    suspect_details = EncryptedTextField(_("suspects: names and descriptions"), blank=True)
    # Not a contract profile key: who receives the people found, named by the planner.
    # A supervisor's approval shares the NGO brief with this organisation.
    receiving_organisation = models.ForeignKey(
        PartnerOrganisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="received_operations",
        verbose_name=_("receiving organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["task_force", "codename"], name="codename_unique_in_task_force"
            )
        ]
        verbose_name = _("operation")
        verbose_name_plural = _("operations")

    def __str__(self):
        return self.codename

    def profile(self):
        """The profile as contract JSON (dates as YYYY-MM-DD, blanks as null)."""
        profile = {}
        for key in checklist.PROFILE_FIELDS:
            value = getattr(self, key)
            if key == "planned_date" and value is not None:
                value = value.isoformat()
            elif key == "receiving_organisation" and value is not None:
                value = value.name
            profile[key] = None if value in ("", []) else value
        return profile


class Assessment(models.Model):
    """The checklist of one operation, with the verdict of its latest version."""

    class Status(models.TextChoices):
        # The workflow (services.workflow): draft -> submitted -> approved, returned or
        # rejected; returned is a draft with the approvers' comments, edited and
        # submitted again; approved -> after_action_review (planned date passed) ->
        # closed (review saved).
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned with comments")
        REJECTED = "rejected", _("Rejected")
        AFTER_ACTION_REVIEW = "after_action_review", _("After-action review due")
        CLOSED = "closed", _("Closed")

    operation = models.OneToOneField(Operation, models.CASCADE, related_name="assessment")
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT
    )
    version_number = models.PositiveIntegerField(_("version"), default=0)
    classification = models.CharField(_("classification"), max_length=20, blank=True)
    decision = models.CharField(_("decision"), max_length=20, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True)
    threat_tier = models.CharField(_("threat tier"), max_length=10, blank=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["decision"]),
            models.Index(fields=["classification"]),
            models.Index(fields=["updated_at"]),
        ]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return str(self.operation)


class AssessmentVersion(models.Model):
    """One save of an assessment: never changed afterwards."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    # Holds the informant details and free text that may name people.
    content = EncryptedJSONField(_("assessment JSON"))
    verdict = models.JSONField(_("verdict"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("saved by")
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="one_version_number")
        ]
        verbose_name = _("assessment version")
        verbose_name_plural = _("assessment versions")

    def __str__(self):
        return f"{self.assessment} v{self.number}"
