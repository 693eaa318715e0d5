"""The checkable parts of a claim: dates, numbers, names, loaded words — and how a cable compares.

What survives translation is what a fact-checker checks first: "Em 17 de janeiro de 2008 ...
Samuel Pinheiro Guimarães" carries a day, a month, a year and a name an English cable holds
("January 17", "Guimaraes") though no other word matches. Articles are read in English,
Portuguese, Spanish, French, Swedish, German and Italian; cables are English, often in capitals.

A date in a claim either dates the document ("a cable dated February 12, 2010", "the June 2008
memo": compared with the cable's date) or an event ("Day made the admission in late September
2009": compared with the dates the cable gives for it, and never after the cable was sent).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from cablescope.trace.keys import strip_accents, word_keys

_MONTH_NAMES = {
    1: "january jan janeiro enero janvier januari januar gennaio",
    2: "february feb fevereiro febrero fevrier februari februar febbraio",
    3: "march mar marco marzo mars marz",
    4: "april apr abril avril aprile",
    5: "may maio mayo mai maj maggio",
    6: "june jun junho junio juin juni giugno",
    7: "july jul julho julio juillet juli luglio",
    8: "august aug agosto aout augusti",
    9: "september sep sept setembro septiembre setiembre septembre settembre",
    10: "october oct outubro octubre octobre oktober ottobre",
    11: "november nov novembro noviembre novembre",
    12: "december dec dezembro diciembre decembre dezember dicembre",
}
MONTHS: dict[str, int] = {name: n for n, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# English "may" and "march" are also a verb: only a month next to a day or a year, or after "in".
_AMBIGUOUS = frozenset(["may", "mar", "march", "jun", "dec", "sep", "oct", "aug", "jan"])

_DAY_MONTH = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th|:?[ae])?(?:\s*(?:-|–|e|and|och|et|y|to|a|och)\s*"
    rf"(?P<d2>\d{{1,2}}))?\.?\s+(?:de\s+|of\s+|del\s+)?(?P<m>{_MONTH})\b\.?"
    rf"(?:,?\s+(?:de\s+|del\s+)?(?P<y>(?:19|20)\d\d)\b)?", re.I)
_MONTH_DAY = re.compile(
    rf"\b(?P<m>{_MONTH})\b\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<d2>\d{{1,2}}))?"
    rf"(?!\d)(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?", re.I)
_MONTH_YEAR = re.compile(
    rf"\b(?P<m>{_MONTH})\b\.?,?\s+(?:de\s+|of\s+|del\s+)?(?P<y>(?:19|20)\d\d)\b", re.I)
_MONTH_ALONE = re.compile(
    rf"\b(?:in|em|en|i|im|dans|au|no|na|desde|since|early|late|mid|fin|fim|inicio|debut|"
    rf"slutet|borjan|end|beginning)\s+(?:of\s+|de\s+|av\s+)?(?P<m>{_MONTH})\b", re.I)
_NUMERIC = re.compile(r"\b(?P<d1>\d{1,2})/(?P<m>\d{1,2})(?:/|\s+)(?P<y>(?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<![\d/.,-])(?P<y>(?:19[6-9]|20[01])\d)(?![\d/.,-]?\d)")
_LATE = re.compile(r"\b(?:late|end of|final de|fim de|fin|slutet av|sent i)\s+(?:de\s+)?$", re.I)
_EARLY = re.compile(r"\b(?:early|beginning of|inicio de|comeco de|debut|borjan av|tidigt i)\s+"
                    r"(?:de\s+)?$", re.I)
_MID = re.compile(r"\b(?:mid|meados de|mi-|mitten av)\s*-?\s*(?:de\s+)?$", re.I)
# Words that make a date the document's date rather than an event's.
_DOCUMENT = re.compile(
    r"\b(?:dated|date[ds]?|sent|cable[sd]?|memos?|telegrams?|dispatch(?:es)?|reports?|"
    r"datad[oa]|enviad[oa]s?|telegramas?|relat[oó]rios?|documentos?|informes?|"
    r"skickade?s?|s[aä]nd[ae]?s?|sänds|rapport(?:en)?|kryptofax(?:et)?|telegrammet|"
    r"dat[ée]e?|envoy[ée]e?|c[aâ]bles?|daterad)\b", re.I)


@dataclass(frozen=True, slots=True)
class When:
    """A date as precise as the text gives it (day range, month, year may be missing)."""

    year: int | None
    month: int | None
    day_lo: int | None = None
    day_hi: int | None = None

    def overlaps(self, other: When) -> bool:
        if self.year and other.year and self.year != other.year:
            return False
        if self.month and other.month and self.month != other.month:
            return False
        if self.day_lo and other.day_lo:
            return (self.day_lo <= (other.day_hi or other.day_lo)
                    and other.day_lo <= (self.day_hi or self.day_lo))
        return True

    def comparable(self, other: When) -> bool:
        """Both say enough for a disagreement to mean something."""
        return bool(self.month and other.month) or (
            self.month is None and other.month is None and bool(self.year and other.year))

    def later_than(self, day: date) -> bool:
        """Certainly after `day` (an event a cable of that day cannot report)."""
        if self.year is None:
            return False
        if self.year != day.year:
            return self.year > day.year
        if self.month is None:
            return False
        if self.month != day.month:
            return self.month > day.month
        return self.day_lo is not None and self.day_lo > day.day

    def label(self) -> str:
        parts = []
        if self.day_lo:
            parts.append(f"{self.day_lo}" + (f"-{self.day_hi}" if self.day_hi else ""))
        if self.month:
            parts.append(date(2000, self.month, 1).strftime("%B"))
        if self.year:
            parts.append(str(self.year))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    when: When
    document: bool  # the date of a cable or memo, not of an event
    weak: bool  # a year alone ("a 2005 meeting", "the 2016 Olympics")


def find_dates(text: str, default_year: int | None = None,
               english_only: bool = False) -> list[DateMention]:
    """Dates in `text`, most precise first where they overlap. In cable text (`english_only`) a
    date without a year takes `default_year`, and a month alone ("by the end of September": a
    deadline more often than the date of what the paragraph reports) is not a date."""
    folded = text if text.isascii() else strip_accents(text)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    if not _DIGIT.search(folded):  # only "in May", "late September" can be there
        if english_only:  # a cable's "by the end of September" is a deadline, not a date
            return found
        for m in _MONTH_ALONE.finditer(folded):
            month = _month(m.group("m"), english_only, after_cue=True)
            if month is not None:
                s, e = m.start("m"), m.end("m")
                lead = _qualifier(folded, s)
                found.append(DateMention(s - lead, e, text[s - lead:e],
                                         _qualified(folded, s, When(default_year, month)),
                                         _is_document(folded, s - lead, e), False))
        return found

    def add(m: re.Match[str], when: When, weak: bool = False, lead: int = 0) -> None:
        s, e = m.span()
        s -= lead
        if any(a < e and s < b for a, b in taken):
            return
        taken.append((s, e))
        found.append(DateMention(s, e, text[s:e], when, _is_document(folded, s, e), weak))

    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(folded):
            month = _month(m.group("m"), english_only)
            if month is None:
                continue
            d1 = int(m.group("d1"))
            d2 = int(m.group("d2")) if m.group("d2") else None
            if not 1 <= d1 <= 31 or (d2 is not None and not d1 < d2 <= 31):
                continue
            year = int(m.group("y")) if m.group("y") else default_year
            add(m, When(year, month, d1, d2))
    for m in _MONTH_YEAR.finditer(folded):
        month = _month(m.group("m"), english_only)
        if month is not None:
            add(m, _qualified(folded, m.start(), When(int(m.group("y")), month)),
                lead=_qualifier(folded, m.start()))
    for m in _NUMERIC.finditer(folded):
        if not english_only and 1 <= int(m.group("m")) <= 12:
            add(m, When(int(m.group("y")), int(m.group("m")), int(m.group("d1"))))
    for m in () if english_only else _MONTH_ALONE.finditer(folded):
        month = _month(m.group("m"), english_only, after_cue=True)
        if month is not None:
            mm = re.compile(re.escape(m.group("m"))).search(folded, m.start("m"))
            if mm:
                add(mm, _qualified(folded, m.start("m"), When(default_year, month)),
                    lead=_qualifier(folded, m.start("m")))
    for m in _YEAR.finditer(folded):
        add(m, When(int(m.group("y")), None), weak=True)
    found.sort(key=lambda d: d.start)
    return found


_DIGIT = re.compile(r"\d")


def _is_document(folded: str, s: int, e: int) -> bool:
    before = folded[max(0, s - 60):s]
    after = folded[e:e + 14]
    return bool(_DOCUMENT.search(before) or _DOCUMENT.match(after.strip()))


def _month(word: str, english_only: bool, after_cue: bool = False) -> int | None:
    key = word.lower().rstrip(".")
    month = MONTHS.get(key)
    if month is None:
        return None
    if english_only and key not in _ENGLISH_MONTHS:
        return None
    if key in _AMBIGUOUS and word.islower() and not after_cue:
        return None
    return month


_ENGLISH_MONTHS = frozenset(_MONTH_NAMES[n].split()[i] for n in _MONTH_NAMES for i in (0, 1)
                            ) | {"sept"}


def _qualifier(text: str, start: int) -> int:
    """Length of 'late ', 'early ', 'mid-' written before `start` (0 if none)."""
    before = text[max(0, start - 20):start]
    for pattern in (_LATE, _EARLY, _MID):
        m = pattern.search(before)
        if m:
            return len(before) - m.start()
    return 0


def _qualified(text: str, start: int, when: When) -> When:
    """'late September' is days 20-31, 'early' 1-10, 'mid' 11-20."""
    before = text[max(0, start - 20):start]
    if _LATE.search(before):
        return When(when.year, when.month, 20, 31)
    if _EARLY.search(before):
        return When(when.year, when.month, 1, 10)
    if _MID.search(before):
        return When(when.year, when.month, 11, 20)
    return when


# --- numbers and names ---------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,\s]\d{3})+(?![\d])|(?<![\w.,])\d+(?:[.,]\d+)?(?!\d)")


def find_numbers(text: str, dates: list[DateMention]) -> list[tuple[int, int, str]]:
    """Numbers of two digits or more that are not part of a date: (start, end, digits)."""
    out = []
    for m in _NUMBER.finditer(text):
        if any(d.start <= m.start() < d.end for d in dates):
            continue
        digits = re.sub(r"[.,\s]", "", m.group())
        if len(digits) >= 2 and not (len(digits) == 4 and digits[:2] in ("19", "20")):
            out.append((m.start(), m.end(), digits))
    return out


def number_keys(text: str) -> set[str]:
    """The numbers of a cable or paragraph, as digits (for `find_numbers` to be looked up)."""
    return {re.sub(r"[.,\s]", "", m.group()) for m in _NUMBER.finditer(text)}


_NAME = re.compile(r"(?<![\w’'])[A-ZÀ-ÖØ-ÞŁŚŻ][\w’'-]*(?:\s+(?:(?:de|da|do|dos|van|von|del|"
                   r"al|bin|el|la)\s+)?[A-ZÀ-ÖØ-ÞŁŚŻ][\w’'-]*)*")
# Capitalised words that are not names (sentence openers, titles, days, months).
_NOT_NAMES = frozenset(word_keys(
    "the a an in on at as but and or if for of to by from with after before since during "
    "this that these those he she it they we his her its their our when while although "
    "according another other also yet however despite both all some one two three "
    "o os as um uma em no na nos nas do da dos das de para por com segundo ele ela eles "
    "mas e ou se que como outro outra outros nesse nessa nele nela entre durante desde "
    "el la los las un una en del al por con pero y según otro "
    "le les un une des du au aux dans pour par avec mais et ou selon "
    "den det de en ett i pa av med och men som om enligt efter under vid till han hon "
    "der die das ein eine im mit und aber "
    "monday tuesday wednesday thursday friday saturday sunday ambassador minister president "
    "embassy cable cables secretary general deputy chief department state government "
    "us u.s usa eua ministry embaixada embaixador ambassadoren ambassaden telegrama "
    "telegrammet ministro presidente senator senador sir mr mrs ms dr"))


def find_names(text: str, lowercase_words: set[str]) -> list[list[str]]:
    """Proper names in a sentence, each as its word keys: capitalised words that are not
    sentence openers, titles or months, and that the article never writes in lower case."""
    out: list[list[str]] = []
    for m in _NAME.finditer(text):
        keys = [k for k in word_keys(m.group()) if k not in _NOT_NAMES and k not in MONTHS
                and k not in lowercase_words and not k.isdigit() and len(k) > 1]
        if keys:
            out.append(keys)
    return out


# --- loaded words ---------------------------------------------------------------------------

# A word the article uses that a cable rarely would, and the English stems whose presence in the
# cable's paragraph makes it fair: "blackmailing" needs "blackmail", "destabilize" "destabiliz".
LOADED: dict[str, tuple[str, ...]] = {
    "blackmail": ("blackmail", "coerc", "extort"), "chantag": ("blackmail", "coerc", "extort"),
    "utpress": ("blackmail", "coerc", "extort"),
    "destabiliz": ("destabiliz", "destabilis", "undermin"),
    "destabilis": ("destabiliz", "destabilis", "undermin"),
    "desestabiliz": ("destabiliz", "destabilis", "undermin"),
    "lied": ("lie", "lying", "false", "untru"), "liar": ("lie", "lying", "false"),
    "ljugit": ("lie", "lying", "false", "untru"), "mentiu": ("lie", "lying", "false"),
    "mentiram": ("lie", "lying", "false"),
    "profit": ("profit", "commercial", "business"), "lucrar": ("profit", "commercial"),
    "influence the": ("influenc",), "decided to": ("decid", "decision"),
    "spying": ("spy", "spies", "intelligence", "espionage"),
    "espion": ("spy", "spies", "intelligence", "espionage"),
    "grundlurat": ("deceiv", "trick", "fool"),
    "praise": ("prais", "laud", "commend", "congratulat"),
    "elogia": ("prais", "laud", "commend", "congratulat", "effective", "efficient"),
    "threaten": ("threat", "warn", "torpedo"), "ameac": ("threat", "warn", "torpedo"),
}
_LOADED = re.compile(r"\b(" + "|".join(re.escape(k) for k in LOADED) + r")\w*", re.I)


def loaded_words(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Loaded words of a claim: (the word as written, stems a cable would need)."""
    folded = strip_accents(text)
    return [(m.group(), LOADED[m.group(1).lower()]) for m in _LOADED.finditer(folded)]


# --- who sent it ----------------------------------------------------------------------------

_AUTHOR = re.compile(
    r"\b(?:sent|written|signed|drafted|authored|enviad[oa]|assinad[oa]|escrit[oa]|skickad|"
    r"signerad|skriven|envoy[ée]e?|sign[ée]e?|firmad[oa])\s+(?:to\s+\w+\s+)?(?:by|por|pelo|"
    r"pela|av|par)\s+(?P<who>(?:[\w.-]+\s+){0,5}?[A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ][\w’'-]+)*)")


def author_named(text: str) -> list[str] | None:
    """The name a claim gives as the cable's sender ("a dispatch sent by Ellen Tauscher"), as
    word keys; None when it names none."""
    m = _AUTHOR.search(text)
    if not m:
        return None
    names = _NAME.findall(m.group("who"))
    if not names:
        return None
    keys = [k for k in word_keys(names[-1]) if k not in _NOT_NAMES]
    return keys or None
