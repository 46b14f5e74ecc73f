"""The middlewares that stand between a session and every page.

`NoStoreMiddleware` keeps every answer to a signed-in user, and every download, out of
caches: a shared or seized workstation must not keep the target address or a brief
after sign-out. `SessionLifetimeMiddleware` ends a session 12 hours after its sign-in,
however active, and pushes its idle expiry (SESSION_COOKIE_AGE) on while it is used: at
most once a minute, rather than writing the session on every request. It runs before
`TwoFactorMiddleware`, which keeps a user who signed in with a password only, and must
give a second factor, on the pages of that step until they have.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .. import access

SIGNED_IN_AT = "signed_in_at"
ACTIVE_AT = "active_at"
# How often a session in use gets its idle expiry pushed on (a database write).
REFRESH_SECONDS = 60
STEP_URL_NAMES = {"verify": "two_factor_verify", "setup": "two_factor_setup"}
# What a half-signed-in user may reach: the second step itself, signing out, switching
# language, and the container's health check.
OPEN_URL_NAMES = {
    "login",
    "logout",
    "set_language",
    "two_factor_verify",
    "two_factor_setup",
    "assessments:healthz",
}


def _redirect(request, url):
    # htmx would swap the page into a fragment: tell it to load the page instead.
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on every response to a signed-in user and on
    every download; static files (served before this by WhiteNoise) keep their caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(settings.STATIC_URL):
            return response
        signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
        if signed_in or _is_download(response):
            # Over whatever a view asked for: `private` drops `public`, max-age becomes 0.
            patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
        return response


def _is_download(response):
    return getattr(response, "streaming", False) or "attachment" in response.get(
        "Content-Disposition", ""
    )


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            signed_in_at = request.session.get(SIGNED_IN_AT)
            if signed_in_at is None or now - signed_in_at > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
                messages.info(request, _("Your session has ended. Please sign in again."))
                return _redirect(request, redirect_to_login(request.get_full_path()).url)
            if now - request.session.get(ACTIVE_AT, 0) > REFRESH_SECONDS:
                # Saving the session sets its expiry to now + SESSION_COOKIE_AGE.
                request.session[ACTIVE_AT] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not _is_open(request):
            # Read with the navigation facts, which the request needs anyway: no query
            # of its own for the many who have no second factor.
            step = access.navigation_facts(user)["second_step"]
            if step is not None:
                query = urlencode({"next": request.get_full_path()})
                return _redirect(request, f"{reverse(STEP_URL_NAMES[step])}?{query}")
        return self.get_response(request)


def _is_open(request):
    try:
        return resolve(request.path_info).view_name in OPEN_URL_NAMES
    except Resolver404:
        return False
