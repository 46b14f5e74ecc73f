"""Delete the audit events older than the retention period (AUDIT_RETENTION_DAYS)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from assessments import services


class Command(BaseCommand):
    help = (
        "Delete the audit events older than AUDIT_RETENTION_DAYS days, and only those; "
        "the prune itself is recorded in the audit trail. Celery beat runs it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count the events that would go, delete none"
        )

    def handle(self, *args, dry_run, **options):
        days = settings.AUDIT_RETENTION_DAYS
        count, cutoff = services.audit_prune(retention_days=days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {count} audit event(s) older than {days} days "
            f"(recorded before {cutoff:%Y-%m-%d %H:%M} UTC)."
        )
