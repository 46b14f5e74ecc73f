"""Changes of who may do what, made in the admin, go to the audit trail with the admin
who made them; so do deletions of second factors and lifted lockouts.

Access is given by a membership of a task force (and its role), a partner reviewer's
seat, and a user's flags, groups, permissions and password. They are recorded from the
admin's own hooks, where the request names the admin and their address; a model signal
could not tell who did it. Deleting a task force, a partner or a user takes access away
with it, so every deletion through these admins is recorded as well.
"""

import datetime

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext

from .models import AuditEvent, Membership, PartnerReviewer
from .services.audit import audit_record

ALL_FIELDS = "__all__"
INLINE_MODELS = (Membership, PartnerReviewer)
USER_PERMISSION_FIELDS = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")


def _shown(value):
    if hasattr(value, "__iter__") and not isinstance(value, str):
        return "[" + ", ".join(str(entry) for entry in value) + "]"
    return str(value)


def permission_change_record(request, obj, change, *, subject=None):
    # Without translation: the trail reads the same whatever the admin's language.
    with translation.override(None):
        audit_record(
            kind=AuditEvent.Kind.PERMISSION_CHANGE,
            request=request,
            task_force=getattr(obj, "task_force_id", None),
            summary=f"{obj._meta.model_name} {obj} {change}",
            subject=subject,
        )


# An account reset takes two administrators: the one who sets a user's password may not
# also delete that user's second factors within this time, nor the other way round, so
# that no single admin can sign in as someone else (and approve as them).
RESET_WINDOW = datetime.timedelta(hours=24)
PASSWORD_SET = "password changed by an admin"
SECOND_FACTOR_DELETED = "deleted by an admin"


def _did_recently(request, subject, summary_part):
    return AuditEvent.objects.filter(
        user=request.user,
        subject=subject,
        summary__contains=summary_part,
        created_at__gte=timezone.now() - RESET_WINDOW,
    ).exists()


def two_person_refusal(request, subject, *, doing):
    """The words of a refusal when the admin of `request` already did the other half
    of an account reset of `subject`; None when they may go on."""
    other = SECOND_FACTOR_DELETED if doing == PASSWORD_SET else PASSWORD_SET
    if subject is None or not _did_recently(request, subject, other):
        return None
    if other == PASSWORD_SET:
        words = gettext(
            "You already set the password of %(user)s in the last 24 hours: another "
            "administrator must do this, so that no one administrator can sign in as someone "
            "else."
        )
    else:
        words = gettext(
            "You already deleted a second factor of %(user)s in the last 24 hours: another "
            "administrator must do this, so that no one administrator can sign in as someone "
            "else."
        )
    return words % {"user": subject.get_username()}


class PermissionAuditMixin:
    """For a ModelAdmin: records adding and changing its objects when `audited_fields`
    says their own fields give access, changes of the membership and reviewer inlines it
    holds, and every deletion."""

    audited_fields = ()

    def _audited_changes(self, form):
        names = [
            name
            for name in form.changed_data
            if self.audited_fields == ALL_FIELDS or name in self.audited_fields
        ]
        return ", ".join(f"{name}={_shown(form.cleaned_data.get(name))}" for name in names)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not self.audited_fields:
            return
        if not change:
            permission_change_record(request, obj, "added")
        elif changes := self._audited_changes(form):
            permission_change_record(request, obj, f"changed: {changes}")

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if not issubclass(formset.model, INLINE_MODELS):
            return
        for obj in formset.new_objects:
            permission_change_record(request, obj, "added")
        for obj, fields in formset.changed_objects:
            permission_change_record(request, obj, f"changed: {', '.join(fields)}")
        for obj in formset.deleted_objects:
            permission_change_record(request, obj, "deleted")

    def delete_model(self, request, obj):
        # Recorded first, while the object still has everything its name is made of.
        permission_change_record(request, obj, "deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            permission_change_record(request, obj, "deleted")
        super().delete_queryset(request, queryset)


class AuditedUserAdmin(PermissionAuditMixin, UserAdmin):
    audited_fields = USER_PERMISSION_FIELDS

    def log_change(self, request, obj, message):
        # The password page saves through its own form, not save_model; it calls this
        # once the new password is stored.
        if request.resolver_match.url_name.endswith("_password_change"):
            permission_change_record(request, obj, PASSWORD_SET, subject=obj)
        return super().log_change(request, obj, message)

    def user_change_password(self, request, id, form_url=""):
        subject = self.get_object(request, unquote(id))
        refusal = two_person_refusal(request, subject, doing=PASSWORD_SET)
        if refusal and request.method == "POST":
            messages.error(request, refusal)
            return redirect(request.path)
        if refusal:
            messages.warning(request, refusal)
        return super().user_change_password(request, id, form_url)


def security_record(request, summary, *, subject=None):
    with translation.override(None):
        audit_record(
            kind=AuditEvent.Kind.SECURITY, request=request, summary=summary, subject=subject
        )


class _SeenAndDeletedMixin:
    """Objects an admin may look at and delete, never add or change; every deletion,
    one by one or in bulk, is recorded with `deleted_summary(obj)`."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        security_record(request, self.deleted_summary(obj), subject=self.subject_of(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            security_record(request, self.deleted_summary(obj), subject=self.subject_of(obj))
        super().delete_queryset(request, queryset)

    def subject_of(self, obj):
        return None


class SecondFactorAdmin(_SeenAndDeletedMixin, admin.ModelAdmin):
    """A user's authenticators and recovery codes: seen and deleted (the lost-phone
    procedure: they enrol again at the next sign-in), never added or changed, so that
    no admin can plant a second factor of their choosing, or read one, and sign in as
    someone else."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    fields = list_display
    readonly_fields = list_display

    def deleted_summary(self, device):
        label = device._meta.verbose_name
        return f"{label} {device.name!r} of {device.user.get_username()} {SECOND_FACTOR_DELETED}"

    def subject_of(self, device):
        return device.user

    def has_delete_permission(self, request, obj=None):
        # The two-person rule: refused (with the reason on the page) for the admin who
        # set this user's password within the day.
        if obj is not None and two_person_refusal(request, obj.user, doing=SECOND_FACTOR_DELETED):
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        device = self.get_object(request, unquote(object_id))
        refusal = device and two_person_refusal(request, device.user, doing=SECOND_FACTOR_DELETED)
        if refusal:
            messages.warning(request, refusal)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_queryset(self, request, queryset):
        if any(
            two_person_refusal(request, device.user, doing=SECOND_FACTOR_DELETED)
            for device in queryset
        ):
            raise PermissionDenied
        super().delete_queryset(request, queryset)


class LockoutAdmin(_SeenAndDeletedMixin, admin.ModelAdmin):
    """django-axes' failed attempts: deleting one lifts its lockout."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start"]
    search_fields = ["username", "ip_address"]
    fields = list_display
    readonly_fields = list_display

    def deleted_summary(self, attempt):
        return (
            f"sign-in of {attempt.username or '(no username)'} from {attempt.ip_address} "
            f"unlocked by an admin ({attempt.failures_since_start} failure(s) forgotten)"
        )
