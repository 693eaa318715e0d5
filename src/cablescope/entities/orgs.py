"""Organisation names: one canonical name per body, scoped to a country where the name is generic.

"MFA", "Foreign Ministry", "the Ministry of Foreign Affairs" and "French MFA" in a Paris cable are
all "Ministry of Foreign Affairs (France)"; the same words in a Cairo cable are Egypt's ministry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from cablescope.entities.countries import (
    DEMONYMS,
    code_for_short,
    code_for_words,
    country_name,
    matches_gov_abbreviation,
)
from cablescope.entities.givennames import given_name
from cablescope.entities.lexicon import (
    CRAFT_MODELS,
    DESCRIPTIONS,
    FIXED_GOVERNMENTS,
    GENERIC_ORG_HEADS,
    GOV_ABBREVIATION,
    KNOWN_ORGS,
    NOT_GOV_ABBREVIATIONS,
    ORG_ABBREVIATIONS,
    ORG_HEAD_WORDS,
    TEXT_ACRONYMS,
    TITLE_HEADS,
    TITLE_PHRASES,
    title_for,
)
from cablescope.entities.model import ORG
from cablescope.entities.names import fold, name_key
from cablescope.entities.spans import Span
from cablescope.parse.posts import POST_ORIGINS

# Ministry topics written several ways -> one canonical topic.
_TOPICS = {
    "foreign": "Foreign Affairs", "foreign affairs": "Foreign Affairs",
    "external affairs": "Foreign Affairs", "interior": "Interior", "home affairs": "Interior",
    "defense": "Defense", "defence": "Defense", "finance": "Finance", "economy": "Economy",
    "economy and finance": "Economy and Finance", "finance and economy": "Economy and Finance",
    "justice": "Justice", "health": "Health", "education": "Education", "energy": "Energy",
    "trade": "Trade", "agriculture": "Agriculture", "labor": "Labor", "labour": "Labor",
    "environment": "Environment", "culture": "Culture", "communications": "Communications",
    "transport": "Transport", "transportation": "Transport", "tourism": "Tourism",
    "industry": "Industry", "planning": "Planning", "information": "Information",
    "social affairs": "Social Affairs", "immigration": "Immigration", "security": "Security",
    "public security": "Public Security", "oil": "Oil", "petroleum": "Oil",
}
# A ministry's topic written as one word ("Interior", "Justice"), the form `title_topic` reads.
MINISTRY_TOPIC_WORDS: frozenset[str] = frozenset(t for t in _TOPICS if " " not in t)

_MINISTRY_OF = re.compile(r"^ministry of (?:the )?(.+)$")
# "Ministry for Foreign Affairs" (83 times in 68 cables, beside "MFA" in 37 of them) is the
# ministry of a topic the cables also write with "of"; other "Ministry for X" keep their "for".
_MINISTRY_FOR = re.compile(r"^ministry for (?:the )?(.+)$")
_X_MINISTRY = re.compile(r"^(.+?) ministry$")


@dataclass(frozen=True, slots=True)
class OrgName:
    """A canonical organisation: `name` for display, `country` (FIPS) when the name is generic."""

    name: str
    country: str | None = None

    @property
    def key(self) -> str:
        """The grouping key: the folded name, plus the country for generic bodies."""
        base = name_key(self.name)
        return f"{base}|{self.country.lower()}" if self.country else base

    @property
    def display(self) -> str:
        place = country_name(self.country)
        return f"{self.name} ({place})" if place else self.name


# A body's name never ends in a word that asks for more: a preposition, an article or a
# conjunction. A name that does was cut short, mostly where the line wrapped ("the Office of\n
# harbour affairs", "the Board of\nDirectors", "the Consulate in Portown"), and its stump names
# no body. ("Ministry of Foreign", as often cut before a wrapped "Affairs", stays the foreign
# ministry.)
_CUT_SHORT = frozenset({"of", "for", "in", "on", "and", "the", "to", "at", "de", "del", "&"})


def _generic(folded: str) -> bool:
    return any(folded == head or folded.startswith(head + " of ") for head in GENERIC_ORG_HEADS)


def _ministry(folded: str) -> str | None:
    m = _MINISTRY_OF.match(folded) or _X_MINISTRY.match(folded)
    if not m:
        m = _MINISTRY_FOR.match(folded)
        if not m or m.group(1).strip() not in _TOPICS:
            return None
    topic = m.group(1).strip()
    canonical = _TOPICS.get(topic)
    if canonical is None:
        return "Ministry of " + " ".join(w.capitalize() if w not in {"and", "of", "the"} else w
                                         for w in topic.split())
    return f"Ministry of {canonical}"


# The Department of State in the word order the cables also use (about 270 times).
_STATE_DEPARTMENT = re.compile(r"(?i)(?:U\.?S\.?\s+)?State\s+(?:Department|Dept\.?)")


def normalize_org(text: str, country: str | None = None,
                  geo: tuple[str, ...] = ()) -> OrgName | None:
    """The canonical organisation a surface form names, in a cable hosted in `country`.

    `geo` are the cable's geographic TAGS, used to resolve `GO<X>` abbreviations that do not fit
    the host country. Returns None for strings that are not organisation names at all.
    """
    raw = re.sub(r"['’]s$", "", text.strip().strip(".,;:()\"“”")).strip()
    if raw.lower().startswith("the "):
        raw = raw[4:]
    if not raw:
        return None
    if _STATE_DEPARTMENT.fullmatch(raw):  # "the (U.S.) State Department": one body
        return OrgName("Department of State")
    if re.fullmatch(r"(?:Mo|Go)[A-Z]{1,3}", raw):  # "MoD", "MoFA"; "GoR", the government
        raw = raw.upper()
    upper = raw.upper() == raw
    if upper and raw in FIXED_GOVERNMENTS:
        return OrgName("Government", FIXED_GOVERNMENTS[raw])
    if upper and raw in ORG_ABBREVIATIONS:
        full = ORG_ABBREVIATIONS[raw]
        fixed = re.fullmatch(r"(.+) \(([A-Z]{2})\)", full)
        if fixed:  # "FCO": the UK's Foreign Office, named as "the Foreign Office" in London
            return OrgName(fixed.group(1), fixed.group(2))
        if "{country}" in full:
            base = full.replace(" ({country})", "")
            return OrgName(base, country) if country else OrgName(base)
        return OrgName(full)
    if upper and GOV_ABBREVIATION.fullmatch(raw) and raw not in NOT_GOV_ABBREVIATIONS:
        for code in (country, *geo):
            if code and matches_gov_abbreviation(raw, code):
                return OrgName("Government", code)
        return OrgName(raw)
    folded = fold(raw)
    words = folded.split()
    if words and words[-1] in _CUT_SHORT:  # "Office of", "Board of": a stump
        return None
    # "French MFA", "Egyptian Foreign Ministry", "Brazilian Congress": the country is named.
    named_country = None
    for n in (1, 2):  # "Japanese Finance Ministry", "South Korean MFA"
        if len(words) > n and code_for_words(" ".join(words[:n])):
            named_country = code_for_words(" ".join(words[:n]))
            rest = " ".join(raw.split()[n:])
            inner = normalize_org(rest, named_country, ())
            if inner and inner.country == named_country:
                return inner
            break
    # "Government of Ruritania", "Government of the United States": its country's standard form,
    # one entity with "the U.S. Government" (an embassy "of the" country is left as it was)
    m = re.match(r"^(government|embassy) of ([a-z ]+)$", folded)
    if m:
        named = m.group(2).removeprefix("the ") if m.group(1) == "government" else m.group(2)
        if code := code_for_words(named):
            return OrgName(m.group(1).capitalize(), code)
    ministry = _ministry(folded)
    if ministry:
        return OrgName(ministry, named_country or country)
    if _generic(folded):
        name = " ".join(w if w.isupper() else w.capitalize() if w.islower() else w
                        for w in raw.split())
        return OrgName(name, named_country or country)
    return OrgName(raw if not upper or len(raw) <= 6 else raw.title())


def _capitalised(demonym: str) -> str:
    return " ".join(w.upper() if "." in w else w.capitalize() for w in demonym.split())


# "the Ruritanian government", "a Ruritanian government official": a country's adjective before
# "government" in lower case (the lead's label convention of round 15); so too "the Ruritanian
# congress", which the labelled sets label as written (3 of 3 uses). So too a country's short
# name before it ("the UK government", "the United States government"), and "Government"
# capitalised after either ("the U.S. Government", "the Ruritanian Government"), which the model
# leaves out too: the labelled sets label them as the country's government. A capitalised word
# after it makes another body's name ("the U.S. Government Accountability Office").
_GOVERNMENT_WORD = r"(?:government|Government(?![ \t\n]+[A-Z]))"
_SHORT_COUNTRIES = ("UK", "U.K.", "US", "United States", "United Kingdom")
_ADJECTIVE_GOVERNMENT = re.compile(
    # a capital or an article first: the long alternation is tried at few word starts
    r"(?<![\w-])(?=[A-Z]|[Tt]he\s|[Aa]n?\s)(?:(?P<article>[Tt]he|[Aa]n?)\s+)?"
    r"(?:(?P<adjective>(?:" + "|".join(
        r"\s+".join(re.escape(w) for w in _capitalised(d).split())
        for d in sorted(DEMONYMS, key=len, reverse=True) if d not in ("us", "finn", "icelander"))
    + r")\s+(?:congress|" + _GOVERNMENT_WORD + r"))|(?P<short>(?P<country>" + "|".join(
        r"\s+".join(re.escape(w) for w in short.split()) for short in _SHORT_COUNTRIES)
    + r")\s+" + _GOVERNMENT_WORD + r"))(?![\w-])")
# Without an article the phrase is an attribute ("Ruritanian government officials", "in
# Ruritanian government custody", "Poloff and U.K. Government staff"), still the country's
# government; but a capitalised word right before it within a sentence may be a longer
# adjective the list lacks ("the [Region] Norwegian government", a people of two words), so that
# form is left out (a sentence's first word is not: "In Ruritanian government custody"). The
# United States' own ("U.S. government offices", "U.S. Government staff") is left out too: a
# Department cable's boilerplate attribute, which the labelled sets label in one of the two
# cables that write it.
_CAPITALISED_BEFORE = re.compile(r"(?<![.:;!?\"(])[ \t\n]+[A-Z][\w.'’-]*[ \t\n]+$")


def government_spans(seq: int, text: str) -> list[Span]:
    """A government written with its country's adjective and "government" in lower case ("the
    Ruritanian government said", "a Ruritanian government official", "Ruritanian government
    officials"): that country's government, an organisation (`normalize_org` names it
    "Government (Ruritania)"). The model reads the adjective as a nationality and leaves the
    phrase out; the cables write it about 2,200 times, and the labelled sets label it as
    written, like "Government of Ruritania". So too its congress in lower case ("the Ruritanian
    congress", 14 uses in 14 cables), a short name's government ("the UK government", named
    "Government of United Kingdom"), a capitalised "Government" after either, and "the
    government of Ruritania" (`_government_of`)."""
    if "overnment" not in text and "congress" not in text:  # four paragraphs in five
        return _government_of(seq, text)
    found: list[Span] = []
    for m in _ADJECTIVE_GOVERNMENT.finditer(text):
        if not m.group("article") and (
                _CAPITALISED_BEFORE.search(text, max(0, m.start() - 40), m.start())
                or code_for_words(fold(" ".join(m.group(0).split()[:-1]))) == "US"):
            continue
        found.append(Span(seq, *m.span("adjective"), ORG, "government", 3)
                     if m.group("adjective") else
                     Span(seq, *m.span("short"), ORG, "government", 3, name="Government of "
                          f"{country_name(code_for_short(' '.join(m.group('country').split())))}"))
    return found + _government_of(seq, text)


# "the Government said", "this Government's aid": "Government" capitalised and alone, in a
# post's cable, is the host country's government; the labelled sets label it so in 6 of the
# 7 cables that write it. Post cables write it so 281 times in 172 cables (a sample of 40
# read: all the host's). Not a body named after it ("the Government Accountability Office"),
# "the Government of Ruritania" (its own rules), nor "the Government and people of
# Ruritania" or "the Government there", another country's.
# So too after a ruling party's word or "next" / "new" ("the Liberal Government", "when the new
# Government takes office"): 14 uses in 12 post cables of the corpus, all read the host's; the
# party words are the generic parties' (`GENERIC_ORG_HEADS`), not a leader's name or a level
# ("the Federal Government", "the Unity Government"). The labels write the party's word as part
# of the name ("Liberal Government"), "next" / "new" not.
# So too a party's word before "government" in lower case, after "the", "this" or "a" ("the
# Labour government", "a future Conservative government"), and India's "Congress": 75 uses in
# 54 post cables, 73 read the host's (one a state's, one another country's); the labelled sets
# label it as an alias of the host's government. Without the party's word, "the government" in
# lower case is left to the model.
_PARTY_WORDS = sorted(h.split()[0].capitalize() for h in GENERIC_ORG_HEADS
                      if h.endswith(" party") and h[: -len(" party")].isalpha())
_HOST_GOVERNMENT = re.compile(
    r"(?<![\w-])(?:(?:[Tt]he|[Tt]his)[ \t\n]+(?:(?:next|new)[ \t\n]+)?((?:(?:"
    + "|".join(_PARTY_WORDS) + r")[ \t\n]+)?Government)"
    r"|(?:[Tt]he|[Tt]his|[Aa])[ \t\n]+(?:(?:next|new|future)[ \t\n]+)?((?:"
    + "|".join([*_PARTY_WORDS, "Congress"]) + r")[ \t\n]+government))(?![\w-])"
    r"(?![ \t\n]*(?:of\b|[A-Z(]|and[ \t\n]+(?:the[ \t\n]+)?people\b|there\b))")


def host_government_spans(seq: int, text: str) -> list[Span]:
    """"The Government" capitalised and alone (`_HOST_GOVERNMENT`): the host country's
    government, which `normalize_org` names from the cable's country ("Government
    (Ruritania)"), so only for a post's cable, which has one; so too a party's word before
    "government" in lower case."""
    if "overnment" not in text:
        return []
    # one group per form, so the last group that matched is the one that did
    return [Span(seq, *m.span(m.lastindex or 1), ORG, "government", 3, name="Government")
            for m in _HOST_GOVERNMENT.finditer(text)]


# "the government of Ruritania", "the government of the Netherlands": a country's government
# with "government" in lower case before "of" and the country's name. The model reads the
# country as a place and leaves "government" out; the labelled sets label each use as written
# (4 of 4), and the corpus writes it 130 times in 98 cables. Only a country's name
# counts, not its adjective: "the government of Prime Minister Doe" and "the government of
# Ruritanian President Doe" (about 115 uses) name a leader's cabinet.
# So too "Government of [Country]" capitalised, which the model misses at a sentence's start
# ("The Government of Ruritania asked") and before a possessive ("the Government of Ruritania's
# reply"): not after another capitalised word ("the Transitional Government of Ruritania", a
# longer body's name the model reads whole).
_GOVERNMENT_OF = re.compile(
    r"(?<![\w-])[Gg]overnment[ \t\n]+of[ \t\n]+((?:the[ \t\n]+)?[A-Z][A-Za-z.'’-]*"
    r"(?:[ \t\n]+(?:(?:and|of)[ \t\n]+)?[A-Z][A-Za-z.'’-]*){0,3})")


_NAME_BEFORE = re.compile(r"(?<![.:;!?\"(])[ \t\n]+(?!The[ \t\n])[A-Z][\w.'’-]*[ \t\n]+$")


def _government_of(seq: int, text: str) -> list[Span]:
    """Each "government of [Country]" (`_GOVERNMENT_OF`; capitalised, not after a name's word):
    the longest run of the capitalised words after "of" that names a country, with "government"
    (`normalize_org` names it "Government (Ruritania)")."""
    spans = []
    for m in _GOVERNMENT_OF.finditer(text):
        capitalised = m.group(0)[0] == "G"
        if capitalised and _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        # a possessive's "'s" is no part of the country ("the Government of Ruritania's reply")
        words = list(re.finditer(r"\S+?(?=['’]s$)|\S+", m.group(1)))
        while words:
            # "the Government of the United States of America": a name the country table
            # lacks, which the model reads whole
            if words[-1].group(0) == "of":
                if capitalised:
                    break
                words.pop()
                continue
            country = " ".join(w.group(0) for w in words if w.group(0) != "the")
            code = code_for_words(fold(country))
            if code and (fold(country) not in DEMONYMS  # "the government of Ruritanian ..."
                         or fold(country) == fold(country_name(code) or "")):
                spans.append(Span(seq, m.start(), m.start(1) + words[-1].end(), ORG,
                                  "government", 3, name=f"Government of {country}"))
                break
            words.pop()
    return spans


# A title head right after a ministry's topic words ("Interior Minister", "Justice and Interior
# Minister", "the previous Interior head"), or an office named by its topic ("Minister of
# Interior", "Secretary of the Interior"): about 2,150 times in 1,170 cables and 1,560 times in
# 890 cables of the corpus.
_TOPIC_BEFORE_TITLE = re.compile(
    r"(?:\s*(?:,|and|&)\s*[A-Z][a-z]+)*\s+(?:Ministers?|Secretary|Counsell?or|Councillor|"
    r"Commissioner|[Hh]ead|[Cc]hief)\b")
_OFFICE_OF = re.compile(r"\b(?:Ministers?|Secretary|Secretaries)\s+(?:of\s+)?(?:the\s+)?"
                        r"(?:[A-Z][a-z]+\s*(?:,|and|&)\s*)*$")


def title_topic(text: str, start: int, end: int) -> bool:
    """A ministry's topic word alone (`text[start:end]`, "Interior") written as part of a title
    ("Interior Minister Doe", "Secretary of the Interior, Jane Roe", "Interior Counselor Roe"):
    the office's subject, no body's name. Where the cable writes the topic for the ministry
    itself ("Interior's control", "Interior said") it stays."""
    word = text[start:end].strip()
    return (fold(word) in MINISTRY_TOPIC_WORDS and word[:1].isupper()
            and (_TOPIC_BEFORE_TITLE.match(text, end) is not None
                 or _OFFICE_OF.search(text, max(0, start - 40), start) is not None))


# A field of work written as part of a title rather than a body's name ("Harbour Security
# Adviser Roe", "Trade and Fisheries Affairs Officer", "Director of Planning and Coastal Technology
# Jan Kowalski"): the model reads the field as an organisation. Its last word is one of these.
# The corpus writes a field before a title about 470 times in 360 cables and after one (no body's
# word after it) about 320 times in 250, a title's subject in samples of 40 each.
_FIELD_WORDS = r"(?:[A-Z][a-z]+,?[ \t\n]+(?:(?:and|&)[ \t\n]+)?)*"
_FIELD = _FIELD_WORDS + r"(?:Affairs|Security|Relations|Technology)"
_PORTFOLIO = re.compile(_FIELD)
_TITLE_AFTER_FIELD = re.compile(
    r"(?:[ \t\n]*(?:,|and|&)[ \t\n]*[A-Z][a-z]+)*[ \t\n]+(?:Advis[eo]rs?|Officers?|Coordinators?|"
    r"Directors?|Specialists?)\b")
_TITLE_BEFORE_FIELD = re.compile(
    r"\b(?:Directors?|Head|Chief|Coordinator|Advis[eo]r)(?:[ -]General)?[ \t\n]+(?:of|for)[ \t\n]+"
    r"(?:the[ \t\n]+)?(?:[A-Z][a-z]+,?[ \t\n]+(?:(?:and|&)[ \t\n]+)?)*$")


def title_portfolio(text: str, start: int, end: int) -> bool:
    """A field of work (`text[start:end]`, "Security Affairs", "Coastal Technology")
    written inside a title ("Security Affairs Adviser Roe", "Director of Coastal Technology
    Jan Kowalski"): the office's subject, no body's name. A body named so ("the Office of
    Security Affairs") keeps its own word, which the model reads into the span."""
    return (_PORTFOLIO.fullmatch(text, start, end) is not None
            and (_TITLE_AFTER_FIELD.match(text, end) is not None
                 or _TITLE_BEFORE_FIELD.search(text, max(0, start - 80), start) is not None))


# The title words of the lexicon's own lists (TITLE_HEADS, TITLE_PHRASES) that hold an office with
# a field ("Minister of Harbours", "Director for Harbour Operations", "U/S-equivalent for Nordic
# Affairs"): honorifics, descriptions and words that also open bodies' names ("General",
# "Justice", "Major") left out.
_NOT_OFFICE = frozenset(DESCRIPTIONS) | frozenset([
    "mr", "mrs", "ms", "mme", "madame", "monsieur", "sir", "lord", "dr", "doctor", "father",
    "brother", "messrs", "mssrs", "general", "gen", "justice", "major", "maj", "capt", "col",
    "sen", "rep", "gov", "sec", "pres", "prof", "owner", "founder", "candidate", "frontrunner",
])
_OFFICE_WORDS = sorted({h for h in TITLE_HEADS if h not in _NOT_OFFICE} | set(TITLE_PHRASES),
                       key=len, reverse=True)
_OFFICE = (r"(?<![\w/-])(?i:" + "|".join(re.escape(h).replace(r"\ ", r"[ \t\n-]+")
                                        for h in _OFFICE_WORDS) + r")(?:-equivalent)?")
_OFFICES = rf"{_OFFICE}(?:[ \t\n-]+{_OFFICE})*"
_FIELD_WORDS = r"(?:[A-Z][a-z]+,?[ \t\n]+(?:(?:and|&)[ \t\n]+)?)*"
# "Minister of Harbours", "VP for Coastal Relations Jan Kowalski": a span that is the title.
_OFFICE_SPAN = re.compile(rf"{_OFFICES}[ \t\n]+(?:of|for)[ \t\n]+(?:the[ \t\n]+)?([A-Z].*)", re.S)
# "Director for Harbour Operations", "Minister of Justice and Harbour Affairs": the field after it.
_OFFICE_BEFORE = re.compile(rf"{_OFFICES}[ \t\n]+(?:of|for)[ \t\n]+(?:the[ \t\n]+)?{_FIELD_WORDS}$")
# "Classified By: Jan Kowalski, Minister-Counselor, Trade and Fisheries Affairs".
_OFFICE_COMMA = re.compile(rf"{_OFFICES},[ \t\n]+{_FIELD_WORDS}$")
_MINISTER_BEFORE = re.compile(r"(?i:\b(?:ministers?|secretary|secretaries))[ \t\n]+(?:of|for)"
                              r"[ \t\n]+(?:the[ \t\n]+)?$")
# Last words of a field of work ("Fisheries Affairs", "Harbour Operations", "Coastal Policy").
_FIELD_ENDS = frozenset(["affairs", "relations", "security", "technology", "operations",
                         "policy", "cooperation", "issues", "development", "planning"])


def _no_body_word(words: list[str]) -> bool:
    """No body's head word ("Section", "Bank") and no abbreviation ("RFTO") among `words`:
    what a field of work never holds and a body's name does."""
    return not any(fold(w).strip(".,") in ORG_HEAD_WORDS or (w.isupper() and len(w) > 1)
                   for w in words)


def title_field(text: str, start: int, end: int) -> bool:
    """A title of the lexicon's lists and its field of work read as a body (`text[start:end]`):
    the whole title ("Minister of Harbours", no name after it; "VP for Coastal Relations Jan
    Kowalski"), or the field after a title ("Director for Harbour Operations", "Secretary for
    Harbour Affairs", "Minister-Counselor, Trade and Fisheries Affairs", "Secretary of Tourism
    Jan Kowalski"). An office's subject, no body: the labels name a body a title holds only
    when it is written as one ("Director of the Treaties Section", "Secretary General
    of RFTO": a body's word, an abbreviation or a known body keeps the span)."""
    span = text[start:end]
    if fold(span) in KNOWN_ORGS:
        return False
    whole = _OFFICE_SPAN.fullmatch(span)
    if whole is not None:
        return _no_body_word(whole.group(1).split())
    words = span.split()
    if (not words or not _no_body_word(words[1:]) or any(w.isupper() for w in words)
            or code_for_words(span) or not all(w[:1].isupper() or w in {"and", "&"}
                                               for w in words)):
        return False  # a field is capitalised words joined by commas and "and"
    before = text[max(0, start - 120):start]
    if fold(words[-1]) in _FIELD_ENDS and _OFFICE_BEFORE.search(before) is not None:
        return True  # a field's first word may be a body's ("Bank Operations"); its last not
    if not _no_body_word(words[:1]):
        return False
    if fold(words[-1]) in MINISTRY_TOPIC_WORDS and _OFFICE_BEFORE.search(before) is not None:
        return True
    if words[-1] == "Affairs" and _OFFICE_COMMA.search(before) is not None:
        return True
    return fold(words[0]) in MINISTRY_TOPIC_WORDS and _MINISTER_BEFORE.search(before) is not None


# A body's word and "of" / "for" right before a field of work ("the office of Harbour Affairs",
# "the Bureau for Coastal Security"), which the model leaves out of the field it reads as a
# body: about 1,310 times in 890 cables of the corpus, a body whole in 39 of a sample of 40.
# The word "office" right after such a field ("the ministry's Harbour Affairs office") is the
# body's too. An office's field may also end in "Organizations" or "Rights" ("the office of
# Coastal Organizations", "the Sailors' Rights office"), which titles' fields do not take.
_OFFICE_BEFORE_FIELD = re.compile(
    r"(?<![\w-])(?:[Oo]ffice|[Bb]ureau|[Dd]irectorate|[Dd]epartment|[Dd]ivision|[Ss]ection|"
    r"[Ss]ecretariat|[Mm]inistry)(?:-[a-z]+)?[ \t\n]+(?:of|for)[ \t\n]+(?:the[ \t\n]+)?$")
_OFFICE_AFTER_FIELD = re.compile(r"[ \t\n]+office\b")
_OFFICE_FIELD = re.compile(
    _FIELD_WORDS + r"(?:Affairs|Security|Relations|Technology|Organi[sz]ations|Rights)")


def office_of_field(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the body starts and ends whose field of work `text[start:end]` names ("Harbour
    Affairs" after "the office of", or before "office"): its word included, so the body is read
    whole ("Office of Harbour Affairs", "Harbour Affairs office") rather than as a field no one
    labels a body. None where no such word stands right before or after it."""
    if _OFFICE_FIELD.fullmatch(text, start, end) is None:
        return None
    m = _OFFICE_BEFORE_FIELD.search(text, max(0, start - 40), start)
    if m is not None:
        return m.start(), end
    after = _OFFICE_AFTER_FIELD.match(text, end)
    return (start, after.end()) if after else None


# The General Assembly's abbreviation standing for its yearly session, which the labels name no
# body ("met on the sidelines of UNGA", "at the next UNGA", "his trip to the UNGA"; "a UNGA vote
# on whaling", "the UNGA adopted" stay the body): written after "the margins / sidelines of", a
# preposition or verb of going, attending or timing, or a session's qualifier ("the 64th",
# "the 2008", "next"), and not before a body's or a vote's word. Of the corpus's 341 uses of the
# abbreviation outside TAGS lines, in 200 cables, 159 are in such a place (in 114 cables).
_SESSION_ABBREVIATIONS = frozenset({"unga", "u.n.g.a.", "u.n.g.a"})
_SESSION_QUALIFIER = (r"(?:(?:this|next|last|that)[ \t\n]+year['’]s|next|upcoming|coming|current|"
                      r"forthcoming|previous|last|recent|(?:19|20)\d\d|\d+(?:st|nd|rd|th))")
_SESSION_BEFORE = re.compile(
    rf"(?:\b(?i:margins?|sidelines?|side-lines?|fringes?)[ \t\n]+(?i:of)|"
    rf"\b(?i:at|during|attend|attends|attended|attending|before|after|following|until|since|"
    rf"ahead[ \t\n]+of|prior[ \t\n]+to|en[ \t\n]+route[ \t\n]+to|(?:travel|travels|traveled|"
    rf"travelled|travelling|traveling|trip|visit|address|speech|go|going|come|coming)"
    rf"[ \t\n]+to))"
    rf"(?:[ \t\n]+(?i:the|this))?(?:[ \t\n]+(?i:{_SESSION_QUALIFIER}))?[ \t\n]+$"
    rf"|(?:\b(?i:the|this|a)[ \t\n]+)?\b(?i:{_SESSION_QUALIFIER})[ \t\n]+$")
_BODY_AFTER_SESSION = re.compile(
    r"[ \t\n]*(?:-[ \t\n]*)?(?i:resolutions?|votes?|voting|decisions?|declarations?|"
    r"committees?|plenary|president|presidency|first|second|third|fourth|fifth|sixth|"
    r"1st|2nd|3rd|4th|5th|6th|1c|2c|3c|4c|5c|6c|general|special|member|members|body|"
    r"adopted|passed|approved|voted|condemned|called|calls|elected)\b")


def names_session(text: str, start: int, end: int) -> bool:
    """The General Assembly's abbreviation (`text[start:end]`) standing for its yearly session
    ("on the sidelines of UNGA", "at the next UNGA", "before the 64th UNGA"): a meeting, which
    the labels name no body. Where a vote, a resolution or a committee follows, or no session's
    word comes before ("the UNGA adopted"), the body stays."""
    if fold(text[start:end]).strip() not in _SESSION_ABBREVIATIONS:
        return False
    if _BODY_AFTER_SESSION.match(text, end):
        return False
    return _SESSION_BEFORE.search(text, max(0, start - 60), start) is not None


# A model's number and a kind of craft or weapon right after a name ("Harbourjet 300 planes",
# "the Acme Falcon X-9 fighters"): the name is a product's, its maker's at most, no body in
# the story. The number is required: "the Ruritanian Front rockets" names a body. About 210
# times in 134 cables of the corpus, a craft or weapon in 37 of a sample of 40.
_DESIGNATION = r"[A-Z]{0,3}-?\d{1,4}[A-Za-z]{0,2}"
_CRAFT_AFTER = re.compile(
    rf"(?:[ \t\n]+{_DESIGNATION})?[ \t\n]+(?:jets?|fighters?|"
    r"fighter[ \t\n]+(?:jets|aircraft|planes)|aircraft|airplanes?|planes?|airliners?|"
    r"helicopters?|tanks?|missiles?|rockets?|drones?|"
    r"frigates?|corvettes?|submarines?|rifles?)\b")
_ENDS_IN_DESIGNATION = re.compile(rf"(?<![\w-]){_DESIGNATION}$")


def _singular(word: str) -> str:
    """The word without a plural's or a possessive's ending ("Chinooks", "MOU's" -> "MOU")."""
    return re.sub(r"(?:['’]s|s)$", "", word)


def _holds_body_word(words: list[str]) -> bool:
    """Whether one of the words is a body's head word ("Council", "Ministry")."""
    return any(fold(w).strip(".,") in ORG_HEAD_WORDS for w in words)


def product_named(text: str, start: int, end: int) -> bool:
    """`text[start:end]` names a craft or weapon by its model: a model's number ends it or
    follows it, then the kind ("Harbourjet 300 planes", "Falcon X-9 fighters"), or it ends
    with a known model's name (`CRAFT_MODELS`: "the Acme Eurofighter", "Ruritanian Chinooks")."""
    words = text[start:end].split()
    if words and _singular(fold(words[-1]).strip(".,")) in CRAFT_MODELS:
        return True
    m = _CRAFT_AFTER.match(text, end)
    if m is None:
        return False
    return bool(m.group().split()[:-1] and re.search(r"\d", m.group())) or bool(
        _ENDS_IN_DESIGNATION.search(text, start, end))


# A site named by its kind: where a service keeps its aircraft, tries its weapons or holds its
# prisoners ("Harbourton Naval Air Station", "the Acme Proving Grounds", "the Women's Penitentiary
# of Harbourton"). A place, no body in the story, unless a body's word names the body that runs it
# ("the Secretariat of Penitentiary Administration"). About 65 times in 43 cables of the corpus.
_SITE_KIND = re.compile(r"(?i)\b(?:air[ \t\n]+station|proving[ \t\n]+grounds?|penitentiary)\b")


def site_named(text: str, start: int, end: int) -> bool:
    """`text[start:end]` names a site by its kind (`_SITE_KIND`) and holds no body's word."""
    m = _SITE_KIND.search(text, start, end)
    return m is not None and not _holds_body_word(
        (text[start : m.start()] + " " + text[m.end() : end]).split())


# A body's people right after an acronym: "Ruritanian MOU officials" where the cable never
# defines it.
_PEOPLE_AFTER = re.compile(r"['’]?s?\s+(?:officials?|staff|spokes(?:man|woman|person))\b")


def text_acronym(text: str, start: int, end: int, bodies: frozenset[str] | set[str]) -> bool:
    """`text[start:end]` is an agreement's, a treaty's or a programme's acronym (`TEXT_ACRONYMS`)
    or ends with one ("the Ruritania-Freedonia FTA", "the Harbour MOU", "FMF grants"), not a
    body: the model reads them as organisations. Not when the span holds a body's word, when the
    cable defines the acronym as a body (`bodies`), or when the body's people follow
    ("Ruritanian MOU officials")."""
    words = text[start:end].split()
    if not words or _holds_body_word(words):
        return False
    last = words[-1].strip(".,;:")
    bare = _singular(last)
    acronym = last if last in TEXT_ACRONYMS else bare if bare in TEXT_ACRONYMS else None
    return (acronym is not None and acronym not in bodies and last not in bodies
            and not _PEOPLE_AFTER.match(text, end))


# A text's kind word, capitalised, before what it is on: "the Convention on Harbour Safety",
# "the Memorandum of Understanding", "the Treaty against Piracy" (588 times in 355 cables with
# "between" and "to" too, a text every time in the 60 most frequent forms; no tuning set labels
# one a body). The model often reads only the words after "on" as a body.
_KIND = r"(?:Convention|Treaty|Agreement|Memorandum|Protocol|Accords?|Declaration|CONVENTION|" \
        r"TREATY|AGREEMENT|MEMORANDUM|PROTOCOL|ACCORDS?|DECLARATION)"
_TEXT_TITLE = re.compile(rf"\b{_KIND}\s+(?i:of|on|against|for)\b")
# Right after such a title's kind word ("the Treaty on | Springfield Fisheries") or deeper
# inside the title, past its own capitalised words and the small words between them:
# "the Convention on the Protection of Pilots against the | Misuse of Harbour Lights" (210
# times in 146 cables of the corpus with a small word inside the title's run; a text's title
# in a random 40 every time, the run going on past it into "in [month]" or "and [word]" in 9;
# a body there keeps its head word, which `names_text` checks).
_INSIDE_TEXT_TITLE = re.compile(rf"\b{_KIND}\s+(?i:of|on|against|for)\s+"
                                r"(?:(?:[A-Z][\w'’-]*|the|of|on|against|for|and|in)\s+)*$")
_TEXT_ACRONYM = re.compile(rf"\b{_KIND}\s+(?i:of|on|against|for)\s+[^()\n]{{1,80}}?"
                           r"\(([A-Z][A-Za-z-]{1,9})\)")


def names_text(text: str, start: int, end: int) -> bool:
    """`text[start:end]` is a text's title or the words of one after its kind ("Harbour
    Convention against Piracy", "the Treaty on | Springfield Fisheries", or deeper in the title:
    "the Convention on the Rights of | Harbour Pilots"), not a body: no body's
    word in the span before the kind word ("the Secretariat of the Convention on X" stays),
    and none in the words read after it ("the Convention on the Harbour Board" keeps the
    board)."""
    surface = text[start:end]
    m = _TEXT_TITLE.search(surface)
    if m is not None:
        return not _holds_body_word(surface[: m.start()].split())
    return bool(_INSIDE_TEXT_TITLE.search(text, max(0, start - 160), start)) and not (
        _holds_body_word(surface.split()))


def text_acronyms(text: str) -> set[str]:
    """Acronyms defined for a text's title ("the Convention against Harbour Piracy (CAHP)"):
    no body, wherever the cable writes them."""
    return {m.group(1) for m in _TEXT_ACRONYM.finditer(text)}


# A company introduced by its kind in lower case right before its name ("state oil company
# Acme", "engineering group Globex", "U.S. firm Initech", "firms such as Acme and Initech"):
# about 740 times in 444 cables of the corpus, a company or a group in a sample of 40 every time
# ("operator" and "broadcaster", which also come before people's names, are left out). A list
# may follow a comma too ("firms, including Acme and Initech": 7 lists read in 7 cables of the
# corpus, companies in 6; round 35).
_KIND_BEFORE = re.compile(
    r"\b(?:company|firm|group|giant|conglomerate|manufacturer|producer|subsidiary|carmaker|"
    r"automaker|airline|chain|(?P<plural>companies|firms|groups|giants|manufacturers|"
    r"producers|airlines)(?:,?\s+(?:such\s+as|including|like))?)\s+(?=[A-Z])")
_NAME_WORD = r"[A-Z][\w'’&-]*"
_COMPANY_NAME = re.compile(
    rf"{_NAME_WORD}(?:[ \t]+(?:(?:of|de|del|la)[ \t]+)?{_NAME_WORD}){{0,3}}")
_NOT_A_NAME = re.compile(r"X{3,}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|"
                         r"March|April|May|June|July|August|September|October|November|December")
_JOINERS = frozenset({"of", "de", "del", "la"})
_INDEFINITE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+$")
_COMPANY_LIST = re.compile(rf"{_COMPANY_NAME.pattern}(?:,\s+{_COMPANY_NAME.pattern})*,?\s+and\s+"
                           rf"{_COMPANY_NAME.pattern}")


def company_spans(seq: int, text: str) -> list[Span]:
    """A company named right after its kind in lower case ("state oil company Acme", "the
    engineering group Globex"): a body where the model reads nothing there (a rule span of the
    lowest priority: the model's and the other rules' spans win any overlap). The name stops
    at a title's word ("the company President Jane Roe" gives nothing) or a redaction."""
    spans: list[Span] = []
    for m in _KIND_BEFORE.finditer(text):
        if _INDEFINITE_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "a company Roe set up": a clause, not the company's name
        starts = [m.end()]
        if m.group("plural"):  # "oil companies Acme and Globex", "firms such as A, B and C"
            listed = _COMPANY_LIST.match(text, m.end())
            if listed is None:
                continue
            starts = [m.end() + n.start() for n in _COMPANY_NAME.finditer(listed.group())]
        spans += filter(None, (_company_at(seq, text, at) for at in starts))
    return spans


def _company_at(seq: int, text: str, at: int) -> Span | None:
    """The company name starting at `at`, cut before a title's word or a redaction."""
    name = _COMPANY_NAME.match(text, at)
    if name is None:
        return None
    kept: list[re.Match[str]] = []
    for w in re.finditer(r"\S+", name.group()):
        if title_for(w.group()) or _NOT_A_NAME.fullmatch(re.sub(r"['’]s$", "", w.group())):
            break
        kept.append(w)
    while kept and kept[-1].group() in _JOINERS:
        kept.pop()
    words = " ".join(w.group() for w in kept)
    if not kept or code_for_words(words) or re.fullmatch(r"[A-Z]{2,}s", words):
        return None  # "producers such as Ruritania", "the firm US stand", "oil company CEOs"
    end = at + kept[-1].end()
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2
    return Span(seq, at, end, ORG, "company", 1)


# A body's possessive before one of its units ("the Harbour Ministry's Fisheries Office",
# "the Department of Trade's Office of Export Control"): two bodies, which the model reads as
# one. The corpus writes a body's possessive before a unit's name about 140 times in 133
# cables, a body and its unit in 40 of a sample of 40 (the parent often a bare "Embassy's",
# "Ministry's" or "the Department's", no name of its own).
_BODY_WORD = (r"(?:Department|Ministry|Office|Bureau|Agency|Commission|Council|Committee|"
              r"Embassy|Government|Directorate|Administration|Service|Authority)")
_OF_NAME = (r"(?:[ \t\n]+(?:of|for)[ \t\n]+(?:the[ \t\n]+)?"
            r"(?:[A-Z][\w&-]*,?[ \t\n]+(?:and[ \t\n]+)?)*[A-Z][\w&-]*)?")
_PARENT_BODY = re.compile(rf"(?:[A-Z][\w.&-]*[ \t\n]+){{0,4}}{_BODY_WORD}{_OF_NAME}")
_POSSESSIVE = re.compile(r"['’]s[ \t\n]+")
_UNIT_BODY = re.compile(
    r"(?:[A-Z][\w&-]*[ \t\n]+){0,4}(?:Office|Bureau|Division|Directorate|Section|Sector|Unit|"
    rf"Department|Agency|Service|Administration|Commission|Committee|Council|Center|Centre|"
    rf"Institute|Authority){_OF_NAME}")


# The mirror: a named unit, then "of the" and its parent body ("the Fisheries Policy Office of
# the Ministry of Harbours"), which the model reads as one span; the labels count the two apart
# (round 48's note: "Pilots Unit of the Harbour Board"). A bare unit word ("Office of the
# Ministry of ...") is left whole: no name of its own.
_OF_THE = re.compile(r"[ \t\n]+of[ \t\n]+the[ \t\n]+")


def _unit_of_parent(text: str, span: Span) -> list[Span] | None:
    """The unit and (where named) the parent of a model span "[unit] of the [parent body]"."""
    for of in _OF_THE.finditer(text, span.start, span.end):
        unit = text[span.start : of.start()]
        if (" " not in unit.strip() or _UNIT_BODY.fullmatch(text, span.start, of.start()) is None
                or _PARENT_BODY.fullmatch(text, of.end(), span.end) is None):
            continue
        pieces = [replace(span, end=of.start(), cover_end=of.start(), head_word=True)]
        if " " in text[of.end() : span.end].strip():
            pieces.append(replace(span, start=of.end(), cover_start=of.end(), head_word=True))
        return pieces
    return None


def split_possessive(text: str, spans: list[Span]) -> list[Span]:
    """The model's organisation spans with a body's possessive before one of its units ("the
    Harbour Ministry's Fisheries Office") cut in two: the unit, and the body where it has a
    name of its own (a bare "Ministry's" or "the Department's" gives the unit alone). The
    labels count the body and its unit apart; the whole is no one's name. A unit written
    before "of the [parent]" is cut the same way."""
    out: list[Span] = []
    for span in spans:
        model_org = span.type == ORG and span.source == "ner"
        poss = _POSSESSIVE.search(text, span.start, span.end) if model_org else None
        pieces = _unit_of_parent(text, span) if model_org and poss is None else None
        if pieces is not None:
            out += pieces
            continue
        if poss is None or _UNIT_BODY.fullmatch(text, poss.end(), span.end) is None:
            out.append(span)
            continue
        parent = _PARENT_BODY.fullmatch(text, span.start, poss.start())
        if parent is None:
            out.append(span)
            continue
        if " " in text[span.start : poss.start()].strip():  # a name, not a bare "Ministry"
            out.append(replace(span, end=poss.start(), cover_end=poss.start(), head_word=True))
        out.append(replace(span, start=poss.end(), cover_start=poss.end(), head_word=True))
    return out


# A plural body's word before a list of what each body is ("Embassies Ruritown, Freedonia City
# and Oslo are requested to ..."; "the Ministries of Fisheries, Forests and Foreign Affairs"):
# the labels count each body on its own (tests/data/entities/README.md, the seventh and tenth
# sets' conventions), written in its singular form, which the model cannot produce. On the
# corpus, 21 "Embassies [city], ... and [city]" in 14 cables and 79 "Ministries of [topic],
# ... and [topic]" in 71, a list of bodies in every one of a sample of 20 each.
_LIST_ITEM = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_LISTED_BODIES = re.compile(
    rf"\b(?P<kind>Embassies|Consulates(?:\s+General)?|Ministries\s+of(?:\s+the)?)\s+"
    rf"(?P<items>{_LIST_ITEM}"
    rf"(?:\s*,\s*{_LIST_ITEM})*,?\s+and(?:/or)?\s+{_LIST_ITEM})")
# Other countries' bodies written once after a list of nationality words ("the Ruritanian,
# Freedonian and Bordurian missions", "the UK and Bordurian Embassies"): each body on its own,
# "[nationality] mission" / "[nationality] embassy" (tests/data/entities/README.md: another
# country's mission described in words). On the corpus 40 in 36 cables, a list of foreign
# bodies in every one of a sample of 25. A US item is the cable's own post and is left out.
_NATION_ITEM = r"(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|U\.?K\.?|U\.S\.|US)"
_LISTED_NATIONS = re.compile(
    rf"\b(?!(?:The|Both|All)\s)(?P<items>{_NATION_ITEM}(?:\s*,\s*{_NATION_ITEM})*,?\s+and\s+{_NATION_ITEM})\s+"
    r"(?P<kind>missions|embassies|Missions|Embassies)\b")
_OWN_NATION = frozenset({"u.s.", "us", "american"})
_UK = frozenset({"uk", "u.k.", "u.k"})
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and(?:/or)?\s+)?|\s+and(?:/or)?\s+")
# A topic's adjective sharing the last topic's noun ("Ministries of Foreign and Home Affairs").
_SHARED_NOUN_ADJECTIVES = frozenset({"foreign", "home", "internal", "social", "economic"})


def listed_bodies(seq: int, text: str) -> list[Span]:
    """Each body of a plural body's word before a list: "Embassies A, B and C" gives the posts
    Embassy A, B and C (each item must be a post of the corpus's origins), "Ministries of X and
    Y" the ministries of X and of Y. Each span is the item, named in the singular form; the
    first one also covers the plural word, so the model's "Embassies A" loses to it.
    "Consulates (General) A and B" gives the consulates; a post written "[name] City" whose
    corpus post drops "City" is that post, named with "City" ("Embassy Ruritania City").
    "The A, B and C missions / embassies" (nationality words) gives each country's mission."""
    spans: list[Span] = nation_bodies(seq, text)
    for m in _LISTED_BODIES.finditer(text):
        embassies = not m.group("kind").startswith("Ministries")
        consulates = m.group("kind").startswith("Consulates")
        items = _list_items(text, m.start("items"), m.end("items"))
        last = text[items[-1][0] : items[-1][1]].split()
        found: list[Span] = []
        for a, b in items:
            item = text[a:b]
            if embassies:
                name = _post(item)
                if name is None or name.split()[0] not in (
                        ("Consulate",) if consulates else ("Embassy", "Consulate")):
                    continue
            elif fold(item) in _SHARED_NOUN_ADJECTIVES and len(last) > 1:
                name = f"Ministry of {item} {last[-1]}"
            else:
                name = f"Ministry of {item}"
            found.append(Span(seq, a, b, ORG, "listed", 4, name=name))
        if found and found[0].start == m.start("items"):
            found[0].cover_start = m.start()
        spans += found
    return spans


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each item of the list `text[start:end]`, split at its commas and "and"."""
    items: list[tuple[int, int]] = []
    at = start
    for sep in _LIST_SEPARATOR.finditer(text, start, end):
        if sep.start() > at:
            items.append((at, sep.start()))
        at = sep.end()
    items.append((at, end))
    return items


def _post(item: str) -> str | None:
    """The corpus's post for a city as written, by its letters; "[name] City" (the corpus's
    list writes "Embassy [name]" for some of them) is that post with "City" kept."""
    def by_letters(city: str) -> str | None:
        return POST_ORIGINS.get("".join(c for c in city.upper() if c.isalnum()))

    name = by_letters(item)
    words = item.split()
    if name is None and len(words) > 1 and words[-1] == "City":
        base = by_letters(" ".join(words[:-1]))
        if base is not None and not base.endswith(" City"):
            name = f"{base} City"
    return name


def nation_bodies(seq: int, text: str) -> list[Span]:
    """Each body of "the A, B and C missions / embassies" where every item is a nationality
    word (or "UK"): "[A] mission", ... in the singular; a US item (the cable's own post) is
    left out. The last span also covers the plural word, so the model's "C Embassies" loses."""
    spans: list[Span] = []
    pos = 0
    while (m := _LISTED_NATIONS.search(text, pos)) is not None:
        pos = m.end()
        kind = m.group("kind")
        singular = kind[:-1] if kind.lower() == "missions" else f"{kind[:-3]}y"
        items = _list_items(text, m.start("items"), m.end("items"))
        words = [fold(text[a:b]) for a, b in items]
        if not all(w in DEMONYMS or w in _UK for w in words):
            pos = items[1][0]  # a word before the list ("The", a city): try from the next item
            continue
        found = [Span(seq, a, b, ORG, "listed", 4, name=f"{text[a:b]} {singular}")
                 for (a, b), w in zip(items, words, strict=True) if w not in _OWN_NATION]
        if found and found[-1].end == m.end("items"):
            found[-1].cover_end = m.end()
        spans += found
    return spans


# A body named in brackets right after its kind in lower case: "the harbour police (POLMAR)",
# "a regional shipping company (SHIPRU)", "the family bakery business (Panaderia Ruritana)",
# "the Auditor General's office (Kontrolla)". The bracket holds the body's own name (an
# acronym of its name in another language, or the name itself), which the model leaves or reads
# as a person. On the corpus the rule reads 184 names in 155 cables, a body in 40 of a sample
# of 40 (round 22); the lower-case definition rule had marked such an acronym as no body.
_BRACKET_KIND = (r"(?:police|company|agency|office|service|forces?|group|business|firm|bank|"
                 r"committee|commission|council|unit|union|party|institute|organization|"
                 r"foundation|court|tribunal|movement|association|authority|army|guard|"
                 r"directorate|bureau|department|corporation|chamber|federation|confederation|"
                 r"alliance|coalition|ministry)")
_BRACKET_NAME = (r"[A-Z][\w'’.&-]*(?:[ \t\n]+(?:[A-Z][\w'’.&-]*|y|de|del|la|e|des|du|of|for|"
                 r"the))*")
_BRACKETED_BODY = re.compile(
    rf"(?<![\w'’-])(?P<before>[\w'’.-]+)[ \t\n]+(?P<kind>{_BRACKET_KIND})[ \t\n]*"
    rf"\((?P<name>{_BRACKET_NAME})\)")
_KIND_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "own"})
_NOT_BEFORE_KIND = frozenset({"into", "in", "of", "driving", "and", "or"})
_NOT_BRACKETED = re.compile(r"(?i:refs?|reftels?|septels?|see|paras?|notal)\b|.*X{3}|.*['’]s$|"
                            r"[A-Z]{2,}s$|.*\sand\s")
# A title, then "of" / "from", then the body: "the head of the ruling coalition (Doe)" names
# the head, not the body.
_HEAD_OF_BODY = re.compile(r"\b([A-Za-z]+)[ \t\n]+(?:of|from|for|at)[ \t\n]+"
                           r"(?:(?:the|a|an|his|her|its|their)[ \t\n]+)?"
                           r"(?:[\w'’.-]+[ \t\n]+){0,4}$")


def _initials_fit(acronym: str, words: list[str]) -> bool:
    """Whether `acronym` spells the initials of the last few `words` (hyphens split):
    "non-governmental organization (NGO)", the kind's own abbreviation, no one body's name."""
    parts = [p for w in words for p in re.split(r"[-/]", w) if p]
    letters = acronym.upper()
    return any("".join(p[0] for p in parts[-n:]).upper() == letters
               for n in range(1, len(parts) + 1))


def bracketed_bodies(seq: int, text: str) -> list[Span]:
    """A body named in brackets right after its kind written in lower case ("the harbour
    police (POLMAR)", "a packaging company (Cajas Ruritanas)", "the Auditor General's office
    (Kontrolla)"): the bracketed name is the body, as the labels name it. The word before
    the kind must be a lower-case word, a possessive, a determiner or a nationality (a
    capitalised name there is the body's own English name, which the model and the definition
    rule read). Left out: references ("(Ref A)"), countries, plural acronyms and lists, an
    acronym that only abbreviates the lower-case kind ("international oil company (IOC)"),
    and a person's name after a title ("the head of the coalition (Doe)", "(Jan Kowalski)")."""
    spans: list[Span] = []
    for m in _BRACKETED_BODY.finditer(text):
        before, name = m.group("before"), m.group("name")
        if not (before[:1].islower() or fold(before) in _KIND_DETERMINERS
                or re.search(r"['’]s$", before) or code_for_words(before)
                or before in ("The", "A", "An", "Its", "His", "Their")):
            continue
        if (fold(before) in _NOT_BEFORE_KIND or _NOT_BRACKETED.match(name)
                or code_for_words(name) or code_for_words(_singular(name))):
            continue  # a reference, a country, a people ("the largest group (Ruritanians)")
        acronym = re.fullmatch(r"[A-Z][A-Za-z&.-]*[A-Z][A-Za-z&.-]*", name) is not None and (
            sum(c.isupper() for c in name) >= 2 and " " not in name)
        if acronym:
            lower: list[str] = []  # the kind and the lower-case words right before it
            for word in reversed(text[max(0, m.start() - 80) : m.end("kind")].split()):
                if not word[:1].islower():
                    break
                lower.insert(0, word)
            if _initials_fit(name.replace(".", "").replace("&", ""), lower):
                continue
        else:
            if given_name(name.split()[0]):
                continue  # "the press office (Jan Kowalski)": its officer
            head = _HEAD_OF_BODY.search(text, max(0, m.start() - 80), m.start())
            if head is not None and title_for(head.group(1)):
                continue  # "the head of the coalition (Doe)": the head, named
        spans.append(Span(seq, m.start("name"), m.end("name"), ORG, "bracketed", 3))
    return spans


# Groups of states named by a letter and their number: the summits' "G-8", "G20", the
# developing countries' "G-77", the Security Council's permanent five and the Western three
# ("P5", "P-3"), and the Iran talks' "P5+1" ("P5 plus 1", "P-5 plus one"; the stored text often
# drops the "+": "P5 1"). Each is a body in the labels, and the model reads none of them. On
# the corpus (fresh set left out) G-20/G20 399 times in 127 cables, P-5/P5 384 in 122, G-8/G8
# 306 in 134, P-3/P3 133 in 41, G-77 79 in 29, P5+1 74 in 35, G-7 41 in 31. Other numbers are
# other things (a military staff's G-2 and G-3, a visa's G-2, an aircraft's P-3 in a
# Bahrain cable, a UN grade's P-4), so only these are read, never before an aircraft's, a
# grade's, a visa's or a rifle's word; nor right before "summit" ("the G20 summit", 100 uses
# in 61 cables): the meeting is named there, and the one labelled use leaves the group out.
_GROUP = re.compile(
    r"(?<![\w/.+-])(?:G-?(?:7|8|20|77)|P-?3"
    r"|P-?5(?:[ \t]*\+[ \t]*[12]|[ \t\n]+(?i:plus)[ \t\n]+(?:[12]|one|two|ONE|TWO)|[ \t]+[12])?)"
    r"(?![\w+-])(?!['’]?s?[ \t\n]+(?i:aircraft|orion|planes?|tankers?|level|grade|posts?|"
    r"positions?|visas?|rifles?|summits?|and[ \t\n]+tanker)\b)")


def group_spans(seq: int, text: str) -> list[Span]:
    """A group of states named by a letter and its number ("G-8", "P5+1", "P-3"): a body,
    also as a noun's modifier ("a G-8 statement"), not inside a longer code ("RG-8", "P-3C")."""
    return [Span(seq, m.start(), m.end(), ORG, "group", 4) for m in _GROUP.finditer(text)]


# A party written as its members' plural, capitalised ("the Widgetists", "the Social
# Widgetists", "Left-Widgetists", "Ruritania Widgetists"): the labels count the party so
# written (tests/data/entities/README.md, "parties written only as their members' plural"),
# which the model reads as a group of people (no body), not an organisation. Read only for the
# plurals of the party families the lexicon names parties by (`_PARTY_WORDS`, from
# `GENERIC_ORG_HEADS`) and of the democratic, republican and moderate families, with the
# capitalised word before it when that word is part of the party's name ("Social", "Left", a
# country's name), not an article or a quantity ("The", "All", "Many"), a nationality ("the
# Ruritanian Widgetists": the party is the plural alone) or an assembly's or a title's word
# ("Senate Widgetists"). Left out: a plural right before a title's word or a given name
# ("Widgetists floorleader Jan Doe", "Widgetists Jan Doe and Anna Roe": people so described).
# In the 52 tuning sets' cables 33 such forms stand in 23 cables, the party labelled for 29
# (the other four: two factions opening sentences, members as individuals, a title's modifier).
_MEMBER_FAMILIES = sorted({*(w for w in _PARTY_WORDS if not w.startswith("Lab")),
                           "Democrat", "Republican", "Moderate"})
_PARTY_MEMBERS = re.compile(
    r"(?<![\w'’./-])(?:(?P<mod>[A-Z][a-z]+)(?:[ \t]*\n?[ \t]*|-))?"
    r"(?P<plural>(?:" + "|".join(_MEMBER_FAMILIES) + r")s)(?![\w'’-])")
_NEXT = re.compile(r"[ \t]*\n?[ \t]*([A-Za-z]+)")
_NOT_PARTY_MODIFIERS = frozenset({"the", "a", "an", "all", "both", "many", "most", "some",
                                  "other", "these", "those", "two", "three", "young", "old",
                                  "house", "senate", "congressional", "parliamentary"})


# A sentence's start: a capital there says nothing of a name ("Widgetists won a majority", a
# faction's members where no party stands; the plural alone is left out there).
_SENTENCE_START = re.compile(r"(?:^|[.!?:;)\]\"”][ \t]*\n?[ \t]*|\n[ \t]*\n[ \t]*)$")


def party_member_spans(seq: int, text: str) -> list[Span]:
    """Each party written as its members' plural (`_PARTY_MEMBERS`), named as written (the
    caller names it as the party the cable writes out, `party_named`)."""
    spans = []
    for m in _PARTY_MEMBERS.finditer(text):
        if m.group("mod") is None and _SENTENCE_START.search(text, max(0, m.start() - 12),
                                                             m.start()):
            continue
        after = _NEXT.match(text, m.end())
        if after and ((after.group(1)[0].isupper() and given_name(after.group(1)))
                      or title_for(after.group(1)) or after.group(1).lower().endswith("leader")):
            continue  # "Widgetists floorleader Jan Doe": a person described
        start = m.start("plural")
        mod = m.group("mod")
        if mod and not (fold(mod) in _NOT_PARTY_MODIFIERS or fold(mod) in DEMONYMS
                        or fold(mod) in ORG_HEAD_WORDS or title_for(mod)):
            start = m.start("mod")
        spans.append(Span(seq, start, m.end(), ORG, "party", 3))
    return spans


def party_named(plural: str, bodies: Iterable[str], texts: Iterable[str]) -> str | None:
    """The party's name the cable writes out for its members' plural, so the two are one body:
    another body of the cable (`bodies`, as written) whose words are the plural's singular, or
    with "-ic" for its last word, or those words shortened with a period, alone or before a
    body's word ("the Left-Widgetists" and "Left-Widgetist (LW)", "the Social Widgetocrats" and
    "Social Widgetocratic Alliance" or "Social Widgetoc. Alliance (SWA)"); else "[those words]
    Party" written anywhere in the cable; None where it writes none."""
    words = re.split(r"[\s-]+", plural.strip())
    stem = [*words[:-1], words[-1][:-1]]
    for body in bodies:
        written = re.split(r"[\s-]+", body.strip())
        if len(written) < len(stem) or written == words:
            continue
        if all(w == s or (i == len(stem) - 1 and w == s + "ic")
               or (len(w) > 3 and w.endswith(".") and s.startswith(w[:-1]))
               for i, (w, s) in enumerate(zip(written, stem, strict=False))) and (
                len(written) == len(stem) or fold(written[len(stem)]) in ORG_HEAD_WORDS):
            return " ".join(body.split())
    for last in (stem[-1], stem[-1] + "ic"):
        pattern = re.compile(r"(?<![\w-])" + r"[\s-]+".join(map(re.escape, [*stem[:-1], last]))
                             + r"\s+Party\b")
        for text in texts:
            if (found := pattern.search(text)) is not None:
                return " ".join(found.group().split())
    return None


# "PM Doe's office", "Prime Minister Doe's office": the prime minister's office with the premier
# named between, a body the labelled sets label as written (2 of the 2 tuning cables that write
# it; the README's decision: "the premier Doe's office" is labelled), which the model reads as
# a title, a name and a lower-case noun. The corpus writes it 7 times in 6 cables. It claims
# only "'s office" for overlaps, so the premier's title and name stay a person. Without the
# name ("the Prime Minister's office", 107 uses) it is not read: tried in round 52, it gained on
# seven tuning sets but added a false organisation on the spent set. `normalize_org` scopes it
# to the host country, as the generic head "prime minister's office" (`GENERIC_ORG_HEADS`).
_PREMIER_NAMED_OFFICE = re.compile(r"(?<![\w-])(?:Prime[ \t\n]+Minister|PM)"
                                   r"((?:[ \t\n]+[A-Z][\w-]+){1,3})['’]s[ \t\n]+[Oo]ffice\b")


def premier_office_spans(seq: int, text: str) -> list[Span]:
    """Each "PM Doe's office" (`_PREMIER_NAMED_OFFICE`): one body, named in its standard form
    "Prime Minister's Office"; it covers only the words after the name."""
    if "office" not in text and "Office" not in text:
        return []
    return [Span(seq, m.start(), m.end(), ORG, "office", 4, name="Prime Minister's Office",
                 cover_start=m.end(1))
            for m in _PREMIER_NAMED_OFFICE.finditer(text)]


# A ministry's desk for a country, region or body ("the ministry's Ruritania desk", "the
# Northlands Desk"): a body, labelled as written from its topic's words to "desk" (an article,
# a foreign ministry's letters or a nationality before the topic left out). Not read: "desk
# officer" and "[Topic] Desk Jane Doe" (a title; the officer's name its person), a printer's
# "desk jet", a task force's "ABC/[Topic] desk" source note. In the forty tuning sets the form
# stands 20 times in 17 cables: 14 labelled a body (11 cables), 6 not (a person's former desk,
# a possessive person's "desk", three a ministry's letters then the desk's). The model reads
# the topic as a surname or a place. On the corpus (fresh set left out) 52 uses in 46 cables:
# 47 right, 2 too long (a ministry's name or misspelt letters before the topic), 3 of the kind
# the tuning sets leave out.
_DESK = re.compile(r"(?<![\w'’./-])((?:[A-Z][\w-]*[ \t]*\n?[ \t]*){0,3}[A-Z][\w-]*)"
                   r"[ \t]*\n?[ \t]+[Dd]esk\b"
                   r"(?![ \t\n]*-?[ \t\n]*(?:[Oo]fficers?|[Jj]et)\b|[ \t\n]+[A-Z][a-z])")
# Words that open no desk's topic: an article, a determiner, a foreign ministry's letters.
_NOT_DESK_TOPIC = frozenset({"The", "A", "An", "This", "That", "Its", "His", "Her", "Their",
                             "MFA", "FCO", "DFA", "DFAT", "DFAIT", "MOFA", "MRE", "MEA", "SRE"})


def desk_spans(seq: int, text: str) -> list[Span]:
    """Each "[Topic] desk" (`_DESK`): one body from its topic's first word to "desk"; the
    words before the topic (an article, the ministry's letters, a nationality) left out."""
    if "desk" not in text and "Desk" not in text:
        return []
    spans = []
    for m in _DESK.finditer(text):
        words = list(re.finditer(r"\S+", m.group(1)))
        while words and (words[0].group() in _NOT_DESK_TOPIC
                         or (len(words) > 1 and fold(words[0].group()) in DEMONYMS)):
            words.pop(0)
        if not words:
            continue
        start = m.start(1) + words[0].start()
        # a lone body's letters ("the ABC desk") stay that body's mention too: the desk
        # claims only its own word for overlaps
        lone = len(words) == 1 and words[0].group().isupper()
        spans.append(Span(seq, start, m.end(), ORG, "office", 4, head_word=True,
                          cover_start=m.end() - 4 if lone else -1))
    return spans
