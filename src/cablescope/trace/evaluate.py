"""Score a tracer on an evaluation set (`evalset`): the measures of the design (docs/trace.md).

- cable accuracy: quotations with a source whose best match is that cable (a cable holding the
  very same words with the same score counts too: the corpus has duplicates);
- paragraph accuracy: ... and whose aligned paragraphs are exactly the labelled ones;
- character precision and recall of the alignment (PAN text-alignment style): the cable
  characters the segments cover against those really quoted;
- per edit kind, the share of applied edits that are named;
- false attribution rate: quotations pinned on a cable they do not come from (negatives matched
  at all, positives matched to another cable), over all quotations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cablescope.trace.evalset import Case, EvalArticle
from cablescope.trace.report import Match, TracedQuote
from cablescope.trace.tracer import Tracer


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


@dataclass(slots=True)
class Metrics:
    outcomes: list[Outcome] = field(default_factory=list)

    def _positives(self) -> list[Outcome]:
        """Quotations with a source, short phrases apart (reported on their own)."""
        return [o for o in self.outcomes if o.case.cable_id and o.case.group != "phrase"]

    @property
    def phrases(self) -> tuple[int, int]:
        """Short phrases from a cable: (found, labelled)."""
        found = [o for o in self.outcomes if o.case.group == "phrase" and o.case.cable_id]
        return sum(o.cable_ok for o in found), len(found)

    @property
    def status_accuracy(self) -> float:
        """Share of labelled statuses (real articles) the tracer gives."""
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
        """Edit kind -> (named, applied)."""
        out: dict[str, tuple[int, int]] = {}
        for o in self.outcomes:
            if o.edit_found is None or o.case.edit is None:
                continue
            found, total = out.get(o.case.edit, (0, 0))
            out[o.case.edit] = (found + int(o.edit_found), total + 1)
        return dict(sorted(out.items()))

    def by_group(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for o in self.outcomes:
            counts[o.case.group] = counts.get(o.case.group, 0) + 1
        return counts

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes
                if o.false_attribution or (o.case.cable_id and not o.paragraph_ok)
                or o.edit_found is False]

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
            "phrases_found": list(self.phrases),
            "status_accuracy": round(self.status_accuracy, 4),
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


def judge(case: Case, quote: TracedQuote | None) -> Outcome:
    """How the tracer did on one labelled quotation."""
    matches: list[Match] = quote.matches if quote else []
    status = quote.status if quote else "unmatched"
    top = matches[0] if matches else None
    predicted = top.cable_id if top else None
    if not case.cable_id:
        return Outcome(case, predicted, status, False, False, predicted is not None, None)
    tied = [m for m in matches if top is not None and m.score >= top.score - 1e-9]
    mine = next((m for m in tied if m.cable_id == case.cable_id), None)
    cable_ok = mine is not None
    paragraph_ok = cable_ok and mine is not None and sorted(
        {p for p in mine.paragraphs if p is not None}) == sorted(case.paragraphs)
    edit_found = None
    if case.edit is not None:
        edit_found = mine is not None and any(e.kind == case.edit for e in mine.edits)
    truth = _merge(case.spans)
    predicted_spans = _merge([(s.cable_start, s.cable_end) for s in mine.segments]) if mine else []
    return Outcome(case, predicted, status, cable_ok, paragraph_ok,
                   predicted is not None and not cable_ok, edit_found,
                   _overlap(predicted_spans, truth),
                   sum(e - s for s, e in predicted_spans), sum(e - s for s, e in truth))


def evaluate(tracer: Tracer, articles: Iterable[EvalArticle]) -> Metrics:
    """Trace every article and judge every labelled quotation in it."""
    metrics = Metrics()
    for item in articles:
        report = tracer.trace(item.article)
        for case in item.cases:
            metrics.outcomes.append(judge(case, _predicted_for(case, report.quotes)))
    return metrics


def table(metrics: Metrics) -> str:
    """A plain-text summary for people (bench/trace_eval.py prints it)."""
    lines = [
        f"quotations {len(metrics.outcomes)} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(metrics.by_group().items())) + ")",
        f"cable accuracy      {metrics.cable_accuracy:7.2%}   (target >= 98%)",
        f"paragraph accuracy  {metrics.paragraph_accuracy:7.2%}   (target >= 98%)",
        f"char precision      {metrics.char_precision:7.2%}",
        f"char recall         {metrics.char_recall:7.2%}",
        f"false attributions  {metrics.false_attributions} = "
        f"{metrics.false_attribution_rate:.2%}   (target < 1%)",
        f"short phrases found {metrics.phrases[0]}/{metrics.phrases[1]} (in cables the "
        "article points to; not a gate)",
        f"labelled statuses   {metrics.status_accuracy:7.2%}",
        "edit kinds named (target >= 90% each):",
    ]
    for kind, (found, total) in metrics.edit_detection().items():
        lines.append(f"  {kind:24s} {found:3d}/{total:<3d} {found / total:7.2%}")
    return "\n".join(lines)
