"""The app's models, one module per part of the domain."""

from .audit import AuditEvent
from .briefs import Brief, BriefAcknowledgement
from .notifications import EmailOptOut, Notification
from .operations import (
    Assessment,
    AssessmentVersion,
    Membership,
    Operation,
    PartnerOrganisation,
    PartnerReviewer,
    TaskForce,
    VersionConversion,
)
from .workflow import AfterActionReview, Approval, StatusChange

__all__ = [
    "AfterActionReview",
    "Approval",
    "Assessment",
    "AssessmentVersion",
    "AuditEvent",
    "Brief",
    "BriefAcknowledgement",
    "EmailOptOut",
    "Membership",
    "Notification",
    "Operation",
    "PartnerOrganisation",
    "PartnerReviewer",
    "StatusChange",
    "TaskForce",
    "VersionConversion",
]
