"""Settings for the test suite: the real settings, a throw-away data directory, fast hashing.

``TEST_DATABASE_URL`` runs the suite on PostgreSQL instead of SQLite.
"""

import os
import tempfile

os.environ.setdefault("MADOGUCHI_DATA_DIR", tempfile.mkdtemp(prefix="madoguchi-test-"))
if os.environ.get("TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["TEST_DATABASE_URL"]

from madoguchi.desk.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared-cache in-memory database, so WAL and BEGIN IMMEDIATE behave as
    # in production: concurrent writers queue instead of failing with "database table is locked".
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405

# Tasks run at once in tests (on commit, like the worker would): tests see `mail.outbox`.
# tickets/tests/test_tasks.py checks the database queue and its worker separately.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The transparency log's sequencer runs only when a test asks (ledger_sequence()): with the
# immediate backend it would otherwise run inside every commit of every test.
LEDGER_SEQUENCE = "manual"

# No background model build on importing desk/asgi.py in the test process (tests build it).
WARM_ASSISTANT = False
