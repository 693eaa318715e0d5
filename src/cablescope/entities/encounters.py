"""Encounters read from the dependency parse of the sentences that carry a meeting word.

The phrase rules of `events` read "X met with Y" where the words sit as the rules expect; a
cable also writes "Minister X, who received the Ambassador on May 3, said", "Y was hosted by X",
"X and Y discussed", "during her talks in Madrid with X" or "X met with the Director of the
Office of Civil Aviation Y and the Chief of Staff Z". The parse says who did what to whom
whatever the words between: a meeting word (a verb or noun of the class below) and its subject,
object and prepositional objects (with, to, between, by; "on" after "call"), their coordinated
and appositive heads, the possessor of a meeting noun ("de Villepin's talks") and the subject of
the clause an opening phrase ("In a meeting with X, Y said") hangs on. A head is a party when it
lies in a person or role mention of the cable, or is "we"/"us"/"our" (the embassy), or
"he"/"she"/"him"/"her" (the person the paragraph names most so far).

Only sentences with a meeting word are parsed (`ENCOUNTER_WORD`), on Docs of their own after the
model has found the names (`extract.Extractor`): the parser adds its cost to those sentences only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cablescope.entities.lexicon import CAPITALISED_MONTHS, MONTHS, SPEECH_VERBS, TITLE_HEADS
from cablescope.entities.model import PERSON, ROLE, Mention


def _forms(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Word forms of the meeting class (the model's lemmatizer is not loaded: forms are cheaper), with
# the kind of encounter each announces. Verbs and nouns share forms ("meeting", "talks", "call"):
# the parse says which.
_KINDS: dict[str, str] = {}
for _kind, _words in {
    "meeting": "meet meets met meeting meetings session sessions host hosts hosted hosting "
               "receive receives received receiving demarche demarches demarched demarching "
               "summoned convoked "
               "brief briefs briefed briefing briefings",
    "visit": "visit visits visited visiting call calls called calling",
    "meal": "lunch lunches lunched dinner dinners breakfast breakfasts",
    "call": "phoned telephoned",
    # delivering points, or speaking, to someone: the other party only through "to"/"with"
    # ("reviewed [the demarche] with X": 194 times before "with"/"to" in 164 cables)
    "delivery": "shared delivered presented conveyed passed raised complained explained "
                "stressed underlined emphasized confided reiterated repeated pledged promised "
                "described expressed broach broached consult consulted recommended praised "
                "reviewed",
    "conversation": "tell tells told discuss discusses discussed discussing discussion "
                    "discussions talk talks talked talking conversation conversations spoke "
                    "spoken speak speaks asked urged pressed thanked assured informed warned "
                    "notified",  # "we notified X of": the party is its object, as "informed"
    # "X's May 3 request to Y", "X's pledge to Y": asked of or promised to Y, a contact; only
    # a noun with its possessor, the other party through "to" alone ("'s request" 21 times
    # before "to" and a capital, "'s pledge" 4, in 22 cables of the corpus)
    "request": "request requests pledge pledges",
}.items():
    _KINDS.update(dict.fromkeys(_forms(_words), _kind))
_THROUGH = [w for w, k in _KINDS.items() if k == "delivery"]
_CALLS = [w for w in _KINDS if w.startswith("call")]
_VISITS = ["visit", "visits", "visiting"]  # "visited X" reads alone; "a visit" needs "with"
_ASKED = [w for w, k in _KINDS.items() if k == "request"]  # only as "'s request to"
# A sentence worth parsing: a meeting word, and for the words whose other party comes only
# through "to"/"with" ("shared", "stressed") or "on"/"to" ("called on", "a phone call to"),
# that word after them.
ENCOUNTER_WORD = re.compile(
    r"(?i)\b(?:(?:" + "|".join(sorted(set(_KINDS) - set(_THROUGH) - set(_CALLS) - set(_VISITS),
                                      key=len, reverse=True))
    + r")\b|(?:" + "|".join(_THROUGH) + r")\b[^.;]{0,120}?\b(?:to|with)\b"
    + r"|(?:" + "|".join(_VISITS) + r")\b[^.;]{0,80}?\bwith\b"
    + r"|(?:" + "|".join(_ASKED) + r")\s+to\b"
    + r"|(?:" + "|".join(_CALLS) + r")\b(?:\s+(?:on|to)\b|\s+(?:\w+\s+){0,3}?with\b))")
# Forms that are only ever verbs here; the others are nouns when the parse attaches them so.
_VERB_ONLY = _forms("shared delivered presented conveyed passed raised complained explained "
                    "stressed underlined emphasized confided reiterated repeated pledged "
                    "promised described expressed asked urged pressed thanked assured "
                    "informed warned met hosted received demarched briefed visited broach "
                    "broached consult consulted summoned convoked "
                    "called told discussed talked spoke spoken lunched phoned telephoned "
                    "recommended praised reviewed notified")
_NOUN_ONLY = _forms("meetings session sessions briefings dinner dinners breakfast breakfasts "
                       "discussion discussions conversation conversations")
_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "compound",
                        "npadvmod", "dative", "oprd"})
_NOUN_MARKS = frozenset({"det", "poss", "amod", "nummod", "compound", "nmod"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
# Prepositions whose object is the other party: "met with X", "spoke to X", "call on X",
# "hosted by X", "talks between X and Y".
_PARTY_PREPS = frozenset({"with", "to", "between", "by", "among", "alongside"})
_TOPIC_PREPS = frozenset({"with", "to"})
# The verbs whose object is the meeting itself, so that their subject is a party: "X held talks
# with Y", "X had a meeting with Y".
_HOLDING = _forms("have has had having hold holds held holding attend attends attended "
                     "attending host hosts hosted request requested join joined joins "
                     "arrange arranged")
_OPENING_PREPS = frozenset({"in", "during", "at", "over", "after", "following", "on",
                            "before", "throughout"})
_EMBASSY_WORDS = frozenset({"we", "us", "our"})
_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_PLURAL = frozenset({"they", "them", "their"})
_RELATIVES = frozenset({"who", "whom", "that", "which"})
_PARTIES = (PERSON, ROLE)
_DELIVERING = _forms("shared delivered presented conveyed passed raised")
_WISHING = _forms("pleased happy glad willing ready eager prepared interested like want wants "
                  "wanted wishes wish keen open")
# Nouns a name follows without a comma: "desk officer Jane Doe", "his counterpart John Doe".
_DESCRIBED = _forms("officer officers official officials counterpart counterparts adviser "
                    "advisor advisors advisers aide aides spokesman spokeswoman spokesperson "
                    "director head chief leader member staffer expert analyst lawyer journalist "
                    "editor activist deputy assistant secretary coordinator representative "
                    # a title's abbreviation the title lexicon lacks, before a name: "to PDAS
                    # John Roe" (132 before a capitalised word, in 50 cables of the corpus)
                    "pdas")
# Verbs of a meeting only sought: "was seeking a meeting with X", "favors a meeting between X
# and Y" (the labels count neither; `events._SOUGHT` is the phrase rules' twin).
_SEEKING = _forms("seek seeks seeking sought favor favors favored favoring favour favours "
                  "favoured favouring")
# Verbs of a meeting only asked for, with "a"/"an" ("X requested a meeting with Y"; the
# fifth set's convention; `events._REQUESTED` is the phrase rules' twin).
_REQUESTING = _forms("request requests requested requesting")
# A day written after the request ("X requested a meeting with Y on May 3", "a meeting set for
# May 3", "a call for later in the day"): the contact held or fixed, read as any other.
_ANY_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))  # "september" before "sep"
REQUEST_DAY = re.compile(rf"(?i)\b(?:{_ANY_MONTH})\.?\s+\d{{1,2}}\b"
                         rf"|\b\d{{1,2}}\s+(?:{CAPITALISED_MONTHS})\b"
                         r"|\b(?:later\s+(?:in\s+)?(?:the|that)\s+day|today|tonight|tomorrow|"
                         r"this\s+(?:morning|afternoon|evening))\b")
_REFUSING = _forms("refused refuses refuse declined declines decline failed fails fail "
                   "tried try tries attempted unable")


# Words that can stand for a party without a mention: the embassy ("we", "us", "our", "Post";
# `events._extra_parties`), a person ("he", "him", "his"), two ("they", "their"; `_group`), a
# redaction (in the raw text).
_PARTY_WORD = re.compile(r"(?i)\b(?:we|us|our|he|she|him|her|his|they|them|their|post|embassy)\b")
# A redaction run: "XXXXXXXXXXXX", or the lower-case "xxxxxxxxxxxx"/"xxxxx" some posts' cables
# carry (about 2,100 runs in 211 cables of the corpus, 450 of them just before "told", "said",
# "met" ...); shorter upper-case runs are phone numbers and the like. `events` reads its
# redacted sources with it too.
REDACTION = re.compile(r"X{6,}|x{5,}")


def may_meet(text: str, raw: str, s: int, e: int, parties: Sequence[tuple[int, int]]) -> bool:
    """Whether the sentence text[s:e] can give the parse an encounter: a complete one has two
    parties, each written in the sentence as a person or role mention (`parties`: their
    offsets; a name just after the sentence's last word counts, as `_mention` reads it), a
    party word or a redaction, and at least one of them not a redaction. A sentence without
    them is not parsed: what it would give is thrown away."""
    named = sum(1 for a, b in parties if a < e + 3 and b > s)
    if named >= 2:
        return True
    words = named + sum(1 for _ in _PARTY_WORD.finditer(text, s, e))
    return words >= 2 or (words == 1 and REDACTION.search(raw, s, e) is not None)


@dataclass(slots=True)
class Encounter:
    """One meeting word of a sentence and the parties the parse gives it."""

    start: int  # the meeting word, offsets in the paragraph's text
    end: int
    kind: str
    parties: list[tuple[int, Mention]] = field(default_factory=list)
    labels: list[tuple[str, str, str | None]] = field(default_factory=list)  # label, side, role
    planned: bool = False
    sides: dict[str, list[tuple[int, Mention]]] = field(default_factory=dict)  # subject, object
    together: bool = False  # one side may hold both parties: "X and Y met"
    after: int = 0  # where the object side is written (after the word or its "with")
    reported: bool = False  # in what a party says: "X told us that he would brief Y"


def read(docs: Iterable[tuple[int, Any]], s: int, e: int,
         here: Sequence[tuple[int, Mention]], text: str | None = None) -> list[Encounter]:
    """The encounters of the sentence text[s:e], from the parsed `docs` (base offset, Doc) of its
    paragraph `text`; `here` are the paragraph's mentions (index, mention)."""
    found: list[Encounter] = []
    for base, doc in docs:
        if base >= e or base + len(doc.text) <= s or not doc.has_annotation("DEP"):
            continue  # another sentence's Doc
        for token in doc:
            at = base + token.idx
            if not s <= at < e or token.lower_ not in _KINDS:
                continue
            encounter = _encounter(token, base, here, text)
            if encounter is not None:
                found.append(encounter)
    return found


def _encounter(t: Any, base: int, here: Sequence[tuple[int, Mention]],
               text: str | None = None) -> Encounter | None:
    kind = _KINDS[t.lower_]
    verb = _is_verb(t)
    if kind == "visit" and t.lower_.startswith("call") and not (verb and any(
            c.dep_ == "prep" and c.lower_ == "on" for c in t.children)):
        if verb:
            return None  # "call on X" is a visit; "called for", "called over" are none
        kind = "call"  # "a call with X"
    through = kind == "delivery"  # the other party only through "to"/"with"
    if through:
        if not verb:
            return None
        kind = "meeting" if t.lower_ in _DELIVERING else "conversation"
    asked = kind == "request"  # "X's request to Y": the possessor and "to" only
    if asked:
        if verb or not any(c.dep_ == "poss" for c in t.children):
            return None
        kind = "conversation"
    after = base + t.idx + len(t.text)
    heads: list[tuple[Any, str]] = []
    if verb:
        heads += [(h, "subject") for h in _subjects(t)]
        for c in t.children:
            if c.dep_ in _OBJECTS and kind != "visit" and not through:
                heads.append((t.head if c.lower_ in _RELATIVES else c, "object"))
            elif c.dep_ in ("prep", "agent") and (
                    c.lower_ in _PARTY_PREPS or (kind == "visit" and c.lower_ == "on")):
                heads += [(p, "object") for p in c.children if p.dep_ == "pobj"]
                after = max(after, base + c.idx + len(c.text))
            if c.dep_ == "dobj" and kind != "visit":
                # "discussed the issue with X", "delivered the demarche to X": the parser
                # often hangs the party's "with"/"to" on the topic, not on the verb
                for p in _topic_preps(c, t.lower_):
                    heads += [(g, "object") for g in p.children if g.dep_ == "pobj"]
                    after = max(after, base + p.idx + len(p.text))
        if kind == "visit" and not t.lower_.startswith("call"):
            heads += [(c, "object") for c in t.children if c.dep_ == "dobj"]
    else:
        for c in t.children:
            if c.dep_ == "poss":
                heads.append((c, "subject"))
            elif c.dep_ == "prep" and (c.lower_ == "to" if asked else c.lower_ in _PARTY_PREPS):
                heads += [(p, "object") for p in c.children if p.dep_ == "pobj"]
                after = max(after, base + c.idx + len(c.text))
        if kind != "visit" and not any(c.dep_ == "poss" for c in t.children):
            heads += [(h, "subject") for h in _holders(t)]  # not "X's visit", "the latter's"
    if _refused(t) or _wished(t) or _sought(t):
        return None
    sides: dict[str, list[tuple[int, Mention]]] = {"subject": [], "object": []}
    labels: list[tuple[str, str, str | None]] = []
    pronouns: list[tuple[Any, str]] = []
    plural: list[tuple[Any, str]] = []
    for head, side in heads:
        for h in _coordinated(head):
            if h.lower_ in _EMBASSY_WORDS:
                labels.append(("EmbOff", side, "EmbOff"))
            elif h.lower_ in _PRONOUNS:
                pronouns.append((h, side))  # after the names: never one of them again
            elif h.lower_ in _PLURAL:
                plural.append((h, side))
            elif (found := _mention(h, base, here)) is not None:
                sides[side].append(found)
    for h, side in pronouns:
        named = {m.key for found in sides.values() for _i, m in found}
        person = _pronoun(h, base, [p for p in here if p[1].key not in named], text)
        if person is not None:
            sides[side].append(person)
    together = _together(t)
    for h, side in plural:
        named = {m.key for found in sides.values() for _i, m in found}
        group = [p for p in _group(h, base, here, text) if p[1].key not in named]
        sides[side] += group
        other = "object" if side == "subject" else "subject"
        # "their conversation": the two are the encounter's parties (a verb's subject only
        # when the verb says so: "when they meet", not "they agreed to review it")
        together = together or (h.dep_ == "poss" and len(group) == 2 and not sides[other]
                                and not any(s == other for _l, s, _r in labels))
    parties = unique(sides["subject"] + sides["object"])
    if not parties and not labels:
        return None
    start = base + t.idx
    return Encounter(start, start + len(t.text), kind, parties, labels, planned=_planned(t),
                     sides=sides, after=after, together=together,
                     reported=t.dep_ == "ccomp")


# Verbs whose party's "with" / "to" the parser may hang deeper in a long topic: "discussed the
# potential for action over [a product] with X", "delivered the demarche on the transfer of Y to
# [a country] to X" (the first "to" a topic's, its object no party). "Discuss" takes "with" only
# ("discussed the transfer of Y to Z" names no one met).
_DEEP_WITH = _forms("discuss discusses discussed discussing")
_DEEP_THROUGH = frozenset(_THROUGH)
# Clauses inside a topic: their "with" is their own verb's ("discussed the deal he signed with X").
_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj"})


def _topic_preps(obj: Any, verb: str) -> list[Any]:
    """The "with"/"to" of a verb's object `obj` that may hold its other party: the object's own
    ("discussed the issue with X"), and for "discuss" ("with") and the delivering verbs ("to" /
    "with") any deeper in the object's phrase, not inside a clause of its own."""
    out = [p for p in obj.children if p.dep_ == "prep" and p.lower_ in _TOPIC_PREPS]
    if verb in _DEEP_WITH:
        wanted: frozenset[str] = frozenset({"with"})
    elif verb in _DEEP_THROUGH:
        wanted = _TOPIC_PREPS
    else:
        return out
    for p in obj.subtree:
        if p.dep_ != "prep" or p.lower_ not in wanted or p in out:
            continue
        up, inside = p.head, True
        while up.i != obj.i:
            if up.dep_ in _CLAUSES or up.head.i == up.i:
                inside = False
                break
            up = up.head
        if inside:
            out.append(p)
    return out


def complete(encounter: Encounter) -> bool:
    """Whether an encounter has two parties, one on each side unless one side can hold both
    ("X and Y met")."""
    keys = {m.key for _i, m in encounter.parties} | {label for label, _s, _r in encounter.labels}
    sides = {side for _l, side, _r in encounter.labels} | {
        side for side, found in encounter.sides.items() if found}
    return len(keys) >= 2 and (len(sides) >= 2 or encounter.together)


def _refused(t: Any) -> bool:
    """"refused to discuss", "declined to meet", "did not meet", "never met": no encounter."""
    if any(c.dep_ == "neg" for c in t.children):
        return True
    return t.dep_ == "xcomp" and (t.head.lower_ in _REFUSING or any(
        c.dep_ == "neg" for c in t.head.children))


def _wished(t: Any) -> bool:
    """"would be pleased to meet", "is ready to discuss": a wish, not an announced meeting."""
    return t.dep_ == "xcomp" and t.head.lower_ in _WISHING


def _sought(t: Any) -> bool:
    """A meeting only sought: "seeking a meeting with X", "favors a meeting between X and Y",
    "X requested a meeting with Y" (not "requested the meeting", the one held, nor one
    with a day after it, `REQUEST_DAY`): no encounter (the labels count none)."""
    return t.dep_ == "dobj" and (t.head.lower_ in _SEEKING or (
        t.head.lower_ in _REQUESTING and any(c.dep_ == "det" and c.lower_ in ("a", "an", "another")
                                             for c in t.children)
        and not REQUEST_DAY.search(t.sent.text, t.idx - t.sent.start_char)))


def _is_verb(t: Any) -> bool:
    low = t.lower_
    if low in _VERB_ONLY:
        return True
    if low in _NOUN_ONLY or t.dep_ in _NOUN_DEPS:
        return False
    return not any(c.dep_ in _NOUN_MARKS for c in t.children)


def _subjects(t: Any) -> list[Any]:
    """The subject of a verb, reached through "and", "to", relative clauses and participles."""
    while True:
        subjects = [c for c in t.children if c.dep_ in _SUBJECTS or c.dep_ == "agent"]
        subjects = [p for c in subjects for p in ((c,) if c.dep_ != "agent" else
                                                  [g for g in c.children if g.dep_ == "pobj"])]
        if t.dep_ in ("relcl", "acl"):  # "the Minister, who met X": the noun it describes
            if any(c.dep_ in _OBJECTS and c.lower_ in _RELATIVES for c in t.children):
                return subjects  # "the Minister, whom X met": the noun is the object
            return [c for c in subjects if c.lower_ not in _RELATIVES] or [t.head]
        if subjects or t.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "acomp") or \
                t.head is t:
            return subjects
        t = t.head


def _holders(t: Any) -> list[Any]:
    """Who held a meeting written as a noun: "X held talks with Y" (the verb's subject), "In a
    meeting with Y, X said" (the subject of the clause the opening phrase belongs to)."""
    head = t.head
    if t.dep_ == "dobj" and head.lower_ in _HOLDING:
        return _subjects(head)
    if t.dep_ == "pobj" and head.lower_ in _OPENING_PREPS and head.head is not head:
        return _subjects(head.head)
    return []


def _together(t: Any) -> bool:
    """Whether one side can hold both parties: "X and Y met", "talks between X and Y"."""
    if t.lower_ in _KINDS and _is_verb(t):
        return t.lower_ in ("met", "meet", "meets", "meeting", "talked", "spoke", "lunched")
    return any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in t.children)


def _coordinated(head: Any) -> list[Any]:
    """A head and those "and", "as well as" and commas join to it."""
    out = [head]
    for c in head.children:
        if c.dep_ == "conj":
            out += _coordinated(c)
    return out


def _mention(h: Any, base: int, here: Sequence[tuple[int, Mention]]
             ) -> tuple[int, Mention] | None:
    """The person or role mention a head stands for: the one it lies in, else one in its name
    phrase (compounds, an apposition, "Head of the Office of X Y" after a title)."""
    for token in _name_phrase(h):
        at = base + token.idx
        for i, m in here:
            if m.type in _PARTIES and m.start is not None and m.end is not None and \
                    m.start <= at < m.end:
                return i, m
    if h.lower_.rstrip(".") in TITLE_HEADS or h.lower_ in _DESCRIBED:  # "desk officer Jane Doe"
        # the name after the phrase, or after the word itself where the parser hung the name
        # and more below it ("to PDAS [name] in [city] for ...")
        edges = (base + h.right_edge.idx + len(h.right_edge.text), base + h.idx + len(h.text))
        for i, m in here:
            if m.type == PERSON and m.start is not None and any(
                    0 < m.start - edge <= 2 for edge in edges):
                return i, m
    return None


def _name_phrase(h: Any) -> list[Any]:
    out = [h]
    for c in h.children:
        if c.dep_ in ("compound", "appos", "flat", "nmod"):
            out += _name_phrase(c)
        elif c.dep_ == "prep" and c.lower_ == "of" and h.lower_.rstrip(".") in TITLE_HEADS:
            out += [g for p in c.children if p.dep_ == "pobj" for g in _name_phrase(p)]
    return out


def _pronoun(h: Any, base: int, here: Sequence[tuple[int, Mention]], text: str | None = None
             ) -> tuple[int, Mention] | None:
    """Who "he"/"she" is: the subject of the sentence before it, when a person ("X told Y he
    was proud to be meeting Z": X), else the person the paragraph names most so far."""
    if h.dep_ in _SUBJECTS:
        root = h.sent.root
        if root.i < h.i and not any(c.dep_ in _SUBJECTS for c in root.children):
            return None  # "XXXXXXXXXXXX told us that he ...": the teller blanked, "he" unknown
        before = list(h.sent[: h.i - h.sent.start])
        main = [c for c in before if c.dep_ in _SUBJECTS and c.lower_ not in _PRONOUNS
                and (c.head.dep_ == "ROOT" or (c.head.head.dep_ == "ROOT" and
                                               c.head.dep_ == "conj"))]  # main clause first
        for c in main[::-1] + [c for c in before[::-1] if c.dep_ in _SUBJECTS
                               and c.lower_ not in _PRONOUNS]:
            found = _mention(c, base, here)
            if found is not None and found[1].type == PERSON:
                return found
    return salient(here, base + h.idx, text)


# Where a sentence ends: its stop, a closing quote or bracket, then space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")


def _group(h: Any, base: int, here: Sequence[tuple[int, Mention]], text: str | None = None
           ) -> list[tuple[int, Mention]]:
    """Who "they"/"their" are, when two people and no others can be: the first two the clauses
    the pronoun's clause hangs on name before it ("Minister X has a note to hand to
    Senator Y when they meet"; a third person there is no one), else, for "their" before a
    meeting noun in a sentence whose subject is "he"/"she" and that names no person or role
    before it, the two the sentence before names ("X said that Y had misled him. He described
    their talks": X and Y). A group of three or more, or one person, is no one: a delegation
    or an office is not a pair the text fixes."""
    clause = h.head.head if h.dep_ == "poss" else h.head
    people = [(i, m) for i, m in here if m.type == PERSON and m.start is not None
              and m.end is not None]
    top, below = clause, {k.i for k in clause.subtree}
    while clause.dep_ in ("advcl", "relcl") and top.head.i != top.i:
        top = top.head  # up from "to hand to Y" to "X has a note to hand to Y"
        inside = {base + k.idx for k in top.subtree if k.i < h.i and k.i not in below}
        pair = unique([(i, m) for i, m in people if any(
            (m.start or 0) <= at < (m.end or 0) for at in inside)])
        if len(pair) >= 2:
            return pair if len(pair) == 2 else []
    start = base + h.sent.start_char
    if text is None or h.dep_ != "poss" or not any(
            c.dep_ in _SUBJECTS and c.lower_ in ("he", "she") for c in h.sent.root.children
    ) or any(m.type in _PARTIES and m.start is not None and start <= m.start < base + h.idx
             for _i, m in here):
        return []  # "They spoke of ...", "his remarks to the CG in their meeting": not a pair
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, len(text[:start].rstrip()))]
    before = ends[-1] if ends else 0
    pair = unique([(i, m) for i, m in people if before <= (m.start or 0) and
                   (m.end or 0) <= start])
    return pair if len(pair) == 2 else []


# A person's name followed by a speech verb: "Minister X told us", "X, the party's leader, said".
_SPEAKS = re.compile(r"\s*(?:,[^,.;]{1,60},\s*)?(?:also\s+|\w+ly\s+)?(?:"
                     + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")\b")


# "The Ambassador raised the remarks with the Minister on May 3. She spoke by phone with X":
# a "he" or "she" that opens a sentence is the party that opened the sentence before it, in the
# same paragraph (after the paragraph's number and classification, "the", "then" or an opening
# date), a post's officer ("the Ambassador", "PolOff") as well as a person: the count of the
# paragraph's people in `salient` never reaches the officer and may pick the one the officer
# spoke of. The pronoun's sentence, up to `before` (the pronoun or the contact word after it):
# "he"/"she" and at most two words.
_PRONOUN_OPENS = re.compile(r"(?i)[\s\W]*(?:he|she)\b(?:\s+[\w'’-]+){0,2}\s*$|[\s\W]*$")
_PRONOUN_FIRST = re.compile(r"(?i)[\s\W]*(?:he|she)\b")
_HEAD_AFTER = re.compile(r"(?:['’]s)?\s+([a-z][\w-]*)\s+$")  # "X attorney Y": Y
_OWNED = re.compile(r"\s*['’]s\b")  # "X's remark reminded us of a talk with Y. She ...": not X
_SUBJECT_OPENS = re.compile(r"(?i)[\s\W]*(?:\d{1,2}\.\s*)?(?:\([A-Z/]{1,6}\)\s*)?"
                            r"(?:(?:on|in)\s+[\w ,]{1,20},\s+)?(?:then\s+)?(?:the\s+)?$")


def _sentence_before(here: Sequence[tuple[int, Mention]], before: int, text: str
                     ) -> tuple[int, Mention] | None:
    """The party (person or role) that opens the sentence before the one holding `before`,
    when a "he"/"she" opens that one; None otherwise."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, before)]
    if not ends:
        return None
    start = ends[-1]
    if not (_PRONOUN_FIRST.match(text, start) and _PRONOUN_OPENS.match(text, start, before)):
        return None
    previous = ends[-2] if len(ends) > 1 else 0
    parties = [(i, m) for i, m in here if m.type in (PERSON, ROLE) and m.start is not None
               and previous <= m.start < start]
    if not parties or not _SUBJECT_OPENS.match(text, previous, parties[0][1].start or 0):
        return None
    k = 0  # "X attorney Y", "X's lawyer Y": the head is Y
    while k + 1 < len(parties) and (head := _HEAD_AFTER.match(
            text[parties[k][1].end or 0:parties[k + 1][1].start or 0])) and (
            head.group(1) in TITLE_HEADS or head.group(1) in _DESCRIBED):
        k += 1  # a title or a description between: not "X met Y"
    return None if _OWNED.match(text, parties[k][1].end or 0) else parties[k]


def salient(here: Sequence[tuple[int, Mention]], before: int,
            text: str | None = None) -> tuple[int, Mention] | None:
    """"he"/"she": the party that opened the sentence before, when the pronoun opens its own
    (`_sentence_before`), else the person who last spoke in the paragraph before the pronoun
    ("Minister X told us that ... He also told us": X; needs the paragraph's `text`), else the
    person the paragraph names most before it (the latest of ties)."""
    opener = _sentence_before(here, before, text) if text is not None else None
    if opener is not None:
        return opener
    prior = [(i, m) for i, m in here if m.type == PERSON and (m.end or 0) <= before]
    if not prior:
        return None
    if text is not None:
        speakers = [p for p in prior if _SPEAKS.match(text, p[1].end or 0)]
        if speakers:
            return speakers[-1]
    counts: dict[str, int] = {}
    for _i, m in prior:
        counts[m.key] = counts.get(m.key, 0) + 1
    return max(reversed(prior), key=lambda p: counts[p[1].key])


def _planned(t: Any) -> bool:
    """"will meet", "plans to call on", "is scheduled to host", "an upcoming meeting"."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "to", "'ll", "shall")
           for c in t.children):
        return True
    if any(c.dep_ == "amod" and c.lower_ in ("upcoming", "planned", "proposed", "next")
           for c in t.children):
        return True
    return t.dep_ == "xcomp" and t.head.lower_ in ("plans", "plan", "planned", "hopes", "hope",
                                                 "expects", "expected", "scheduled", "intends",
                                                 "wants", "agreed", "asked", "requested")


def unique(parties: list[tuple[int, Mention]]) -> list[tuple[int, Mention]]:
    """Parties once each (by entity key), in order."""
    seen: set[str] = set()
    out = []
    for i, m in parties:
        if m.key not in seen:
            seen.add(m.key)
            out.append((i, m))
    return out
