"""What extraction reads (a cable's context and paragraphs) and what it finds (mentions, meetings,
quotes). Plain dataclasses that cross process boundaries and map one-to-one onto the tables."""

from __future__ import annotations

from dataclasses import dataclass, field

PERSON, ORG, PLACE, ROLE = "person", "org", "place", "role"
ENTITY_TYPES = (PERSON, ORG, PLACE)


@dataclass(frozen=True, slots=True)
class CableContext:
    """What the cable's header and metadata say, which extraction uses as evidence.

    `country` is the FIPS code of the host country of the originating post ("FR" for Embassy
    Paris), None for Washington; `created` is 'YYYY-MM-DD HH:MM'. `addressees` are the posts
    and bodies its TO and INFO lines address, as written ("AMEMBASSY COPENHAGEN"; the
    `recipients` table): a routing line's city is another post only when the cable goes there.
    """

    id: str
    created: str | None = None
    origin: str | None = None
    country: str | None = None
    subject: str | None = None
    person_tags: tuple[str, ...] = ()
    geo_tags: tuple[str, ...] = ()
    signers: tuple[str, ...] = ()
    classified_by: tuple[str, ...] = ()
    classified_by_title: str | None = None
    addressees: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the cable's current version (`number` None for unnumbered blocks)."""

    seq: int
    number: int | None
    text: str

    @property
    def is_header(self) -> bool:
        """The cable's header block (routing, classification, subject): names, never events."""
        return self.number is None and self.seq == 0


@dataclass(slots=True)
class Mention:
    """One place a cable names a person, organisation, place or embassy role.

    `start`/`end` are offsets into the paragraph's text (None with `seq` None for what only the
    metadata says, e.g. the origin post). `name` is the name this mention resolves to inside the
    cable ("Sarkozy" -> "Nicolas Sarkozy"), `key` its comparison form, `link` why it was linked.
    """

    type: str
    text: str
    name: str
    key: str
    source: str
    seq: int | None = None
    number: int | None = None
    start: int | None = None
    end: int | None = None
    title: str | None = None
    country: str | None = None
    link: str | None = None


@dataclass(slots=True)
class Participant:
    """Who took part in a meeting: a mention of the cable (by index) or a bare label."""

    label: str
    mention: int | None = None
    role: str | None = None


@dataclass(slots=True)
class Meeting:
    """An encounter the cable reports, dated by the text (`date_source` 'text') or the cable."""

    seq: int
    number: int | None
    start: int
    end: int
    kind: str  # 'meeting' | 'call' | 'conversation' | 'meal' | 'visit'
    date: str | None
    date_source: str  # 'text' (its sentence) | 'paragraph' (an earlier sentence) | 'cable'
    place: str | None = None
    planned: bool = False
    participants: list[Participant] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    """Words a cable reports a person said, attributed to a mention of the speaker."""

    seq: int
    number: int | None
    start: int
    end: int
    text: str
    speaker: int
    verb: str | None = None


@dataclass(slots=True)
class CableEntities:
    """Everything extraction found in one cable."""

    cable_id: str
    mentions: list[Mention] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    words: int = 0
