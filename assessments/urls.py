from django.urls import path

from .views import (
    audit,
    briefs,
    checklist,
    history,
    notifications,
    operations,
    reviews,
    revisions,
    site,
    transfer,
    workflow,
)

app_name = "assessments"

urlpatterns = [
    path("", operations.operation_list, name="operation_list"),
    path("operations/new/", operations.operation_create, name="operation_create"),
    path("operations/import/", transfer.assessment_import, name="assessment_import"),
    path("operations/<int:pk>/", operations.operation_detail, name="operation_detail"),
    path("operations/<int:pk>/profile/", operations.operation_edit, name="operation_edit"),
    path(
        "operations/<int:pk>/checklist/<str:section>/",
        checklist.checklist_section,
        name="checklist_section",
    ),
    path("operations/<int:pk>/verdict/", checklist.verdict_panel, name="verdict_panel"),
    path("operations/<int:pk>/history/", history.assessment_history, name="assessment_history"),
    path("operations/<int:pk>/diff/", history.assessment_diff, name="assessment_diff"),
    path("operations/<int:pk>/export/", transfer.assessment_export, name="assessment_export"),
    path("operations/<int:pk>/submit/", workflow.assessment_submit, name="assessment_submit"),
    path("operations/<int:pk>/decision/", workflow.assessment_decision, name="assessment_decision"),
    path(
        "operations/<int:pk>/after-action-review/",
        reviews.after_action_review,
        name="after_action_review",
    ),
    path(
        "operations/<int:pk>/after-action-review/decision/",
        reviews.after_action_review_decision,
        name="after_action_review_decision",
    ),
    path("operations/<int:pk>/revise/", revisions.assessment_revise, name="assessment_revise"),
    path(
        "operations/<int:pk>/not-carried-out/",
        revisions.assessment_not_carried_out,
        name="assessment_not_carried_out",
    ),
    path("waiting/", workflow.waiting, name="waiting"),
    path("operations/<int:pk>/briefs/", briefs.operation_briefs, name="operation_briefs"),
    path("operations/<int:pk>/briefs/status/", briefs.brief_status, name="brief_status"),
    path("operations/<int:pk>/briefs/request/", briefs.brief_request, name="brief_request"),
    path(
        "operations/<int:pk>/briefs/preview/<str:variant>/",
        briefs.brief_preview,
        name="brief_preview",
    ),
    path("briefs/<int:pk>/", briefs.brief_detail, name="brief_detail"),
    path("briefs/<int:pk>/download/", briefs.brief_download, name="brief_download"),
    path("briefs/<int:pk>/acknowledge/", briefs.brief_acknowledge, name="brief_acknowledge"),
    path("briefs/shared/", briefs.shared_briefs, name="shared_briefs"),
    path("briefs/verify/", briefs.brief_verify, name="brief_verify"),
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/<int:pk>/", notifications.notification_open, name="notification_open"),
    path("notifications/read/", notifications.notifications_read, name="notifications_read"),
    path("audit/", audit.audit_list, name="audit_list"),
    path("audit/export.csv", audit.audit_export, name="audit_export"),
    path("healthz/", site.healthz, name="healthz"),
    path("favicon.ico", site.favicon, name="favicon"),
]
