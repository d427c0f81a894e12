"""WSGI entry point (gunicorn township.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "township.settings")
os.environ["PORTAL_SERVING"] = "1"  # the settings refuse to serve on the default SECRET_KEY
application = get_wsgi_application()
