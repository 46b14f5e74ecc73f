"""Restricted fields are encrypted at rest: the database, and a dump of it, never hold them
in clear; keys rotate with `rotate_encryption_key`; a missing key is a clear error."""

import datetime
import importlib
import io
import os
import re
import shutil
import subprocess
from base64 import b32encode

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments import checklist, services
from assessments.fields import (
    EncryptedJSONField,
    EncryptedTextField,
    UndecryptableValue,
    plaintext_encrypt,
)
from assessments.models import AssessmentVersion, Operation
from tests.builders import best_assessment
from tests.conftest import PASSWORD
from tests.two_factor import totp_token
from tests.workflow_builders import REVIEW, edit, review_signed_off, seen

INFORMANT = "Informant NIGHTJAR, cousin of the guard"
# One distinctive string per restricted field (see the `operation` fixture).
# A planned date to come, as a plan is given one; its review opens the day after.
FUTURE = datetime.date.today() + datetime.timedelta(days=30)
RESTRICTED = {
    "target_name": "Golden Thread Garments",
    "target_address": "14 Riverside Road",
    "suspect_roles": "employer",
    "suspect_details": "Owner known as Mr K.",
}


@pytest.fixture
def informed(operation, planner):
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers={"informant_details": INFORMANT},
    )
    return operation


def _raw(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [str(value) for row in cursor.fetchall() for value in row]


def _stored_operation_values():
    columns = ", ".join(RESTRICTED)
    return _raw(f"SELECT {columns} FROM assessments_operation")


def _stored_contents():
    return _raw("SELECT content FROM assessments_assessmentversion")


def test_every_field_the_ngo_brief_does_not_show_is_encrypted():
    """The checklist records' disclosure is the one declaration: a profile field the NGO
    brief does not show has an encrypted column; every answer lives in the encrypted
    content of its version."""
    encrypted = (EncryptedTextField, EncryptedJSONField)
    for key, item in checklist.PROFILE_FIELDS.items():
        field = Operation._meta.get_field(key)
        assert isinstance(field, encrypted) == (item.disclosure.ngo_brief == "no"), key
    assert set(RESTRICTED) == set(checklist.RESTRICTED_PROFILE_FIELDS)
    assert isinstance(AssessmentVersion._meta.get_field("content"), EncryptedJSONField)


def test_it_stores_no_restricted_field_in_clear(informed):
    stored = _stored_operation_values()
    assert len(stored) == len(RESTRICTED)
    for value in stored:
        assert value.startswith("gAAAA")  # a Fernet token
        for text in RESTRICTED.values():
            assert text not in value
    contents = _stored_contents()
    assert len(contents) == 2
    for content in contents:
        assert INFORMANT not in content and "NIGHTJAR" not in content
        assert "Golden Thread" not in content and "informant_details" not in content


def test_it_reads_the_fields_back_transparently(informed):
    operation = Operation.objects.get(pk=informed.pk)
    assert operation.target_name == "Golden Thread Garments"
    assert operation.suspect_roles == ["employer", "guard"]
    assert operation.profile()["target_address"] == "14 Riverside Road, Sample District"
    content = services.current_version(operation=operation).content
    assert content["answers"]["informant_details"] == INFORMANT


def test_it_encrypts_the_same_value_differently_each_time(planner, task_force):
    for codename in ("ONE", "TWO"):
        services.operation_create(
            task_force=task_force,
            user=planner,
            profile={"codename": codename, "target_name": "Same Name"},
        )
    first, second = _raw("SELECT target_name FROM assessments_operation")
    assert first != second


def test_it_refuses_to_filter_on_an_encrypted_field(informed):
    with pytest.raises(FieldError, match="encrypted"):
        list(Operation.objects.filter(target_name="Golden Thread Garments"))
    with pytest.raises(FieldError, match="encrypted"):
        list(AssessmentVersion.objects.filter(content__answers__informant_details="x"))


def test_it_names_the_setting_when_the_key_is_wrong(informed, settings):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(UndecryptableValue, match="FIELD_ENCRYPTION_KEYS") as refused:
        Operation.objects.get(pk=informed.pk)
    assert "gAAAA" not in str(refused.value)


def test_it_rotates_every_value_to_the_newest_key(informed, settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    before = _stored_operation_values() + _stored_contents()

    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    out = io.StringIO()
    call_command("rotate_encryption_key", "--batch-size", "1", stdout=out)
    assert "assessments.Operation: 4 value(s) re-encrypted, 0 already" in out.getvalue()
    assert "assessments.AssessmentVersion: 2 value(s) re-encrypted" in out.getvalue()
    assert "Brief files: 0 re-encrypted, 0 already" in out.getvalue()
    after = _stored_operation_values() + _stored_contents()
    assert not set(before) & set(after)

    # Idempotent: a second run finds nothing left to do.
    again = io.StringIO()
    call_command("rotate_encryption_key", stdout=again)
    assert "assessments.Operation: 0 value(s) re-encrypted, 4 already" in again.getvalue()

    # The old key can go: everything reads with the new one alone.
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    operation = Operation.objects.get(pk=informed.pk)
    assert operation.suspect_details == "Owner known as Mr K.; two guards at the gate."
    versions = AssessmentVersion.objects.order_by("number")
    assert versions[1].content["answers"]["informant_details"] == INFORMANT


def _need_pg_dump():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run this test on PostgreSQL (DATABASE_URL)")
        pytest.skip("the dump test needs PostgreSQL (set DATABASE_URL)")
    if shutil.which("pg_dump") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pg_dump is missing: run bin/install-system-packages")
        pytest.skip("pg_dump is missing: run bin/install-system-packages")


def _pg_dump():
    """The whole test database, as an attacker with a backup sees it."""
    pg_dump = shutil.which("pg_dump")
    database = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    dump = subprocess.run(
        [
            pg_dump,
            "--host", database.get("HOST") or "127.0.0.1",
            "--port", str(database.get("PORT") or 5432),
            "--username", database.get("USER") or "postgres",
            "--no-password",
            database["NAME"],
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert dump.returncode == 0, dump.stderr
    return dump.stdout


@pytest.mark.django_db(transaction=True)
def test_a_database_dump_shows_no_restricted_text(planner, supervisor, task_force):
    """pg_dump of the test database: the whole of it, as an attacker with a backup sees it.
    The workflow's free text (a return's comments, an approval's rationale and conditions,
    the review's lessons) may name an informant too."""
    _need_pg_dump()
    operation = services.operation_create(
        task_force=task_force,
        user=planner,
        profile={
            "codename": "KESTREL",
            "target_name": "Golden Thread Garments",
            "target_address": "14 Riverside Road, Sample District",
            "suspect_roles": ["employer"],
            "suspect_details": "Owner known as Mr K.",
        },
    )
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers={**best_assessment()["answers"], "informant_details": INFORMANT},
        profile={
            "planned_date": FUTURE.isoformat(),
            "site_type": "factory",
            "exploitation_type": "labour",
        },
    )
    services.assessment_submit(operation=operation, user=planner)
    services.assessment_return(
        operation=operation, user=supervisor, **seen(operation), comments="Ask NIGHTJAR again."
    )
    edit(operation, planner, leak_mitigations="NIGHTJAR asked again.")
    services.assessment_submit(operation=operation, user=planner)
    services.assessment_approve(
        operation=operation,
        user=supervisor,
        **seen(operation),
        rationale="NIGHTJAR confirmed it twice.",
        conditions=["Keep NIGHTJAR away from the site."],
    )
    services.after_action_reviews_open(today=FUTURE + datetime.timedelta(days=1))
    review_signed_off(
        operation,
        planner,
        supervisor,
        {**REVIEW, "lessons": "NIGHTJAR was right about the back door."},
    )
    assert operation.assessment.status_changes.count() >= 4
    dump = _pg_dump()
    assert "KESTREL" in dump  # the dump holds the operation...
    for text in [*RESTRICTED.values(), "NIGHTJAR"]:
        assert text not in dump  # ...but none of its restricted details


@pytest.mark.django_db(transaction=True)
def test_a_database_dump_gives_no_second_factor_away(client, supervisor):
    """The TOTP secret (hex, and base32 as the app shows it) and the recovery codes."""
    _need_pg_dump()
    client.force_login(supervisor)
    response = client.post(
        reverse("recovery_codes_create"),
        {"codes-password": PASSWORD, "codes-token": totp_token(supervisor)},
    )
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(codes) == 10
    device = TOTPDevice.objects.get(user=supervisor)
    dump = _pg_dump()
    assert "otp_totp_totpdevice" in dump and "otp_static_statictoken" in dump
    for secret in (device.key, b32encode(device.bin_key).decode(), *codes):
        assert secret not in dump and secret.upper() not in dump


def test_totp_secrets_are_encrypted_and_rotated_with_the_field_keys(supervisor, settings):
    key = TOTPDevice.objects.get(user=supervisor).key
    (stored,) = _raw("SELECT key FROM otp_totp_totpdevice")
    assert stored.startswith("gAAAA") and key not in stored
    with pytest.raises(FieldError, match="encrypted"):
        TOTPDevice.objects.filter(key=key).exists()
    settings.FIELD_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    out = io.StringIO()
    call_command("rotate_encryption_key", stdout=out)
    assert "otp_totp.TOTPDevice: 1 value(s) re-encrypted" in out.getvalue()
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]
    assert TOTPDevice.objects.get(user=supervisor).key == key


def test_the_migration_protects_existing_second_factors_without_a_new_enrolment(client, supervisor):
    """As before 0008: the secret in clear, the codes as typed. After it, both still work."""
    device = TOTPDevice.objects.get(user=supervisor)
    recovery = StaticDevice.objects.create(user=supervisor, name="recovery codes")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE otp_totp_totpdevice SET key = %s", [device.key])
        cursor.execute(
            "INSERT INTO otp_static_statictoken (device_id, token) VALUES (%s, %s), (%s, %s)",
            [recovery.pk, "abcd2345", recovery.pk, "wxyz6789"],
        )
    protect = importlib.import_module("assessments.migrations.0008_second_factors_at_rest")
    for _ in range(2):  # safe to run again
        protect.protect_existing(None, connection.schema_editor())
    stored = _raw("SELECT key FROM otp_totp_totpdevice") + _raw(
        "SELECT token FROM otp_static_statictoken"
    )
    assert stored[0].startswith("gAAAA")
    assert not {device.key, "abcd2345", "wxyz6789"} & set(stored)
    login = client.post(reverse("login"), {"username": "sita", "password": PASSWORD})
    assert login.status_code == 302
    verify = reverse("two_factor_verify")
    assert client.post(verify, {"token": "abcd2345"}).status_code == 302
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "sita", "password": PASSWORD})
    assert client.post(verify, {"token": totp_token(supervisor)}).status_code == 302


def test_the_migration_helper_encrypts_what_is_still_in_clear(informed):
    # As before the migration: clear text (JSON text for the content) in the columns.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assessments_operation SET target_name = %s, suspect_roles = %s",
            ["Golden Thread Garments", '["employer"]'],
        )
        cursor.execute(
            "UPDATE assessments_assessmentversion SET content = %s WHERE number = 1",
            ['{"answers": {"informant_details": "NIGHTJAR"}}'],
        )
    columns = ["target_name", "target_address", "suspect_roles", "suspect_details"]
    count = plaintext_encrypt(
        connection=connection, table="assessments_operation", columns=columns, batch_size=1
    )
    assert count == 2  # only the two in clear; the others were tokens already
    assert (
        plaintext_encrypt(
            connection=connection, table="assessments_assessmentversion", columns=["content"]
        )
        == 1
    )
    assert not any("Golden" in value for value in _stored_operation_values())
    operation = Operation.objects.get(pk=informed.pk)
    assert (operation.target_name, operation.suspect_roles) == (
        "Golden Thread Garments",
        ["employer"],
    )
    version = AssessmentVersion.objects.get(number=1)
    assert version.content == {"answers": {"informant_details": "NIGHTJAR"}}
    assert (
        plaintext_encrypt(connection=connection, table="assessments_operation", columns=columns)
        == 0
    )
