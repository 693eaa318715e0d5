"""Entity results as JSON, typed once: what `entities.query` returns (the CLI's `--json`) and
what the web API publishes (web/models.py uses these types, it does not declare the fields
again). Keys are declared in the order the web API has always written them.
"""


from typing import Literal, NotRequired

from typing_extensions import TypedDict  # pydantic reads it on Python 3.11

EntityType = Literal["person", "org", "place", "role"]  # query.ALL_TYPES


class EntityCounts(TypedDict):
    """An entity and how much the corpus names it (dates are the cables' own)."""

    id: int
    type: str
    name: str
    mentions: int
    cables: int
    first_seen: str | None
    last_seen: str | None


class Entity(EntityCounts):
    """`key` is the name key resolution merges on; `country` the one it is tied to, if any."""

    key: str
    country: str | None


class NameUsed(TypedDict):
    name: str
    mentions: int


class TitleSeen(TypedDict):
    """A canonical title, when first and last written, how often, and as what."""

    title: str
    first: str
    last: str
    mentions: int
    written: list[str]


class ParagraphNaming(TypedDict):
    cable: str
    paragraph: int | None
    address: str
    date: str | None
    subject: str | None
    mentions: int


class EntityQuote(TypedDict):
    """What a cable reports the entity said."""

    cable: str
    paragraph: int | None
    address: str
    date: str
    text: str
    verb: str | None


class Participant(TypedDict):
    name: str
    label: str
    role: str | None
    entity_id: int | None


class Meeting(TypedDict):
    """A meeting a cable reports (`status` "held") or announces ("planned"); `dated_by` says
    what dates it: its sentence ("text"), an earlier sentence of its paragraph ("paragraph"), or
    only the cable ("cable")."""

    id: int
    date: str | None
    dated_by: str | None
    kind: str | None
    place: str | None
    planned: bool
    status: Literal["held", "planned"]
    cable: str
    paragraph: int | None
    address: str
    subject: str | None
    participants: list[Participant]
    sentence: str


class Alias(TypedDict):
    """A name merged into the entity, and why."""

    alias: str
    key: str
    mentions: int
    reason: str | None


class EntityEvidence(TypedDict):
    """One kind of evidence for the entity's mentions: the names, mentions and cables it
    covers, and its most frequent details."""

    evidence: str
    names: list[str]
    mentions: int
    cables: int
    details: list[str]


class Month(TypedDict):
    """A month of the timeline: cables naming the entity, mentions, meetings held and
    planned, quotes."""

    month: str
    cables: int
    mentions: int
    meetings: int
    planned: int
    quotes: int


class EntityDossier(EntityCounts):
    """Everything about one entity. `timeline` is added by the callers that show it (the CLI's
    `entity`, the web API)."""

    names: list[NameUsed]
    titles: list[TitleSeen]
    paragraphs: list[ParagraphNaming]
    quotes: list[EntityQuote]
    meetings: list[Meeting]
    merged_from: list[Alias]
    evidence: list[EntityEvidence]
    timeline: NotRequired[list[Month]]
    key: str
    country: str | None


class MergeResult(TypedDict):
    """A user's merge: the decision's number, the merged entity, the names it stands for."""

    decision: int
    entity: Entity
    merged_from: list[Alias]


class RejectResult(TypedDict):
    """A user's rejection: the decision's number and the mentions it dropped."""

    decision: int
    name: str
    type: str | None
    mentions_dropped: int
    key: str


class CableMention(TypedDict):
    """A resolved mention in a cable: paragraph `seq`, offsets in its text, the entity."""

    seq: int
    start: int
    end: int
    entity_id: int
    type: str
    name: str


class Decision(TypedDict):
    id: int
    action: str
    type: str | None
    name: str
    other: str | None
    note: str | None
    created_at: str


class NetworkNode(TypedDict):
    """An entity in a network drawing (`id` 'e<entity id>')."""

    id: str
    entity_id: int
    label: str
    type: NotRequired[str]
    country: NotRequired[str]
    cables: NotRequired[int]
    first: NotRequired[str]
    last: NotRequired[str]


class NetworkLink(TypedDict):
    """Two entities met (or are named together) `weight` times, from `first` to `last`."""

    source: str
    target: str
    weight: int
    first: str
    last: str


NetworkKind = Literal["meetings", "cooccurrence"]


class EntityNetwork(TypedDict):
    center: str
    kind: NetworkKind
    depth: int
    nodes: list[NetworkNode]
    links: list[NetworkLink]
