"""WSGI entry point: `gunicorn raidassess.wsgi:application`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raidassess.settings")

application = get_wsgi_application()
