"""Synthetic cables in chronological order, deterministic for a seed, in constant memory.

Cables are made month by month (only one month's timestamps are held), each post numbering its
cables upward through the year, so IDs and REF chains look like the real thing: a cable cites
earlier cables of its own post, of the Department and of other posts, by the forms cables use
(`PARIS 5232`, `06 PARIS 5733`, `SECSTATE 74879`, lettered lists) and by non-cable references.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from cablescope.synth.text import HEADINGS, REDACTED, Writer, wrap
from cablescope.synth.vocab import words
from cablescope.synth.world import (
    ORG_TAGS,
    POST_BY_CODE,
    POSTS,
    ROUTING,
    SUBJECT_TAGS,
    Person,
    Post,
    americans_at,
    locals_at,
)

FIRST_YEAR, LAST_YEAR = 1966, 2010
FULL_CORPUS = 251_287


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


CLASSIFICATIONS = (
    ("UNCLASSIFIED", 0.30), ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", 0.22),
    ("CONFIDENTIAL", 0.37), ("CONFIDENTIAL//NOFORN", 0.04), ("SECRET", 0.045),
    ("SECRET//NOFORN", 0.025),
)
_MARKINGS = {
    "UNCLASSIFIED": ("U",), "UNCLASSIFIED//FOR OFFICIAL USE ONLY": ("SBU", "U"),
    "CONFIDENTIAL": ("C", "C", "C", "U", "SBU"), "CONFIDENTIAL//NOFORN": ("C/NF", "C", "U"),
    "SECRET": ("S", "C", "S", "U"), "SECRET//NOFORN": ("S/NF", "S", "C/NF", "C"),
}
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


class _Generator:
    def __init__(self, count: int, seed: int) -> None:
        self.count, self.seed = count, seed
        self.rng = random.Random(seed)
        self.writer = Writer(self.rng)
        self.post_weights = list(accumulate(p.weight for p in POSTS))
        self.class_weights = list(accumulate(w for _, w in CLASSIFICATIONS))
        self.recent: dict[str, deque[tuple[int, int]]] = {}  # post -> (year, serial)
        self.serials: dict[str, int] = {}
        self.row = 0

    # -- the stream ----------------------------------------------------------------------------

    def __iter__(self) -> Iterator[SynthCable]:
        rng = self.rng
        for year, in_year in _per_year(self.count):
            self.serials = {}
            months = 2 if year == LAST_YEAR else 12
            per_month = [0] * months
            for _ in range(in_year):
                per_month[rng.randrange(months)] += 1
            for month, n in enumerate(per_month, 1):
                stamps = sorted(rng.randrange(28 * 24 * 60) for _ in range(n))
                for stamp in stamps:
                    day, minute = divmod(stamp, 24 * 60)
                    yield self.cable(year, month, day + 1, minute)

    def cable(self, year: int, month: int, day: int, minute: int) -> SynthCable:
        rng = self.rng
        post = rng.choices(POSTS, cum_weights=self.post_weights)[0]
        classification = rng.choices(CLASSIFICATIONS, cum_weights=self.class_weights)[0][0]
        serial = self._serial(post, month, day)
        yy = f"{year % 100:02d}"
        cable_id = f"{yy}{post.code}{serial}"
        created = f"{year}-{month:02d}-{day:02d} {minute // 60:02d}:{minute % 60:02d}"
        refs, ref_lines = self._references(post, year)
        americans = americans_at(self.seed, post.code, year // 3)
        people = locals_at(self.seed, post.code, year // 4)
        modern = year >= 2005 and rng.random() < 0.35
        self.writer.start(people, americans, year, ref_lines, protect=rng.random() < 0.08,
                          curly=modern)
        body, truth = self._body(post, classification, year, month, day, serial, yy, ref_lines,
                                 americans, modern)
        self.recent.setdefault(post.code, deque(maxlen=40)).append((year, serial))
        self.row += 1
        header = self._header(post, classification, year, month, day, minute, serial)
        if year < 1995 or (year < 2000 and rng.random() < 0.5):
            body = body.upper()
            truth["subject"] = truth["subject"].upper()
        return SynthCable(
            row=self.row, id=cable_id, created=created, origin=post.origin,
            classification=classification, references=tuple(refs), header=header, body=body,
            subject=truth["subject"], tags=truth["tags"], signer=truth["signer"],
            classified_by=truth["classified_by"], paragraphs=truth["paragraphs"],
            redactions=body.count(REDACTED),
            people=tuple(f"{p.given} {p.surname}" for p in self.writer.mentioned))

    def _serial(self, post: Post, month: int, day: int) -> int:
        """Serials grow through the year at a pace set by the post's size, whatever `count`."""
        volume = post.weight * (9000 if post.code == "STATE" else 1500)
        expected = int(volume * ((month - 1) * 28 + day) / 336)
        serial = max(self.serials.get(post.code, 0) + 1,
                     expected + self.rng.randrange(1 + int(volume / 200)))
        self.serials[post.code] = serial
        return serial

    # -- header fields -------------------------------------------------------------------------

    def _references(self, post: Post, year: int) -> tuple[list[str], list[str]]:
        """Canonical IDs of the cited cables and the REF entries as the text writes them."""
        rng = self.rng
        if rng.random() > 0.42:
            return [], []
        ids: list[str] = []
        lines: list[str] = []
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
            pick = rng.random()
            if pick < 0.15:
                lines.append(self._non_cable_ref(post, year))
                continue
            cited_post = post.code if pick < 0.7 else ("STATE" if pick < 0.88 else
                                                        rng.choice(POSTS).code)
            recent = self.recent.get(cited_post)
            if not recent:
                continue
            cited_year, serial = recent[rng.randrange(len(recent))]
            cited = POST_BY_CODE[cited_post]
            cable_id = f"{cited_year % 100:02d}{cited.code}{serial}"
            if cable_id in ids:
                continue
            ids.append(cable_id)
            name = cited.banner
            if cited.code == "STATE" and rng.random() < 0.6:
                name = cited.ref_name
            number = f"{serial:06d}" if rng.random() < 0.12 else str(serial)
            prefix = "" if cited_year == year else f"{cited_year % 100:02d} "
            lines.append(f"{prefix}{name} {number}")
        return ids, lines

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

    def _tags(self, post: Post) -> tuple[list[str], str]:
        """TAGS: subject tags, the post's geo tag (and others), sometimes person tags."""
        rng = self.rng
        tags = rng.sample(SUBJECT_TAGS, rng.randint(2, 5))
        tags.append(post.geo)
        if rng.random() < 0.25:
            other = rng.choice(POSTS).geo
            if other not in tags:
                tags.append(other)
        if rng.random() < 0.15:
            org = rng.choice(ORG_TAGS)
            if org not in tags:
                tags.append(org)
        if rng.random() < 0.3 and self.writer.people:
            for person in rng.sample(self.writer.people, rng.choice((1, 1, 2))):
                tags.append(person.tag)
        separator = ", " if rng.random() < 0.2 else " "
        return tags, separator.join(tags)

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
            sender, to = f"{kind} {post.banner}", f"RUEHC/SECSTATE WASHDC {rng.randint(1, 9999)}"
        if year < 1990:
            return f"{precedence} {dtg}\nFM {sender}\nTO {to}\nBT"
        mark = {"U": "UUUUU", "C": "CCCCC", "S": "SSSSS"}[classification[0]]
        code = _routing_code(post)
        lines = [f"VZCZCXRO{rng.randrange(10000):04d}" if rng.random() < 0.5 else "VZCZCXYZ0000",
                 f"{precedence}{precedence} RUEHWEB",
                 f"DE RUEH{code} #{serial % 10000:04d}/01 {(month - 1) * 30 + day:03d}"
                 f"{minute // 60:02d}{minute % 60:02d}",
                 f"ZNY {mark} ZZH", f"{precedence} {dtg}", f"FM {sender}", f"TO {to}"]
        for i, other in enumerate(rng.sample(POSTS, rng.randint(0, 4))):
            lines.append(f"{'INFO' if i == 0 else '    '} RUEH{_routing_code(other)}/"
                         f"AMEMBASSY {other.banner} {rng.randint(1, 999)}")
        lines.append("BT")
        return "\n".join(lines)

    # -- the text ------------------------------------------------------------------------------

    def _body(self, post: Post, classification: str, year: int, month: int, day: int,
              serial: int, yy: str, ref_lines: list[str], americans: tuple[Person, ...],
              modern: bool) -> tuple[str, dict]:
        rng, writer = self.rng, self.writer
        unclassified = classification.startswith("UNCLASSIFIED")
        n_paragraphs = max(1, min(40, int(rng.lognormvariate(2.0, 0.6))))
        sections = 1 + n_paragraphs // 9 if n_paragraphs > 8 else 1
        banner = rng.choice(_BANNERS[classification])
        part = f" SECTION 01 OF {sections:02d}" if sections > 1 else ""
        nl = "\n" if rng.random() < 0.7 else " \n"
        lines = [f"{banner}{part} {post.banner} {serial:06d}", ""]
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
        tags, tag_text = self._tags(post)
        lines.append(f"TAGS: {tag_text}")
        subject = writer.subject()
        marked = f"({rng.choice(_MARKINGS[classification])}) " if rng.random() < 0.15 else ""
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
            lines.extend((wrap(reason_line, 10, nl) if rng.random() < 0.3 else reason_line, ""))
        head = nl.join(lines)

        per_line = 0 if modern else rng.randint(9, 12)
        markings = _MARKINGS[classification]
        numbered = rng.random() > 0.05
        summary = n_paragraphs >= 4 and rng.random() < 0.6
        comment = n_paragraphs >= 3 and rng.random() < 0.5
        paragraphs: list[str] = []
        for number in range(1, n_paragraphs + 1):
            if number == 1 and summary:
                text = f"SUMMARY: {writer.sentences(rng.randint(3, 6))} END SUMMARY."
            elif number == n_paragraphs and comment:
                text = f"COMMENT: {writer.comment(rng.randint(2, 5))} END COMMENT."
            else:
                text = writer.sentences(rng.randint(2, 9))
                if rng.random() < 0.08:
                    text += "".join(f"{nl}-- {writer.sentence()}" for _ in range(rng.randint(2, 4)))
            if numbered:
                marking = f"({rng.choice(markings)}) " if rng.random() < 0.93 else ""
                text = f"{number}. {marking}{text}"
            if per_line:
                text = wrap(text, per_line, nl)
            if number > 2 and n_paragraphs >= 6 and rng.random() < 0.12:
                heading = rng.choice(HEADINGS)
                if per_line:
                    heading = heading.upper()
                text = f"{heading}{nl}{'-' * len(heading)}{nl}{nl}{text}"
            if sections > 1 and number % 9 == 0 and number // 9 < sections:
                page = f"{post.banner} {serial:08d}  {number // 9 + 1:03d} OF {sections:03d}"
                text = f"{page}{nl}{nl}{text}"
            paragraphs.append(text)
        signer = americans[0].surname.upper()
        tail = [signer if rng.random() < 0.85 else americans[0].surname]
        if rng.random() < 0.1:
            city = post.banner.title().replace(" ", "_")
            tail.insert(0, f"Visit {post.banner.title()}'s Classified Website at: "
                           f"http://www.state.sgov.gov/p/{city.lower()}{nl}")
        body = head + nl + f"{nl}{nl}".join(paragraphs) + nl + nl + nl.join(tail)
        truth = {"subject": subject, "tags": tuple(tags), "signer": signer,
                 "classified_by": classified_by,
                 "paragraphs": n_paragraphs if numbered else 0}
        return body, truth


def generate(count: int, seed: int = 0) -> Iterator[SynthCable]:
    """`count` synthetic cables in date order; the same `count` and `seed` give the same cables.

    Memory stays constant (one month of timestamps, a few recent IDs per post), so the full
    251,287-cable corpus streams as easily as a hundred.
    """
    if count < 0:
        raise ValueError(f"count must be >= 0, not {count}")
    return iter(_Generator(count, seed))
