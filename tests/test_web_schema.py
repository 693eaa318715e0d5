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

# The app opens its database as it starts (it loads the search columns then), and schemathesis
# starts it to load the schema at import: the database is built first, removed after the cases.
_DIR = Path(tempfile.mkdtemp(prefix="cablescope-schema-"))
_DB = build(_DIR / "web.db")
schema = schemathesis.openapi.from_asgi(
    "/api/openapi.json", create_app(WebConfig(db=_DB, token="s3cret-token")))


@pytest.fixture(scope="module", autouse=True)
def _database() -> Iterator[None]:
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


def _shape_of(spec: dict, path: str, method: str) -> str:
    ok = spec["paths"][path][method]["responses"]["200"]["content"]["application/json"]
    found = ok["schema"]
    if found.get("type") == "array":
        found = found["items"]
    return found["$ref"].removeprefix("#/components/schemas/")


def test_openapi_names_the_layers_own_types_for_trace_search_and_entities() -> None:
    """The published shapes are the core's TypedDicts (trace/, search/, entities/ shapes.py),
    not a second declaration: each endpoint's response names the type, and the component's
    properties and required keys are exactly the type's."""
    from cablescope.entities import shapes as entity_shapes
    from cablescope.search import shapes as search_shapes
    from cablescope.trace import shapes as trace_shapes

    spec = create_app(WebConfig(db=_DB)).openapi()
    expected = {
        ("/api/trace", "post"): trace_shapes.TraceReport,
        ("/api/trace/{report_id}", "get"): trace_shapes.TraceReport,
        ("/api/search", "get"): search_shapes.SearchPage,
        ("/api/cables/{cable_id}/refs", "get"): search_shapes.RefGraph,
        ("/api/cables/{cable_id}/similar", "get"): search_shapes.SimilarCables,
        ("/api/entities", "get"): entity_shapes.Entity,
        ("/api/entities/find", "get"): entity_shapes.Entity,
        ("/api/entities/{entity_id}", "get"): entity_shapes.EntityDossier,
        ("/api/entities/{entity_id}/graph", "get"): entity_shapes.EntityNetwork,
        ("/api/entities/merge", "post"): entity_shapes.MergeResult,
        ("/api/entities/reject", "post"): entity_shapes.RejectResult,
    }
    components = spec["components"]["schemas"]
    for (path, method), shape in expected.items():
        name = _shape_of(spec, path, method)
        assert name == shape.__name__, (path, name)
        published = components[name]
        assert list(published["properties"]) == list(shape.__annotations__), name
        assert set(published.get("required", [])) == set(shape.__required_keys__), name
    # nested shapes are the layers' too: a search hit, a quotation, a meeting
    for shape in (search_shapes.SearchHit, trace_shapes.TraceQuote, trace_shapes.ClaimMatch,
                  entity_shapes.Meeting):
        assert list(components[shape.__name__]["properties"]) == list(shape.__annotations__)
    assert components["TraceQuote"]["properties"]["status"]["enum"] == [
        "verbatim", "edited", "paraphrase", "translation", "unmatched"]
