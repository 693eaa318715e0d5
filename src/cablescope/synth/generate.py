"""Synthetic cables in chronological order, deterministic for a seed, in constant memory.

Cables are made month by month (only one month's timestamps are held), each post numbering its
cables upward through the year, so IDs and REF chains look like the real thing. What a cable
holds follows the fitted statistics of the real corpus (`model.fitted()`): its length, TAGS,
classification and paragraph markings, how many cables it cites and whether those are in the
corpus, redactions, capitals and line breaks by era; its text comes from `text.Writer`. Which
posts and years exist is the world model's (`world`): the real sample is a journalists'
selection, not the release's mix of posts and years.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

import numpy as np

from cablescope.synth.fit import era
from cablescope.synth.model import Quantiles, fitted
from cablescope.synth.text import REDACTED, Paragraph, Request, Writer, wrap
from cablescope.synth.vocab import words
from cablescope.synth.world import (
    POST_BY_CODE,
    POSTS,
    ROUTING,
    Person,
    Post,
    americans_at,
    locals_at,
)

FIRST_YEAR, LAST_YEAR = 1966, 2010
FULL_CORPUS = 251_287
BATCH = 256  # cables whose bodies are written together


@dataclass(frozen=True, slots=True)
class SynthCable:
    """One synthetic cable: the eight `cables.csv` columns plus what was put in it (the truth a
    parser test can check against)."""

    row: int
    id: str
    created: str  # 'YYYY-MM-DD HH:MM'
    origin: str
    classification: str
    references: tuple[str, ...]  # canonical IDs of the cables cited, in REF order
    header: str  # routing header
    body: str  # the cable text
    subject: str = ""
    tags: tuple[str, ...] = ()
    signer: str = ""
    classified_by: str = ""
    paragraphs: int = 0  # numbered paragraphs
    redactions: int = 0
    people: tuple[str, ...] = field(default=())  # full names of the officials mentioned
    copied: int = 0  # paragraphs copied from another cable


def _year_weight(year: int) -> float:
    """Few cables before the 2000s, most from 2004-2009, a trickle in early 2010."""
    if year < 1985:
        return 0.03
    if year < 1990:
        return 0.08
    if year < 2000:
        return 0.1 + 0.08 * (year - 1990)
    return {2000: 1.0, 2001: 1.3, 2002: 1.8, 2003: 2.5, 2004: 4.0, 2005: 6.5, 2006: 9.5,
            2007: 10.0, 2008: 10.5, 2009: 10.5, 2010: 2.0}[year]


def _per_year(total: int) -> list[tuple[int, int]]:
    """Cables per year summing exactly to `total` (largest remainders)."""
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    weights = [_year_weight(y) for y in years]
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return list(zip(years, counts, strict=True))


_BANNERS = {
    "UNCLASSIFIED": ("UNCLAS", "UNCLASSIFIED"), "UNCLASSIFIED//FOR OFFICIAL USE ONLY": ("UNCLAS",),
    "CONFIDENTIAL": ("C O N F I D E N T I A L", "C O N F I D E N T I A L", "CONFIDENTIAL"),
    "CONFIDENTIAL//NOFORN": ("C O N F I D E N T I A L",), "SECRET": ("S E C R E T", "SECRET"),
    "SECRET//NOFORN": ("S E C R E T",),
}
_REASONS = ("1.4 (b) and (d)", "1.4 (b), (d)", "1.4(b) and (d)", "1.4 (d)", "1.4 (c)",
            "1.4 (b,d)", "1.4 (a), (b) and (d)", "1.4 (b), (c) and (d)", "1.5 (b) and (d)")
_MONTH_ABBR = words("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC")
_NON_CABLE_REFS = (
    "EMAIL FROM {a} TO {office} {date}", "TELCON {date}", "SECDEF MSG DTG {dtg}",
    "IIR {n} {n2} {n3} {yy}", "{post} MEMCON {date}", "{post} SPOT REPORT {date}",
)
_OFFICES = ("EUR/WE", "NEA/I", "EAP/CM", "WHA/AND", "AF/E", "SCA/A", "INR/B", "ISN/RA")


def _routing_code(post: Post) -> str:
    """A stable four-letter routing indicator suffix for a post (RUEHxx)."""
    value = sum(ord(c) * (i + 7) for i, c in enumerate(post.code))
    return chr(65 + value % 26) + chr(65 + value // 26 % 26)


class _Choice:
    """Draws keys of a {key: share} table in proportion to the shares."""

    def __init__(self, shares: dict[str, float]) -> None:
        self.keys = list(shares)
        self.cumulative = list(accumulate(shares.values()))

    def __call__(self, rng: random.Random) -> str:
        return rng.choices(self.keys, cum_weights=self.cumulative)[0]


class _Generator:
    def __init__(self, count: int, seed: int, fit: dict[str, Any]) -> None:
        model, params = fit["model"], fit["params"]
        self.count, self.seed = count, seed
        self.rng = random.Random(seed)
        self.writer = Writer(seed, fit)
        self.post_weights = list(accumulate(p.weight for p in POSTS))
        self.classification = _Choice(model["classification"])
        self.markings = {k: _Choice({m: s for m, s in v.items() if s >= 0.001})
                         for k, v in model["markings"].items()}
        self.subject_tags = list(model["subject_tags"])
        self.subject_shares = np.array(list(model["subject_tags"].values()))
        self.geo_count = _Choice(model["geo_tags_per_cable"])
        self.refs_count = _Choice(model["refs_per_cable"])
        self.words = Quantiles(model["words_quantiles"])
        self.model, self.params = model, params
        self.recent: dict[str, deque[tuple[int, int]]] = {}  # post -> (year, serial)
        self.serials: dict[tuple[str, int], int] = {}
        self.issued: set[str] = set()
        self.row = 0

    # -- the stream ----------------------------------------------------------------------------

    def __iter__(self) -> Iterator[SynthCable]:
        batch: list[dict[str, Any]] = []
        for stamp in self._stamps():
            batch.append(self._prepare(*stamp))
            if len(batch) == BATCH:
                yield from self._finish(batch)
                batch = []
        yield from self._finish(batch)

    def _stamps(self) -> Iterator[tuple[int, int, int, int]]:
        """(year, month, day, minute) of every cable, in order."""
        rng = self.rng
        for year, in_year in _per_year(self.count):
            months = 2 if year == LAST_YEAR else 12
            per_month = [0] * months
            for _ in range(in_year):
                per_month[rng.randrange(months)] += 1
            for month, n in enumerate(per_month, 1):
                for stamp in sorted(rng.randrange(28 * 24 * 60) for _ in range(n)):
                    day, minute = divmod(stamp, 24 * 60)
                    yield year, month, day + 1, minute

    def _prepare(self, year: int, month: int, day: int, minute: int) -> dict[str, Any]:
        """Everything of a cable but its body: ID, header, TAGS, REFs, what the body needs."""
        rng = self.rng
        post = rng.choices(POSTS, cum_weights=self.post_weights)[0]
        classification = self.classification(rng)
        if classification not in _BANNERS:
            classification = "CONFIDENTIAL"
        serial = self._serial(post, year, month, day)
        cable_id = f"{year % 100:02d}{post.code}{serial}"
        self.issued.add(cable_id)
        refs, present, ref_lines = self._references(post, year, serial)
        self.recent.setdefault(post.code, deque(maxlen=60)).append((year, serial))
        americans = americans_at(self.seed, post.code, year // 3)
        people = locals_at(self.seed, post.code, year // 4)
        style = self.model["eras"].get(era(year)) or self.model["eras"]["2005 on"]
        caps = rng.random() < style["caps"]
        long_lines = not caps and rng.random() < style["long_lines"]
        header = self._header(post, classification, year, month, day, minute, serial)
        head, truth = self._head(post, classification, year, month, day, serial, ref_lines,
                                 americans, people, long_lines)
        total = int(self.words.draw(rng.random()) * self.params["words_scale"])
        redactions = 0
        if rng.random() < self.params["redact_share"]:
            mean = max(0.01, self.params["redactions_mean"] - 1)
            redactions = 1 + int(rng.expovariate(1 / mean))
        request = Request(cable_id, post.code, max(12, total - len(head.split()) - 2),
                          people + americans, present, redactions,
                          telegraphic=caps and year < 1990)
        created = f"{year}-{month:02d}-{day:02d} {minute // 60:02d}:{minute % 60:02d}"
        return {"post": post, "classification": classification, "serial": serial,
                "id": cable_id, "created": created, "refs": refs, "year": year,
                "americans": americans, "caps": caps, "long_lines": long_lines,
                "header": header, "head": head, "truth": truth, "request": request}

    def _finish(self, batch: list[dict[str, Any]]) -> Iterator[SynthCable]:
        """The bodies of a batch, written together, and the cables."""
        if not batch:
            return
        texts = self.writer.bodies([c["request"] for c in batch])
        for c, text in zip(batch, texts, strict=True):
            truth = c["truth"]
            body, numbered = self._body(c["post"], c["classification"], c["year"],
                                        c["serial"], c["head"], text.paragraphs,
                                        c["americans"], c["long_lines"], c["caps"], truth)
            if c["caps"]:
                body = body.upper()
                truth["subject"] = truth["subject"].upper()
            self.row += 1
            yield SynthCable(
                row=self.row, id=c["id"], created=c["created"], origin=c["post"].origin,
                classification=c["classification"], references=tuple(c["refs"]),
                header=c["header"], body=body, subject=truth["subject"], tags=truth["tags"],
                signer=truth["signer"], classified_by=truth["classified_by"],
                paragraphs=numbered, redactions=body.count(REDACTED),
                people=tuple(f"{p.given} {p.surname}" for p in text.mentioned),
                copied=sum(p.copied for p in text.paragraphs))

    def _serial(self, post: Post, year: int, month: int, day: int) -> int:
        """Serials grow through the year at a pace set by the post's size, whatever `count`."""
        volume = post.weight * (9000 if post.code == "STATE" else 1500)
        expected = int(volume * ((month - 1) * 28 + day) / 336)
        serial = max(self.serials.get((post.code, year), 0) + 1,
                     expected + self.rng.randrange(1 + int(volume / 200)))
        self.serials[(post.code, year)] = serial
        return serial

    # -- header fields -------------------------------------------------------------------------

    def _references(self, post: Post, year: int, serial: int
                    ) -> tuple[list[str], list[str], list[str]]:
        """Canonical IDs of the cited cables, those of them in the corpus, and the REF entries
        as the text writes them. A citation is of a corpus cable at the fitted rate; the others
        cite cables the corpus lacks (numbers no generated cable has, as most real citations)."""
        rng = self.rng
        ids: list[str] = []
        present: list[str] = []
        lines: list[str] = []
        wanted = int(self.refs_count(rng))
        for _ in range(wanted):
            cited = self._cited_post(post)
            cited_year = year if (rng.random() < self.model["ref_same_year"]
                                  or year == FIRST_YEAR) else year - 1 - int(rng.random() * 2)
            found = None
            if rng.random() < self.params["ref_present"]:
                found = self._in_corpus(cited.code, cited_year)
            if found is None:
                found = self._absent(cited, cited_year, serial if cited is post else None)
            if found is None:
                continue
            cited_year, number = found
            cable_id = f"{cited_year % 100:02d}{cited.code}{number}"
            if cable_id in ids:
                continue
            ids.append(cable_id)
            if cable_id in self.issued:
                present.append(cable_id)
            name = cited.banner
            if cited.code == "STATE" and rng.random() < 0.6:
                name = cited.ref_name
            written = f"{number:06d}" if rng.random() < 0.12 else str(number)
            prefix = "" if cited_year == year else f"{cited_year % 100:02d} "
            lines.append(f"{prefix}{name} {written}")
        extra = self.model["non_cable_refs_per_cable"]
        while rng.random() < extra / (1 + extra):
            lines.insert(rng.randrange(len(lines) + 1), self._non_cable_ref(post, year))
        return ids, present, lines

    def _cited_post(self, post: Post) -> Post:
        pick = self.rng.random()
        if pick < self.model["ref_same_post"]:
            return post
        if pick < self.model["ref_same_post"] + self.model["ref_state"] and post.code != "STATE":
            return POST_BY_CODE["STATE"]
        return self.rng.choice(POSTS)

    def _in_corpus(self, post: str, year: int) -> tuple[int, int] | None:
        recent = [c for c in self.recent.get(post, ()) if c[0] == year]
        if not recent:
            recent = list(self.recent.get(post, ()))
        return recent[self.rng.randrange(len(recent))] if recent else None

    def _absent(self, post: Post, year: int, below: int | None) -> tuple[int, int] | None:
        """A serial of `post` in `year` that no generated cable has, nor ever will (below the
        serials already issued that year, or in a year already past)."""
        last = self.serials.get((post.code, year), 0)
        if below is not None:
            last = min(last, below - 1)
        if last < 2:
            return None
        for _ in range(6):
            number = 1 + self.rng.randrange(last - 1)
            if f"{year % 100:02d}{post.code}{number}" not in self.issued:
                return year, number
        return None

    def _non_cable_ref(self, post: Post, year: int) -> str:
        rng = self.rng
        month = rng.randrange(12)
        template = rng.choice(_NON_CABLE_REFS)
        return template.format(
            a=rng.choice(("POLOFF", "ECONOFF", "DCM", "EUR/WE", "S/CT")),
            office=rng.choice(_OFFICES), date=f"{month + 1}/{rng.randint(1, 28)}/{year % 100:02d}",
            dtg=f"{rng.randint(1, 28):02d}{rng.randrange(24):02d}{rng.randrange(60):02d}Z "
                f"{_MONTH_ABBR[month]} {year % 100:02d}",
            n=rng.randint(1, 9), n2=rng.randint(100, 999), n3=f"{rng.randint(0, 9999):04d}",
            yy=f"{year % 100:02d}", post=post.banner)

    def _eo_line(self, classification: str, year: int, month: int, day: int) -> str:
        unclassified = classification.startswith("UNCLASSIFIED")
        if year < 1978:
            return "E.O. 11652: N/A" if unclassified else "E.O. 11652: GDS"
        if year < 1982:
            if unclassified:
                return "E.O. 12065: N/A"
            return f"E.O. 12065: GDS {month}/{day}/{(year + 6) % 100:02d}"
        if year < 1995:
            return "E.O. 12356: N/A" if unclassified else "E.O. 12356: DECL: OADR"
        order = "13526" if year >= 2010 else "12958"
        if unclassified:
            return f"E.O. {order}: N/A"
        decl = year + self.rng.choice((10, 10, 10, 5, 15, 25))
        return f"E.O. {order}: DECL: {month:02d}/{day:02d}/{decl}"

    def _tags(self, post: Post, people: tuple[Person, ...]) -> list[str]:
        """TAGS at the real corpus's rates: each subject tag with its share of cables, the
        post's country and others, now and then a person."""
        rng = self.rng
        drawn = self.writer.np.random(len(self.subject_shares)) < self.subject_shares
        tags = [self.subject_tags[i] for i in np.flatnonzero(drawn).tolist()]
        if not tags:
            tags = [self.subject_tags[int(rng.random() ** 2 * len(self.subject_tags))]]
        geo = int(self.geo_count(rng))
        if geo:
            tags.append(post.geo)
        while len(tags) < 40 and geo > 1:
            other = rng.choice(POSTS).geo
            if other not in tags:
                tags.append(other)
                geo -= 1
        if people and rng.random() < self.model["person_tag_share"]:
            tags.append(rng.choice(people).tag)
        return tags

    def _header(self, post: Post, classification: str, year: int, month: int, day: int,
                minute: int, serial: int) -> str:
        """The routing header: what `cables.csv` keeps apart from the text."""
        rng = self.rng
        dtg = (f"{day:02d}{minute // 60:02d}{minute % 60:02d}Z {_MONTH_ABBR[month - 1]} "
               f"{year % 100:02d}")
        precedence = rng.choice("RRRPPO")
        if post.code == "STATE":
            sender, to = "SECSTATE WASHDC", "ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE"
        else:
            kind = "AMCONSUL" if post.origin.startswith("Consulate") else (
                "AMEMBASSY" if post.origin.startswith("Embassy") else "USMISSION")
            sender, to = f"{kind} {post.banner}", f"SECSTATE WASHDC {rng.randint(1, 9999)}"
        if year < 1990:
            info = [f"AMEMBASSY {other.banner}" for other in rng.sample(POSTS, rng.randint(0, 6))
                    if other is not post]
            lines = [f"{precedence} {dtg}", f"FM {sender}", f"TO {to}"]
            if info:
                lines.append(f"INFO {info[0]}")
                lines.extend(info[1:])
            return "\n".join(lines)
        mark = {"U": "UUUUU", "C": "CCCCC", "S": "SSSSS"}[classification[0]]
        code = _routing_code(post)
        lines = [f"VZCZCXRO{rng.randrange(10000):04d}" if rng.random() < 0.5 else "VZCZCXYZ0000",
                 f"{precedence}{precedence} RUEHWEB",
                 f"DE RUEH{code} #{serial % 10000:04d}/01 {(month - 1) * 30 + day:03d}"
                 f"{minute // 60:02d}{minute % 60:02d}",
                 f"ZNY {mark} ZZH", f"{precedence} {dtg}", f"FM {sender}",
                 f"TO RUEHC/{to}" if post.code != "STATE" else f"TO {to}"]
        for i, other in enumerate(rng.sample(POSTS, rng.randint(0, 4))):
            lines.append(f"{'INFO' if i == 0 else '    '} RUEH{_routing_code(other)}/"
                         f"AMEMBASSY {other.banner} {rng.randint(1, 999)}")
        lines.append("BT")
        return "\n".join(lines)

    # -- the text ------------------------------------------------------------------------------

    def _head(self, post: Post, classification: str, year: int, month: int, day: int,
              serial: int, ref_lines: list[str], americans: tuple[Person, ...],
              people: tuple[Person, ...], long_lines: bool) -> tuple[str, dict[str, Any]]:
        """The text's header block: banner, caveats, E.O., TAGS, SUBJECT, REF, Classified By."""
        rng = self.rng
        unclassified = classification.startswith("UNCLASSIFIED")
        banner = rng.choice(_BANNERS[classification])
        nl = "\n" if rng.random() < 0.7 else " \n"
        lines = [f"{banner} {{part}}{post.banner} {serial:06d}", ""]
        if classification.endswith("ONLY"):
            lines.append("SENSITIVE")
        if classification.endswith("NOFORN"):
            lines.append("NOFORN")
        if year >= 2004 and rng.random() < 0.85:
            lines.append("SIPDIS")
        elif year < 1995 and not unclassified and rng.random() < 0.2:
            lines.append(rng.choice(("LIMDIS", "EXDIS", "NODIS")))
        lines.append("")
        if rng.random() < 0.4:
            lines.extend(rng.sample(ROUTING, rng.randint(1, 3)))
            lines.append("")
        lines.append(self._eo_line(classification, year, month, day))
        tags = self._tags(post, people)
        separator = ", " if rng.random() < 0.2 else " "
        lines.append(f"TAGS: {separator.join(tags)}")
        subject = self.writer.phrase(rng.randint(3, 11)).upper()
        markings = self.markings.get(classification)
        marked = (f"({markings(rng)}) " if markings and rng.random() < 0.15 else "").replace(
            "() ", "")
        subject_line = f"SUBJECT: {marked}{subject}"
        if len(subject_line) > 66 and rng.random() < 0.8:
            cut = subject_line.rfind(" ", 0, 66)
            subject_line = subject_line[:cut] + nl + subject_line[cut + 1:]
        lines.extend((subject_line, ""))
        if ref_lines:
            if len(ref_lines) == 1:
                lines.append(f"REF: {ref_lines[0]}")
            else:
                lines.append(f"REF: A. {ref_lines[0]}")
                lines.extend(f"     {chr(66 + i)}. {ref}" for i, ref in enumerate(ref_lines[1:]))
            lines.append("")
        classified_by = ""
        if not unclassified:
            person = americans[0] if rng.random() < 0.6 else rng.choice(americans)
            classified_by = person.full
            reason_line = (f"Classified By: {person.title} {person.full} for reasons "
                           f"{rng.choice(_REASONS)}.")
            lines.extend((wrap(reason_line, 10, nl) if rng.random() < 0.3 and not long_lines
                          else reason_line, ""))
        truth = {"subject": subject, "tags": tuple(tags), "classified_by": classified_by,
                 "nl": nl}
        return nl.join(lines), truth

    def _body(self, post: Post, classification: str, year: int, serial: int, head: str,
              paragraphs: list[Paragraph], americans: tuple[Person, ...], long_lines: bool,
              caps: bool, truth: dict[str, Any]) -> tuple[str, int]:
        rng, model = self.rng, self.model
        nl = truth["nl"]
        per_line = 0 if long_lines else rng.randint(9, 12)
        markings = self.markings.get(classification)
        numbered = rng.random() > model["unnumbered_share"]
        count = len(paragraphs)
        summary = count >= 3 and rng.random() < model["summary_share"]
        comment = count >= 3 and rng.random() < model["comment_share"]
        sections = 1 + len(head) // 4000 + sum(len(p.text) for p in paragraphs) // 5500
        out: list[str] = []
        lines_so_far = 0
        page = 1
        for number, paragraph in enumerate(paragraphs, 1):
            text = paragraph.text
            if number == 1 and summary:
                text = f"SUMMARY: {text} END SUMMARY."
            elif number == count and comment:
                text = f"COMMENT: {text} END COMMENT."
            if long_lines:
                text = _curly(text)
            if numbered:
                mark = markings(rng) if markings else ""
                text = f"{number}. ({mark}) {text}" if mark else f"{number}. {text}"
            if per_line:
                text = wrap(text, per_line, nl)
            if number > 1 and rng.random() < model["heading_share"] / 2:
                heading = self.writer.phrase(rng.randint(2, 5)).title()
                text = f"{heading}{nl}{'-' * len(heading)}{nl}{nl}{text}"
            lines_so_far += text.count("\n") + 2
            if sections > 1 and lines_so_far > 55 * page and page < sections:
                page += 1
                mark = f"{post.banner} {serial:08d}  {page:03d} OF {sections:03d}"
                if caps and year < 1990:
                    mark = f"PAGE {page:02d} {post.banner} {serial:05d}"
                text = f"{mark}{nl}{nl}{text}"
            out.append(text)
        head = head.replace("{part}", f"SECTION 01 OF {sections:02d} " if sections > 1 else "")
        signer = americans[0].surname.upper()
        tail = [signer if rng.random() < 0.85 else americans[0].surname]
        if rng.random() < model["website_share"]:
            tail.insert(0, f"Visit {post.banner.title()}'s Classified Website: {REDACTED}{nl}")
        truth["signer"] = signer
        body = head + nl + f"{nl}{nl}".join(out) + nl + nl + nl.join(tail)
        return body, count if numbered else 0


def _curly(text: str) -> str:
    """Quotation marks as a word processor sets them (newer cables were not typed on a telex)."""
    if '"' not in text:
        return text
    parts = text.split('"')
    return "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) + parts[-1]


def generate(count: int, seed: int = 0, *, fit: dict[str, Any] | None = None
             ) -> Iterator[SynthCable]:
    """`count` synthetic cables in date order; the same `count` and `seed` give the same cables.

    Memory stays bounded (one month of timestamps, recent IDs and paragraphs per post), so the
    full 251,287-cable corpus streams as easily as a hundred. `fit`: a model other than the
    committed `fitted.json` (what `bench/synth_fit.py` calibrates).
    """
    if count < 0:
        raise ValueError(f"count must be >= 0, not {count}")
    return iter(_Generator(count, seed, fit or fitted()))
