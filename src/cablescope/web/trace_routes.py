"""Trace endpoints: the form, the side-by-side report page, its downloads, and the JSON API."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from cablescope.trace.shapes import TraceReport
from cablescope.web import tracing
from cablescope.web.api import database, need
from cablescope.web.errors import BadRequest, NotFound
from cablescope.web.models import ERRORS
from cablescope.web.pages import render_page
from cablescope.web.render import STATIC, render

api = APIRouter(prefix="/api", tags=["trace"])
pages = APIRouter(include_in_schema=False)

ReportId = Annotated[str, Path(pattern=r"^[0-9a-f]{20}$", description="A report's id")]

_TEXT_TYPES = {"text/plain": "text", "text/html": "html", "text/markdown": "markdown"}
_BODY_DOC = {
    "requestBody": {
        "required": True,
        "description": "The article: a form (`text` pasted or `file` uploaded, optional "
                       "`format` html|markdown|text and `encoding`), JSON `{\"text\": ...}`, "
                       "or the raw article as text/plain, text/html or text/markdown.",
        "content": {
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "text": {"type": "string"}, "file": {"type": "string", "format": "binary"},
                "format": {"type": "string", "enum": list(tracing.FORMATS)},
                "encoding": {"type": "string"}}}},
            "application/json": {"schema": {"type": "object", "required": ["text"],
                                            "properties": {
                                                "text": {"type": "string"},
                                                "format": {"type": "string",
                                                           "enum": list(tracing.FORMATS)}}}},
            "text/plain": {"schema": {"type": "string"}},
        },
    },
}


async def _article_input(request: Request) -> tuple[bytes, str | None, str | None, str | None]:
    """(bytes, file name, format, encoding) from whichever body the client sent."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    limit = request.app.state.config.max_upload
    if kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form(max_files=1, max_fields=8, max_part_size=limit)
        upload = form.get("file")
        fmt = str(form.get("format") or "") or None
        encoding = str(form.get("encoding") or "") or None
        if isinstance(upload, UploadFile) and upload.filename:
            return await upload.read(), upload.filename, fmt, encoding
        text = form.get("text")
        return (str(text) if isinstance(text, str) else "").encode(), None, fmt, None
    if kind == "application/json":
        try:
            body = json.loads(await request.body())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise BadRequest(f"the body is not valid JSON: {exc}") from exc
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            raise BadRequest('JSON body must be an object with a "text" string')
        fmt = body.get("format")
        return body["text"].encode(), None, fmt if isinstance(fmt, str) else None, None
    if kind in _TEXT_TYPES:
        return await request.body(), None, _TEXT_TYPES[kind], request.headers.get(
            "content-type", "").partition("charset=")[2].strip() or None
    raise BadRequest("send the article as a form (text or file), JSON {\"text\": ...}, or "
                     "text/plain, text/html or text/markdown")


def _index_current(request: Request) -> bool:
    """Whether the trace index covers every stored cable; a read-only server with a stale one
    says what to run instead (a 503)."""
    from cablescope.trace import ensure_index, index_state

    db = database(request)
    with db.reading() as store:
        if index_state(store.connection) == "current":
            return True
        if db.config.read_only:
            ensure_index(store)  # raises IndexMissing naming `cablescope index`
    return False


async def _run(request: Request) -> dict[str, Any]:
    """Trace the request's article in a worker process (`web.jobs`), bounded in time; a stale
    index is brought up to date first, in the background. Tracing on a stale index would call
    quotations unmatched that are not."""
    need("trace")
    article = await _article_input(request)
    jobs = request.app.state.jobs
    if not await run_in_threadpool(_index_current, request):
        await jobs.current_index()
    report: dict[str, Any] = await jobs.trace(article)
    await run_in_threadpool(request.app.state.reports.put, report)
    return report


def _kept(request: Request, report_id: str) -> dict[str, Any]:
    report = request.app.state.reports.get(report_id)
    if report is None:
        raise NotFound(f"no report {report_id} in this database: trace the article again",
                       search="/trace")
    return report


@api.post("/trace", response_model=TraceReport, openapi_extra=_BODY_DOC,
          responses={**ERRORS, 413: ERRORS[400] | {"description": "Article over the limit"}},
          summary="Trace an article to the cables it quotes")
async def api_trace(request: Request) -> dict[str, Any]:
    """Every quotation with its status (verbatim, edited, paraphrase, translation, unmatched),
    the cable paragraphs it aligns to with offsets, and named edits (for a translation: the
    sentences it renders and the words they share); claims with supporting paragraphs; cables
    the article names or links (`cited`). `id` keeps it at /api/trace/{id} (in the database,
    so the link lasts)."""
    return await _run(request)


@api.get("/trace/{report_id}", response_model=TraceReport, responses=ERRORS,
         summary="A report traced earlier")
def api_trace_report(request: Request, report_id: ReportId,
                     download: Annotated[bool, Query()] = False) -> Response:
    """The report kept under `report_id`; `download=true` sends it as a file."""
    report = _kept(request, report_id)
    headers = ({"content-disposition": f'attachment; filename="trace-{report_id}.json"'}
               if download else None)
    return JSONResponse(report, headers=headers)


@pages.get("/trace", response_class=HTMLResponse)
def trace_form(request: Request) -> HTMLResponse:
    need("trace")
    limit = request.app.state.config.max_upload
    return render_page(request, "trace_form.html", limit=limit)


@pages.post("/trace")
async def trace_submit(request: Request) -> RedirectResponse:
    report = await _run(request)
    return RedirectResponse(f"/trace/{report['id']}", status_code=303)


@pages.get("/trace/{report_id}", response_class=HTMLResponse)
def trace_page(request: Request, report_id: ReportId) -> HTMLResponse:
    report = _kept(request, report_id)
    with database(request).reading() as store:
        shown = tracing.view(store, report)
    return render_page(request, "trace_report.html", report=report, v=shown,
                       json_url=f"/api/trace/{report_id}", standalone=False, css="", base="",
                       lasting=request.app.state.reports.lasting(report_id))


@pages.get("/trace/{report_id}/report.html")
def trace_download(request: Request, report_id: ReportId) -> HTMLResponse:
    """The report page as one self-contained file (styles inlined, links to this server kept
    absolute), to keep or send."""
    report = _kept(request, report_id)
    with database(request).reading() as store:
        shown = tracing.view(store, report)
    css = Markup((STATIC / "style.css").read_text(encoding="utf-8"))
    html = render("trace_report.html", report=report, v=shown, standalone=True, css=css,
                  base=str(request.base_url).rstrip("/"), config=request.app.state.config,
                  json_url=f"/api/trace/{report_id}", path=request.url.path)
    return HTMLResponse(html, headers={
        "content-disposition": f'attachment; filename="trace-{report_id}.html"'})
