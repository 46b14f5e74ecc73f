"""Whether the navigation shows the audit trail link."""

from django import template

from assessments import access

register = template.Library()


@register.simple_tag
def may_read_audit(user):
    return access.may_read_audit(user)
