"""ASGI entry point (served by uvicorn through ``madoguchi serve``)."""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.desk.settings")
application = get_asgi_application()

# Load what the analysis core loads lazily (language model, public suffix list) now rather than
# on the first customer message, then move everything loaded so far out of the garbage
# collector's view: full collections over the wordlists and Django's import graph were the
# inbox's p99 (bench/intake.py: 142 ms -> 64 ms at 100,000 tickets on SQLite).
from madoguchi.analysis import warm_up  # noqa: E402

warm_up()
gc.freeze()
