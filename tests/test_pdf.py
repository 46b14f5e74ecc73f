"""Rendering: the URL fetcher serves the app's static files and nothing else, and
planners' text reaches the PDF as text, never as markup."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assessments import services
from assessments.pdf import ORIGIN, Refused, StaticFilesOnly, pdf_render
from tests.briefs_support import poppler
from tests.workflow_builders import approve, resubmitted

HOSTILE = '<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://203.0.113.7/x.css">'


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://203.0.113.7/tracker.png",
        "https://example.org/static/css/app.css",
        "data:text/plain;base64,cm9vdDp4OjA6MA==",
        "ftp://203.0.113.7/x",
        f"{ORIGIN}/media/briefs/secret.pdf",
        f"{ORIGIN}/static/../../../etc/passwd",
        f"{ORIGIN}/static/%2e%2e/%2e%2e/etc/passwd",
        "http://raidassess.invalid/static/css/app.css",
    ],
)
def test_it_refuses_anything_but_the_apps_static_files(url):
    with pytest.raises(Refused):
        StaticFilesOnly().fetch(url)


def test_it_serves_the_apps_static_files():
    response = StaticFilesOnly().fetch(f"{ORIGIN}/static/css/app.css")
    assert response.read()
    assert response.content_type == "text/css"


def test_it_leaves_refused_resources_out_of_a_pdf(settings, caplog):
    pdf = pdf_render("briefs/_rows.html", {"rows": []})
    assert pdf.startswith(b"%PDF-")
    # Markup that reaches WeasyPrint (not through our templates) still fetches nothing.
    from weasyprint import HTML

    from assessments.pdf import font_config

    HTML(string=HOSTILE, base_url=f"{ORIGIN}/", url_fetcher=StaticFilesOnly()).write_pdf(
        font_config=font_config()
    )
    assert "refused a URL with scheme 'file'" in caplog.text
    assert "refused a URL with scheme 'http'" in caplog.text


def test_it_prints_markup_in_a_planners_text_as_text(
    approved_operation, planner, supervisor, settings, tmp_path, caplog
):
    settings.MEDIA_ROOT = tmp_path
    answers = {"offence_basis": f"Forced labour. {HOSTILE}"}
    # A new version, approved again, carries the hostile text into a full brief.
    version = resubmitted(approved_operation, planner, **answers)
    approve(approved_operation, supervisor)
    data = services.brief_document(version=version, variant="full")
    text = poppler("pdftotext", data)
    assert '<img src="file:///etc/passwd">' in text
    assert "http://203.0.113.7/x.css" in text
    assert "root:x:0:0" not in text
    assert "refused" not in caplog.text  # escaped: nothing even tried to fetch it


def test_a_web_process_starts_without_the_pdf_stack():
    """WeasyPrint and pyHanko load on a web process's first preview or verification, not
    at start-up (assessments/services/documents.py); a worker imports them at start."""
    # Every module a web request runs: the URLconf (all the views), each views and tags
    # module by name, the middlewares, the services.
    script = (
        "import importlib, pkgutil, sys, django; django.setup(); "
        "from django.core.handlers.wsgi import WSGIHandler; WSGIHandler(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "import raidassess.urls, assessments.views, assessments.templatetags; "
        "[importlib.import_module(f'{package.__name__}.{module.name}') "
        " for package in (assessments.views, assessments.templatetags) "
        " for module in pkgutil.iter_modules(package.__path__)]; "
        "import assessments.middleware, assessments.security.middleware, assessments.services; "
        "print(sorted(m for m in ('weasyprint', 'pyhanko', 'uharfbuzz') if m in sys.modules))"
    )
    started = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "raidassess.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert started.stdout.strip().splitlines()[-1] == "[]"


def test_a_worker_imports_the_pdf_stack_before_its_pool_forks():
    from raidassess.celery import app

    assert set(app.conf.imports) == {"assessments.pdf", "assessments.signing"}
