"""The app's models, one module per part of the domain."""

from .audit import AuditEvent
from .operations import (
    Assessment,
    AssessmentVersion,
    Membership,
    Operation,
    PartnerOrganisation,
    PartnerReviewer,
    TaskForce,
)

__all__ = [
    "Assessment",
    "AssessmentVersion",
    "AuditEvent",
    "Membership",
    "Operation",
    "PartnerOrganisation",
    "PartnerReviewer",
    "TaskForce",
]
