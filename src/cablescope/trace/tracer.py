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

from cablescope.trace import claims as _claims
from cablescope.trace import reuse as _reuse
from cablescope.trace.align import FragmentAlignment, align_fragment
from cablescope.trace.article import Article, guess_language
from cablescope.trace.cables import CableCache, CableText
from cablescope.trace.edits import Edit, cable_display, classify
from cablescope.trace.fragments import ArticleText, Fragment, Unit
from cablescope.trace.index import indexed_paragraphs, lookup
from cablescope.trace.keys import word_keys
from cablescope.trace.lexical import Lexicon
from cablescope.trace.mentions import find_mentions
from cablescope.trace.paraphrase import find_paraphrase
from cablescope.trace.quotes import PHRASE_WORDS, find_quotes
from cablescope.trace.report import Match, Segment, TracedQuote, TraceReport, status_of

# Evidence a corpus-wide match needs (chance must not give it).
MIN_MATCHED = 6
MIN_CONTENT = 4
MIN_RUN = 5
MIN_COVERAGE = 0.5
# In a cable the article names or quotes at length, less is needed.
ANCHORED_MIN_MATCHED = 3
ANCHORED_MIN_COVERAGE = 0.6
CANDIDATE_CABLES = 4
STRONG_SOURCE_WORDS = 8

class Tracer:
    """Traces articles against one database. Keep one per batch: cable texts are cached
    (bounded), so memory does not grow with the number of articles."""

    def __init__(self, conn: sqlite3.Connection, db_label: str = "", cache_size: int = 64) -> None:
        self.conn = conn
        self.db_label = db_label
        self.cables = CableCache(conn, cache_size)
        self.paragraph_total = max(1, indexed_paragraphs(conn))
        self.cable_total = conn.execute("SELECT count(*) FROM cables").fetchone()[0]
        self.lexicon = Lexicon(conn)

    # --- the whole article ----------------------------------------------------------------------

    def trace(self, article: Article) -> TraceReport:
        """Trace one article (see the module docstring)."""
        doc = ArticleText(article.text)
        mentions = find_mentions(article, self.conn)
        named = list(dict.fromkeys(m.cable_id for m in mentions if m.cable_id))
        quotes = find_quotes(article)
        units = [doc.unit(q) for q in quotes]
        regions = _reuse.outside_regions(doc, quotes)
        all_grams = {g for u in units for g in u.grams}
        for region in regions:
            all_grams.update(region.grams)
        postings = lookup(self.conn, all_grams)
        pid_cable = self._pid_cables(postings)

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
        for i, unit in enumerate(units):
            if results[i] is not None:
                continue
            if unit.kind == "scare":
                results[i] = self.traced(doc, unit, [])
                continue
            found = self.anchored_matches(doc, unit, anchors)
            if not found and unit.kind != "phrase":
                para = find_paraphrase(self, doc, unit, anchors)
                found = [para] if para else []
            results[i] = self.traced(doc, unit, found)
        traced = [r for r in results if r is not None]
        traced.extend(self._nested(doc, units, results, anchors))
        reused = _reuse.find_reuse(self, doc, regions, postings, pid_cable)
        traced.extend(reused)
        traced.sort(key=lambda q: q.start)
        claim_list = _claims.find_claims(self, doc, regions, reused, anchors)
        return TraceReport(article.source, article.text, guess_language(article.text),
                           self.cable_total, self.db_label, traced, claim_list, mentions)

    # --- candidates -----------------------------------------------------------------------------

    def _pid_cables(self, postings: dict[int, list[int]]) -> dict[int, str]:
        pids = sorted({p for plist in postings.values() for p in plist})
        out: dict[int, str] = {}
        for i in range(0, len(pids), 900):
            chunk = pids[i:i + 900]
            marks = ",".join("?" * len(chunk))
            out.update(self.conn.execute(
                f"SELECT pid, cable_id FROM paragraphs WHERE pid IN ({marks})", chunk))
        return out

    def idf(self, df: int) -> float:
        return math.log(1 + self.paragraph_total / max(1, df))

    def candidates(self, grams: list[int], postings: dict[int, list[int]],
                   pid_cable: dict[int, str], limit: int = CANDIDATE_CABLES
                   ) -> list[tuple[str, float, int]]:
        """Cables sharing 4-grams with `grams`, best first: (cable, score, best paragraph pid)."""
        cable_grams: dict[str, dict[int, float]] = {}
        pid_score: dict[int, float] = {}
        for g in set(grams):
            plist = postings.get(g)
            if not plist:
                continue
            weight = self.idf(len(plist))
            for pid in plist:
                cable = pid_cable.get(pid)
                if cable is None:
                    continue  # a paragraph replaced since indexing
                cable_grams.setdefault(cable, {})[g] = weight
                pid_score[pid] = pid_score.get(pid, 0.0) + weight
        best_pid: dict[str, int] = {}
        for pid, score in pid_score.items():
            cable = pid_cable[pid]
            if cable not in best_pid or score > pid_score[best_pid[cable]]:
                best_pid[cable] = pid
        ranked = sorted(cable_grams.items(), key=lambda kv: -sum(kv[1].values()))[:limit]
        return [(cable, sum(gmap.values()), best_pid[cable]) for cable, gmap in ranked]

    # --- matching quotations --------------------------------------------------------------------

    def corpus_matches(self, doc: ArticleText, unit: Unit, postings: dict[int, list[int]],
                       pid_cable: dict[int, str]) -> list[Match]:
        """Matches of a quotation among the cables its 4-grams lead to (strict evidence)."""
        found: list[Match] = []
        for cable_id, _score, pid in self.candidates(unit.grams, postings, pid_cable):
            ct = self.cables.get(cable_id)
            if ct is None:
                continue
            match = self.match_in_cable(doc, unit, ct, ct.paragraph_words(pid))
            if match is not None and self._significant(match, anchored=False):
                found.append(match)
        return _rank(found)

    def anchored_matches(self, doc: ArticleText, unit: Unit, anchors: list[str]) -> list[Match]:
        """Matches of a quotation searched whole in the cables the article points to."""
        found: list[Match] = []
        for cable_id in anchors:
            ct = self.cables.get(cable_id)
            if ct is None:
                continue
            match = self.match_in_cable(doc, unit, ct, None)
            if match is None:
                continue
            match.anchored = True
            if unit.kind == "phrase":
                if match.matched == match.words and match.longest == match.words:
                    found.append(match)
            elif self._significant(match, anchored=True):
                found.append(match)
        return _rank(found)

    @staticmethod
    def _significant(match: Match, anchored: bool) -> bool:
        if anchored:
            return match.matched >= ANCHORED_MIN_MATCHED and match.score >= ANCHORED_MIN_COVERAGE
        return (match.score >= MIN_COVERAGE and match.matched >= MIN_MATCHED
                and match.content >= MIN_CONTENT
                and (match.longest >= MIN_RUN or match.matched >= 2 * MIN_MATCHED))

    def match_in_cable(self, doc: ArticleText, unit: Unit, ct: CableText,
                       hint: tuple[int, int] | None) -> Match | None:
        """Align a quotation's fragments, in order, in one cable; None if nothing aligns.

        `hint` is the word range of the cable to try first (the candidate paragraph and its
        neighbours); a fragment that does not align well there is searched in the whole cable.
        """
        text = doc.text
        n = len(ct.words)
        aligned: list[tuple[Fragment, FragmentAlignment]] = []
        prev: FragmentAlignment | None = None
        for frag in unit.fragments:
            if prev is None:
                window = hint or (0, n)
            else:
                window = (prev.c_last_token + 1, min(n, prev.c_last_token + 1 + 3000))
            span = (doc.norm.from_original(frag.start), doc.norm.from_original(frag.end))
            fa = align_fragment(doc.norm, frag.words, ct.norm, ct.words, *window, text, ct.text,
                                span)
            if (fa is None or fa.coverage < 0.5) and window != (0, n):
                retry = align_fragment(doc.norm, frag.words, ct.norm, ct.words, 0, n, text,
                                       ct.text, span)
                if retry is not None and (fa is None or retry.matched > fa.matched):
                    fa = retry
            if fa is None:
                continue
            aligned.append((frag, fa))
            prev = fa
        if not aligned:
            return None
        return self._build_match(text, unit.fragments, aligned, ct, unit.trailing)

    def _build_match(self, text: str, fragments: list[Fragment],
                     aligned: list[tuple[Fragment, FragmentAlignment]], ct: CableText,
                     trailing: tuple[str, int, int] | None) -> Match:
        segments: list[Segment] = []
        edits: list[Edit] = []
        prev: FragmentAlignment | None = None
        for frag, fa in aligned:
            if frag.marker is not None and prev is not None:
                edits.append(_gap_edit(ct, frag, prev, fa))
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

    def traced(self, doc: ArticleText, unit: Unit, matches: list[Match]) -> TracedQuote:
        """The result for one quotation."""
        q = unit.quote
        return TracedQuote(doc.text[q.start:q.end], q.start, q.end, unit.kind, q.attribution,
                           status_of(matches[0]) if matches else "unmatched", matches)

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
                matches = self.corpus_matches(doc, inner_unit, postings,
                                              self._pid_cables(postings))
                if not matches:
                    matches = self.anchored_matches(doc, inner_unit, anchors)
                if matches:
                    out.append(self.traced(doc, inner_unit, matches))
        return out


def _rank(matches: list[Match]) -> list[Match]:
    """Best first; cables holding the same words equally well are all kept (duplicates)."""
    matches.sort(key=lambda m: (-m.score, -m.matched, m.cable_id))
    if not matches:
        return matches
    best = matches[0]
    return [m for m in matches
            if m is best or (m.score >= best.score - 0.1 and m.matched >= best.matched * 0.8)]


def _gap_edit(ct: CableText, frag: Fragment, prev: FragmentAlignment,
              fa: FragmentAlignment) -> Edit:
    """What an ellipsis (or a paragraph break inside a quotation) skipped in the cable."""
    c_s, c_e = prev.c_end, fa.c_start
    skipped = cable_display(ct.text[c_s:c_e]) if c_e > c_s else ""
    if frag.marker:
        return Edit("ellipsis", frag.marker, skipped, frag.marker_start, frag.marker_end,
                    c_s, max(c_s, c_e))
    kind = "omission" if re.search(r"[^\W_]", skipped) else "typography"
    return Edit(kind, "", skipped, frag.start, frag.start, c_s, max(c_s, c_e))


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
