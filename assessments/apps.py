from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Raid assessments")

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth import get_user_model
        from django.contrib.auth import signals as auth_signals
        from django.db.models import signals as model_signals
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from . import signals, tasks, waiting  # noqa: F401 (tasks: registered for services.queue)
        from .fields import encrypt_at_rest
        from .security import receivers

        # The TOTP secret is as restricted as an informant's name (migration 0007).
        encrypt_at_rest(TOTPDevice, "key")

        auth_signals.user_logged_in.connect(signals.record_sign_in, dispatch_uid="audit_sign_in")
        auth_signals.user_login_failed.connect(
            signals.record_sign_in_failure, dispatch_uid="audit_sign_in_failure"
        )
        auth_signals.user_logged_out.connect(signals.record_sign_out, dispatch_uid="audit_sign_out")
        auth_signals.user_logged_in.connect(receivers.session_start, dispatch_uid="session_start")
        auth_signals.user_logged_in.connect(
            receivers.sign_in_complete, dispatch_uid="sign_in_complete"
        )
        user_locked_out.connect(receivers.record_lockout, dispatch_uid="audit_lockout")
        user_model = get_user_model()
        model_signals.pre_save.connect(
            receivers.note_password_change, sender=user_model, dispatch_uid="password_change"
        )
        model_signals.post_save.connect(
            receivers.end_sessions_of_changed_user, sender=user_model, dispatch_uid="end_sessions"
        )
        model_signals.post_delete.connect(
            receivers.end_sessions_of_deleted_user, sender=user_model, dispatch_uid="end_sessions"
        )
        for model in waiting.STAMPED:
            for signal in (model_signals.post_save, model_signals.post_delete):
                signal.connect(waiting.restamp, sender=model, dispatch_uid="waiting_restamp")
