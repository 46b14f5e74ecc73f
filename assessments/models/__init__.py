"""The app's models, one module per part of the domain."""

from .audit import AuditEvent
from .briefs import Brief
from .operations import (
    Assessment,
    AssessmentVersion,
    Membership,
    Operation,
    PartnerOrganisation,
    PartnerReviewer,
    TaskForce,
)
from .workflow import AfterActionReview, Approval, StatusChange

__all__ = [
    "AfterActionReview",
    "Approval",
    "Assessment",
    "AssessmentVersion",
    "AuditEvent",
    "Brief",
    "Membership",
    "Operation",
    "PartnerOrganisation",
    "PartnerReviewer",
    "StatusChange",
    "TaskForce",
]
