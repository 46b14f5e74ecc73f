"""Ending every session of a user, for real: the rows are deleted, not left to expire.

Sessions are stored in the database (settings.SESSION_ENGINE) and live 30 idle minutes,
so the unexpired ones are few; reading them is cheaper than keeping an index of session
keys per user that every sign-in, key rotation and sign-out would have to maintain.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def user_sessions_end(*, user):
    """Delete every unexpired session signed in as `user`; returns how many."""
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    deleted, _ = Session.objects.filter(session_key__in=keys).delete()
    return deleted
