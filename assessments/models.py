"""Task forces, memberships, operations, assessments and their versions, approvals,
briefs and audit events (see design.md). None yet: the checklist and scoring come first.
"""
