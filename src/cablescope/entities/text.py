"""The paragraph text the model reads: header noise blanked, case restored, lines joined.

Every step keeps the text's length, so offsets found in the prepared text are offsets into the
stored paragraph (`paragraphs.text`), which is where mentions point.
"""

from __future__ import annotations

import re

from cablescope.entities.model import Block
from cablescope.entities.routing import record_end, routing_lines
from cablescope.entities.truecase import Truecaser

_NOISE = [
    re.compile(r"(?m)^[ \t]*TAGS?\b.*$"),
    re.compile(r"E\.?\s?O\.?\s*1\d{4}:?[^\n]*"),
    re.compile(r"(?m)^[ \t]*(?:REF|REFS|REFTEL)\b.*$"),
    re.compile(r"(?m)^.*\b(?:[A-Z] ){4,}[A-Z]\b.*$"),  # C O N F I D E N T I A L banners
    re.compile(r"(?m)^.*\bSECTION \d+ OF \d+\b.*$"),
    re.compile(r"(?m)^[ \t]*PAGE \d+ .*$"),
    re.compile(r"(?m)^[ \t]*[A-Z ]+ 0*\d{4,} 0*\d{2,3}(?:\.\d)? OF 0*\d{2,3}[ \t]*$"),
    # the same page break inside a paragraph whose lines were joined: "... PARIS 00005335  002
    # OF 003 ..." (the post's city in it is no name)
    re.compile(r"\b[A-Z][A-Z .]{1,30} 0*\d{4,}\s+0*\d{2,3}(?:\.\d)? OF 0*\d{2,3}\b"),
    re.compile(r"\b(?:SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|NOTAL|NNNN)\b"),
    re.compile(r"(?i)(?:please\s+)?visit\s+[^\n]{0,60}?classified\s+web\s*site\s*(?:at)?:?"),
    re.compile(r"(?i)\b(?:https?://|www\.)\S+(?:\s+(?:fm|ey|it)\b)?"),
    re.compile(r"X{4,}|x{5,}"),
    re.compile(r"=+\s*CABLE ENDS\s*=+"),
    re.compile(r"\((?:U|C|S|SBU|TS|NF|[CSU]/+NF|SBU/+NF|U/+FOUO|S/+REL[^)]{0,20})\)"),
]
# The literals some noise patterns cannot match without (in the lowered text when they ignore
# case): most paragraphs hold none, and these are the slow patterns (a line's `.*` tried at
# every line, a scan that ignores case).
_LITERALS = {
    r"(?m)^.*\bSECTION \d+ OF \d+\b.*$": ("SECTION ",),
    r"(?m)^[ \t]*[A-Z ]+ 0*\d{4,} 0*\d{2,3}(?:\.\d)? OF 0*\d{2,3}[ \t]*$": (" OF ",),
    r"\b[A-Z][A-Z .]{1,30} 0*\d{4,}\s+0*\d{2,3}(?:\.\d)? OF 0*\d{2,3}\b": (" OF ",),
    r"(?i)(?:please\s+)?visit\s+[^\n]{0,60}?classified\s+web\s*site\s*(?:at)?:?": ("visit",),
    r"(?i)\b(?:https?://|www\.)\S+(?:\s+(?:fm|ey|it)\b)?": ("http", "www."),
    r"X{4,}|x{5,}": ("XXXX", "xxxxx"),
    r"=+\s*CABLE ENDS\s*=+": ("CABLE ENDS",),
}
assert set(_LITERALS) <= {p.pattern for p in _NOISE}


def _may_match(pattern: re.Pattern[str], text: str, low: str) -> bool:
    """False only when `pattern` needs a literal that `text` lacks."""
    needles = _LITERALS.get(pattern.pattern)
    hay = low if pattern.flags & re.IGNORECASE else text
    return needles is None or any(n in hay for n in needles)


# The teletype header some pages carry before the banner: in header blocks only ("FM Muallim
# said" starting a line of a paragraph is the Foreign Minister, not the FM line). An address
# line opens with its routing indicator, "RUEHC/SECSTATE WASHDC", and a military one's with
# RH or RU ("RHMFIUU/CDR USNORTHFLEET TROMSO": no person after the title "CDR"; about 650
# such lines in 264 cables of the corpus).
_TELETYPE = re.compile(
    r"(?m)^[ \t]*(?:VZCZC\S*|[OPRZ]{1,2} \d{6}Z [A-Z]{3} \d{2}|DE RUE\S*.*|ZNY .*|ZNR .*|"
    r"[OPRZ]{2} R[UH][A-Z]{2}.*|(?:FM|TO|INFO) [A-Z].*|R[UH][A-Z]{2,6}/.*|BT|NNNN)[ \t\\]*$"
    # and the classification line: "UNCLAS MADRID 003302" names the post, not a person
    r"|^[ \t]*(?:UNCLAS\w*|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\b[^\n]*$")
_HEADING = re.compile(r"(?m)^([^\n]{3,80}?)([ \t]*\n[ \t]*-{5,})")


# A page's teletype header that a paragraph runs into (the last paragraph before a section
# break: "... DOE" then "VZCZCXRO1234", "RR RUEHXX ...", "TO RUEHC/SECSTATE WASHDC"):
# 20 paragraphs of the corpus.
_TRAILER = re.compile(r"(?m)^[ \t]*VZCZC")


def mask(text: str, header: bool = False) -> str:
    """Blank out noise (banners, TAGS, page breaks, URLs, redactions, paragraph markings; in a
    `header` block also the routing lines, and the teletype lines a paragraph runs into after
    a "VZCZC" line), keeping length and line breaks."""
    chars = list(text)
    low = text.lower()
    spans = [(m.start(), m.end()) for pattern in _NOISE
             if _may_match(pattern, text, low) for m in pattern.finditer(text)]
    if header:
        spans += [(m.start(), m.end()) for m in _TELETYPE.finditer(text)]
        spans += [(offset, offset + len(line)) for offset, line in routing_lines(text)]
        spans.append((0, record_end(text)))  # the archive's record and the cut copy before it
    elif "VZCZC" in text and (trailer := _TRAILER.search(text)):
        spans += [(m.start(), m.end()) for m in _TELETYPE.finditer(text, trailer.start())]
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _headings(text: str, truecaser: Truecaser) -> str:
    """Section headings in Title Case ("An Unforgettable Scene") read as capitals, restored."""
    def restore(m: re.Match[str]) -> str:
        line = m.group(1)
        upper = line.upper()
        fixed = truecaser.restore(upper) if len(upper) == len(line) else line
        return fixed + m.group(2)
    return _HEADING.sub(restore, text)


def prepare(block: Block, truecaser: Truecaser) -> str:
    """The text the model reads: masked, case restored, wrapped lines joined (same length).

    Line-continuation backslashes (the cables.csv form) become spaces.
    """
    text = block.text.replace("\\\n", " \n")
    text = _headings(truecaser.restore(mask(text, header=block.number is None)), truecaser)
    if block.number is not None:
        text = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
    return text.replace("\t", " ").replace("¶", " ")
