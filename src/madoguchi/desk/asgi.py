"""ASGI entry point (served by uvicorn through ``madoguchi serve``)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.desk.settings")
application = get_asgi_application()
