"""HTML -> PDF with WeasyPrint, locked down.

A brief's HTML comes from our templates, but it carries planners' text. The templates
escape it, and, should markup ever slip through, the URL fetcher below serves the app's
own static files and nothing else: no file:, no http(s):, no data:, no other host. A
refused URL is logged and left out of the PDF.
"""

import functools
import logging
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Relative URLs in a brief resolve against this origin. The .invalid top-level domain
# never resolves, and the fetcher reads static files from disk, never from the network.
ORIGIN = "https://raidassess.invalid"


class Refused(ValueError):
    """A URL the fetcher will not serve."""


class StaticFilesOnly(URLFetcher):
    """Serves `ORIGIN` + STATIC_URL + path from the static files; refuses anything else."""

    def __init__(self):
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        prefix = settings.STATIC_URL
        if (
            parts.scheme != "https"
            or parts.netloc != urlsplit(ORIGIN).netloc
            or not parts.path.startswith(prefix)
        ):
            logger.warning("brief rendering refused a URL with scheme %r", parts.scheme)
            raise Refused(f"refused: {parts.scheme or 'relative'} URL")
        relative = posixpath.normpath(unquote(parts.path[len(prefix) :]))
        found = None if relative.startswith(("..", "/")) else finders.find(relative)
        if found is None:
            raise Refused("refused: not one of the app's static files")
        with open(found, "rb") as static_file:
            body = static_file.read()
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


@functools.cache
def font_config():
    """One font configuration per process: building it scans every installed font."""
    return FontConfiguration()


# Tagged for assistive technology (PDF/UA), its language and title set, every font
# embedded. PDF/UA-2, on PDF 2.0: signing with an ECDSA key makes a brief PDF 2.0
# anyway (ISO 32002), and a PDF/UA-1 file must stay PDF 1.7.
PDF_VARIANT = "pdf/ua-2"


def pdf_render(template_name, context, stylesheet="briefs/brief.css"):
    """The PDF (bytes) of `template_name` rendered with `context`, styled by the
    `stylesheet` template rendered with the same context (a template, so that its page
    footers are translated, and a draft's say so).

    The PDF's title and other metadata come from the template's <title> and <meta>
    elements, so they hold only what the template puts there.
    """
    fetcher = StaticFilesOnly()
    css = CSS(
        string=render_to_string(stylesheet, context),
        base_url=f"{ORIGIN}/",
        url_fetcher=fetcher,
        font_config=font_config(),
    )
    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=f"{ORIGIN}/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[css], font_config=font_config(), pdf_variant=PDF_VARIANT)
