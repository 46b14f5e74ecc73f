"""The Thai, Khmer, Vietnamese and Indonesian catalogues stay complete: every message is
translated, none fuzzy, each keeps its placeholders, and each catalogue holds exactly
the messages the code and templates mark today (a string added without its
translations, or a catalogue not made again after a change, fails here)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LANGUAGES = ["th", "km", "vi", "id"]
BASE = Path(settings.BASE_DIR)
# What makemessages reads: the code and templates users see, never tests or benchmarks.
SOURCES = ["assessments", "raidassess", "templates", "manage.py"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|\{\{ ?\w+ ?\}\}")


def _catalogue(language):
    return BASE / "locale" / language / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def made_again(tmp_path_factory):
    """The catalogues as makemessages makes them from the sources now, in a copy."""
    copy = tmp_path_factory.mktemp("sources")
    for name in SOURCES:
        source = BASE / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    shutil.copytree(BASE / "locale", copy / "locale")
    languages = [argument for language in LANGUAGES for argument in ("-l", language)]
    subprocess.run(
        [str(BASE / ".venv/bin/python"), "manage.py", "makemessages", *languages, "--no-obsolete"],
        cwd=copy,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "true", "DATABASE_URL": "sqlite:///:memory:"},
        check=True,
        capture_output=True,
    )
    return copy


def _entries(path):
    """((msgctxt, msgid, msgid_plural), msgstrs, flags) of each entry of the .po file at
    `path`, header left out, as gettext's msgcat writes it: one line per string."""
    text = subprocess.run(
        ["msgcat", "--no-wrap", "--sort-output", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    entries = []
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#:")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields = {}
        for line in lines:
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                fields[match.group(1)] = match.group(2)
        if fields.get("msgid"):
            strings = [value for key, value in fields.items() if key.startswith("msgstr")]
            key = (fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"))
            entries.append((key, strings, flags))
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    statistics = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(_catalogue(language))],
        capture_output=True,
        text=True,
    )
    assert statistics.returncode == 0, statistics.stderr
    assert "fuzzy" not in statistics.stderr and "untranslated" not in statistics.stderr, (
        statistics.stderr
    )
    for (_context, msgid, _plural), strings, flags in _entries(_catalogue(language)):
        assert "fuzzy" not in flags, msgid
        assert all(strings), msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_its_placeholders(language):
    wrong = []
    for (_context, msgid, plural), strings, _flags in _entries(_catalogue(language)):
        # One plural form says what the plural says, its count included.
        expected = set(PLACEHOLDER.findall(plural if plural else msgid))
        wrong += [msgid for string in strings if set(PLACEHOLDER.findall(string)) != expected]
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_the_messages_of_the_code_as_it_is(made_again, language):
    committed = {key for key, _strings, _flags in _entries(_catalogue(language))}
    fresh = {
        key
        for key, _strings, _flags in _entries(made_again / _catalogue(language).relative_to(BASE))
    }
    assert sorted(fresh - committed, key=str) == [], "new messages not in the catalogue"
    assert sorted(committed - fresh, key=str) == [], "messages the code no longer has"
