"""Move approved operations whose planned date has passed to after-action review.

Celery beat runs the same service every hour (CELERY_BEAT_SCHEDULE); this command is
for running it by hand. Until it runs,
such operations already count as due: see models.workflow.review_due.
"""

from django.core.management.base import BaseCommand

from assessments import services


class Command(BaseCommand):
    help = "Open the after-action review of approved operations whose planned date has passed."

    def handle(self, *args, **options):
        moved = services.after_action_reviews_open()
        self.stdout.write(f"After-action reviews opened: {moved}.")
