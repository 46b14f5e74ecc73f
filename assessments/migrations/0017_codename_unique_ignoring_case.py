"""The database refuses two codenames of one task force that differ only in case (0016
renamed those that did)."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("assessments", "0016_codenames_unique_ignoring_case")]

    operations = [
        migrations.RemoveConstraint(model_name="operation", name="codename_unique_in_task_force"),
        migrations.AddConstraint(
            model_name="operation",
            constraint=models.UniqueConstraint(
                models.F("task_force"),
                django.db.models.functions.text.Lower("codename"),
                name="codename_unique_in_task_force_ignoring_case",
                violation_error_message=(
                    "Another operation of this task force has this codename (ignoring case)."
                ),
            ),
        ),
    ]
