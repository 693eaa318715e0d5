"""Endpoints that write: each needs the bearer token and a server that is not read-only.

Writes go through the app's one writable store (`Database.write`), one at a time, while readers
go on reading on their own connections.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from cablescope.entities.shapes import EntityType as EntityTypeName
from cablescope.entities.shapes import MergeResult, RejectResult
from cablescope.store import IngestSummary
from cablescope.web import entities_view
from cablescope.web.api import database
from cablescope.web.errors import BadRequest, Unprocessable
from cablescope.web.models import (
    WRITE_ERRORS,
    IngestResult,
)
from cablescope.web.security import write_refusal

router = APIRouter(prefix="/api", tags=["writes"])

# What an upload may be; its name is used for nothing but this suffix.
CORPUS_SUFFIXES = (".tar.xz", ".tar.gz", ".tgz", ".tar.bz2", ".tar", ".zip", ".html", ".htm",
                   ".csv", ".txt")


def require_write(request: Request) -> None:
    """A 403 (read-only, or no token configured) or 401 (wrong token) unless a write may go."""
    refusal = write_refusal(request.app.state.config, request.headers.get("authorization"))
    if refusal is not None:
        status, message = refusal
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        raise HTTPException(status, message, headers=headers)


def safe_name(filename: str | None) -> str:
    """A file name to store an upload under in a private temporary folder: the client's base
    name (readers take cable IDs from names like `05PARIS5335.txt`) with anything but letters,
    digits, `.`, `_` and `-` replaced; a name without a known suffix is a 400."""
    base = re.split(r"[/\\]", filename or "")[-1]
    name = re.sub(r"[^A-Za-z0-9._-]", "_", base).lstrip(".")[-120:]
    if not name.lower().endswith(CORPUS_SUFFIXES):
        raise BadRequest("upload a corpus file ending in " + ", ".join(CORPUS_SUFFIXES))
    return name


_INGEST_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {
    "schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "A corpus file or archive: " + ", ".join(CORPUS_SUFFIXES)},
        "format": {"type": "string", "enum": ["html", "csv", "text"],
                   "description": "Override format detection"}}}}}}}


@router.post("/ingest", response_model=IngestResult, responses=WRITE_ERRORS,
             openapi_extra=_INGEST_BODY,
             summary="Add cables from an uploaded corpus file (needs the token)")
async def api_ingest(request: Request) -> dict[str, Any]:
    """Parse and store every cable of the upload (WikiLeaks pages, cables.csv, text, in an
    archive or not): new cables and new versions are added, known texts change nothing, bad
    records become problems. The trace index is brought up to date afterwards."""
    require_write(request)  # before a byte of the body is read
    limit = request.app.state.config.max_ingest
    form = await request.form(max_files=1, max_fields=4, max_part_size=limit)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise BadRequest("send the corpus as the multipart field `file`")
    fmt = form.get("format") or None
    if fmt not in (None, "html", "csv", "text"):
        raise BadRequest(f"format must be html, csv or text, not {fmt!r}")
    name = safe_name(upload.filename)
    with tempfile.TemporaryDirectory(prefix="cablescope-upload-") as tmp:
        path = Path(tmp) / name

        def save() -> None:
            with path.open("wb") as out:
                shutil.copyfileobj(upload.file, out)

        await run_in_threadpool(save)
        # in a process of its own, stopped past the limit (what it committed stays)
        summary: dict[str, Any] = await request.app.state.jobs.ingest(
            (str(path), str(fmt) if fmt else None, name))
    summary["source"] = upload.filename
    # as `cablescope ingest --json`: `errors` names what failed; nothing stored is a 422
    done = IngestSummary(**{k: v for k, v in summary.items()
                            if k in IngestSummary.__dataclass_fields__})
    failure = done.failure(name)
    summary["errors"] = [failure] if failure else []
    if failure and done.stored + done.unchanged == 0:
        raise Unprocessable(failure, summary=summary)
    return summary


class MergeRequest(BaseModel):
    names: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        min_length=2, max_length=2, description="Two names of one entity")
    type: EntityTypeName | None = None
    note: Annotated[str, Field(max_length=1000)] | None = None


class RejectRequest(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    type: EntityTypeName | None = None
    note: Annotated[str, Field(max_length=1000)] | None = None


@router.post("/entities/merge", response_model=MergeResult, responses=WRITE_ERRORS,
             dependencies=[Depends(require_write)],
             summary="Merge two entities (needs the token)")
def api_merge(request: Request, body: MergeRequest) -> MergeResult:
    """Say that two names are one entity: stored as a decision, applied now and by every
    re-extraction. Two entities of different types are not merged (400)."""
    first, second = body.names
    return database(request).write(
        lambda store: entities_view.merge(store, first, second, body.type, body.note))


@router.post("/entities/reject", response_model=RejectResult, responses=WRITE_ERRORS,
             dependencies=[Depends(require_write)],
             summary="Reject a false entity (needs the token)")
def api_reject(request: Request, body: RejectRequest) -> RejectResult:
    """Say that a name is no entity (of `type`): stored, applied now and on re-extraction."""
    return database(request).write(
        lambda store: entities_view.reject(store, body.name, body.type, body.note))
