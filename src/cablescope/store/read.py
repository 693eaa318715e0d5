"""Read side of the store: one cable laid out as a dict, versions, corpus statistics, ID lookup.

Every function takes a plain `sqlite3.Connection`, so the web layer can call them on its own
read-only connections. The dict of `cable()` is the documented JSON shape of
`cablescope show --json` (docs/schema.md, "The cable as JSON").
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from cablescope.errors import StoreError
from cablescope.sources.record import RawRecord
from cablescope.store.rows import (
    CABLE_COLUMNS,
    LIST_SEP,
    PARSER_VERSION,
    WARN_SEP,
    VersionRows,
    parse_to_rows,
    parser_version,
)
from cablescope.store.shapes import (
    CableFields,
    CitedBy,
    Paragraph,
    ProblemRow,
    Recipient,
    Reference,
    Stats,
    StoredCable,
    VersionInfo,
)

TAG_KINDS = ("subject", "geo", "person", "other")
UNKNOWN = "(unknown)"


def _split(value: str | None, sep: str) -> list[str]:
    return value.split(sep) if value else []


def versions(conn: sqlite3.Connection, cable_id: str) -> list[VersionInfo]:
    """Every stored version of a cable, in the order they were released (their numbers), the
    current one flagged."""
    current = conn.execute("SELECT version FROM cables WHERE id = ?", (cable_id,)).fetchone()
    rows = conn.execute(
        "SELECT version, seen, released, source, locator, format, sha256, ingested_at, "
        "length(text) FROM versions WHERE cable_id = ? ORDER BY version",
        (cable_id,),
    )
    return [
        {"version": v, "current": current is not None and v == current[0], "seen": seen,
         "released": released, "source": source, "locator": locator, "format": fmt,
         "sha256": sha, "ingested_at": at, "chars": chars}
        for v, seen, released, source, locator, fmt, sha, at, chars in rows
    ]


def version_text(conn: sqlite3.Connection, cable_id: str, version: int) -> str | None:
    """The verbatim text of one version, or None when there is no such version."""
    row = conn.execute(
        "SELECT text FROM versions WHERE cable_id = ? AND version = ?", (cable_id, version)
    ).fetchone()
    return row[0] if row else None


def cable(conn: sqlite3.Connection, cable_id: str,
          version: int | None = None) -> StoredCable | None:
    """The cable with all its fields; the current version unless `version` names another.

    A non-current version is parsed again from its stored text, so its fields are those that
    text gives. References in both directions (`references`, `cited_by`) always describe the
    database as it is, with `resolved` telling whether the cited cable is stored.
    """
    row = conn.execute(
        f"SELECT {', '.join(CABLE_COLUMNS)}, version FROM cables WHERE id = ?", (cable_id,)
    ).fetchone()
    if row is None:
        return None
    current = row[-1]
    if version is None or version == current:
        out = _from_tables(conn, cable_id, _fields(row[:-1], current))
        version = current
    else:
        parsed = _reparse(conn, cable_id, version)
        if parsed is None:
            return None
        out = _from_rows(conn, parsed, version)
    header, text, seen, source, locator, fmt = conn.execute(
        "SELECT header, text, seen, source, locator, format FROM versions "
        "WHERE cable_id = ? AND version = ?", (cable_id, version),
    ).fetchone()
    return {**out, "header": header, "text": text, "seen": seen, "source": source,
            "locator": locator, "format": fmt, "current": version == current,
            "cited_by": cited_by(conn, cable_id), "versions": versions(conn, cable_id)}


def _fields(row: Sequence[Any], version: int) -> CableFields:
    """The `cables` columns (in CABLE_COLUMNS order) as the cable's fields, lists split."""
    f = dict(zip(CABLE_COLUMNS, row, strict=True))
    return {
        "id": f["id"], "raw_id": f["raw_id"], "created": f["created"], "year": f["year"],
        "released": f["released"], "origin": f["origin"], "classification": f["classification"],
        "caveats": f["caveats"].split() if f["caveats"] else [], "subject": f["subject"],
        "classified_by": _split(f["classified_by"], LIST_SEP),
        "classified_by_title": f["classified_by_title"], "reasons": f["reasons"],
        "signers": _split(f["signers"], LIST_SEP), "summary": f["summary"],
        "partial": bool(f["partial"]), "redactions": f["redactions"],
        "paragraph_count": f["paragraph_count"], "comment": f["comment"],
        "warnings": _split(f["warnings"], WARN_SEP), "version": version,
    }


class _Layout(CableFields):
    tags: dict[str, list[str]]
    recipients: list[Recipient]
    references: list[Reference]
    paragraphs: list[Paragraph]


def _from_tables(conn: sqlite3.Connection, cable_id: str, fields: CableFields) -> _Layout:
    paragraphs = conn.execute(
        "SELECT seq, number, marking, heading, start, end, text, marking_raw FROM paragraphs "
        "WHERE cable_id = ? ORDER BY seq", (cable_id,),
    ).fetchall()
    refs = conn.execute(
        "SELECT seq, letter, raw, cited, kind, post, post_match FROM refs WHERE citing = ? "
        "ORDER BY seq", (cable_id,)
    ).fetchall()
    tags = conn.execute(
        "SELECT tag, kind, seq FROM tags WHERE cable_id = ? ORDER BY seq, tag", (cable_id,)
    ).fetchall()
    recipients = conn.execute(
        "SELECT seq, kind, name FROM recipients WHERE cable_id = ? ORDER BY seq", (cable_id,)
    ).fetchall()
    return _layout(conn, fields, paragraphs, refs, tags, recipients)


def _from_rows(conn: sqlite3.Connection, rows: VersionRows, version: int) -> _Layout:
    return _layout(conn, _fields(rows.cable, version), rows.paragraphs, rows.refs, rows.tags,
                   rows.recipients)


def _reparse(conn: sqlite3.Connection, cable_id: str, version: int) -> VersionRows | None:
    row = conn.execute(
        "SELECT source, locator, format, text, header, meta, sha256 FROM versions "
        "WHERE cable_id = ? AND version = ?", (cable_id, version),
    ).fetchone()
    if row is None:
        return None
    source, locator, fmt, text, header, meta, sha = row
    record = RawRecord(source, locator, fmt, text, header, json.loads(meta))
    parsed = parse_to_rows(record, sha)
    if not isinstance(parsed, VersionRows):  # parsed once, so only a changed parser gets here
        raise StoreError(f"{cable_id} version {version} no longer parses: {parsed.reason}")
    return parsed


def _layout(conn: sqlite3.Connection, fields: CableFields, paragraphs: Iterable[tuple],
            refs: Iterable[tuple], tags: Iterable[tuple], recipients: Iterable[tuple]) -> _Layout:
    cid = fields["id"]
    by_kind: dict[str, list[str]] = {kind: [] for kind in TAG_KINDS}
    for tag, kind, _seq in sorted(tags, key=lambda t: (t[2] is None, t[2] or 0, t[0])):
        by_kind.setdefault(kind, []).append(tag)
    refs = list(refs)
    stored = _subjects(conn, [r[3] for r in refs if r[3]])
    return {
        **fields,
        "tags": by_kind,
        "recipients": [{"kind": kind, "name": name} for _, kind, name in recipients],
        "references": [
            {"seq": seq, "letter": letter, "raw": raw, "cited": cited,
             "resolved": cited in stored, "subject": stored.get(cited), "kind": kind,
             "post": post, "post_match": post_match}
            for seq, letter, raw, cited, kind, post, post_match in refs
        ],
        "paragraphs": [
            {"address": f"{cid}¶{number}" if number is not None else None, "seq": seq,
             "number": number, "marking": marking, "marking_raw": marking_raw,
             "heading": heading, "start": start, "end": end, "text": text}
            for seq, number, marking, heading, start, end, text, marking_raw in paragraphs
        ],
    }


def _subjects(conn: sqlite3.Connection, ids: list[str]) -> dict[str, str | None]:
    """Subject of each of `ids` that is stored (absent from the result: not stored)."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return dict(conn.execute(f"SELECT id, subject FROM cables WHERE id IN ({marks})", ids))


def cited_by(conn: sqlite3.Connection, cable_id: str) -> list[CitedBy]:
    """The stored cables whose REF line cites `cable_id`, oldest first."""
    rows = conn.execute(
        "SELECT r.citing, r.letter, r.raw, c.created, c.subject FROM refs r "
        "JOIN cables c ON c.id = r.citing WHERE r.cited = ? ORDER BY c.created, r.citing",
        (cable_id,),
    )
    return [{"citing": citing, "letter": letter, "raw": raw, "created": created,
             "subject": subject} for citing, letter, raw, created, subject in rows]


# --- IDs -----------------------------------------------------------------------------------------

_ID_PARTS = re.compile(r"(\d{2})([A-Z]+?)(\d+)")


def _canonical(text: str) -> str:
    from cablescope.parse import canonical_id

    try:
        return canonical_id(text) or ""
    except Exception:  # not an ID the parser understands: fall back to squeezing it
        return re.sub(r"\s+", "", text).upper()


def resolve_id(conn: sqlite3.Connection, text: str) -> str | None:
    """The stored cable ID that `text` names (`05PARIS5335`, `05 PARIS 5335`, `paris 005335`...)."""
    for candidate in (text.strip(), re.sub(r"\s+", "", text).upper(), _canonical(text)):
        if candidate and conn.execute(
            "SELECT 1 FROM cables WHERE id = ?", (candidate,)
        ).fetchone():
            return candidate
    return None


def suggest_ids(conn: sqlite3.Connection, text: str, n: int = 5) -> list[str]:
    """Stored IDs close to `text`: same year and post, or same post and serial, by similarity."""
    wanted = _canonical(text)
    if not wanted:
        return []
    m = _ID_PARTS.fullmatch(wanted)
    queries: list[tuple[str, tuple]] = []
    if m:
        year, post, serial = m.groups()
        queries.append(("SELECT id FROM cables WHERE id GLOB ? LIMIT 50000", (year + post + "*",)))
        queries.append(("SELECT id FROM cables WHERE id GLOB ?", ("[0-9][0-9]" + post + serial,)))
        queries.append(("SELECT id FROM cables WHERE id GLOB ?", (year + "*[A-Z]" + serial,)))
    else:
        queries.append(("SELECT id FROM cables WHERE id GLOB ? LIMIT 50000", (wanted[:4] + "*",)))
    candidates: set[str] = set()
    for sql, args in queries:
        candidates.update(cid for (cid,) in conn.execute(sql, args))
    return difflib.get_close_matches(wanted, sorted(candidates), n=n, cutoff=0.6)


# --- statistics ----------------------------------------------------------------------------------


def _counts(conn: sqlite3.Connection, sql: str) -> dict[str, int]:
    return {UNKNOWN if key is None else str(key): count for key, count in conn.execute(sql)}


def stats(conn: sqlite3.Connection, problems_limit: int | None = 1000) -> Stats:
    """Counts by year, origin, classification and tag; versions; refs; problems (listed)."""

    def one(sql: str) -> int:
        return conn.execute(sql).fetchone()[0]

    tag_counts: dict[str, dict[str, int]] = {kind: {} for kind in TAG_KINDS}
    for kind, tag, count in conn.execute(
        "SELECT kind, tag, count(*) AS n FROM tags GROUP BY kind, tag ORDER BY kind, n DESC, tag"
    ):
        tag_counts.setdefault(kind, {})[tag] = count
    limit = -1 if problems_limit is None else problems_limit
    problems: list[ProblemRow] = [
        {"source": s, "locator": loc, "reason": r, "recorded_at": at}
        for s, loc, r, at in conn.execute(
            "SELECT source, locator, reason, recorded_at FROM problems ORDER BY id LIMIT ?",
            (limit,),
        )
    ]
    return {
        "cables": one("SELECT count(*) FROM cables"),
        "versions": one("SELECT count(*) FROM versions"),
        "cables_with_several_versions": one(
            "SELECT count(*) FROM (SELECT 1 FROM versions GROUP BY cable_id HAVING count(*) > 1)"
        ),
        "paragraphs": one("SELECT count(*) FROM paragraphs"),
        "numbered_paragraphs": one("SELECT count(*) FROM paragraphs WHERE number IS NOT NULL"),
        "references": {
            "total": one("SELECT count(*) FROM refs"),
            "to_cables": one("SELECT count(*) FROM refs WHERE cited IS NOT NULL"),
            "resolved": one("SELECT count(*) FROM refs WHERE cited IN (SELECT id FROM cables)"),
        },
        "by_year": _counts(conn, "SELECT year, count(*) FROM cables GROUP BY year ORDER BY year"),
        "by_origin": _counts(
            conn, "SELECT origin, count(*) AS n FROM cables GROUP BY origin ORDER BY n DESC, origin"
        ),
        "by_classification": _counts(
            conn, "SELECT classification, count(*) AS n FROM cables "
                  "GROUP BY classification ORDER BY n DESC, classification",
        ),
        "by_tag": {kind: counts for kind, counts in tag_counts.items() if counts},
        "problems": {"count": one("SELECT count(*) FROM problems"), "items": problems},
        "parser": {"stored": parser_version(conn), "current": PARSER_VERSION},
    }
