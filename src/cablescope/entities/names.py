"""Person and organisation names: folding, parsing, and when two names may be the same person.

The rules here decide merges, so each answer carries its reason ("given name spelling variant
Nicholas ~ Nicolas"). Two names that share only a surname are *compatible* but not *the same*:
the caller must bring other evidence (the same cable, a title, a country) before merging them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from cablescope.entities.countries import COUNTRIES, DEMONYMS
from cablescope.entities.lexicon import TITLE_HEADS, TITLE_PHRASES
from cablescope.text import fold as fold_text

PARTICLES: frozenset[str] = frozenset(
    [
    "de", "da", "di", "del", "della", "dei", "der", "den", "van", "von", "le", "la", "du", "des",
    "do", "dos", "das", "al", "el", "bin", "ben", "ibn", "abu", "bint", "ter", "ten", "st", "saint",
    "y", "e",
])
TITLE_MODIFIERS: frozenset[str] = frozenset(
    [
    "former", "then", "acting", "deputy", "ex", "outgoing", "incoming", "new", "current",
    "interim", "senior", "chief",
])
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_NON_WORD = re.compile(r"[^\w\s'-]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, accents removed, curly quotes straightened, spaces collapsed.

    The comparison form of every name: "Ségolène  ROYAL" and "Segolene Royal" fold alike.
    """
    return _SPACES.sub(" ", fold_text(text.translate(_APOSTROPHES))).strip()


def name_key(text: str) -> str:
    """A folded name without punctuation, titles' periods or a leading "the"; hyphens as spaces.

    "Jean-Marie Le Pen" -> "jean marie le pen"; "the UMP's" -> "ump".
    """
    key = fold(text)
    key = re.sub(r"'s\b", "", key)
    key = _NON_WORD.sub(" ", key).replace("-", " ").replace("'", "")
    key = _SPACES.sub(" ", key).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def display_case(word: str) -> str:
    """Capitalise a word written in capitals: "MCKIBBEN" -> "McKibben", "LE" stays a particle."""
    if not word.isupper():
        return word
    low = word.lower()
    if low in PARTICLES:
        return low
    parts = re.split(r"([-'’])", low)
    out = []
    for part in parts:
        if part.startswith("mc") and len(part) > 2:
            out.append("Mc" + part[2:].capitalize())
        else:
            out.append(part.capitalize())
    return "".join(out)


def _is_initial(token: str) -> bool:
    return len(token) == 1


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name split into folded tokens, with the form it was written in.

    `tokens` exclude titles; particles ("le", "de", "al") stay. The surname is the last token
    with the particles just before it ("le pen"); the given names are the tokens before that.
    """

    tokens: tuple[str, ...]
    display: str
    surname: str = field(init=False, compare=False)
    given: tuple[str, ...] = field(init=False, compare=False)

    def __post_init__(self) -> None:  # computed once: resolution asks millions of times
        toks = self.tokens
        i = len(toks) - 1
        while i > 0 and toks[i - 1] in PARTICLES:
            i -= 1
        object.__setattr__(self, "surname", " ".join(toks[max(i, 0):]))
        object.__setattr__(self, "given", tuple(t for t in toks[:max(i, 0)]
                                                if t not in PARTICLES))

    @property
    def key(self) -> str:
        return " ".join(self.tokens)

    @property
    def surname_forms(self) -> set[str]:
        """How the surname is written alone: "de Villepin" and "Villepin", "Al-Tabtabae"."""
        shown = self.surname_display
        forms = {shown}
        words = shown.split()
        if len(words) > 1 and words[0].lower() in PARTICLES:
            forms.add(" ".join(words[1:]))
        return forms

    @property
    def surname_display(self) -> str:
        """The surname as displayed ("Al-Tabtabae" of "Walid Al-Tabtabae", "Le Pen")."""
        want = len(self.surname.split())
        words = self.display.split()
        taken: list[str] = []
        while words and want > 0:
            word = words.pop()
            if not taken:  # the last word: hyphenated it is one token, or particle + name
                head, _, tail = fold(word).partition("-")
                want -= 2 if tail and head in PARTICLES else 1
            else:
                want -= max(1, len(name_key(word).split()))
            taken.insert(0, word)
        return " ".join(taken)

    @property
    def surname_only(self) -> bool:
        return not self.given

    def __str__(self) -> str:
        return self.display


# A generational suffix after a surname ("Jr.", "Sr."): 137 times in 126 cables of the corpus,
# most in "Classified By" lines; no part of the surname (a father and a son of one given name
# become one name: the corpus writes both only for one family, five times).
_SUFFIX = re.compile(r"(?i)(?:jr|sr)\.?")
_REGNAL = re.compile(r"(?:X{0,2})(?:IX|IV|V?I{1,3}|V)|X{1,2}")  # a monarch's number, "II" to "XX"


@lru_cache(maxsize=1 << 16)
def parse_person(text: str) -> PersonName | None:
    """Parse a name as written in running text ("Craig R. Stapleton", "SARKOZY", "Le Pen").

    Leading titles are dropped ("Interior Minister Nicolas Sarkozy" -> Nicolas Sarkozy). Returns
    None when nothing name-like is left.
    """
    _title, rest = split_title(text)
    rest = re.sub(r"\b([A-Z])\.(?=[A-Za-z]{2})", r"\1. ", rest)  # "L.NORTON" -> "L. NORTON"
    words = [w.strip(",;:()[]\"'’") for w in rest.split()]
    words = [w for w in words if w]
    while len(words) > 1 and _not_a_name(words[0]):  # "U.S. Sarkozy", "RS Putin", "Pres Obama"
        words = words[1:]
        _title, rest = split_title(" ".join(words))
        words = rest.split()
    if words:
        words[-1] = re.sub(r"['’][sS]$", "", words[-1])
    if len(words) > 1 and _SUFFIX.fullmatch(words[-1]):
        words = words[:-1]  # "Jan K. Kowalski, Jr.": the surname is Kowalski, not "Jr."
    if not words or not words[-1]:
        return None
    display = " ".join(display_case(w) for w in words)
    if len(words) > 1 and _REGNAL.fullmatch(words[-1]):  # "Olav II": the number as written
        display = f"{display.rsplit(' ', 1)[0]} {words[-1].upper()}"
    # A hyphenated last word is one surname ("Vikmanis-Keller"); given names split ("Jean-Marie");
    # a glued particle is a particle ("al-Qirbi": al, qirbi).
    last = re.sub(r"[^\w-]+", "", fold(words[-1]).replace("'", "")).strip("-")
    head, _, tail = last.partition("-")
    last_tokens = [head, tail] if tail and head in PARTICLES else [last]
    tokens = tuple(t for t in (*name_key(" ".join(words[:-1])).split(), *last_tokens) if t)
    if not tokens or all(t in PARTICLES for t in tokens):
        return None
    return PersonName(tokens, display)


_NOT_NAME_START = frozenset({"u.s", "us", "u.s.", "usg", "u.k", "uk", "eu", "un", "pres",
                             "presidents", "honorable", "hon", "the", "embassy", "embassies"})


# Countries and nationalities that are also given names ("Israel Hernandez", "German Vargas").
_ALSO_GIVEN_NAMES = frozenset({"jordan", "georgia", "chad", "israel", "india", "kenya",
                               "german", "franco", "florence", "lebanon"})


def _not_a_name(word: str) -> bool:
    """A word that starts no name but is glued before one: a country or its code, a
    nationality, an abbreviated or plural title ("U.S. Sarkozy", "RS Putin", "Pres Chirac")."""
    low = fold(word).strip(".,")
    if low in _NOT_NAME_START or low.rstrip(".") in _NOT_NAME_START:
        return True
    if re.fullmatch(r"[A-Z]{2}", word) and word in COUNTRIES:  # a FIPS code: "RS", "FR"
        return True
    head = low.split("-")[0].rstrip(".")
    if head in _NOT_NAME_START:  # "U.S.-Costa"
        return True
    return head not in _ALSO_GIVEN_NAMES and (head in _country_words() or head in DEMONYMS)


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    return frozenset(fold(name) for name, _iso in COUNTRIES.values())


def parse_person_tag(tag: str) -> PersonName | None:
    """A TAGS person tag, `SURNAME, GIVEN` ("SARKOZY, NICOLAS"), as a name in reading order."""
    if "," not in tag:
        return parse_person(tag)
    surname, _, given = tag.partition(",")
    return parse_person(f"{given.strip()} {surname.strip()}")


def split_title(text: str) -> tuple[str | None, str]:
    """Split a leading title off a name: "FM Kouchner" -> ("Foreign Minister", "Kouchner").

    Only titles from the lexicon are split; the title returned is the canonical one.
    """
    words = text.split()
    glued = re.match(r"(?i)(then|ex)-(.+)", words[0]) if words else None
    if glued:
        words = [glued.group(1), glued.group(2), *words[1:]]
    if len(words) > 2 and words[0].lower().rstrip("-") in TITLE_MODIFIERS:
        inner, rest = split_title(" ".join(words[1:]))
        if inner:
            return f"{words[0].rstrip('-').capitalize()} {inner}", rest
    best: tuple[str | None, int] = (None, 0)
    for n in range(min(4, len(words) - 1), 0, -1):
        phrase = " ".join(words[:n]).lower().rstrip(".")
        found = TITLE_PHRASES.get(phrase) or (TITLE_HEADS.get(phrase) if n == 1 else None)
        if not found and n == 1 and "." in phrase:  # "P.M.", "F.M."
            found = TITLE_HEADS.get(phrase.replace(".", ""))
        if found:
            best = (found, n)
            break
    title, n = best
    if title:
        # Titles can stack ("Former Foreign Minister", "Deputy FM"): keep stripping.
        inner_title, rest = split_title(" ".join(words[n:]))
        return (f"{title} {inner_title}" if inner_title else title), rest
    return None, text


_SMALL_WORDS = frozenset({"of", "for", "the", "and", "to", "in", "on", "d'affaires"})
_PAST = frozenset({"former", "then", "ex", "outgoing", "late"})


def canonical_title(title: str) -> str | None:
    """One form for the ways a title is written: "French President", "president" and "Pres."
    are "President"; "FM" is "Foreign Minister"; "UMP party president" keeps its party; a title
    no longer held stays marked ("Former Interior Minister"). None when nothing is left."""
    words = title.replace("-", " - ").split()
    past = []
    while words and (fold(words[0]).strip(".") in _PAST or words[0] == "-"):
        past.append(words.pop(0))
    while len(words) > 1 and (_not_a_name(words[0]) or fold(words[0]) in {"the", "a"}):
        words = words[1:]  # "French President", "U.S. Ambassador"
    if not words:
        return None
    phrase = " ".join(words).replace(" - ", "-")
    known = TITLE_PHRASES.get(fold(phrase).rstrip(".")) or TITLE_HEADS.get(
        fold(phrase).rstrip(".").replace(".", ""))
    if known:
        shown = known
    else:
        shown = " ".join(w if (w.isupper() and len(w) > 1) or fold(w) in _SMALL_WORDS
                         else w[:1].upper() + w[1:].lower() for w in phrase.split())
    return ("Former " if any(w != "-" for w in past) else "") + shown


def _edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, stopping early once it exceeds `limit` (names are short)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _skeleton(word: str) -> str:
    """Consonant skeleton for transliteration variants: Mohammed/Muhammad -> mhmd."""
    word = word.replace("ph", "f").replace("kh", "k").replace("ck", "k")
    out = [c for c in word if c not in "aeiouyhw"]
    return "".join(c for i, c in enumerate(out) if i == 0 or c != out[i - 1])


def spelling_variant(a: str, b: str) -> bool:
    """Two folded given names that are one person's name spelt two ways (Nicholas ~ Nicolas,
    Binyamin ~ Benjamin). A final vowel that changes is another name (Maria, Mario)."""
    if a == b:
        return True
    if a[0] != b[0] or min(len(a), len(b)) < 4:
        return False
    if a[-1] != b[-1] and a[-1] in "aeiou" and b[-1] in "aeiou" and a[:-1] == b[:-1]:
        return False
    if _edit_distance(a, b, 1) <= 1:
        return True
    ta, tb = _transliterated(a), _transliterated(b)
    if min(len(ta), len(tb)) >= 5 and _edit_distance(ta, tb, 1) <= 1:
        return True
    return len(a) >= 5 and _skeleton(a) == _skeleton(b) and _edit_distance(a, b, 3) <= 3


def _transliterated(word: str) -> str:
    """One spelling for the ways a name is transliterated: Binyamin/Benjamin -> beniamin."""
    for old, new in (("ph", "f"), ("kh", "k"), ("ck", "k"), ("dj", "j"), ("j", "y"), ("y", "i"),
                     ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ie", "i"), ("w", "v")):
        word = word.replace(old, new)
    return "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])


# Short forms of given names: the same person signs "Mike Mullen" and "Michael Mullen".
_NICKNAMES: dict[str, tuple[str, ...]] = {
    "michael": ("mike", "mick"), "william": ("bill", "will", "billy"), "robert": ("bob", "rob"),
    "james": ("jim", "jimmy"), "joseph": ("joe",), "thomas": ("tom", "tommy"),
    "richard": ("dick", "rick", "rich"), "daniel": ("dan", "danny"), "david": ("dave",),
    "stephen": ("steve",), "steven": ("steve",), "christopher": ("chris",),
    "nicholas": ("nick",), "philip": ("phil",), "phillip": ("phil",), "anthony": ("tony",),
    "edward": ("ed", "ted", "eddie"), "samuel": ("sam",), "benjamin": ("ben", "bibi"),
    "alexander": ("alex",), "andrew": ("andy", "drew"), "patrick": ("pat",),
    "jeffrey": ("jeff",), "gerald": ("jerry",), "lawrence": ("larry",), "matthew": ("matt",),
    "timothy": ("tim",), "gregory": ("greg",), "ronald": ("ron",), "donald": ("don",),
    "kenneth": ("ken",), "charles": ("chuck", "charlie"), "frederick": ("fred",),
    "henry": ("hank", "harry"), "john": ("jack",), "katherine": ("kathy", "kate"),
    "catherine": ("cathy", "kate"), "elizabeth": ("liz", "beth", "betsy"), "susan": ("sue",),
    "jennifer": ("jenny", "jen"), "margaret": ("meg", "peggy", "maggie"), "jose": ("pepe",),
    "francisco": ("paco", "pancho"), "abdullah": ("abdallah",), "mohammed": ("mohd",),
    "vladimir": ("volodya",), "zalmay": ("zal",), "douglas": ("doug",), "gordon": ("gordie",),
    "albert": ("al",), "alfred": ("al",), "arnold": ("arnie",), "joshua": ("josh",),
    "jonathan": ("jon",), "nathaniel": ("nate",), "raymond": ("ray",), "walter": ("walt",),
}
_SHORT_FOR = {short: full for full, shorts in _NICKNAMES.items() for short in shorts}


def nickname(a: str, b: str) -> bool:
    """Whether one folded given name is the usual short form of the other (Mike ~ Michael)."""
    return _SHORT_FOR.get(a) == b or _SHORT_FOR.get(b) == a or (
        a in _SHORT_FOR and _SHORT_FOR[a] == _SHORT_FOR.get(b))


def given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """Why two lists of given names can belong to one person, or None when they cannot.

    The first given names must agree (equal, an initial, or a spelling variant); further names
    may be missing on one side ("Craig R. Stapleton" ~ "Craig Stapleton").
    """
    if not a or not b:
        return "surname only"
    fa, fb = a[0], b[0]
    if fa == fb:
        reason = "same given name"
    elif (_is_initial(fa) and fb.startswith(fa)) or (_is_initial(fb) and fa.startswith(fb)):
        reason = f"initial {fa.upper() if _is_initial(fa) else fb.upper()}."
    elif spelling_variant(fa, fb):
        reason = f"given name spelling variant {fa} ~ {fb}"
    elif nickname(fa, fb):
        reason = f"short form of the given name {fa} ~ {fb}"
    elif len(a) != len(b) and not _is_initial(fa if len(a) < len(b) else fb) and (
        (a if len(a) < len(b) else b)[0] in (b if len(a) < len(b) else a)[1:]
    ):
        return "given name among the other's given names"
    elif len(a) == len(b) > 1 and sorted(t[0] for t in a) == sorted(t[0] for t in b) and (
            {t for t in a if not _is_initial(t)} <= set(b)
            or {t for t in b if not _is_initial(t)} <= set(a)):
        return "given names in another order"  # "J. Frederick Kaplan", "Frederick J. Kaplan"
    else:
        return None
    for x, y in zip(a[1:], b[1:], strict=False):
        if x != y and not (_is_initial(x) and y.startswith(x)) and not (
            _is_initial(y) and x.startswith(y)
        ) and not spelling_variant(x, y):
            return None
    return reason


def surname_matches(short: PersonName, full: PersonName) -> bool:
    """Whether `short`'s surname is `full`'s surname or one of its later names.

    "Sarkozy" ~ "Nicolas Sarkozy"; "Lula" ~ "Luiz Inacio Lula da Silva"; "Correa" ~ "Rafael
    Correa Delgado" (Spanish double surnames). Never the first given name.
    """
    if short.surname == full.surname:
        return True
    parts = short.surname.split()
    toks = full.tokens
    for i in range(1, len(toks) - len(parts) + 1):
        if toks[i : i + len(parts)] == tuple(parts) and toks[i] not in PARTICLES:
            return True
    return False


def compatible(a: PersonName, b: PersonName) -> str | None:
    """Why `a` and `b` may be one person, or None. "surname only" means: needs more evidence."""
    if a.surname != b.surname:
        if not (a.surname_only and surname_matches(a, b)) and not (
            b.surname_only and surname_matches(b, a)
        ):
            return None
        return "surname only"
    if a.given != b.given and _REGNAL.fullmatch(a.surname.upper()):
        return None  # "Olav II" is not "Torvald bin Olav II", his son, nor "Olav III"
    return given_compatible(a.given, b.given)


def fuller(a: PersonName, b: PersonName) -> PersonName:
    """The more complete of two compatible names (more tokens, then accents, then mixed case)."""
    def score(n: PersonName) -> tuple[int, int, int]:
        return (len(n.tokens), sum(1 for t in n.tokens if not _is_initial(t)),
                int(n.display != fold(n.display)))
    return a if score(a) >= score(b) else b
