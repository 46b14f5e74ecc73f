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

import uharfbuzz as hb
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from fontTools import merge, subset, ttLib
from pyhanko.pdf_utils.font.api import FontEngineFactory, ShapeResult
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
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


# The stamp names the codename and the approvers, in whichever script they are written:
# pyHanko's default, a standard Courier, is not embedded and covers Latin-1 only. Noto
# Sans (Latin, Vietnamese) with Noto Sans Thai and Noto Sans Khmer (Debian's
# fonts-noto-core) merged into one font covers the scripts the app ships; pyHanko embeds
# the subset of it that the stamp uses.
STAMP_FONT_DIRECTORY = Path("/usr/share/fonts/truetype/noto")
STAMP_FONTS = ("NotoSans-Regular.ttf", "NotoSansThai-Regular.ttf", "NotoSansKhmer-Regular.ttf")
# Of Noto Sans, only the Latin scripts, punctuation and currency signs (merging all its
# 2,800 glyphs would double the time the merge takes, for nothing).
LATIN = ((0x20, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF))
STAMP_FONT_SIZE = 8
THAI, KHMER = (0x0E00, 0x0E7F), (0x1780, 0x17FF)


@functools.cache
def stamp_font():
    """The stamp's font, merged once per process (it takes a second): TrueType bytes."""
    fonts = []
    for name in STAMP_FONTS:
        try:
            font = ttLib.TTFont(STAMP_FONT_DIRECTORY / name)
        except OSError:
            raise ImproperlyConfigured(
                f"The signature stamp's font {name} is missing from {STAMP_FONT_DIRECTORY}: "
                "install Debian's fonts-noto-core (bin/install-system-packages)."
            ) from None
        if name == STAMP_FONTS[0]:
            latin = subset.Subsetter(subset.Options(layout_features=["*"], name_IDs=["*"]))
            latin.populate(unicodes=[code for low, high in LATIN for code in range(low, high + 1)])
            latin.subset(font)
        data = BytesIO()
        font.save(data)
        fonts.append(data)
    # Hinting programs differ from font to font and cannot be merged; the stamp needs none.
    merger = merge.Merger(options=merge.Options(drop_tables=["fpgm", "prep", "cvt ", "gasp"]))
    merged = BytesIO()
    merger.merge(fonts).save(merged)
    return merged.getvalue()


@functools.cache
def _stamp_shaping():
    """HarfBuzz's font of the stamp, with the layout tables that place Thai marks and
    Khmer subscripts: made once per process, it is only read."""
    return hb.Font(hb.Face(stamp_font()))


@functools.cache
def _stamp_glyphs():
    """The stamp's font without its layout tables: the same glyphs, which pyHanko parses,
    subsets and embeds for each brief; parsing the layout tables (it embeds none) took
    most of a signature's time."""
    font = ttLib.TTFont(BytesIO(stamp_font()))
    for tag in ("GSUB", "GPOS", "GDEF"):
        del font[tag]
    data = BytesIO()
    font.save(data)
    return data.getvalue()


def _script(character):
    code = ord(character)
    for script in (THAI, KHMER):
        if script[0] <= code <= script[1]:
            return script
    return "other" if character.isalpha() else None  # spaces, digits, marks: either


def script_runs(text):
    """`text` cut where it turns from Thai to Khmer to other letters and back; spaces,
    digits and punctuation stay in the run they are in."""
    runs, current = [], None
    for character in text:
        script = _script(character)
        if runs and (script is None or current is None or script == current):
            runs[-1] += character
        else:
            runs.append(character)
        current = script or current
    return runs


class ScriptRunFont(GlyphAccumulator):
    """The stamp's font engine. It shapes each run of one script on its own: HarfBuzz
    takes a line for one script, and a Khmer name on a line of Latin text would lose its
    subscript consonants."""

    def __init__(self, writer, *, obj_stream=None):
        super().__init__(
            writer, BytesIO(_stamp_glyphs()), font_size=STAMP_FONT_SIZE, obj_stream=obj_stream
        )
        self.hb_font = _stamp_shaping()

    def shape(self, txt, with_actual_text=True):
        runs = script_runs(txt)
        if len(runs) < 2:
            return super().shape(txt, with_actual_text)
        shape = super().shape
        # Each run ends with a Td to its end, where the next one starts.
        shaped = [shape(run, with_actual_text) for run in runs]
        return ShapeResult(
            graphics_ops=b" ".join(result.graphics_ops for result in shaped),
            x_advance=sum(result.x_advance for result in shaped),
            y_advance=sum(result.y_advance for result in shaped),
        )


class StampFont(FontEngineFactory):
    """The font engine of the stamp, as pyHanko's GlyphAccumulatorFactory makes its own."""

    def create_font_engine(self, writer, obj_stream=None):
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return ScriptRunFont(writer, obj_stream=obj_stream)


STAMP_STYLE = TextStampStyle(
    stamp_text="%(title)s\n%(approvers)s\n%(signed)s",
    text_box_style=TextBoxStyle(font=StampFont(), font_size=STAMP_FONT_SIZE),
    border_width=1,
)


def pdf_sign(pdf, *, title, approvers, reason, signed=None):
    """`pdf` (bytes) signed with a visible stamp naming `approvers` and the moment of
    signing, as `signed` words it (the brief's zone) or else in UTC; returns bytes."""
    signed = signed or f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M:%S} UTC"
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
        # pyHanko's own %(ts)s is always the signing time in UTC.
        appearance_text_params={"title": title, "approvers": approvers, "signed": signed},
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
