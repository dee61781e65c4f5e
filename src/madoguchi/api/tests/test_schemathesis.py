"""Schemathesis against /api/v1/openapi.json: generated requests never cause a server error.

Every operation gets a bounded number of examples (valid and invalid bodies, queries, paths,
headers), sent through the WSGI app with a key that holds every scope and acts as an agent;
responses must not be 5xx and must use a status code and shape the document declares.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)


def _load_schema():
    from django.core.wsgi import get_wsgi_application

    # loaded when the module is collected (schemathesis' lazy fixture loader does not work
    # with pytest 9); the document needs no database
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


schema = _load_schema()


@pytest.fixture
def keep_connection():
    """As Django's test client does: a request must not close the test's database connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def full_key(db, keep_connection, make_key, agent_user, file_request, monkeypatch):
    monkeypatch.setenv("MADOGUCHI_API_RATE_LIMIT", "1000000")
    file_request()  # one ticket and customer, so some generated lookups find something
    return make_key(agent=agent_user)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error(case, full_key):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {full_key}"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
