"""The admin: users, task forces and partners are managed here; operations only seen.

Need to know: an admin belongs to no task force, so the operation and version admins
show neither the restricted profile fields nor a version's content (which holds the
informant details), and nothing about an operation can be added or changed here:
versions are immutable records, and operations change only through the services.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Assessment,
    AssessmentVersion,
    Membership,
    Operation,
    PartnerOrganisation,
    PartnerReviewer,
    TaskForce,
)

RESTRICTED_OPERATION_FIELDS = ("target_name", "target_address", "suspect_roles", "suspect_details")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


class PartnerReviewerInline(admin.TabularInline):
    model = PartnerReviewer
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(TaskForce)
class TaskForceAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "task_force", "role"]
    list_filter = ["role", "task_force"]
    search_fields = ["user__username", "task_force__name"]
    autocomplete_fields = ["user", "task_force"]
    list_select_related = ["user", "task_force"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "contact_point"]
    search_fields = ["name"]
    inlines = [PartnerReviewerInline]


@admin.register(PartnerReviewer)
class PartnerReviewerAdmin(admin.ModelAdmin):
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


@admin.register(Operation)
class OperationAdmin(ReadOnlyAdmin):
    list_display = ["codename", "task_force", "site_type", "planned_date", "created_by"]
    list_filter = ["task_force", "site_type"]
    # The codename only: restricted fields are neither searched nor shown.
    search_fields = ["codename"]
    list_select_related = ["task_force", "created_by"]
    fields = [
        "task_force",
        "codename",
        "site_type",
        "exploitation_type",
        "planned_date",
        "estimated_persons_on_site",
        "estimated_potential_victims",
        "minors_suspected",
        "expected_languages",
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
