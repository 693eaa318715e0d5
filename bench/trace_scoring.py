"""Score the tracer's quotations against an evaluation set (`trace_evalset`).

- cable accuracy: quotations with a source whose best match is that cable (a cable holding the
  very same words with the same score counts too: the corpus has duplicates);
- paragraph accuracy: ... and whose aligned paragraphs are exactly the labelled ones (or one of
  the labelled alternatives);
- character precision and recall of the alignment (PAN text-alignment style): the cable
  characters the segments cover against those really quoted;
- edit kinds on real labels: each edit named by hand is found when the tracer names an edit of
  the same kind at the same place (touching the labelled article or cable span); the tracer's
  edits that no label accounts for are counted too (`spurious`);
- edit kinds on generated quotations: the share of applied edits that are named;
- short phrases: distinctive ones found (right cable), common and scare ones attributed;
- false attribution rate: quotations pinned on a cable they do not come from (negatives matched
  at all, positives matched to another cable), over all quotations.

Used by bench/quotes_eval.py and tests/test_trace_eval.py; not part of the installed package.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cablescope.trace.edits import Edit
from cablescope.trace.report import Match, TracedQuote
from cablescope.trace.tracer import Tracer
from trace_evalset import Case, EvalArticle, LabelEdit

TARGET_KIND_EXAMPLES = 10  # an edit kind is held to the target with at least this many labels


@dataclass(slots=True)
class Outcome:
    case: Case
    predicted: str | None  # best cable, None when unmatched
    status: str
    cable_ok: bool
    paragraph_ok: bool
    false_attribution: bool
    edit_found: bool | None  # None when no edit was applied
    overlap: int = 0
    predicted_chars: int = 0
    truth_chars: int = 0
    labelled_edits: list[tuple[LabelEdit, bool]] = field(default_factory=list)
    spurious_edits: list[Edit] = field(default_factory=list)
    reason: str | None = None  # a short quotation: why it was or was not searched


@dataclass(slots=True)
class Metrics:
    outcomes: list[Outcome] = field(default_factory=list)

    def _positives(self) -> list[Outcome]:
        """Quotations with a source, short phrases apart (reported on their own)."""
        return [o for o in self.outcomes if o.case.cable_id and o.case.group != "phrase"]

    def phrases(self) -> dict[str, tuple[int, int]]:
        """Short phrases per category: distinctive -> (found, labelled); common, scare ->
        (attributed to a cable they do not come from, labelled); edited -> (found, labelled)."""
        out: dict[str, tuple[int, int]] = {}
        for o in self.outcomes:
            cat = o.case.phrase
            if not cat:
                continue
            good = o.cable_ok if cat in ("distinctive", "edited") else o.false_attribution
            hit, total = out.get(cat, (0, 0))
            out[cat] = (hit + int(good), total + 1)
        return dict(sorted(out.items()))

    @property
    def status_accuracy(self) -> float:
        """Share of labelled statuses the tracer gives."""
        judged = [o for o in self.outcomes if o.case.status]
        return sum(o.status == o.case.status for o in judged) / len(judged) if judged else 1.0

    @property
    def positives(self) -> int:
        return len(self._positives())

    @property
    def negatives(self) -> int:
        return sum(1 for o in self.outcomes if not o.case.cable_id)

    @property
    def cable_accuracy(self) -> float:
        pos = self._positives()
        return sum(o.cable_ok for o in pos) / len(pos) if pos else 0.0

    @property
    def paragraph_accuracy(self) -> float:
        pos = self._positives()
        return sum(o.paragraph_ok for o in pos) / len(pos) if pos else 0.0

    @property
    def char_precision(self) -> float:
        predicted = sum(o.predicted_chars for o in self._positives())
        return sum(o.overlap for o in self._positives()) / predicted if predicted else 0.0

    @property
    def char_recall(self) -> float:
        truth = sum(o.truth_chars for o in self._positives())
        return sum(o.overlap for o in self._positives()) / truth if truth else 0.0

    @property
    def false_attributions(self) -> int:
        return sum(o.false_attribution for o in self.outcomes)

    @property
    def false_attribution_rate(self) -> float:
        return self.false_attributions / len(self.outcomes) if self.outcomes else 0.0

    def edit_detection(self) -> dict[str, tuple[int, int]]:
        """Generated quotations: edit kind (and the variant, when it has one: "omission (cut
        caveat)") -> (named, applied)."""
        out: dict[str, tuple[int, int]] = {}
        for o in self.outcomes:
            if o.edit_found is None or o.case.edit is None:
                continue
            key = o.case.edit if o.case.kind == o.case.edit else f"{o.case.edit} ({o.case.kind})"
            found, total = out.get(key, (0, 0))
            out[key] = (found + int(o.edit_found), total + 1)
        return dict(sorted(out.items()))

    def edit_kinds(self) -> dict[str, tuple[int, int, int]]:
        """Real labels: edit kind -> (named as labelled, labelled, named where no label is)."""
        out: dict[str, list[int]] = {}
        for o in self.outcomes:
            for label, found in o.labelled_edits:
                row = out.setdefault(label.kind, [0, 0, 0])
                row[0] += int(found)
                row[1] += 1
            for edit in o.spurious_edits:
                out.setdefault(edit.kind, [0, 0, 0])[2] += 1
        return {k: (v[0], v[1], v[2]) for k, v in sorted(out.items())}

    def by_group(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for o in self.outcomes:
            counts[o.case.group] = counts.get(o.case.group, 0) + 1
        return counts

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes
                if o.false_attribution
                or (o.case.cable_id and not o.paragraph_ok
                    and o.case.phrase not in ("edited", "common"))
                or o.edit_found is False
                or any(not found for _, found in o.labelled_edits) or o.spurious_edits]

    def as_dict(self) -> dict[str, object]:
        return {
            "quotations": len(self.outcomes), "by_group": self.by_group(),
            "positives": self.positives, "negatives": self.negatives,
            "cable_accuracy": round(self.cable_accuracy, 4),
            "paragraph_accuracy": round(self.paragraph_accuracy, 4),
            "char_precision": round(self.char_precision, 4),
            "char_recall": round(self.char_recall, 4),
            "false_attributions": self.false_attributions,
            "false_attribution_rate": round(self.false_attribution_rate, 4),
            "phrases": {k: list(v) for k, v in self.phrases().items()},
            "status_accuracy": round(self.status_accuracy, 4),
            "edit_kinds": {k: {"named": f, "labelled": t, "spurious": s}
                           for k, (f, t, s) in self.edit_kinds().items()},
            "edit_detection": {k: {"named": f, "applied": t, "rate": round(f / t, 4)}
                               for k, (f, t) in self.edit_detection().items()},
        }

    def __add__(self, other: Metrics) -> Metrics:
        return Metrics([*self.outcomes, *other.outcomes])


def _overlap(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> int:
    total = 0
    for s1, e1 in a:
        for s2, e2 in b:
            total += max(0, min(e1, e2) - max(s1, s2))
    return total


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _predicted_for(case: Case, quotes: list[TracedQuote]) -> TracedQuote | None:
    """The reported quotation that is this case: most overlap, then closest in length (a
    nested quotation and the quotation around it overlap it equally)."""
    best, best_key = None, (0, 0)
    for q in quotes:
        overlap = min(q.end, case.end) - max(q.start, case.start)
        key = (overlap, -abs((q.end - q.start) - (case.end - case.start)))
        if overlap > 0 and key > best_key:
            best, best_key = q, key
    if best is None or best_key[0] < 0.5 * (case.end - case.start):
        return None
    return best


def _touch(a1: int, a2: int, b1: int, b2: int) -> bool:
    """Two spans (either may be empty) overlap or meet within a character."""
    return b1 <= a2 + 1 and a1 <= b2 + 1


def _same_place(label: LabelEdit, edit: Edit) -> bool:
    if label.a_end > label.a_start and edit.a_end > edit.a_start:
        return _touch(label.a_start, label.a_end, edit.a_start, edit.a_end)
    if label.c_end > label.c_start and edit.c_end > edit.c_start:
        return _touch(label.c_start, label.c_end, edit.c_start, edit.c_end)
    return _touch(label.a_start, label.a_end, edit.a_start, edit.a_end)


def match_edits(labels: list[LabelEdit], edits: list[Edit]
                ) -> tuple[list[tuple[LabelEdit, bool]], list[Edit]]:
    """Each labelled edit with whether the tracer named it (same kind, same place); the
    tracer's edits no label accounts for (of any kind, at any labelled place or none)."""
    used: set[int] = set()
    judged = []
    for label in labels:
        hit = next((i for i, e in enumerate(edits) if i not in used and e.kind == label.kind
                    and _same_place(label, e)), None)
        if hit is not None:
            used.add(hit)
        judged.append((label, hit is not None))
    spurious = [e for i, e in enumerate(edits) if i not in used
                and not any(_same_place(label, e) for label in labels)]
    return judged, spurious


def _paragraphs_ok(case: Case, match: Match) -> bool:
    got = sorted({p for p in match.paragraphs if p is not None}, key=str)
    wanted = [sorted({p for p in case.paragraphs if p is not None}, key=str)]
    wanted += [sorted({p for p in paras if p is not None}, key=str)
               for cable, paras in case.also if cable == match.cable_id]
    if not got and None in case.paragraphs:  # the header block (a subject line)
        return None in match.paragraphs
    return got in wanted


def judge(case: Case, quote: TracedQuote | None) -> Outcome:
    """How the tracer did on one labelled quotation."""
    matches: list[Match] = quote.matches if quote else []
    status = quote.status if quote else "unmatched"
    reason = quote.rarity.reason if quote is not None and quote.rarity else None
    top = matches[0] if matches else None
    predicted = top.cable_id if top else None
    if not case.cable_id:
        return Outcome(case, predicted, status, False, False, predicted is not None, None,
                       reason=reason)
    tied = [m for m in matches if top is not None and m.score >= top.score - 1e-9]
    mine = next((m for m in tied if m.cable_id == case.cable_id), None)
    cable_ok = mine is not None
    paragraph_ok = mine is not None and _paragraphs_ok(case, mine)
    edit_found = None
    if case.edit is not None:
        edit_found = mine is not None and any(e.kind == case.edit for e in mine.edits)
    labelled: list[tuple[LabelEdit, bool]] = []
    spurious: list[Edit] = []
    if case.edits is not None:
        labelled, spurious = match_edits(case.edits, mine.edits if mine else [])
    truth = _merge(case.spans)
    predicted_spans = _merge([(s.cable_start, s.cable_end) for s in mine.segments]) if mine else []
    return Outcome(case, predicted, status, cable_ok, paragraph_ok,
                   predicted is not None and not cable_ok, edit_found,
                   _overlap(predicted_spans, truth),
                   sum(e - s for s, e in predicted_spans), sum(e - s for s, e in truth),
                   labelled, spurious, reason)


def evaluate(tracer: Tracer, articles: Iterable[EvalArticle]) -> Metrics:
    """Trace every article and judge every labelled quotation in it."""
    metrics = Metrics()
    for item in articles:
        report = tracer.trace(item.article)
        for case in item.cases:
            metrics.outcomes.append(judge(case, _predicted_for(case, report.quotes)))
    return metrics


def table(metrics: Metrics) -> str:
    """A plain-text summary for people (bench/quotes_eval.py prints it)."""
    lines = [
        f"quotations {len(metrics.outcomes)} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(metrics.by_group().items())) + ")"]
    if metrics.positives:
        lines += [
            f"cable accuracy      {metrics.cable_accuracy:7.2%}   (target >= 98%)",
            f"paragraph accuracy  {metrics.paragraph_accuracy:7.2%}   (target >= 98%)",
            f"char precision      {metrics.char_precision:7.2%}",
            f"char recall         {metrics.char_recall:7.2%}"]
    lines += [
        f"false attributions  {metrics.false_attributions} = "
        f"{metrics.false_attribution_rate:.2%}   (target < 1%)",
        f"labelled statuses   {metrics.status_accuracy:7.2%}",
    ]
    phrases = metrics.phrases()
    if phrases:
        lines.append("short phrases:")
        for cat, (hit, total) in phrases.items():
            what = {"distinctive": "found (target >= 90%)",
                    "edited": "found (not word for word; no target)",
                    "common": "attributed to a cable (should be 0)",
                    "scare": "attributed to a cable (target 0)"}[cat]
            lines.append(f"  {cat:12s} {hit:3d}/{total:<3d} {what}")
    kinds = metrics.edit_kinds()
    if kinds:
        lines.append(f"edit kinds on real labels (target >= 90% with >= {TARGET_KIND_EXAMPLES} "
                     "examples):")
        for kind, (found, total, spurious) in kinds.items():
            rate = f"{found / total:7.2%}" if total else "       "
            target = "" if total >= TARGET_KIND_EXAMPLES else "  (too few for a target)"
            lines.append(f"  {kind:24s} {found:3d}/{total:<3d} {rate}  named unlabelled "
                         f"{spurious}{target if total else ''}")
    generated = metrics.edit_detection()
    if generated:
        lines.append("edit kinds on generated quotations (target >= 90% each):")
        for kind, (found, total) in generated.items():
            lines.append(f"  {kind:24s} {found:3d}/{total:<3d} {found / total:7.2%}")
    return "\n".join(lines)
