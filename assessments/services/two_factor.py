"""Two-factor sign-in: a TOTP authenticator app, and single-use recovery codes.

Supervisors, commanders and admins must use it (they approve raids and manage who sees
what); planners and NGO reviewers may. A user "has two-factor" once a TOTP device is
confirmed; the recovery codes are a django-otp static device beside it. Every step goes
to the audit trail, never with a code in it.

At rest, a database dump gives no second factor away: the TOTP secret is encrypted with
the field keys (`fields.encrypt_at_rest`, set up in AppConfig.ready), and a recovery code
is stored as `recovery_code_digest` of it, a keyed hash that only the code itself, typed
by its owner, matches.
"""

import django_otp
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from ..access import must_use_second_factor, second_factor_held, second_step
from ..models import AuditEvent, Membership
from ..security.lockout import lockout_check, lockout_failure, lockout_success
from .audit import audit_record
from .passkeys import passkey_check

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def two_factor_required(user):
    """Whether `user` may do nothing before enrolling (admins, supervisors, commanders:
    `access.must_use_second_factor`), read now."""
    roles = Membership.objects.filter(user=user).values_list("role", flat=True)
    return must_use_second_factor(user, roles)


def second_step_of(user):
    """What a user signed in with a password only must do next, read now
    (`access.second_step`); the middleware reads it with the navigation facts instead."""
    held = get_user_model().objects.filter(second_factor_held(), pk=user.pk).exists()
    return second_step(held=held, required=two_factor_required(user))


def totp_device_of(user):
    """The confirmed authenticator of `user`, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_enrolment_start(*, user):
    """The unconfirmed device `user` is enrolling, made on the first call.

    The same secret is shown until it is confirmed, so reloading the page does not
    invalidate what the user already scanned.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_enrolment_confirm(*, request, device, token):
    """Confirm `device` with a first token from the app; the session counts as verified.

    Returns the new recovery codes (shown once), or None when the token is wrong.
    """
    user = request.user
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        _record(request, AuditEvent.Outcome.FAILURE, "two-factor enrolment: wrong code")
        return None
    # One authenticator per user: a new enrolment replaces the old one.
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    django_otp.login(request, device)
    _record(request, AuditEvent.Outcome.SUCCESS, "two-factor sign-in enabled")
    return _new_recovery_codes(user)


def recovery_codes_create(*, request):
    """Replace the signed-in user's recovery codes with new ones; returns them."""
    codes = _new_recovery_codes(request.user)
    _record(request, AuditEvent.Outcome.SUCCESS, "recovery codes replaced")
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def recovery_code_digest(device_id, code):
    """What is stored of recovery code `code` of static device `device_id`.

    Keyed with SECRET_KEY (kept apart from the database), so a dump alone cannot be
    searched for the codes' 40 bits; bound to the device, so a digest copied to another
    user's device matches nothing. 16 hex characters fit django-otp's column.
    """
    message = f"{device_id}:{''.join(code.split()).lower()}"
    return salted_hmac("raidassess.recovery-code", message, algorithm="sha256").hexdigest()[:16]


def _new_recovery_codes(user):
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=recovery_code_digest(device.pk, code)) for code in codes]
    )
    return codes


def token_check(*, user, token):
    """The device of `user` that accepts `token` (and uses it up), or None.

    Six digits go to the authenticator, anything else to the recovery codes, so that a
    typo costs the throttling of one device only. Each device slows down after a wrong
    code (django-otp doubles the wait each time), which stops guessing.
    """
    token = "".join(token.split()).lower()
    if token.isdigit() and len(token) == 6:
        device = totp_device_of(user)
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
        token = recovery_code_digest(device.pk, token) if device else token
    if device is None:
        return None
    return django_otp.verify_token(user, device.persistent_id, token)


def second_factor_check(*, request, token="", passkey=""):
    """The device of the signed-in user that `passkey` (a browser's answer, as JSON) or
    else `token` (a code) proves they hold, or None."""
    if passkey:
        return passkey_check(request=request, credential=passkey)
    return token_check(user=request.user, token=token or "")


def has_second_factor(user):
    return second_step_of(user) == "verify"


def two_factor_verify(*, request, token="", passkey=""):
    """The sign-in's second step: True, and the session verified, when `token` or
    `passkey` fits.

    A wrong code counts toward the username's lockout; the one that locks it ends the
    session (and the answer becomes the lockout page).
    """
    user = request.user
    lockout_check(request=request, user=user)
    device = second_factor_check(request=request, token=token, passkey=passkey)
    if device is None:
        _record(request, AuditEvent.Outcome.FAILURE, "two-factor code refused")
        lockout_failure(request=request, user=user)
        return False
    lockout_success(user=user)
    django_otp.login(request, device)
    summary = "two-factor code accepted"
    if isinstance(device, WebAuthnCredential):
        summary = f"passkey {device.name!r} used"
    elif isinstance(device, StaticDevice):
        summary = f"recovery code used ({recovery_codes_left(request.user)} left)"
    _record(request, AuditEvent.Outcome.SUCCESS, summary)
    return True


@transaction.atomic
def two_factor_disable(*, request):
    """Remove the signed-in user's authenticator and recovery codes (if they may)."""
    user = request.user
    if two_factor_required(user):
        raise PermissionError("two-factor sign-in is required for this user")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
    _record(request, AuditEvent.Outcome.SUCCESS, "two-factor sign-in disabled")


def _record(request, outcome, summary):
    audit_record(kind=AuditEvent.Kind.SECURITY, request=request, outcome=outcome, summary=summary)
