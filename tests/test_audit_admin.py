"""Permission changes made in the admin are in the audit trail, with the admin who made
them; and the audit trail itself cannot be changed or deleted, by a superuser either."""

import getpass
import io

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments import services
from assessments.models import AuditEvent, Membership, PartnerReviewer

from .audit_support import events_of, only_event_of
from .conftest import PASSWORD
from .two_factor import VerifyingClient

Kind = AuditEvent.Kind
NEW_PASSWORD = "a brand new passphrase 42"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _changes():
    return events_of(Kind.PERMISSION_CHANGE)


def test_it_refuses_to_change_an_event(db):
    event = services.audit_record(kind=Kind.SIGN_IN, username="alice")
    event.summary = "rewritten"
    with pytest.raises(ValueError, match="never changed"):
        event.save()
    assert AuditEvent.objects.get().summary == ""


def test_it_shows_events_to_a_superuser_and_lets_them_change_nothing(admin_client, admin_user):
    event = services.audit_record(kind=Kind.SIGN_IN, username="alice", summary="as it was")
    changelist = reverse("admin:assessments_auditevent_changelist")
    html = admin_client.get(changelist).content.decode()
    assert "as it was" in html
    assert 'value="delete_selected"' not in html
    assert admin_client.get(reverse("admin:assessments_auditevent_add")).status_code == 403
    change = reverse("admin:assessments_auditevent_change", args=[event.pk])
    assert 'name="_save"' not in admin_client.get(change).content.decode()
    assert admin_client.post(change, {"summary": "rewritten"}).status_code == 403
    delete = reverse("admin:assessments_auditevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    bulk = admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"}
    )
    assert bulk.status_code in (200, 302)
    assert AuditEvent.objects.get(pk=event.pk).summary == "as it was"


def test_it_records_a_membership_added_changed_and_deleted(
    admin_client, admin_user, task_force, second_planner
):
    Membership.objects.filter(user=second_planner).delete()
    add = admin_client.post(
        reverse("admin:assessments_membership_add"),
        {"user": second_planner.pk, "task_force": task_force.pk, "role": "planner"},
        REMOTE_ADDR="192.0.2.50",
    )
    assert add.status_code == 302
    membership = Membership.objects.get(user=second_planner)
    change = reverse("admin:assessments_membership_change", args=[membership.pk])
    admin_client.post(
        change, {"user": second_planner.pk, "task_force": task_force.pk, "role": "supervisor"}
    )
    admin_client.post(
        reverse("admin:assessments_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    assert not Membership.objects.filter(user=second_planner).exists()
    added, changed, deleted = _changes()
    for event in (added, changed, deleted):
        assert (event.user, event.task_force) == (admin_user, task_force)
    assert added.address == "192.0.2.50"
    assert added.summary == "membership bruno (Planner, Mekong task force) added"
    assert changed.summary.endswith("changed: role=supervisor")
    assert deleted.summary == "membership bruno (Supervisor, Mekong task force) deleted"


def test_it_records_members_changed_inline_on_a_task_force(
    admin_client, admin_user, planner, task_force
):
    membership = Membership.objects.get(user=planner)
    admin_client.post(
        reverse("admin:assessments_taskforce_change", args=[task_force.pk]),
        {
            "name": "Mekong Delta task force",
            "time_zone": "UTC",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-task_force": task_force.pk,
            "memberships-0-user": planner.pk,
            "memberships-0-role": "commander",
        },
    )
    event = only_event_of(Kind.PERMISSION_CHANGE)
    assert (event.user, event.task_force) == (admin_user, task_force)
    assert event.summary == "membership alice (Commander, Mekong Delta task force) changed: role"


def test_it_records_a_partner_reviewer_seat(admin_client, admin_user, partner, planner):
    response = admin_client.post(
        reverse("admin:assessments_partnerreviewer_add"),
        {"user": planner.pk, "organisation": partner.pk},
    )
    assert response.status_code == 302
    assert PartnerReviewer.objects.filter(user=planner).exists()
    event = only_event_of(Kind.PERMISSION_CHANGE)
    assert event.user == admin_user
    assert event.summary == "partnerreviewer alice (Safe Harbour) added"


def test_it_records_memberships_deleted_in_bulk(admin_client, planner, second_planner):
    chosen = list(Membership.objects.values_list("pk", flat=True))
    admin_client.post(
        reverse("admin:assessments_membership_changelist"),
        {"action": "delete_selected", "_selected_action": chosen, "post": "yes"},
    )
    assert not Membership.objects.exists()
    assert sorted(event.summary for event in _changes()) == [
        "membership alice (Planner, Mekong task force) deleted",
        "membership bruno (Planner, Mekong task force) deleted",
    ]


def _user_form(user, **changes):
    """The user change form as the admin page posts it (booleans: present when on)."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "groups": [group.pk for group in user.groups.all()],
        "user_permissions": [],
    }
    flags = {"is_active": user.is_active, "is_staff": user.is_staff, "is_superuser": False}
    data.update(changes)
    flags.update({name: changes.pop(name) for name in list(changes) if name in flags})
    data.update({name: "on" for name, on in flags.items() if on})
    for name, on in flags.items():
        if not on:
            data.pop(name, None)
    return data


def _change_user(admin_client, user, **changes):
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[user.pk]), _user_form(user, **changes)
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_it_records_a_user_made_staff_and_disabled(admin_client, admin_user, planner):
    _change_user(admin_client, planner, is_staff=True)
    planner.refresh_from_db()
    _change_user(admin_client, planner, is_active=False)
    planner.refresh_from_db()
    assert planner.is_staff and not planner.is_active
    made_staff, disabled = _changes()
    assert made_staff.user == admin_user
    assert made_staff.summary == "user alice changed: is_staff=True"
    assert disabled.summary == "user alice changed: is_active=False"


def test_it_records_groups_given_to_a_user(admin_client, planner):
    group = Group.objects.create(name="Helpdesk")
    _change_user(admin_client, planner, groups=[group.pk])
    assert only_event_of(Kind.PERMISSION_CHANGE).summary == "user alice changed: groups=[Helpdesk]"


def test_it_records_nothing_for_a_change_that_gives_no_access(admin_client, planner):
    _change_user(admin_client, planner, first_name="Alice", email="alice@example.org")
    planner.refresh_from_db()
    assert planner.first_name == "Alice"
    assert not _changes()


def test_it_records_a_password_set_by_an_admin_without_the_password(
    admin_client, admin_user, planner
):
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[planner.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    planner.refresh_from_db()
    assert planner.check_password(NEW_PASSWORD)
    event = only_event_of(Kind.PERMISSION_CHANGE)
    assert (event.user, event.summary) == (admin_user, "user alice password changed by an admin")
    for row in AuditEvent.objects.values():
        assert NEW_PASSWORD not in str(row) and PASSWORD not in str(row)


def test_it_records_no_password_change_that_failed(admin_client, planner):
    admin_client.post(
        reverse("admin:auth_user_password_change", args=[planner.pk]),
        {
            "password1": NEW_PASSWORD,
            "password2": "something else entirely",
            "usable_password": "true",
        },
    )
    assert not _changes()


def test_it_records_a_user_added_by_an_admin(admin_client, admin_user):
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newcomer",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    event = only_event_of(Kind.PERMISSION_CHANGE)
    assert (event.user, event.summary) == (admin_user, "user newcomer added")


# --- second factors, lockouts and the admin's own password --------------------------


def _security():
    return events_of(Kind.SECURITY)


def test_an_admin_cannot_plant_or_change_a_second_factor(admin_client, supervisor):
    device = TOTPDevice.objects.get(user=supervisor)
    key = device.key
    for name in ("otp_totp_totpdevice_add", "otp_static_staticdevice_add"):
        assert admin_client.get(reverse(f"admin:{name}")).status_code == 403
        assert (
            admin_client.post(reverse(f"admin:{name}"), {"user": supervisor.pk}).status_code == 403
        )
    change = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    planted = "3132333435363738393031323334353637383930"
    response = admin_client.post(change, {"user": supervisor.pk, "name": "x", "key": planted})
    assert response.status_code == 403
    assert TOTPDevice.objects.get(pk=device.pk).key == key
    html = admin_client.get(change).content.decode()
    assert 'name="_save"' not in html and key not in html
    assert TOTPDevice.objects.filter(user=supervisor).count() == 1
    assert not StaticToken.objects.exists()


def test_it_records_a_second_factor_deleted_by_an_admin(admin_client, admin_user, supervisor):
    device = TOTPDevice.objects.get(user=supervisor)
    recovery = StaticDevice.objects.create(user=supervisor, name="recovery codes")
    delete = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    admin_client.post(delete, {"post": "yes"}, REMOTE_ADDR="192.0.2.50")
    admin_client.post(
        reverse("admin:otp_static_staticdevice_changelist"),
        {"action": "delete_selected", "_selected_action": [recovery.pk], "post": "yes"},
    )
    assert not TOTPDevice.objects.filter(user=supervisor).exists()
    assert not StaticDevice.objects.exists()
    totp, codes = _security()
    assert (totp.user, totp.address) == (admin_user, "192.0.2.50")
    assert totp.summary == "TOTP device 'authenticator' of sita deleted by an admin"
    assert codes.summary == "static device 'recovery codes' of sita deleted by an admin"


def _locked(client, username):
    for _ in range(5):
        client.post(reverse("login"), {"username": username, "password": "wrong"})


def test_it_records_a_lockout_lifted_in_the_admin(admin_client, admin_user, planner):
    _locked(Client(), "alice")
    attempt = AccessAttempt.objects.get(username="alice")
    admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert not AccessAttempt.objects.exists()
    event = only_event_of(Kind.SECURITY)
    assert event.user == admin_user
    assert event.summary == (
        "sign-in of alice from 127.0.0.1 unlocked by an admin (5 failure(s) forgotten)"
    )


def test_it_records_a_lockout_lifted_from_the_command_line(planner):
    _locked(Client(), "alice")
    call_command("axes_reset_username", "alice", stdout=io.StringIO())
    assert not AccessAttempt.objects.exists()
    event = only_event_of(Kind.SECURITY)
    assert event.summary == (
        f"sign-in unlocked from the command line by {getpass.getuser()} "
        "(axes_reset_username): alice"
    )
    call_command("axes_reset", stdout=io.StringIO())
    assert _security()[-1].summary.endswith("(axes_reset): every username and address")


def test_it_records_an_admins_own_password_change(admin_client, admin_user):
    response = admin_client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.check_password(NEW_PASSWORD)
    event = only_event_of(Kind.SECURITY)
    assert (event.user, event.summary) == (admin_user, "own password changed by root")
    failed = admin_client.post(
        reverse("admin:password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )
    assert failed.status_code == 200 and len(_security()) == 1


def test_the_own_password_page_is_for_staff_only(client, planner):
    client.force_login(planner)
    response = client.get(reverse("admin:password_change"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_it_records_a_user_made_superuser_naming_admin_and_user(admin_client, admin_user, planner):
    _change_user(admin_client, planner, is_staff=True, is_superuser=True)
    event = only_event_of(Kind.PERMISSION_CHANGE)
    assert event.user == admin_user
    assert event.summary == "user alice changed: is_staff=True, is_superuser=True"


def test_one_admin_cannot_both_set_a_password_and_delete_the_second_factor(
    admin_client, admin_user, supervisor, django_user_model
):
    """Red team: one admin set an approver's password, deleted their authenticator, then
    signed in as them, enrolled a new one and approved as them. It takes two now."""
    admin_client.post(
        reverse("admin:auth_user_password_change", args=[supervisor.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    device = TOTPDevice.objects.get(user=supervisor)
    delete = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    page = admin_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert "another administrator must do this" in page.content.decode()
    assert TOTPDevice.objects.filter(user=supervisor).exists()

    # Another administrator may: the lost-phone procedure still works.
    second = django_user_model.objects.create_superuser("root2", password=PASSWORD)
    other = VerifyingClient()
    other.force_login(second)
    assert other.post(delete, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=supervisor).exists()
    # Nor, the other way round, may the one who deleted it set the password.
    response = other.post(
        reverse("admin:auth_user_password_change", args=[supervisor.pk]),
        {"password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"},
        follow=True,
    )
    assert "another administrator must do this" in response.content.decode()
    supervisor.refresh_from_db()
    assert supervisor.check_password(NEW_PASSWORD)
