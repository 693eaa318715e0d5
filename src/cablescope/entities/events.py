"""Meetings (who met whom, when, where) and quotes (who said what) inside one cable.

Rules over sentences and the cable's mentions, written for the way cables report contacts:
"Ambassador Stapleton and NEC Director Hubbard met with Interior Minister Nicolas Sarkozy on
August 1", "Sarkozy told Ambassador September 5 ...", "In a June 3 meeting with PolOff, ...",
"XXXXXXXXXXXX told us ...". A meeting needs two parties; its date is the one the sentence gives
(a month and day take the cable's year, or the year before when that would be after the cable;
"in early March" alone gives the month, YYYY-MM), else the day its paragraph gave last in a
sentence that tells of a contact, else the cable's own date, and `date_source` says which.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from cablescope.entities import encounters
from cablescope.entities.caseless import CaselessWords
from cablescope.entities.countries import COUNTRIES, DEMONYMS, code_for_words
from cablescope.entities.encounters import salient, unique
from cablescope.entities.lexicon import (
    CAPITALISED_MONTHS,
    MONTHS,
    OWN_NATION_WORDS,
    ROLE_PATTERN,
    SPEECH_VERBS,
    TITLE_HEADS,
    role_for,
)
from cablescope.entities.model import (
    ORG,
    PERSON,
    PLACE,
    ROLE,
    Block,
    CableContext,
    Meeting,
    Mention,
    Participant,
    Quote,
)
from cablescope.entities.names import PARTICLES, name_key
from cablescope.entities.reading import header_body, sentences
from cablescope.entities.spans import foreign_officer, heading_ranges, known_places

_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|" \
         r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_MONTH_DAY = rf"{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?"  # "May 3", "May 3rd"
_DAY_MONTH = rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"  # "3 May", "3rd of May"
_DATE_PATTERNS = [
    re.compile(rf"(?i)\b{_MONTH_DAY}\b(?:,?\s+(\d{{4}}))?"),
    re.compile(rf"(?i)\b{_DAY_MONTH}(?:,?\s+(\d{{4}}))?\b"),
]
# The post's numeric month/day, with or without its year, read only where it dates a contact:
# "on 11/18", "an 11/18 meeting with", "the Ambassador's 11/18/08 meeting with". Not a press
# citation's "(Daily, 11/18/08)" (no "on" nor meeting word), nor "9/11" (the attacks).
_NUMERIC_DAY = re.compile(
    r"(?i)(?:\bon\s+|(?:\b(?:an?|the|their|his|her|our|its|during)|['’]s)\s+"
    r"(?=\d{1,2}/\d{1,2}(?:/\d{2,4})?\s+"
    r"(?:meeting|conversation|call|discussion|lunch|dinner|breakfast|session|telcon)s?\b))"
    r"(?!9/11\b)(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\b(?!/\d)")
# "in early March", "during November 2008": the month only, when the sentence gives no day.
_MONTH_ONLY = re.compile(r"\b(?:[Ii]n|[Dd]uring|[Ss]ince|(?:the\s+)?(?:[Ee]nd|[Bb]eginning)\s+of)"
                         r"\s+(?:(?:early|mid|late)[\s-]+)?"
                         rf"({CAPITALISED_MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|"
                         r"Nov|Dec)\.?(?!\s*\d{1,2}\b)(?:,?\s+(\d{4}))?")
# "met then-President Bush in 2008", "late in 2007": the year only, when nothing finer is given.
_YEAR_ONLY = re.compile(r"\b(?:[Ii]n|[Dd]uring|[Tt]hroughout)\s+(?:(?:early|mid|late)[\s-]+)?"
                        r"((?:19|20)\d\d)\b(?![-/]\d)")
# How far after the cable a month and day without a year may fall and still be the cable's year:
# of the 629 such dates beside a meeting word 8 to 90 days after their cable (the corpus, the
# fresh set left out), a sample of 24 held 23 planned events ("will visit China October 22-28")
# and one of last year; further ahead the two are mixed ("Obama's June 4 visit" in January).
_AHEAD = dt.timedelta(days=90)
_RELATIVE = {"today": 0, "yesterday": -1, "this morning": 0, "this afternoon": 0,
             "last night": -1, "earlier today": 0}
_RELATIVE_RE = re.compile(r"(?i)\b(" + "|".join(_RELATIVE) + r")\b")
# Days written relative to the day the text gave last ("Minister Jan Kowalski called EconOff
# later in the day", "That same evening, X called on the Ambassador", "The next day, X met Y"): the
# day written last before the sentence (its paragraph, else the paragraph before) and the offset.
# On the corpus (the paragraphs of the 2011-04-25 corpus, every labelled set's cables left out),
# sentences with a meeting word and no date of their own: same-day phrases 87 in 83 cables,
# "the next / following day" 38 in 36, "the previous / preceding day" 27 in 26.
_RELATIVE_DAY = re.compile(
    r"(?i)\b(?:(?P<same>(?:that|the)\s+same\s+(?:day|evening|afternoon|morning|night)|"
    r"(?:later|earlier)\s+(?:in\s+the|that)\s+(?:day|evening|afternoon|morning|night))|"
    r"(?P<next>(?:the\s+)?(?:next|following)\s+(?:day|morning|evening))|"
    r"(?P<previous>the\s+(?:previous|preceding)\s+(?:day|evening)))\b")
# "The talks came the day after Minister Anna Nowak met Senator Paul Brown": the encounter the
# clause after the phrase tells is a day before the day of the one before it (the day written last,
# else the cable's); "the day before X met Y", a day after it. 8 of the 17 corpus sentences with
# "the day after / before", a meeting word and no date write the meeting word after the phrase.
_DAY_AFTER = re.compile(r"(?i)\bthe\s+day\s+(after|before)\s+(?=[A-Z\w])")
_MEETING_WORD = re.compile(r"(?i)\b(?:met|meet|meets|meeting|called\s+on|telephoned|phoned|"
                           r"spoke|talked|told|briefed|informed|hosted|delivered|discussed)\b")
# "September 8-11", "8-11 September": a span (a visit, a conference), dated by its month; a single
# day the sentence gives wins over it ("after the fair of September 8-11, ... met Y September 15").
_RANGE_AFTER = re.compile(r"\s*(?:-|–|to\b|through\b)\s*\d{1,2}\b(?![:,.]\d)(?:,?\s+(\d{4})\b)?")
_RANGE_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s*(?:-|–|to|through)\s*$")

# The verbs of speech a contact addresses "to us" or "to PolOff" (a trigger below, and a word the
# sentence filter `_ANY_TRIGGER` looks for).
_TOLD_THE_POST = ("confirmed|noted|acknowledged|admitted|affirmed|stressed|emphasi[sz]ed|explained|"
                  "complained|confided|reiterated|repeated|insisted|indicated|conceded|lamented|"
                  "remarked|commented|opined|underscored|underlined|predicted|mentioned")

# The post or one of its officers as the one told ("to us", "to PolOff", "the Embassy",
# "Post"; not "post-election"), read after the verbs of `_TOLD_THE_POST` and "advised".
_THE_POST_TOLD = (r"(?:us|(?:the\s+)?(?:ambassador|amb|charge|dcm|cda|polcouns|econcouns|"
                  r"[a-z]*offs?|consul\s+general|embassy|consulate|post(?!-)))\b")

# "Advised" then the post or one of its officers ("advised us", "advised PolOff", "advised the
# Embassy", "advised Post"): a contact told the post something (the verb's other uses, "advised
# the government to", "advised against", are not read).
_ADVISED = re.compile(rf"(?i)\badvised\s+(?={_THE_POST_TOLD})")

# The handover trigger of `_TRIGGERS` (its comment there): "gave / passed / handed / provided /
# presented" then the recipient ("us", or capitalised words, "of", "for", "and", "the"), then
# "with" or not, and a paper or an account of something within four words ("a copy", "an
# invitation", "an overview"); not a loan, a hand or "the impression", whose "recipient" met
# nobody.
_HANDED_THINGS = (r"cop(?:y|ies)|letters?|notes?|non-?papers?|papers?|documents?|lists?|"
                  r"readouts?|read[\s-]?outs?|overviews?|views?|briefings?|presentations?|"
                  r"packages?|invitations?|messages?|reports?|drafts?|proposals?|texts?|"
                  r"transcripts?|maps?|summary|summaries|files?|points|dossiers?|"
                  r"memorand(?:um|a)|petitions?|requests?|statements?|details|information|"
                  r"account|update|assessment|explanation")
# The handover verbs `_HANDED` opens with: a sentence without one of them (as a substring) holds
# no match of it, so the pattern, which opens with no literal the engine can skip to, is not run
# (`_may_hand`).
_HANDED_VERBS = ("gave", "passed", "handed", "provided", "presented")
_HANDED = re.compile(
    r"\b(?:" + "|".join(_HANDED_VERBS) + r")\s+"
    r"(?=(?:us|(?:the\s+)?[A-Z][\w.'’/-]*(?:\s+(?:[A-Z][\w.'’/-]*|of|for|and|the)){0,7}?)"
    r"\s+(?:with\s+)?(?:(?:a|an|the|his|her|its|their|our|two|three|several)\s+"
    r"(?:[\w'’-]+\s+){0,3}?)?(?:" + _HANDED_THINGS + r")\b)")
# Points, a demarche, a non-paper, a note, a message or a letter handed over with a long topic:
# the second alternative of the delivery trigger below, tried only when no "to"/"with" follows
# the verb within its 80 characters. "Delivered / presented / passed / shared / conveyed" and
# such a paper whose first "to" or "with" lies further on: 28 times in 28 cables of the
# corpus's body paragraphs, all read: 14 to a named official after the topic ("on the release
# of Y", "regarding Z"), one to one by title, one "with" one, 2 to bodies (no party), 10 with
# no recipient. The "to" of a country ("the transfer of Y to [country]") is passed over; the
# trigger is searched sentence by sentence, so "U.S." is the only period it may cross.
_COUNTRY_NAMES = sorted((name for name, _iso in COUNTRIES.values()), key=len, reverse=True)
_DELIVERED_LONG = (r"\s+(?:[\w/.'’-]+\s+){0,3}?(?:talking\s+points|points|d[eé]marches?|"
                   r"non-?papers?|notes?|messages?|letters?)\b[^;]{0,200}?"
                   r"(?=\bto\s+(?!(?:the\s+)?(?:" + "|".join(map(re.escape, _COUNTRY_NAMES))
                   + r"|U\.S\.|United\s+States)(?![\w'’-])))")
# "X, with whom the Ambassador met / we spoke / he holds meetings": up to five words (no modal,
# "to" or negation: "with whom the Ambassador will meet", "had declined to meet" tell of none)
# between "whom" and a contact verb, or "had / holds / held" and a meeting's noun ("had a
# long private meeting"). The pattern: 71 times in 64 cables of the corpus's body
# paragraphs; most antecedents are groups ("officials with whom we met"), no party, so no
# record; the antecedent must end right before "with whom" (a comma and an apposition of titles
# and names between them only).
_WITH_WHOM = re.compile(
    r"(?i)\bwith\s+whom\s+(?=(?:(?!(?:will|would|should|could|can|cannot|may|might|must|to|"
    r"not|never)\b)[\w.'’/-]+\s+){1,5}?(?:met|meets|meet|spoke|spoken|speaks|talked|conferred|"
    r"discussed|(?:had|has|have|holds|held|hold)\s+(?:[\w-]+\s+){0,3}?(?:meetings?|talks|lunch|"
    r"dinner|breakfast|coffee|conversations?|discussions?))\b)")
# Words that announce a contact; the group tells the kind, `with` says the other party follows.
_TRIGGERS = [
    (re.compile(r"(?i)\b(?:met|meet|meets|meetings?)(?:\s+(?:separately|privately|briefly|"
                r"again|jointly))?\s+(?:with\s+|between\s+)?"), "meeting", True),
    (re.compile(r"(?i)\b(?:called|call|calls)\s+on\s+"), "visit", True),
    (re.compile(r"(?i)\bpaid\s+(?:a\s+)?(?:courtesy\s+|farewell\s+|introductory\s+)?call\s+on\s+"),
     "visit", True),
    (re.compile(r"(?i)\b(?:hosted|hosts|host)\s+"), "meeting", True),
    (re.compile(r"(?i)\b(?:lunch|lunched|dinner|breakfast|coffee)\s+with\s+"), "meal", True),
    (re.compile(r"(?i)\b(?:phone|telephone)\s+(?:call|conversation|exchange)s?\s+(?:with|between)\s+"),
     "call", True),
    # "spoke by phone with X", "spoke separately by phone with X and Y" (an adverb before)
    (re.compile(r"(?i)\b(?:spoke|spoken|speaks|talked|talks)\s+(?:[a-z]+ly\s+)?"
                r"(?:by\s+(?:tele)?phone\s+)?(?:with|to)\s+"),
     "conversation", True),
    (re.compile(r"(?i)\bconversations?\s+(?:with|between)\s+"), "conversation", True),
    (re.compile(r"(?i)\bdiscussions?\s+(?:with|between)\s+"), "conversation", True),
    (re.compile(r"(?i)\bdemarched\s+"), "meeting", True),
    (re.compile(r"(?i)\b(?:introductory\s+|courtesy\s+|farewell\s+)?call\s+with\s+"), "call", True),
    (re.compile(r"(?i)\btalks\s+(?:in\s+[A-Z][\w-]+\s+)?(?:with|between)\s+"), "meeting", True),
    (re.compile(r"(?i)\b(?:told|tells|briefed|assured|informed)\s+"), "conversation", True),
    (re.compile(r"(?i)\b(?:was\s+able\s+to\s+)?reach(?:ed)?\s+(?=[^.]{0,120}\bby\s+(?:tele)?phone)"),
     "call", True),
    (re.compile(r"(?i)\b(?:telephoned|phoned)\s+"), "call", True),
    # "PolCouns followed up with X", "we also contacted X": a contact without a meeting word
    (re.compile(r"(?i)\bfollow(?:ed|s)?[\s-]+up\s+with\s+"), "conversation", True),
    (re.compile(r"\b[Cc]ontacted\s+"), "conversation", True),
    # "the Foreign Minister summoned the Ambassador", "the Interior Minister convoked the Charge"
    (re.compile(r"(?i)\b(?:summoned|convoked)\s+"), "meeting", True),
    # "the Foreign Minister called in the Ambassador", "Minister X called in CDA": the summons
    # written "called in". "Called in" before a word (not a number): 48 times in 42 cables of
    # the corpus's body paragraphs, all read: 26 someone summoning a named or titled person (an
    # ambassador, the Charge, a minister, "PolCouns"), 3 its passive ("was called in by X"), 1
    # announced ("would be called in to the MFA"), 18 no summons ("called in March", "as it is
    # called in [a language]", "police were called in", "called in to a talk show"), where no
    # party follows ("to", a date, a place, a body: the right side must be a person or a role
    # right after the words).
    (re.compile(r"(?i)\bcalled\s+in\s+(?!to\b|advance\b|part\b)"), "meeting", True),
    # "Foreign Minister X called the Ambassador back to say ...", "Y called PolCouns on April
    # 25 to ...": a telephone call (or a summons, "called the Ambassador into the Ministry")
    # whose other party is the verb's object. "called" (not "so-called", "is/was called") then
    # capitalised words: 469 times in 397 cables of the corpus's body paragraphs; a sample of
    # 40, read: 16 a call to a person or an officer, the rest naming ("called X a puzzle",
    # "called X's remarks ...", "a unit called Y", "formerly called Z"). Only the object that
    # is followed by the call's own words ("back", "to", "on", "in(to)", "and", a day, a
    # comma or the sentence's end) is taken: the naming uses go on with "a", "the", a quote,
    # a possessive (",s" too) or a lower-case noun; a month first is "called [day] on X", a
    # visit. On the 397 cables the rule adds 78 records (72 cables); a sample of 40, read: 36
    # a call between the two parties it names, 4 not (a parliament's summons, a party
    # resolved to the wrong namesake, a third party added, a record of the same pair
    # re-dated).
    (re.compile(r"\b[Cc]alled(?<!-[Cc]alled)(?<!is [Cc]alled)(?<!was [Cc]alled)"
                r"(?<!were [Cc]alled)(?<!are [Cc]alled)(?<!be [Cc]alled)(?<!been [Cc]alled)\s+"
                r"(?!(?i:" + "|".join(map(re.escape, sorted(MONTHS, key=len, reverse=True)))
                + r")(?![\w'’-]))"
                r"(?=(?:the\s+)?[A-Z][\w./-]*(?:\s+[A-Z][\w./-]*){0,4}"
                r"(?:\s+(?:back|to|on|in|into|at|and|when|after|seeking|personally|again|"
                r"today|yesterday|earlier|late|early|last|this|\d{1,2})\b|\s*(?:,(?!s\b)|[.;])))"),
     "call", True),
    # "Minister X approached the Ambassador to ...", "Y approached PolOff for guidance": a
    # contact the verb's object is the other party of. "Approached" then a word: 261 times in 226
    # cables of the corpus's body paragraphs; 115 (107 cables) before a capitalised word, "the
    # [Capitalised]", "us" or a redaction. A sample of 40 of those 115, read: 16 a contact with a
    # person or a post officer (a name, "Charge", "PolOff", "the Ambassador", an attache), one of
    # them negated; 23 a country, a government, a body or a group ("approached Ruritania", "the
    # Embassy", "the ministry's officials"), which is no party, so no record; one no contact
    # ("approached the problem"). A party must follow right after the word ("approached by"
    # names the one who made the contact: no object there).
    (re.compile(r"(?i)\bapproached\s+(?!by\b)"), "conversation", True),
    # "Minister Jan Kowalski conferred with the Ambassador", "X, who conferred briefly with Y":
    # a conversation with the party after "with". "Conferred" (an adverb in "-ly" or none) then
    # "with": 8 times in 8 cables of the corpus's body paragraphs, all read: 5 with a person or
    # an officer (a name, a minister, "officials, including President ..."), 3 with a government,
    # countries or "counterparts", which are no party, so no record. The word's other 8 uses
    # ("powers conferred upon him", "conferred by Article ...", "the two conferred on ...") have
    # no "with" and are not read.
    (re.compile(r"(?i)\bconferred\s+(?:[a-z]+ly\s+)?with\s+"), "conversation", True),
    # "Minister Jan Kowalski, with whom PolOff met earlier that day, ...", "Y, with whom he
    # holds regular meetings": a relative clause whose antecedent, right before it, is
    # the other party (`_WITH_WHOM`, read in `_meetings`); the clause's subject follows "whom".
    (_WITH_WHOM, "meeting", True),
    (re.compile(r"(?:(?<=\bto )|(?<=\bwill )|(?<=\bwould ))(?:tele)?(?:phone|call)\s+(?=[A-Z])"),
     "call", True),  # "the Minister will call the Chancellor": an announced call
    # "Minister Jan Kowalski passed PolOff and the DCM a copy of the draft law", "provided
    # the Ambassador with a readout": a handover whose recipient is the verb's first object (before
    # the rule below, which looks for "to"/"with" after it). The form (`_HANDED`): 159 times in
    # 149 cables of the corpus's body paragraphs; in a sample of 30, 26 between two people or
    # officers (or "us"), 4 with a country, a company or a presentation on one side, which is
    # no party. Without the list of things handed (any "a / the ..." after the recipient: 234
    # times in 219 cables), the rule also read "gave us the feeling", "gave X a loan", "gave Y
    # a hand" on a sample of unlabelled cables, and one false meeting more on the spent set.
    (_HANDED, "meeting", True),
    # not "he conveyed that the government's dialog with X ...": what was said, not to whom.
    # A delivered demarche, points or note whose topic runs on past 80 characters ("delivered
    # the demarche and non-paper on the transfer of Y to [a country] to MFA Director X"): the
    # "to" up to 220 characters on, not one before a country (the topic's), reaches the
    # recipient (`_DELIVERED_LONG`).
    (re.compile(r"(?i)\b(?:delivered|presented|passed|shared|conveyed)\b(?!\s+that\b)"
                r"(?:[^.;]{0,80}?|" + _DELIVERED_LONG + r")\b(?:to|with)\s+"),
     "meeting", True),
    (re.compile(r"(?i)\b(?:discussed|discuss|discusses)\b"), "conversation", False),
    # "X confirmed to PolOff that ...", "Y recently indicated to us": speech to the post itself
    (re.compile(r"(?i)\b(?:" + _TOLD_THE_POST + r")"
                r"\s+(?:\w+\s+){0,2}?to\s+(?=" + _THE_POST_TOLD + ")"), "conversation", True),
    # "X advised us that ...", "Y advised the Ambassador the Cabinet would ...", "Z advised Post
    # that": "advised" as "told", read only with the post or one of its officers right after it
    # (`_ADVISED`).
    (_ADVISED, "conversation", True),
]
# "the Kowalski-Nowak meeting", "a Doe-Roe call", "the Roe-Poe bilateral": a contact named by
# its two parties' surnames joined by a hyphen. Each half must be a word of the name of a
# person the cable names elsewhere (not both of one name: a hyphenated surname), or one half
# is and the other is a surname named nowhere else (no place, country, nationality, month or
# word of another mention), so country pairs ("Ruritania-Freedonia talks") and bodies make
# none. The form (two capitalised words joined by a hyphen before the nouns below): 142 times
# in 113 cables of the corpus's body paragraphs, about half two people, the rest countries,
# peoples, parties or events; on those cables the rule adds 25 records (22 cables), all read:
# 24 of the pair's two people, 14 of them a contact held, 8 one only announced ("a possible X-Y
# call"), 2 one called off ("the aborted X-Y dinner"); where a word right before the pair says
# so, the record is marked planned (`_NOT_HELD`: 2 records of the corpus).
_PAIR_NAMED = re.compile(
    r"(?<![\w'’.-])([A-Z][a-z]\w*)-([A-Z][a-z]\w*)(?![\w'’-])\s+"
    r"(?:(?:bilateral|private|phone|telephone|working|brief|first|recent)\s+)?"
    r"(meetings?|bilateral|call|conversations?|talks|summit|lunch|dinner|encounter|"
    r"tete-a-tete)\b")

# "a possible Kowalski-Nowak call", "the proposed Doe-Roe meeting", "the aborted Roe-Poe
# dinner": a pair's contact only announced or called off, not held, is marked planned (the
# flag a user reads as "not held"; the labels score a record either way).
_NOT_HELD = re.compile(r"(?i)\b(?:possible|potential|proposed|planned|prospective|next|future|"
                       r"aborted|cancell?ed|postponed|deferred)\s+(?:\w+\s+)?$")


def _pair_named(block: Block, text: str, s: int, e: int,
                named: Mapping[str, tuple[int, Mention] | None], others: frozenset[str],
                cable_date: dt.date | None) -> list[Meeting]:
    """The contacts one sentence names by their parties' surnames ("the Kowalski-Nowak
    meeting"): `named` holds each surname word of the cable's people (None where two people
    share it), `others` the words of its other mentions (bodies, places, roles). One half may
    be a surname the cable names nowhere else ("the Kowalski-Brandt dinner", Kowalski named
    in full): a bare party, when it is no word of another mention, no place, country,
    nationality or month."""
    found: list[Meeting] = []
    for m in _PAIR_NAMED.finditer(text, s, e):
        halves = [name_key(m.group(1)), name_key(m.group(2))]
        a, b = (named.get(h) for h in halves)
        if (a is None and b is None) or (a is not None and b is not None
                                         and a[1].key == b[1].key):
            continue
        if a is None or b is None:  # "the Kowalski-Brandt dinner", Brandt named only there
            bare = halves[0] if a is None else halves[1]
            if bare in named or bare in others or bare in _KNOWN_PLACES or bare in MONTHS \
                    or code_for_words(bare) is not None:
                continue
        date = find_date(text[s:e], cable_date, near=m.start() - s)
        source = "text"
        if date is None:
            date, source = _paragraph_date(text, s, cable_date), "paragraph"
        kind = "call" if m.group(3) == "call" else "meeting"
        before = text[max(s, m.start() - 30):m.start()]
        found.append(Meeting(block.seq, block.number, s, e, kind, date or _iso(cable_date),
                             source if date else "cable", None,
                             bool(_PLANNED.search(before) or _NOT_HELD.search(before)),
                             [Participant(p[1].name, p[0], p[1].title) if p is not None
                              else Participant(m.group(1) if p is a else m.group(2))
                              for p in (a, b)]))
    return found


def _surname_words(mentions: Sequence[Mention]
                   ) -> tuple[dict[str, tuple[int, Mention] | None], frozenset[str]]:
    """Each word of the cable's people's names but the first (all of a one-word name), with the
    first person it names (None where it names two people); and every word of its other
    mentions."""
    named: dict[str, tuple[int, Mention] | None] = {}
    others: set[str] = set()
    for i, m in enumerate(mentions):
        if m.type != PERSON:
            others.update(m.key.split())
            continue
        words = m.key.split()
        for w in words[1:] or words:
            if len(w) < 3 or w in PARTICLES:
                continue  # "al", "bin": no surname alone
            if w in named and (held := named[w]) is not None and held[1].key != m.key:
                named[w] = None
            elif w not in named:
                named[w] = (i, m)
    return named, frozenset(others)


# "X's office": the body a party's name possesses is what was met, not the party.
_BODY_OF = re.compile(r"(?i)['’]s\s+(?:office|staff|cabinet|secretariat|team|aides|advisors|"
                      r"advisers|ministry|campaign|committee)\b")
# The words every trigger above starts with: a sentence without one is not searched for each.
_ANY_TRIGGER = re.compile(r"(?i)\b(?:met|meet|call|paid|host|lunch|dinner|breakfast|coffee|phone|"
                          r"telephone|spoke|speak|talk|conversation|discuss|demarched|told|tells|"
                          r"briefed|assured|informed|reach|delivered|presented|passed|shared|"
                          r"conveyed|follow|contacted|summoned|convoked|approached|conferred|advised|"
                          + _TOLD_THE_POST + ")")
# The same, searched fast on ASCII sentences (`caseless`): the filter runs on every sentence.
_ANY = CaselessWords(_ANY_TRIGGER)


def _fast_check(pattern: re.Pattern[str]) -> CaselessWords | None:
    """The fast test whether a trigger matches a sentence at all, for a case-blind trigger
    written in lower case (the others are searched as they are)."""
    try:
        return CaselessWords(pattern)
    except ValueError:
        return None


_TRIGGER_CHECKS = [_fast_check(pattern) for pattern, _kind, _objects in _TRIGGERS]


def _may_hand(sentence: str) -> bool:
    """Whether `sentence` holds one of `_HANDED`'s verbs (the cheap test before the pattern)."""
    return any(verb in sentence for verb in _HANDED_VERBS)


# "Over lunch June 7, X shared his views": a meal with the embassy, dated, no "with".
_MEAL = re.compile(r"(?i)\b(?:over|at|during)\s+(?:a\s+)?(?:working\s+)?(?:lunch|dinner|breakfast|"
                   r"coffee)\b")
_HOSTED_BY = re.compile(r"(?i)\bhosted\s+by\b")
_EMBASSY_SUBJECT = re.compile(r"\b(?:Post|Embassy|We|EMBASSY|POST|WE)\s+(?:\w+\s+){0,2}$")
# "The Ruritanian Embassy informed us": another country's embassy, not the post ("[X] Embassy
# told / informed / briefed / assured us" or an officer: 21 times in the corpus's body
# paragraphs, 15 of them, in 15 cables, with a nationality other than "U.S." before it).
_OTHER_EMBASSY = re.compile(r"([\w.'’-]+)\s+(?:Embassy|EMBASSY)\s+(?:\w+\s+){0,2}$")
_UK = frozenset({"uk", "u.k."})  # the demonyms lack the United Kingdom's abbreviation
# Another country's official met or told, written by title alone: "met with Ruritania's
# ambassador", "in a conversation with the Ruritanian Minister of Fisheries", "met with his
# Ruritanian counterpart" (after a contact word, with no name after the title: 62 times in 58
# cables of the corpus's body paragraphs). The party is the phrase as written, without "the"
# or "his", with the place it holds ("in [city]", "to [country]"); with a name after the
# title, or after a comma, the name is the party.
_NATIONS = sorted({d for d in DEMONYMS if d not in OWN_NATION_WORDS} | _UK, key=len, reverse=True)
_FOREIGN_OFFICIAL = re.compile(
    r"\s*(?:(?:the|his|her|their|its)\s+)?((?i:" + "|".join(re.escape(d) for d in _NATIONS)
    + r"|(?:" + "|".join(re.escape(c) for c in _COUNTRY_NAMES)
    + r")['’]s)\s+(?i:ambassador|counterpart|"
    r"high\s+commissioner|(?:foreign\s+|prime\s+|defen[cs]e\s+)?minister"
    r"(?:\s+of\s+[A-Z][\w-]+(?:\s+and\s+[A-Z][\w-]+)?)?)"
    r"(?:\s+(?:in|to)\s+[A-Z][\w-]+(?![\w'’-]|\s+[A-Z])"  # a place, then no name
    r"|(?![\w'’-]|\s+(?:of\s+|and\s+|in\s+|to\s+)?[A-Z]|\s*,\s*[A-Z])))")  # no name at all
# The post's officers as a group, "told Embassy staff that", "consulate officers met with X": the
# embassy, its role the cable's words. Not after a nationality ("Dutch Embassy representatives").
_STAFF = (r"(?:[Ee]mbassy|[Cc]onsulate|EMBASSY|CONSULATE)(?:['’]s)?\s+(?:staff(?:ers)?|"
          r"officers?|officials|personnel|representatives?)\b")
_STAFF_OBJECT = re.compile(r"\s*(?:the\s+|our\s+|an\s+)?(" + _STAFF + ")")
# The post itself the one told, written as the post ("informed Post that", "confirmed to the
# Embassy on May 4", "told the Consulate", "advised Embassy Springfield officers"): the
# embassy, `EmbOff`. Not another country's ("told the Ruritanian Embassy": a word between), nor
# "the Embassy's" or "the Embassy of Y" (a body named), nor "post-election".
_POST_OBJECT = re.compile(r"\s*(?:the\s+|our\s+)?((?:[Ee]mbassy|[Cc]onsulate|EMBASSY|CONSULATE)"
                          r"(?:\s+[A-Z][a-z]+){0,2}(?:\s+(?:staff|officers?|officials|personnel))?"
                          r"|[Pp]ost|POST)(?![\w'’-]|\s+of\b)")
_STAFF_SUBJECT = re.compile(r"(?:^|[.,;:)]\s*|\b(?:[Tt]he|[Oo]ur|[Aa]n?|[Tt]wo|[Ss]everal|"
                            r"\d{1,2})\s+)(" + _STAFF + r")\s+(?:\w+\s+)?$")
_NOUN_TRIGGER = re.compile(r"(?i)\b(?:meetings?|lunch|dinner|breakfast|conversations?|call|"
                           r"discussions?)\b")
# "X ... his meeting with Y": the meeting of the person last named before the possessive.
_POSSESSIVE = re.compile(r"(?i)\b(?:his|her)\s+(?:\w+\s+)?$")
# "In a May 29 meeting with the Ambassador, Foreign Minister X said": the meeting is named in an
# opening phrase, its other party is the subject of the sentence that follows the comma.
_OPENING = re.compile(r"(?i)^[\s\W]*(?:[a-z]+(?:\s+[a-z]+)?\s*(?::|--)\s+)?(?:[^,.;:]{1,30},\s+)?"
                      r"(?:in|during|at|over|after|before|following)\s+(?:[\w'’.,-]+\s+){0,6}$")
_NOT_SUBJECT_GAP = frozenset({"that", "who", "which", "whom", "whose", "when", "while", "where",
                              "but", "and", "or", "because", "if"}) | SPEECH_VERBS
_PLANNED = re.compile(r"(?i)\b(?:will|to|would|plans?\s+to|scheduled\s+to|upcoming|"
                      r"hopes?\s+to|expects?\s+to|going\s+to)\s+(?:be\s+)?(?:\w+\s+)?$")
# A meeting only asked for ("X requested a meeting with the minister", "Y requests a meeting with
# Z"): none, held or announced (the fifth set's convention). Not "requested the
# meeting" (the one held: "X, who requested the meeting, said"), nor "requested meetings for X
# with Y on May 3" (a visitor's meetings a third party arranged, announced: the thirty-second set),
# nor one with a day after it (`encounters.REQUEST_DAY`: held or fixed that day).
_REQUESTED = r"(?:request|requests|requested|requesting)\s+(?:a|an|another)"
# A meeting only sought or pressed for ("was seeking a meeting with the Leader", "favors a
# meeting between X and Y"): no meeting, held or announced (the labels' convention).
_SOUGHT = re.compile(r"(?i)\b(?:(?:seek|seeks|seeking|sought|favou?rs?|favou?red|favou?ring|"
                     r"press(?:es|ed|ing)?\s+for|push(?:es|ed|ing)?\s+for)\s+"
                     r"(?:a|an|another|the)|" + _REQUESTED + r")\s+(?:\w+\s+)?$")
_PRONOUNS = re.compile(r"(?i)\b(he|she)\s+(?:also\s+|then\s+|later\s+|\w+ly\s+)?$")
_REDACTED = encounters.REDACTION
_REDACTED_SOURCE = "(redacted source)"
_REDACTED_END = re.compile(rf"(?:{_REDACTED.pattern})$")  # a run closing the text before
_REDACTED_NEXT = re.compile(rf"\s+(?:{_REDACTED.pattern})")  # a run right after
# Words before a redaction that make it the one told or met, not a described source.
_TOLD_WORDS = frozenset({"told", "tells", "briefed", "assured", "informed", "with", "to", "by",
                         "and", "met", "contacted", "of", "called", "on", "that", "whom"})
_CONNECTOR = re.compile(r"^[\s,&]*(?:and|as well as|together with|along with|,)?[\s,&]*$",
                        re.IGNORECASE)
_FILLER = frozenset([
    "the", "a", "an", "and", "of", "for", "s", "also", "then", "again", "recently", "briefly",
    "separately", "had", "have", "has", "will", "would", "to", "is", "was", "were", "be", "been",
    "scheduled", "plans", "planned", "first", "later", "privately", "jointly", "both", "on",
])
# Words allowed between "met with" and the name: titles, dates, descriptions of the post held.
_DESCRIBING = _FILLER | frozenset(MONTHS) | frozenset([
    "his", "her", "their", "with", "for", "in", "desk", "senior", "team", "staff", "staffer",
    "aide", "counterpart", "colleague", "contact", "expert", "member", "members", "delegation",
    "officials", "ministry", "foreign", "affairs", "former", "then", "acting", "deputy", "chief",
    "head", "newly", "appointed", "new", "longtime", "local", "party", "opposition", "own",
    "visiting", "prime", "minister", "president", "interior", "defense", "finance", "justice",
    "office", "bureau", "department", "division", "directorate", "section", "unit", "general",
    "several", "other",
])
_EMBASSY_LABELS = frozenset({"EmbOff", "PolOff", "EconOff", "PolMilOff", "ConOff", "DCM",
                             "Ambassador", "PolEconOff", "LabOff", "ESTHOff", "MsnOff",
                             "Consul General", "ConGenOff", "Charge d'Affaires"})
# "According to X, Y told Z": X is the source of the report, no party of Y's encounter.
_SOURCE = re.compile(r"(?i)\baccording\s+to\s+(?:[\w'’.-]+\s+){0,5}$")
_QUOTE = re.compile(r"[\"“]([^\"“”]{8,}?)[\"”]")
_PARTIES = (PERSON, ROLE)
_APPOSITION = re.compile(r",([^,]{3,90}),")
# The day written on the occasion of a conversation ("A told B ... in an October 21 meeting in
# Y", "In a conversation with C on the margins of a reception on January 15, D said"): dated
# wherever it sits in the sentence, beside the window a told-sentence is dated in (its object
# and 30 characters after it; the that-clause's days are other events'). A preposition, a
# determiner, up to two words, then the day before the occasion's noun or "on" the day after it.
# On the corpus (the newest labelled draw's cables left out): 898 such phrases in 764 cables, 189
# of them in 182 cables' sentences with a told-or-conversation word; there 3 of 445 records
# change their day (3 right by reading), a sample of 200 of the other cables none.
_OCCASION_NOUN = r"(?:meeting|conversation|call|lunch|dinner|breakfast|reception|session)s?"
_DAY = rf"(?:{_MONTH_DAY}|{_DAY_MONTH})"
_OCCASION_DAY = re.compile(
    r"(?i)\b(?:in|at|during|on\s+the\s+(?:margins|sidelines)\s+of)\s+(?:an?|the|their|his|"
    rf"her|our|its)\s+(?:[\w-]+\s+){{0,2}}?(?:(?P<before>{_DAY})\s+{_OCCASION_NOUN}|"
    rf"{_OCCASION_NOUN}\s+on\s+(?P<after>{_DAY}))\b")
_DIGIT = re.compile(r"\d")
# "the April 21 Ministerial", "the October 2 donors' conference": a day written before another
# event's noun names that event, not the contact the sentence tells of; it dates the contact only
# when the sentence gives no other day. An occasion's noun (`_OCCASION_NOUN`, a visit, talks) after
# the day is the contact's own ("the May 3 meeting"). On the corpus (the fresh draw's cables left
# out): 1933 such days in 1208 cables, 787 in sentences with a contact word; 136 sentences (127
# cables) change their day, of a sample of 25 read 21 to the contact's, 3 tell of no contact,
# 1 wrong (two meetings' days, each written "the <day> <place> meeting").
_THE_BEFORE = re.compile(r"(?i)\bthe\s+$")
# "Following up on the points passed to X on May 2, PolOff met Y on June 5", "On June 5, PolOff
# followed up on a May 2 demarche by calling on Y": the day inside the follow-up's object is the
# earlier contact's, as "the April 21 Ministerial" is another event's (counted as those, below),
# unless it is written on the trigger itself ("to follow up on X's May 2 talk with Y": the record
# of that talk). A day in that object: 20 times in 20 cables of the corpus; 2 records change.
_FOLLOWED_UP = re.compile(r"(?i)\bfollow(?:ed|ing|s)?\s+up\s+on\b[^,;:.()]{0,100}$")
_NAMED_EVENT_AFTER = re.compile(
    rf"(?i)\s+(?!{_OCCASION_NOUN}\b|visits?\b|talks\b|discussions?\b|d[eé]marches?\b)[a-z]")
# A told-or-conversation sentence's day written "on" it at the end of its clause, after the topic
# ("EconOff briefed X on the new tariff schedule on May 9 and asked ...", "Y and Z are to talk
# about the port lease again on June 2."): past the window (the object and 30 characters), yet
# the contact's day when no that-clause or quote comes before it, nor a word of another clause or
# event (a past participle or past verb, a relative or subordinating word, a pronoun: "told us
# X renewed a permit on May 2", "briefed Y on his meeting with Z on May 2", "when he visited").
_TRAILING_DAY = re.compile(rf"(?i)\bon\s+(?P<day>{_DAY})(?:,?\s+\d{{4}})?(?=\s*(?:[.;,]|and\b|$))")
_OTHER_CLAUSE = re.compile(r"\b(?:[a-z]+ed|when|whom|who|which|he|she|they|his|her|their|"
                           r"following|after|before)\b")
_TOLD_CLAUSE = re.compile(r"\bthat\b|[\"“]")
# Words by which one named before "the meeting between X and Y" was at it.
_ATTENDED = re.compile(r"(?i)\b(?:attend(?:ed|s)?|join(?:ed|s)?|participated|sat\s+in|took\s+part|"
                       r"was\s+present|hosted|chaired)\b")
# "X from Y" right before a contact verb: Y is where X comes from (a body the model may read as a
# person: "Jan Doe from the Ruritanian Widget Board explained to Embassy officers"), X the party.
_FROM_BODY = re.compile(r"\s+from\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,2}")
# A party's description between its name and the verb, closed by a comma: "X, Director of the
# tax office in the Y governorate, told us", "X of the Z Union, told EconOff".
_DESCRIPTION = re.compile(r"(?:,|\s+(?:of|from|at)\b)[^;:.()\"“”]{3,90},\s*(?:\w+ly\s+)?$")
# A redacted source and its description before the verb: "XXXXXXXXXXXX, sales director of a
# cement firm, told EconOff" (not "XXXXXXXXXXXX said that the minister, angry, told").
_REDACTED_DESCRIBED = re.compile(rf"(?:{_REDACTED.pattern})\s*,"
                                 r"(?![^;:.]*\b(?:that|said|says|told|noted|added)\b)"
                                 r"[^;:.()\"“”X]{3,100}?,?\s*(?:\w+ly\s+)?$")
# A person named as the object of a preposition that closes an apposition right before the
# verb ("X, senior adviser to Minister Y, told PolOff", "X, deputy of Y, said to us"): Y, whom the
# apposition names, is no party; X is. From X's end: a comma, a description of up to 60
# characters (no comma, no full stop) that ends in "to / of / for", up to 60 characters more
# (Y's title and Y's name), then a comma before the verb (an adverb may follow it).
_OBJECT_CLOSES = re.compile(r",\s+[^,;:.()\"“”]{1,60}?\b(?:to|of|for)\s+[^,;:.()\"“”]{1,60}?"
                            r",\s*(?:\w+ly\s+)?")
# A name in the possessive whose noun closes an apposition right before the trigger ("X, the
# acting chief during Minister Y's absence, informed ...", "X, a member of Y's delegation,
# provided ...", "X, Y's spokesman, told ..."): Y owns the noun and is no party; the subject is
# the party before it that the apposition describes (`_DESCRIPTION`), where there is one.
_OWNER = re.compile(r"['’]s\s+[^,;:.()]{1,40},\s*(?:\w+ly\s+)?$")
# A name in the possessive inside an "of" phrase right before the verb ("the teacher of X's
# son told PolOff", "a friend of X's, told"): the unnamed head of the phrase acts, X is no party
# (a possessive with no "of" before it, "X's spokesman told PolOff", stays X's contact).
_POSSESSED = re.compile(r"['’]s(?:\s+[a-z][\w-]*){1,3}\s*$|['’]s\s*,\s*$")
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,3}$")


def _possessed(text: str, name: Mention, verb: int) -> bool:
    """Whether `name` stands in the possessive inside an "of" phrase that runs to the verb at
    `verb` ("the tutor of X's daughter told"): the phrase's head acts, not X."""
    start, end = name.start or 0, name.end or 0
    return (_POSSESSED.match(text, end, verb) is not None
            and _OF_BEFORE.search(text, max(0, start - 60), start) is not None)


def _apposed_party(text: str, before: Sequence[tuple[int, Mention]], anchor: int,
                   verb: int) -> int | None:
    """The nearest party before `before[anchor]` whose apposition runs to the verb at `verb`
    (`_DESCRIPTION`: "X, a member of ..., told"), if any."""
    return next((j for j in range(anchor - 1, -1, -1)
                 if _DESCRIPTION.match(text, before[j][1].end or 0, verb)), None)


# Encounters the cable says were separate: "met separately with A and B", "In separate
# meetings, A and B told the Ambassador", "In separate discussions with PolOff, A and B said".
_SEPARATELY = re.compile(r"(?i)\b(?:separately|individually)\b")
_SEPARATE_OPENING = re.compile(r"(?i)^[\s\W]*(?:[a-z]+(?:\s+[a-z]+)?\s*(?::|--)\s+)?"
                               r"(?:in|during)\s+separate\s+(?:[\w'’-]+\s+){0,3}?"
                               r"(?:meetings|discussions|conversations|calls|talks)\b")
_RELATIVE_APPOSITION = re.compile(r"(?i)^\s*(?:who|which)\s+(?:is|was)\s+(?:also\s+)?")


def find(ctx: CableContext, blocks: Sequence[Block], prepared: list[str],
         mentions: list[Mention], parses: Mapping[int, list[tuple[int, Any]]] | None = None,
         bodies: Sequence[int] | None = None) -> tuple[list[Meeting], list[Quote]]:
    """Meetings and quotes of one cable, given its prepared paragraphs and its mentions;
    `parses` are the parsed stretches of each paragraph (seq: [(offset, Doc)]), which
    `encounters` reads for what the phrase rules miss; `bodies`, where each header block's body
    begins (`reading.header_body`, as the caller already found it; found here when not given)."""
    cable_date = _cable_date(ctx)
    meetings: list[Meeting] = []
    quotes: list[Quote] = []
    by_seq: dict[int | None, list[tuple[int, Mention]]] = {}
    people = {m.key for m in mentions if m.type == PERSON}
    surnames = {w for key in people for w in key.split()[1:] or key.split() if len(w) > 2}
    for i, m in enumerate(mentions):
        if m.type == PLACE and _surname_as_place(m, people, surnames):
            m = dataclasses.replace(m, type=PERSON)  # "with Jane Roe, head of ... Roe said"
        by_seq.setdefault(m.seq, []).append((i, m))
    previous = ""  # the prepared text of the paragraph before
    # The cable's surname words and other mentions' words (`_surname_words`), read at the first
    # paragraph that names a contact by a hyphen-joined pair.
    pair_words: tuple[dict[str, tuple[int, Mention] | None], frozenset[str]] | None = None
    earlier: list[tuple[str, list[tuple[int, int]], list[tuple[int, Mention]]]] = []
    if bodies is None:
        bodies = [header_body(text) if b.is_header else 0
                  for b, text in zip(blocks, prepared, strict=True)]
    for block, text, start in zip(blocks, prepared, bodies, strict=True):
        # The header's own lines (routing, classification, subject) tell of no event; what
        # follows them in its block is the body of a short cable whose only paragraph is
        # unnumbered, run on below "Classified By": read from there, like any paragraph
        # (`reading.header_body`: not a summary the numbered paragraphs tell again).
        if block.is_header and not start:
            continue
        # Another country's officer written by the post's role word ("the Ruritanian DCM told
        # us", "with the Greek Charge"): no party of the post's (`spans.foreign_officer`).
        here = [(i, m) for i, m in by_seq.get(block.seq, [])
                if not (m.type == ROLE and m.start is not None and foreign_officer(text, m.start))]
        headings = heading_ranges(block.text)
        pairs = "-" in text and _PAIR_NAMED.search(text) is not None
        if pairs and pair_words is None:
            pair_words = _surname_words(mentions)
        spans = sentences(text, start)
        for s, e in spans:
            if any(a < e and s < b for a, b in headings):
                continue
            inside = [(i, m) for i, m in here if m.start is not None and s <= m.start < e]
            found = _meetings(block, text, s, e, inside, here, cable_date)
            if pairs and pair_words is not None:
                found += _pair_named(block, text, s, e, *pair_words, cable_date=cable_date)
            if parses and block.seq in parses:
                found += _parsed(block, text, (s, e), parses[block.seq], here, found,
                                 cable_date)
            if not found and _DATED_WORD.search(text, s, e):
                found = _said_on_day(block, text, (s, e), inside, cable_date)
            if found:
                _relative_day(found, text, (s, e), previous, cable_date)
                _earlier_day(found, meetings, mentions, earlier, cable_date, text[s:e])
            meetings += found
        if not block.is_header:
            quotes += _quotes(block, text, here, mentions)
        previous = text
        earlier.append((text, spans, here))
    meetings += _cited_source(blocks, meetings, cable_date)
    return _dedupe(meetings, {b.seq: b.text for b in blocks}), quotes


# "Desk Officer Jane Roe said March 1 that ...", "Director Roe on May 3 said ...": a
# named official's words dated to the day, no listener written, and the paragraph going on with
# what the official said ("Roe added", "She said"): the account of a conversation with the post,
# which the labels record as a meeting of the official with `EmbOff` that day. Not words said in
# public (a statement, the press, an interview, a speech in the sentence), not words said "to"
# someone (the phrase rules read those), and not a dated remark the paragraph leaves at once
# ("Harbour Director Doe said on May 4 that ..." amid another account: a public remark quoted).
_SPOKE = ("said|stated|noted|confirmed|explained|responded|replied|commented|remarked|"
          "stressed|emphasi[sz]ed|indicated|reported|added|opined|observed|insisted")
_ON_DAY = rf"(?:on\s+)?{_DAY}(?:,?\s+\d{{4}})?,?"  # "on May 3", "3 May 2008,"
_DATED_WORD = re.compile(rf"(?i)\b(?:{_SPOKE})\s+{_ON_DAY}\s|{_ON_DAY}\s+(?:{_SPOKE})\b")
_SAID_ON_DAY = re.compile(
    rf"(?i)(?:,[^,.;]{{1,90}},)?\s+(?:(?:{_SPOKE})\s+{_ON_DAY}(?=\s+(?!to\b)[\w\"“])|"
    rf"{_ON_DAY}\s+(?:{_SPOKE})\b(?!\s+to\b))")
_IN_PUBLIC = re.compile(r"(?i)\b(?:press|statement|announce\w*|interview\w*|television|radio|"
                        r"newspaper|media|reporters?|journalists?|speech|publicly|public|"
                        r"conference|broadcast|told|parliament|hearing|website|communiqu\w+)\b")


def _said_on_day(block: Block, text: str, where: tuple[int, int],
                 inside: list[tuple[int, Mention]], cable_date: dt.date | None
                 ) -> list[Meeting]:
    """The meeting with the post of the named person whose words a sentence dates with no
    listener written, when the paragraph goes on with that person's words (`_SPOKE` above)."""
    s, e = where
    sentence = text[s:e]
    if _IN_PUBLIC.search(sentence):
        return []
    for i, m in inside:
        if m.type != PERSON or m.end is None or m.start is None:
            continue
        said = _SAID_ON_DAY.match(text, m.end, e)
        if said is None:
            continue
        surname = m.name.split()[-1]
        rest = text[e:e + 1200]
        goes_on = re.search(rf"(?:^\s*|[.;]\s+)(?:{re.escape(surname)}|[Hh]e|[Ss]he)\s+"
                            rf"(?:also\s+|\w+ly\s+)?"
                            rf"(?:{_SPOKE}|reiterated|told|asked|described)\b", rest)
        if goes_on is None:
            return []
        date = find_date(sentence, cable_date, near=said.start() - s)
        if date is None:
            return []
        return [Meeting(block.seq, block.number, s, e, "conversation", date, "text",
                        _place(text, s, e, inside), False,
                        [Participant(m.name, i, m.title),
                         Participant("EmbOff", None, "EmbOff")])]
    return []


# "According to XXXXXXXXXXXX, the minister ...": a redacted source the body cites is one the post
# spoke with (the labels' convention: 19 of the 20 labelled cables with the form record a contact
# of a redacted source with the post). Not "according to our contact", "... our source": in 4 of
# the 5 labelled cables with those no contact is recorded. On the corpus (the fresh draw's cables
# left out): 273 times in 165 cables; 47 cables gain a record (the others tell of a contact with
# a redacted source already); of 15 read, 14 right, 1 a contact the sentence dates and gives an
# officer ("in a meeting with [an officer] [day]") that `_meetings` misses.
_CITED_REDACTION = re.compile(rf"(?i)\baccording\s+to\s+(?:{_REDACTED.pattern})")


def _cited_source(blocks: Sequence[Block], meetings: Sequence[Meeting],
                  cable_date: dt.date | None) -> list[Meeting]:
    """The post's contact with the redacted source its body cites ("according to XXXXXXXXXXXX")
    when no sentence of the cable tells of a contact with a redacted source (one that does is
    that source's record already): one record. Its officer and day are those of the first
    sentence naming an officer beside a redaction (`_source_officer`); with none, EmbOff on the
    cable's day."""
    if any(p.label == _REDACTED_SOURCE for m in meetings for p in m.participants):
        return []
    body = [b for b in blocks if not b.is_header]
    for block in body:
        cited = _CITED_REDACTION.search(block.text)
        if cited:
            officer, role, date = _source_officer(body, cable_date)
            return [Meeting(block.seq, block.number, cited.start(), cited.end(), "conversation",
                            date or _iso(cable_date), "text" if date else "cable", None, False,
                            [Participant(_REDACTED_SOURCE, None, None),
                             Participant(officer, None, role)])]
    return []


# The officer named beside a redaction: in 73 of the corpus's 165 cables citing one (the fresh
# draw's left out); of 20 read, 19 the post's officer who spoke with the source. "the
# Ambassador's programme" (no party), "the ambassador to the UN", "former ambassador of X"
# (another post's): no officer of the post beside the redaction.
_NOT_THE_POSTS = re.compile(r"['’]s\b|\s+(?:to|of|from)\s+(?:the\s+)?[A-Z]")


def _source_officer(body: Sequence[Block], cable_date: dt.date | None
                    ) -> tuple[str, str, str | None]:
    """The officer and day of the first sentence naming one of the post's officers and a
    redaction ("[an officer] met [day] with XXXXXXXXXXXX", "according to XXXXXXXXXXXX in a
    meeting with [officers] [day]"): the labels give the cited source's contact that officer;
    else EmbOff and no day."""
    for block in body:
        for a, b in sentences(block.text):
            sentence = block.text[a:b]
            role = next((r for r in ROLE_PATTERN.finditer(sentence)
                         if not _NOT_THE_POSTS.match(sentence, r.end())), None)
            if role and _REDACTED.search(sentence):
                label = role_for(role.group(1))
                if label:
                    return label, role.group(1), find_date(sentence, cable_date,
                                                          near=role.start())
    return "EmbOff", "EmbOff", None


# Countries and post cities, keyed as names are: never a person's surname read as a place.
_KNOWN_PLACES = frozenset(name_key(p) for p in known_places())


def _surname_as_place(m: Mention, people: set[str], surnames: set[str]) -> bool:
    """A name the model reads as a place in one mention and as a person in another ("discussed
    the election with Jane Roe, head of the division ... Roe indicated"; "Professor John Lumu
    Smith ... EconOff reached Lumu by phone"): a person here, unless it is a country's or a post
    city's name ("Jordan", "Chad"), or the model reads the very same name both ways (no
    evidence either way: "Cadiz" and "Cadiz"). `surnames`: the words of the cable's person
    names but the first (the whole name when it is one word); `people`: their keys."""
    words = m.key.split()
    return bool(words) and words[-1] in surnames and m.key not in people \
        and name_key(m.name) not in _KNOWN_PLACES and words[-1] not in _KNOWN_PLACES


def _relative_day(found: list[Meeting], text: str, where: tuple[int, int], previous: str,
                  cable_date: dt.date | None) -> None:
    """Date the records of the sentence text[s:e] that gives no day of its own but one relative
    to the day written last before it (in its paragraph, else in `previous`, the paragraph
    before): "later in the day" / "that same evening" that day, "the next day" the day after,
    "the previous day" the day before; "came the day after X met Y" a day before that day
    (the cable's when the text gives none before), "the day before X met Y" a day after it."""
    s, e = where
    if all(m.date_source == "text" for m in found):
        return
    sentence = text[s:e]
    offset: int | None = None
    fallback = False
    relative = _RELATIVE_DAY.search(sentence)
    if relative:
        offset = 0 if relative.group("same") else 1 if relative.group("next") else -1
    else:
        after = _DAY_AFTER.search(sentence)
        if after and _MEETING_WORD.search(sentence, after.end()):
            offset, fallback = (-1 if after.group(1).lower() == "after" else 1), True
    if offset is None:
        return
    before = text[:s]
    day = find_date(before, cable_date, near=len(before)) or find_date(
        previous, cable_date, near=len(previous))
    if day is None and fallback and cable_date is not None:
        day = cable_date.isoformat()
    if day is None or (offset and len(day) != 10):
        return  # a month or a year alone gives no day to count from
    if offset:
        day = (dt.date.fromisoformat(day) + dt.timedelta(days=offset)).isoformat()
    for meeting in found:
        if meeting.date_source != "text":
            meeting.date, meeting.date_source = day, "paragraph"


def _earlier_day(found: list[Meeting], records: Sequence[Meeting], mentions: Sequence[Mention],
                 earlier: Sequence[tuple[str, list[tuple[int, int]], list[tuple[int, Mention]]]],
                 cable_date: dt.date | None, sentence: str = "") -> None:
    """Date a record that has only the cable's date by the day an earlier paragraph gave for
    the same parties ("During the Ambassador's call on Minister Jan Kowalski May 3, ... [two
    paragraphs on] Kowalski told the Ambassador ..."): the last earlier sentence that tells of a
    contact, names every party (a person by the name its mention resolves to, an embassy role
    by its word) and gives a day. Failing that, the last contact sentence of the paragraph just
    before that names one of its persons not the post's own (`_person_day`): the occasion one
    paragraph dates and the next reports ("met Minister Kowalski May 3" then "Kowalski told
    ..."). `earlier`: the paragraphs before, each with its sentences and mentions; `sentence`:
    the record's. A record of the same parties found before (`records`) already takes it in
    (`_dedupe`), so it is left as it is."""
    again = _LATER_CONTACT.search(sentence) is not None  # the record's sentence: one search
    for meeting in found:
        if meeting.date_source != "cable" or meeting.planned or not earlier:
            continue
        if any(_same_parties(k, meeting, again) for k in records):
            continue
        keys: set[str] = set()
        words: list[str] = []
        for p in meeting.participants:
            if p.mention is not None:
                keys.add(mentions[p.mention].key)
            else:
                words.append((p.role or p.label).lower())
        if len(keys) + len(words) < 2:
            continue
        day = _day_for(keys, words, earlier, cable_date)
        if day is None and not again \
                and any(_post_party(p) or _visitor(p) for p in meeting.participants):
            surnames = {mentions[p.mention].key.split()[-1] for p in meeting.participants
                        if p.mention is not None and not _post_party(p)
                        and mentions[p.mention].type == PERSON and mentions[p.mention].key}
            visitors = {mentions[p.mention].key.split()[-1] for p in meeting.participants
                        if p.mention is not None and _visitor(p) and mentions[p.mention].key}
            day = _person_day(surnames, earlier[-1], cable_date, visitors)
            if day is None and any(_post_party(p) for p in meeting.participants) \
                    and not _OTHER_OCCASION.search(sentence):
                day = _meeting_noun_day(surnames, earlier, cable_date)
        if day is not None:
            meeting.date, meeting.date_source = day, "paragraph"


# A contact told of as another occasion than the one an earlier sentence dates ("in a
# subsequent conversation", "later told", "told us previously").
_LATER_CONTACT = re.compile(r"(?i)\b(?:subsequent(?:ly)?|later|previously)\b")


def _post_party(p: Participant) -> bool:
    """A party that is the post's own officer, by label or by a role word the lexicon reads as
    one ("PolCouns", "DAO", "us" as EmbOff)."""
    return _embassy(p) or ROLE_PATTERN.fullmatch(p.role or p.label) is not None


# A visiting Washington official by the Department's shorthand for the office ("U/S Roe", "A/S
# Doe", "DAS Poe", "PDAS Moe"): on a visit the cable reports, the U.S. side of the contact as the
# post's officers are, though no officer of the post.
_VISITOR_TITLE = re.compile(r"(?:U/S|A/S|P?DAS)\b")
# A day written beside the visitor's own meetings ("in separate meetings on May 3 with U/S Roe",
# "In his May 3 meeting with ...", "visited May 3 for meetings with officials"), not after "the"
# (another event's: "thanked A/S Doe for the May 9 meeting offered to Y"): where the sentence
# before names the visitor alone, only such a day is his contact's.
_VISITOR_MEETING_DAY = re.compile(
    rf"(?i)(?<!\bthe\s){_DAY}(?:,?\s+\d{{4}})?\s+(?:for\s+)?meetings?\b|"
    rf"\bmeetings?\s+on\s+{_DAY}")


def _visitor(p: Participant) -> bool:
    """A party titled as a visiting Washington official (`_VISITOR_TITLE`)."""
    return p.mention is not None and _VISITOR_TITLE.match(p.role or "") is not None


def _person_day(surnames: set[str],
                paragraph: tuple[str, list[tuple[int, int]], list[tuple[int, Mention]]],
                cable_date: dt.date | None, visitors: frozenset[str] | set[str] = frozenset()
                ) -> str | None:
    """The day of the last dated contact sentence of `paragraph` whose persons include one of
    `surnames` (the record's persons not the post's) and that names a post officer, or one of
    `visitors` (the record's visiting officials) with another of them or beside a day of his
    meetings (`_VISITOR_MEETING_DAY`), none past a later contact's; only a day
    written before what a source recounts (a "that" clause or a quote) dates the contact
    itself."""
    if not surnames:
        return None
    text, spans, here = paragraph
    for a, b in reversed(spans):
        if not _ANY.search(text[a:b]):
            continue
        named = {m.key.split()[-1] for _i, m in here if m.type == PERSON and m.key
                 and m.start is not None and a <= m.start < b}
        if not named & surnames or not (ROLE_PATTERN.search(text, a, b) or (
                named & visitors and (named & (surnames - visitors)
                                      or _VISITOR_MEETING_DAY.search(text, a, b)))):
            continue  # the dated contact is the post's (or its visitor's) with that person
        if _LATER_CONTACT.search(text, a, b):
            return None
        contact = _ANY_TRIGGER.search(text, a, b)
        told = _TOLD_CLAUSE.search(text, a, b)
        date = find_date(text[a:b], cable_date, near=contact.start() - a if contact else 0,
                         within=[(0, told.start() - a)] if told else None)
        if date is not None and len(date) == 10:
            return date
    return None


# A day written on the meeting noun that frames a conversation ("In an August 3 meeting,
# Director Roe confirmed ...", "warning PolOff at their May 9 meeting that ..."): the
# day of the meeting the cable then goes on to report, sentence by sentence.
_DAYED_MEETING = re.compile(
    rf"(?i)\b(?:in|during|at)\s+(?:an?|their|his|her|our)\s+(?:[\w-]+\s+)?(?P<day>{_DAY})"
    rf"(?:,?\s+\d{{4}})?,?\s+(?:meeting|conversation|discussion)\b")
# A contact told of as one of several or another than the framed one ("once told the
# Ambassador", "in follow-up conversations", "his last meeting with").
_OTHER_OCCASION = re.compile(r"(?i)\b(?:once|follow-?up|last|meetings|conversations)\b")


def _meeting_noun_day(surnames: set[str],
                      earlier: Sequence[tuple[str, list[tuple[int, int]],
                                              list[tuple[int, Mention]]]],
                      cable_date: dt.date | None) -> str | None:
    """The day of the one dated meeting the paragraphs before speak of (`_DAYED_MEETING`) in a
    paragraph that names one of `surnames` (the record's persons not the post's): a later
    sentence of the post's officer with that person, undated ("Roe asked PolOff about ..."),
    tells of that meeting. The framing sentence names the person or the post's officer, and
    its day is not after the cable's; None when those paragraphs date more than one such
    meeting."""
    if not surnames:
        return None
    days: set[str] = set()
    for text, spans, here in earlier:
        named = {m.start: m.key.split()[-1] for _i, m in here
                 if m.type == PERSON and m.key and m.start is not None}
        if not set(named.values()) & surnames:
            continue
        for m in _DAYED_MEETING.finditer(text):
            a, b = next(((a, b) for a, b in spans if a <= m.start() < b), (m.start(), m.end()))
            # the person, or the post's officer, is written in the framing sentence itself
            if not any(a <= at < b and key in surnames for at, key in named.items()) \
                    and not ROLE_PATTERN.search(text, a, b):
                continue
            day = find_date(m.group("day"), cable_date)
            if day is not None and len(day) == 10 and (
                    cable_date is None or day <= cable_date.isoformat()):
                days.add(day)
    return days.pop() if len(days) == 1 else None


def _same_parties(kept: Meeting, meeting: Meeting, again: bool = False) -> bool:
    """Whether two records are one meeting's, day aside, as `_dedupe` merges them: one's parties
    within the other's or two shared, both held or both planned."""
    shared, contained = _overlap(kept, meeting, again)
    return (contained or shared >= 2) and kept.planned == meeting.planned


def _day_for(keys: set[str], words: list[str],
             earlier: Sequence[tuple[str, list[tuple[int, int]], list[tuple[int, Mention]]]],
             cable_date: dt.date | None) -> str | None:
    for text, spans, here in reversed(earlier):
        for a, b in reversed(spans):
            if not _ANY.search(text[a:b]):
                continue
            named = {m.key for _i, m in here if m.start is not None and a <= m.start < b}
            sentence = text[a:b].lower()
            if all(k in named or any(_surname_key(k, n) for n in named) for k in keys) \
                    and all(re.search(rf"\b{re.escape(w)}\b", sentence) for w in words):
                contact = _ANY_TRIGGER.search(text, a, b)
                date = find_date(text[a:b], cable_date, near=contact.start() - a if contact else 0)
                if date is not None and len(date) == 10:
                    return date
    return None


def _cable_date(ctx: CableContext) -> dt.date | None:
    try:
        return dt.date.fromisoformat((ctx.created or "")[:10])
    except ValueError:
        return None


def find_date(text: str, cable_date: dt.date | None, near: int = 0,
              within: list[tuple[int, int]] | None = None) -> str | None:
    """The date a sentence gives, closest to offset `near`, as YYYY-MM-DD, or YYYY-MM when it
    names only the month ("in early March"; a day anywhere in the sentence wins), or YYYY when
    only the year ("in 2008"; a month or day wins), or None.

    A month and day without a year take the cable's year, or the year before when that would
    fall more than `_AHEAD` days after the cable was written (a date a few weeks ahead is a
    planned meeting's far more often than last year's). A day range ("September 8-11") gives its
    month, and only when the sentence gives no single day. `within`: only dates starting in
    these (start, end) ranges count.
    """
    found: list[tuple[int, str]] = []
    spans: list[tuple[int, str]] = []
    events: list[tuple[int, str]] = []  # another event's day: "the April 21 Ministerial"
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if within is not None and not any(a <= m.start() <= b for a, b in within):
                continue
            groups = m.groups()
            if pattern is _DATE_PATTERNS[0]:
                month, day, year = MONTHS.get(groups[0].lower().rstrip(".")), groups[1], groups[2]
                rest = None if year else _RANGE_AFTER.match(text, m.end())
                span, year = rest is not None, rest.group(1) if rest else year
            else:
                day, month, year = groups[0], MONTHS.get(groups[1].lower().rstrip(".")), groups[2]
                span = _RANGE_BEFORE.search(text, 0, m.start()) is not None
            date = _resolve(int(day), month, int(year) if year else None, cable_date)
            if date:
                other = not span and bool(
                    (_THE_BEFORE.search(text, max(0, m.start() - 8), m.start())
                     and _NAMED_EVENT_AFTER.match(text, m.end()))
                    or (_FOLLOWED_UP.search(text, max(0, m.start() - 120), m.start())
                        and not 0 <= near - m.end() <= 2))
                (spans if span else events if other else found).append(
                    (abs(m.start() - near), date[:7] if span else date))
    for m in _NUMERIC_DAY.finditer(text):
        if within is not None and not any(a <= m.start(1) <= b for a, b in within):
            continue
        year = int(m.group(3)) if m.group(3) else None
        if year is not None and year < 100:  # "08" of 2008, "98" of 1998
            year += 2000 if year < 50 else 1900
        if date := _resolve(int(m.group(2)), int(m.group(1)), year, cable_date):
            found.append((abs(m.start(1) - near), date))
    if cable_date:
        for m in _RELATIVE_RE.finditer(text):
            if within is not None and not any(a <= m.start() <= b for a, b in within):
                continue
            day = cable_date + dt.timedelta(days=_RELATIVE[m.group(1).lower()])
            found.append((abs(m.start() - near), day.isoformat()))
    found = found or events or spans
    if not found:
        for m in _MONTH_ONLY.finditer(text):
            if within is not None and not any(a <= m.start() <= b for a, b in within):
                continue
            named = _month(MONTHS[m.group(1).lower()], int(m.group(2)) if m.group(2) else None,
                           cable_date)
            if named:
                found.append((abs(m.start() - near), named))
    if not found:
        for m in _YEAR_ONLY.finditer(text):
            if (within is not None and not any(a <= m.start() <= b for a, b in within)) or (
                    cable_date is not None and int(m.group(1)) > cable_date.year):
                continue  # a year after the cable is a plan's or a deadline's, not a meeting's
            found.append((abs(m.start() - near), m.group(1)))
    return min(found)[1] if found else None


def _month(month: int, year: int | None, cable_date: dt.date | None) -> str | None:
    """YYYY-MM of a month the text names: without a year, the latest one not after the cable."""
    if year is None:
        if cable_date is None:
            return None
        year = cable_date.year - (month > cable_date.month)
    return f"{year:04d}-{month:02d}"


def _resolve(day: int, month: int | None, year: int | None,
             cable_date: dt.date | None) -> str | None:
    if not month or not 1 <= day <= 31:
        return None
    if year is None:
        if cable_date is None:
            return None
        year = cable_date.year
        try:
            if dt.date(year, month, day) > cable_date + _AHEAD:
                year -= 1
        except ValueError:
            return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _connected(text: str, a_end: int, b_start: int) -> bool:
    """Whether the words between two mentions only join them ("X and NEC Director Y")."""
    gap = text[a_end:b_start]
    if len(gap) > 60:
        return False
    words = [w for w in re.findall(r"[\w'’.-]+", gap)]
    rest = [w for w in words if not (w[:1].isupper() or w.lower().rstrip(".") in TITLE_HEADS
                                     or w.lower().lstrip("'’") in _FILLER)]
    return not rest and bool(_CONNECTOR.match(re.sub(r"[\w'’.-]+", "", gap)))


def _chain(text: str, parties: list[tuple[int, Mention]], anchor: int,
           direction: int) -> list[tuple[int, Mention]]:
    """The mentions joined to `parties[anchor]` by "and", commas and titles, in one direction.

    A name joined to the next only by a title is its possessor, not a party: in "Sarkozy Chief
    of Staff Claude Gueant" the party is Gueant, and so in "Sarkozy's Chief of Staff, Claude
    Gueant" (a possessive, whatever the commas).
    """
    chain = [parties[anchor]]
    pending: list[tuple[int, Mention]] = []  # joined by commas only, until an "and" closes them
    closed = False
    k = anchor
    while 0 <= k + direction < len(parties):
        a, b = (parties[k + direction], parties[k]) if direction < 0 else (
            parties[k], parties[k + direction])
        if not _connected(text, a[1].end or 0, b[1].start or 0) or (
                direction < 0 and _SOURCE.search(text, max(0, (a[1].start or 0) - 40),
                                                 a[1].start or 0)):
            break  # "According to X, Y told Z": X reports the encounter, Y had it
        gap = text[a[1].end or 0:b[1].start or 0]  # "Doe's Chief of Staff, Y": Doe's
        possessor = gap[:2] in ("'s", "’s") or not re.search(r"(?i)(?:,|&|\band\b)", gap)
        joined = bool(re.search(r"(?i)(?:&|\band\b|\bas well as\b|\btogether with\b|"
                                r"\balong with\b)", gap))
        if not possessor and not joined and not closed and direction < 0:
            break  # "..., Y said that X met Z": a comma alone makes no list
        k += direction
        if not possessor:
            if direction > 0 and not joined:
                pending.append(parties[k])  # "met with A, B replied": B is no party
                continue
            chain += [*pending, parties[k]]
            pending, closed = [], True
        elif direction > 0:
            chain[-1] = parties[k]  # "... met with [Sarkozy] Chief of Staff Claude Gueant"
    return chain


def _meetings(block: Block, text: str, s: int, e: int, inside: list[tuple[int, Mention]],
              here: list[tuple[int, Mention]], cable_date: dt.date | None) -> list[Meeting]:
    """Every contact one sentence reports, one per trigger word that has two parties."""
    sentence = text[s:e]
    parties = [(i, m) for i, m in inside if m.type in _PARTIES]
    handed = _may_hand(sentence)
    low = sentence.lower() if sentence.isascii() else None
    triggers = sorted(((t, kind, objects) for (pattern, kind, objects), check
                       in zip(_TRIGGERS, _TRIGGER_CHECKS, strict=True)
                       if (handed or pattern is not _HANDED)
                       and (check is None or check.search(sentence, 0, None, low))
                       for t in pattern.finditer(sentence)), key=lambda x: x[0].start()
                      ) if _ANY.search(sentence, 0, None, low) or (
                          handed and _HANDED.search(sentence)) else []
    found: list[Meeting] = []
    used: list[tuple[int, int]] = []
    for trig, kind, objects in triggers:
        if any(a < trig.end() and trig.start() < b for a, b in used):
            continue
        used.append(trig.span())
        t0, t1 = s + trig.start(), s + trig.end()
        while t1 > t0 and text[t1 - 1].isspace():  # blanked redactions are spaces: stop before
            t1 -= 1
        sought = _SOUGHT.search(text[max(s, t0 - 40):t0])
        if sought and not (sought.group().lower().startswith("request")
                           and encounters.REQUEST_DAY.search(text, t1, e)):
            continue  # "seeking a meeting with X": no meeting (one requested for a day is)
        before = [p for p in parties if (p[1].end or 0) <= t0]
        after = [p for p in parties if (p[1].start or 0) >= t1]
        left: list[tuple[int, Mention]] = []
        relative = trig.re is _WITH_WHOM
        anchor = len(before) - 1
        if before and _OWNER.match(text, before[-1][1].end or 0, t0):
            # "X, a member of Y's delegation, provided ...": Y owns the noun, X is the subject
            described = _apposed_party(text, before, anchor, t0)
            anchor = anchor if described is None else described
        if (before and anchor >= 1 and before[anchor - 1][1].type == PERSON
                and _OBJECT_CLOSES.fullmatch(text, before[anchor - 1][1].end or 0, t0)):
            # "X, adviser to Minister Y, told us": Y closes X's apposition, X is the subject
            anchor -= 1
        if (before and anchor >= 1 and not _possessed(text, before[anchor][1], t0)
                and _FROM_BODY.fullmatch(text, before[anchor - 1][1].end or 0,
                                         before[anchor][1].start or 0)):
            anchor -= 1  # "X from [Ruritanian] Y explained to us": X, the one from Y
        if before and _possessed(text, before[anchor][1], t0):
            # "X, a friend of Y's, told": X where described so, else no one named
            described = _apposed_party(text, before, anchor, t0)
            anchor = -1 if described is None else described
        if before and anchor >= 0 and _near(text, before[anchor][1].end or 0, t0) and not (
                relative and _words_between(text, before[anchor][1].end or 0, t0)):
            left = _chain(text, before, anchor, -1)  # "X, with whom": X alone
        if relative and not left:
            continue  # "officials with whom we met": no antecedent party
        right: list[tuple[int, Mention]] = []
        if objects and after and _near(text, t1, after[0][1].start or 0, right=True):
            right = _chain(text, after, 0, 1)
        if relative and not right and re.match(r"(?i)\s*(?:he|she)\b", text[t1:t1 + 5]):
            # "with whom he met": the paragraph's person, the antecedent left out
            antecedents = {m.key for _i, m in left}
            person = salient([p for p in here if p[1].key not in antecedents], t0, text)
            right = [person] if person is not None else []
        body = _BODY_OF.match(text, right[0][1].end or 0) if right else None
        if body is not None:  # "delivered points to X's office and to desk officer Y": Y
            rest = [p for p in after if (p[1].start or 0) >= body.end()]
            right = _chain(text, rest, 0, 1) if rest and _near(
                text, body.end(), rest[0][1].start or 0, right=True) else []
        opening = _opening_end(text, s, t0, e) if _NOUN_TRIGGER.match(trig.group()) else None
        right_label: list[tuple[str, str, str | None]] = []
        if opening is not None:
            right = [p for p in right if (p[1].start or 0) < opening]
            left = _subject_after(text, opening, parties)
            if not left and not right:
                continue
            if not right and (official := _FOREIGN_OFFICIAL.match(text[:opening], t1)):
                written = " ".join(official.group(1).split())
                right_label = [(written, "object", written)]
            t1 = opening  # what follows is the main clause: "we"/"us" are looked for there
        labels = _extra_parties(text, block.text, (s, t0, t1, e), left, right, here,
                                post=True)
        if opening is not None and right_label:  # "In a meeting with the [X] Ambassador, Y said"
            labels = [*[x for x in labels if x[1] != "object"], *right_label]
        if opening is not None and not left and not any(side == "subject"
                                                        for _l, side, _r in labels):
            labels += _embassy_subject(text, block.text, opening, e)
        # "a meeting between X and Y": both parties follow the trigger, none is looked for before,
        # and one named before it is a party only when he attended it ("Z, who attended the
        # meeting between X and Y": Z too; "Z said / described the meeting between ...": not Z)
        # With one of the two not found (a role without a mention: "between X and the Harbour
        # Minister"), the one named before is still no party unless he attended: "Z said that
        # aside from a conversation between X and the Minister" is no encounter of Z and X (an
        # opening phrase's subject may be the other's apposition: "In a meeting between X and
        # the Minister, Mr. Y, ...").
        named_between = trig.group().rstrip().lower().endswith("between") and (
            len(right) >= 2 or opening is None)
        between = named_between and len(right) >= 2
        if named_between:
            end = (before[-1][1].end or 0) if before else t0
            attended = t0 - end <= 60 and _ATTENDED.search(text, end, t0) is not None
            left = (left or _chain(text, before, len(before) - 1, -1)) if attended else []
        if bool(_NOUN_TRIGGER.match(trig.group())) and not left and right and opening is None \
                and not between:
            whose = [p for p in before if p[1].type == PERSON and p not in right]
            if whose and _POSSESSIVE.search(text[max(s, t0 - 25):t0]) and not named_between:
                left = whose[-1:]  # "A said that B ... her meeting with C": B met C
            else:
                left = [p for p in parties if p not in right][:1]  # "In a meeting with X, Y said"
                if named_between and left and (left[0][1].start or 0) < t1:
                    left = []  # the teller of a meeting between X and one unnamed
        if not objects and len(left) < 2:
            continue
        if not objects and re.search(r"(?i)\bto\s+$", text[max(s, t0 - 4):t0]) and (
                {m.name for _i, m in left} <= {p.label for f in found for p in f.participants}):
            continue  # "met (separately) with X and Y to discuss Z": the purpose, no other
        people = unique(left + right)
        has_object = bool(right) or any(side == "object" for _l, side, _r in labels)
        has_subject = bool(left) or between or any(side == "subject" for _l, side, _r in labels)
        if len(people) + len(labels) < 2 or not has_subject or (objects and not has_object):
            continue
        window = None
        if kind == "conversation":  # "X [date] told Y [date] that ... [other dates]"
            last = (right[-1][1].end or t1) if right else t1
            window = [(0, last - s + 30), *_occasion_days(sentence, trig.start()),
                      *_trailing_days(sentence, trig.end(), last - s + 30)]
        date = _retold_month(sentence, trig.start(), trig.end(), cable_date) or find_date(
            sentence, cable_date, near=trig.start(), within=window)
        source = "text"
        if date is None:
            date, source = _paragraph_date(text, s, cable_date), "paragraph"
        extra = [Participant(label, None, role) for label, _side, role in labels]
        for group in _separately(sentence, trig.group(), left, right, people, len(labels),
                                 opening is not None):
            participants = [Participant(m.name, i, m.title if m.type == PERSON else m.name)
                            for i, m in group]
            found.append(Meeting(block.seq, block.number, s, e, kind, date or _iso(cable_date),
                                 source if date else "cable", _place(text, s, e, inside),
                                 bool(_PLANNED.search(text[max(s, t0 - 30):t0])),
                                 participants + list(extra)))
    meal = _MEAL.search(sentence)
    if meal and not found and parties:
        date = find_date(sentence, cable_date, near=meal.start())
        if date:
            people = unique(parties[:3])
            # "a dinner hosted by [another country's] Ambassador X": X's meal, not the post's
            host = [] if _HOSTED_BY.search(sentence) and len(people) >= 2 else [
                Participant("EmbOff", None, "EmbOff")]
            found.append(Meeting(
                block.seq, block.number, s, e, "meal", date, "text", _place(text, s, e, inside),
                False, [*(Participant(m.name, i, m.title) for i, m in people), *host]))
    return found


# The month written on a meeting noun: "during the February meeting between X and Y".
_MONTH_ON_NOUN = re.compile(rf"\bthe\s+({CAPITALISED_MONTHS})(?:\s+(\d{{4}}))?\s+$")


def _retold_month(sentence: str, start: int, end: int, cable_date: dt.date | None) -> str | None:
    """The month a retold meeting is written in, as YYYY-MM: one naming the meeting noun ("the
    February meeting between X and Y", `_MONTH_ON_NOUN`, else undated), or a month-only phrase
    (`_MONTH_ONLY`) closing the meeting's clause within 60 characters of the trigger (`start`,
    `end`: "X said on May 3 that she met Y in June 2004") when every day the sentence writes
    lies before a "that" or quote ahead of the trigger -- the day of the telling, not of the
    meeting retold."""
    if named := _MONTH_ON_NOUN.search(sentence, max(0, start - 30), start):
        return _month(MONTHS[named.group(1).lower()],
                      int(named.group(2)) if named.group(2) else None, cable_date)
    month = _MONTH_ONLY.search(sentence, end, end + 60)
    if month is None or re.search(r"[;,]|\bthat\b", sentence[end:month.start()]):
        return None
    days = [m.start() for p in _DATE_PATTERNS for m in p.finditer(sentence)]
    if not days or not all(_TOLD_CLAUSE.search(sentence, d, start) for d in days):
        return None
    return _month(MONTHS[month.group(1).lower()], int(month.group(2)) if month.group(2) else None,
                  cable_date)


def _occasion_days(sentence: str, trigger: int) -> list[tuple[int, int]]:
    """Where the sentence writes a day on a conversation's occasion (`_OCCASION_DAY`), as
    (start, start) ranges for `find_date`'s `within`: before the trigger (at `trigger`), or after
    it with no "that" or quote between them (what the contact told: "X told Y that Z had
    chastised him during a meeting on February 25", another encounter's day)."""
    if not _DIGIT.search(sentence):
        return []
    out = []
    for m in _OCCASION_DAY.finditer(sentence):
        if m.start() > trigger and _TOLD_CLAUSE.search(sentence, trigger, m.start()):
            continue
        at = m.start("before") if m.group("before") else m.start("after")
        out.append((at, at))
    return out


def _trailing_days(sentence: str, trigger: int, window_end: int) -> list[tuple[int, int]]:
    """Where a conversation's day closes its clause past the window (`_TRAILING_DAY`: "briefed Y
    on the tariff schedule on May 9 and ...", "talk about the port lease again on June 2."), as
    (start, start) ranges for `find_date`'s `within`; none after a "that" or a quote (what the
    contact told: another event's day) or a word of another clause (`_OTHER_CLAUSE`) after the
    trigger's end, `trigger`."""
    if not _DIGIT.search(sentence, window_end):
        return []
    return [(m.start("day"), m.start("day")) for m in _TRAILING_DAY.finditer(sentence, window_end)
            if not _TOLD_CLAUSE.search(sentence, trigger, m.start())
            and not _OTHER_CLAUSE.search(sentence, trigger, m.start())]


def _paragraph_date(text: str, s: int, cable_date: dt.date | None) -> str | None:
    """The day a sentence without a date of its own takes from its paragraph: the last one
    written in an earlier sentence of the paragraph that tells of a contact ("Minister Jan
    Kowalski received the Ambassador May 3. Appointed on April 2, he ... Kowalski told the
    Ambassador ...": May 3); a day in a sentence without a contact word (an appointment, a
    note on another event) dates no contact, and a month or a year alone gives none (it says
    when the paragraph's story runs, not the day of this contact). The parser's records
    (`_parsed`) still take the paragraph's last date of any kind before the sentence: round 21
    (meetings22) changed and scored the phrase rules' dating only."""
    for a, b in reversed([(a, b) for a, b in sentences(text) if b <= s]):
        if not _ANY.search(text[a:b]):
            continue
        date = find_date(text[a:b], cable_date, near=b - a)
        if date is not None:
            return date if len(date) == 10 else None
    return None


def _separately(sentence: str, trigger: str, left: list[tuple[int, Mention]],
                right: list[tuple[int, Mention]], people: list[tuple[int, Mention]],
                labels: int, opening: bool) -> list[list[tuple[int, Mention]]]:
    """The parties of each encounter a trigger reports: all of them together, or, where the
    cable says the encounters were separate ("X met separately with A and B", "In separate
    meetings, A and B told the Ambassador"), one encounter per party of the side that names
    several, each with the other side's parties (`labels`: how many parties are written as
    "us" or a redaction, which every encounter keeps). Where the trigger is the opening
    phrase's noun ("In separate meetings with A and B, X said"), only the phrase's own parties
    are split: the subject after its comma may continue a list the comma cut ("In separate
    meetings with President A, B, and C, X and Y discussed")."""
    if not (_SEPARATELY.search(trigger) or _SEPARATE_OPENING.match(sentence)):
        return [people]
    side = right if len(right) >= 2 else left if len(left) >= 2 and not opening else []
    rest = [p for p in people if p not in side]
    if not side or len(rest) + labels < 1:
        return [people]
    return [[*rest, p] if side is right else [p, *rest] for p in side]


def _parsed(block: Block, text: str, where: tuple[int, int], docs: list[tuple[int, Any]],
            here: list[tuple[int, Mention]], found: list[Meeting],
            cable_date: dt.date | None) -> list[Meeting]:
    """The encounters the parse reads in one sentence that the phrase rules did not find
    (`encounters`): those that share no party with a meeting the rules found there."""
    s, e = where
    out: list[Meeting] = []
    for enc in encounters.read(docs, s, e, here, text):
        # a side the parse left empty may be a redaction, "we" or "he" the phrase rules read
        sides = {side for _l, side, _r in enc.labels}
        left = list(enc.sides["subject"]) if "subject" not in sides else [(-1, None)]
        right = list(enc.sides["object"]) if "object" not in sides else [(-1, None)]
        enc.labels += _extra_parties(text, block.text, (s, enc.start, enc.after, e),
                                     left, right, here)  # type: ignore[arg-type]
        if left and left[0][1] is not None and not enc.sides["subject"]:
            enc.sides["subject"] = left
            enc.parties = unique(left + enc.parties)
        if not encounters.complete(enc):
            continue
        labels = {m.name for _i, m in enc.parties} | {label for label, _s, _r in enc.labels}
        ruled = {p.label for m in found for p in m.participants}
        if (any(labels & {p.label for p in m.participants} - {"EmbOff"} for m in found) and not (
                enc.reported and labels - ruled)) or any(
                labels <= {p.label for p in m.participants} for m in out):
            continue  # the rules read this encounter (they are the more precise), or another;
            # not one the rules' party reports having had with someone else ("X told us that
            # he would brief Y")
        window = None
        if enc.kind == "conversation":  # "X [date] told Y [date] that ... [other dates]"
            last = max([m.end or 0 for _i, m in enc.sides["object"]] + [enc.after])
            if described := _APPOSITION.match(text, last):  # "with X, [his office], on [date]"
                last = described.end()
            window = [(0, last - s + 30), *_occasion_days(text[s:e], enc.start - s)]
        date = _retold_month(text[s:e], enc.start - s, enc.after - s, cable_date) or find_date(
            text[s:e], cable_date, near=enc.start - s, within=window)
        source = "text"
        if date is None:  # the paragraph's date, the last one it gives before the sentence
            date, source = find_date(text[:s], cable_date, near=s), "paragraph"
        participants = [Participant(m.name, i, m.title if m.type == PERSON else m.name)
                        for i, m in enc.parties]
        participants += [Participant(label, None, role) for label, _side, role in enc.labels]
        planned = enc.planned or bool(_PLANNED.search(text[max(s, enc.start - 30):enc.start]))
        out.append(Meeting(block.seq, block.number, s, e, enc.kind, date or _iso(cable_date),
                           source if date else "cable", _place(text, s, e, here), planned,
                           participants))
    return out


def _opening_end(text: str, s: int, t0: int, e: int) -> int | None:
    """Where the opening phrase of "In a May 29 meeting with X and Y, Z said" ends (its comma),
    when the trigger word is in such a phrase."""
    if not _OPENING.match(text[s:t0]):
        return None
    depth = 0
    for k in range(t0, e):
        ch = text[k]
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == "," and not depth:
            return k
    return None


def _subject_after(text: str, opening: int, parties: list[tuple[int, Mention]]
                   ) -> list[tuple[int, Mention]]:
    """The party the sentence is about after an opening phrase: the first name or role after its
    comma, reached over titles ("Speaker of Parliament Nabih Berri")."""
    after = [p for p in parties if (p[1].start or 0) > opening]
    if not after:
        return []
    gap = text[opening + 1:after[0][1].start or 0]
    words = [w.lower().rstrip(".") for w in re.findall(r"[\w'’.-]+", gap)]
    if _near(text, opening + 1, after[0][1].start or 0, right=True) or (  # "influential
            len(gap) <= 80 and len(words) <= 6 and not re.search(r"[;:()]", gap)  # cleric X"
            and not any(w in _NOT_SUBJECT_GAP for w in words)):
        return _chain(text, after, 0, 1)
    return []


def _embassy_subject(text: str, raw: str, opening: int,
                     e: int) -> list[tuple[str, str, str | None]]:
    """"In a meeting with X, we ..." / ", XXXXXXXXXXXX said": the embassy or a redacted source."""
    rest = text[opening + 1:min(e, opening + 30)]
    if re.match(r"(?i)\s*(?:we|post|the embassy)\b", rest):
        return [("EmbOff", "subject", "EmbOff")]
    if _REDACTED.match(raw[opening + 1:min(e, opening + 30)].strip()):
        return [(_REDACTED_SOURCE, "subject", None)]
    return []


def _near(text: str, a: int, b: int, right: bool = False) -> bool:
    """Whether only a few joining words separate a party from the trigger word.

    An apposition between commas made of titles and names ("Hubbard, Director of the National
    Economic Council, met with") does not separate them.
    """
    gap = _without_appositions(text[a:b] if a <= b else "")
    words = re.findall(r"[\w'’.-]+", gap)
    if right:  # titles may be long: "Swiss Department of Foreign Affairs Head of ... Sager"
        return len(gap) <= 110 and not re.search(r"[;:]", gap) and all(
            w[:1].isupper() or w[:1].isdigit() or w.lower().rstrip(".") in _DESCRIBING
            or w.lower().rstrip(".") in TITLE_HEADS for w in words)
    if _DESCRIPTION.match(text, a, b):  # "X, Secretary-General of the ... which represents
        return True  # Y, told us", "X of the Z Union, told EconOff"
    if len(gap) > 40:
        return False
    return not words or (len(words) <= 4 and "," not in gap.strip(" ,"))


def _without_appositions(gap: str) -> str:
    """The gap with its appositions of titles and names between commas blanked."""
    return _APPOSITION.sub(lambda m: " " if _all_name_words(m.group(1)) else m.group(), gap)


def _words_between(text: str, a: int, b: int) -> bool:
    """Whether words other than such an apposition stand between a and b ("X, with whom": none;
    "X, [his title], with whom": none; "X's advisers, with whom": some)."""
    return re.search(r"\w", _without_appositions(text[a:b] if a <= b else "")) is not None


def _all_name_words(text: str) -> bool:
    """Titles and names only: "Director of the National Economic Council", "who is also
    Foreign Minister"."""
    words = re.findall(r"[\w'’.-]+", _RELATIVE_APPOSITION.sub("", text))
    return bool(words) and all(w[:1].isupper() or w.lower() in _FILLER for w in words)


def _extra_parties(text: str, raw: str, where: tuple[int, int, int, int],
                   left: list[tuple[int, Mention]], right: list[tuple[int, Mention]],
                   here: list[tuple[int, Mention]], post: bool = False
                   ) -> list[tuple[str, str, str | None]]:
    """Parties written as pronouns or redactions: "we"/"us"/"Post" (the embassy), and
    XXXXXXXXXXXX, looked for in the `raw` paragraph (the prepared text has them blanked).
    `where` is (sentence start, trigger start, trigger end, sentence end). With `post` (a
    phrase rule's trigger, not a verb the parse read: "urged the embassy to", "thanked post
    for" are no contact the labels record), the post written as the one told, "informed Post",
    "told the Embassy" (`_POST_OBJECT`), is the embassy too."""
    s, t0, t1, e = where
    labels: list[tuple[str, str, str | None]] = []
    before, after = text[max(s, t0 - 25):t0], text[t1:min(e, t1 + 20)]
    if not left:
        if _REDACTED.search(raw[_reach_back(raw, s, t0):t0]) or _REDACTED_DESCRIBED.search(
                raw, max(0, s - 30), t0):
            labels.append((_REDACTED_SOURCE, "subject", None))
        elif staff := _STAFF_SUBJECT.search(text, s, t0):
            labels.append(("EmbOff", "subject", staff.group(1)))
        elif re.search(r"(?i)\bwe\s+(?:\w+\s+)?$", before) or (
                _EMBASSY_SUBJECT.search(before) and not _other_embassy(before)):
            labels.append(("EmbOff", "subject", "EmbOff"))
        else:
            person = salient(here, t0, text) if _PRONOUNS.search(before) else None
            if person is not None:  # "he"/"she": the person the paragraph names most so far
                left.append(person)
    if not right:
        if re.match(r"(?i)\s*(?:us|we)\b", after):
            labels.append(("EmbOff", "object", "EmbOff"))
        elif staff := _STAFF_OBJECT.match(after):
            labels.append(("EmbOff", "object", staff.group(1)))
        elif post and (told := _POST_OBJECT.match(text[:e], t1)):
            labels.append(("EmbOff", "object", " ".join(told.group(1).split())))
        elif _REDACTED.match(raw[t1:min(e, t1 + 20)].strip()):
            labels.append((_REDACTED_SOURCE, "object", None))
        elif official := _FOREIGN_OFFICIAL.match(text[:e], t1):
            written = " ".join(official.group(1).split())  # over a line break
            labels.append((written, "object", written))
    return labels


def _other_embassy(before: str) -> bool:
    """Whether the "Embassy" before a contact verb is another country's ("the Ruritanian
    Embassy informed us", "the UK Embassy told us"): then it is no party of the post's, and
    "informed us" alone would make a meeting of the post with itself."""
    m = _OTHER_EMBASSY.search(before)
    word = m.group(1).lower() if m else ""
    return word not in OWN_NATION_WORDS and (word in DEMONYMS or word in _UK)


def _reach_back(raw: str, s: int, t0: int) -> int:
    """Where to look for a redacted subject before a trigger word: up to 20 characters back,
    and past the sentence's start over a redaction and spaces when the trigger opens it (the
    blanked "XXXXXXXXXXXX" of "... intervene.  XXXXXXXXXXXX told us" ends the sentence before)."""
    if t0 - 20 > s:
        return t0 - 20
    k = s
    while k > 0 and s - k < 30 and (raw[k - 1] in "Xx" or raw[k - 1].isspace()):
        k -= 1
    return k


def _place(text: str, s: int, e: int, inside: list[tuple[int, Mention]]) -> str | None:
    for _i, m in inside:
        if m.type in (PLACE, ORG) and m.start is not None and re.search(
                r"(?i)\b(?:in|at)\s+(?:the\s+)?$", text[max(s, m.start - 10):m.start]):
            return m.name
    return None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _embassy(p: Participant) -> bool:
    return p.label in _EMBASSY_LABELS or (p.role or "") in _EMBASSY_LABELS


# A person a later paragraph names by surname alone ("Doe told us", "Al-Roe added") after a
# record that names him in full ("Minister Jan Doe", "Ali Al-Roe"): the cable's reader takes the
# surname for the person named before, so two records of the same contact, one of them dated by
# the cable alone, are one (`_dedupe`) and an earlier sentence naming him in full dates the later
# record (`_day_for`). The surname is the full name's last one or two words; a role word ("the
# Minister", an officer) is never a surname.
def _ends_name(short: str, full: str) -> bool:
    """Whether `short` is the last one or two words of `full`, a longer name."""
    words, whole = short.split(), full.split()
    return 0 < len(words) <= 2 and len(words) < len(whole) and whole[-len(words):] == words


def _surname_of(short: str, full: str) -> bool:
    """Whether the label `short` is the label `full`'s surname (`_ends_name`, any case), and
    no role word."""
    return (short[:1].isupper() and _ends_name(short.lower(), full.lower())
            and ROLE_PATTERN.fullmatch(short) is None and short not in _EMBASSY_LABELS)


def _one_person(x: Participant, y: Participant) -> bool:
    """The same party by label, or a person one record names by the surname of the other's
    (`_surname_of`); parties of the post (`_embassy`) only by their label."""
    if x.label == y.label:
        return True
    if x.mention is None or y.mention is None or _embassy(x) or _embassy(y):
        return False
    return _surname_of(x.label, y.label) or _surname_of(y.label, x.label)


def _surname_key(short: str, full: str) -> bool:
    """`_surname_of` on two person mentions' comparison keys (folded, no role keys)."""
    return ":" not in short + full and _ends_name(short, full)


def _retold(a: Meeting, b: Meeting) -> bool:
    """Whether one of two records may retell the other by a surname (`_one_person`): one has
    only the cable's date, and neither names more parties than the other (a retelling that
    adds a party is another contact: "X called the Ambassador ... X and Y called her again")."""
    return "cable" in (a.date_source, b.date_source) and len(a.participants) == len(
        b.participants)


def _overlap(a: Meeting, b: Meeting, again: bool = False) -> tuple[int, bool]:
    """Parties two records share, and whether one's parties are all among the other's; "us"
    (EmbOff) on one side stands for an embassy officer named on the other; where one record has
    only the cable's date (a retelling), a person named by surname on one side is the one named
    in full on the other (`_one_person`), unless the later one's sentence tells of another
    contact (`again`: "called back an hour later", `_LATER_CONTACT`)."""
    la, lb = {p.label for p in a.participants}, {p.label for p in b.participants}
    retold = not again and _retold(a, b)
    shared = sum(1 for p in a.participants if p.label != "EmbOff" and any(
        p.label == q.label or (retold and _one_person(p, q)) for q in b.participants))
    us_a, us_b = "EmbOff" in la, "EmbOff" in lb
    officer_a = any(_embassy(p) for p in a.participants if p.label != "EmbOff")
    officer_b = any(_embassy(p) for p in b.participants if p.label != "EmbOff")
    us_matched = (us_a and (us_b or officer_b)) or (us_b and officer_a)
    shared += int(us_matched)
    smaller = min(len(la), len(lb))
    return shared, shared >= smaller


def _dedupe(meetings: list[Meeting], raw: Mapping[int, str]) -> list[Meeting]:
    """One record per encounter: shared parties on the same date merge (summary and body), and
    an undated mention ("Sarkozy and the Ambassador discussed") joins the dated one it repeats.

    Redacted sources all read "(redacted source)": a record that already holds one told in a
    paragraph takes no other sentence of that paragraph whose source is described ("XXXXXXXXXXXX
    told us ... Analyst XXXXXXXXXXXX told us ...": a cable names its second source so), which may
    still join the summary's record of its own source. A bare redaction ("... . XXXXXXXXXXXX told
    the Ambassador") is the paragraph's source again, as "he" would be (`raw`: the paragraphs'
    texts by seq, where the redactions are)."""
    out: list[Meeting] = []
    sourced: list[set[tuple[int, int]]] = []  # per kept record: its redacted sentences
    described_of: list[bool] = []  # per kept record: opened by a source named and titled
    for meeting in meetings:
        redacted = any(p.label == _REDACTED_SOURCE for p in meeting.participants)
        here = (meeting.seq, meeting.start)
        described = _described(raw.get(meeting.seq, ""), meeting.start,
                               meeting.end) if redacted else 0
        # a contact the sentence tells of as another occasion ("called back an hour later")
        again = _LATER_CONTACT.search(raw.get(meeting.seq, ""), meeting.start,
                                      meeting.end) is not None
        for kept, sentences_of, introduced in zip(out, sourced, described_of, strict=True):
            if described and any((seq == here[0] or (introduced and described > 1))
                                 and (seq, start) != here for seq, start in sentences_of):
                continue  # another source of the same paragraph
            same_day = kept.date == meeting.date or "cable" in (kept.date_source,
                                                               meeting.date_source) or (
                kept.seq == meeting.seq and "paragraph" in (kept.date_source,
                                                           meeting.date_source))
            if same_day and _same_parties(kept, meeting, again):
                _absorb(kept, meeting)
                if redacted:
                    sentences_of.add(here)
                break
        else:
            out.append(meeting)
            sourced.append({here} if redacted else set())
            described_of.append(described > 1)
    return out


def _described(raw: str, s: int, e: int) -> int:
    """How the redacted source of the sentence raw[s:e] is written: 2 when its name and title
    are both redacted ("XXXXXXXXXXXX XXXXXXXXXXXX told us", the way a cable introduces a source),
    1 when a description precedes it ("analyst XXXXXXXXXXXX", "longtime contact XXXXXXXXXXXX"),
    0 when it stands alone after a comma or a full stop ("On May 2, XXXXXXXXXXXX told": the
    paragraph's source again, as "he" would be) or is the one told ("told XXXXXXXXXXXX"). The
    source is the redaction the sentence splitter left just before the sentence, else its
    first one."""
    runs = list(_REDACTED.finditer(raw, max(0, s - 30), e))
    if not runs:
        return 0
    before = [r for r in runs if r.start() < s]
    run = before[-1] if before else runs[0]
    preceding = raw[:run.start()].rstrip()
    if _REDACTED_END.search(preceding) or _REDACTED_NEXT.match(raw, run.end(), run.end() + 30):
        return 2
    word = re.search(r"([\w'’-]+)$", preceding)
    return int(word is not None and word.group(1).lower() not in _TOLD_WORDS)


def _absorb(kept: Meeting, other: Meeting) -> None:
    labels = {p.label for p in kept.participants}
    officer = any(_embassy(p) for p in kept.participants if p.label != "EmbOff")
    for p in other.participants:
        if p.label in labels or (p.label == "EmbOff" and officer):
            continue
        if "cable" in (kept.date_source, other.date_source) and any(
                _one_person(p, q) for q in kept.participants):
            continue  # named by surname on one side, in full on the other
        kept.participants.append(p)
        labels.add(p.label)
    if any(_embassy(p) for p in kept.participants if p.label != "EmbOff"):
        kept.participants = [p for p in kept.participants if p.label != "EmbOff"]
    kept.place = kept.place or other.place
    if kept.date_source == "cable" and other.date_source == "text":
        kept.date, kept.date_source = other.date, "text"


def _quotes(block: Block, text: str, here: list[tuple[int, Mention]],
            mentions: list[Mention]) -> list[Quote]:
    """Quoted words with a speech verb beside them, attributed to the person who said them.

    `"...," X said` and `"...," said X` attribute to X; `X said, "..."` too; "he"/"she" is the
    person most named in the paragraph so far (else in the cable so far), the usual interlocutor.
    """
    found: list[Quote] = []
    for m in _QUOTE.finditer(text):
        words = m.group(1).split()
        if len(words) < 3:
            continue
        after = text[m.end():m.end() + 60]
        before = text[max(0, m.start() - 80):m.start()]
        speaker: int | None = None
        verb: str | None = None
        inner = m.group(1).rstrip().rstrip("'’")  # "They call me 'Sarkozy the American,'"
        continues = inner.endswith(",") or after.startswith(",") or (
            inner[-1:] in "?!" and re.match(r"\s+[a-z]", after))
        va = re.match(r"[\s,]*(?:(\w+)\s+)?(\w+)", after)
        if continues and va and va.group(2).lower() in SPEECH_VERBS:  # "...," Sarkozy said
            verb = va.group(2).lower()
            speaker = _speaker_at(text, m.end(), m.end() + va.end(), block.seq, here, mentions,
                                  m.start())
        elif continues and va and va.group(1) and va.group(1).lower() in SPEECH_VERBS:
            verb = va.group(1).lower()  # "...," said Gellet
            speaker = _speaker_at(text, m.end(), m.end() + 60, block.seq, here, mentions,
                                  m.start())
        else:
            vb = re.search(r"(\w+)(?:\s+that)?(?:\s+the)?[\s,:]*$", before)
            if vb and vb.group(1).lower() in SPEECH_VERBS:  # Sarkozy said, "..."
                verb = vb.group(1).lower()
                verb_at = m.start() - len(before) + vb.start()
                speaker = _speaker_before(text, verb_at, block.seq, here, mentions, m.start())
        if speaker is not None and verb is not None:
            found.append(Quote(block.seq, block.number, m.start(1), m.end(1), m.group(1),
                               speaker, verb))
    return found


def _speaker_at(text: str, a: int, b: int, seq: int, here: list[tuple[int, Mention]],
                mentions: list[Mention], quote_start: int) -> int | None:
    for i, m in here:
        if m.type == PERSON and m.start is not None and a <= m.start < b:
            return i
    if re.match(r"(?i)[\s,]*(?:\w+\s+)?(?:he|she)\b", text[a:b]):
        return _salient_person(seq, mentions, quote_start)
    return None


def _speaker_before(text: str, verb_at: int, seq: int, here: list[tuple[int, Mention]],
                    mentions: list[Mention], quote_start: int) -> int | None:
    best = None
    for i, m in here:
        if m.type == PERSON and m.end is not None and m.end <= verb_at and \
                verb_at - m.end <= 25 and "." not in text[m.end:verb_at]:
            best = i
    if best is not None:
        return best
    if re.search(r"(?i)\b(?:he|she)\s+(?:\w+\s+)?$", text[max(0, verb_at - 20):verb_at]):
        return _salient_person(seq, mentions, quote_start)
    return None


def _salient_person(seq: int, mentions: list[Mention], before: int) -> int | None:
    """Who "he" is: the person named most often in this paragraph before the quote, then in
    the cable so far, then the one named first (a cable's subject comes first); the latest
    mention of that person is returned."""
    def earlier(m: Mention) -> bool:
        return m.seq is not None and (m.seq < seq or (m.seq == seq and (m.end or 0) <= before))
    pool = [(i, m) for i, m in enumerate(mentions) if m.type == PERSON and earlier(m)]
    if not pool:
        return None
    here: dict[str, int] = {}
    overall: dict[str, int] = {}
    first: dict[str, int] = {}
    for i, m in pool:
        overall[m.key] = overall.get(m.key, 0) + 1
        first.setdefault(m.key, i)
        if m.seq == seq:
            here[m.key] = here.get(m.key, 0) + 1
    best = max(overall, key=lambda k: (here.get(k, 0), overall[k], -first[k]))
    return max(i for i, m in pool if m.key == best)
