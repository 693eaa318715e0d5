"""Sentences and paragraphs for synthetic cables: templates with slots plus Zipf word runs.

Speed matters (251,287 cables, ~1.5 GB, in a couple of minutes on one core): words come from a
pre-drawn Zipf pool in batches of thousands (two random bytes a word), templates are parsed
once, and filling a sentence is a join over a short list.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from functools import partial
from operator import itemgetter

from cablescope.synth.vocab import VOCABULARY, ZIPF_POOL, indices
from cablescope.synth.world import Person

REDACTED = "XXXXXXXXXXXX"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_BATCH = 8192
_TAIL_START = 2000  # vocabulary ranks past this are rare words, mixed in one per sentence
_TAIL_SIZE = len(VOCABULARY) - _TAIL_START

# A template is text with slots: {f4} = a run of about four Zipf-drawn words (short phrases),
# {p} = a local official (title and full name the first time, surname after), {a} = one of our
# officials, {d} = a day, {y} = a year, {n} = a number, {s} = a source (redacted in cables that
# protect sources), {w} = a rare word, {q} = a quotation, {o} = an institution, {r} = a REF letter.
TEMPLATES = (
    "{p} told {a} that {f4} {w} before {d}.",
    "{p} met {a} on {d} to discuss {f4} and {f2}.",
    "According to {p}, {f6} {w}.",
    "{f6} {w}, {p} said.",
    "{p} said the {o} would not accept {f4} unless {f4}.",
    "The {o} has {f4} since {d}, and {f4} {w}.",
    "{a} pressed {p} on {f4}; {p} replied that {f6}.",
    "{s} told {a} that {f6} {w}.",
    "In a meeting with {a}, {p} described {f4} as {q}",
    "{p} said, {q}",
    "Some {n} {f2} {f2} in {w}, up from {n} in {y}.",
    "{f4} {w}, while {f4}.",
    "{p} and {p} disagreed over {f4} {w}.",
    "{f6} {w} {f2}.",
    "The {o} plans to review {f2} for {n} {w} by {d}.",
    "{a} noted that {f4} {w} (ref {r}).",
    "Post assesses that {f6} {w}.",
    "{s}, a {f2} contact, said the {o} {f4}.",
    "{p}'s {f4} {w} {f2}.",
    "The {o} announced on {d} that {f6} {w}.",
    "{a} urged the {o} to consider {f4} {w}.",
    "The {w} {f4} remains {f2}, {p} noted.",
)
COMMENT_TEMPLATES = (
    "{f6} {w} {f4}.",
    "Post believes the {o} will reconsider {f4} {w}.",
    "{p} remains focused on {f4} {w}, and {f4}.",
    "We will continue to follow {f4} {w} {f2}.",
)
HEADINGS = ("Background", "Political Dynamics", "Economic Outlook", "Security Situation",
            "Next Steps", "The View from the Ministry", "Reactions", "Legal Framework",
            "Regional Implications", "Meeting with the Minister", "Civil Society", "Outlook")
OFFICES = ("MFA", "Ministry of Interior", "Ministry of Finance", "Ministry of Defense",
           "Ministry of Justice", "Central Bank", "ruling party", "opposition", "parliament",
           "Presidency", "Supreme Court", "Election Commission", "National Security Council",
           "General Staff", "customs service", "national police")
US_GROUPS = ("PolOff", "EconOff", "EmbOffs", "Poloffs", "the Ambassador", "DCM", "Post",
             "the Charge", "visiting delegation members", "PolMilOff")


Part = str | Callable[[], str]


def _split(template: str) -> list[str]:
    """Literal / slot parts: literals at even positions, slot names at odd ones."""
    return re.split(r"\{(\w+)\}", template)


class Writer:
    """Text for one cable at a time; `start` sets the cast and style of the next cable."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._words: tuple[str, ...] = ()
        self._pos = 0
        self.people: tuple[Person, ...] = ()
        self.americans: tuple[Person, ...] = ()
        self.year = 2000
        self.refs: list[str] = []
        self.protect = False
        self.curly = False
        self._named: set[Person] = set()
        self._last: Person | None = None
        self.mentioned: list[Person] = []
        self._slots: dict[str, Callable[[], str]] = {
            "p": self._person, "a": self._american, "d": self._date, "n": self._number,
            "s": self._source, "w": self._rare, "q": self._quote, "o": self._office,
            "r": self._ref, "y": self._year,
        }
        self._templates = [self._compile(t) for t in TEMPLATES]
        self._comments = [self._compile(t) for t in COMMENT_TEMPLATES]

    def _compile(self, template: str) -> list[Part]:
        """Template parts as literal strings and slot functions, parsed once."""
        parts: list[Part] = []
        for i, part in enumerate(_split(template)):
            if i % 2 == 0:
                if part:
                    parts.append(part)
            elif part[0] == "f":
                parts.append(partial(self.words, int(part[1:])))
            else:
                parts.append(self._slots[part])
        return parts

    def start(self, people: tuple[Person, ...], americans: tuple[Person, ...], year: int,
              refs: list[str], protect: bool, curly: bool) -> None:
        self.people, self.americans, self.year = people, americans, year
        self.refs, self.protect, self.curly = refs, protect, curly
        self._named = set()
        self.mentioned = []

    # -- slots ---------------------------------------------------------------------------------

    def words(self, count: int) -> str:
        """About `count` words: count/2 phrases of the Zipf pool."""
        count = max(1, count // 2)
        if self._pos + count > len(self._words):
            self._words = itemgetter(*indices(self.rng, _BATCH))(ZIPF_POOL)
            self._pos = 0
        start = self._pos
        self._pos += count
        return " ".join(self._words[start:self._pos])

    def _rare(self) -> str:
        return VOCABULARY[_TAIL_START + int(self.rng.random() * _TAIL_SIZE)]

    def _person(self) -> str:
        """A local official, the first few far more often (as a post's key contacts are)."""
        index = int(self.rng.random() ** 1.7 * len(self.people))
        if self.people[index] is self._last:  # not "Dupont and Dupont disagreed"
            index = (index + 1) % len(self.people)
        person = self._last = self.people[index]
        if self.protect and self.rng.random() < 0.15:
            return REDACTED
        if person in self._named:
            return person.surname
        self._named.add(person)
        self.mentioned.append(person)
        return f"{person.title} {person.given} {person.surname}"

    def _american(self) -> str:
        if self.rng.random() < 0.5:
            return self.rng.choice(US_GROUPS)
        person = self.rng.choice(self.americans)
        return f"{person.title} {person.surname}"

    def _source(self) -> str:
        return REDACTED if self.protect else self._person()

    def _date(self) -> str:
        rng = self.rng
        if rng.random() < 0.75:
            return f"{MONTHS[rng.randrange(12)]} {rng.randint(1, 28)}"
        return f"{rng.randint(1, 12)}/{rng.randint(1, 28)}"

    def _year(self) -> str:
        return str(self.year - self.rng.randrange(1, 5))

    def _number(self) -> str:
        value = int(10 ** (self.rng.random() * 4))
        return f"{value:,}" if value >= 1000 else str(value)

    def _office(self) -> str:
        return self.rng.choice(OFFICES)

    def _ref(self) -> str:
        return "A" if len(self.refs) < 2 else chr(65 + self.rng.randrange(len(self.refs)))

    def _quote(self) -> str:
        opening, closing = ("“", "”") if self.curly else ('"', '"')
        said = f"{self.words(4)} {self._rare()} {self.words(4)}"
        return f"{opening}{said[0].upper()}{said[1:]}.{closing}"

    # -- sentences and paragraphs --------------------------------------------------------------

    def _fill(self, parts: list[Part]) -> str:
        text = "".join([part if part.__class__ is str else part()  # type: ignore[operator]
                        for part in parts])
        return text[0].upper() + text[1:]

    def sentence(self) -> str:
        return self._fill(self._templates[int(self.rng.random() * len(self._templates))])

    def sentences(self, count: int) -> str:
        random, templates, size = self.rng.random, self._templates, len(self._templates)
        return " ".join([self._fill(templates[int(random() * size)]) for _ in range(count)])

    def comment(self, count: int) -> str:
        return " ".join(self._fill(self.rng.choice(self._comments)) for _ in range(count))

    def subject(self) -> str:
        """A SUBJECT line text (upper case), sometimes long enough to wrap."""
        rng = self.rng
        form = rng.random()
        if form < 0.25 and self.people:
            person = self.people[rng.randrange(len(self.people))]
            host = self.americans[0] if self.americans else person
            return f"{host.given} {host.surname}'S CALL ON {person.title} {person.surname}".upper()
        if form < 0.4 and self.people:
            person = self.people[rng.randrange(len(self.people))]
            return f"SCENESETTER FOR {person.title} {person.surname}'S VISIT".upper()
        if form < 0.75:
            return f"{self._rare()}: {self.words(rng.randint(3, 9))}".upper()
        return f"{self.words(rng.randint(4, 12))} {self._rare()}".upper()


def wrap(text: str, per_line: int, newline: str) -> str:
    """Hard line breaks every `per_line` words (cheap, and ragged like a telegram)."""
    tokens = text.split(" ")
    if len(tokens) <= per_line:
        return text
    return newline.join(" ".join(tokens[i:i + per_line])
                        for i in range(0, len(tokens), per_line))
