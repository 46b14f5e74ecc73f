"""Task forces, their members, partner organisations, operations and their assessments.

An operation's profile lives in `Operation`, one field per profile key of the domain
contract. Its assessment keeps every save as an `AssessmentVersion` (the whole
assessment JSON, who, when, the verdict of that version); `Assessment` holds the latest
verdict so that lists never read versions.

The restricted fields (target name and address, suspect roles and details, informant
details inside the versions' content) are never filtered, sorted or joined on: they
are encrypted at rest (assessments/fields.py), which makes them opaque to the database.
"""

import uuid
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .. import checklist
from ..fields import EncryptedJSONField, EncryptedTextField


def _choices(key):
    return [(value, _(label)) for value, label in checklist.choices_for(key)]


def default_time_zone():
    return settings.TIME_ZONE


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class TaskForce(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    # Where its members work: every time they see is shown in this zone, and named.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        choices=time_zone_choices,
        help_text=_("An IANA name, such as Asia/Bangkok or Asia/Jakarta."),
    )
    # Made anew after every commit that may change what waits for its members (`waiting`):
    # a count of what waits is kept only as long as the stamps it was counted under.
    waiting_stamp = models.UUIDField(default=uuid.uuid4, editable=False)

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

    # Indexed with the id (Meta), not alone: counts read a task force's operations from it.
    task_force = models.ForeignKey(
        TaskForce, models.PROTECT, related_name="operations", db_index=False
    )
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
    # The receiving organisation the latest version names (like every profile field
    # here); the NGO brief goes to the one the approved version names.
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
            # `lotus` and `LOTUS` would be one operation to anyone reading them out.
            models.UniqueConstraint(
                "task_force",
                Lower("codename"),
                name="codename_unique_in_task_force_ignoring_case",
                violation_error_message=_(
                    "Another operation of this task force has this codename (ignoring case)."
                ),
            )
        ]
        indexes = [
            # "How many operations has this task force (with these states)?": the list's
            # count, and the badge, answered from the index alone.
            models.Index(fields=["task_force", "id"], name="operation_task_force_id"),
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
        # closed (review saved). Revising (services.revisions) takes a submitted or
        # approved plan back to draft; one not carried out is cancelled or re-dated.
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned with comments")
        REJECTED = "rejected", _("Rejected")
        AFTER_ACTION_REVIEW = "after_action_review", _("After-action review due")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled: not carried out")

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
            # With the operation: a filter by state joins its operations from the index.
            models.Index(fields=["status", "operation"], name="assessment_status_operation"),
            models.Index(fields=["decision"]),
            models.Index(fields=["classification"]),
            models.Index(fields=["updated_at"]),
        ]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return str(self.operation)


class AssessmentVersion(models.Model):
    """One save of an assessment, or its rescoring when the rules changed.

    Never changed afterwards, with one exception on record: values a later checklist
    refuses are converted in place by a migration, and the `conversion` keeps the
    content as it was saved (whose hash `content_hash` is, and stays).
    """

    class Kind(models.TextChoices):
        SAVED = "saved", _("Saved")
        # The content of the version before it, the verdict of the current rules: made
        # by RaidAssess, not by a person (`created_by` is empty).
        RESCORED = "rescored", _("Rule change: scored again")

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="versions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SAVED)
    number = models.PositiveIntegerField(_("version"))
    # Holds the informant details and free text that may name people.
    content = EncryptedJSONField(_("assessment JSON"))
    verdict = models.JSONField(_("verdict"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    # The partner that `content` names as the receiving organisation (by its name, which
    # the content hash binds), so that renaming a partner changes no approved brief.
    receiving_organisation = models.ForeignKey(
        PartnerOrganisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receiving organisation"),
    )
    # Empty for a version RaidAssess made itself (a rescoring).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="one_version_number")
        ]
        indexes = [
            # "Which plans has this person saved a version of?": the waiting lists ask it,
            # and so the badge on every page, of planners who may have saved thousands.
            models.Index(fields=["created_by", "assessment"], name="version_author_assessment"),
        ]
        verbose_name = _("assessment version")
        verbose_name_plural = _("assessment versions")

    def __str__(self):
        return f"{self.assessment} v{self.number}"

    @property
    def author(self):
        """Who saved it, as pages name them: a username, or RaidAssess itself."""
        return self.created_by.get_username() if self.created_by else _("RaidAssess (rule change)")

    @property
    def scoring_version(self):
        # Verdicts stored before scoring versions were recorded are version 1's.
        return self.verdict.get("scoring_version", "1")

    def content_as_saved(self):
        """The content exactly as it was saved, whose hash `content_hash` is."""
        try:
            return self.conversion.content_as_saved
        except VersionConversion.DoesNotExist:
            return self.content

    def profile(self):
        """The profile as contract JSON.

        Versions saved before the receiving organisation became approved content do not
        name it in their JSON; their column says which organisation they shared with.
        """
        profile = self.content["operation"]
        if "receiving_organisation" in profile:
            return profile
        organisation = self.receiving_organisation
        return {**profile, "receiving_organisation": organisation.name if organisation else None}


class VersionConversion(models.Model):
    """A stored version whose content a later rule refused, converted in place.

    The conversion (migration 0013) changed only what the new checklist refuses (a date
    not written YYYY-MM-DD, a control or text-direction character, a list too long), and
    migration 0016 the codename of an operation whose codename another of its task force
    had but for case (`"change": "codename"`, with the codename it clashed with). Each
    recorded here what it changed, and the content as it was saved: the approvals and
    signed briefs of the version stand on that content, which is what `content_hash`
    is the hash of. The version's history shows each change.
    """

    version = models.OneToOneField(
        AssessmentVersion, models.CASCADE, related_name="conversion", verbose_name=_("version")
    )
    checklist_version = models.CharField(_("converted for checklist version"), max_length=10)
    # Both hold what planners typed: encrypted like the content.
    content_as_saved = EncryptedJSONField(_("content as saved"))
    # [{"key": "operation.planned_date", "change": "date", "was": ..., "now": ...}, ...]
    changes = EncryptedJSONField(_("changes"))
    created_at = models.DateTimeField(_("converted"), auto_now_add=True)

    class Meta:
        verbose_name = _("version conversion")
        verbose_name_plural = _("version conversions")

    def __str__(self):
        return f"{self.version} for checklist version {self.checklist_version}"
