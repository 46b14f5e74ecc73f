"""Two-factor sign-in pages: the second step after the password, enrolment, recovery
codes, and switching it off (only for those who may go without it).

The password step is Django's LoginView (with django-axes counting failures); the
TwoFactorMiddleware sends every half-signed-in user here until they pass.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .. import reauth
from ..forms.account import (
    EnrolmentForm,
    PasskeyCreatedForm,
    PasskeyNameForm,
    ReauthenticationForm,
    TokenForm,
)
from ..models import AuditEvent
from ..services import audit_record, passkeys, two_factor

WRONG_CODE = _("This code is not right or was used already. Wait for the next code and try again.")


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _signed_in_fully(request):
    # The session's key changes when its privilege does (ASVS 3.2.1).
    request.session.cycle_key()


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    next_url = _next_url(request)
    if request.user.is_verified() or not two_factor.has_second_factor(request.user):
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.two_factor_verify(
            request=request, token=form.cleaned_data["token"], passkey=form.cleaned_data["passkey"]
        ):
            _signed_in_fully(request)
            return redirect(next_url)
        form.add_error("token", WRONG_CODE)
    context = {
        "form": form,
        "next": next_url,
        "has_totp": two_factor.totp_device_of(request.user) is not None,
        "passkey_options": passkeys.passkey_request_options(request=request),
    }
    return render(request, "account/two_factor_verify.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Enrolment for a user without an authenticator; otherwise the page to manage it."""
    user = request.user
    if two_factor.totp_device_of(user) is not None:
        if not user.is_verified():
            return redirect("two_factor_verify")
        return _manage_page(request)
    device = two_factor.totp_enrolment_start(user=user)
    # Required at the first sign-in, just after the password; chosen later, asked again.
    required = two_factor.two_factor_required(user)
    form = EnrolmentForm(request.POST or None, needs_password=not required)
    if request.method == "POST" and form.is_valid():
        if not required and not reauth.reauthentication_check(
            request=request,
            password=form.cleaned_data["password"],
            summary="re-authentication before turning on two-factor sign-in",
        ):
            form.add_error("password", gettext("Your password is not right."))
        else:
            codes = two_factor.totp_enrolment_confirm(
                request=request, device=device, token=form.cleaned_data["token"]
            )
            if codes is not None:
                _signed_in_fully(request)
                return _recovery_codes_page(request, codes)
            form.add_error("token", WRONG_CODE)
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "required": required,
        # Rendered on the server as SVG markup: no script, no third party, no inline style.
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(
            scale=5, light="#fff", svgclass="qr-code", title=gettext("QR code to scan")
        ),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }
    return render(request, "account/two_factor_setup.html", context)


def _manage_page(request, submitted=None, name_form=None):
    """Passkeys, new recovery codes, switching off; `submitted` is a form that failed."""
    user = request.user
    forms = {
        action: ReauthenticationForm(prefix=action, needs_token=True)
        for action in ("passkey", "codes", "disable")
    }
    if submitted is not None:
        forms[submitted.prefix] = submitted
    context = {
        "passkey_form": forms["passkey"],
        "passkey_name_form": name_form or PasskeyNameForm(prefix="passkey"),
        "passkeys": passkeys.passkeys_of(user),
        # Approvers first: a passkey spares them a code at every decision.
        "passkeys_first": two_factor.two_factor_required(user),
        "passkey_options": passkeys.passkey_request_options(request=request),
        "codes_form": forms["codes"],
        "disable_form": forms["disable"],
        "codes_left": two_factor.recovery_codes_left(user),
        "may_disable": not two_factor.two_factor_required(user),
    }
    return render(request, "account/two_factor_manage.html", context)


def _recovery_codes_page(request, codes):
    context = {"codes": codes, "next": _next_url(request)}
    return render(request, "account/recovery_codes.html", context)


def _reauthenticated(request, form, summary):
    if not form.is_valid():
        return False
    if reauth.reauthentication_check(
        request=request,
        password=form.cleaned_data["password"],
        token=form.cleaned_data.get("token", ""),
        passkey=form.cleaned_data.get("passkey", ""),
        summary=summary,
    ):
        return True
    form.add_error(None, gettext("Your password or code is not right: nothing was changed."))
    return False


@never_cache
@login_required
@require_POST
def recovery_codes_create(request):
    if two_factor.totp_device_of(request.user) is None:
        return redirect("two_factor_setup")
    form = ReauthenticationForm(request.POST, prefix="codes", needs_token=True)
    if not _reauthenticated(request, form, "re-authentication to replace recovery codes"):
        return _manage_page(request, form)
    return _recovery_codes_page(request, two_factor.recovery_codes_create(request=request))


@never_cache
@login_required
@require_POST
def two_factor_disable(request):
    if two_factor.two_factor_required(request.user):
        messages.error(request, gettext("Two-factor sign-in is required for your role."))
        return redirect("two_factor_setup")
    form = ReauthenticationForm(request.POST, prefix="disable", needs_token=True)
    if not _reauthenticated(request, form, "re-authentication to disable two-factor sign-in"):
        return _manage_page(request, form)
    two_factor.two_factor_disable(request=request)
    messages.success(request, gettext("Two-factor sign-in is off."))
    return redirect(settings.LOGIN_REDIRECT_URL)


@never_cache
@login_required
@require_POST
def passkey_add(request):
    """After the password and a code (or another passkey), the page that asks the
    browser to make a passkey: its answer goes to passkey_register."""
    if two_factor.totp_device_of(request.user) is None:
        return redirect("two_factor_setup")
    form = ReauthenticationForm(request.POST, prefix="passkey", needs_token=True)
    name_form = PasskeyNameForm(request.POST, prefix="passkey")
    if not name_form.is_valid() or not _reauthenticated(
        request, form, "re-authentication to add a passkey"
    ):
        form.is_valid()
        return _manage_page(request, form, name_form)
    context = {
        "name": name_form.cleaned_data["name"],
        "form": PasskeyCreatedForm(),
        "passkey_creation_options": passkeys.passkey_creation_options(
            request=request, name=name_form.cleaned_data["name"]
        ),
    }
    return render(request, "account/passkey_create.html", context)


@never_cache
@login_required
@require_POST
def passkey_register(request):
    form = PasskeyCreatedForm(request.POST)
    device = form.is_valid() and passkeys.passkey_register(
        request=request, credential=form.cleaned_data["credential"]
    )
    if device:
        messages.success(request, gettext("Passkey “%(name)s” added.") % {"name": device.name})
    else:
        messages.error(request, gettext("No passkey was added: the browser's answer did not fit."))
    return redirect("two_factor_setup")


@never_cache
@login_required
@require_POST
def passkey_remove(request, pk):
    if passkeys.passkey_remove(request=request, pk=pk):
        messages.success(request, gettext("Passkey removed."))
    return redirect("two_factor_setup")


_admin_password_change = admin.site.admin_view(admin.site.password_change)


def own_password_change(request):
    """The admin's own page (staff only, as there), with the change on record: a
    password changed is a way in given to whoever chose it."""
    response = _admin_password_change(request)
    if request.method == "POST" and response.status_code == 302 and request.user.is_staff:
        audit_record(
            kind=AuditEvent.Kind.SECURITY,
            request=request,
            summary=f"own password changed by {request.user.get_username()}",
        )
    return response
