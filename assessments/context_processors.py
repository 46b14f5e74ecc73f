"""Template context every page gets."""

import datetime

from . import access
from .waiting import waiting_count


def waiting(request):
    """`waiting_count`: how many operations wait for the signed-in user, for the badge in
    the navigation. A callable, so that pages which do not show it run no query; one
    query when they do, however many operations there are."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count():
        return waiting_count(user, datetime.date.today())

    return {"waiting_count": count}


def notifications(request):
    """`unread_notifications`: the count on the bell in the navigation, lazily, like
    `waiting_count`."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count():
        return access.navigation_facts(user)["unread"]

    return {"unread_notifications": count}
