"""Passkeys without a browser (the ceremonies themselves are in tests/browser/
test_passkeys.py): adding one needs a re-authentication, a user removes only their own,
a passkey alone is a second factor, and the admin can only delete one, on record."""

import pytest
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential

from assessments.models import AuditEvent
from assessments.services import passkeys
from assessments.services.two_factor import second_step_of
from tests.conftest import PASSWORD
from tests.two_factor import totp_token

ADD = reverse("passkey_add")


def _passkey(user, name="phone"):
    return WebAuthnCredential.objects.create(
        user=user,
        name=name,
        confirmed=True,
        credential_id=name.encode() + str(user.pk).encode(),
        public_key=b"key",
        aaguid="00000000-0000-0000-0000-000000000000",
    )


def _add(client, user, **override):
    data = {
        "passkey-name": "work phone",
        "passkey-password": PASSWORD,
        "passkey-token": totp_token(user),
        **override,
    }
    return client.post(ADD, data)


def test_adding_a_passkey_asks_the_browser_after_the_password_and_a_code(client, supervisor):
    client.force_login(supervisor)
    response = _add(client, supervisor)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="passkey-creation-options"' in html and "Make the passkey" in html
    assert client.session[passkeys.CREATION_STATE]["name"] == "work phone"


@pytest.mark.parametrize(
    "override", [{"passkey-password": "guess"}, {"passkey-token": "000000"}, {"passkey-name": ""}]
)
def test_adding_a_passkey_is_refused_without_the_password_code_and_name(
    client, supervisor, override
):
    client.force_login(supervisor)
    response = _add(client, supervisor, **override)
    assert 'id="passkey-creation-options"' not in response.content.decode()
    assert passkeys.CREATION_STATE not in client.session


def test_a_forged_answer_registers_nothing_and_is_recorded(client, supervisor):
    client.force_login(supervisor)
    _add(client, supervisor)
    response = client.post(reverse("passkey_register"), {"credential": '{"id": "forged"}'})
    assert response.status_code == 302
    assert not WebAuthnCredential.objects.exists()
    event = AuditEvent.objects.get(summary="passkey registration refused")
    assert (event.user, event.outcome) == (supervisor, "failure")


def test_a_user_removes_only_their_own_passkey(client, supervisor, commander):
    theirs = _passkey(commander)
    client.force_login(supervisor)
    client.post(reverse("passkey_remove", args=[theirs.pk]))
    assert WebAuthnCredential.objects.filter(pk=theirs.pk).exists()
    assert not AuditEvent.objects.filter(summary__contains="removed").exists()


def test_a_passkey_alone_is_a_second_factor(planner):
    assert second_step_of(planner) is None
    _passkey(planner)
    assert second_step_of(planner) == "verify"


def test_the_admin_may_only_delete_a_passkey_on_record(client, admin_user, supervisor):
    passkey = _passkey(supervisor)
    client.force_login(admin_user)
    assert (
        client.get(reverse("admin:django_otp_webauthn_webauthncredential_add")).status_code == 403
    )
    change = reverse("admin:django_otp_webauthn_webauthncredential_change", args=[passkey.pk])
    assert client.post(change, {"name": "planted", "user": admin_user.pk}).status_code == 403
    delete = reverse("admin:django_otp_webauthn_webauthncredential_delete", args=[passkey.pk])
    client.post(delete, {"post": "yes"})
    assert not WebAuthnCredential.objects.exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.SECURITY)
    assert event.user == admin_user
    assert event.summary == "WebAuthn credential 'phone' of sita deleted by an admin"
