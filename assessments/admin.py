"""The admin: users, task forces and partners are managed here; operations only seen.

Need to know: an admin belongs to no task force, so the operation and version admins
show neither the restricted profile fields nor a version's content (which holds the
informant details), and nothing about an operation can be added or changed here:
versions are immutable records, and operations change only through the services.
"""

# Imported first so that their registrations exist to be replaced below.
import axes.admin  # noqa: F401
import django_otp.plugins.otp_static.admin  # noqa: F401
import django_otp.plugins.otp_totp.admin  # noqa: F401
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from . import checklist
from .admin_audit import (
    ALL_FIELDS,
    AuditedUserAdmin,
    LockoutAdmin,
    PermissionAuditMixin,
    SecondFactorAdmin,
)
from .models import (
    Approval,
    Assessment,
    AssessmentVersion,
    AuditEvent,
    Brief,
    BriefAcknowledgement,
    Membership,
    Notification,
    Operation,
    PartnerOrganisation,
    PartnerReviewer,
    StatusChange,
    TaskForce,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


class PartnerReviewerInline(admin.TabularInline):
    model = PartnerReviewer
    extra = 1
    autocomplete_fields = ["user"]


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), AuditedUserAdmin)
for model, model_admin in (
    (TOTPDevice, SecondFactorAdmin),
    (StaticDevice, SecondFactorAdmin),
    (AccessAttempt, LockoutAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
# django-otp-webauthn registers no admin of its own: passkeys are listed and deleted only.
admin.site.register(WebAuthnCredential, SecondFactorAdmin)


@admin.register(TaskForce)
class TaskForceAdmin(PermissionAuditMixin, admin.ModelAdmin):
    list_display = ["name", "time_zone"]
    search_fields = ["name"]
    fields = ["name", "time_zone"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(PermissionAuditMixin, admin.ModelAdmin):
    audited_fields = ALL_FIELDS
    list_display = ["user", "task_force", "role"]
    list_filter = ["role", "task_force"]
    search_fields = ["user__username", "task_force__name"]
    autocomplete_fields = ["user", "task_force"]
    list_select_related = ["user", "task_force"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(PermissionAuditMixin, admin.ModelAdmin):
    list_display = ["name", "contact_point"]
    search_fields = ["name"]
    inlines = [PartnerReviewerInline]


@admin.register(PartnerReviewer)
class PartnerReviewerAdmin(PermissionAuditMixin, admin.ModelAdmin):
    audited_fields = ALL_FIELDS
    list_display = ["user", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Lets an admin look, never add, change or delete."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit trail is only ever read here, by superusers too: with no change or
    delete permission there is no form to change an event and no bulk delete action."""

    list_display = ["created_at", "username", "kind", "outcome", "operation", "address", "summary"]
    list_filter = ["kind", "outcome", "created_at"]
    search_fields = ["username", "summary"]
    list_select_related = ["operation"]
    date_hierarchy = "created_at"
    fields = [*list_display, "task_force"]
    readonly_fields = fields


@admin.register(Operation)
class OperationAdmin(ReadOnlyAdmin):
    list_display = ["codename", "task_force", "site_type", "planned_date", "created_by"]
    list_filter = ["task_force", "site_type"]
    # The codename only: restricted fields are neither searched nor shown.
    search_fields = ["codename"]
    list_select_related = ["task_force", "created_by"]
    # Every profile field but the restricted ones (checklist records' disclosure).
    fields = [
        "task_force",
        *(key for key in checklist.PROFILE_FIELDS if key not in checklist.RESTRICTED_FIELDS),
        "created_by",
        "created_at",
    ]
    readonly_fields = fields


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = [
        "operation",
        "status",
        "version_number",
        "classification",
        "decision",
        "score",
        "threat_tier",
        "updated_at",
    ]
    list_filter = ["status", "decision", "classification", "threat_tier"]
    search_fields = ["operation__codename"]
    list_select_related = ["operation"]
    fields = list_display
    readonly_fields = list_display


@admin.register(AssessmentVersion)
class AssessmentVersionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "number", "created_by", "created_at", "classification", "decision"]
    list_filter = ["created_at"]
    search_fields = ["assessment__operation__codename"]
    list_select_related = ["assessment__operation", "created_by"]
    # Never `content`: it holds the whole profile and the informant details.
    fields = ["assessment", "number", "content_hash", "created_by", "created_at"]
    readonly_fields = fields

    @admin.display(description=_("classification"))
    def classification(self, version):
        return version.verdict.get("classification")

    @admin.display(description=_("decision"))
    def decision(self, version):
        return version.verdict.get("decision")

    def get_queryset(self, request):
        # Leave the content out of the query: it is never shown here.
        return super().get_queryset(request).defer("content")


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyAdmin):
    # Who approved what and when; never the rationale or conditions, which describe the
    # operation.
    list_display = ["version", "kind", "decision", "approver", "role", "created_at"]
    list_filter = ["kind", "decision", "created_at"]
    search_fields = ["assessment__operation__codename"]
    list_select_related = ["version__assessment__operation", "approver"]
    fields = [*list_display, "content_hash", "scoring_version", "superseded_at"]
    readonly_fields = fields


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    # Never the comment: a return's comments quote the checklist.
    list_display = ["assessment", "from_status", "to_status", "by", "created_at"]
    list_filter = ["to_status", "created_at"]
    search_fields = ["assessment__operation__codename"]
    list_select_related = ["assessment__operation", "by"]
    fields = [*list_display, "version"]
    readonly_fields = fields


@admin.register(Brief)
class BriefAdmin(ReadOnlyAdmin):
    """For watching the rendering: stuck and failed briefs. The file is not linked here;
    briefs are downloaded only through the task force's own pages."""

    list_display = ["version", "variant", "status", "attempts", "deadline", "rendered_at"]
    list_filter = ["status", "variant"]
    search_fields = ["version__assessment__operation__codename", "sha256"]
    list_select_related = ["version__assessment__operation"]
    fields = [*list_display, "error", "sha256", "shared_with", "requested_by", "created_at"]
    readonly_fields = fields


@admin.register(BriefAcknowledgement)
class BriefAcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ["brief", "organisation", "reviewer", "created_at"]
    list_filter = ["organisation", "created_at"]
    search_fields = ["brief__version__assessment__operation__codename"]
    list_select_related = ["brief__version__assessment__operation", "organisation", "reviewer"]
    fields = list_display
    readonly_fields = list_display


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """For following the e-mails: which were sent, which failed. Their words carry no
    restricted value (services.notifications)."""

    list_display = ["created_at", "recipient", "kind", "codename", "email", "read_at"]
    list_filter = ["kind", "email", "created_at"]
    search_fields = ["codename", "recipient__username"]
    list_select_related = ["recipient"]
    fields = [*list_display, "actor", "link", "email_attempts"]
    readonly_fields = fields
