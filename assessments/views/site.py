import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    # For the container health check: no login, no data, only "can we reach the database".
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def favicon(request):
    """For the browsers and tools that ask for /favicon.ico whatever the page says."""
    return redirect(static("favicon.svg"), permanent=True)


def bad_request(request, exception):
    """handler400: a page a person can read, never a stack trace; 413 for a body too big."""
    too_big = isinstance(exception, RequestDataTooBig)
    context = {
        "too_big": too_big,
        "text_mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2**20,
        "upload_mb": settings.MAX_UPLOAD_BYTES // 2**20,
    }
    return render(request, "400.html", context, status=413 if too_big else 400)
