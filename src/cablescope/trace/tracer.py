"""Trace an article: every quotation and claim to the cable paragraphs it comes from.

The pipeline (docs/trace.md explains it for users):

1. quotations are found (`quotes`) and cut into fragments at ellipses;
2. the 4-grams of every fragment, and of the text between quotations, are looked up in the trace
   index at once; paragraphs are scored by the inverse document frequency of the 4-grams they
   share, so boilerplate weighs nothing;
3. each quotation is aligned (`align`) in its best candidate cables, fragments in order, and
   accepted only on evidence chance would not give: enough words in order, a long enough run,
   enough content words, most of the quotation covered;
4. the cables the article names or already quotes at length are searched again, whole, for the
   quotations still unmatched (a four-word quote is hopeless against 250,000 cables and easy
   against the three the article links to); short phrases are only ever matched there;
5. quotations still unmatched but clearly about one paragraph become paraphrases
   (`paraphrase`), passages reused without quote marks are found (`reuse`), claims are ranked
   (`claims`). Whatever is left is `unmatched`: never pinned on the nearest cable.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import replace

from cablescope.trace import claims as _claims
from cablescope.trace import crosslingual as _x
from cablescope.trace import reuse as _reuse
from cablescope.trace.align import STOP_WORDS, FragmentAlignment, align_fragment
from cablescope.trace.article import Article, guess_language
from cablescope.trace.cables import CableCache, CableText, CableView
from cablescope.trace.edits import Edit, classify
from cablescope.trace.fragments import ArticleText, Fragment, Unit
from cablescope.trace.index import IndexMissing, has_tables, indexed_paragraphs, lookup
from cablescope.trace.keys import word_keys
from cablescope.trace.lexical import Lexicon
from cablescope.trace.mentions import find_mentions
from cablescope.trace.normalize import cable_display
from cablescope.trace.paraphrase import find_paraphrase
from cablescope.trace.quotes import PHRASE_WORDS, find_quotes
from cablescope.trace.rarity import Rarity, judge
from cablescope.trace.report import Match, Segment, TracedQuote, TraceReport, status_of
from cablescope.trace.translation import SUPPORTED as TRANSLATED_LANGUAGES
from cablescope.trace.translation import Translations

# Evidence a corpus-wide match needs (chance must not give it).
MIN_MATCHED = 6
MIN_CONTENT = 4
MIN_RUN = 5
MIN_COVERAGE = 0.5
# In a cable the article names or quotes at length, less is needed.
ANCHORED_MIN_MATCHED = 3
ANCHORED_MIN_COVERAGE = 0.6
CANDIDATE_CABLES = 4
MIN_GRAMS = 1  # distinct (indexed) 4-grams a candidate paragraph must share with a quotation
RELATIVE_SCORE = 0.25  # of the best candidate's score
STRONG_SOURCE_WORDS = 8
MAX_SKIP = 3000  # cable words an ellipsis may skip
DISTINCT_WORDS = 12  # shorter quotations must be found in one cable only (corpus-wide)
TOP_PARAGRAPHS = 40  # best-scored paragraphs whose cables are looked at


class Tracer:
    """Traces articles against one database. Keep one per batch: cable texts are cached
    (bounded), so memory does not grow with the number of articles."""

    def __init__(self, conn: sqlite3.Connection, db_label: str = "", cache_size: int = 64,
                 crosslingual: bool | None = None) -> None:
        """`crosslingual`: use the cross-lingual sentence model for articles in translation
        (True: `ExtraMissing` when its extra is not installed; None: when the environment's
        `CABLESCOPE_CROSSLINGUAL` asks for it and the extra is installed; False: never)."""
        if not has_tables(conn) or (indexed_paragraphs(conn) == 0 and conn.execute(
                "SELECT 1 FROM paragraphs LIMIT 1").fetchone()):
            raise IndexMissing(f"{db_label or 'the database'} has no trace index: run "
                               "`cablescope index` (or `cablescope.trace.ensure_index`)")
        self.conn = conn
        self.db_label = db_label
        self.cables = CableCache(conn, cache_size)
        self.paragraph_total = max(1, indexed_paragraphs(conn))
        self.cable_total = conn.execute("SELECT count(*) FROM cables").fetchone()[0]
        self.lexicon = Lexicon(conn)
        self.sentences: dict[int, list] = {}  # cable sentences by paragraph (translations)
        self.crosslingual = crosslingual
        if crosslingual:
            _x.require()
        self._model: _x.SentenceModel | None = None  # made on first use (its vector file too)

    def sentence_model(self) -> _x.SentenceModel | None:
        """The cross-lingual sentence model, when asked for (see `__init__`), else None."""
        if self.crosslingual is False or (self.crosslingual is None and not (
                _x.asked() and _x.available())):
            return None
        if self._model is None:
            self._model = _x.for_database(self.conn)
        return self._model

    # --- the whole article ----------------------------------------------------------------------

    def trace(self, article: Article) -> TraceReport:
        """Trace one article (see the module docstring)."""
        doc = ArticleText(article.text)
        language = guess_language(article.text)
        mentions = find_mentions(article, self.conn)
        named = list(dict.fromkeys(m.cable_id for m in mentions if m.cable_id))
        quotes = find_quotes(article)
        units = [doc.unit(q) for q in quotes]
        regions = _reuse.outside_regions(doc, quotes)
        all_grams = {g for u in units for g in u.grams}
        for region in regions:
            all_grams.update(region.grams)
        postings = lookup(self.conn, all_grams)
        pid_cable: dict[int, str | None] = {}

        results: list[TracedQuote | None] = [None] * len(units)
        strong: list[str] = []
        for i, unit in enumerate(units):
            if unit.kind in ("phrase", "scare"):
                continue
            found = self.corpus_matches(doc, unit, postings, pid_cable)
            if found:
                results[i] = self.traced(doc, unit, found)
                best = found[0]
                if best.matched >= STRONG_SOURCE_WORDS and best.cable_id not in strong:
                    strong.append(best.cable_id)
        anchors = list(dict.fromkeys([*named, *strong]))
        translations = (Translations(self, language, anchors)
                        if language in TRANSLATED_LANGUAGES else None)
        for i, unit in enumerate(units):
            if results[i] is not None:
                continue
            if unit.kind in ("phrase", "scare"):
                results[i] = self.short_quote(doc, unit, anchors)
                continue
            found = self.anchored_matches(doc, unit, anchors)
            if not found:
                if translations is not None:
                    para = translations.find(doc, unit)
                else:
                    para = find_paraphrase(self, doc, unit, anchors,
                                           translated=language not in ("en", None))
                found = [para] if para else []
            rarity = None
            if not found and _words(unit) < MIN_MATCHED:
                # too short for the corpus-wide evidence: searched by rarity, as a phrase is
                found, rarity = self.rare_matches(doc, unit)
            results[i] = self.traced(doc, unit, found, rarity)
        if translations is not None:  # cables found since a quotation was tried
            for i, unit in enumerate(units):
                result = results[i]
                if result is not None and result.status == "unmatched" and unit.kind not in (
                        "phrase", "scare") and (again := translations.retry(doc, unit)):
                    results[i] = self.traced(doc, unit, [again])
        traced = [r for r in results if r is not None]
        traced.extend(self._nested(doc, units, results, anchors))
        reused = _reuse.find_reuse(self, doc, regions, postings, pid_cable)
        traced.extend(reused)
        traced.sort(key=lambda q: q.start)
        claim_list = _claims.find_claims(self, doc, regions, reused, anchors, mentions, postings,
                                         pid_cable, language)
        return TraceReport(article.source, article.text, language,
                           self.cable_total, self.db_label, traced, claim_list, mentions)

    # --- candidates -----------------------------------------------------------------------------

    def _cables_of(self, pids: list[int], pid_cable: dict[int, str | None]) -> None:
        """Fill in which cable each paragraph belongs to (None: replaced since indexing)."""
        missing = [p for p in pids if p not in pid_cable]
        for i in range(0, len(missing), 900):
            chunk = missing[i:i + 900]
            marks = ",".join("?" * len(chunk))
            found = dict(self.conn.execute(
                f"SELECT pid, cable_id FROM paragraphs WHERE pid IN ({marks})", chunk))
            pid_cable.update({p: found.get(p) for p in chunk})

    def idf(self, df: int) -> float:
        return math.log(1 + self.paragraph_total / max(1, df))

    def candidates(self, grams: list[int], postings: dict[int, list[int]],
                   pid_cable: dict[int, str | None], limit: int = CANDIDATE_CABLES,
                   min_grams: int = MIN_GRAMS) -> list[tuple[str, float, int]]:
        """Cables sharing 4-grams with `grams`, best first: (cable, score, best paragraph pid).

        Paragraphs are scored by the inverse document frequency of the 4-grams they share (at
        least `min_grams` of them); a cable by its best paragraph, and it must score at least
        `RELATIVE_SCORE` of the best cable. `pid_cable` caches which cable a paragraph is in,
        looked up for the best paragraphs only.
        """
        pid_score: dict[int, float] = {}
        pid_count: dict[int, int] = {}
        for g in set(grams):
            plist = postings.get(g)
            if not plist:
                continue
            weight = self.idf(len(plist))
            for pid in plist:
                pid_score[pid] = pid_score.get(pid, 0.0) + weight
                pid_count[pid] = pid_count.get(pid, 0) + 1
        top = sorted((p for p in pid_score if pid_count[p] >= min_grams),
                     key=lambda p: -pid_score[p])[:TOP_PARAGRAPHS]
        self._cables_of(top, pid_cable)
        best: dict[str, tuple[float, int]] = {}
        for pid in top:
            cable = pid_cable.get(pid)
            if cable is not None and cable not in best:
                best[cable] = (pid_score[pid], pid)
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])[:limit]
        if not ranked:
            return []
        first = ranked[0][1][0]
        return [(cable, score, pid) for cable, (score, pid) in ranked
                if score >= RELATIVE_SCORE * first]

    # --- matching quotations --------------------------------------------------------------------

    def corpus_matches(self, doc: ArticleText, unit: Unit, postings: dict[int, list[int]],
                       pid_cable: dict[int, str | None]) -> list[Match]:
        """Matches of a quotation among the cables its 4-grams lead to (strict evidence)."""
        found: list[Match] = []
        for cable_id, _score, pid in self.candidates(unit.grams, postings, pid_cable):
            ct = self.cables.get(cable_id)
            if ct is None:
                continue
            match = self.match_in_cable(doc, unit, ct, ct.around(pid))
            if match is not None and self._significant(match, anchored=False):
                found.append(match)
        found = _rank(found)
        if len(found) > 1 and found[0].words < DISTINCT_WORDS:
            # a short quotation found as it is in several cables is a set phrase (a name, a
            # formula), not a quotation of one of them
            return []
        return found

    def anchored_matches(self, doc: ArticleText, unit: Unit, anchors: list[str]) -> list[Match]:
        """Matches of a quotation searched in the cables the article points to: in the stretch
        of paragraphs holding its words (a cable without them is not looked at)."""
        found: list[Match] = []
        wanted = {w.key for f in unit.fragments for w in f.words} - STOP_WORDS
        if not wanted:
            return []
        # a match there needs most of the words (a phrase all of them)
        need = len(wanted) if unit.kind == "phrase" else max(
            1, min(3, math.ceil(ANCHORED_MIN_COVERAGE * len(wanted))))
        for cable_id in anchors:
            rows = self.lexicon.all_paragraphs(cable_id)
            holding = [i for i, row in enumerate(rows)
                       if len(wanted.intersection(row[3])) >= need]
            ct = self.cables.get(cable_id) if holding else None
            if ct is None:
                continue
            if len(ct.paragraphs) != len(rows):
                view = ct.view()  # a cable replaced since: look at all of it
            else:
                view = ct.view(max(0, holding[0] - 1), min(len(ct.paragraphs) - 1,
                                                           holding[-1] + 1))
            match = self.match_in_cable(doc, unit, ct, view)
            if match is None:
                continue
            match.anchored = True
            if unit.kind == "phrase":
                if match.matched == match.words and match.longest == match.words:
                    found.append(match)
            elif self._significant(match, anchored=True):
                found.append(match)
        return _rank(found)

    def short_quote(self, doc: ArticleText, unit: Unit, anchors: list[str]) -> TracedQuote:
        """A quotation of one to four words: one word is a scare quote, never searched; a
        phrase is matched word for word in the cables the article points to, and anywhere in
        the corpus only when it is improbable (`rarity`); every result says which and why."""
        if _words(unit) < 2:
            return self.traced(doc, unit, [], Rarity(False, "one word: never searched"))
        if unit.kind == "phrase":
            found = self.anchored_matches(doc, unit, anchors)
            if found:
                return self.traced(doc, unit, found, Rarity(
                    True, "word for word in a cable the article cites or quotes at length"))
        found, rarity = self.rare_matches(doc, unit)
        if not found and unit.kind == "phrase" and anchors:
            rarity = replace(rarity, reason="not word for word in the cables the article "
                             f"cites or quotes; {rarity.reason}")
        # two words nothing attributes, found word for word in the one cable holding them
        kind = "phrase" if found else unit.kind
        return self.traced(doc, unit, found, rarity, kind)

    def rare_matches(self, doc: ArticleText, unit: Unit) -> tuple[list[Match], Rarity]:
        """A short quotation's cable when the quotation is improbable and exactly one cable
        holds it word for word (`rarity.judge`)."""
        text = " ".join(doc.text[s:e] for s, e in unit.quote.parts)
        rarity, where = judge(self.lexicon, self.conn, text, self.paragraph_total)
        if len(where) != 1:
            return [], rarity
        (cable_id, pids), = where.items()
        ct = self.cables.get(cable_id)
        match = self.match_in_cable(doc, unit, ct, ct.around(pids[0])) if ct else None
        if match is None or match.matched < match.words or match.longest < match.words:
            return [], replace(rarity, reason=f"{rarity.reason}, but not as quoted")
        return [match], rarity

    @staticmethod
    def _significant(match: Match, anchored: bool) -> bool:
        if anchored:
            return match.matched >= ANCHORED_MIN_MATCHED and match.score >= ANCHORED_MIN_COVERAGE
        return (match.score >= MIN_COVERAGE and match.matched >= MIN_MATCHED
                and match.content >= MIN_CONTENT
                and (match.longest >= MIN_RUN or match.matched >= 2 * MIN_MATCHED))

    def match_in_cable(self, doc: ArticleText, unit: Unit, ct: CableText,
                       near: CableView | None, fallback: bool = True) -> Match | None:
        """Align a quotation's fragments, in order, in one cable; None if nothing aligns.

        `near` is the part of the cable to try first (the candidate paragraph and its
        neighbours); unless every fragment aligns well there, the whole cable is searched
        (with `fallback`).
        """
        aligned: list[tuple[Fragment, FragmentAlignment]] | None = None
        if near is not None:
            aligned = self._align_fragments(doc, unit, ct, near)
            complete = len(aligned) == len(unit.fragments) and all(
                fa.coverage >= 0.5 for _, fa in aligned)
            # nothing worth a look near the candidate paragraph: the cable is not the source
            hopeless = not any(fa.matched >= 4 and fa.coverage >= 0.5 for _, fa in aligned)
            if fallback and not complete and not hopeless:
                aligned = None
        if aligned is None:
            aligned = self._align_fragments(doc, unit, ct, ct.view())
        if not aligned:
            return None
        return self._build_match(doc.text, unit.fragments, aligned, ct, unit.trailing)

    def _align_fragments(self, doc: ArticleText, unit: Unit, ct: CableText, view: CableView
                         ) -> list[tuple[Fragment, FragmentAlignment]]:
        """Each fragment after the previous one (an ellipsis skips forward, and not too far);
        a fragment that does not align there is looked for anywhere in the view."""
        text = doc.text
        n = len(view.words)
        aligned: list[tuple[Fragment, FragmentAlignment]] = []
        prev: FragmentAlignment | None = None
        for frag in unit.fragments:
            span = (doc.norm.from_original(frag.start), doc.norm.from_original(frag.end))
            window = (0, n) if prev is None else (
                prev.c_last_token + 1, min(n, prev.c_last_token + 1 + MAX_SKIP))
            fa = align_fragment(doc.norm, frag.words, view.norm, view.words, *window, text,
                                ct.text, span, view.index)
            if (fa is None or fa.coverage < 0.5) and window != (0, n):
                retry = align_fragment(doc.norm, frag.words, view.norm, view.words, 0, n, text,
                                       ct.text, span, view.index)
                if retry is not None and (fa is None or retry.matched > fa.matched):
                    fa = retry
            if fa is not None:
                aligned.append((frag, fa))
                prev = fa
        return aligned

    def _build_match(self, text: str, fragments: list[Fragment],
                     aligned: list[tuple[Fragment, FragmentAlignment]], ct: CableText,
                     trailing: tuple[str, int, int] | None) -> Match:
        segments: list[Segment] = []
        edits: list[Edit] = []
        prev: FragmentAlignment | None = None
        for frag, fa in aligned:
            if frag.marker is not None and prev is not None:
                gap = _gap_edit(ct, frag, prev, fa)
                if gap is not None:
                    edits.append(gap)
            elif frag.marker:
                edits.append(Edit("ellipsis", frag.marker, "", frag.marker_start,
                                  frag.marker_end, fa.c_start, fa.c_start))
            edits.extend(classify(fa.pieces, text, ct.text))
            segments.extend(_segments(fa, ct))
            prev = fa
        if trailing and prev is not None:
            edits.append(Edit("ellipsis", trailing[0], "", trailing[1], trailing[2],
                              prev.c_end, prev.c_end))
        words = sum(len(f.words) for f in fragments)
        inserted = sum(len(word_keys(e.article_text)) for e in edits
                       if e.kind in ("bracketed_insertion", "parenthetical_insertion"))
        matched = sum(fa.matched for _, fa in aligned)
        base = max(1, words - inserted)
        return Match(ct.cable_id, min(1.0, matched / base), segments, edits, matched, base,
                     max(fa.longest for _, fa in aligned), sum(fa.content for _, fa in aligned))

    # --- results --------------------------------------------------------------------------------

    def traced(self, doc: ArticleText, unit: Unit, matches: list[Match],
               rarity: Rarity | None = None, kind: str | None = None) -> TracedQuote:
        """The result for one quotation."""
        q = unit.quote
        return TracedQuote(doc.text[q.start:q.end], q.start, q.end, kind or unit.kind,
                           q.attribution, status_of(matches[0]) if matches else "unmatched",
                           matches, rarity)

    def _nested(self, doc: ArticleText, units: list[Unit], results: list[TracedQuote | None],
                anchors: list[str]) -> list[TracedQuote]:
        """Quotes inside a quotation that was not the cable's words (a reporter's sentence
        quoting the cable inside it) are traced on their own."""
        out: list[TracedQuote] = []
        for unit, result in zip(units, results, strict=True):
            if result is None or result.status in ("verbatim", "edited"):
                continue
            for inner in unit.quote.nested:
                if inner.words(doc.text) < PHRASE_WORDS:
                    continue
                inner_unit = doc.unit(inner, "nested")
                postings = lookup(self.conn, inner_unit.grams)
                matches = self.corpus_matches(doc, inner_unit, postings, {})
                if not matches:
                    matches = self.anchored_matches(doc, inner_unit, anchors)
                if matches:
                    out.append(self.traced(doc, inner_unit, matches))
        return out


def _words(unit: Unit) -> int:
    return sum(len(f.words) for f in unit.fragments)


def _rank(matches: list[Match]) -> list[Match]:
    """Best first; cables holding the same words equally well are all kept (duplicates)."""
    matches.sort(key=lambda m: (-m.score, -m.matched, m.cable_id))
    if not matches:
        return matches
    best = matches[0]
    return [m for m in matches
            if m is best or (m.score >= best.score - 0.1 and m.matched >= best.matched * 0.8)]


def _gap_edit(ct: CableText, frag: Fragment, prev: FragmentAlignment,
              fa: FragmentAlignment) -> Edit | None:
    """What an ellipsis (or a paragraph break inside a quotation) skipped in the cable; None
    for a paragraph break that skipped no words (a quotation running on into its next
    paragraph: punctuation between is not an edit)."""
    c_s, c_e = prev.c_end, fa.c_start
    skipped = cable_display(ct.text[c_s:c_e]) if c_e > c_s else ""
    if frag.marker:
        return Edit("ellipsis", frag.marker, skipped, frag.marker_start, frag.marker_end,
                    c_s, max(c_s, c_e))
    if not re.search(r"[^\W_]", skipped):
        return None
    return Edit("omission", "", skipped, frag.start, frag.start, c_s, max(c_s, c_e))


def _segments(fa: FragmentAlignment, ct: CableText) -> list[Segment]:
    """Aligned stretches of one fragment, cut at cable paragraph boundaries and omissions."""
    out: list[Segment] = []
    cur: Segment | None = None
    cur_para: int | None = None
    for p in fa.pieces:
        if p.c_end <= p.c_start:  # article words only: part of the stretch they sit in
            if cur is not None:
                cur.article_end = max(cur.article_end, p.a_end)
            continue
        para_idx = ct.paragraph_index(p.c_start)
        if p.a_end <= p.a_start and p.kind == "diff":  # cable words left out: a cut
            cur = None
            continue
        contiguous = cur is not None and para_idx == cur_para and not re.search(
            r"[^\W_]", cable_display(ct.text[cur.cable_end:p.c_start]))
        if contiguous and cur is not None:
            cur.article_end = max(cur.article_end, p.a_end)
            cur.cable_end = max(cur.cable_end, p.c_end)
            continue
        number = ct.paragraphs[para_idx].number if para_idx is not None else None
        cur = Segment(number, p.a_start, p.a_end, p.c_start, p.c_end)
        cur_para = para_idx
        out.append(cur)
    return out
