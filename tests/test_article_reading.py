"""Article reading: the labelled main text of the real pages, Markdown through markdown-it-py,
offsets that always hold, and clear errors for what cannot be read."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cablescope.errors import ArticleError
from cablescope.trace.article import parse_article, read_article

LABELS = Path(__file__).parent / "data" / "articles" / "main_text.json"


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _labelled_main_text(page: Path, region: dict[str, str]) -> str:
    """The text of the labelled region, block by block (see tests/data/articles/README.md)."""
    import lxml.html

    root = lxml.html.fromstring(page.read_bytes())
    (main,) = root.xpath(region["xpath"])
    for dropped in main.xpath(region["without"]):
        dropped.drop_tree()
    blocks = (_squeeze(el.text_content()) for el in main.iter("h1", "h2", "h3", "h4", "p",
                                                               "blockquote", "li"))
    return " ".join(b for b in blocks if b)


@pytest.mark.real
def test_html_reader_extracts_exactly_the_labelled_main_text(articles_dir: Path) -> None:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    assert len(labels["articles"]) == 33
    for name, label in labels["articles"].items():
        gold = _labelled_main_text(articles_dir / name, labels["region"])
        assert gold.startswith(label["begins"]) and gold.endswith(label["ends"]), name
        article = read_article(articles_dir / name)
        assert _squeeze(article.text) == gold, name
        for block in article.blocks:
            assert article.text[block.start:block.end].strip() == \
                article.text[block.start:block.end], name


def test_markdown_is_rendered_by_markdown_it() -> None:
    text = ("---\ntitle: x\n---\n# A *cable* leaked\n\nThe [embassy](https://x/cable/2009/12/"
            "09BRASILIA1540.html) wrote `NOFORN` and **said**\nthis &amp; that.\n\n"
            "> \"Quoted from the cable.\"\n\n- first item\n- second [item](u2)\n\n"
            "```\nverbatim  lines\n```\n\n<div><p>raw   html</p></div>\n\n![logo](l.png)\n\n"
            "[ref]: https://x\n")
    article = parse_article(text, format="markdown")
    assert article.text == (
        "A cable leaked\n\nThe embassy wrote NOFORN and said\nthis & that.\n\n"
        "\"Quoted from the cable.\"\n\nfirst item\n\nsecond item\n\nverbatim  lines\n\nraw html")
    assert [b.kind for b in article.blocks] == ["heading", "text", "quote", "list", "list",
                                                "text", "text"]
    assert [(article.text[link.start:link.end], link.href) for link in article.links] == [
        ("embassy", "https://x/cable/2009/12/09BRASILIA1540.html"), ("item", "u2")]
    assert article.title == "A cable leaked"


def test_reader_errors_name_what_is_wrong() -> None:
    with pytest.raises(ArticleError, match="nested more than 255"):
        parse_article("<div>" * 300 + "deep text" * 20, format="html")
    with pytest.raises(ArticleError, match="NUL"):
        parse_article("<p>text\x00</p>", format="html")
    with pytest.raises(ArticleError, match="no main text"):
        parse_article("<!--" * 50, format="html")
    with pytest.raises(ArticleError, match="empty"):
        parse_article("![only an image](x.png)\n\n<!-- comment -->\n", format="markdown")


def test_binary_bytes_and_an_unknown_declared_charset_are_named_as_such() -> None:
    """Random bytes were 'not valid utf-8 text at byte 3 ...; give its encoding with --encoding'
    (no encoding helps); a page declaring a charset Python does not know was 'unknown text
    encoding', as if the user had given it."""
    from cablescope.trace.article import decode_article

    junk = bytes(range(256)) * 4
    with pytest.raises(ArticleError) as info:
        decode_article(b"\xe9t\xe9 " + junk, "a.bin")
    assert str(info.value) == "a.bin: binary data (a NUL byte at byte 4), not an article"
    with pytest.raises(ArticleError) as info:
        decode_article(b'<html><head><meta charset="x-nowhere"></head><p>t</p></html>', "p.html",
                       html=True)
    assert str(info.value).startswith("p.html: the page declares charset 'x-nowhere', not a "
                                      "known encoding; give its encoding with --encoding")
    with pytest.raises(ArticleError, match="not valid utf-8 text at byte 1"):
        decode_article(b"t\xe9t\xe9 text", "a.txt")  # text in another encoding: say which byte
    text = "Ça coûte « cher »"
    assert decode_article(text.encode("utf-16"), "u.txt") == text  # NULs, but a BOM says UTF-16
