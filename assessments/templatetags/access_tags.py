"""Which links the navigation shows: access decides, as it does for the pages."""

from django import template

from assessments import access

register = template.Library()


@register.simple_tag
def may_read_audit(user):
    return access.may_read_audit(user)


@register.simple_tag
def is_partner_reviewer(user):
    return access.is_partner_reviewer(user)


@register.simple_tag
def is_partner_only(user):
    return access.is_partner_only(user)
