"""Tracing accuracy on every evaluation set (tests/test_trace_eval.py asserts the targets).

Usage (from the project root, with the project's virtualenv):

    .venv/bin/python bench/trace_eval.py --db /tmp/trace-real.db --split dev
    .venv/bin/python bench/trace_eval.py --db /tmp/trace-real.db --split test --failures

The database must hold the real corpus (`cablescope ingest ../shared/corpus/*.tar.xz`); the
trace index is built in it when missing. Runs each set's own evaluation on one split of the
real articles (tests/data/trace/split.json; tune on dev only):

- quotations (bench/quotes_eval.py): the hand-labelled real quotations and their edits, the
  short phrases, and, as additions, generated quotations and quotations of removed cables;

then traces the translated articles and says what is found there.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CABLESCOPE_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "articles" / "wikileaks-2010"
TRANSLATED = (
    "A-lista-secreta-de-compras-do.html", "Brasil-rejeitou-prisioneiros-de.html",
    "Cablegate-Telegramas-das.html", "De-olho-nas-Olimpiadas-US-faz.html",
    "Dilma-Rousseff-na-saude-e-na.html", "EUA-criticam-Plano-Nacional-de.html",
    "EUA-tentaram-usar-Saito-e-Jobim.html", "Em-segredo-Brasil-monitora-e.html",
    "Embaixada-se-aproxima-de.html", "Har-blir-vi-blasta.html", "Meu-amigo-Jobim.html",
    "O-presidente-e-o-embaixador.html", "Os-esforcos-dos-EUA-para-minar-a.html",
    "USA-bekraftar-svensk-Natokoppling.html", "Ville-ha-pr-hjalp.html",
    "WIKILEAKS-pristupil-k-publikacii.html", "Wikileaks-empieza-a-publicar.html",
    "Wikileaks-entame-la-publication-de.html", "ar-wikileaks-begins-publishing.html",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/trace-real.db"))
    parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    parser.add_argument("--failures", action="store_true", help="List every failure.")
    parser.add_argument("--json", type=Path, help="Also write the metrics as JSON here.")
    args = parser.parse_args()

    import quotes_eval
    from cablescope.store import Store
    from cablescope.trace import Tracer, read_article

    if not args.db.exists():
        print(f"no database at {args.db}: ingest the real corpus first", file=sys.stderr)
        return 1
    results: dict[str, object] = {
        "quotations": quotes_eval.run(args.db, args.split, args.failures)}
    results["translated"] = translated(args.db, read_article, Tracer, Store)
    results["translation"] = translation(args.db, Tracer, Store)
    import claims_eval  # bench/claims_eval.py: claims on the hand-labelled sentences

    for split in ("dev", "test"):
        results[f"claims ({split})"] = claims_eval.run(args.db, split, args.failures)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def translated(db: Path, read_article, tracer_cls, store_cls) -> list[dict[str, object]]:
    """Trace the translated articles: cables they name, quotes and claims found."""
    print("\n== translated articles (stretch: cross-language)")
    rows = []
    with store_cls.open(db, readonly=True) as store:
        tracer = tracer_cls(store.connection, str(db))
        for name in TRANSLATED:
            path = ARTICLES / name
            if not path.exists():
                continue
            report = tracer.trace(read_article(path))
            named = sorted({m.cable_id for m in report.mentions if m.cable_id})
            matched = [q for q in report.quotes if q.matches]
            quotes = [q for q in report.quotes if q.kind not in ("scare",)]
            claims_named = [c for c in report.claims
                            if c.matches and c.matches[0].cable_id in named]
            row = {"article": name, "language": report.language, "cables_named": named,
                   "quotes": len(quotes), "quotes_matched": len(matched),
                   "matched": [(q.status, q.matches[0].cable_id, q.matches[0].paragraphs)
                               for q in matched],
                   "claims": len(report.claims),
                   "claims_to_named_cables": len(claims_named)}
            rows.append(row)
            print(f"  {name} [{report.language}] names {', '.join(named) or '-'}; "
                  f"{len(matched)}/{len(quotes)} quotes matched; "
                  f"{len(claims_named)}/{len(report.claims)} claims point at a named cable")
    return rows


def translation(db: Path, tracer_cls, store_cls) -> dict[str, object]:
    """The labelled translated quotations (bench/translation_eval.py), dev and test."""
    from translation_eval import evaluate

    print("\n== quotations in translation (tests/data/trace/translated)")
    out: dict[str, object] = {}
    with store_cls.open(db, readonly=True) as store:
        tracer = tracer_cls(store.connection, str(db))
        for split in ("dev", "test"):
            metrics = evaluate(tracer, store.connection, split).as_dict()
            out[split] = metrics
            print(f"  {split}: {metrics['traced to the right paragraph']} of "
                  f"{metrics['translated quotations of a cable']} at the right paragraph, "
                  f"{metrics['made-up attributed']} of {metrics['made-up quotations']} made-up "
                  f"and {metrics['of those attributed']} of "
                  f"{metrics['real quotations of no cable']} non-cable ones attributed")
    return out


if __name__ == "__main__":
    sys.exit(main())
