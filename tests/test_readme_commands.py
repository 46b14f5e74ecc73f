"""Every `manage.py` command the README gives works as written.

The README writes development commands with `DEBUG=true`, as `make run` sets it, so that
they run on the machine where `make run` ran; the deployment's commands run with the
variables its *Real use* section exports. Each command is run here in a shell, from the
project root, in a clean environment: only the database and the stored briefs are
elsewhere (the test's own, never the developer's `db.sqlite3` and `var/media`), and the
README's placeholders (USERNAME, CODENAME, FILE, PATH, /etc/raidassess, the assessment
files) are filled in. A command
added to the README without a way to run it here fails the first test.
"""

import json
import os
import re
import secrets
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from .builders import best_assessment

README = Path(settings.BASE_DIR) / "README.md"
PASSPHRASE = "a-long-enough-passphrase-for-tests"

# How each command runs: "development" (the machine of `make run`) or "deployment" (the
# exports of *Real use*), the text to put for each placeholder, and what the command is
# given on standard input.
DEVELOPMENT, DEPLOYMENT = "development", "deployment"
RUNS = {
    "DEBUG=true .venv/bin/python manage.py demo": (DEVELOPMENT, {}, None),
    "DEBUG=true .venv/bin/python manage.py open_after_action_reviews": (DEVELOPMENT, {}, None),
    ".venv/bin/python manage.py migrate --noinput": (DEPLOYMENT, {}, None),
    ".venv/bin/python manage.py collectstatic --noinput": (DEPLOYMENT, {}, None),
    'SIGNING_KEY_PASSPHRASE="$(cat /etc/raidassess/signing_passphrase)" DEBUG=true '
    ".venv/bin/python manage.py make_signing_key --out /etc/raidassess/signing.p12": (
        DEVELOPMENT,
        {"/etc/raidassess/signing.p12": "{tmp}/docker-signing.p12"},
        None,
    ),
    "DEBUG=true .venv/bin/python manage.py make_signing_key --out PATH": (
        DEVELOPMENT,
        {"PATH": "{tmp}/asked.p12"},
        f"{PASSPHRASE}\n{PASSPHRASE}\n",
    ),
    "DEBUG=true .venv/bin/python manage.py prune_audit": (DEVELOPMENT, {}, None),
    "DEBUG=true .venv/bin/python manage.py prune_audit --dry-run": (DEVELOPMENT, {}, None),
    "DEBUG=true .venv/bin/python manage.py axes_reset_username USERNAME": (
        DEVELOPMENT,
        {"USERNAME": "planner"},
        None,
    ),
    "DEBUG=true .venv/bin/python manage.py axes_reset": (DEVELOPMENT, {}, None),
    "DEBUG=true .venv/bin/python manage.py rotate_encryption_key": (DEVELOPMENT, {}, None),
    ".venv/bin/python manage.py check --deploy --fail-level WARNING": (DEPLOYMENT, {}, None),
    "DEBUG=true .venv/bin/python manage.py score_assessment assessment.json": (
        DEVELOPMENT,
        {"assessment.json": "{tmp}/assessment.json"},
        None,
    ),
    "cat assessment.json | DEBUG=true .venv/bin/python manage.py score_assessment -": (
        DEVELOPMENT,
        {"assessment.json": "{tmp}/assessment.json"},
        None,
    ),
    'for f in plans/*.json; do DEBUG=true .venv/bin/python manage.py score_assessment "$f" > '
    '"$f.verdict"; done': (DEVELOPMENT, {"plans/": "{tmp}/plans/"}, None),
    "DEBUG=true .venv/bin/python manage.py score_assessment --scoring-version 1 assessment.json": (
        DEVELOPMENT,
        {"assessment.json": "{tmp}/assessment.json"},
        None,
    ),
    "DEBUG=true .venv/bin/python manage.py render_brief CODENAME --variant full --out FILE": (
        DEVELOPMENT,
        {"CODENAME": "SAMPAN", "FILE": "{tmp}/sampan.pdf"},
        None,
    ),
}


def readme_commands():
    """The manage.py commands of the README: each line of a code block that runs one
    (its comment left off), and each inline code span that does."""
    commands, in_block = [], False
    for line in README.read_text().splitlines():
        if line.startswith("```"):
            in_block = not in_block
        elif in_block and "manage.py" in line:
            commands.append(re.sub(r"\s+#.*$", "", line).strip())
        elif not in_block:
            commands += [
                span for span in re.findall(r"`([^`]+)`", line) if "bin/python manage.py" in span
            ]
    return commands


def _exports():
    """The variables the README's *Real use* section exports, as it writes them."""
    return dict(re.findall(r"^export ([A-Z_]+)=(\S+)", README.read_text(), re.MULTILINE))


def _run(command, env, stdin=None):
    return subprocess.run(
        ["bash", "-c", command],
        cwd=settings.BASE_DIR,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def machine(tmp_path_factory):
    """The two machines: the one where `make run` ran (migrated, with the demo loaded,
    as `make run` leaves it) and a deployment configured as *Real use* says."""
    tmp = tmp_path_factory.mktemp("readme")
    base = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    development = {
        **base,
        "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        "MEDIA_ROOT": str(tmp / "media"),
    }
    etc = tmp / "etc"
    etc.mkdir()
    (etc / "signing_passphrase").write_text(PASSPHRASE)
    (etc / "secret_key").write_text(secrets.token_urlsafe(50))
    keys = _run(
        ".venv/bin/python -c 'from cryptography.fernet import Fernet; "
        "print(Fernet.generate_key().decode())'",
        base,
    )
    (etc / "field_encryption_keys").write_text(keys.stdout)
    for command in (
        "DEBUG=true .venv/bin/python manage.py migrate --noinput",
        "DEBUG=true .venv/bin/python manage.py demo",
        f"SIGNING_KEY_PASSPHRASE={PASSPHRASE} DEBUG=true .venv/bin/python manage.py "
        f"make_signing_key --out {etc}/signing.p12",
    ):
        done = _run(command, development)
        assert done.returncode == 0, done.stderr
    exports = {
        name: value.replace("/etc/raidassess", str(etc)) for name, value in _exports().items()
    }
    deployment = {
        **base,
        **exports,
        "DATABASE_URL": f"sqlite:///{tmp}/deployment.sqlite3",
        "STATIC_ROOT": str(tmp / "static"),
    }
    for name in ("assessment.json", "plans/one.json", "plans/two.json"):
        (tmp / name).parent.mkdir(exist_ok=True)
        (tmp / name).write_text(json.dumps(best_assessment()))
    return {"tmp": tmp, DEVELOPMENT: development, DEPLOYMENT: deployment, "etc": etc}


def test_every_readme_command_is_run_here():
    assert sorted(readme_commands()) == sorted(RUNS)


def test_the_deployment_exports_what_the_settings_require():
    assert {"DEBUG", "SECRET_KEY_FILE", "ALLOWED_HOSTS", "SIGNING_KEY_FILE"} <= set(_exports())
    assert _exports()["DEBUG"] == "false"


@pytest.mark.parametrize("command", list(RUNS))
def test_the_readme_command_works_as_written(machine, command):
    kind, placeholders, stdin = RUNS[command]
    shown = command.replace(
        "/etc/raidassess/signing_passphrase", f"{machine['etc']}/signing_passphrase"
    )
    for placeholder, value in placeholders.items():
        shown = shown.replace(placeholder, value.format(tmp=machine["tmp"]))
    done = _run(shown, machine[kind], stdin)
    assert done.returncode == 0, f"{shown}\n{done.stdout}\n{done.stderr}"
    if "score_assessment" in command and "for f in" not in command:
        assert json.loads(done.stdout)["decision"] == "go"
    if "for f in" in command:
        verdicts = sorted((machine["tmp"] / "plans").glob("*.verdict"))
        assert [json.loads(path.read_text())["decision"] for path in verdicts] == ["go", "go"]
    if "render_brief" in command:
        assert (machine["tmp"] / "sampan.pdf").read_bytes().startswith(b"%PDF")
