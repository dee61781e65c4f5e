"""WSGI entry point (tests' live server; deployments use ASGI)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.desk.settings")
application = get_wsgi_application()
