"""What the audit-trail tests read back: the events of one kind, oldest first."""

from assessments.models import AuditEvent


def events_of(kind, **lookups):
    return list(AuditEvent.objects.filter(kind=kind, **lookups).order_by("pk"))


def only_event_of(kind, **lookups):
    """The one event of `kind`; fails when there is none or more than one."""
    found = events_of(kind, **lookups)
    assert len(found) == 1, f"expected one {kind} event, got {found}"
    return found[0]
