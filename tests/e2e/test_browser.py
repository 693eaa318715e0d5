"""End to end in headless Chromium against `cablescope serve` on the real corpus.

Each test is one thing a reader does; each saves a screenshot in artifacts/. Answers checked by
hand on the corpus: 08PARIS1698 cites 08PARIS1501 and has an earlier, shorter version (seen
2010-12-07, ingested second so numbered 2); ¶1 of
05PARIS5335 opens "Ambassador Stapleton and National Economic Council Director Allan Hubbard
met with Interior Minister Nicolas Sarkozy on August 1."
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.real, pytest.mark.slow]

QUOTE = ("Ambassador Stapleton and National Economic Council Director Allan Hubbard met with "
         "Interior Minister Nicolas Sarkozy on August 1.")


def total(page: Page) -> int:
    return int(re.sub(r"\D", "", page.locator(".total").inner_text()))


def test_search_then_narrow_with_a_facet(page: Page, shot: Callable[[str], Path]) -> None:
    page.goto("/")
    page.fill("input[name=q]", "sarkozy")
    page.press("input[name=q]", "Enter")
    expect(page.locator(".hit").first).to_be_visible()
    before = total(page)
    assert before > 20
    assert page.locator(".snippet mark").count() >= 10
    address = page.locator(".snippet a.addr").first.inner_text()
    assert re.fullmatch(r"\d\d[A-Z]+\d+¶\d+", address), address
    facet = page.locator('.facet-origin a[data-value="Embassy Paris"]')
    paris = int(facet.locator(".n").inner_text().replace(",", ""))
    facet.click()
    expect(page).to_have_url(re.compile(r"origin%3A%22Embassy\+Paris%22"))
    assert total(page) == paris < before
    metas = page.locator(".hit .meta").all_inner_texts()
    assert metas and all("Embassy Paris" in m for m in metas)
    expect(page.locator('.facet-origin a.on[data-value="Embassy Paris"]')).to_be_visible()
    shot("search-facet")


def test_bad_query_points_at_the_error(page: Page, shot: Callable[[str], Path]) -> None:
    response = page.goto('/search?q=%22markedly+different')
    assert response is not None and response.status == 400
    expect(page.locator("pre.pointer")).to_contain_text("^")
    expect(page.locator(".message")).to_contain_text("position 0")
    shot("search-error")


def test_cable_page_and_a_ref_link(page: Page, shot: Callable[[str], Path]) -> None:
    page.goto("/cable/08PARIS1698")
    expect(page.locator("h1")).to_have_text("08PARIS1698")
    expect(page.locator(".para#p1")).to_be_visible()
    assert page.locator(".para .marking").count() > 0
    shot("cable")
    page.locator('ul.cites a.ref[href="/cable/08PARIS1501"]').click()
    expect(page).to_have_url(re.compile(r"/cable/08PARIS1501$"))
    expect(page.locator("h1")).to_have_text("08PARIS1501")
    expect(page.locator('ul.cited-by a.ref[href="/cable/08PARIS1698"]')).to_be_visible()
    shot("cable-ref")


def test_paragraph_anchor_and_redactions(page: Page, shot: Callable[[str], Path]) -> None:
    page.goto("/cable/05PARIS5335#p1")
    expect(page.locator(".para#p1 .body")).to_contain_text("Allan Hubbard")
    expect(page.locator(".tags a.pill", has_text="PREL")).to_have_attribute(
        "href", "/search?q=tag%3APREL")
    shot("cable-anchor")


def test_version_diff(page: Page, shot: Callable[[str], Path]) -> None:
    page.goto("/cable/08PARIS1698")
    page.locator(".versions a.diff-link").first.click()
    expect(page).to_have_url(re.compile(r"/cable/08PARIS1698/diff\?from=1&to=2"))
    # Version 1, published on 2010-12-04 (versions are numbered by release date), stopped
    # before ¶3 ("The Bases"); the full text came later: the diff adds thousands of words and
    # drops the trailing redaction.
    expect(page.locator(".diff ins").first).to_contain_text("The Bases")
    expect(page.locator(".diff del").first).to_contain_text("XXXXXXXXXXXX")
    words = page.locator(".diff-stats").inner_text()
    assert re.search(r"\d,\d{3} words added", words), words
    shot("diff")


def test_trace_links_a_quotation_to_its_paragraph(page: Page, shot: Callable[[str], Path]) -> None:
    page.goto("/trace")
    page.fill("textarea[name=text]",
              f'According to a cable from the embassy, "{QUOTE}" Sarkozy was upbeat.\n\n'
              'Officials also said "this sentence was invented for the test and is in no cable".')
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/trace/[0-9a-f]{20}$"))
    quote = page.locator(".article a.q.verbatim").first
    expect(quote).to_contain_text("Allan Hubbard")
    expect(page.locator(".article a.q.unmatched")).to_contain_text("invented for the test")
    expect(page.locator("a.share").locator("xpath=..")).to_contain_text("the link lasts")
    shot("trace")
    quote.click()
    panel = page.locator(".match:target")
    expect(panel.locator("a.para-link").first).to_have_text("05PARIS5335¶1")
    panel.locator("a.para-link").first.click()
    expect(page).to_have_url(re.compile(r"/cable/05PARIS5335#p1$"))
    expect(page.locator(".para#p1")).to_be_in_viewport()
    shot("trace-paragraph")


def test_unknown_cable_offers_a_search(page: Page, shot: Callable[[str], Path]) -> None:
    response = page.goto("/cable/05PARIS99999")
    assert response is not None and response.status == 404
    page.locator("a.search-instead").click()
    expect(page).to_have_url(re.compile(r"/search\?q=05PARIS99999"))
    shot("not-found")


def test_entity_dossier_and_network(page: Page, shot: Callable[[str], Path]) -> None:
    page.goto("/entities?q=sarkozy")
    page.locator("a.entity-link", has_text="Sarkozy").first.click()
    expect(page).to_have_url(re.compile(r"/entity/\d+$"))
    expect(page.locator("h1")).to_contain_text("Sarkozy")
    meetings = page.locator(".meetings")
    expect(meetings).to_contain_text("Hubbard")
    expect(meetings.locator('a[href="/cable/05PARIS5335#p1"]').first).to_be_visible()
    node = page.locator(".network a.node", has_text="Hubbard").first
    expect(node).to_be_visible()
    shot("entity")
    node.click()
    expect(page.locator("h1")).to_contain_text("Hubbard")
    shot("entity-neighbour")


def test_cable_page_highlights_entities(page: Page, shot: Callable[[str], Path]) -> None:
    page.goto("/cable/05PARIS5335")
    mention = page.locator(".para#p1 a.entity.person", has_text="Sarkozy").first
    expect(mention).to_have_attribute("href", re.compile(r"^/entity/\d+$"))
    shot("cable-entities")


def test_trace_an_uploaded_article(page: Page, shot: Callable[[str], Path],
                                   articles_dir: Path) -> None:
    """A real article of December 2010 quoting a 2008 cable from Tegucigalpa ("The last year and
    a half of the Zelaya Administration will be, in my view, extraordinarily difficult…")."""
    page.goto("/trace")
    article = articles_dir / "Prophetic-memo-about-Honduras.html"
    page.set_input_files("input[type=file]", str(article))
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/trace/[0-9a-f]{20}$"))
    verbatim = page.locator(".article a.q.verbatim")
    assert verbatim.count() >= 3
    expect(page.locator(".match a.cable-link", has_text="08TEGUCIGALPA459").first).to_be_visible()
    shot("trace-upload")
    with page.expect_download() as download:
        page.locator("a", has_text="HTML report").click()
    saved = download.value.path()
    html = Path(saved).read_text(encoding="utf-8")
    assert "<style>" in html and "08TEGUCIGALPA459" in html
