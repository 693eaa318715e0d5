"""One accent and case fold for search, entities and tracing (cablescope.text)."""

from __future__ import annotations

import re
from pathlib import Path

from cablescope.entities.names import fold as fold_name
from cablescope.search import search
from cablescope.search.text import tokens as search_tokens
from cablescope.store import Store
from cablescope.text import fold, strip_accents
from cablescope.trace.article import read_article
from cablescope.trace.claimfacts import find_dates
from cablescope.trace.keys import word_keys
from cablescope.trace.rarity import fts_tokens

WORD = re.compile(r"[^\W_]+")


def test_fold_expands_ligatures_drops_accents_and_folds_case() -> None:
    assert fold("ﬁnance") == "finance"
    assert fold("Élysée") == "elysee"
    assert fold("STRAßE") == "strasse"
    assert fold("Ｐａｒｉｓ") == "paris"  # full-width, as some PDFs copy
    assert fold("Itamaraty") == "itamaraty"


def test_every_layer_folds_a_ligature_alike() -> None:
    """Search once kept the ligature ('ﬁnance') while entities dropped it."""
    assert search_tokens("Ministry of ﬁnance") == ["ministry", "of", "finance"]
    assert fold_name("Ministry of ﬁnance") == "ministry of finance"
    assert word_keys("Ministry of ﬁnance") == ["ministry", "of", "finance"]
    assert fts_tokens("Ministry of ﬁnance") == ["ministry", "of", "finance"]


def test_strip_accents_keeps_offsets_and_case() -> None:
    text = "Brasília, 1º de dezembro… a ﬁrma"
    stripped = strip_accents(text)
    assert len(stripped) == len(text)
    assert stripped == "Brasilia, 1o de dezembro… a ﬁrma"


def test_a_date_after_an_ellipsis_is_read_where_it_is() -> None:
    """Dates are found in the accent-stripped text and cut from the text itself."""
    text = "Ele disse… que em 3 de dezembro de 2010 a reunião"
    assert [d.text for d in find_dates(text)] == ["3 de dezembro de 2010"]


def test_layers_agree_on_the_words_of_real_articles(articles_dir: Path) -> None:
    """Every word of the 33 real articles (seven languages) folds the same in search, entities
    and tracing; accents stripped in place keep every offset."""
    words: set[str] = set()
    accented = 0
    for path in sorted(articles_dir.glob("*.html")):
        text = read_article(path).text
        stripped = strip_accents(text)
        assert len(stripped) == len(text), path.name
        accented += sum(a != b for a, b in zip(text, stripped, strict=True))
        words.update(WORD.findall(text))
    assert accented > 1000  # the pt, es, fr and sv articles: accents were there to strip
    non_ascii = [w for w in words if not w.isascii()]
    assert len(non_ascii) > 500
    for word in sorted(words):
        folded = fold(word)
        if not WORD.fullmatch(folded):  # '½' -> '1⁄2': more than one word once folded
            continue
        assert search_tokens(word) == [folded], word
        assert fold_name(word) == folded, word
        assert fts_tokens(word) == [folded], word
        assert word_keys(word) == [folded], word


def test_a_query_copied_with_a_ligature_finds_what_the_plain_one_does(real_db: Path) -> None:
    with Store.open(real_db, readonly=True) as store:
        plain = search(store.connection, '"ministry of finance"', limit=5)
        ligature = search(store.connection, '"ministry of ﬁnance"', limit=5)
    assert plain.total > 20
    assert ligature.total == plain.total
    assert [h.id for h in ligature.hits] == [h.id for h in plain.hits]
    assert [h.snippet for h in ligature.hits] == [h.snippet for h in plain.hits]
