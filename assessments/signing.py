"""PAdES signatures on briefs (pyHanko), and their validation.

The organisation's key is a PKCS#12 file named by SIGNING_KEY_FILE, its passphrase in
SIGNING_KEY_PASSPHRASE (or _FILE). With DEBUG on and no key configured, the settings
name a development key under var/ (git-ignored), created here on first use. The signer
is loaded once per process: reading and decrypting the PKCS#12 costs far more than an
ECDSA signature.

Validation trusts exactly one certificate, this deployment's: a brief signed by anyone
else is reported as not issued here, whatever its chain.
"""

import datetime
import functools
import os
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

SIGNATURE_FIELD = "RaidAssessSignature"
# The stamp sits in the first page's tall bottom margin (see templates/briefs/brief.css):
# x1, y1, x2, y2 in PDF points from the bottom left of an A4 page.
STAMP_BOX = (150, 40, 445, 118)


def key_create(path, *, passphrase, common_name="RaidAssess development signing key"):
    """Write a self-signed ECDSA P-256 key and certificate as PKCS#12 to `path`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=3 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        name=common_name.encode(),
        key=key,
        cert=certificate,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created readable by the owner only, before a byte of the key is in it.
    with open(path, "xb", opener=lambda name, flags: os.open(name, flags, 0o600)) as out:
        out.write(data)


def _key_location():
    if not settings.SIGNING_KEY_FILE:
        raise ImproperlyConfigured(
            "SIGNING_KEY_FILE (a PKCS#12 file) is required when DEBUG is off; "
            "`python manage.py make_signing_key --out PATH` makes a self-signed one."
        )
    path = Path(settings.SIGNING_KEY_FILE)
    if settings.SIGNING_KEY_DEVELOPMENT and not path.exists():
        try:
            key_create(path, passphrase=settings.SIGNING_KEY_PASSPHRASE)
        except FileExistsError:  # another process created it a moment ago
            pass
    return path, settings.SIGNING_KEY_PASSPHRASE


@functools.cache
def signer():
    """The organisation's signer, loaded once per process."""
    path, passphrase = _key_location()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImproperlyConfigured(
            f"SIGNING_KEY_FILE cannot be read ({error.__class__.__name__})."
        ) from None
    try:
        return signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=None, passphrase=passphrase.encode() if passphrase else None
        )
    except ValueError:
        raise ImproperlyConfigured(
            "SIGNING_KEY_FILE is not a PKCS#12 file that SIGNING_KEY_PASSPHRASE opens."
        ) from None


# The stamp's standard PDF font covers Latin-1 only; the names in every script are in
# the brief's own text, set in a full font by WeasyPrint.
STAMP_STYLE = TextStampStyle(
    stamp_text="%(title)s\n%(approvers)s\n%(ts)s",
    text_box_style=TextBoxStyle(font_size=7),
    border_width=1,
)


def _latin1(text):
    return text.encode("latin-1", "replace").decode("latin-1")


def pdf_sign(pdf, *, title, approvers, reason):
    """`pdf` (bytes) signed with a visible stamp naming `approvers`; returns bytes."""
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
    )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=signer(),
        stamp_style=STAMP_STYLE,
        new_field_spec=fields.SigFieldSpec(SIGNATURE_FIELD, on_page=0, box=STAMP_BOX),
    )
    output = pdf_signer.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(pdf)),
        appearance_text_params={"title": _latin1(title), "approvers": _latin1(approvers)},
        # An ECDSA signature with its certificate fits easily; no dummy signature to size it.
        bytes_reserved=8192,
    )
    return output.getvalue()


@dataclass
class Validation:
    """What a PDF's signature says. `problem` is set when there is no usable signature.

    `signer_name` is the name the certificate gives its holder (its common name), not
    the certificate's whole subject. `signed_digest` is set when this deployment's key
    made the signature, even if the file changed since: the SHA-256 the signature
    covers, which names the file that was signed (Brief.signed_digest)."""

    problem: str = ""
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    whole_document: bool = False
    signer_name: str = ""
    signed_at: datetime.datetime | None = None
    signed_digest: str = ""

    @property
    def ok(self):
        return (
            not self.problem
            and self.intact
            and self.valid
            and self.trusted
            and (self.whole_document)
        )


def _message_digest(embedded):
    """The digest the signature's signed attributes carry: of the bytes it covers."""
    for attribute in embedded.signer_info["signed_attrs"]:
        if attribute["type"].native == "message_digest":
            return attribute["values"][0].native.hex()
    return ""


def signed_digest(pdf):
    """The digest the one signature of `pdf` (bytes we just signed) covers."""
    (embedded,) = PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures
    return _message_digest(embedded)


def _holder_name(certificate):
    subject = certificate.subject.native
    return subject.get("common_name") or subject.get("organization_name") or ""


def pdf_validate(pdf):
    """Validate the signature of `pdf` (bytes) against this deployment's certificate."""
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # pyHanko raises many kinds of errors on a damaged file
        return Validation(problem="unreadable")
    if len(signatures) != 1:
        return Validation(problem="unsigned" if not signatures else "several")
    embedded = signatures[0]
    context = ValidationContext(trust_roots=[signer().signing_cert], allow_fetching=False)
    try:
        status = validate_pdf_signature(embedded, context)
    except Exception:
        return Validation(problem="unreadable")
    # A changed file is not "trusted" (pyHanko stops there), but a signature that is
    # cryptographically valid and made with our certificate still says, on our key's
    # word, which file we signed: what the file was before it was changed.
    ours = status.valid and status.signing_cert.dump() == signer().signing_cert.dump()
    return Validation(
        intact=status.intact,
        valid=status.valid,
        trusted=status.trusted,
        whole_document=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer_name=_holder_name(status.signing_cert),
        signed_at=status.signer_reported_dt,
        signed_digest=_message_digest(embedded) if ours else "",
    )
