"""One cable text (plus what its container said about it) -> a `Cable` with every field.

The container's metadata wins where it exists (the WikiLeaks page table, the `cables.csv`
columns); the text supplies the rest and, for plain-text dumps, also ID, date, origin and
classification. Nothing here raises on bad input: what looked malformed goes to
`Cable.warnings`.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

from cablescope.parse.body import (
    count_redactions,
    is_partial,
    parse_comment,
    parse_signers,
    parse_summary,
)
from cablescope.parse.classified import parse_classified_by_details
from cablescope.parse.header import (
    derive_classification,
    find_banner,
    find_caveats,
    find_created,
    find_other_cable,
    find_preamble_id,
    origin_of,
    parse_recipients,
    parse_subject_details,
)
from cablescope.parse.ids import canonical_id
from cablescope.parse.model import Cable, Reference
from cablescope.parse.paragraphs import find_headings, find_paragraph_starts, split_paragraphs
from cablescope.parse.refs import parse_reference_list, unknown_posts
from cablescope.parse.tags import parse_tags, split_tags
from cablescope.sources.record import RawRecord

__all__ = ["parse_cable", "parse_record"]

# Where header fields are looked for when a cable has no numbered paragraph to end its header.
_HEADER_LIMIT = 5000
# `Classified By` sometimes opens paragraph 1 (`1. (U) CLASSIFIED BY: ...`).
_CLASSIFIED_REACH = 600


def _year(created: str | None, cable_id: str) -> int | None:
    if created and created[:4].isdigit():
        return int(created[:4])
    if cable_id[:2].isdigit():
        yy = int(cable_id[:2])
        return 1900 + yy if yy >= 66 else 2000 + yy
    return None


def _identify(meta: Mapping[str, str], preamble: str, banner_ref: str | None,
              created: str | None, warnings: list[str]) -> tuple[str, str]:
    """(canonical ID, ID as written) from the metadata, an outlet's preamble or the banner."""
    given = meta.get("id", "").strip() or find_preamble_id(preamble)
    if given:
        try:
            return canonical_id(given, fuzzy=False), given
        except ValueError as err:
            warnings.append(f"{err}; kept as given")
            return "".join(given.upper().split()), given
    if banner_ref:
        year = int(created[:4]) if created and created[:4].isdigit() else None
        try:
            return canonical_id(banner_ref, year), banner_ref
        except ValueError as err:
            warnings.append(f"no cable ID in the metadata and the banner's is unusable: {err}")
            return "", banner_ref
    warnings.append("no cable ID: neither metadata nor a classification banner gives one")
    return "", ""


def _numbering_warning(numbers: list[int]) -> str | None:
    irregular = any(b != a + 1 for a, b in pairwise(numbers))
    if numbers and (irregular or numbers[0] != 1):
        shown = ", ".join(map(str, numbers[:12])) + (", ..." if len(numbers) > 12 else "")
        return f"paragraph numbers skip or repeat: {shown}"
    return None


def _meta_references(meta: Mapping[str, str], known: list[Reference]) -> list[Reference]:
    """IDs the container lists (`cables.csv` column) that the REF block did not yield."""
    have = {ref.cable_id for ref in known}
    extra = []
    for raw in meta.get("references", "").replace("|", ",").split(","):
        raw = raw.strip()
        if not raw:
            continue
        try:
            cable_id = canonical_id(raw, fuzzy=False)
        except ValueError:
            continue
        if cable_id not in have:
            have.add(cable_id)
            extra.append(Reference(raw=raw, cable_id=cable_id))
    return extra


def parse_cable(text: str, meta: Mapping[str, str] | None = None, header: str = "") -> Cable:
    """Parse one cable text. `meta` is what the container states (`id`, `created`, `released`,
    `classification`, `origin`, `references`), `header` the routing header (FM/TO/INFO) where the
    container keeps it apart (`cables.csv`, the WikiLeaks page's first `<pre>`)."""
    meta = {str(k): str(v) for k, v in (meta or {}).items()}
    text, header = str(text), str(header)
    warnings: list[str] = []

    starts = find_paragraph_starts(text)
    headings = find_headings(text, starts)
    paragraphs = split_paragraphs(text, starts, headings)
    head_end = starts[0].start if starts else min(len(text), _HEADER_LIMIT)
    banner = find_banner(text[:head_end] if starts else text)
    head_start = banner.start if banner and banner.start < head_end else 0
    head, preamble = text[head_start:head_end], text[:head_start]

    created = meta.get("created") or find_created(header, text[:head_end])
    cable_id, raw_id = _identify(meta, preamble, banner.written_id if banner else None,
                                 created, warnings)
    year = _year(created, cable_id)
    if banner is None:
        warnings.append("no classification banner (e.g. 'C O N F I D E N T I A L PARIS 005335')")
    elif meta.get("id") and year is not None:
        try:
            banner_id = canonical_id(banner.written_id, year)
        except ValueError:
            banner_id = None
        if banner_id and banner_id != cable_id:
            warnings.append(f"banner reads {banner.written_id!r} ({banner_id}), not {cable_id}")

    caveats = find_caveats(head or text[:head_end], meta.get("classification"))
    classification = meta.get("classification") or derive_classification(banner, head, caveats)
    recipients = parse_recipients(header) or parse_recipients(preamble)
    tags = parse_tags(head) or parse_tags(text[:head_end])
    subject_tags, geo_tags, person_tags = split_tags(tags)
    subject = parse_subject_details(head) or parse_subject_details(text[:head_end])
    if subject is None and text.strip():
        warnings.append("no SUBJECT line")
    references = parse_reference_list(head, year)
    references += _meta_references(meta, references)
    warnings.extend(f"unknown post {ref.post!r} in reference {ref.raw!r}"
                    for ref in unknown_posts(references))
    other = find_other_cable(recipients, text)
    own = text[:other[0]] if other else text  # signer and `Classified By` are the cable's own
    if other:
        warnings.append(f"the text turns into another cable at offset {other[0]} (FM {other[1]}) "
                        "after the page's extract of this one: that cable's signer and "
                        "Classified By are not taken for this one")
    authority = parse_classified_by_details(own[:head_end + _CLASSIFIED_REACH])
    numbering = _numbering_warning([s.number for s in starts])
    if numbering:
        warnings.append(numbering)
    redactions = count_redactions(text)
    partial = redactions > 0 and is_partial(text, starts)  # no redaction: no text scanned again
    if partial:
        warnings.append("partial extract: whole paragraphs replaced by a redaction mark")

    return Cable(
        id=cable_id,
        raw_id=raw_id,
        text=text,
        created=created,
        released=meta.get("released") or None,
        origin=meta.get("origin") or origin_of(recipients, cable_id),
        classification=classification,
        caveats=caveats,
        tags=tags,
        subject_tags=subject_tags,
        geo_tags=geo_tags,
        person_tags=person_tags,
        subject=subject.text if subject else None,
        subject_marking=subject.marking if subject else None,
        references=references,
        classified_by=authority.names,
        classified_by_title=authority.title,
        reasons=authority.reasons,
        recipients=recipients,
        signers=parse_signers(own),
        summary=parse_summary(text, paragraphs),
        comment=parse_comment(text, paragraphs),
        headings=list(dict.fromkeys(heading for _, heading in headings)),
        paragraphs=paragraphs,
        redactions=redactions,
        partial=partial,
        warnings=warnings,
    )


def parse_record(record: RawRecord) -> Cable:
    """Parse one published version of a cable as a reader yielded it."""
    return parse_cable(record.text, record.meta, record.header)
