"""Quotations in translation: a Portuguese, Spanish, French, Italian or German quotation traced to
the cable sentences it renders, with no translation service.

No run of identical words survives translation, so nothing can be aligned character by
character. What does survive is compared instead, word by word, with each sentence of the
candidate paragraphs: names and acronyms, numbers (and number words), cognates found by suffix
rules ("modernização" -> "modernization"), a small glossary of the words of diplomatic reporting
that are not cognates (`glossary`), and, when the `translation` extra is installed, a bilingual
lexicon (`bilingual`). A quotation renders the stretch of one to three consecutive sentences of
a paragraph that holds most of its words; it is accepted only when that paragraph stands clearly
above every other, and never when a name or a number of the quotation is not in the paragraph
(a real quotation with a name or a number changed is not the cable's).

Candidates are the paragraphs of the cables the article names or quotes, and the paragraphs the
full-text index ranks first for the quotation's names, numbers and translated words (stricter
evidence is asked of those).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from cablescope.text import fold
from cablescope.trace import glossary as _g
from cablescope.trace.bilingual import lexicon_for
from cablescope.trace.fragments import ArticleText, Unit
from cablescope.trace.keys import word_keys
from cablescope.trace.lexical import STOP as ENGLISH_STOP
from cablescope.trace.report import Match, Segment
from cablescope.trace.sentences import sentence_spans

if TYPE_CHECKING:
    from cablescope.trace.cables import CableText
    from cablescope.trace.tracer import Tracer

SUPPORTED = _g.LANGUAGES
MIN_WORDS = 3  # content words a quotation needs
SHORT_WORDS = 5  # a quotation with fewer content words than this must be rendered almost whole
SHORT_COVERAGE = 0.7
MAX_SPAN = 3  # consecutive cable sentences one quotation may render
# In a cable the article names or quotes: the weighted share of the quotation's words the
# sentences must hold, and their lead (in F2 score) over any other paragraph.
ANCHORED_COVERAGE = 0.4
ANCHORED_MARGIN = 0.08
# Anywhere else in the corpus, more.
CORPUS_COVERAGE = 0.55
CORPUS_MARGIN = 0.15
MIN_MATCHED = 3
CORPUS_CANDIDATES = 20
PARAGRAPH_CACHE = 20_000  # paragraphs whose sentences a tracer keeps
NAME_WEIGHT = 1.5
MODEL_LEAD = 0.005  # cosine by which the sentence model's paragraph must lead (`_model_agrees`)

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_MARK = re.compile(r"\s*(?:¶?\s*\d{1,3}\s*\.\s*)?(?:\([A-Z/ ]{1,12}\)\s*)?")
_BULLET = re.compile(r"\s--+\s+(?=\S)")
_SENTENCE_OPENERS = set(".!?:;\"“”«»—–-(")
_SUBJECT = re.compile(r"SUBJECT:\s*(.+?)\s*(?=\bREF:|\bREFS?\b|\bClassified\b|"
                      r"\bCLASSIFIED\b|\n\s*\n|$)", re.S)
_SHORT = frozenset(["us", "un", "eu"])  # acronyms a translation keeps (EUA, ONU, UE)
_COMPOUND = re.compile(r"[^\W\d_]{2,}-[^\W\d_]{3,}")
KNOWN_NAME = 3  # paragraphs a name must be in for its absence from the source to count
COMMON = 0.02  # a word whose English is in more paragraphs than this share weighs less


def _number_key(text: str) -> str:
    return re.sub(r"[.,]", "", text).lstrip("0") or "0"


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """A light English stem, so a glossary's 'agreement' finds 'agreements'."""
    for ending in ("ing", "ies", "es", "ed", "ly", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)] + ("y" if ending == "ies" else "")
    return word


@dataclass(slots=True)
class QuoteWord:
    """A content word of the quotation and what it may be in the cable's English."""

    text: str
    start: int
    end: int
    key: str  # folded
    kind: str  # 'name' | 'number' | 'word'
    sentence: int  # which sentence of the quotation
    exact: frozenset[str]  # English keys (and stems) it may be, exactly
    forms: tuple[str, ...]  # cognate forms
    glossed: bool = False
    known: bool = False  # a name the corpus has (so the cable would have it too)
    rarity: float = 1.0  # less for words whose English is everywhere (government, Brazil)
    skeletons: tuple[str, ...] = ()

    @property
    def weight(self) -> float:
        return (NAME_WEIGHT if self.kind in ("name", "number") else 1.0) * self.rarity


@dataclass(slots=True)
class CableSentence:
    start: int
    end: int
    words: list[str]  # content words (folded)
    stems: frozenset[str]
    numbers: frozenset[str]
    prefixes: dict[str, list[str]] = field(default_factory=dict)


@dataclass(slots=True)
class CableParagraph:
    pid: int
    cable_id: str
    number: int | None
    start: int
    end: int
    sentences: list[CableSentence]
    anchored: bool
    stems: frozenset[str] = frozenset()  # of all its sentences
    prefixes: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.stems:
            self.stems = frozenset().union(*(s.stems for s in self.sentences))
            self.prefixes = frozenset().union(*(s.prefixes for s in self.sentences))
            self.numbers = frozenset().union(*(s.numbers for s in self.sentences))

    def may_hold(self, word: QuoteWord) -> bool:
        """Whether `word` could be in the paragraph at all (cheap, before any sentence)."""
        if word.kind in ("number", "numword"):
            return word.key in self.numbers
        if not word.exact.isdisjoint(self.stems):
            return True
        if word.glossed:
            return False
        return any(k[:4] in self.prefixes for k in word.skeletons)


@dataclass(slots=True)
class _Span:
    para: CableParagraph
    first: int
    last: int
    matched: dict[int, list[tuple[int, str]]]  # quote word -> [(sentence, cable word)]
    recall: float
    precision: float

    @property
    def f2(self) -> float:
        r, p = self.recall, self.precision
        return 0.0 if r + p == 0 else 5 * p * r / (4 * p + r)


def quote_words(text: str, parts: Iterable[tuple[int, int]], lang: str) -> list[QuoteWord]:
    """The quotation's words that carry meaning, with their English candidates."""
    stops = _g.stop_words(lang)
    gloss = _g.glossary(lang)
    numbers = _g.number_words(lang)
    lexicon = lexicon_for(lang)
    out: list[QuoteWord] = []
    for start, end in parts:
        sentence_starts = [s for s, _ in sentence_spans(text, start, end)]
        for m in _WORD.finditer(text, start, end):
            raw = m.group()
            sentence = sum(1 for s in sentence_starts if s <= m.start()) - 1
            if raw[0].isdigit():
                key = _number_key(raw)
                out.append(QuoteWord(raw, m.start(), m.end(), key, "number", sentence,
                                     frozenset([key]), ()))
                continue
            key = fold(raw)
            if key in numbers:
                value = numbers[key]
                if key in stops and value == "1":
                    continue
                # a number word may be rendered otherwise ('dois países': 'both countries'):
                # it counts when found, never against
                out.append(QuoteWord(raw, m.start(), m.end(), value, "numword", sentence,
                                     frozenset([value]), ()))
                continue
            if key in stops or len(key) < 3:
                continue
            before = text[max(start, m.start() - 3):m.start()].strip()
            initial = m.start() == start or not before or before[-1] in _SENTENCE_OPENERS
            name = raw[0].isupper() and (not initial or (raw.isupper() and len(raw) > 1))
            english: list[str] = []
            for form in _g.singular(key, lang):
                english.extend(gloss.get(form, ()))
                if english:
                    break
            glossed = bool(english)
            if lexicon is not None:
                english.extend(e for form in _g.singular(key, lang)
                               for e in lexicon.get(form, ()))
            exact = {key, *english, *(_stem(e) for e in english)}
            forms = _g.cognate_forms(key, lang)
            demonym = _g.nationality(key, lang)
            if demonym:  # a nationality is a name: the cable must have it
                exact |= set(demonym)
                out.append(QuoteWord(raw, m.start(), m.end(), key, "name", sentence,
                                     frozenset(exact), forms, glossed=True, known=True,
                                     skeletons=tuple(map(skeleton, forms))))
                continue
            out.append(QuoteWord(raw, m.start(), m.end(), key,
                                 "name" if name and not glossed else "word", sentence,
                                 frozenset(exact), forms, glossed=glossed,
                                 skeletons=tuple(dict.fromkeys(map(skeleton, forms)))))
    return out


_SKELETON = (("ph", "f"), ("th", "t"), ("ch", "c"), ("ct", "t"), ("qu", "c"))
_SKELETON_LETTERS = str.maketrans("ky", "ci")


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """Spelling differences of cognates folded away: 'difficulty'/'dificulty',
    'activist'/'ativist', 'apparent'/'aparent'."""
    for a, b in _SKELETON:
        if a in word:
            word = word.replace(a, b)
    word = word.translate(_SKELETON_LETTERS)
    if len(word) < 2:
        return word
    out = [word[0]]
    for c in word[1:]:
        if c != out[-1]:
            out.append(c)
    return "".join(out)


def name_alike(name: str, word: str) -> bool:
    """Whether `word` is the name `name` (its `skeleton`) written but for its ending, as another
    language writes it: Irã/Iran, Colômbia/Colombia, Uruguai/Uruguay."""
    short, long_ = sorted((name, skeleton(word)), key=len)
    return long_.startswith(short[:-1] if len(short) > 4 else short) and (
        len(long_) - len(short) <= 2)


def _cognate(forms: tuple[str, ...], word: str, strict: bool) -> bool:
    word = skeleton(word)
    for f in forms:
        f = skeleton(f)
        if len(f) < 4 or len(word) < 4:
            continue
        n = min(len(f), len(word))
        p = 0
        while p < n and f[p] == word[p]:
            p += 1
        if p >= 6 or (not strict and (p >= 5 or (p >= 4 and p == n))):
            return True
    return False


def cable_sentences(text: str, start: int, end: int) -> list[CableSentence]:
    """The sentences of one paragraph of a cable (bullets cut at '--'), paragraph mark and
    classification left out."""
    mark = _MARK.match(text, start)
    if mark is not None:
        start = mark.end()
    spans: list[tuple[int, int]] = []
    for s, e in sentence_spans(text, start, end):
        pos = s
        for b in _BULLET.finditer(text, s, e):
            if b.start() > pos:
                spans.append((pos, b.start()))
            pos = b.end()
        spans.append((pos, e))
    out = []
    for s, e in spans:
        piece = text[s:e]
        keys = word_keys(piece, cable=True)
        words = [w for w in keys
                 if w not in ENGLISH_STOP and not w.isdigit() and (len(w) > 2 or w in _SHORT)]
        if "-" in piece:
            words.extend(fold(m.group()).replace("-", "") for m in _COMPOUND.finditer(piece))
        numbers = {_number_key(n) for n in _NUMBER.findall(piece)}
        if not words and not numbers:
            continue
        numbers.update(_g.ENGLISH_NUMBERS[w] for w in keys if w in _g.ENGLISH_NUMBERS)
        prefixes: dict[str, list[str]] = {}
        for w in sorted(set(words)):  # sorted: the same match in every process
            if len(w) >= 4:
                prefixes.setdefault(skeleton(w)[:4], []).append(w)
        out.append(CableSentence(s, e, words, frozenset({*words, *map(_stem, words)}),
                                 frozenset(numbers), prefixes))
    return out


class Translations:
    """Traces the translated quotations of one article (one per article: it caches the
    sentences of the candidate cables)."""

    def __init__(self, tracer: Tracer, language: str, anchors: list[str]) -> None:
        self.tracer = tracer
        self.language = language
        self.anchors = anchors
        self._paragraphs: dict[str, list[CableParagraph]] = {}
        # cables found through the corpus for an earlier quotation: the article quotes them,
        # so they are searched like the ones it names
        self.discovered: list[str] = []
        self._tried: dict[int, int] = {}  # quotation start -> len(discovered) when tried
        self._cognates: dict[tuple[tuple[str, ...], str, bool], bool] = {}

    # --- candidates -----------------------------------------------------------------------------

    def _cable(self, cable_id: str, anchored: bool) -> list[CableParagraph]:
        """Every paragraph of a cable the article points to, with its sentences."""
        cached = self._paragraphs.get(cable_id)
        if cached is not None:
            return cached
        ct: CableText | None = self.tracer.cables.get(cable_id)
        out: list[CableParagraph] = []
        if ct is not None:
            for p in ct.paragraphs:
                para = self._paragraph(ct, p.pid, anchored)
                if para is not None:
                    out.append(para)
        self._paragraphs[cable_id] = out
        return out

    def _paragraph(self, ct: CableText, pid: int, anchored: bool) -> CableParagraph | None:
        """One paragraph with its sentences (the header block: its subject line only)."""
        p = next((p for p in ct.paragraphs if p.pid == pid), None)
        if p is None:
            return None
        # sentences are kept per paragraph across the articles of a batch (a paragraph id is
        # never reused for other text: a replaced paragraph gets a new one)
        cache = self.tracer.sentences
        sentences = cache.get(pid)
        if sentences is None:
            if p.number is None:
                m = _SUBJECT.search(ct.text, p.start, p.end)
                sentences = cable_sentences(ct.text, m.start(1), m.end(1)) if m else []
            else:
                sentences = cable_sentences(ct.text, p.start, p.end)
            if len(cache) > PARAGRAPH_CACHE:
                cache.clear()
            cache[pid] = sentences
        if not sentences:
            return None
        return CableParagraph(p.pid, ct.cable_id, p.number, p.start, p.end, sentences, anchored)

    def _corpus_candidates(self, words: list[QuoteWord]) -> list[CableParagraph]:
        """Paragraphs the full-text index ranks first for the quotation's names, numbers and
        translated words (cognate forms only when the corpus has them)."""
        keys: list[str] = []
        for w in words:
            if w.kind in ("number", "numword"):
                continue
            keys.extend(sorted(k for k in w.exact if len(k) > 3))
            keys.extend(f for f in w.forms[1:2] if len(f) > 5)
        lexicon = self.tracer.lexicon
        pids = lexicon.bm25(keys, limit=CORPUS_CANDIDATES, rarest=6)
        out: list[CableParagraph] = []
        for pid, cable_id, _number, para_keys in lexicon.paragraphs(pids):
            # a paragraph holding fewer than two of the quotation's words as they are or as
            # the glossary renders them is not worth cutting into sentences
            if sum(1 for w in words if w.kind != "numword" and not w.exact.isdisjoint(para_keys)
                   ) < MIN_MATCHED - 1:
                continue
            ct = self.tracer.cables.get(cable_id)
            para = self._paragraph(ct, pid, False) if ct is not None else None
            if para is not None:
                out.append(para)
        return out

    # --- matching -------------------------------------------------------------------------------

    def _matches(self, word: QuoteWord, sentence: CableSentence) -> str | None:
        """The cable word `word` renders in `sentence`, if any."""
        if word.kind in ("number", "numword"):
            return word.key if word.key in sentence.numbers else None
        hit = word.exact & sentence.stems
        if hit:  # the cable's word as written (not its stem)
            return next((w for w in sentence.words if w in hit or _stem(w) in hit), min(hit))
        if word.glossed:  # its translations are known: a look-alike is not one
            return None
        if word.kind == "name":  # a name is written alike but for its ending (Irã/Iran,
            name = skeleton(word.key)  # Colômbia/Colombia), or it is another name
            for w in sentence.prefixes.get(name[:4], ()) if len(name) >= 4 else sentence.words:
                if name_alike(name, w):
                    return w
            return None
        for form in word.skeletons:
            for candidate in sentence.prefixes.get(form[:4], ()):
                pair = (word.forms, candidate, False)
                found = self._cognates.get(pair)
                if found is None:
                    found = _cognate(word.forms, candidate, False)
                    if len(self._cognates) > 200_000:
                        self._cognates.clear()
                    self._cognates[pair] = found
                if found:
                    return candidate
        return None

    def _best_span(self, words: list[QuoteWord], para: CableParagraph) -> _Span | None:
        possible = [i for i, w in enumerate(words) if para.may_hold(w)]
        if len(possible) < MIN_MATCHED:
            return None
        per_sentence: list[dict[int, str]] = []
        for sentence in para.sentences:
            hits: dict[int, str] = {}
            for i in possible:
                w = words[i]
                found = self._matches(w, sentence)
                if found is not None:
                    hits[i] = found
            per_sentence.append(hits)
        total = math.fsum(w.weight for w in words)
        best: _Span | None = None
        n = len(para.sentences)
        for first in range(n):
            if not per_sentence[first]:
                continue
            for last in range(first, min(n, first + MAX_SPAN)):
                if not per_sentence[last]:
                    continue
                matched: dict[int, list[tuple[int, str]]] = {}
                cable_hits: set[tuple[int, str]] = set()
                for s in range(first, last + 1):
                    for i, cw in per_sentence[s].items():
                        matched.setdefault(i, []).append((s, cw))
                        cable_hits.add((s, cw))
                recall = math.fsum(words[i].weight for i in matched) / total
                content = sum(len(set(para.sentences[s].words)) for s in range(first, last + 1))
                precision = min(1.0, len(cable_hits) / max(1, content))
                span = _Span(para, first, last, matched, recall, precision)
                if best is None or span.f2 > best.f2 + 1e-9:
                    best = span
        return best

    def find(self, doc: ArticleText, unit: Unit) -> Match | None:
        """The cable sentences a translated quotation renders, when they are clear."""
        quote = unit.quote
        words = quote_words(doc.text, quote.parts, self.language)
        self._weigh(words)
        content = {w.key for w in words if w.kind not in ("number", "numword")}
        if len(content) < MIN_WORDS:
            return None
        self._tried[quote.start] = len(self.discovered)
        anchors = [*self.anchors, *self.discovered]
        paragraphs = [p for cable_id in anchors for p in self._cable(cable_id, True)]
        paragraphs.extend(p for p in self._corpus_candidates(words)
                          if p.cable_id not in anchors)
        spans = [s for p in paragraphs if (s := self._best_span(words, p)) is not None]
        if not spans:
            return None
        spans.sort(key=lambda s: (-s.f2, -s.recall, s.para.pid))
        best = spans[0]
        best_text = _paragraph_words(best.para)
        runner_up = next((s.f2 for s in spans[1:] if _paragraph_words(s.para) != best_text
                          and s.para.pid != best.para.pid), 0.0)
        anchored = best.para.anchored
        coverage, margin = ((ANCHORED_COVERAGE, ANCHORED_MARGIN) if anchored
                            else (CORPUS_COVERAGE, CORPUS_MARGIN))
        if len(content) < SHORT_WORDS:
            coverage = max(coverage, SHORT_COVERAGE)
        if best.recall < coverage or len(best.matched) < MIN_MATCHED:
            return None
        if best.f2 - runner_up < margin and not self._model_agrees(doc, unit, spans, margin):
            return None
        if self._conflicts(words, best.para):
            return None
        if not anchored:
            self.discovered.append(best.para.cable_id)
        return self._match(words, best)

    def _model_agrees(self, doc: ArticleText, unit: Unit, spans: list[_Span],
                      margin: float) -> bool:
        """Where the words' best paragraph, in a cable the article names or quotes, leads
        another by less than `margin`, whether the cross-lingual sentence model (when asked
        for) puts one of its sentences closer to the quotation than any sentence of each
        paragraph within that margin, by `MODEL_LEAD`. The words must still render enough of
        the quotation, and a changed name or number still rejects it; the model only breaks a
        tie the words leave (docs/benchmarks.md, claims6)."""
        best = spans[0]
        model = self.tracer.sentence_model() if best.para.anchored else None
        if model is None:
            return False
        best_text = _paragraph_words(best.para)
        rivals = [s.para for s in spans[1:] if best.f2 - s.f2 < margin
                  and s.para.pid != best.para.pid and _paragraph_words(s.para) != best_text]
        text = " ".join(doc.text[a:b] for a, b in unit.quote.parts)
        return model.ahead(text, self._texts(best.para), (self._texts(p) for p in rivals),
                           MODEL_LEAD)

    def _texts(self, para: CableParagraph) -> list[str]:
        """The paragraph's sentences as written in the cable."""
        ct = self.tracer.cables.get(para.cable_id)
        return [] if ct is None else [ct.text[s.start:s.end] for s in para.sentences]

    def retry(self, doc: ArticleText, unit: Unit) -> Match | None:
        """A quotation left unmatched, tried again if cables were found since."""
        if self._tried.get(unit.quote.start, 0) >= len(self.discovered):
            return None
        return self.find(doc, unit)

    def _weigh(self, words: list[QuoteWord]) -> None:
        """Words whose English is in many paragraphs (government, Brazil, minister) tell
        paragraphs apart less: they weigh less. A glossed word is as common as its commonest
        rendering; another word as common as itself (names are written alike)."""
        lexicon = self.tracer.lexicon
        renderings = {w.key: [k for k in w.exact if k != w.key] if w.glossed else [w.key]
                      for w in words if w.kind not in ("number", "numword")}
        df = lexicon.df([k for keys in renderings.values() for k in keys])
        total = max(1, lexicon.total)
        names = lexicon.df([w.key for w in words if w.kind == "name"])
        for w in words:
            if w.kind in ("number", "numword"):
                continue
            w.known = w.known or (w.kind == "name" and names.get(w.key, 0) >= KNOWN_NAME)
            share = max((df.get(k, 0) for k in renderings[w.key]), default=0) / total
            w.rarity = 0.3 if share > 4 * COMMON else 0.5 if share > COMMON else 1.0

    def _conflicts(self, words: list[QuoteWord], para: CableParagraph) -> bool:
        """A number or a name of the quotation that the paragraph does not hold: the quotation
        says something else than the cable (or quotes another one)."""
        for w in words:
            if w.kind != "number" and not w.known:
                continue
            if not any(self._matches(w, s) is not None for s in para.sentences):
                return True
        return False

    def _match(self, words: list[QuoteWord], span: _Span) -> Match:
        """The match: one segment per quotation sentence and the cable sentence it renders."""
        para = span.para
        by_sentence: dict[int, dict[int, float]] = {}  # quote sentence -> cable sentence -> weight
        evidence: list[tuple[str, str]] = []
        for i, hits in sorted(span.matched.items()):
            w = words[i]
            for s, _cable_word in hits:
                row = by_sentence.setdefault(w.sentence, {})
                row[s] = row.get(s, 0.0) + w.weight
            evidence.append((w.text, hits[0][1]))
        quote_sentences = _sentence_bounds(words)
        segments: list[Segment] = []
        used: set[int] = set()
        for qs, row in sorted(by_sentence.items()):
            a_start, a_end = quote_sentences[qs]
            chosen = [max(row, key=lambda s: (row[s], -s))]
            chosen += [s for s, weight in row.items()
                       if s not in chosen and s not in used and weight >= 2]
            for s in sorted(chosen):
                used.add(s)
                sent = para.sentences[s]
                segments.append(Segment(para.number, a_start, a_end, sent.start, sent.end))
        matched = len(span.matched)
        return Match(para.cable_id, span.recall, segments, [], matched, len(words),
                     anchored=para.anchored, aligned=False, translated=True,
                     evidence=evidence)


def _sentence_bounds(words: list[QuoteWord]) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    for w in words:
        s, e = out.get(w.sentence, (w.start, w.end))
        out[w.sentence] = (min(s, w.start), max(e, w.end))
    return out


def _paragraph_words(para: CableParagraph) -> tuple[str, ...]:
    return tuple(w for s in para.sentences for w in s.words)
