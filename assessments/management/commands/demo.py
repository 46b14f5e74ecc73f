"""Load the demo: two task forces, a partner NGO, one user per role, ten operations.

Safe to run again: everything is looked up by name, username or codename first, and
what exists is left as it is (a password someone changed is not reset). Planned dates
are set from the day it runs, so that the workflow it leaves (an approval for next
week, an after-action review due) holds on any day.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessments import demo_data, services
from assessments.models import (
    Membership,
    Operation,
    PartnerOrganisation,
    PartnerReviewer,
    TaskForce,
)


class Command(BaseCommand):
    help = "Create demo task forces, users and operations (local use only; idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # The demo passwords are published in the README: never on a real server.
            raise CommandError("The demo has published passwords: run it only with DEBUG=true.")
        with transaction.atomic():
            task_forces = {
                name: TaskForce.objects.get_or_create(
                    name=name, defaults={"time_zone": demo_data.TIME_ZONES[name]}
                )[0]
                for name in demo_data.TASK_FORCES
            }
            partner, _created = PartnerOrganisation.objects.get_or_create(
                name=demo_data.PARTNER["name"],
                defaults={"contact_point": demo_data.PARTNER["contact_point"]},
            )
            users = {
                username: self._user(username, role, task_forces.get(task_force), partner, password)
                for username, role, task_force, password in demo_data.USERS
            }
            today = datetime.date.today()
            created = [
                operation["profile"]["codename"]
                for operation in demo_data.OPERATIONS
                if self._operation(operation, task_forces, users, partner, today)
            ]
        self.stdout.write(
            f"Demo operations created: {', '.join(created)}."
            if created
            else "Demo data already loaded: nothing changed."
        )
        self.stdout.write("\nDemo accounts, FOR LOCAL USE ONLY (sign in at /accounts/login/):")
        for username, role, task_force, password in demo_data.USERS:
            what = {
                "reviewer": f"NGO reviewer of {demo_data.PARTNER['name']}",
                "admin": "administrator (superuser, in no task force)",
            }.get(role, f"{role} of {task_force}")
            self.stdout.write(f"  {username:<11} {password:<22} {what}")

    def _user(self, username, role, task_force, partner, password):
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            # example.org never delivers mail: the console backend shows what would go.
            email = f"{username}@example.org"
            if role == "admin":
                user = user_model.objects.create_superuser(username, email, password)
            else:
                user = user_model.objects.create_user(username, email, password)
        if task_force is not None:
            Membership.objects.get_or_create(
                user=user, task_force=task_force, defaults={"role": role}
            )
        elif role == "reviewer":
            PartnerReviewer.objects.get_or_create(user=user, organisation=partner)
        return user

    def _operation(self, operation, task_forces, users, partner, today):
        """Create one demo operation with its later saves; False if it exists already."""
        task_force = task_forces[operation["task_force"]]
        codename = operation["profile"]["codename"]
        if Operation.objects.filter(task_force=task_force, codename=codename).exists():
            return False
        answers = operation["answers"]
        days = operation["planned_in_days"]
        planned = None if days is None else (today + datetime.timedelta(days=days)).isoformat()
        # The partner receives the people found: approval shares the NGO brief with it.
        created = services.operation_create(
            task_force=task_force,
            user=users[operation["by"]],
            profile={
                **operation["profile"],
                "planned_date": planned,
                "receiving_organisation": partner.name,
            },
            answers=None if answers is None else {**demo_data.SMART_PLAN, **answers},
        )
        for revision in operation["revisions"]:
            created.assessment.refresh_from_db()
            services.assessment_save(
                operation=created,
                user=users[operation["by"]],
                base_version=created.assessment.version_number,
                answers=revision,
            )
        if operation.get("workflow"):
            self._workflow(created, operation, users[operation["by"]], users)
        return True

    def _workflow(self, operation, demo, planner, users):
        """Take a new demo operation as far as its workflow step (`demo`, its demo data);
        the planned date decides the rest."""
        step = demo["workflow"]
        services.assessment_submit(operation=operation, user=planner)
        version = services.current_version(operation=operation)
        seen = {"version": version.number, "content_hash": version.content_hash}
        if step == "returned":
            services.assessment_return(
                operation=operation,
                user=users["supervisor"],
                comments=demo_data.RETURN_COMMENTS,
                **seen,
            )
        elif step == "approved":
            approvers = ("supervisor", "commander")[: version.verdict["approvals_required"]]
            for approver in approvers:
                services.assessment_approve(
                    operation=operation,
                    user=users[approver],
                    rationale=demo_data.APPROVAL_RATIONALE,
                    conditions=demo.get("approval_conditions", ()),
                    **seen,
                )
            services.after_action_reviews_open()
