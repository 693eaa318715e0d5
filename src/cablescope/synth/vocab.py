"""English words of government and diplomacy, and invented personal names, for synthetic cables.

Nothing here comes from a real cable: the words are everyday English (the head of each word class
in `lexicon`), every name is invented from syllables of a naming style.
"""

from __future__ import annotations

import random


def words(text: str) -> tuple[str, ...]:
    """A word list written as one whitespace-separated string (easier to read and edit)."""
    return tuple(text.split())


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
