"""`python manage.py make_signing_key --out PATH`: a self-signed signing key for testing.

Writes an ECDSA P-256 key and a self-signed certificate as a passphrase-protected
PKCS#12 file, for SIGNING_KEY_FILE. A real deployment uses a certificate its
organisation issues; either way the key never lives in the repository.
"""

import getpass
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessments import signing

MIN_PASSPHRASE = 12


def _refuse(message):
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Create a self-signed ECDSA P-256 signing key and certificate (PKCS#12)."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Where to write the .p12 file.")
        parser.add_argument(
            "--passphrase",
            help="The file's passphrase (default: SIGNING_KEY_PASSPHRASE, else asked).",
        )
        parser.add_argument(
            "--common-name", default="RaidAssess self-signed signing key", help="Subject CN."
        )

    def handle(self, *args, out, passphrase, common_name, **options):
        path = Path(out).expanduser().resolve()
        if path.is_relative_to(settings.BASE_DIR.resolve()):
            raise _refuse(
                f"--out: {path} is inside the repository; keep the key outside the repository "
                "(for example in /etc/raidassess/ or a secrets store)."
            )
        if path.exists():
            raise _refuse(f"--out: {path} exists already; it is not overwritten.")
        if not path.parent.is_dir():
            raise _refuse(f"--out: the directory {path.parent} does not exist.")
        passphrase = passphrase or os.environ.get("SIGNING_KEY_PASSPHRASE") or self._ask()
        if len(passphrase) < MIN_PASSPHRASE:
            raise _refuse(f"The passphrase must have at least {MIN_PASSPHRASE} characters.")
        signing.key_create(path, passphrase=passphrase, common_name=common_name)
        self.stdout.write(f"Signing key written to {path}. Set SIGNING_KEY_FILE={path}.")

    def _ask(self):
        try:
            first = getpass.getpass("Passphrase: ")
            second = getpass.getpass("Passphrase again: ")
        except (EOFError, KeyboardInterrupt):
            raise _refuse("No passphrase given.") from None
        if first != second:
            raise _refuse("The passphrases differ.")
        return first
