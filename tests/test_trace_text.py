"""Tracing, the pure parts: reading articles, finding quotations, normalising with offset maps."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablescope.errors import ArticleError
from cablescope.trace.article import guess_language, parse_article, read_article
from cablescope.trace.keys import gram_hashes, word_keys
from cablescope.trace.normalize import normalize, tokens
from cablescope.trace.quotes import find_quotes
from cablescope.trace.sentences import sentence_spans

# --- normalisation ---------------------------------------------------------------------------


def test_normalize_folds_typography_case_accents_and_maps_back() -> None:
    text = "The “GOB” — Itamaraty’s café…\n  U.S. narco-\ntrafficking"
    norm = normalize(text)
    assert norm.text == 'the "gob" -- itamaraty\'s cafe... u.s. narco-trafficking'
    # every normalised character points back into the original text
    i = norm.text.index("cafe")
    assert text[slice(*norm.to_original(i, i + 4))] == "café"
    j = norm.text.index("narco-trafficking")
    assert text[slice(*norm.to_original(j, j + len("narco-trafficking")))] == (
        "narco-\ntrafficking")
    assert [t.key for t in tokens(norm.text)][-3:] == ["us", "narco", "trafficking"]


def test_cable_noise_is_dropped_from_matching_but_offsets_stay_in_the_cable() -> None:
    cable = "end of one.\n\n¶5. (S/NF) XXXXXXXXXXXX said SIPDIS that"
    norm = normalize(cable, cable=True)
    assert norm.text == "end of one. xxxxxxxxxxxx said that"
    k = norm.text.index("said")
    assert cable[slice(*norm.to_original(k, k + 4))] == "said"


def test_dotted_and_plain_abbreviations_share_a_key() -> None:
    assert word_keys("U.S. policy") == word_keys("US policy") == ["us", "policy"]
    assert gram_hashes(word_keys("the U.S. Embassy in Brasilia")) == gram_hashes(
        word_keys("The US embassy in BRASILIA"))


_TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ .,;-\n\t'\"“”‘’—–…éÉçßﬁ¶()/0123456789SIPDU")),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.booleans())
def test_fast_keys_equal_the_offset_keeping_path(text: str, cable: bool) -> None:
    """The index (fast path) and the aligner (offset path) must see the same words."""
    norm = normalize(text, cable=cable)
    assert [t.key for t in tokens(norm.text)] == word_keys(text, cable=cable)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_offset_map_is_ordered_and_inside_the_text(text: str) -> None:
    norm = normalize(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    for i in range(len(norm.text)):
        assert 0 <= norm.starts[i] < norm.ends[i] <= len(text)
        if i:
            assert norm.starts[i - 1] <= norm.starts[i]


# --- reading articles ---------------------------------------------------------------------------


@pytest.mark.real
def test_html_article_keeps_main_text_and_cable_links(articles_dir: Path) -> None:
    article = read_article(articles_dir / "Cablegate-Brazil-frames-suspected.html")
    text = article.text
    assert text.startswith("Brazil - Cablegate: Brazil frames suspected terrorists")
    for boilerplate in ("Keep us strong", "Browse latest releases", "Follow us on Twitter",
                        "More articles", "US lobbies for more security"):
        assert boilerplate not in text
    assert "&#8217;" not in text and "doesn’t have specific legislation" in text
    linked = {text[link.start:link.end]: link.href for link in article.links}
    assert linked["See cable 05BRASILIA1207"].endswith("/05BRASILIA1207.html")
    assert len(linked) == 3
    assert article.title == "Cablegate: Brazil frames suspected terrorists on narcotics charges"
    assert guess_language(text) == "en"


@pytest.mark.real
def test_translated_articles_are_read_and_their_language_told(articles_dir: Path) -> None:
    expected = {"Meu-amigo-Jobim.html": "pt", "Har-blir-vi-blasta.html": "sv",
                "Wikileaks-empieza-a-publicar.html": "es",
                "Wikileaks-entame-la-publication-de.html": "fr",
                "WIKILEAKS-pristupil-k-publikacii.html": "ru",
                "ar-wikileaks-begins-publishing.html": "ar"}
    for name, lang in expected.items():
        article = read_article(articles_dir / name)
        assert len(article.text) > 500, name
        assert guess_language(article.text) == lang, name


def test_markdown_and_plain_text_lose_their_markup(tmp_path: Path) -> None:
    md = tmp_path / "a.md"
    md.write_text("# Title\n\nThe [cable](https://x/cable/2009/12/09BRASILIA1540.html) "
                  "said **nothing**.\n\n> \"A block quote of the cable.\"\n", encoding="utf-8")
    article = read_article(md)
    assert article.text == "Title\n\nThe cable said nothing.\n\n\"A block quote of the cable.\""
    assert [b.kind for b in article.blocks] == ["heading", "text", "quote"]
    link = article.links[0]
    assert article.text[link.start:link.end] == "cable" and link.href.endswith("1540.html")
    txt = tmp_path / "a.txt"
    txt.write_bytes(b"First line\r\nsecond line\r\n\r\n    An indented quote.\r\n")
    plain = read_article(txt)
    assert plain.text == "First line\nsecond line\n\nAn indented quote."
    assert [b.kind for b in plain.blocks] == ["text", "quote"]


def test_bad_inputs_are_clear_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n ", encoding="utf-8")
    with pytest.raises(ArticleError, match="empty"):
        read_article(empty)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Ol\u00e1, S\u00e3o Paulo".encode("latin-1"))
    with pytest.raises(ArticleError, match=r"not valid utf-8 text at byte 2.*--encoding"):
        read_article(latin)
    assert read_article(latin, encoding="latin-1").text == "Olá, São Paulo"
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "missing.html")
    nav_only = tmp_path / "nav.html"
    nav_only.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(ArticleError, match="no main text"):
        read_article(nav_only)
    with pytest.raises(ArticleError, match="too large"):
        parse_article("word " * 500_000)


# --- quotations ---------------------------------------------------------------------------------


def _quotes(text: str) -> list[tuple[str, str, str | None]]:
    article = parse_article(text)
    return [(text[q.start:q.end], q.kind, q.attribution) for q in find_quotes(article)]


def test_straight_curly_nested_and_unterminated_quotes() -> None:
    text = ('The embassy concluded: "What is certain is this incident will increase '
            'tensions." He said the baby "looked" burned.\n\n'
            "In which he “promised that the UK had ’put measures in place to protect your "
            "[US] interests’ during the inquiry.\n\nNext paragraph.")
    article = parse_article(text)
    found = find_quotes(article)
    assert [text[q.start:q.end] for q in found] == [
        "What is certain is this incident will increase tensions.",
        "looked",
        "promised that the UK had ’put measures in place to protect your [US] interests’ "
        "during the inquiry.",
    ]
    assert found[0].attribution == "The embassy concluded"
    assert found[1].kind == "scare"
    assert found[2].unterminated
    inner = found[2].nested[0]
    assert text[inner.start:inner.end] == "put measures in place to protect your [US] interests"


def test_apostrophes_are_not_quotes() -> None:
    assert _quotes("Brazil’s police and the Muslims' interest don't matter.") == []


def test_multi_paragraph_and_page_break_quotes_join() -> None:
    text = ('"The first paragraph of a long quotation ends here.\n\n'
            '"The second paragraph closes it," the cable said.\n\n'
            '"A sentence cut by a page break and\n\ncontinued on the next page," it added.')
    found = find_quotes(parse_article(text))
    assert len(found) == 2
    first, second = found
    assert [text[s:e] for s, e in first.parts] == [
        "The first paragraph of a long quotation ends here.",
        "The second paragraph closes it,"]
    assert first.attribution == "the cable said"
    assert [text[s:e] for s, e in second.parts] == [
        "A sentence cut by a page break and", "continued on the next page,"]


def test_guillemets_block_quotes_and_phrases() -> None:
    text = ("Selon le câble, « la police fédérale surveille les suspects de terrorisme ».\n\n"
            "> The whole paragraph of the cable, quoted as a block.\n\n"
            'The cable says the US sees "two discourses" and "reforms" elsewhere.')
    article = parse_article(text, format="markdown")
    found = find_quotes(article)
    assert [(text_of(article.text, q), q.kind) for q in found] == [
        ("la police fédérale surveille les suspects de terrorisme", "quote"),
        ("The whole paragraph of the cable, quoted as a block.", "block"),
        ("two discourses", "phrase"),
        ("reforms", "scare"),
    ]


def text_of(text: str, q) -> str:
    return text[q.start:q.end]


@pytest.mark.real
def test_real_article_quotes_and_attributions(articles_dir: Path) -> None:
    article = read_article(articles_dir / "Colombia-Increasing-tensions.html")
    found = find_quotes(article)
    texts = [article.text[q.start:q.end] for q in found]
    assert texts[0] == "collateral damage" and found[0].kind == "scare"
    assert texts[1].startswith("knew of the sensitivities of mounting an operation")
    assert found[1].attribution.startswith("According to cable 248745")
    # the quote with two quotations nested in straight double quotes stays one quotation
    nested = next(q for q in found if article.text[q.start:q.end].startswith("XXXXXXXXXXXX"))
    assert [article.text[n.start:n.end] for n in nested.nested] == ["serious", "looked"]
    assert texts[-1].startswith("What is certain is this incident")
    assert found[-1].attribution == "The embassy officials concluded"


def test_sentences_respect_abbreviations() -> None:
    text = "Gen. Giraldo met the U.S. Ambassador. He said no. Then Mr. Day left."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Gen. Giraldo met the U.S. Ambassador.", "He said no.", "Then Mr. Day left."]
