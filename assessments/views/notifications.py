"""The bell: a user's notifications, opening one (which marks it read), and which kinds
they also get by e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import access, services
from assessments.forms.notifications import EmailPreferencesForm

PAGE_SIZE = 50


@login_required
@require_safe
def notification_list(request):
    page = Paginator(access.notifications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {"notification": notification, "message": services.notification_message(notification)}
        for notification in page
    ]
    return render(request, "notifications/list.html", {"page": page, "rows": rows})


@login_required
@require_safe
def notification_open(request, pk):
    """Follow a notification to what it is about; it counts as read from then on."""
    notification = access.notification_for(request.user, pk)
    return redirect(services.notification_open(notification=notification))


@login_required
@require_POST
def notifications_read(request):
    services.notifications_read(user=request.user)
    messages.success(request, gettext("Every notification is marked read."))
    return redirect("assessments:notification_list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    form = EmailPreferencesForm(
        request.POST or None, initial={"kinds": services.email_kinds_of(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        services.email_preferences_set(user=request.user, kinds_by_email=form.cleaned_data["kinds"])
        messages.success(request, gettext("Your e-mail choices are saved."))
        return redirect("notification_preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
    )
