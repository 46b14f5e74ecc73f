"""Passkeys (WebAuthn) as a second factor beside the authenticator app: several per user
(a phone, a security key), each named, each removable.

django-otp-webauthn stores them as django-otp devices (so a session verified with one
counts as verified) and py_webauthn checks every signature, challenge, origin and
relying-party id. Sign-in without a password is off (settings): a passkey stands in for
the six-digit code, never for the password.

A ceremony's challenge lives in the session between the page that asks the browser and
the form that brings its answer back, and is used once: `passkey_request_options` for
signing in and re-authenticating, `passkey_creation_options` for adding one (after a
re-authentication, in the view). Every registration and removal goes to the audit trail.
"""

import json

from django.db import IntegrityError, transaction
from django_otp_webauthn.exceptions import OTPWebAuthnApiError
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.utils import rewrite_exceptions

from ..models import AuditEvent
from .audit import audit_record

REQUEST_STATE = "passkey_request_state"
CREATION_STATE = "passkey_creation_state"
NAME_MAX_LENGTH = 64


def passkeys_of(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def has_passkey(user):
    return passkeys_of(user).exists()


def _helper(request):
    return WebAuthnCredential.get_webauthn_helper(request=request)


def passkey_request_options(*, request):
    """Options for navigator.credentials.get(), limited to the signed-in user's passkeys;
    None when they have none."""
    if not has_passkey(request.user):
        return None
    options, state = _helper(request).authenticate_begin(
        user=request.user, require_user_verification=False
    )
    request.session[REQUEST_STATE] = state
    return options


def passkey_check(*, request, credential):
    """The signed-in user's passkey that signed the challenge in `credential` (the
    browser's answer, a JSON text), or None: another user's passkey, another origin's, a
    replayed or a forged answer are all None."""
    state = request.session.pop(REQUEST_STATE, None)
    if not state or not credential:
        return None
    try:
        with rewrite_exceptions():
            device = _helper(request).authenticate_complete(
                user=request.user, state=state, data=json.loads(credential)
            )
    except (OTPWebAuthnApiError, ValueError, KeyError, TypeError):
        return None
    return device if device.confirmed else None


def passkey_creation_options(*, request, name):
    """Options for navigator.credentials.create(); the passkey will be called `name`."""
    options, state = _helper(request).register_begin(user=request.user)
    request.session[CREATION_STATE] = {**state, "name": name[:NAME_MAX_LENGTH]}
    return options


def passkey_register(*, request, credential):
    """Store the passkey the browser just made (`credential`, as JSON); returns it, or
    None when the answer does not fit the challenge of `passkey_creation_options`."""
    state = request.session.pop(CREATION_STATE, None)
    device = None
    if state and credential:
        try:
            # A credential id registered already (to anyone) is refused by the database.
            with transaction.atomic(), rewrite_exceptions():
                device = _helper(request).register_complete(
                    user=request.user, state=state, data=json.loads(credential)
                )
        except (OTPWebAuthnApiError, IntegrityError, ValueError, KeyError, TypeError):
            device = None
    if device is None:
        _record(request, AuditEvent.Outcome.FAILURE, "passkey registration refused")
        return None
    device.name = state["name"]
    device.save(update_fields=["name"])
    _record(request, AuditEvent.Outcome.SUCCESS, f"passkey {device.name!r} registered")
    return device


def passkey_remove(*, request, pk):
    """Remove the signed-in user's passkey `pk`; False when it is not theirs."""
    device = passkeys_of(request.user).filter(pk=pk).first()
    if device is None:
        return False
    device.delete()
    _record(request, AuditEvent.Outcome.SUCCESS, f"passkey {device.name!r} removed")
    return True


def _record(request, outcome, summary):
    audit_record(kind=AuditEvent.Kind.SECURITY, request=request, outcome=outcome, summary=summary)
