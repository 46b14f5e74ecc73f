"""Two-factor sign-in for tests: enrol a persona, make a valid code, verify a session.

Supervisors, commanders and admins must pass the second step before anything else, so
their persona fixtures come enrolled (tests/conftest.py), and the `client` fixture's
`force_login` signs in fully: for a user who has an authenticator, or whose role needs
one (it is then enrolled), the second step counts as passed. A test that needs a
half-signed-in session calls `client.force_login(user, verified=False)`.
"""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.services.two_factor import second_step_of


def enrol(user):
    """Give `user` a confirmed authenticator (as if they had scanned the QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def totp_token(user_or_device):
    """A code the user's authenticator app would show now, not used yet.

    django-otp refuses a code of a time step it has accepted one of before (no replay),
    so a test that signs in twice within 30 seconds gets the next step's code, which the
    default tolerance of one step accepts.
    """
    device = user_or_device
    if not isinstance(device, TOTPDevice):
        device = TOTPDevice.objects.get(user=user_or_device, confirmed=True)
    device.refresh_from_db()
    for ahead in range(device.tolerance + 1):
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time() + ahead * device.step
        if totp.t() > device.last_t:
            return f"{totp.token():0{device.digits}d}"
    raise AssertionError("every code within the tolerance was used; wait for the next step")


class VerifyingClient(Client):
    def force_login(self, user, backend=None, *, verified=True):
        """Sign `user` in, second step included (see the module's docstring)."""
        super().force_login(user, backend)
        if verified and second_step_of(user) is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = enrol(user).persistent_id
            session.save()
