"""Thin Celery tasks: take an id, call a service. The state lives in the database.

`brief_render` is acknowledged late and rejected when its worker is lost, so the broker
delivers it again after a crash; the service's claim makes a second delivery harmless.
A failed attempt is retried with a growing pause; the time limits stop a render that
hangs (the soft one lets the service put the brief back in the queue first).
"""

from celery import shared_task
from django.conf import settings

from . import services
from .services.briefs import MAX_ATTEMPTS
from .services.notifications import MAX_EMAIL_ATTEMPTS, NotificationEmailFailed


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(services.BriefRenderFailed,),
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=MAX_ATTEMPTS,
    soft_time_limit=60,
    time_limit=90,
)
def brief_render(brief_id):
    return services.brief_render(brief_id=brief_id)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def brief_sweep():
    return services.brief_sweep()


@shared_task(soft_time_limit=60, time_limit=90)
def after_action_reviews_open():
    return services.after_action_reviews_open()


@shared_task(soft_time_limit=300, time_limit=360)
def audit_prune():
    count, _cutoff = services.audit_prune(retention_days=settings.AUDIT_RETENTION_DAYS)
    return count


@shared_task(
    acks_late=True,
    autoretry_for=(NotificationEmailFailed,),
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=MAX_EMAIL_ATTEMPTS,
    soft_time_limit=60,
    time_limit=90,
)
def notification_email(notification_id):
    return services.notification_email_send(notification_id=notification_id)
