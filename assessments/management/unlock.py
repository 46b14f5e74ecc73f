"""django-axes' reset commands, recorded: lifting a lockout from the command line goes to
the audit trail like one lifted in the admin.

The commands of this app override axes' own of the same name (the app comes before axes
in INSTALLED_APPS), so that `manage.py axes_reset_username alice` keeps working as the
README says, and is on record, with the operating-system account that ran it.
"""

import getpass

from ..models import AuditEvent
from ..services.audit import audit_record


class RecordedReset:
    """Mixed in before an axes reset command: records what it unlocked, and who ran it."""

    def handle(self, *args, **options):
        super().handle(*args, **options)
        unlocked = []
        for name in ("ip", "username"):
            value = options.get(name) or []
            unlocked += [value] if isinstance(value, str) else value
        audit_record(
            kind=AuditEvent.Kind.SECURITY,
            summary=(
                f"sign-in unlocked from the command line by {getpass.getuser()} "
                f"({self.__module__.rsplit('.', 1)[-1]}): "
                f"{', '.join(unlocked) or 'every username and address'}"
            ),
        )
