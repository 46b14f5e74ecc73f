"""PAdES signatures: valid for pyHanko and for poppler's pdfsig, broken by any change."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from assessments import signing
from assessments.pdf import pdf_render
from tests.briefs_support import poppler

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def signed():
    pdf = pdf_render(
        "briefs/ngo.html",
        {
            "title": "Test",
            "codename": "KESTREL",
            "version_number": 1,
            "content_hash": "0" * 64,
            "week": "Week 1",
            "persons": [],
            "care": [],
            "organisation": "Safe Harbour",
            "contact_point": "+66",
            "approvals": [],
        },
    )
    return signing.pdf_sign(
        pdf, title="KESTREL v1", approvers="Approved by sita (Supervisor)", reason="test"
    )


def test_it_signs_a_pdf_that_pyhanko_finds_valid_trusted_and_whole(signed):
    validation = signing.pdf_validate(signed)
    assert validation.ok
    assert validation.intact and validation.valid and validation.trusted
    assert validation.whole_document
    # The holder's name alone: no "Common Name:" before it.
    assert validation.signer_name == signing.signer().signing_cert.subject.native["common_name"]
    assert validation.signed_digest == signing.signed_digest(signed)


def test_it_signs_a_pdf_that_pdfsig_finds_valid_and_covering_the_whole_document(signed):
    report = poppler("pdfsig", signed)
    assert "Signature is Valid." in report
    assert "Total document signed" in report


def test_it_shows_a_stamp_naming_the_approvers(signed):
    # The stamp is the signature field's appearance; poppler extracts its text.
    assert "sita (Supervisor)" in poppler("pdftotext", signed)


def test_it_finds_a_changed_byte(signed):
    # A byte of the signed content (not of the signature value itself).
    position = signed.index(b"/Title") + 1
    tampered = signed[:position] + bytes([signed[position] ^ 0x01]) + signed[position + 1 :]
    validation = signing.pdf_validate(tampered)
    assert not validation.ok
    assert not (validation.intact and validation.valid)
    assert "Signature is Valid." not in poppler("pdfsig", tampered)
    # Our signature, still valid over what it signed, names the file as it was signed.
    assert validation.signed_digest == signing.signed_digest(signed)


def test_it_names_no_signed_file_for_a_signature_of_another_key(signed, tmp_path, settings):
    settings.SIGNING_KEY_FILE = str(tmp_path / "other.p12")
    settings.SIGNING_KEY_PASSPHRASE = "another passphrase"
    signing.key_create(settings.SIGNING_KEY_FILE, passphrase="another passphrase")
    signing.signer.cache_clear()
    try:
        validation = signing.pdf_validate(signed)
    finally:
        signing.signer.cache_clear()
    assert not validation.trusted and not validation.ok
    assert validation.signed_digest == ""


def test_it_finds_a_document_extended_after_signing(signed):
    validation = signing.pdf_validate(signed + b"\n% appended\n")
    assert not validation.ok


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"not a pdf at all", "unreadable"), (b"%PDF-1.7\n%%EOF\n", "unreadable")],
)
def test_it_reports_garbage_as_unreadable(data, problem):
    assert signing.pdf_validate(data).problem == problem


def test_it_reports_an_unsigned_pdf():
    pdf = pdf_render(
        "briefs/ngo.html",
        {"title": "x", "codename": "K", "version_number": 1, "persons": [], "care": []},
    )
    assert signing.pdf_validate(pdf).problem == "unsigned"


def test_make_signing_key_writes_a_key_that_signs_outside_the_repository(tmp_path, settings):
    path = tmp_path / "organisation.p12"
    call_command("make_signing_key", "--out", str(path), "--passphrase", "long enough phrase")
    assert path.stat().st_mode & 0o077 == 0
    settings.SIGNING_KEY_FILE = str(path)
    settings.SIGNING_KEY_PASSPHRASE = "long enough phrase"
    settings.SIGNING_KEY_DEVELOPMENT = False
    signing.signer.cache_clear()
    try:
        assert signing.signer().signing_cert.subject.human_friendly.endswith("signing key")
    finally:
        signing.signer.cache_clear()


def test_make_signing_key_refuses_to_write_inside_the_repository():
    with pytest.raises(CommandError, match="outside the repository"):
        call_command(
            "make_signing_key", "--out", str(BASE_DIR / "key.p12"), "--passphrase", "x" * 12
        )
    assert not (BASE_DIR / "key.p12").exists()


def test_make_signing_key_refuses_an_existing_file_and_a_short_passphrase(tmp_path):
    existing = tmp_path / "taken.p12"
    existing.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="exists"):
        call_command("make_signing_key", "--out", str(existing), "--passphrase", "x" * 12)
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(CommandError, match="passphrase"):
        call_command("make_signing_key", "--out", str(tmp_path / "new.p12"), "--passphrase", "x")


def test_make_signing_key_exits_2_on_bad_input(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "make_signing_key", "--out", str(BASE_DIR / "x.p12")],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        env={"DEBUG": "true", "PATH": "/usr/bin:/bin", "SIGNING_KEY_PASSPHRASE": "x" * 12},
        check=False,
    )
    assert result.returncode == 2
    assert "outside the repository" in result.stderr


def test_the_stamp_shapes_each_script_on_its_own():
    # HarfBuzz shapes a line as one script: a Khmer name on a Latin line would lose its
    # subscript consonants, so the stamp's font shapes each run apart.
    assert signing.script_runs("Approved by ស្រីមុំ (Commander), สมชาย") == [
        "Approved by ",
        "ស្រីមុំ (",
        "Commander), ",
        "สมชาย",
    ]


def test_the_stamp_font_is_embedded_and_prints_every_script(signed):
    fonts = poppler("pdffonts", signed).splitlines()[2:]
    assert all(line.split()[-5] == "yes" for line in fonts), fonts
    pdf = pdf_render("briefs/_rows.html", {"rows": []})
    names = "Approved by Nguyễn Thị Hoa (Supervisor), ស្រីមុំ (Commander), สมชาย (Commander)"
    stamped = signing.pdf_sign(pdf, title="KESTREL v1", approvers=names, reason="test")
    assert names in poppler("pdftotext", stamped)
    assert signing.pdf_validate(stamped).ok
