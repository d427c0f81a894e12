"""WSGI entry point (gunicorn township.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from township.collector import freeze_loaded

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "township.settings")
os.environ["PORTAL_SERVING"] = "1"  # the settings refuse to serve on the default SECRET_KEY
application = get_wsgi_application()
freeze_loaded()  # the modules, settings and apps loaded so far are never collected (township.collector)
