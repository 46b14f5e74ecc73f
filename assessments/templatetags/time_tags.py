"""Times as the pages show them: in the viewer's time zone (TimeZoneMiddleware), in a
form no reader takes for another day, and with the zone named beside them.

`{{ value|when }}` gives "2 Dec 2026, 14:05 UTC+7" (`|when:"seconds"`: "..., 14:05:09
UTC+7"); `{{ value|when_time }}` the time alone, "14:05:09 UTC+7". A zone with a name of
letters (UTC, WIB) is named by it.
"""

from django import template
from django.utils import dateformat, formats, timezone

register = template.Library()


def zone_label(value):
    """The zone of an aware `value` in the current time zone, for people."""
    return _zone_of(timezone.localtime(value))


def _zone_of(local):
    name = local.tzname() or ""
    if name.isalpha():
        return name
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@register.filter
def when(value, precision=""):
    """`|when`, or `|when:"seconds"` where the second counts (the audit trail)."""
    if not value:
        return ""
    local = timezone.localtime(value)
    shown = formats.date_format(local, "DATETIME_FORMAT")
    if precision == "seconds":
        shown += dateformat.format(local, ":s")
    return f"{shown} {_zone_of(local)}"


@register.filter
def when_time(value):
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{dateformat.time_format(local, 'H:i:s')} {_zone_of(local)}"
