"""`python manage.py render_brief CODENAME --variant full|ngo --out FILE`.

Renders and signs one brief of the approved version of an operation (the one that holds
all its approvals, with the receiving organisation it names) synchronously, without a
worker, for scripting and for checking a layout. The file is not recorded as a brief, so the
verify page reports it as not issued by this deployment. Bad input: a message on
standard error and exit status 2.
"""

from django.core.management.base import BaseCommand, CommandError

from assessments import services
from assessments.models import Brief, Operation


def _refuse(message):
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Render and sign the full or NGO brief of an approved operation into a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("codename")
        parser.add_argument("--variant", choices=Brief.Variant.values, default="full")
        parser.add_argument("--out", required=True, help="the PDF file to write")
        parser.add_argument(
            "--task-force", help="the task force's name, when several use the codename"
        )

    def handle(self, *args, codename, variant, out, task_force, **options):
        operations = Operation.objects.filter(codename=codename).select_related(
            "task_force", "assessment"
        )
        if task_force:
            operations = operations.filter(task_force__name=task_force)
        operations = list(operations)
        if not operations:
            raise _refuse(
                f"CODENAME: no operation {codename!r}"
                + (f" in task force {task_force!r}." if task_force else ".")
            )
        if len(operations) > 1:
            names = ", ".join(sorted(operation.task_force.name for operation in operations))
            raise _refuse(f"CODENAME: {codename!r} is used by {names}: add --task-force NAME.")
        operation = operations[0]
        version = services.approved_version(operation=operation)
        if version is None:
            raise _refuse(
                f"CODENAME: {codename} has no approved version (it is "
                f"{operation.assessment.get_status_display()}): only a version that holds "
                "all its approvals is signed."
            )
        try:
            data = services.brief_document(version=version, variant=variant)
        except services.Refused as refusal:
            raise _refuse(f"CODENAME: {refusal.reason}") from None
        try:
            with open(out, "wb") as pdf:
                pdf.write(data)
        except OSError as error:
            raise _refuse(f"--out: cannot write {out} ({error.strerror}).") from None
        self.stdout.write(
            f"{variant} brief of {codename}, approved version {version.number}, "
            f"written to {out} ({len(data)} bytes)."
        )
