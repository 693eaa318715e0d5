"""Schemathesis against the OpenAPI description: every documented operation, generated inputs
(valid and invalid), responses checked against the documented statuses, types and shapes."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from cablescope.web import WebConfig, create_app
from web_fixtures import build

# The app opens its database on the first request, so the schema can be loaded at import and
# the database built by the fixture below before any case runs.
_DIR = Path(tempfile.mkdtemp(prefix="cablescope-schema-"))
_DB = _DIR / "web.db"
schema = schemathesis.openapi.from_asgi(
    "/api/openapi.json", create_app(WebConfig(db=_DB, token="s3cret-token")))


@pytest.fixture(scope="module", autouse=True)
def _database() -> Iterator[None]:
    build(_DB)
    yield
    shutil.rmtree(_DIR, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_description(case: schemathesis.Case) -> None:
    # A schema cannot say which strings are well-formed queries or readable articles, so a
    # schema-valid `q` or article may rightly get a 400; that 400 is still checked against the
    # documented statuses and the error shape.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
