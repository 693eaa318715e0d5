"""What a newsroom notices in its first hour, in headless Chromium on the real corpus.

Answers checked by hand on the corpus: '"markedly different"' is in ¶4 of 09BEIJING3128 (the
first hit); the exact string "U.S.-France" in ¶4 of 07PARIS4357; 08PARIS1698's version seen
2010-12-07 holds ¶1, ¶2, a redaction where ¶3–¶35 were cut, then ¶36–¶37, the one seen
2011-04-25 all 37 paragraphs with ¶3 under "The Bases"; 07MADRID520's two versions have the
same words ("Bush.Spaniards" became "Bush. Spaniards"); 05PARIS5335 names Sarkozy in ¶1.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = [pytest.mark.real, pytest.mark.slow]

AA = 4.5  # WCAG 2 level AA, normal text


def search(page: Page, q: str, exact: bool = False) -> None:
    page.goto("/")
    page.fill("header input[name=q]", q)
    page.press("header input[name=q]", "Enter")
    if exact:
        page.check("input[name=exact]")
        page.click("form.toolbar button[type=submit]")
        expect(page).to_have_url(re.compile(r"exact=true"))
    expect(page.locator("div.hit").first).to_be_visible()


@pytest.mark.parametrize(("q", "exact", "marked"), [
    ("sarkozy", False, re.compile(r"^sarkozy$", re.IGNORECASE)),
    ('"markedly different"', False, re.compile(r"^markedly\s+different$", re.IGNORECASE)),
    ("U.S.-France", True, re.compile(r"^U\.S\.-France$")),
], ids=["ranked", "phrase", "exact"])
def test_a_search_hit_lands_on_its_paragraph_with_the_words_marked(
        page: Page, shot: Callable[[str], Path], request: pytest.FixtureRequest, q: str,
        exact: bool, marked: re.Pattern[str]) -> None:
    search(page, q, exact)
    hit = page.locator("div.hit").first
    address = hit.locator("a.addr").inner_text()  # e.g. 09BEIJING3128¶4
    hit.locator("a.hit-link").click()
    cable_id, number = address.split("¶")
    expect(page).to_have_url(re.compile(rf"/cable/{cable_id}\?q=.+#p{number}$"))
    target = page.locator(f".para#p{number}")
    expect(target).to_be_in_viewport()
    assert page.evaluate("document.querySelector('.para:target').id") == f"p{number}"
    marks = target.locator("mark.hit")
    assert marks.count() >= 1
    assert all(marked.match(t) for t in marks.all_inner_texts()), marks.all_inner_texts()
    expect(page.locator(".found")).to_contain_text(" marked")
    assert int(page.locator(".found-count").inner_text().split()[0].replace(",", "")) >= 1
    shot(f"landing-{request.node.callspec.id}")
    page.locator(".found a.back").click()  # the way back to the same search
    expect(page.locator("div.hit a.addr").first).to_have_text(address)


def test_a_hit_in_the_header_lands_on_the_header(page: Page) -> None:
    """A cable-level hit whose best match is in the unnumbered header block links to #s0."""
    search(page, "sarkozy")
    link = page.locator('div.hit a.hit-link[href$="#s0"]').first
    cable_id = link.inner_text()
    link.click()
    header = page.locator(".para#s0")
    expect(header).to_be_in_viewport()
    expect(header.locator("mark.hit").first).to_have_text(re.compile("sarkozy", re.I))
    assert cable_id in page.url


def _rgb(css: str) -> tuple[float, float, float, float]:
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)  # type: ignore[return-value]


def _luminance(rgb: tuple[float, float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(element: Locator) -> float:
    """The WCAG contrast ratio of an element's text colour against the first opaque background
    behind it (its own or an ancestor's), from computed styles."""
    fg, bg = element.evaluate("""e => {
        let b = e;
        while (b && getComputedStyle(b).backgroundColor.match(/rgba\\(.*, 0\\)$|transparent/))
            b = b.parentElement;
        return [getComputedStyle(e).color,
                b ? getComputedStyle(b).backgroundColor : 'rgb(255, 255, 255)'];
    }""")
    fg_rgb, bg_rgb = _rgb(fg), _rgb(bg)
    assert fg_rgb[3] == 1.0, fg  # an opaque text colour, so the ratio is the one seen
    light, dark = sorted((_luminance(fg_rgb), _luminance(bg_rgb)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_facet_values_and_counts_are_readable(page: Page, shot: Callable[[str], Path]) -> None:
    page.goto('/search?q=sarkozy+origin%3A%22Embassy+Paris%22+year%3A2007')
    selected = page.locator(".facet a.on")
    assert selected.count() == 2
    for facet in [*selected.all(), *page.locator(".facet a:not(.on)").all()[:10]]:
        for part in (facet.locator("span").first, facet.locator(".n")):
            ratio = contrast(part)
            assert ratio >= AA, (facet.inner_text(), ratio)
    shot("facets-selected")


def _inside(inner: dict[str, float], outer: dict[str, float], slack: float = 0.5) -> bool:
    return (inner["left"] >= outer["left"] - slack and inner["right"] <= outer["right"] + slack
            and inner["top"] >= outer["top"] - slack
            and inner["bottom"] <= outer["bottom"] + slack)


BOX = "e => { const r = e.getBoundingClientRect(); " \
      "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }"
CONTENT_BOX = """e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return {left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight),
            top: r.top, bottom: r.bottom}; }"""


def labels_fit(page: Page, chart: Locator) -> None:
    """Every label of a histogram inside its chart, none over another."""
    svg = chart.locator("svg")
    frame = svg.evaluate(BOX)
    boxes = [t.evaluate(BOX) for t in svg.locator("text").all()]
    assert len(boxes) >= 2
    for box, text in zip(boxes, svg.locator("text").all_inner_texts(), strict=True):
        assert _inside(box, frame), (text, box, frame)
    for a, b in itertools.pairwise(sorted(boxes, key=lambda box: box["left"])):
        assert a["right"] <= b["left"], (a, b)


@pytest.mark.parametrize("width", [1280, 900])
def test_stats_tables_and_histogram_labels_fit(page: Page, shot: Callable[[str], Path],
                                               width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/stats")
    tables = page.locator(".stats-layout .panel table")
    assert tables.count() >= 2
    for table in tables.all():
        panel = table.locator("xpath=ancestor::section[contains(@class, 'panel')][1]")
        assert _inside(table.evaluate(BOX), panel.evaluate(CONTENT_BOX)), table.inner_text()[:80]
        assert panel.evaluate("p => p.scrollWidth <= p.clientWidth")
    classification = page.locator("table.by-classification")
    expect(classification).to_contain_text("UNCLASSIFIED//FOR OFFICIAL USE ONLY")
    labels_fit(page, page.locator(".histogram"))
    shot(f"stats-{width}")


def test_histogram_labels_fit_on_search_and_entity_pages(page: Page) -> None:
    page.goto("/search?q=sarkozy")
    labels_fit(page, page.locator(".histogram"))
    page.goto("/entities?q=sarkozy")
    page.locator("a.entity-link", has_text="Sarkozy").first.click()
    expect(page.locator(".histogram")).to_be_visible()
    labels_fit(page, page.locator(".histogram"))  # by month


def test_a_diff_says_what_changed_and_walks_the_changes(page: Page,
                                                          shot: Callable[[str], Path]) -> None:
    page.goto("/cable/08PARIS1698")
    page.locator(".versions a.diff-link").first.click()  # the earlier version -> the current
    summary = page.locator(".diff-summary")
    expect(summary).to_contain_text("(seen 2010-12-07) was a partial extract of the cable")
    expect(summary).to_contain_text("(seen 2011-04-25) is the full text")
    expect(summary).to_contain_text("1 redaction lifted")
    added = summary.locator("a", has_text="33 paragraphs added: ¶3–¶35")
    shot("diff-summary")
    added.click()
    change = page.locator(".diff .change:target")
    expect(change).to_be_in_viewport()
    expect(change.locator("del")).to_have_text(re.compile(r"^\s*XXXXXXXXXXXX\s*$"))
    expect(change.locator("ins")).to_contain_text("The Bases")

    page.goto("/cable/07MADRID520/diff")
    expect(page.locator(".diff-summary")).to_have_text(
        "1 change of formatting only (quote marks, spacing, letter case, ¶ marks)")
    page.locator(".change-nav a.next-change").click()
    expect(page.locator(".diff .change:target")).to_contain_text("Bush. Spaniards")
    expect(page.locator(".change-at")).to_have_text("change 1 of 1 · formatting · ¶4")


def test_next_and_previous_change(page: Page, shot: Callable[[str], Path]) -> None:
    page.goto("/cable/05SOFIA1207/diff")
    total = int(page.locator(".change-nav").get_attribute("data-changes") or 0)
    assert total > 10
    nxt = page.locator(".change-nav a.next-change")
    for n in (1, 2, 3):
        nxt.click()
        expect(page).to_have_url(re.compile(rf"#c{n}$"))
        expect(page.locator(f".diff .change#c{n}")).to_be_in_viewport()
        expect(page.locator(".change-at")).to_have_text(re.compile(rf"^change {n} of {total} · "))
    nav = page.locator(".change-nav")
    expect(nav).to_be_in_viewport()  # it stays at hand while the text scrolls
    page.keyboard.press("p")
    expect(page).to_have_url(re.compile(r"#c2$"))
    page.keyboard.press("n")
    page.keyboard.press("n")
    expect(page).to_have_url(re.compile(r"#c4$"))
    shot("diff-next-change")
    # from where the reader scrolled to, "next" is the first change below
    page.locator(f".diff .change#c{total - 1}").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -window.innerHeight / 2)")
    page.evaluate("history.replaceState(null, '', location.pathname)")
    nxt.click()
    number = int(page.url.rsplit("#c", 1)[1])
    assert 4 < number <= total - 1, number


def test_every_link_on_the_api_page_answers(page: Page) -> None:
    page.goto("/api")
    hrefs = sorted(set(page.locator("main a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")))
    assert {"/api/stats", "/api/search?q=sarkozy+tag%3APREL",
            "/api/entities/find?name=Sarkozy"} <= set(hrefs), hrefs
    answers = {href: page.request.get(href).status for href in hrefs}
    assert all(status < 400 for status in answers.values()), answers


def test_entity_underlines_can_be_turned_off_and_stay_off(page: Page,
                                                           shot: Callable[[str], Path]) -> None:
    page.goto("/cable/05PARIS5335")
    mention = page.locator(".para#p1 a.entity.person", has_text="Sarkozy").first
    switch = page.locator(".entity-switch input[type=checkbox]")
    expect(switch).to_be_visible()
    expect(switch).to_be_checked()

    def underline() -> str:
        return str(mention.evaluate("e => getComputedStyle(e).borderBottomColor"))

    assert _rgb(underline())[3] == 1.0
    switch.uncheck()
    assert _rgb(underline())[3] == 0.0
    shot("cable-entities-off")
    page.reload()  # remembered
    expect(switch).not_to_be_checked()
    assert _rgb(underline())[3] == 0.0
    expect(mention).to_have_attribute("href", re.compile(r"^/entity/\d+$"))  # still a link
    assert page.evaluate("localStorage.getItem('cablescope.entities')") == "off"
    other = page.context.new_page()  # and on every page of this browser
    other.goto("/cable/06PARIS5975")
    expect(other.locator(".entity-switch input")).not_to_be_checked()
    other.close()
    switch.check()
    assert _rgb(underline())[3] == 1.0
    page.reload()
    expect(switch).to_be_checked()


def test_a_cable_without_entities_offers_no_switch(page: Page) -> None:
    page.goto("/cable/08PARIS1698")
    expect(page.locator("h1")).to_have_text("08PARIS1698")
    assert page.locator(".entity-switch").count() == 0
