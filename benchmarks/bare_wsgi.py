"""The floor of a web worker's memory: Django with no app, one view, served by gunicorn
as the app is. `gunicorn benchmarks.bare_wsgi:application`."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("<!DOCTYPE html><title>Floor</title><p>Hello.</p>")


settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor-not-secret-" + "x" * 40,
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
)
urlpatterns = [path("", hello)]
application = get_wsgi_application()
