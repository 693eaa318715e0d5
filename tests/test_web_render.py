"""The web layer's pure helpers: escaping, snippet marks, word diff, chart geometry."""

from __future__ import annotations

import html
import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from cablescope.web.charts import fill_months, fill_years, histogram, radial_layout
from cablescope.web.diff import diff_stats, word_diff
from cablescope.web.render import Span, cable_text, field_query, highlighted, wrap_spans
from cablescope.web.searching import CLOSE, OPEN, split_marks, toggled
from cablescope.web.tracing import excerpt

HOSTILE = st.lists(st.sampled_from([*"<>&\"' abcXé¶\n/=", "</span>", "&amp;", "XXXXXX"])
                   ).map("".join)
TAG = re.compile(r"</?(span|mark|a)( [^>]*)?>")


@given(HOSTILE, st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=6))
def test_wrapped_text_is_the_text_escaped(text: str, bounds: list[tuple[int, int]]) -> None:
    spans = [Span(a, b, "x y", href="/cable/A?b=1&c=<2>", title='say "hi"') for a, b in bounds]
    out = str(wrap_spans(text, spans))
    assert html.unescape(TAG.sub("", out)) == text
    assert "<" not in TAG.sub("", out)


def test_redactions_are_marked_and_markup_in_cables_is_inert() -> None:
    out = str(cable_text("A <b>source</b>, XXXXXXXXXXXX & co"))
    assert out == ('A &lt;b&gt;source&lt;/b&gt;, <span class="redacted" title="redacted in the '
                   'published cable">XXXXXXXXXXXX</span> &amp; co')


def test_highlights_become_mark_elements() -> None:
    assert str(highlighted("tariffs & <quotas>", [(0, 7), (10, 18)])) == (
        '<mark class="hit">tariffs</mark> &amp; <mark class="hit">&lt;quotas&gt;</mark>')


@given(st.lists(st.tuples(st.booleans(), st.text(alphabet="ab <&c"))))
def test_split_marks_finds_every_marked_stretch(parts: list[tuple[bool, str]]) -> None:
    snippet = "".join(f"{OPEN}{t}{CLOSE}" if marked else t for marked, t in parts)
    text, marks = split_marks(snippet)
    assert text == "".join(t for _, t in parts)
    assert [text[a:b] for a, b in marks] == [t for marked, t in parts if marked and t]


def test_field_query_quotes_values_with_spaces() -> None:
    assert field_query("tag", "PREL") == "tag:PREL"
    assert field_query("marking", "S/NF") == "marking:S/NF"
    assert field_query("origin", "Embassy Paris") == 'origin:"Embassy Paris"'
    assert field_query("class", 'SECRET "X"') == 'class:"SECRET X"'


def test_facet_clause_is_added_then_removed() -> None:
    q, on = toggled("sarkozy", 'origin:"Embassy Paris"')
    assert (q, on) == ('sarkozy origin:"Embassy Paris"', False)
    assert toggled(q, 'origin:"Embassy Paris"') == ("sarkozy", True)
    assert toggled("tag:PRELX", "tag:PREL") == ("tag:PRELX tag:PREL", False)


WORDS = st.lists(st.sampled_from(["the", "XXXXXXXXXXXX", "minister", "met", "said", "\n", "  "]),
                 max_size=30)


@given(WORDS, WORDS)
def test_word_diff_rebuilds_both_versions(old_words: list[str], new_words: list[str]) -> None:
    old, new = " ".join(old_words), " ".join(new_words)
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.op != "delete") == new
    assert "".join(p.text for p in pieces if p.op != "insert").split() == old.split()


def test_word_diff_ignores_rewrapping_and_names_the_lifted_redaction() -> None:
    old = "met with\nXXXXXXXXXXXX on\nAugust 1."
    new = "met with Interior Minister Nicolas Sarkozy on August 1."
    pieces = [(p.op, p.text) for p in word_diff(old, new)]
    assert pieces == [("equal", "met with "), ("delete", "XXXXXXXXXXXX "),
                      ("insert", "Interior Minister Nicolas Sarkozy "),
                      ("equal", "on August 1.")]
    assert diff_stats(word_diff(old, new)) == {"words_equal": 5, "words_inserted": 4,
                                               "words_deleted": 1}


def test_histogram_scales_to_the_tallest_bucket_and_shows_gaps() -> None:
    years = fill_years([("2004", 10), ("2001", 5), ("2002", 1)])
    assert years == [("2001", 5), ("2002", 1), ("2003", 0), ("2004", 10)]
    bars = histogram(years, width=400, height=100)
    assert [b.height for b in bars] == [50.0, 10.0, 0.0, 100.0]
    assert bars[3].y == 0.0 and bars[2].y == 100.0
    steps = {round(b.x - a.x, 2) for a, b in itertools.pairwise(bars)}
    assert len(steps) == 1 and all(b.labelled for b in bars)


def test_histogram_labels_stay_inside_the_chart_and_apart() -> None:
    """Half a label fits left of the first bar's middle and right of the last one's; labelled
    bars are far enough apart for their labels (9 units high, a character 0.64 of that)."""
    for buckets in (fill_years([("1966", 1), ("2010", 5)]),
                    fill_months([("2005-01", 3), ("2007-06", 1)]),
                    [("2009", 4)]):
        bars = histogram(buckets)
        half = len(bars[0].label) * 0.64 * 9 / 2
        assert bars[0].middle - half >= 0 and bars[-1].middle + half <= 800
        shown = [b.middle for b in bars if b.labelled]
        assert shown[0] == bars[0].middle
        assert all(b - a >= 2 * half for a, b in itertools.pairwise(shown))
        assert len(shown) >= min(len(bars), 10)  # still a useful axis


def test_radial_layout_puts_the_centre_in_the_middle() -> None:
    nodes, edges = radial_layout("a", {"a": "A", "b": "B", "c": "C", "d": "D"},
                                 [("a", "b", 3), ("a", "c", 1), ("b", "d", 1)],
                                 width=900, height=460)
    by_key = {n.key: n for n in nodes}
    assert (by_key["a"].x, by_key["a"].y) == (450.0, 230.0) and by_key["a"].center
    assert set(by_key) == {"a", "b", "c", "d"}
    assert [e.width for e in edges] == [5.0, 2.33, 2.33]


def test_months_are_filled_across_a_year_end() -> None:
    assert fill_months([("2005-11", 2), ("2006-02", 1)]) == [
        ("2005-11", 2), ("2005-12", 0), ("2006-01", 0), ("2006-02", 1)]
    assert fill_months([("1966-01", 1), ("2010-01", 1)]) == [("1966-01", 1), ("2010-01", 1)]


def test_a_long_paragraph_is_cut_around_the_quotation() -> None:
    text = " ".join(f"w{i}" for i in range(400))
    start = text.index("w200")
    marks = [Span(start, start + len("w200 w201"), "seg")]
    cut, moved = excerpt(text, marks, context=30)
    assert cut.startswith("…") and cut.endswith("…") and len(cut) < 100
    assert cut[moved[0].start:moved[0].end] == "w200 w201"
    assert not cut[1].isspace() and cut[1] == "w"
    short = "just a short paragraph"
    assert excerpt(short, [Span(0, 4, "seg")]) == (short, [Span(0, 4, "seg")])


WORDS = st.text(st.sampled_from([*"ab é¶&=+%#?/:\"' "]), max_size=12)


@given(WORDS, st.dictionaries(st.sampled_from(["level", "sort", "exact", "page"]),
                              st.one_of(st.none(), st.just(""), st.just(False), st.just(0),
                                        st.integers(1, 9), WORDS)))
def test_search_links_are_the_urlencoded_query(q: str, params: dict) -> None:
    """search_url quotes only the query for speed: the link is still urlencode's, q first."""
    from urllib.parse import urlencode

    from cablescope.web.render import search_url

    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    assert search_url(q, **params) == "/search?" + urlencode({"q": q, **kept})


def test_templates_read_dict_keys_as_jinja_does() -> None:
    """The fast path for `x.y` on a dict gives what plain Jinja gives: keys, methods that a key
    does not shadow, and undefined for what is neither."""
    import jinja2

    from cablescope.web.render import ENV

    plain = jinja2.Environment(undefined=jinja2.StrictUndefined)
    source = ("{{ d.id }}|{{ d.items is defined }}|{{ d.get('id') }}|{{ d.nope is defined }}|"
              "{{ d.n.m }}|{{ s.upper() }}")
    context = {"d": {"id": "05PARIS5335", "items": 3, "n": {"m": 1}}, "s": "x"}
    assert (ENV.from_string(source).render(**context)
            == plain.from_string(source).render(**context))
    assert "built-in method items" in ENV.from_string("{{ d.items }}").render(**context)
