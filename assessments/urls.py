from django.urls import path

from .views import checklist, history, operations, site, transfer

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
    path("operations/<int:pk>/export.json", transfer.assessment_export, name="assessment_export"),
    path("healthz/", site.healthz, name="healthz"),
]
