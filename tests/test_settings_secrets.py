"""Production refuses to start without its keys: the field encryption keys and the
signing key's passphrase (SECRET_KEY: test_settings.py). DEBUG makes a development
field key once, under var/, which production refuses."""

from cryptography.fernet import Fernet

from tests.test_settings import (
    BASE_DIR,
    GOOD_KEY,
    PRODUCTION_SECRETS,
    assert_refuses,
    run,
    settings_of,
)

DEVELOPMENT_FIELD_KEY = BASE_DIR / "var" / "field_encryption.key"


def _production(**changes):
    environment = {"DEBUG": "false", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "example.org"}
    environment.update(PRODUCTION_SECRETS)
    environment.update(changes)
    return {name: value for name, value in environment.items() if value is not None}


def test_it_refuses_to_start_without_field_encryption_keys():
    assert_refuses(run(**_production(FIELD_ENCRYPTION_KEYS=None)), "FIELD_ENCRYPTION_KEYS")


def test_it_refuses_a_field_key_that_is_not_a_fernet_key_without_echoing_it():
    result = run(**_production(FIELD_ENCRYPTION_KEYS="not-a-key-hunter2"))
    assert_refuses(result, "FIELD_ENCRYPTION_KEYS", "key number 1")
    assert "hunter2" not in result.stderr


def test_it_refuses_the_development_field_key_in_production():
    settings_of(DEBUG="true")  # makes the development key if there is none yet
    development_key = DEVELOPMENT_FIELD_KEY.read_text().strip()
    keys = f"{Fernet.generate_key().decode()},{development_key}"
    result = run(**_production(FIELD_ENCRYPTION_KEYS=keys))
    assert_refuses(result, "FIELD_ENCRYPTION_KEYS", "development key")
    assert development_key not in result.stderr


def test_it_uses_the_development_field_key_in_debug():
    settings = settings_of(DEBUG="true")
    assert settings["FIELD_ENCRYPTION_KEYS"] == [DEVELOPMENT_FIELD_KEY.read_text().strip()]
    assert DEVELOPMENT_FIELD_KEY.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_it_reads_several_field_keys_newest_first_from_a_file(tmp_path):
    new, old = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    key_file = tmp_path / "field_keys"
    key_file.write_text(f"{new}, {old}\n")
    settings = settings_of(
        **_production(FIELD_ENCRYPTION_KEYS=None), FIELD_ENCRYPTION_KEYS_FILE=str(key_file)
    )
    assert settings["FIELD_ENCRYPTION_KEYS"] == [new, old]


def test_it_refuses_to_start_without_a_signing_key():
    assert_refuses(run(**_production(SIGNING_KEY_FILE=None)), "SIGNING_KEY_FILE")


def test_it_refuses_to_start_without_a_signing_passphrase():
    assert_refuses(run(**_production(SIGNING_KEY_PASSPHRASE=None)), "SIGNING_KEY_PASSPHRASE")


def test_it_refuses_the_development_signing_passphrase():
    result = run(
        **_production(SIGNING_KEY_PASSPHRASE=settings_of(DEBUG="true")["SIGNING_KEY_PASSPHRASE"])
    )
    assert_refuses(result, "SIGNING_KEY_PASSPHRASE", "development passphrase")
