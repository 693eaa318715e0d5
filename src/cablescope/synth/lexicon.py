"""The generator's own words: English function words, a head of everyday English words of
government and diplomacy, and an unbounded supply of invented words, names and acronyms.

Nothing here comes from a cable. The open classes are indexed by frequency rank: rank r of a
class is always the same string (an English head word for the first ranks, then an invented word
made from r by a fixed bijection to syllables, so no two ranks collide and frequent ranks get
short words, as in real text). Ranks are drawn by `model.ClassSampler`; their strings are made
on first use and cached.
"""

from __future__ import annotations

import random

from cablescope.synth.vocab import ADJECTIVES, NOUNS, VERBS, words

# Closed-class English words: the symbols of the sentence model stand for these themselves.
FUNCTION = words("""
the a an this that these those such what which who whom whose where when while why how whether
of to in for on with at by from about as into over after before under between through during
against without within among upon across along around near since until toward towards beyond
despite behind above below outside inside via per than like unlike off out up down onto
and or but nor so yet because although though unless if then else also not no nor only even
just still already again ever never always often now soon later once here there very too
more most less least much many few several some any all both each every either neither other
another same own enough quite rather almost further instead however therefore thus indeed
i me my we us our ours you your he him his she her it its they them their theirs itself
himself herself themselves ourselves one
is are was were be been being am has have had having do does did done will would shall should
can could may might must
well whereas therein thereby hereby whom whatever whichever whoever
""")
FUNCTION_SET = frozenset(FUNCTION)

# Everyday English content words of news and government prose (a general list, not taken from
# any cable): the sentence model has a symbol for each, so their set phrases ("at the same time",
# "as a result of") recur at the rate the fit gives them, as in real text. Capitalised in the
# middle of a sentence (`Foreign Minister`, `United States`) they are a symbol of their own.
COMMON = words("""
said told say says saying according added noted stated stressed explained agreed asked
year years time times day days week weeks month months today yesterday tomorrow
people country countries government governments minister ministers president presidents
prime foreign state states united nations national international political economic
security military public new old first last next second third other major important good
great high large small little long short same different local regional general special
senior former current recent several many further possible likely clear strong key main
full early late part parts way ways number numbers end result results issue issues case
cases point points group groups area areas world region members member officials official
leader leaders party parties support plan plans work process law laws power control system
program programs office meeting meetings visit talks agreement relations situation
position decision decisions view views role interest interests effort efforts policy
policies level levels side sides order terms term place question questions problem
problems need needs action steps step rights force forces development change changes
information report reports press media statement comments comment discussion discussions
ministry embassy ambassador department council committee commission assembly parliament
court police army election elections campaign opposition reform reforms economy trade
energy oil water food health education business companies company bank money budget
million billion percent per cent war peace crisis conflict attack attacks border
make made take taken give given get got go going come came see seen know known think
thought want wanted use used find found include includes including continue continued
remain remains remained provide provided expect expected believe believed hold held meet
met seek sought help helped become became begin began keep kept allow allowed appear
appears appeared set put told called called call move moved lead led run ran bring brought
well also just still however likely even back down off around away today further
""")
COMMON_SET = frozenset(COMMON) - FUNCTION_SET
LITERALS = FUNCTION_SET | COMMON_SET

_nouns = [w for w in NOUNS if w.isalpha()]
_verbs_past = [w for w in VERBS if w.endswith("ed")]
_irregular = [w for w in VERBS if not w.endswith("ed")]


def _stem(past: str) -> str:
    """`announced` -> `announc`: a stem that takes `-ing` as English mostly does."""
    if past.endswith("ied"):
        return past[:-3] + "y"
    return past[:-2] if past.endswith("ed") else past


_BASE = tuple(dict.fromkeys(
    [w for w in _nouns if not w.endswith("s")] + list(ADJECTIVES)
    + [_stem(v) + ("e" if _stem(v)[-1] not in "aeiouy" and len(_stem(v)) > 4 else "")
       for v in _verbs_past[:60]]))
_PLURAL = tuple(dict.fromkeys(
    [w for w in _nouns if w.endswith("s")] + [w + "s" for w in _nouns if w[-1] not in "sxy"]))
_ING = tuple(dict.fromkeys(_stem(v) + "ing" for v in _verbs_past))
_LY = tuple(dict.fromkeys((a[:-1] + "y" if a.endswith("le") else a + "ly")
                          for a in ADJECTIVES if a[-1] not in "y"))

# The open classes of the sentence model (`fit.token_class`): English head words of each
HEADS: dict[str, tuple[str, ...]] = {
    "W": _BASE,
    "S": _PLURAL,
    "ED": tuple(dict.fromkeys(_verbs_past + _irregular)),
    "ING": _ING,
    "LY": _LY,
    "C": words("""
Minister President Government Ministry Embassy Ambassador Foreign Prime Party National
Secretary General Council Assembly Congress Court Army Police Department Office Director
Chairman Deputy Senator Governor Mayor Commission Committee Union Republic Democratic
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Post Washington Europe Africa Asia
America Americas Middle East North South West Central Security Defense Interior Justice Finance
Affairs Trade Energy Development Bank Agency Forces Navy Air Front Movement Alliance Council
Supreme Federal State Union European United Nations Kingdom Islamic International World
"""),
    "N": tuple(str(n) for n in (2, 1, 3, 4, 5, 10, 2009, 2008, 6, 7, 20, 8, 2007, 15, 30, 12,
                                 9, 2010, 2006, 11, 25, 14, 50, 100, 16, 2005, 18, 13, 17,
                                 19, 21, 22, 24, 23, 26, 28, 27, 29, 31, 40, 2004, 1.4)),
    "U": words("""
USG U.S. UN EU MFA GOB GOI MOD NGO NGOs NATO IMF AU OAS UNSC DCM FBI CIA DHS USAID GDP WTO
EXIM UNHCR ICRC IAEA NSC SOE MOU FTA IDPs PM FM HRW OSCE OECD ASEAN MP MPs ID OPIC
"""),
}

# Letters invented words are made of: consonant-vowel syllables, then a closing syllable.
_CONSONANTS = "bcdfghjklmnprstvz"
_VOWELS = "aeiou"
_CODAS = ("n", "r", "l", "s", "t", "m", "nd", "st", "k", "x", "rt", "ng")
_ENDINGS = {"W": ("", "ation", "ment", "ity", "ance", "ism", "al", "ic", "ive", "ous", "er", "ure"),
            "S": ("s",), "ED": ("ed",), "ING": ("ing",), "LY": ("ally", "ly")}
_NAME_ENDINGS = ("", "a", "o", "ez", "ov", "i", "an", "son", "er", "ic", "ani", "ski", "ura",
                 "elli", "ard", "en", "ah", "ou", "sen", "ko")


def _syllables(rank: int, salt: int) -> str:
    """Rank -> a unique run of syllables: consonant-vowel syllables then a closing one with a
    coda, so a word parses one way only (a bijection). Words of one length take a block of
    ranks, shorter ones first, and the ranks of a block are scrambled (an affine permutation)
    so that neighbouring ranks do not make neighbouring words."""
    mids = len(_CONSONANTS) * len(_VOWELS)
    size, low, length = len(_CONSONANTS) * len(_VOWELS) * len(_CODAS), 0, 0
    while rank >= low + size:
        low += size
        size *= mids
        length += 1
    offset = ((rank - low) * _coprime(size, salt) + salt) % size
    code, offset = offset % (size // mids ** length), offset // (size // mids ** length)
    consonant, vowel_coda = divmod(code, len(_VOWELS) * len(_CODAS))
    vowel, coda = divmod(vowel_coda, len(_CODAS))
    out = [_CONSONANTS[consonant] + _VOWELS[vowel] + _CODAS[coda]]
    for _ in range(length):
        offset, digit = divmod(offset, mids)
        out.append(_CONSONANTS[digit // len(_VOWELS)] + _VOWELS[digit % len(_VOWELS)])
    return "".join(reversed(out))


def _coprime(size: int, salt: int) -> int:
    """A multiplier coprime with `size` (an affine map with it is a permutation)."""
    factor = 7_919 + 2 * (salt % 1_000)  # odd
    while _gcd(factor, size) != 1:
        factor += 2
    return factor


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


class Lexicon:
    """Rank -> word for one open class; strings are made once and cached."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.head = HEADS.get(kind, ())
        self._cache: dict[int, str] = {}
        self._seed = sum(map(ord, kind)) * 7919

    def __getitem__(self, rank: int) -> str:
        word = self._cache.get(rank)
        if word is None:
            word = self._cache[rank] = self._make(rank)
        return word

    def words(self, ranks: list[int]) -> list[str]:
        """The words of many ranks (C-speed lookups for the cached ones)."""
        cache = self._cache
        found = list(map(cache.get, ranks))
        if None in found:
            found = [w if w is not None else self[r] for w, r in zip(found, ranks, strict=True)]
        return found  # type: ignore[return-value]

    def _make(self, rank: int) -> str:
        if rank < len(self.head):
            return self.head[rank]
        n = rank - len(self.head)
        if self.kind == "C":
            stem = _syllables(n // len(_NAME_ENDINGS), self._seed)
            return (stem + _NAME_ENDINGS[n % len(_NAME_ENDINGS)]).capitalize()
        if self.kind == "U":
            letters = []
            n += 26 * 26  # two letters at least
            while n:
                n, digit = divmod(n, 26)
                letters.append(chr(65 + digit))
            return "".join(letters)
        if self.kind == "N":
            return str(n + 1)
        endings = _ENDINGS[self.kind]
        stem = _syllables(n // len(endings), self._seed)
        return stem + endings[n % len(endings)]


def invented_words(rng: random.Random, kind: str, count: int, low: int, high: int) -> list[str]:
    """`count` words of a class drawn uniformly between two ranks (for stock phrases)."""
    lexicon = Lexicon(kind)
    return [lexicon[rng.randrange(low, high)] for _ in range(count)]
