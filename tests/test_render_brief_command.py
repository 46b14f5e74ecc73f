"""`manage.py render_brief`: a signed brief on disk, or exit status 2 with a reason."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from assessments import services, signing
from tests.briefs_support import approve, poppler


def test_it_writes_a_signed_brief(approved_operation, tmp_path):
    out = tmp_path / "kestrel-ngo.pdf"
    call_command("render_brief", "KESTREL", "--variant", "ngo", "--out", str(out))
    data = out.read_bytes()
    assert signing.pdf_validate(data).ok
    assert "Week 51 of 2026" in poppler("pdftotext", data)


def test_it_asks_for_the_task_force_when_the_codename_is_ambiguous(
    approved_operation, other_task_force, other_planner, tmp_path
):
    services.operation_create(
        task_force=other_task_force, user=other_planner, profile={"codename": "KESTREL"}
    )
    with pytest.raises(CommandError, match="add --task-force") as refused:
        call_command("render_brief", "KESTREL", "--out", str(tmp_path / "x.pdf"))
    assert refused.value.returncode == 2
    call_command(
        "render_brief",
        "KESTREL",
        "--task-force",
        "Mekong task force",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["NOSUCH"], "no operation 'NOSUCH'"),
        (["KESTREL", "--task-force", "Nobody"], "in task force 'Nobody'"),
        (["KESTREL", "--out", "/nonexistent/dir/x.pdf"], "cannot write"),
    ],
)
def test_it_refuses_bad_input_with_exit_status_2(approved_operation, tmp_path, arguments, message):
    if "--out" not in arguments:
        arguments = [*arguments, "--out", str(tmp_path / "x.pdf")]
    with pytest.raises(CommandError, match=message) as refused:
        call_command("render_brief", *arguments)
    assert refused.value.returncode == 2


def test_it_signs_no_plan_that_is_not_approved(operation, tmp_path):
    with pytest.raises(CommandError, match="has no approved version"):
        call_command("render_brief", "KESTREL", "--out", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_it_refuses_an_ngo_brief_without_a_receiving_organisation(
    operation, planner, supervisor, tmp_path
):
    approve(operation, planner=planner, supervisor=supervisor)
    with pytest.raises(CommandError, match="names no receiving organisation"):
        call_command(
            "render_brief", "KESTREL", "--variant", "ngo", "--out", str(tmp_path / "x.pdf")
        )
