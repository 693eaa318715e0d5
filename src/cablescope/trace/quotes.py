"""Quotations in an article: where they are, who they are attributed to, what kind they are.

Quote marks are paired like a reader pairs them: curly marks by direction, straight marks by
which side touches a word (and by nesting when that is ambiguous), single quotes only inside a
double quote or when they pair cleanly (otherwise they are apostrophes), guillemets as in French,
Spanish and Portuguese. A quote left open at the end of a paragraph continues when the next
paragraph opens with a quote mark (the multi-paragraph convention) or carries on mid-sentence
(a page break); otherwise it ends with its paragraph. Block quotes are quotations as a whole.
Quotes of two to four words are `phrase`s, matched only, and only word for word, in the cables the
article names or quotes at length (see `cablescope.trace.tracer`); one word, or two that nothing
attributes, are `scare` quotes, never matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from cablescope.trace.article import Article, Block
from cablescope.trace.sentences import sentence_spans

_DOUBLE_OPEN = "“„‟"
_DOUBLE_CLOSE = "”"
_SINGLE_OPEN = "‘‚"
_SINGLE_CLOSE = "’"
_GUILLEMET_OPEN = "«"
_GUILLEMET_CLOSE = "»"
_MARKS = re.compile("[\"'“”„‟‘’‚«»]")
_OPENING_CONTEXT = set(" \t\n([{—–-/\u00a0") | set(_DOUBLE_OPEN + _SINGLE_OPEN + '"\'«')
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")

PHRASE_WORDS = 5  # quotes shorter than this are phrases, never searched corpus-wide

_SPEECH = (
    r"said|says|say|saying|wrote|writes|write|written|told|tells|tell|noted|notes|note|added|adds|"
    r"stated|states|stressed|stresses|concluded|concludes|reported|reports|warned|warns|"
    r"explained|explains|described|describes|commented|comments|observed|observes|remarked|"
    r"remarks|argued|argues|insisted|insists|claimed|claims|asserted|asserts|admitted|admits|"
    r"acknowledged|acknowledges|confided|confides|complained|complains|cautioned|cautions|"
    r"suggested|suggests|recalled|recounted|assessed|assesses|characterized|characterised|"
    r"called|calls|labelled|labeled|dubbed|promised|promises|predicted|predicts|"
    r"emphasized|emphasised|emphasizes|underlined|urged|urges|asked|asks|replied|replies|"
    r"answered|continued|continues|declared|declares|announced|according to|in the words of|"
    r"quoted|quoting|cable|cables|telegram|memo|dispatch|report|document|diz|disse|afirma|"
    r"afirmou|escreveu|segundo|dice|dijo|afirmó|escribió|según|selon|écrit|a déclaré|"
    r"skriver|enligt|sade"
)
_ATTRIBUTION = re.compile(rf"\b(?:{_SPEECH})\b", re.I)


@dataclass(slots=True)
class Quote:
    """One quotation: `start`/`end` delimit its words inside the marks (block: the block).

    `parts` are the spans of quoted words (a multi-paragraph quote leaves out the marks that
    reopen each paragraph). `kind`: 'quote' (marked), 'block' (a block quote), 'phrase' (too
    short to search the corpus for), 'scare' (a short phrase nothing attributes to a source).
    """

    start: int
    end: int
    kind: str
    parts: list[tuple[int, int]]
    depth: int = 0
    attribution: str | None = None
    unterminated: bool = False
    nested: list[Quote] = field(default_factory=list)

    def words(self, text: str) -> int:
        return sum(len(_WORD.findall(text, s, e)) for s, e in self.parts)


@dataclass(slots=True)
class _Open:
    family: str
    mark: int  # position of the opening mark
    block: int
    parts: list[tuple[int, int]]
    seg_start: int  # where the current part started
    nested: list[Quote] = field(default_factory=list)


def _role(text: str, i: int, ch: str) -> str:
    """'open', 'close', 'both' or 'none' (an apostrophe) for the quote mark at `i`."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    left = not nxt.isspace() and (prev in _OPENING_CONTEXT or prev.isspace())
    right = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if ch in _DOUBLE_OPEN or ch in _SINGLE_OPEN or ch == _GUILLEMET_OPEN:
        return "open"
    if ch == _DOUBLE_CLOSE and left and not right:
        return "both"  # Swedish and Finnish open a quotation with ” too: ”pragmatisk och stark”
    if ch in (_DOUBLE_CLOSE, _GUILLEMET_CLOSE):
        return "close"
    if ch in "'’":
        if prev.isalnum() and nxt.isalnum():
            return "none"  # doesn't, Day's
        if left and not nxt.isdigit():
            return "open"
        if right:
            return "close"
        return "none"
    # a straight double quote
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "both"


def _family(ch: str) -> str:
    if ch in "\"“”„‟":
        return "double"
    if ch in "«»":
        return "guillemet"
    return "single"


def find_quotes(article: Article) -> list[Quote]:
    """Top-level quotations of the article in text order, each with its nested quotes."""
    text = article.text
    blocks = article.blocks or [Block(0, len(text))]
    found: list[Quote] = []
    stack: list[_Open] = []

    def close(entry: _Open, end: int, unterminated: bool) -> None:
        if unterminated and not stack and _stray_inner_mark(text, entry, end):
            # "He made no attempt ... his "(M)ay photo ops ... Washington," wrote the
            # ambassador. "Most noticeable ...": the second mark was a stray, not a nested quote
            first, *rest = entry.nested
            entry.nested = first.nested
            close(entry, first.end, False)
            for quote in rest:
                quote.depth = 0
                found.append(quote)
            return
        parts = [*entry.parts, (entry.seg_start, end)]
        parts = [_trim(text, s, e) for s, e in parts]
        parts = [(s, e) for s, e in parts if e > s]
        if not parts:
            return
        quote = Quote(parts[0][0], parts[-1][1], "quote", parts, depth=len(stack),
                      unterminated=unterminated, nested=entry.nested)
        if stack:
            stack[-1].nested.append(quote)
        else:
            found.append(quote)

    for bi, block in enumerate(blocks):
        if block.kind == "quote" and not stack:
            found.append(_block_quote(text, block))
            continue
        for m in _MARKS.finditer(text, block.start, block.end):
            i, ch = m.start(), m.group()
            if stack and i < stack[0].seg_start:
                continue  # the mark reopening a continued quotation
            family = _family(ch)
            role = _role(text, i, ch)
            if role == "none":
                continue
            if role == "both":
                role = "close" if any(e.family == family for e in stack) else "open"
            if role == "close":
                idx = next((k for k in range(len(stack) - 1, -1, -1)
                            if stack[k].family == family), None)
                if idx is None:
                    continue  # a stray closing mark (or an apostrophe after s')
                while len(stack) > idx + 1:  # inner quotes left open end here
                    inner = stack.pop()
                    if inner.family != "single":
                        close(inner, i, True)
                entry = stack.pop()
                close(entry, i, False)
            else:
                if family == "single" and not stack and not _pairs_in_block(text, i, block):
                    continue
                stack.append(_Open(family, i, bi, [], i + 1))
        if stack:
            stack = _carry_over(text, blocks, bi, stack, close)
    while stack:
        entry = stack.pop()
        close(entry, blocks[entry.block].end, True)
    for quote in found:
        _classify(text, quote)
    return found


def _carry_over(text: str, blocks: list[Block], bi: int, stack: list[_Open],
                close: Callable[[_Open, int, bool], None]) -> list[_Open]:
    """Quotes still open at the end of block `bi`: continue into the next block or end here."""
    block = blocks[bi]
    nxt = blocks[bi + 1] if bi + 1 < len(blocks) else None
    keep: list[_Open] = []
    outer = stack[0]
    continues = False
    if nxt is not None and outer.family != "single" and nxt.kind != "heading":
        head = text[nxt.start:nxt.start + 1]
        body = text[outer.seg_start:block.end].rstrip()
        if head and head in "\"“„«":
            continues = True  # each paragraph of a long quote reopens with a mark
            skip = nxt.start + 1
        elif head and (head.islower() or head in ",;") and body[-1:] not in ".!?:":
            continues = True  # a page break cuts the quoted sentence
            skip = nxt.start
    if continues:
        outer.parts.append((outer.seg_start, block.end))
        outer.seg_start = skip
        keep.append(outer)
        for inner in stack[1:]:
            if inner.family != "single":
                close(inner, block.end, True)
        return keep
    while stack:
        entry = stack.pop()
        if entry.family == "single" and stack:
            continue
        close(entry, block.end, True)
    return keep


def _stray_inner_mark(text: str, entry: _Open, end: int) -> bool:
    """A straight double quote left open at the end of its paragraph, holding straight double
    quotes, with the writer's own words after the first of them ("wrote the ambassador"): the
    first inner mark was a stray, and the quotation ends where that inner quote does."""
    if entry.family != "double" or text[entry.mark] != '"' or not entry.nested:
        return False
    if any(text[q.start - 1:q.start] != '"' for q in entry.nested):
        return False
    first = entry.nested[0]
    after = entry.nested[1].start if len(entry.nested) > 1 else end
    return _ATTRIBUTION.search(text, first.end, after) is not None


def _pairs_in_block(text: str, i: int, block: Block) -> bool:
    """A top-level single quote opens only if a closing single quote follows in its block."""
    for m in re.finditer("['’]", text[i + 1:block.end]):
        j = i + 1 + m.start()
        if _role(text, j, m.group()) == "close":
            return True
    return False


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Quote words without surrounding spaces (punctuation stays: it was quoted)."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _block_quote(text: str, block: Block) -> Quote:
    s, e = _trim(text, block.start, block.end)
    if e - s >= 2 and text[s] in "\"“«" and text[e - 1] in "\"”»":
        inner = text[s + 1:e - 1]
        if not re.search("[\"“”«»]", inner):
            s, e = s + 1, e - 1
    # quotes inside the block quote (the cable's own, or the writer's) are nested in it
    nested = find_quotes(Article("", text, "text", blocks=[Block(s, e)]))
    return Quote(s, e, "block", [(s, e)], nested=nested)


def _classify(text: str, quote: Quote) -> None:
    """Attribution and kind ('phrase'/'scare' for short quotes) of a top-level quote."""
    quote.attribution = attribution(text, quote)
    if quote.kind == "block":
        return
    words = quote.words(text)
    if words < PHRASE_WORDS:
        # one word in quote marks ("reforms") is a scare quote whatever frames it; so are two
        # words nothing attributes ("collateral damage")
        scare = words == 1 or (words == 2 and not quote.attribution)
        quote.kind = "scare" if scare else "phrase"


def attribution(text: str, quote: Quote) -> str | None:
    """The words beside a quote that say whose words they are ('says the cable'), if any."""
    para_start, para_end = _paragraph(text, quote)
    if quote.start - para_start <= 1:
        # a quotation opening its paragraph: introduced by the paragraph before ("...:")
        floor = max(0, para_start - 2 - _ATTRIBUTION_REACH)
        before_para = text[floor:max(0, para_start - 2)].rstrip()
        if before_para.endswith(":"):
            last = list(sentence_spans(before_para, max(0, before_para.rfind("\n\n") + 2)))
            if last:
                s, e = last[-1]
                return _clip(before_para[s:e])
    spans = list(sentence_spans(text, para_start, para_end))
    first = next(((s, e) for s, e in spans if s <= quote.start < e), None)
    last = next(((s, e) for s, e in spans if s < quote.end <= e), None)
    if first is None and last is None:
        return None
    before = text[first[0]:max(first[0], quote.start - 1)] if first else ""
    after = text[min(last[1], quote.end + 1):last[1]] if last else ""
    # only the clause next to the quote: stop at another quotation
    before = re.split("[\"“”«»]", before)[-1]
    after = re.split("[\"“”«»]", after)[0]
    candidates = []
    if _ATTRIBUTION.search(after):
        candidates.append(after)
    if _ATTRIBUTION.search(before) or before.rstrip().endswith(":"):
        candidates.append(before)
    if not candidates:
        return None
    return _clip(candidates[0])


def _clip(words: str) -> str | None:
    chosen = words.strip(" \t\n,.;:—–-()")
    if len(chosen) > 200:
        chosen = chosen[:199].rstrip() + "…"
    return chosen or None


# How far from a quotation its attribution is looked for: a window, not the whole paragraph, so
# that a page of thousands of quotations in one paragraph costs linear time, not quadratic.
_ATTRIBUTION_REACH = 2000


def _paragraph(text: str, quote: Quote) -> tuple[int, int]:
    """The span of text around a quote to look for its sentence in: the paragraph it sits in,
    cut to `_ATTRIBUTION_REACH` characters either side."""
    floor = max(0, quote.start - _ATTRIBUTION_REACH)
    ceiling = min(len(text), quote.end + _ATTRIBUTION_REACH)
    s = text.rfind("\n\n", floor, quote.start)
    e = text.find("\n\n", quote.end, ceiling)
    return (floor if s == -1 else s + 2), (ceiling if e == -1 else e)
