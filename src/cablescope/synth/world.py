"""The synthetic cable world: posts, tags, titles and the people at each post over time.

Posts are real-world capitals and missions (as any atlas lists them) so the IDs look like real
ones (`05PARIS5335`); every person is invented, deterministically from the corpus seed, the post
and the period, so the same minister recurs across a post's cables and entity benchmarks have
something to find.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from cablescope.synth.vocab import invent_name, words


@dataclass(frozen=True, slots=True)
class Post:
    code: str  # as in cable IDs: PARIS, SAOPAULO, STATE
    banner: str  # as in the text: PARIS, SAO PAULO, STATE
    origin: str  # as in the metadata: Embassy Paris
    geo: str  # country or organisation tag: FR
    style: str  # naming style of the people met there
    weight: float  # share of the corpus
    ref_name: str = ""  # how others cite it when different from banner: SECSTATE


def _post(kind: str, name: str, geo: str, style: str, weight: float) -> Post:
    banner = name.upper()
    return Post(banner.replace(" ", "").replace("-", ""), banner, f"{kind} {name}", geo, style,
                weight)


_EMBASSIES = """
Paris FR romance 4; Berlin GM germanic 3; London UK anglo 3; Madrid SP romance 2.5;
Rome IT romance 2.5; Ankara TU arabic 3; Moscow RS slavic 3; Kyiv UP slavic 2; Warsaw PL slavic 1.5;
Prague EZ slavic 1; Vienna AU germanic 1.2; The Hague NL germanic 1.5; Brussels BE romance 1.2;
Stockholm SW germanic 1; Oslo NO germanic 0.8; Copenhagen DA germanic 0.8; Helsinki FI germanic 0.7;
Reykjavik IC germanic 0.4; Athens GR romance 1.2; Sofia BU slavic 1; Bucharest RO romance 1;
Belgrade RI slavic 1; Zagreb HR slavic 0.8; Baghdad IZ arabic 5; Amman JO arabic 1.5;
Beirut LE arabic 1.5; Damascus SY arabic 1; Cairo EG arabic 2.5; Riyadh SA arabic 1.2;
Kuwait KU arabic 1; Manama BA arabic 0.8; Doha QA arabic 0.6; Abu Dhabi AE arabic 1;
Tripoli LY arabic 0.6; Tunis TS arabic 0.8; Algiers AG arabic 0.8; Rabat MO arabic 1;
Tel Aviv IS anglo 2; Kabul AF arabic 3; Islamabad PK arabic 2.5; New Delhi IN asian 2;
Colombo CE asian 0.8; Dhaka BG asian 0.8; Kathmandu NP asian 0.6; Beijing CH asian 3;
Tokyo JA asian 3; Seoul KS asian 2; Taipei TW asian 1.5; Hanoi VM asian 1; Bangkok TH asian 1.5;
Jakarta ID asian 1.2; Manila RP asian 1; Kuala Lumpur MY asian 0.8; Canberra AS anglo 0.8;
Wellington NZ anglo 0.5; Ottawa CA anglo 1.2; Mexico MX romance 2; Havana CU romance 1;
Guatemala GT romance 0.8; San Salvador ES romance 0.6; Tegucigalpa HO romance 0.6;
Managua NU romance 0.6; San Jose CS romance 0.6; Panama PM romance 0.6; Bogota CO romance 1.5;
Caracas VE romance 1.5; Quito EC romance 0.8; Lima PE romance 1; La Paz BL romance 0.8;
Santiago CI romance 1; Buenos Aires AR romance 1.5; Montevideo UY romance 0.6;
Asuncion PA romance 0.6; Brasilia BR romance 2; Nairobi KE anglo 1.2; Addis Ababa ET anglo 1;
Khartoum SU arabic 1; Abuja NI anglo 1; Accra GH anglo 0.6; Dakar SG romance 0.6;
Pretoria SF anglo 1; Harare ZI anglo 0.8; Kinshasa CG romance 0.8; Astana KZ slavic 0.8;
Tashkent UZ slavic 0.6; Baku AJ slavic 0.8; Tbilisi GG slavic 0.8; Yerevan AM slavic 0.6;
Minsk BO slavic 0.5; Chisinau MD slavic 0.4; Vilnius LH slavic 0.4; Riga LG slavic 0.4;
Tallinn EN germanic 0.4; Ljubljana SI slavic 0.4; Bratislava LO slavic 0.4; Budapest HU slavic 0.8;
Lisbon PO romance 0.8; Dublin EI anglo 0.6; Bern SZ germanic 0.6; Valletta MT romance 0.3;
Nicosia CY romance 0.5; Tehran IR arabic 0.3; Sanaa YM arabic 0.8; Muscat MU arabic 0.5
"""

_CONSULATES = """
Sao Paulo BR romance 1.2; Rio de Janeiro BR romance 0.6; Istanbul TU arabic 1; Adana TU arabic 0.4;
Jerusalem IS arabic 1.2; Dubai AE arabic 0.5; Jeddah SA arabic 0.4; Lagos NI anglo 0.6;
Shanghai CH asian 1; Guangzhou CH asian 0.6; Hong Kong HK asian 1.2; Mumbai IN asian 0.6;
Chennai IN asian 0.4; Monterrey MX romance 0.6; Tijuana MX romance 0.4;
Ciudad Juarez MX romance 0.4;
Frankfurt GM germanic 0.6; Munich GM germanic 0.4; Marseille FR romance 0.3; Milan IT romance 0.4;
Barcelona SP romance 0.4; Toronto CA anglo 0.4; Montreal CA romance 0.3; Peshawar PK arabic 0.5;
Lahore PK arabic 0.4; Karachi PK arabic 0.4; Basrah IZ arabic 0.4; Johannesburg SF anglo 0.3
"""


def _parse(table: str, kind: str) -> list[Post]:
    posts = []
    for entry in table.replace("\n", " ").split(";"):
        *name, geo, style, weight = entry.split()
        posts.append(_post(kind, " ".join(name), geo, style, float(weight)))
    return posts


POSTS: tuple[Post, ...] = (
    Post("STATE", "STATE", "Secretary of State", "US", "anglo", 14.0, "SECSTATE"),
    Post("USUNNEWYORK", "USUN NEW YORK", "USUN New York", "UNSC", "anglo", 1.5),
    Post("USNATO", "USNATO", "Mission USNATO", "NATO", "anglo", 1.2),
    Post("USEUBRUSSELS", "USEU BRUSSELS", "USEU Brussels", "EUN", "germanic", 1.0),
    Post("UNVIEVIENNA", "UNVIE VIENNA", "UNVIE Vienna", "IAEA", "germanic", 0.6),
    Post("GENEVA", "GENEVA", "Mission Geneva", "UNHRC", "romance", 0.8),
    Post("USOSCE", "USOSCE", "Mission USOSCE", "OSCE", "germanic", 0.4),
    *_parse(_EMBASSIES, "Embassy"),
    *_parse(_CONSULATES, "Consulate"),
)

SUBJECT_TAGS = words("""
PREL PGOV ECON EFIN ELAB PHUM MARR MOPS PTER KJUS SNAR ETRD EAID ENRG SENV KDEM PINR ASEC CASC
KCRM KNNP PARM OVIP AMGT KPAO SOCI TBIO EAGR EINV ECIN KWMN KIRF PINS PHSA EPET KTFN KCOR
""")
ORG_TAGS = words("NATO UN EUN OSCE IAEA AU OAS ASEAN")

LOCAL_TITLES = words("""
Interior_Minister Foreign_Minister Prime_Minister Defense_Minister Finance_Minister
Justice_Minister Energy_Minister Trade_Minister Deputy_Foreign_Minister State_Secretary
Presidential_Advisor Chief_of_Staff Opposition_Leader Party_Chairman Governor Mayor
Senator Deputy Central_Bank_Governor Chief_Prosecutor Army_Chief_of_Staff Police_Chief
MFA_Director Ombudsman Speaker
""")
US_TITLES = ("Ambassador", "DCM", "PolOff", "EconOff", "Political Counselor",
             "Economic Counselor", "CDA", "PolMilOff", "Consul General", "A/S")
ROUTING = ("STATE FOR EUR/WE", "STATE FOR NEA/I", "STATE FOR EAP/CM", "STATE FOR WHA/AND",
           "STATE FOR AF/E", "STATE FOR SCA/A", "DEPT ALSO FOR INR", "NSC FOR SENIOR DIRECTOR",
           "COMMERCE FOR ITA", "TREASURY FOR OIA", "DOD FOR OSD/ISA", "USAID FOR DCHA",
           "DEPT PASS USTR", "LABOR FOR ILAB", "DHS FOR CIS", "JUSTICE FOR OIA")


@dataclass(frozen=True, slots=True)
class Person:
    given: str
    surname: str
    title: str
    initial: str = ""

    @property
    def full(self) -> str:
        middle = f" {self.initial}." if self.initial else ""
        return f"{self.given}{middle} {self.surname}"

    def phrase(self, full: bool) -> str:
        """As a cable names them: title and full name the first time, title and surname after."""
        return f"{self.title} {self.full}" if full else f"{self.title} {self.surname}"

    @property
    def tag(self) -> str:
        """As a person TAG: `SURNAME, GIVEN`."""
        return f"{self.surname.upper()}, {self.given.upper()}"


@lru_cache(maxsize=4096)
def locals_at(seed: int, post: str, era: int) -> tuple[Person, ...]:
    """The officials met at a post during a 4-year era (the same names recur in its cables)."""
    style = POST_BY_CODE[post].style
    rng = random.Random(f"{seed}:{post}:{era}:locals")
    people = []
    for title in rng.sample(LOCAL_TITLES, 14):
        given, surname = invent_name(rng, style)
        people.append(Person(given, surname, title.replace("_", " ")))
    return tuple(people)


@lru_cache(maxsize=4096)
def americans_at(seed: int, post: str, term: int) -> tuple[Person, ...]:
    """The post's Americans during a 3-year term: chief of mission first, then the staff."""
    rng = random.Random(f"{seed}:{post}:{term}:americans")
    chief = "Secretary" if post == "STATE" else "Ambassador"
    people = []
    for title in (chief, "DCM", "PolOff", "EconOff", "Political Counselor", "PolMilOff"):
        given, surname = invent_name(rng, "anglo")
        people.append(Person(given, surname, title, chr(rng.randrange(65, 91))))
    return tuple(people)


POST_BY_CODE = {post.code: post for post in POSTS}
