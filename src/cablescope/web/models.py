"""The JSON shapes of the API, declared once: FastAPI publishes them in the OpenAPI description
and checks every response against them (schemathesis checks the description from outside).

Shapes a lower layer types are used as they are, not declared again: the cable, its versions
and the corpus counts (store/shapes.py), search hits, references and similar cables
(search/shapes.py), the trace report (trace/shapes.py), entities, dossiers and networks
(entities/shapes.py): the routes import those from their layer. Declared here is what only the
web layer makes (errors, a version's text, the diff, the ingest of an upload).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from cablescope.web.diff import Change


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorDetail(Open):
    status: int
    message: str
    query: str | None = Field(None, description="The query, for a query error")
    position: int | None = Field(None, description="0-based offset of the error in the query")
    search: str | None = Field(None, description="A search link, for an unknown cable")
    suggestions: list[str] | None = Field(None, description="Stored IDs that look alike")


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad request (a query error gives its position)"},
    404: {"model": ErrorBody, "description": "No such cable, version or entity"},
    503: {"model": ErrorBody, "description": "Query over the time limit, or an index to build"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorBody, "description": "Missing or wrong bearer token"},
    403: {"model": ErrorBody, "description": "Read-only server, or writes not enabled"},
    413: {"model": ErrorBody, "description": "Upload over the size limit"},
    422: {"model": ErrorBody, "description": "An upload with no cable that could be stored "
                                             "(`summary`: what the ingest did)"},
}


class VersionText(BaseModel):
    cable_id: str
    version: int
    seen: str | None
    current: bool
    text: str


class DiffPiece(BaseModel):
    op: Literal["equal", "insert", "delete"]
    text: str


class DiffSummary(BaseModel):
    changes: int
    kinds: dict[str, int]
    redactions_lifted: int
    redactions_added: int
    extract: Literal["replaced by the full text", "cut to a partial extract"] | None
    paragraphs_added: list[int]
    paragraphs_removed: list[int]
    paragraphs_changed: list[int]


class Diff(BaseModel):
    cable_id: str
    from_version: int
    to_version: int
    words_equal: int
    words_inserted: int
    words_deleted: int
    summary: DiffSummary
    changes: list[Change]  # web.diff.Change, one place the versions differ
    pieces: list[DiffPiece]


class IngestResult(Open):
    """What `Store.ingest` did with the upload (`IngestSummary`), and the upload's name."""

    records: int
    new_cables: int
    new_versions: int
    unchanged: int
    problems: int
    source: str | None
    failed: str | None = None  # the upload was damaged or cut short here (the rest is kept)
    errors: list[str] = []  # as `cablescope ingest --json`: why the upload failed, if it did
