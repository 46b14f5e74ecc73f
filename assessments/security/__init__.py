"""Sign-in hardening: two-factor enforcement, session lifetime, ending sessions, lockouts.

The policies live in settings.py (AXES_*, SESSION_*, CONTENT_SECURITY_POLICY); the
two-factor workflows in services/two_factor.py; the pages in views/account.py.
"""
