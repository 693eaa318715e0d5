"""The search engine on a small hand-made database whose every answer is known.

Real-corpus answers are in test_search_real.py; the parser alone in test_search_query.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablescope.errors import QueryError
from cablescope.parse.model import Cable, Paragraph, Reference
from cablescope.search import iter_hits, search
from cablescope.sources.record import RawRecord
from cablescope.store import Store

HEADER = "C O N F I D E N T I A L\n\nSIPDIS\n\nSUBJECT: {subject}\n"


def _cable(cid: str, created: str, origin: str, classification: str, subject: str,
           paragraphs: list[tuple[int | None, str | None, str]], *, tags: tuple[str, ...] = (),
           refs: tuple[str, ...] = (), caveats: tuple[str, ...] = (),
           signers: tuple[str, ...] = ()) -> tuple[RawRecord, Cable]:
    """A cable whose text is its header then its paragraphs, offsets consistent."""
    blocks = [(None, None, HEADER.format(subject=subject)), *paragraphs]
    text, paras = "", []
    for seq, (number, marking, body) in enumerate(blocks):
        if number is not None:
            body = f"¶{number}. ({marking}) {body}"
        start = len(text)
        text += body + "\n\n"
        paras.append(Paragraph(seq, number, marking, body, start, start + len(body)))
    cable = Cable(
        id=cid, raw_id=cid, text=text, created=created, origin=origin,
        classification=classification, subject=subject, caveats=list(caveats),
        tags=list(tags), subject_tags=[t for t in tags if len(t) == 4],
        geo_tags=[t for t in tags if len(t) == 2], paragraphs=paras,
        references=[Reference(raw=r, cable_id=r) for r in refs], signers=list(signers))
    return RawRecord("hand-made", cid, "text", text, meta={"id": cid}), cable


CABLES = [
    _cable("06PARIS5974", "2006-09-05 16:52", "Embassy Paris", "CONFIDENTIAL",
           "FRENCH ELECTION 2007: NICOLAS SARKOZY -- THE CANDIDATE", [
               (1, "C", "He is a markedly different presidential heavyweight, bringing a new\n"
                        "tone to U.S.-French relations."),
               (2, "U", "Sarkozy remains the best positioned of the many contenders."),
           ], tags=("PGOV", "FR"), refs=("05PARIS5232",), caveats=("SIPDIS",),
           signers=("STAPLETON",)),
    _cable("07PARIS100", "2007-01-10 09:00", "Embassy Paris", "SECRET//NOFORN",
           "KOUCHNER ON IRAQ", [
               (1, "S/NF", "FM Kouchner discussed Iraq and U.S.-France cooperation."),
               (2, "C", "On Afghanistan, the Élysée wants “more time”."),
           ], tags=("PREL", "IZ", "FR"), refs=("06PARIS5974", "05PARIS5232"),
           caveats=("NOFORN", "SIPDIS"), signers=("STAPLETON",)),
    _cable("07BAGHDAD200", "2007-06-30 12:00", "Embassy Baghdad", "UNCLASSIFIED",
           "VISIT OF THE FRENCH MINISTER", [
               (1, "U", "Kouchner arrived on Tuesday."),
               (2, "U", "Iraq and Darfur were on the agenda; U.S. - France ties were praised."),
           ], tags=("PREL", "IZ"), refs=("07PARIS100",), signers=("CROCKER",)),
    _cable("05MADRID50", "2005-02-01 08:00", "Embassy Madrid", "CONFIDENTIAL",
           "SPAIN AND THE ELYSEE", [
               (1, "C", "THE ELYSEE IS MARKEDLY COOL TOWARD MADRID."),
               (2, "C", "A DIFFERENT VIEW PREVAILS IN THE MINISTRY; EU.S.-France is a typo."),
           ], tags=("PREL", "SP")),
    _cable("08LONDON1", "2008-03-03 10:00", "Embassy London", "UNCLASSIFIED",
           "UNNUMBERED NOTE", [(None, None, "A short note about the Sarkozy’s visit.")],
           tags=("UK",)),
]


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path: Path = tmp_path_factory.mktemp("search") / "small.db"
    with Store.open(path) as store:
        for record, cable in CABLES:
            store.add(record, cable)
    with Store.open(path, readonly=True) as store:
        yield store.connection


def ids(conn: sqlite3.Connection, query: str, **options: object) -> list[str]:
    result = search(conn, query, limit=100, **options)  # type: ignore[arg-type]
    assert result.total == len(result.hits)
    return sorted({h.id for h in result.hits})


def test_words_phrases_and_folding(conn: sqlite3.Connection) -> None:
    assert ids(conn, '"markedly different"') == ["06PARIS5974"]
    # as words, both cables: Madrid has them in different paragraphs
    assert ids(conn, "markedly different") == ["05MADRID50", "06PARIS5974"]
    assert ids(conn, "markedly different", level="paragraph") == ["06PARIS5974"]
    assert ids(conn, "“markedly different”") == ["06PARIS5974"]  # curly quotes
    assert ids(conn, "Elysée") == ["05MADRID50", "07PARIS100"]  # accents and case fold
    assert ids(conn, "ELYSEE") == ["05MADRID50", "07PARIS100"]
    assert ids(conn, "sarko*") == ["06PARIS5974", "08LONDON1"]


def test_boolean_operators(conn: sqlite3.Connection) -> None:
    q = "kouchner AND (iraq OR afghanistan) NOT darfur"
    assert ids(conn, q) == ["07PARIS100"]
    assert ids(conn, "kouchner iraq") == ["07BAGHDAD200", "07PARIS100"]
    # within one paragraph only Paris has both
    assert ids(conn, "kouchner iraq", level="paragraph") == ["07PARIS100"]
    assert ids(conn, "darfur OR madrid") == ["05MADRID50", "07BAGHDAD200"]
    assert ids(conn, "-kouchner -sarkozy") == ["05MADRID50"]
    assert ids(conn, "NOT tag:PREL") == ["06PARIS5974", "08LONDON1"]
    assert ids(conn, "kouchner OR tag:SP") == ["05MADRID50", "07BAGHDAD200", "07PARIS100"]


def test_fields(conn: sqlite3.Connection) -> None:
    assert ids(conn, "tag:prel") == ["05MADRID50", "07BAGHDAD200", "07PARIS100"]
    assert ids(conn, 'origin:"Embassy Paris"') == ["06PARIS5974", "07PARIS100"]
    assert ids(conn, "origin:paris") == ["06PARIS5974", "07PARIS100"]
    assert ids(conn, "origin:par") == []  # words, not substrings
    assert ids(conn, "origin:bagh*") == ["07BAGHDAD200"]
    assert ids(conn, "class:CONFIDENTIAL") == ["05MADRID50", "06PARIS5974"]
    assert ids(conn, "class:SECRET*") == ["07PARIS100"]
    assert ids(conn, "caveat:noforn") == ["07PARIS100"]
    assert ids(conn, "signer:stapleton") == ["06PARIS5974", "07PARIS100"]
    assert ids(conn, "from:2007 to:2007-06") == ["07BAGHDAD200", "07PARIS100"]
    assert ids(conn, "to:2007-06-29") == ["05MADRID50", "06PARIS5974", "07PARIS100"]
    assert ids(conn, "year:2005") == ["05MADRID50"]
    assert ids(conn, "subject:sarkozy") == ["06PARIS5974"]
    assert ids(conn, 'subject:"french minister"') == ["07BAGHDAD200"]
    assert ids(conn, "subject:elysée") == ["05MADRID50"]
    assert ids(conn, "ref:05PARIS5232") == ["06PARIS5974", "07PARIS100"]
    assert ids(conn, "ref:06PARIS5974") == ["07PARIS100"]
    assert ids(conn, "id:07*") == ["07BAGHDAD200", "07PARIS100"]
    assert ids(conn, "id:07paris100") == ["07PARIS100"]


def test_marking_by_level(conn: sqlite3.Connection) -> None:
    result = search(conn, "marking:S/NF iraq", level="paragraph")
    assert [h.address for h in result.hits] == ["07PARIS100¶1"]
    assert ids(conn, "marking:C") == ["05MADRID50", "06PARIS5974", "07PARIS100"]
    # cable level: a C paragraph somewhere, Afghanistan somewhere
    assert ids(conn, "marking:C afghanistan") == ["07PARIS100"]
    assert ids(conn, "marking:(U) afghanistan", level="paragraph") == []


def test_exact_mode(conn: sqlite3.Connection) -> None:
    # token search reads U.S.-France as the words u s france, in any punctuation
    assert ids(conn, "U.S.-France") == ["07BAGHDAD200", "07PARIS100"]
    # exact: the literal itself; EU.S.-France does not count (the literal starts a word)
    assert ids(conn, "=U.S.-France") == ["07PARIS100"]
    assert ids(conn, "U.S.-France", exact_mode=True) == ["07PARIS100"]
    assert ids(conn, "=U.S.-Fr") == ["06PARIS5974", "07PARIS100"]  # open end: a prefix
    assert ids(conn, "=u.s.-france") == []  # case counts
    assert ids(conn, '="U.S. - France"') == ["07BAGHDAD200"]
    assert ids(conn, "=Sarkozy's") == ["08LONDON1"]  # straight finds curly
    assert ids(conn, '="more time"') == ["07PARIS100"]
    assert ids(conn, "=S/NF") == ["07PARIS100"]
    assert ids(conn, "=.-") == ["05MADRID50", "06PARIS5974", "07PARIS100"]  # no token: scan


def test_hits_carry_address_snippet_and_fields(conn: sqlite3.Connection) -> None:
    result = search(conn, '"markedly different" U.S.-French', markers=("[", "]"))
    (hit,) = result.hits
    assert hit.id == "06PARIS5974"
    assert hit.address == "06PARIS5974¶1" and hit.paragraph == 1 and hit.seq == 1
    assert "[markedly different]" in hit.snippet and "[U.S.-French]" in hit.snippet
    assert "\n" not in hit.snippet
    assert (hit.created, hit.origin, hit.classification) == (
        "2006-09-05 16:52", "Embassy Paris", "CONFIDENTIAL")
    assert hit.subject.startswith("FRENCH ELECTION 2007")
    assert hit.score > 0
    unnumbered = search(conn, "note").hits[0]
    assert unnumbered.id == "08LONDON1" and unnumbered.address is None
    filtered = search(conn, "tag:SP").hits[0]
    assert filtered.address == "05MADRID50¶1" and filtered.score == 0.0


def test_ranking_and_sorting(conn: sqlite3.Connection) -> None:
    ranked = search(conn, "kouchner iraq").hits
    assert ranked[0].score >= ranked[1].score
    newest = [h.id for h in search(conn, "tag:PREL", sort="newest").hits]
    assert newest == ["07BAGHDAD200", "07PARIS100", "05MADRID50"]
    oldest = [h.id for h in search(conn, "tag:PREL", sort="oldest").hits]
    assert oldest == newest[::-1]


def test_paging_and_total(conn: sqlite3.Connection) -> None:
    everything = [h.id for h in search(conn, "NOT nothingatall", sort="oldest").hits]
    assert len(everything) == 5
    page = search(conn, "NOT nothingatall", sort="oldest", limit=2, offset=2)
    assert page.total == 5 and [h.id for h in page.hits] == everything[2:4]
    assert [h.id for h in iter_hits(conn, "NOT nothingatall", sort="oldest", batch=2)] == \
        everything


def test_facets_count_every_hit(conn: sqlite3.Connection) -> None:
    result = search(conn, "kouchner OR madrid", limit=1,
                    facets=["origin", "year", "tag", "classification", "marking"])
    assert result.total == 3 and len(result.hits) == 1
    as_dict = {name: {v.value: v.count for v in values}
               for name, values in result.facets.items()}
    assert as_dict["origin"] == {"Embassy Paris": 1, "Embassy Baghdad": 1, "Embassy Madrid": 1}
    assert as_dict["year"] == {2005: 1, 2007: 2}
    assert as_dict["tag"] == {"PREL": 3, "IZ": 2, "FR": 1, "SP": 1}
    assert as_dict["classification"] == {"CONFIDENTIAL": 1, "SECRET//NOFORN": 1,
                                         "UNCLASSIFIED": 1}
    assert as_dict["marking"] == {"C": 2, "U": 1, "S/NF": 1}
    # paragraph level counts paragraphs; the unmarked header of 07PARIS100 (its SUBJECT line
    # names Kouchner) counts under None
    paragraphs = search(conn, "kouchner OR madrid", level="paragraph", facets=["marking"])
    assert paragraphs.total == 4
    assert {v.value: v.count for v in paragraphs.facets["marking"]} == {
        "S/NF": 1, "U": 1, "C": 1, None: 1}


def test_warnings_and_errors(conn: sqlite3.Connection) -> None:
    result = search(conn, "kouchner -- iraq")
    assert result.total == 2
    assert any("ignored '--'" in w for w in result.warnings)
    empty = search(conn, "kouchner tag:NOSUCHTAG")
    assert empty.total == 0
    assert empty.warnings == ["tag:NOSUCHTAG matches nothing by itself"]
    # each bound matches cables alone, never both: said, instead of a silent 0
    crossed = search(conn, "from:2009 kouchner to:2007-06")
    assert crossed.total == 0
    assert "from:2009 is after to:2007-06: no date is in both" in crossed.warnings
    assert search(conn, "from:2007 to:2007").warnings == []
    with pytest.raises(QueryError) as info:
        search(conn, "-- ..")
    assert info.value.position == 0
    with pytest.raises(QueryError, match="prefix too short"):
        search(conn, "s*")
    with pytest.raises(ValueError, match="sort"):
        search(conn, "x", sort="best")
    with pytest.raises(ValueError, match="facet"):
        search(conn, "x", facets=["colour"])


# --- the compiler against a brute-force reading of the same queries -------------------------------

VOCABULARY = ["kouchner", "iraq", "sarkozy", "madrid", "elysee", "different", "markedly",
              "darfur", "note", "the", "minister", "afghanistan"]
FIELD_LEAVES = ["tag:PREL", "tag:FR", "origin:paris", "year:2007", "class:CONFIDENTIAL",
                "marking:C", "ref:05PARIS5232"]


def _truth(tree: object, cable: Cable, paragraph: Paragraph | None) -> bool:
    """What a query means, evaluated directly: at cable level (`paragraph` None) a word is in
    any paragraph of the cable; at paragraph level, in that paragraph."""
    from cablescope.search.query import And, Field, Not, Or, Word
    from cablescope.search.text import tokens

    blocks = cable.paragraphs if paragraph is None else [paragraph]
    if isinstance(tree, Word):
        return any(tree.text in tokens(p.text) for p in blocks)
    if isinstance(tree, Field):
        if tree.name == "tag":
            return tree.value in cable.tags
        if tree.name == "origin":
            return "paris" in (cable.origin or "").lower().split()
        if tree.name == "year":
            return (cable.created or "").startswith(tree.value)
        if tree.name == "class":
            return cable.classification == tree.value
        if tree.name == "marking":
            return any(p.marking == tree.value for p in blocks)
        return any(r.cable_id == tree.value for r in cable.references)
    if isinstance(tree, Not):
        return not _truth(tree.child, cable, paragraph)
    if isinstance(tree, And):
        return all(_truth(c, cable, paragraph) for c in tree.children)
    assert isinstance(tree, Or)
    return any(_truth(c, cable, paragraph) for c in tree.children)


_LEAF_TEXT = st.sampled_from(VOCABULARY + FIELD_LEAVES)
QUERIES = st.recursive(
    _LEAF_TEXT,
    lambda kids: st.one_of(
        st.lists(kids, min_size=2, max_size=3).map(lambda k: "(" + " ".join(k) + ")"),
        st.lists(kids, min_size=2, max_size=3).map(lambda k: "(" + " OR ".join(k) + ")"),
        kids.map(lambda k: f"NOT {k}"),
    ),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES, st.sampled_from(["cable", "paragraph"]))
def test_any_boolean_query_finds_what_it_says(conn: sqlite3.Connection, query: str,
                                              level: str) -> None:
    from cablescope.search.query import parse

    tree = parse(query)
    if level == "cable":
        expected = sorted(c.id for _, c in CABLES if _truth(tree, c, None))
        got = sorted(h.id for h in search(conn, query, level="cable", limit=100).hits)
    else:
        expected = sorted((c.id, p.seq) for _, c in CABLES for p in c.paragraphs
                          if _truth(tree, c, p))
        got = sorted((h.id, h.seq) for h in search(conn, query, level="paragraph",
                                                      limit=1000).hits)
    assert got == expected


def test_subject_index_follows_new_versions(tmp_path: Path) -> None:
    """The writer replaces a cable's row for a newer version; `subject:` must follow."""
    record, cable = _cable("09ROME1", "2009-01-01 10:00", "Embassy Rome", "UNCLASSIFIED",
                           "OLD TITLE ABOUT PASTA", [(1, "U", "Pasta.")])
    newer, cable2 = _cable("09ROME1", "2009-01-01 10:00", "Embassy Rome", "UNCLASSIFIED",
                           "NEW TITLE ABOUT PIZZA", [(1, "U", "Pizza.")])
    newer = RawRecord(newer.source, newer.locator, newer.format, newer.text,
                      meta={"id": "09ROME1", "seen": "2011-01-01"})
    path = tmp_path / "versions.db"
    with Store.open(path) as store:
        store.add(record, cable)
        store.add(newer, cable2)
    with Store.open(path, readonly=True) as store:
        conn = store.connection
        assert ids(conn, "subject:pizza") == ["09ROME1"]
        assert ids(conn, "subject:pasta") == []
        assert ids(conn, "pizza") == ["09ROME1"] and ids(conn, "pasta") == []
        (entries,) = conn.execute("SELECT count(*) FROM search_subjects").fetchone()
        assert entries == 1


QUERY_CHARS = 'ab é"“*:=()-/\\\x00AND OR NOT tag:year:2007'


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=40),
                 st.text(alphabet=st.sampled_from(list(QUERY_CHARS)), max_size=30)),
       st.booleans(), st.sampled_from(["cable", "paragraph"]))
def test_any_text_gives_hits_or_a_query_error(conn: sqlite3.Connection, text: str,
                                              exact_mode: bool, level: str) -> None:
    try:
        result = search(conn, text, level=level, exact_mode=exact_mode, facets=["tag"])
    except QueryError as exc:
        assert 0 <= exc.position <= len(text)
        return
    assert result.total >= len(result.hits)
