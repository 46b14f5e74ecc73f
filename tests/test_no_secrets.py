"""No secret is in the repository: no private key, no token, no key file, no .env.

Reads every file git would commit (tracked, or new and not ignored), as CI's fresh
clone would hold them.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_PATTERNS = {
    "a private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "an AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "a GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    "a Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    # A value of one of the app's own secrets written out: 32 characters or more, a digit
    # among them (placeholders such as choose-a-long-password have none).
    "a secret setting's value": re.compile(
        r"\b(SECRET_KEY|FIELD_ENCRYPTION_KEYS|SIGNING_KEY_PASSPHRASE|POSTGRES_PASSWORD)"
        r"\s*[=:]\s*[\"']?(?=[\w\-+/]*\d)[\w\-+/]{32,}"
    ),
}
SECRET_FILES = re.compile(r"(^|/)(\.env|[^/]*\.(p12|pfx|pem|key))$")


def _files():
    if shutil.which("git") is None or not (BASE_DIR / ".git").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs on a git checkout: without one, committed secrets go unchecked")
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=BASE_DIR,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (BASE_DIR / name).is_file()]


def test_no_key_or_environment_file_is_committed():
    assert not [name for name in _files() if SECRET_FILES.search(name)]


def test_no_file_holds_a_private_key_or_token():
    found = []
    for name in _files():
        try:
            text = (BASE_DIR / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary: fonts, images
        for what, pattern in SECRET_PATTERNS.items():
            if pattern.search(text):
                found.append(f"{name}: {what}")
    assert not found, "\n".join(found)


def test_the_patterns_find_what_they_look_for():
    # A test of the test: assembled here, so that this file holds none itself.
    header = "-----BEGIN " + "RSA PRIVATE KEY-----"
    assert SECRET_PATTERNS["a private key"].search(header)
    setting = SECRET_PATTERNS["a secret setting's value"]
    assert setting.search("FIELD_ENCRYPTION_KEYS=" + "x7" * 22 + "=")
    assert not setting.search("SECRET_KEY_FILE: /run/secrets/secret_key")
