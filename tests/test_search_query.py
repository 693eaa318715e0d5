"""The query language parser: trees, errors with positions, and properties over any input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablescope.errors import QueryError
from cablescope.search.query import (
    FIELDS,
    And,
    Field,
    Literal,
    Node,
    Not,
    Or,
    Phrase,
    Word,
    exact,
    parse,
    unparse,
)


def test_words_phrases_and_implicit_and() -> None:
    assert parse('"markedly different" sarkozy') == And(
        (Phrase("markedly different"), Word("sarkozy")))
    assert parse("sarko*") == Word("sarko", prefix=True)
    assert parse('"nicolas sark"*') == Phrase("nicolas sark", prefix=True)
    assert parse("“markedly different”") == Phrase("markedly different")  # curly quotes


def test_operators_precedence_and_negation() -> None:
    assert parse("kouchner AND (iraq OR afghanistan) NOT darfur") == And((
        Word("kouchner"), Or((Word("iraq"), Word("afghanistan"))), Not(Word("darfur"))))
    # AND (explicit or not) binds tighter than OR
    assert parse("a OR b c") == Or((Word("a"), And((Word("b"), Word("c")))))
    assert parse("-darfur") == Not(Word("darfur"))
    assert parse("and or not") == And((Word("and"), Word("or"), Word("not")))  # lower case
    assert parse("U.S.-France") == Word("U.S.-France")  # a hyphen inside a word is no NOT


def test_fields() -> None:
    tree = parse('tag:PREL origin:"Embassy Paris" from:2006-01 to:2007-06 class:SECRET*')
    assert tree == And((
        Field("tag", "PREL"), Field("origin", "Embassy Paris"),
        Field("from", "2006-01", low="2006-01-01", high="2006-01-31"),
        Field("to", "2007-06", low="2007-06-01", high="2007-06-30"),
        Field("class", "SECRET", prefix=True)))
    assert parse("TAG:prel") == Field("tag", "prel")  # field names in any case
    assert parse("year:2008") == Field("year", "2008", low="2008-01-01", high="2008-12-31")
    assert parse("to:2008-02") == Field("to", "2008-02", low="2008-02-01", high="2008-02-29")
    assert parse("marking:(S/NF)") == Field("marking", "(S/NF)")
    assert set(FIELDS) == {"id", "tag", "origin", "class", "marking", "caveat", "signer",
                           "from", "to", "year", "subject", "ref"}


def test_exact_literals() -> None:
    assert parse("=U.S.-France") == Literal("U.S.-France")
    assert parse('="U.S. - France" tag:FR') == And((Literal("U.S. - France"), Field("tag", "FR")))
    assert parse("(=U.S.-France OR x)") == Or((Literal("U.S.-France"), Word("x")))
    assert parse("=1.4(b)") == Literal("1.4(b)")  # parentheses that close nothing are text
    assert exact("=U.S.-France") == Literal("U.S.-France")
    assert exact("a b (c") == Literal("a b (c")


@pytest.mark.parametrize(("query", "position", "words"), [
    ('"markedly different', 0, "unbalanced quote"),
    ('sarkozy "markedly', 8, "unbalanced quote"),
    ("colour:red", 0, "unknown field 'colour:'"),
    ("iraq author:smith", 5, "unknown field 'author:'"),
    ("from:2006-13", 5, "bad date '2006-13'"),
    ("to:2007-02-30", 3, "bad date '2007-02-30'"),
    ("from:yesterday", 5, "bad date 'yesterday'"),
    ("year:06", 5, "bad year '06'"),
    ("(iraq OR iran", 0, "'(' is never closed"),
    ("iraq)", 4, "')' closes nothing"),
    ("()", 0, "empty parentheses"),
    ("iraq AND", 5, "AND needs a term after it"),
    ("OR iraq", 0, "OR needs a term before it"),
    ("iraq OR OR iran", 8, "OR is followed by OR"),
    ("tag:", 4, "'tag:' needs a value"),
    ("sar*kozy", 3, "'*' may only end a word"),
    ("= x", 0, "empty exact string"),
    ("", 0, "empty query"),
    ("   ", 0, "empty query"),
    ("from:2006*", 5, "takes a date, not a prefix"),
])
def test_errors_name_the_position(query: str, position: int, words: str) -> None:
    with pytest.raises(QueryError) as info:
        parse(query)
    assert info.value.position == position
    assert words in str(info.value)
    # the message shows the query with a caret under the position
    assert f"\n  {query}\n  {' ' * position}^" in str(info.value)


def test_size_is_bounded() -> None:
    with pytest.raises(QueryError, match="too many terms") as info:
        parse(" ".join(f"w{i}" for i in range(100)))
    assert info.value.position == len(" ".join(f"w{i}" for i in range(64))) + 1


def test_nesting_is_bounded() -> None:
    with pytest.raises(QueryError, match="nests deeper"):
        parse("(" * 500 + "x" + ")" * 500)
    with pytest.raises(QueryError, match="nests deeper"):
        parse("NOT " * 500 + "x")


# --- properties -----------------------------------------------------------------------------------

QUERYISH = st.text(alphabet=st.sampled_from(list('abcXYZé ()"“”=*:-./\\AND OR NOT tag:from:2006-')),
                   max_size=40)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=60), QUERYISH))
def test_parser_never_crashes(text: str) -> None:
    """Any string gives a tree or a QueryError whose position lies within the query."""
    try:
        tree = parse(text)
    except QueryError as exc:
        assert 0 <= exc.position <= len(text)
        return
    # what parses prints back to a query that parses to the same text again
    assert unparse(parse(unparse(tree))) == unparse(tree)


_word_text = st.text(alphabet=st.sampled_from(list("abcdéXYZ019")), min_size=1, max_size=8)
_free_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1,
                     max_size=12).filter(lambda s: s.strip() == s and s.strip())
_dates = st.dates().filter(lambda d: d.year >= 1000).map(lambda d: d.isoformat())


def _leaf() -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(Word, _word_text.filter(lambda w: w not in ("AND", "OR", "NOT")), st.booleans()),
        st.builds(Phrase, _free_text, st.booleans()),
        st.builds(Literal, _free_text),
        st.builds(lambda n, v, p: Field(n, v, p), st.sampled_from(["tag", "origin", "subject"]),
                  _free_text, st.booleans()),
        _dates.map(lambda d: Field("from", d, low=d, high=d)),
    )


TREES = st.recursive(
    _leaf(),
    lambda kids: st.one_of(
        st.lists(kids, min_size=2, max_size=3).map(lambda k: And(tuple(k))),
        st.lists(kids, min_size=2, max_size=3).map(lambda k: Or(tuple(k))),
        kids.map(Not),
    ),
    max_leaves=8,
)


@settings(max_examples=300)
@given(TREES)
def test_unparse_round_trips(tree: Node) -> None:
    assert parse(unparse(tree)) == tree


def test_public_api_is_exported() -> None:
    """`__all__` lists exactly the public names of `cablescope.search` (submodules aside)."""
    import types

    import cablescope.search as api

    public = {name for name, value in vars(api).items()
              if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    assert sorted(api.__all__) == sorted(public)


def test_a_long_query_is_shown_around_the_error() -> None:
    """A 3,000-character query came back whole, twice over the screen; the message now shows
    76 characters around the position, the caret under the character, line ends as spaces."""
    query = "x" * 300 + " (abc " + "y" * 300
    with pytest.raises(QueryError) as info:
        parse(query)
    position = info.value.position
    assert query[position] == "("
    _, shown, caret = str(info.value).split("\n")
    assert len(shown) <= 2 + QueryError.WINDOW + 2
    assert shown.startswith("  …") and shown.endswith("…")
    assert shown[caret.index("^")] == "("
    with pytest.raises(QueryError) as info:
        parse('tag:PREL\n"open')
    _, shown, caret = str(info.value).split("\n")
    assert shown == '  tag:PREL "open' and shown[caret.index("^")] == '"'
