"""Claims: the sentences of an article that state what a cable says or what happened in it.

"Day made the admission in late September 2009" quotes nothing, yet a fact-checker needs the
paragraph behind it — and needs to hear that the meetings were on September 2-4. Every sentence
outside quotation marks (or only partly quoted) is looked up — but not "X declined to comment",
which tells what happened at the newspaper (`NO_COMMENT`); one is reported when a cable
paragraph supports it, or when it talks about the cables and none does (`not found`).

Where support is looked for (each candidate paragraph remembers why, `via`):
- the cables the article names or quotes at length (`named`, `quoted`), and a cable named in the
  sentence itself (`cited`): every paragraph of them;
- paragraphs sharing word 4-grams with the sentence (`words`);
- a ranked search of the whole corpus for the sentence's rarest names, acronyms and numbers,
  within the dates it gives (`search`, `claimsources`);
- after `entities extract`, the meetings of the people it names (`meetings`).

A paragraph is scored by what it shares with the sentence: the weighted share of its rare words
(English only), the names, the numbers, the dates that agree, and whether the article points to
its cable. A paragraph of a cable the article does not point to needs clearly more: names *and*
words or dates, so a sentence about something no cable holds gets nothing. A translated sentence
in a cable the article links may also be supported by a clear lead of one paragraph over the
others there (`_clear_lead`). The verdict compares
the checkable parts with the best paragraph and its cable (`claimfacts`): a date that disagrees,
a number the cable lacks, a sender who did not sign it, a loaded word the cable never uses make
it `partly supported`, and say which part.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from cablescope.trace import claimsources as _sources
from cablescope.trace import glossary as _g
from cablescope.trace.cables import CableText
from cablescope.trace.claimfacts import (
    DateMention,
    When,
    author_named,
    find_dates,
    find_names,
    find_numbers,
    loaded_words,
    number_keys,
)
from cablescope.trace.fragments import ArticleText
from cablescope.trace.keys import word_keys
from cablescope.trace.lexical import STOP, Lexicon, content_keys
from cablescope.trace.mentions import Mention
from cablescope.trace.normalize import cable_display
from cablescope.trace.report import Claim, ClaimMatch, Difference, Evidence, TracedQuote
from cablescope.trace.reuse import Region
from cablescope.trace.sentences import sentence_spans
from cablescope.trace.translation import cable_sentences, name_alike, skeleton

if TYPE_CHECKING:
    from cablescope.trace.tracer import Tracer

MIN_KEYS = 3  # distinct content words (or names, numbers) a sentence needs to be looked up
MAX_QUOTED = 0.6  # a sentence mostly in quotation marks is a quotation, not a claim
COMMON_NAME = 0.01  # a "name" in more paragraphs than this share (Washington, Iraq) is a word
TOP = 3  # supporting paragraphs listed
CORPUS_SEARCHES = 30  # corpus-wide searches per article (each costs a few milliseconds)

MIN_STEMS = 4  # or word beginnings, in an article not in English
GENITIVE_S = frozenset(["sv", "de"])  # languages writing a name's genitive with a bare -s
STEM = 5  # letters of a word beginning

# Scores (0-1 and bonuses) and what a paragraph needs to support a claim.
STEM_WEIGHT = 0.5
NUMBER_WEIGHT = 0.1
DATE_WEIGHT = 0.2
NAMED_BONUS = 0.1  # the article names or quotes the paragraph's cable
CITED_BONUS = 0.3  # the sentence itself names it
MEETING_BONUS = 0.2
MIN_DISCOUNT = 0.2
MIN_POINTED = 0.35  # in a cable the article points to (or other claims were found in)
MIN_POINTED_WORDS = 0.25
MIN_POINTED_SHARE = 0.2  # ... even when a name or a date agrees
MIN_ELSEWHERE = 0.4  # in any other cable: this share of the words, names, and more
MIN_ELSEWHERE_ALONE = 0.6
MIN_STEM_SHARE = 0.2
LEAD = 0.2  # ... or clearly ahead of the other paragraphs of the article's cables
MIN_TRANSLATED = 0.5  # a translated sentence in a cable the article points to
MIN_TRANSLATED_WORDS = 0.5
SURE = 0.6
SUMMARY_BONUS = 0.05  # the cable's first numbered paragraph, its summary
DOCUMENT_BONUS = 0.1  # ... for a sentence about the cable as a whole
DOCUMENT_SUBJECT_WITHIN = 12  # characters: the cable opens the sentence
SECOND_WITHIN = 0.0  # another paragraph is listed only when it scores as well (a repeat)
MODEL_LEAD = 0.005  # cosine by which the sentence model's paragraph leads the next (`_agreed`)

# Words that make a sentence about the cables (any language of the articles)...
CUES = re.compile(
    r"\b(?:cables?|telegrams?|memos?|dispatch(?:es)?|embass(?:y|ies)|ambassadors?|diplomats?|"
    r"diplomatic|consul(?:ate)?s?|wrote|writes|written|according|privately|reftel|documents?|"
    r"telegramas?|embaixad(?:a|or|ores)|documentos?|relat[oó]rios?|embajad(?:a|or|ores)|"
    r"según|segundo|câbles?|ambassade(?:ur|urs)?|selon|ambassad(?:en|ören|ör)|enligt|"
    r"rapport(?:en|erna)?|telegrammet|депеш\w*|посольств\w*)\b",
    re.I,
)
# ... or that report speech, when the article quotes or names cables at all.
SPEECH = re.compile(
    r"\b(?:said|says|told|tells|noted|notes|warned|described|reported|assessed|admitted|"
    r"acknowledged|complained|promised|stressed|added|explained|argued|concluded|met|"
    r"disse|afirmou|contou|relatou|reclamou|sa|sade|berättade|uppgav|mötte|träffa)\b", re.I)
# A sentence about a cable as a whole: its summary paragraph says what the cable is about.
_DOCUMENT_SUBJECT = re.compile(
    r"\b(?:the|a|another|this|his|her|its|in|new|o|um|outro|el|un|le|la|ett|den|det)\s+"
    r"(?:\w+\s+){0,2}(?:cable|memo|dispatch|report|documents?|telegrama|relat[oó]rio|documento|"
    r"informe|rapport(?:en)?|telegram(?:met)?|dokumenten)\b", re.I)
# What happened at the newspaper, not in a cable: "The Foreign Office declined to comment",
# "did not respond to a request for comment", "Aftonbladet har sökt Sten Tolgfors för en
# kommentar". Such a sentence shares the article's names with its cables, never their content.
NO_COMMENT = re.compile(
    r"\b(?:declin|refus)\w*\s+(?:to\s+)?(?:comment|be\s+interviewed)|"
    r"\b(?:did|does|has|have|had|would|will|could)\s*(?:not|n[’']t)\s+(?:yet\s+)?"
    r"(?:comment\b|(?:respond|repl|return)\w*\b[^.]{0,40}?"
    r"\b(?:comment|calls?|e-?mails?|messages?|requests?|inquir\w*)\b)|"
    r"\bcould\s+not\s+be\s+reached\b|\bno\s+comment\b|\bfor\s+comment\b|"
    r"\bnão\s+(?:quis|quiseram)\s+(?:se\s+)?(?:comentar|pronunciar)|"
    r"\b(?:avböj\w*|ville\s+inte)\s+(?:att\s+)?kommentera|\bför\s+en\s+kommentar\b|"
    r"\b(?:declinó|rehusó|se\s+negó\s+a)\s+(?:hacer\s+)?comentar|"
    r"\b(?:a\s+refusé\s+de|n[’']a\s+pas\s+souhaité)\s+commenter",
    re.I)
# a dateline: capitalised words and a dash ("São Paulo, Brazil - ", "WASHINGTON — ")
_DATELINE = re.compile(r"[A-ZÀ-Þ][\w’'.]*(?:,?\s+[A-ZÀ-Þ][\w’'.]*){0,4}\s+[-–—]\s")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9-]{1,7}\b")


@dataclass(slots=True)
class _Sentence:
    """A sentence of the article and its checkable parts."""

    start: int
    end: int
    text: str
    keys: list[str]  # content words (all of them in English; names and the like otherwise)
    names: list[list[str]]  # distinctive names only (see `_names`)
    name_weights: list[float]
    dates: list[DateMention]
    numbers: list[str]
    cited: set[str]
    stems: set[str]  # word beginnings, for articles not in English (cognates: "terroris")
    about_document: bool  # "the cable, dated 15 January 2010, updated the Secretary..."

    @property
    def name_keys(self) -> set[str]:
        return {k for name in self.names for k in name}

    def whens(self) -> list[When]:
        return [d.when for d in self.dates if not d.weak]


@dataclass(slots=True)
class _Candidate:
    pid: int
    cable_id: str
    number: int | None
    keys: frozenset[str]
    via: set[str] = field(default_factory=set)
    score: float = 0.0
    lexical: float = 0.0  # weighted share of the sentence's words (corpus rarity)
    local: float = 0.0  # the same, words common across the cable's paragraphs discounted
    stems: float = 0.0
    names: int = 0
    name_share: float = 0.0
    numbers: int = 0
    dates: int = 0
    dated: bool = False  # the date agreeing is the cable's own (it tells the cable, not the
    # paragraph)
    exact: bool = False  # the paragraph dates an event of the sentence to the same day

    @property
    def pointed(self) -> bool:
        return bool(self.via & POINTED)


POINTED = frozenset(["named", "quoted", "cited", "found"])
EXPLICIT = frozenset(["named", "quoted", "cited"])


class _Article:
    """What is known about the article and the database while its claims are looked up."""

    def __init__(self, tracer: Tracer, doc: ArticleText, anchors: list[str],
                 mentions: list[Mention], language: str | None) -> None:
        self.tracer = tracer
        self.doc = doc
        self.english = language in ("en", None)
        self.language = language or "en"
        # "use the reference ID (e.g. #66BUENOSAIRES2481) as hash tags" names no source
        self.tags = {m.start for m in mentions if doc.text[m.start - 1:m.start] == "#"}
        tags = {m.cable_id for m in mentions if m.start in self.tags}
        self.named = {m.cable_id for m in mentions if m.cable_id} - tags
        self.anchors = [a for a in anchors if a not in tags or a in self.named]
        self.found: list[str] = []  # cables other claims of the article were found in, surely
        text = doc.text
        self.lowercase = {w for w in re.findall(r"(?<![\w’'])[a-zà-ÿ][\w’'-]*", text)}
        self.lowercase = set(word_keys(" ".join(self.lowercase))) - STOP
        self.entities = _sources.Entities(tracer.conn)
        self._created: dict[str, date | None] = {}
        self._signers: dict[str, str] = {}
        self._dates: dict[int, list[DateMention]] = {}
        self._spread: dict[str, tuple[int, dict[str, int]]] = {}
        self._signer_keys: dict[str, frozenset[str]] = {}
        self._stems: dict[int, frozenset[str]] = {}
        self._alike: dict[int, dict[str, list[str]]] = {}
        self._numbers: dict[str, set[str]] = {}
        self._summary: dict[str, int | None] = {}
        self._index: dict[str, dict[str, list[int]]] = {}
        self._sentences: dict[int, list[str]] = {}

    def created(self, cable_id: str) -> date | None:
        if cable_id not in self._created:
            row = self.tracer.conn.execute(
                "SELECT created, signers, classified_by FROM cables WHERE id = ?",
                (cable_id,)).fetchone()
            made = None
            if row and row[0]:
                try:
                    made = date.fromisoformat(row[0][:10])
                except ValueError:
                    made = None
            self._created[cable_id] = made
            signed, classified = (row[1], row[2]) if row else (None, None)
            self._signers[cable_id] = ", ".join(
                [f"signed {signed}"] * bool(signed) + [f"classified by {classified}"]
                * bool(classified))
        return self._created[cable_id]

    def signers(self, cable_id: str) -> frozenset[str]:
        """Word keys of who signed and who classified the cable."""
        got = self._signer_keys.get(cable_id)
        if got is None:
            self.created(cable_id)
            got = self._signer_keys[cable_id] = frozenset(
                word_keys(self._signers.get(cable_id, ""))) - {"signed", "classified", "by"}
        return got

    def stems(self, cand: _Candidate) -> frozenset[str]:
        got = self._stems.get(cand.pid)
        if got is None:
            got = frozenset(k[:STEM] for k in cand.keys if len(k) > STEM)
            if len(self._stems) > 5000:
                self._stems.clear()
            self._stems[cand.pid] = got
        return got

    def alike(self, cand: _Candidate) -> dict[str, list[str]]:
        """The paragraph's words by the first four letters of their `skeleton`, where a name
        written alike but for its ending is looked for (see `_has_name`)."""
        got = self._alike.get(cand.pid)
        if got is None:
            got = {}
            for k in sorted(cand.keys):
                got.setdefault(skeleton(k)[:4], []).append(k)
            if len(self._alike) > 5000:
                self._alike.clear()
            self._alike[cand.pid] = got
        return got

    def numbers(self, cable_id: str, text: str) -> set[str]:
        got = self._numbers.get(cable_id)
        if got is None:
            got = self._numbers[cable_id] = number_keys(text)
        return got

    def signed(self, cable_id: str) -> str:
        """'signed SUSMAN, classified by Robin Quinville'."""
        self.created(cable_id)
        return self._signers.get(cable_id, "")

    def sharing(self, cable_id: str, s: _Sentence) -> list[tuple[int, str, int | None,
                                                                   frozenset[str]]]:
        """The numbered paragraphs of a cable that can support `s`: all of them for a sentence
        with dates or word beginnings to compare, else those sharing a word or number with it
        (a paragraph sharing nothing is never accepted: see `_accept`)."""
        rows = self.tracer.lexicon.cable_paragraphs([cable_id])
        if s.stems or any(not d.weak for d in s.dates):
            return rows
        index = self._index.get(cable_id)
        if index is None:
            index = self._index[cable_id] = {}
            for i, row in enumerate(rows):
                for k in row[3]:
                    index.setdefault(k, []).append(i)
        hits = sorted({i for k in {*s.keys, *s.numbers} for i in index.get(k, ())})
        return [rows[i] for i in hits]

    def summary(self, cable_id: str) -> int | None:
        """Number of the cable's first numbered paragraph (usually its summary)."""
        if cable_id not in self._summary:
            rows = self.tracer.lexicon.cable_paragraphs([cable_id])
            self._summary[cable_id] = rows[0][2] if rows else None
        return self._summary[cable_id]

    def spread(self, cable_id: str) -> tuple[int, dict[str, int]]:
        """A cable's numbered paragraphs and, per word, how many of them hold it."""
        got = self._spread.get(cable_id)
        if got is None:
            rows = self.tracer.lexicon.cable_paragraphs([cable_id])
            counts: dict[str, int] = {}
            for row in rows:
                for k in row[3]:
                    counts[k] = counts.get(k, 0) + 1
            got = self._spread[cable_id] = (len(rows), counts)
        return got

    def sentences(self, cand: _Candidate) -> list[str]:
        """The paragraph's sentences, as quotations in translation cut them."""
        got = self._sentences.get(cand.pid)
        if got is None:
            ct = self.tracer.cables.get(cand.cable_id)
            para = next((p for p in ct.paragraphs if p.pid == cand.pid), None) if ct else None
            got = [] if ct is None or para is None else [
                ct.text[c.start:c.end] for c in cable_sentences(ct.text, para.start, para.end)]
            self._sentences[cand.pid] = got
        return got

    def paragraph_dates(self, cand: _Candidate, text: str) -> list[DateMention]:
        if cand.pid not in self._dates:
            made = self.created(cand.cable_id)
            self._dates[cand.pid] = [d for d in find_dates(
                text, made.year if made else None, english_only=True) if not d.weak]
            if len(self._dates) > 5000:
                self._dates.clear()
        return self._dates[cand.pid]


def find_claims(tracer: Tracer, doc: ArticleText, regions: list[Region],
                reused: list[TracedQuote], anchors: list[str], mentions: list[Mention],
                postings: dict[int, list[int]], pid_cable: dict[int, str | None],
                language: str | None = None) -> list[Claim]:
    """The article's claims in article order, each with its supporting paragraphs (best first),
    the sentences in them that support it, a verdict and what differs.

    Two passes: the first looks everywhere; a cable found there surely (a paragraph of a cable
    the article does not point to, holding the sentence's names and its dates or words) becomes
    one of the article's likely sources, and the second looks in those for the sentences still
    without support — in a translated article most sentences share only a name or two with the
    cable, enough to choose among its paragraphs, never enough to search 250,000 cables."""
    art = _Article(tracer, doc, anchors, mentions, language)
    covered = [(q.start, q.end) for q in reused]
    sentences: list[tuple[Region, _Sentence]] = []
    for region in regions:
        if region.quoted >= MAX_QUOTED or any(s < region.end and e > region.start
                                              for s, e in covered):
            continue
        if NO_COMMENT.search(doc.text, region.start, region.end):
            continue  # the newspaper asked, nobody answered: nothing a cable says
        sentence = _sentence(art, region, mentions)
        if sentence is not None:
            sentences.append((region, sentence))
    # corpus searches go to the sentences with the most to search by
    searchable = sorted(range(len(sentences)), key=lambda i: -_search_worth(sentences[i][1]))
    allowed = set(searchable[:CORPUS_SEARCHES])
    results: list[tuple[list[_Candidate], _Candidate | None]] = []
    for i, (region, sentence) in enumerate(sentences):
        candidates = _candidates(art, region, sentence, postings, pid_cable,
                                 corpus=i in allowed)
        chosen = _support(art, sentence, candidates)
        results.append(chosen)
        best = chosen[1]
        if best is not None and not best.pointed and _sure(best) and \
                best.cable_id not in art.found:
            art.found.append(best.cable_id)
    if art.found:
        for i, (_region, sentence) in enumerate(sentences):
            if results[i][1] is None:
                results[i] = _support(art, sentence, _found_candidates(art, sentence))
    return _claims_of(art, sentences, results)


def _claims_of(art: _Article, sentences: list[tuple[Region, _Sentence]],
               results: list[tuple[list[_Candidate], _Candidate | None]]) -> list[Claim]:
    anchors = art.anchors
    out: list[Claim] = []
    for (_region, sentence), (chosen, best) in zip(sentences, results, strict=True):
        talks = bool(CUES.search(sentence.text) or (anchors and SPEECH.search(sentence.text)))
        if not chosen and not talks:
            continue
        matches = [_match(art, sentence, c) for c in chosen]
        differences = _differences(art, sentence, best, matches) if matches else []
        verdict = ("not found" if not matches else
                   "partly supported" if differences else "supported")
        out.append(Claim(sentence.text, sentence.start, sentence.end, matches, verdict,
                         differences))
    return out


# --- the sentence ---------------------------------------------------------------------------


def _sentence(art: _Article, region: Region, mentions: list[Mention]) -> _Sentence | None:
    text = art.doc.text[region.start:region.end]
    dates = find_dates(text)
    numbers = [digits for _, _, digits in find_numbers(text, dates)]
    names, name_weights = _names(art, find_names(text, art.lowercase))
    stems: set[str] = set()
    if art.english:
        keys = content_keys(text)
    else:  # only what survives translation: names, acronyms, numbers, word beginnings
        keys = [k for name in names for k in name]
        keys += [k for a in _ACRONYM.findall(text) for k in word_keys(a)]
        keys += numbers
        keys += glossed(word_keys(text), art.language)
        stems = _stems(text)
    cited = {m.cable_id for m in mentions
             if m.cable_id and region.start <= m.start < region.end and m.start not in art.tags}
    distinct = set(keys) | {str(d.when) for d in dates if not d.weak}
    if len(distinct) < MIN_KEYS and not cited and len(stems) < MIN_STEMS:
        return None
    return _Sentence(region.start, region.end, text, keys, names, name_weights, dates, numbers,
                     cited, stems, _about_document(text))


def glossed(keys: list[str], lang: str) -> list[str]:
    """English words a cable would write for these word keys of an article in `lang`, from the
    glossary that quotations in translation use (`trace.glossary`); a compound is read by its
    parts ("forsvarsminister": defense, minister)."""
    gloss = _g.glossary(lang)
    parts = _parts(lang)
    out: list[str] = []
    for k in keys:
        english = next((gloss[f] for f in _g.singular(k, lang) if f in gloss), None)
        if english is not None:
            out.extend(english)
        elif len(k) >= 8:
            head = next((w for w in parts if k.startswith(w)), None)
            tail = next((w for w in parts if k.endswith(w) and w != head), None)
            for part in (head, tail):
                if part:
                    out.extend(gloss[part])
    return out


@cache
def _parts(lang: str) -> tuple[str, ...]:
    """Glossary words that may be part of a compound, longest first (ties by the word)."""
    return tuple(sorted((w for w in _g.glossary(lang) if len(w) >= 5),
                        key=lambda w: (-len(w), w)))


def _about_document(text: str) -> bool:
    """The sentence's subject is a cable ("The cable, dated 15 January 2010, updated ..."), not
    its source ("..., according to a cable sent by Ambassador Butenis")."""
    dateline = _DATELINE.match(text)
    opens = dateline.end() if dateline else 0
    m = _DOCUMENT_SUBJECT.search(text, opens)
    return m is not None and m.start() - opens < DOCUMENT_SUBJECT_WITHIN


def _stems(text: str) -> set[str]:
    return {k[:STEM] for k in word_keys(text, cable=True) if len(k) > STEM and k not in STOP}


def _names(art: _Article, names: list[list[str]]) -> tuple[list[list[str]], list[float]]:
    """The names that tell paragraphs apart, each weighted by the rarity of its rarest word: a
    name in many paragraphs (Washington, Iraq) is left to the words; one the corpus never has
    (a newspaper, a reporter) still counts, at half weight, against paragraphs lacking it."""
    lexicon = art.tracer.lexicon
    if art.language in GENITIVE_S:
        names = _genitives(lexicon, names)
    df = lexicon.df([k for n in names for k in n])
    common = lexicon.total * COMMON_NAME
    kept: list[list[str]] = []
    weights: list[float] = []
    seen: set[tuple[str, ...]] = set()
    for name in names:
        if tuple(name) in seen:
            continue
        seen.add(tuple(name))
        found = [df[k] for k in name if df[k] > 0]
        rarest = min(found) if found else 0
        if rarest > common:
            continue
        weights.append(math.log(1 + lexicon.total / (1 + rarest)) * (1.0 if found else 0.5))
        kept.append(name)
    return kept, weights


def _genitives(lexicon: Lexicon, names: list[list[str]]) -> list[list[str]]:
    """Names in the Swedish or German genitive ("Whitneys rapport", "Eides privata") as the
    cable writes them: a final -s is dropped where the word without it is in the corpus and the
    word as written is not ("Tolgfors" is in it and stays as it is)."""
    forms = [k for n in names for k in n if len(k) > 3 and k.endswith("s")]
    if not forms:
        return names
    df = lexicon.df(forms + [k[:-1] for k in forms])
    stem = {k: k[:-1] for k in forms if df[k] == 0 and df[k[:-1]] > 0}
    return [[stem.get(k, k) for k in n] for n in names]


def _search_worth(s: _Sentence) -> int:
    return 2 * len(s.names) + len(s.numbers) + len([d for d in s.dates if not d.weak])


# --- candidates -----------------------------------------------------------------------------


def _candidates(art: _Article, region: Region, s: _Sentence, postings: dict[int, list[int]],
                pid_cable: dict[int, str | None], corpus: bool) -> dict[int, _Candidate]:
    tracer = art.tracer
    lexicon = tracer.lexicon
    found: dict[int, _Candidate] = {}

    def add(rows: list[tuple[int, str, int | None, frozenset[str]]], via: str) -> None:
        for pid, cable_id, number, keys in rows:
            if number is None:
                continue
            cand = found.get(pid)
            if cand is None:
                cand = found[pid] = _Candidate(pid, cable_id, number, keys)
            cand.via.add(via)

    for cable_id in art.anchors:
        add(art.sharing(cable_id, s), "named" if cable_id in art.named else "quoted")
    for cable_id in s.cited:
        add(art.sharing(cable_id, s), "cited")
    shared = [pid for _, _, pid in tracer.candidates(region.grams, postings, pid_cable,
                                                       limit=5, min_grams=1)]
    add(lexicon.paragraphs(shared), "words")
    window = _sources.window_for(s.whens())
    if corpus and (s.names or s.numbers):
        strong = [k for name in s.names for k in name] + s.numbers
        if art.english:
            strong += [k for k in s.keys if k not in strong]
        df = lexicon.df(strong)
        pids = _sources.search(tracer.conn, strong, df, lexicon.total, window)
        add(lexicon.paragraphs([p for p in pids if p not in found]), "search")
        for p in pids:
            if p in found:
                found[p].via.add("search")
    if art.entities.ready and s.names:
        people = [art.entities.people(" ".join(n)) for n in s.names[:4]]
        people = [p for p in people if p]
        if people:
            pairs = art.entities.meetings(people[0], people[1] if len(people) > 1 else [],
                                          window)
            wanted = {(c, n) for c, n, _ in pairs}
            rows = [r for c in sorted({c for c, _ in wanted})
                    for r in lexicon.all_paragraphs(c) if (c, r[2]) in wanted]
            add(rows, "meetings")
    return found


# --- support --------------------------------------------------------------------------------


def _found_candidates(art: _Article, s: _Sentence) -> dict[int, _Candidate]:
    out: dict[int, _Candidate] = {}
    for cable_id in art.found:
        for pid, cid, number, keys in art.sharing(cable_id, s):
            out[pid] = _Candidate(pid, cid, number, keys, {"found"})
    return out


def _support(art: _Article, s: _Sentence, found: dict[int, _Candidate]
             ) -> tuple[list[_Candidate], _Candidate | None]:
    """The paragraphs that support the sentence, best first, and the best one."""
    if not found:
        return [], None
    _score(art, s, found)
    accepted = [c for c in found.values() if _accept(s, c)]
    if not accepted and s.stems:
        accepted = _clear_lead(found)
    if not accepted and s.stems:
        accepted = _agreed(art, s, found)
    if not accepted:
        return [], None
    accepted.sort(key=lambda c: (-c.score, c.pid))
    best = accepted[0]
    chosen = [c for c in accepted if c.score >= best.score - SECOND_WITHIN][:TOP]
    return chosen, best


def _score(art: _Article, s: _Sentence, found: dict[int, _Candidate]) -> None:
    lexicon = art.tracer.lexicon
    weights = lexicon.weights(s.keys) if s.keys else {}
    total = math.fsum(weights.values()) or 1.0
    wanted = set(s.keys).intersection(weights)
    name_sets = [set(n) for n in s.names]
    name_total = math.fsum(s.name_weights) or 1.0
    numbers = set(s.numbers)
    dated = [d for d in s.dates if not d.weak]
    groups: dict[tuple[str, bool], list[_Candidate]] = {}
    for cand in found.values():
        groups.setdefault((cand.cable_id, cand.pointed), []).append(cand)
    for (cable_id, pointed), cands in groups.items():
        if pointed:  # which paragraph of a cable the article points to: see `_discount`
            paragraphs, spread = art.spread(cable_id)
            # the signer's name ("Butenis said") tells the cable, not the paragraph: it is in
            # the signature of the last one
            signers = art.signers(cable_id)
            local = {k: weights[k] * _discount(spread.get(k, 0), paragraphs) for k in wanted
                     if k not in signers}
        else:  # a paragraph found by its words: the words' weights as they are
            local = {k: weights[k] for k in wanted}
        local_total = math.fsum(local.values()) or 1.0
        summary = art.summary(cable_id) if pointed else None
        for cand in cands:
            have = wanted.intersection(cand.keys)
            if not (have or dated or s.stems or numbers.intersection(cand.keys)):
                cand.score = 0.0  # nothing in common: never accepted (see `_accept`)
                continue
            cand.lexical = math.fsum(weights[k] for k in have) / total
            cand.local = math.fsum(local.get(k, 0.0) for k in have) / local_total
            present = [w for n, w in zip(name_sets, s.name_weights, strict=True)
                       if _has_name(n, cand.keys, art.alike(cand) if s.stems else None)]
            cand.names = len(present)
            cand.name_share = math.fsum(present) / name_total
            cand.numbers = len(numbers.intersection(cand.keys))
            if dated:
                events = [d.when for d in dated if not d.document]
                event = _events_agree(art, cand, events)
                cand.exact = event and bool(s.stems) and _events_agree(
                    art, cand, events, exact=True)
                cand.dated = not event and _cable_dated(art, cand, dated)
                cand.dates = int(event or cand.dated)
            if s.stems:
                cand.stems = len(s.stems & art.stems(cand)) / len(s.stems)
            score = cand.local + STEM_WEIGHT * cand.stems
            if numbers:
                score += NUMBER_WEIGHT * cand.numbers / len(numbers)
            if cand.dates:
                score += DATE_WEIGHT
            if cand.number == summary:
                score += SUMMARY_BONUS + (DOCUMENT_BONUS if s.about_document else 0.0)
            if "cited" in cand.via:
                score += CITED_BONUS
            elif pointed:
                score += NAMED_BONUS
            if "meetings" in cand.via:
                score += MEETING_BONUS
            cand.score = score


def _clear_lead(found: dict[int, _Candidate]) -> list[_Candidate]:
    """A translated sentence's paragraph in a cable the article names or links, chosen by its
    lead over every other paragraph there: a translation shares few names or numbers with the
    cable, yet where the glossary's words and the word beginnings of one paragraph clearly
    outweigh the rest, that is the paragraph the article retells."""
    named = sorted((c for c in found.values() if c.via & EXPLICIT),
                   key=lambda c: (-c.score, c.pid))
    if not named:
        return []
    best = named[0]
    second = named[1].score if len(named) > 1 else 0.0
    if best.score >= MIN_TRANSLATED and best.score - second >= LEAD and best.stems > 0:
        return [best]
    return []


def _agreed(art: _Article, s: _Sentence, found: dict[int, _Candidate]) -> list[_Candidate]:
    """A translated sentence's paragraph in a cable the article points to (or other claims were
    found in), where the words that cross languages and the cross-lingual sentence model
    (`crosslingual`, an optional extra) choose the same one: the paragraph scoring best shares
    a fifth of the sentence's word beginnings (`MIN_STEM_SHARE`), and the model puts one of its
    sentences closest to the sentence, ahead of every other candidate's by `MODEL_LEAD`.
    Neither alone tells paragraphs apart well enough (docs/benchmarks.md, claims5)."""
    pointed = sorted((c for c in found.values() if c.pointed), key=lambda c: (-c.score, c.pid))
    if not pointed or pointed[0].stems < MIN_STEM_SHARE:
        return []
    model = art.tracer.sentence_model()
    if model is None:
        return []
    rivals = (art.sentences(c) for c in pointed[1:])  # best-scoring first: the likeliest
    # to come as close, and the search stops there
    return [pointed[0]] if model.ahead(s.text, art.sentences(pointed[0]), rivals,
                                       MODEL_LEAD) else []


def _discount(holding: int, paragraphs: int) -> float:
    """A word in most of a cable's paragraphs ("Zelaya" in a profile of Zelaya) cannot tell
    which paragraph a claim is about."""
    if holding <= 1 or paragraphs <= 2:
        return 1.0
    return max(MIN_DISCOUNT, 1.0 - holding / paragraphs)


def _accept(s: _Sentence, c: _Candidate) -> bool:
    """Enough evidence that the paragraph supports the sentence."""
    if s.stems:  # not in English: names, dates, numbers and cognates must agree
        distinct = c.names + c.dates + c.numbers + (c.stems >= MIN_STEM_SHARE)
        if c.via & EXPLICIT:
            return c.score >= MIN_TRANSLATED and (
                c.names + c.dates + c.numbers >= 2
                or (c.lexical >= MIN_TRANSLATED_WORDS and c.names + c.dates + c.numbers > 0))
        if c.pointed:  # a cable found through other sentences: a name and a date or number,
            # or the day of an event the paragraph reports ("den 24 oktober 2008")
            return c.score >= MIN_TRANSLATED and (c.exact or (c.names >= 1 and (
                c.dates + c.numbers > 0 or c.names >= 2)))
        # anywhere else: the glossary's words are too loose to pick one paragraph of the
        # corpus, the names and a date that agrees must
        return c.lexical >= MIN_ELSEWHERE and c.names >= 1 and c.dates > 0 and distinct >= 3
    if c.pointed:  # the cable is the article's: its words must still tell the paragraph
        return c.score >= MIN_POINTED and c.lexical >= MIN_POINTED_SHARE and (
            c.lexical >= MIN_POINTED_WORDS or c.names + c.numbers > 0
            or (c.dates > 0 and not c.dated))
    return (c.lexical >= MIN_ELSEWHERE and c.names >= 1
            and (c.dates > 0 or c.names >= 2 or c.lexical >= MIN_ELSEWHERE_ALONE))


def _sure(c: _Candidate) -> bool:
    """A paragraph found outside the cables the article points to, so clearly that its cable
    is one of the article's sources."""
    return (c.names >= 1 and c.lexical >= MIN_ELSEWHERE and (c.dates > 0 or c.names >= 2)
            and c.score >= SURE)


def _has_name(name: set[str], keys: frozenset[str],
              alike: dict[str, list[str]] | None = None) -> bool:
    """A name is in a paragraph when its distinctive words are ("Barth Eide": both, or the
    longer; "Kubiske": the word); with `alike` (an article in translation: the paragraph's words
    by `_Article.alike`), or when it holds the longest written but for its ending, as
    quotations in translation compare names ("Uruguai" for Uruguay, `translation.name_alike`)."""
    long = {k for k in name if len(k) > 3} or name
    longest = max(long, key=lambda k: (len(k), k))
    if long <= keys or longest in keys:
        return True
    if alike is None:  # an English article: no skeleton to work out
        return False
    folded = skeleton(longest)
    return len(folded) >= 4 and any(name_alike(folded, k) for k in alike.get(folded[:4], ()))


def _cable_dated(art: _Article, cand: _Candidate, dates: list[DateMention]) -> bool:
    """A document's date of the sentence is the cable's date (give or take the days a cable
    takes to be sent)."""
    made = art.created(cand.cable_id)
    return made is not None and any(_near(d.when, made) for d in dates if d.document)


def _events_agree(art: _Article, cand: _Candidate, events: list[When],
                  exact: bool = False) -> bool:
    """An event's date of the sentence agrees with a date the paragraph gives (`exact`: to the
    day, "den 24 oktober 2008" and "October 24", not "September" for "22 september 2008")."""
    if not events:
        return False
    ct = art.tracer.cables.get(cand.cable_id)
    para = next((p for p in ct.paragraphs if p.pid == cand.pid), None) if ct else None
    if ct is None or para is None:
        return False
    for d in art.paragraph_dates(cand, ct.text[para.start:para.end]):
        if any(w.overlaps(d.when) and w.comparable(d.when)
               and (not exact or (w.day_lo is not None and d.when.day_lo is not None))
               for w in events):
            return True
    return False


def _near(w: When, made: date, slack: int = 3) -> bool:
    if w.year is not None and w.year != made.year:
        return False
    if w.month is None:
        return False
    if w.day_lo is None:
        return w.month == made.month
    try:
        day = date(w.year or made.year, w.month, w.day_lo)
    except ValueError:
        return False
    return abs((made - day).days) <= slack


# --- the match, its evidence, the verdict ---------------------------------------------------


def _match(art: _Article, s: _Sentence, cand: _Candidate) -> ClaimMatch:
    """The paragraph as reported, with the sentences of it that support the claim (the best
    one, and a second when it holds nearly as much)."""
    match = ClaimMatch(cand.cable_id, cand.number, min(1.0, cand.score), [], sorted(cand.via))
    ct = art.tracer.cables.get(cand.cable_id)
    para = next((p for p in ct.paragraphs if p.pid == cand.pid), None) if ct else None
    if ct is None or para is None:
        return match
    match.cable_start, match.cable_end = para.start, para.end
    wanted = set(s.keys) | s.name_keys | set(s.numbers)
    weights = art.tracer.lexicon.weights(list(wanted)) if wanted else {}
    scored = []
    for a, b in sentence_spans(ct.text, para.start, para.end):
        keys = set(word_keys(ct.text[a:b], cable=True))
        score = math.fsum(weights.get(k, 0.5) for k in wanted & keys)
        if s.stems:
            score += 0.2 * len(s.stems & {k[:STEM] for k in keys if len(k) > STEM})
        if score > 0:
            scored.append((score, a, b))
    if scored:
        top = max(scored)[0]
        keep = sorted((a, b) for score, a, b in scored if score >= 0.7 * top)[:2]
        match.evidence = [Evidence(cable_display(ct.text[a:b]).strip(), a, b) for a, b in keep]
    return match


def _differences(art: _Article, s: _Sentence, best: _Candidate | None,
                 matches: list[ClaimMatch]) -> list[Difference]:
    if best is None:
        return []
    out: list[Difference] = []
    ct = art.tracer.cables.get(best.cable_id)
    made = art.created(best.cable_id)
    text = ct.text if ct else ""
    shown = " ".join(e.text for m in matches if m.cable_id == best.cable_id
                     for e in m.evidence)
    para_text = ""
    if ct is not None:
        para = next((p for p in ct.paragraphs if p.pid == best.pid), None)
        para_text = ct.text[para.start:para.end] if para else ""
    out.extend(_date_differences(art, s, best, made, para_text, ct))
    cable_numbers = art.numbers(best.cable_id, text)
    for n in s.numbers:
        if n not in cable_numbers:
            out.append(Difference("number", n, "not in the cable"))
    author = author_named(s.text)
    if author and made is not None and not set(author) & art.signers(best.cable_id):
        who = art.signed(best.cable_id) or "by someone else"
        out.append(Difference("person", " ".join(author).title(), f"the cable is {who}"))
    paragraph_words = " ".join(word_keys(para_text + " " + shown, cable=True))
    for word, stems in loaded_words(s.text):
        if not any(stem in paragraph_words for stem in stems):
            out.append(Difference("wording", word.split()[0], "the cable does not say so"))
    return out


def _date_differences(art: _Article, s: _Sentence, best: _Candidate, made: date | None,
                      para_text: str, ct: object) -> list[Difference]:
    out: list[Difference] = []
    if made is None:
        return out
    for d in s.dates:
        if d.weak:
            continue
        w = d.when
        if d.document:
            if w.month is not None and not _near(w, made):
                out.append(Difference("date", d.text, f"the cable is dated {made.isoformat()}"))
            continue
        if w.later_than(made):
            out.append(Difference("date", d.text,
                                  f"after the cable, which is dated {made.isoformat()}"))
            continue
        given = art.paragraph_dates(best, para_text)
        if not given:
            given = _summary_dates(art, best, ct)
        comparable = [g for g in given if w.comparable(g.when)]
        if comparable and not any(w.overlaps(g.when) for g in comparable):
            said = ", ".join(sorted({g.text for g in comparable}))
            out.append(Difference("date", d.text, f"the cable says {said}"))
    return out


def _summary_dates(art: _Article, best: _Candidate, ct: object) -> list[DateMention]:
    """Dates of the cable's first numbered paragraph (its summary), when the paragraph found
    gives none."""
    if not isinstance(ct, CableText):
        return []
    first = next((p for p in ct.paragraphs if p.number is not None), None)
    if first is None or first.pid == best.pid:
        return []
    probe = _Candidate(first.pid, best.cable_id, first.number, frozenset())
    return art.paragraph_dates(probe, ct.text[first.start:first.end])
