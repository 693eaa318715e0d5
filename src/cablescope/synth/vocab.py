"""Words and names for synthetic cables: generic English plus invented words, Zipf-distributed.

Nothing here comes from a real cable. The generic words are everyday English of government and
diplomacy; the rest of the vocabulary (~20,000 words) and every person's name are invented from
syllables with a fixed seed, so the vocabulary is the same for every corpus seed and a search
benchmark on it behaves like one on real text: a few very frequent words, a long tail.
"""

from __future__ import annotations

import random
import sys
from array import array
from itertools import accumulate

_VOCAB_SEED = 1966  # fixed: the vocabulary does not depend on the corpus seed
POOL_BITS = 16  # the Zipf pool holds 2**16 words, indexed by two random bytes
ZIPF_EXPONENT = 1.05


def words(text: str) -> tuple[str, ...]:
    """A word list written as one whitespace-separated string (easier to read and edit)."""
    return tuple(text.split())


FUNCTION = words("""
the of and to in a that for on with as by is was said would not be has had he it they at
from an his their this which but are were will also about more have its or been after who
over new one two there other than into could its while all such some any both since under
between against during before only most these those however including further may should
very well now still already even because without each them her she our we us per three four
""")

NOUNS = words("""
government minister ministry election reform security cooperation budget parliament party
president opposition agreement talks negotiations policy support assistance program issue
region border trade investment energy oil gas pipeline market economy growth inflation bank
debt loan tax law court judge prosecutor case investigation police army military forces
defense officer troops operation mission embassy consulate ambassador delegation visit
meeting discussion statement proposal plan strategy framework process council committee
commission secretariat union alliance partner partners neighbors relations dialogue summit
conference declaration resolution sanctions embargo exports imports tariffs customs farmers
workers unions strike protest demonstrators students media press newspaper television radio
journalist editor coverage campaign candidate vote voters turnout ballot coalition cabinet
premier mayor governor province district capital city village population refugees migrants
asylum visa passport citizens community minority rights freedom religion church mosque
clergy education schools university health hospital disease vaccine outbreak water drought
flood harvest food prices wages pension pensions employment unemployment jobs industry
companies company firm contract contracts tender bid procurement corruption bribery fraud
smuggling trafficking narcotics cartel gang violence attack attacks bombing insurgents
militants terrorism extremists intelligence service services source contact contacts
interlocutor counterpart official officials diplomat diplomats staff adviser advisor advisers
spokesman spokeswoman director deputy secretary chairman leader leaders faction factions
movement network networks infrastructure roads railway port airport aviation shipping
fisheries environment climate emissions forest mining gold copper uranium reactor nuclear
weapons missile missiles proliferation inspection inspectors treaty verification arms
ammunition equipment training exercise exercises base bases navy air coast guard peacekeeping
ceasefire conflict crisis dispute settlement compromise concession demands pressure concerns
view views position approach stance message letter note nonpaper demarche readout report
reporting assessment analysis figures data survey poll polls results outcome consequences
impact risk risks threat threats challenge challenges opportunity priority priorities goal
goals interest interests influence role efforts initiative initiatives steps measures rules
regulation regulations license licenses permit permits decree legislation amendment draft
constitution referendum term mandate succession transition stability instability unrest
tension tensions incident incidents arrest arrests detention prison prisoners trial verdict
sentence appeal pardon amnesty release hostages kidnapping ransom reconstruction development
aid donors donor funding funds grant grants budgetary fiscal monetary currency exchange rate
reserves deficit surplus privatization subsidies subsidy telecommunications internet
technology research science space satellite health-care housing land property ownership
tourism culture exchanges scholarship alumni youth women children families ethnic tribal
clan clans elders chiefs council's week month year weeks months years days day morning
evening night time period date deadline schedule agenda outcome record history tradition
""")

VERBS = words("""
said told noted stressed added explained argued claimed insisted warned suggested confirmed
denied acknowledged admitted agreed declined refused promised pledged offered requested asked
urged called welcomed praised criticized rejected accepted approved announced launched signed
ratified adopted passed blocked delayed postponed cancelled suspended resumed continued began
started ended completed failed succeeded managed tried sought planned intended expected hoped
feared believed thought considered described characterized dismissed questioned raised
discussed reviewed examined outlined presented briefed reported indicated revealed disclosed
emphasized underscored highlighted reiterated repeated recalled complained lamented predicted
estimated calculated increased decreased reduced expanded extended limited restricted
strengthened weakened improved worsened supported opposed backed challenged defended attacked
threatened pressed pushed encouraged discouraged invited hosted visited met received
attended joined left returned arrived departed traveled moved remained stayed became appeared
seemed proved showed demonstrated reflected represented included involved affected
""")

ADJECTIVES = words("""
new former current recent previous next last first second third final major minor key main
central local regional national international foreign domestic political economic social
military financial commercial legal judicial electoral parliamentary presidential ministerial
bilateral multilateral senior junior high low strong weak positive negative constructive
difficult easy serious significant important critical urgent possible likely unlikely clear
unclear open closed public private official unofficial formal informal direct indirect
limited broad narrow full partial early late long short large small growing declining
stable fragile tense calm peaceful violent armed civilian religious ethnic independent
ruling governing opposition conservative liberal moderate radical nationalist populist
reformist pragmatic cautious skeptical optimistic pessimistic frank candid blunt detailed
brief lengthy productive useful substantive sensitive confidential classified restricted
""")

_ONSETS = words("b br c d f g gr h j k l m n p pr r s st t tr v w z")
_VOWELS = words("a e i o u a e i o ai ea ou")
_CODAS = ("", "", "", "", "n", "r", "l", "s", "t", "m", "nd", "st")
_NOUN_ENDINGS = ("", "", "", "", "tion", "ment", "ity", "ance", "ism", "er", "ia", "ar", "on")
_ADJ_ENDINGS = ("al", "ic", "ive", "ous", "ary", "ian")


def _pseudo_word(rng: random.Random, endings: tuple[str, ...]) -> str:
    stem = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                   for _ in range(rng.choice((1, 2, 2, 2, 3))))
    return stem + rng.choice(endings)


def _invent(rng: random.Random, count: int, endings: tuple[str, ...],
            taken: set[str]) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        word = _pseudo_word(rng, endings)
        if len(word) > 3 and word not in taken:
            taken.add(word)
            found.append(word)
    return found


def _zipf_ranked(generic: tuple[str, ...], invented: list[str],
                 rng: random.Random) -> tuple[str, ...]:
    """Generic words take the upper ranks, an invented word every third rank among them
    (jargon, programme and place names); the other invented words make the long tail."""
    ranked: list[str] = []
    tail = iter(invented)
    shuffled = list(dict.fromkeys(generic))
    rng.shuffle(shuffled)
    for i, word in enumerate(shuffled):
        ranked.append(word)
        if i % 3 == 2:
            ranked.append(next(tail))
    ranked.extend(tail)
    return tuple(ranked)


def _zipf_cum(size: int, offset: float) -> list[float]:
    """Cumulative Zipf-Mandelbrot weights 1/(rank+offset)^s: the offset flattens the head so
    the commonest noun is about 1% of nouns, as in real prose, not 10%."""
    return list(accumulate(1.0 / ((rank + offset) ** ZIPF_EXPONENT)
                           for rank in range(1, size + 1)))


_rng = random.Random(_VOCAB_SEED)
_taken = set(FUNCTION) | set(NOUNS) | set(VERBS) | set(ADJECTIVES)
RANKED_NOUNS = _zipf_ranked(NOUNS, _invent(_rng, 16000, _NOUN_ENDINGS, _taken), _rng)
RANKED_ADJECTIVES = _zipf_ranked(ADJECTIVES, _invent(_rng, 2500, _ADJ_ENDINGS, _taken), _rng)
VOCABULARY = tuple(dict.fromkeys(FUNCTION + VERBS + RANKED_NOUNS + RANKED_ADJECTIVES))
del _rng, _taken

# Phrase shapes: N noun, A adjective, V verb (past tense); other tokens are literal.
_SHAPES = words("""
the_N the_A_N N_of_the_N a_A_N N_N V_N V_the_A_N N_and_N the_N_V A_N N A_N_of_N
its_N their_A_N V_A_N N_of_N V_that_N V_by_the_N in_N on_N with_A_N N_V for_N
""")


def _phrase_pool() -> tuple[str, ...]:
    """2**POOL_BITS short phrases, their words drawn with Zipf weights: a uniform pick from the
    pool is a Zipf-distributed run of words that reads like a telegram, not a word salad."""
    rng = random.Random(_VOCAB_SEED + 1)
    size = 1 << POOL_BITS
    nouns = iter(rng.choices(RANKED_NOUNS, cum_weights=_zipf_cum(len(RANKED_NOUNS), 40),
                             k=3 * size))
    adjectives = iter(rng.choices(RANKED_ADJECTIVES,
                                  cum_weights=_zipf_cum(len(RANKED_ADJECTIVES), 20), k=size))
    verbs = iter(rng.choices(VERBS, cum_weights=_zipf_cum(len(VERBS), 8), k=size))
    slots = {"N": nouns, "A": adjectives, "V": verbs}
    pool = []
    for shape in rng.choices(_SHAPES, k=size):
        pool.append(" ".join(next(slots[t]) if t in slots else t for t in shape.split("_")))
    return tuple(pool)


ZIPF_POOL = _phrase_pool()


def indices(rng: random.Random, count: int) -> array[int]:
    """`count` uniform indices into ZIPF_POOL, made in one call (fast, and the same on every
    platform: the bytes are read little-endian)."""
    values = array("H", rng.randbytes(2 * count))
    if sys.byteorder == "big":
        values.byteswap()
    return values


# -- names ---------------------------------------------------------------------------------------

# Per naming style: syllables and endings for given names and surnames. All names are invented.
NAME_STYLES: dict[str, dict[str, tuple[str, ...]]] = {
    "romance": {
        "syl": words("ma ri lu ca ve lo san to fer nan gi ro be ni da mi ce pa ra tor"),
        "given_end": words("o a io ia el ine ette ard en ès"),
        "sur_end": words("ez es ini elli eira ard ier ot ac ón ès al"),
    },
    "germanic": {
        "syl": words("hal ber wil sten kar dor wen fri gun hel ul ra mar len ot ing"),
        "given_end": words("hard bert rik ke win mut a"),
        "sur_end": words("mann berg stein sen dorf er ling hoff"),
    },
    "slavic": {
        "syl": words("vla dim bor sla ko ra ne mi ste pan lu da go ve zor ka"),
        "given_end": words("mir slav an ana iya ko"),
        "sur_end": words("ov ova enko sky ski ich ić in"),
    },
    "arabic": {
        "syl": words("ha sa mi ra ka di fa ri ja ma zu la ba na qa ta"),
        "given_end": words("im an id ir a ah ud"),
        "sur_end": words("i awi ani oun ar ash"),
    },
    "asian": {
        "syl": words("ka shi to wen li jun hao mi ya sa ne ko bin tan hu ro"),
        "given_end": words("o ko ro ji ya an"),
        "sur_end": words("mura ta da gawa ng n shi"),
    },
    "anglo": {
        "syl": words("dar wal ken mar ber har lin gor pres wes tal hol brad cal den rus"),
        "given_end": words("rel ter ny ley don ett an ine"),
        "sur_end": words("son ley ton ford er field well man wick"),
    },
}


def invent_name(rng: random.Random, style: str) -> tuple[str, str]:
    """A (given name, surname) pair in a naming style."""
    parts = NAME_STYLES[style]
    given = rng.choice(parts["syl"]) + rng.choice(parts["given_end"])
    surname = "".join(rng.choice(parts["syl"]) for _ in range(rng.choice((1, 2, 2)))) + rng.choice(
        parts["sur_end"])
    if style == "arabic" and rng.random() < 0.3:
        surname = "Al-" + surname.capitalize()
    return given.capitalize(), surname[0].upper() + surname[1:]
