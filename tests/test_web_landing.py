"""Where a search hit leads on the real corpus: the anchor of the paragraph it showed, which the
cable page gives that paragraph, for numbers printed twice too (247 cables of the corpus print
some paragraph number twice: multi-part cables, a year read as a number)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cablescope.store import Store
from cablescope.web.pages import laid_out
from cablescope.web.searching import highlighter, hit_links, run_search

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def store(real_db: Path) -> Iterator[Store]:
    with Store.open(real_db, readonly=True) as opened:
        yield opened


def test_every_hit_link_names_an_anchor_of_its_paragraph(store: Store) -> None:
    twice = store.connection.execute(
        "SELECT cable_id, number, min(seq), max(seq) FROM paragraphs WHERE number IS NOT NULL "
        "GROUP BY cable_id, number HAVING count(*) > 1 ORDER BY cable_id, number LIMIT 40"
    ).fetchall()
    assert len(twice) == 40
    hits = [{"id": cable, "paragraph": number, "seq": seq}
            for cable, number, first, last in twice for seq in (first, last)]
    links = hit_links(store, hits, "ambassador", exact=False)
    for hit, link in zip(hits, links, strict=True):
        path, _, anchor = link.partition("#")
        assert path == f"/cable/{hit['id']}?q=ambassador"
        paragraphs = laid_out(store.cable(hit["id"])["paragraphs"])
        by_anchor = {p["anchor"]: p for p in paragraphs}
        assert by_anchor[anchor]["seq"] == hit["seq"], (hit, anchor)
    firsts = [link.rsplit("#", 1)[1] for link in links[::2]]
    assert all(a.startswith("p") for a in firsts) and all(
        link.rsplit("#", 1)[1].startswith("s") for link in links[1::2])


def test_the_words_marked_are_the_words_the_snippet_marked(store: Store) -> None:
    """For the first page of three searches, each hit's snippet highlights are found, with the
    same words, in the paragraph the link lands on."""
    for q, exact in (("sarkozy", False), ('"markedly different"', False),
                     ("U.S.-France", True)):
        result = run_search(store, q, exact=exact)
        marker = highlighter(q, exact)
        assert marker is not None and result["hits"]
        for hit in result["hits"]:
            text = next(p["text"] for p in store.cable(hit["id"])["paragraphs"]
                        if p["seq"] == hit["seq"])
            marked = {text[a:b].lower() for a, b in marker.matches(text)}
            shown = {hit["snippet"][a:b].lower() for a, b in hit["highlights"]}
            assert shown and shown <= {" ".join(m.split()) for m in marked}, (q, hit["id"])
    assert highlighter('"unbalanced') is None and highlighter("tag:PREL") is None
    assert highlighter("sarkozy -chirac").matches("Chirac and Sarkozy") == [(11, 18)]
