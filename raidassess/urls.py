from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from assessments.views import account, notifications

urlpatterns = [
    # The admin's own sign-in page would skip the second factor: one way in for everyone.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    # The admin's page for changing one's own password, recorded (views/account.py).
    path("admin/password_change/", account.own_password_change, name="own_password_change"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/verify/", account.two_factor_verify, name="two_factor_verify"),
    path("accounts/two-factor/", account.two_factor_setup, name="two_factor_setup"),
    path(
        "accounts/two-factor/recovery-codes/",
        account.recovery_codes_create,
        name="recovery_codes_create",
    ),
    path("accounts/two-factor/disable/", account.two_factor_disable, name="two_factor_disable"),
    path("accounts/passkeys/new/", account.passkey_add, name="passkey_add"),
    path("accounts/passkeys/register/", account.passkey_register, name="passkey_register"),
    path("accounts/passkeys/<int:pk>/remove/", account.passkey_remove, name="passkey_remove"),
    path(
        "accounts/notifications/",
        notifications.notification_preferences,
        name="notification_preferences",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("assessments.urls")),
]

# A body too large or malformed gets a readable page, not Django's bare "Bad Request".
handler400 = "assessments.views.site.bad_request"
