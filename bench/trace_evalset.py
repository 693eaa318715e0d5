"""The evaluation set of quotation tracing: real labelled quotations, short phrases, and
generated quotations (additions), with negatives.

- `load_quotations`: every quotation of the real English articles, labelled by hand with its
  cable paragraph and its edits (tests/data/trace/quotations/, README there);
- `phrase_articles`: the short phrases read in real cables and ordinary idioms
  (tests/data/trace/phrases/), each put in quote marks in a generated article;
- `generate`: quotations cut from real paragraphs of the database with one edit of every kind
  applied (seeded), placed in generated articles of neutral prose, with negatives (invented
  sentences, scare quotes) — additions to the real labels, never in their place;
- `generate_removed`: quotations from cables then removed from a copy of the database
  (`remove_cables`): the source is missing, so they must come out unmatched.

Used by bench/quotes_eval.py and tests/test_trace_eval.py; not part of the installed package.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from cablescope.trace.article import Article, parse_article, read_article
from cablescope.trace.edits import KINDS as EDIT_KINDS
from cablescope.trace.sentences import sentence_spans

_WORD = re.compile(r"\S+")


@dataclass(slots=True)
class LabelEdit:
    """An edit named by hand: kind, texts, and where (article offsets absolute)."""

    kind: str
    article_text: str
    cable_text: str
    a_start: int
    a_end: int
    c_start: int
    c_end: int


@dataclass(slots=True)
class Case:
    """One quotation with its expected source (`cable_id` None: it must stay unmatched).

    `spans` are the cable text actually quoted (offsets into the current version's text), for
    character precision and recall; `edit` the edit kind a generator applied, `edits` the edits
    named by hand; `phrase` the short-phrase category (distinctive, common, scare, edited);
    `also` other (cable, paragraphs) that hold the same words and count as right.
    """

    id: str
    group: str  # 'real' | 'generated' (positives), 'phrase', 'negative' | 'scare' | 'removed'
    kind: str  # edit kind applied, or 'verbatim', 'multi', 'invented', 'scare', 'removed', ...
    quote: str
    cable_id: str | None = None
    paragraphs: list[int | None] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    edit: str | None = None
    status: str | None = None  # expected status when labelled
    start: int = 0  # the quote's offsets in its article's text
    end: int = 0
    edits: list[LabelEdit] | None = None
    phrase: str | None = None
    also: list[tuple[str, list[int | None]]] = field(default_factory=list)
    split: str | None = None


@dataclass(slots=True)
class EvalArticle:
    article: Article
    cases: list[Case]


# --- hand-labelled real articles -----------------------------------------------------------------


def load_quotations(path: Path, articles_dir: Path, split: str | None = None
                    ) -> list[EvalArticle]:
    """The hand-labelled quotations of the real articles (of one split, or all).

    Each label is checked against the article text: its offsets must hold the words it begins
    with (looked for nearby if the text moved a little, as a new article reader may do)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[EvalArticle] = []
    for entry in data["articles"]:
        if split and entry["split"] != split:
            continue
        article = read_article(articles_dir / entry["file"])
        text = article.text
        cases = []
        for n, label in enumerate(entry["quotes"]):
            start = _locate(text, label["begins"], label["start"], entry["file"], n)
            end = start + label["end"] - label["start"]
            source = label["source"]
            phrase = label.get("phrase")
            group = ("phrase" if phrase else "real" if source else "negative")
            edits = [LabelEdit(e["kind"], e["article_text"], e["cable_text"],
                               start + e["article_start"], start + e["article_end"],
                               e["cable_start"], e["cable_end"])
                     for e in label.get("edits", [])]
            cases.append(Case(
                id=f"{entry['file']}#{n}", group=group, kind=label["kind"],
                quote=text[start:end], cable_id=source["cable_id"] if source else None,
                paragraphs=source["paragraphs"] if source else [],
                spans=[(s, e) for s, e in source["spans"]] if source else [],
                status=label["status"], start=start, end=end, edits=edits, phrase=phrase,
                also=[(c, list(p)) for c, p in label.get("also", [])], split=entry["split"]))
        out.append(EvalArticle(article, cases))
    return out


def _locate(text: str, begins: str, start: int, name: str, n: int) -> int:
    if text.startswith(begins, start):
        return start
    near = text.find(begins, max(0, start - 200), start + 200 + len(begins))
    if near < 0:
        raise ValueError(f"{name}: label {n} does not match the article text at {start}: "
                         f"{text[start:start + 40]!r}")
    return near


_PHRASE_LEADS = ("In a cable, the embassy called it", "The ambassador wrote of",
                 "One diplomat described it as", "The cable speaks of",
                 "According to the embassy, it was")


def phrase_articles(path: Path, split: str | None = None, per_article: int = 8,
                    seed: int = 1010) -> list[EvalArticle]:
    """The short phrases read in cables, and idioms, each in quote marks after an attribution
    in generated articles (no cable named): distinctive ones must be found, common ones not."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    cases = []
    for n, item in enumerate(data["phrases"]):
        if split and item["split"] != split:
            continue
        where = item["found_in"] if item["category"] == "distinctive" else None
        # a phrase the cable has twice is right in either paragraph
        cases.append(Case(f"phrase-{n}", "phrase", "phrase", item["phrase"],
                          cable_id=where["cable_id"] if where else None,
                          paragraphs=where["paragraphs"][:1] if where else [],
                          phrase=item["category"], split=item["split"],
                          also=[(where["cable_id"], [p]) for p in where["paragraphs"][1:]]
                          if where else []))
    return compose(cases, rng, per_article, leads=_PHRASE_LEADS)


# --- generated quotations -------------------------------------------------------------------------

_GLOSSES_BRACKET = ("[sic]", "[the embassy]", "[U.S. officials]", "[in 2009]", "[the minister]")
_GLOSSES_PAREN = ("(a reference to the ruling party)", "(the foreign ministry)",
                  "(emphasis added)", "(then the ambassador)")
_INSERTS = ("reportedly", "allegedly", "secretly", "openly", "clearly")
_SUBSTITUTES = ("decision", "problem", "agreement", "country", "situation", "proposal",
                "meeting", "message", "question", "partner")
_NAMES = ("Carlos Mendes", "Ana Ribeiro", "Jorge Almeida", "Maria Souza", "Pedro Lima")


@dataclass(slots=True)
class _Source:
    cable_id: str
    number: int
    para_start: int
    text: str  # the cable's current text
    start: int  # the sentence's span in the cable text
    end: int


def _sentence_pool(conn: sqlite3.Connection, rng: random.Random, limit: int = 4000
                   ) -> list[_Source]:
    """Sentences of 12-40 words from numbered paragraphs of random cables."""
    ids = [r[0] for r in conn.execute("SELECT id FROM cables ORDER BY id")]
    rng.shuffle(ids)
    pool: list[_Source] = []
    for cable_id in ids:
        row = conn.execute(
            "SELECT v.text FROM cables c JOIN versions v ON v.cable_id = c.id "
            "AND v.version = c.version WHERE c.id = ?", (cable_id,)).fetchone()
        text = row[0]
        paras = conn.execute(
            "SELECT number, start, end FROM paragraphs WHERE cable_id = ? AND number IS NOT NULL "
            "AND end - start BETWEEN 150 AND 3000 ORDER BY seq", (cable_id,)).fetchall()
        for number, start, end in paras:
            for s, e in sentence_spans(text, start, end):
                sentence = text[s:e]
                words = sentence.split()
                if not 12 <= len(words) <= 40 or '"' in sentence or "¶" in sentence:
                    continue
                if re.search(r"\d{3} OF \d{3}|SIPDIS", sentence):
                    continue  # page marks and handling noise are not what reporters quote
                if re.match(r"\d+\.\s*\(", sentence) or sentence.count("(") != sentence.count(")"):
                    continue
                if not sentence.rstrip().endswith((".", "!", "?")) or not sentence[0].isalnum():
                    continue
                pool.append(_Source(cable_id, number, start, text, s, e))
        if len(pool) >= limit:
            break
    return pool


def _distinct(conn: sqlite3.Connection, source: _Source) -> bool:
    """No five consecutive words of the sentence occur in another cable or paragraph (checked
    with the full-text index's phrase search every three words), so the expected source is the
    only right answer, and a corpus without that cable really lacks the text."""
    words = re.findall(r"[^\W_]+", source.text[source.start:source.end])
    if len(words) < 10:
        return False
    for at in range(0, len(words) - 4, 3):
        phrase = '"' + " ".join(words[at:at + 5]) + '"'
        rows = conn.execute(
            "SELECT DISTINCT p.cable_id, p.number FROM paragraphs_fts f JOIN paragraphs p "
            "ON p.pid = f.rowid WHERE paragraphs_fts MATCH ? LIMIT 3", (phrase,)).fetchall()
        if any((cable, number) != (source.cable_id, source.number) for cable, number in rows):
            return False  # elsewhere, or twice in the cable (a summary repeating a paragraph)
    return True


def _words(source: _Source) -> list[tuple[str, int, int]]:
    return [(m.group(), source.start + m.start(), source.start + m.end())
            for m in _WORD.finditer(source.text[source.start:source.end])]


def _join(words: list[tuple[str, int, int]]) -> str:
    return " ".join(w for w, _, _ in words)


def _whole(words: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    return [(words[0][1], words[-1][2])]


def _middle(rng: random.Random, words: list, pred) -> int | None:
    """A random word index away from both ends whose word satisfies `pred`."""
    options = [i for i in range(3, len(words) - 3) if pred(words[i][0])]
    return rng.choice(options) if options else None


def _plain_word(w: str) -> bool:
    return w.isalpha() and w.islower() and len(w) >= 5


def apply_edit(kind: str, source: _Source, rng: random.Random
               ) -> tuple[str, list[tuple[int, int]]] | None:
    """The quotation `kind` makes of a source sentence and the cable spans it really quotes;
    None when the sentence does not lend itself to that edit."""
    words = _words(source)
    if kind == "verbatim":
        return _join(words), _whole(words)
    if kind in ("ellipsis", "omission"):
        if len(words) < 18:
            return None  # what is left must still be a quotation, not a phrase
        i = rng.randint(3, len(words) - 8)
        k = rng.randint(3, 6) if kind == "ellipsis" else rng.randint(2, 4)
        glue = " ... " if kind == "ellipsis" else " "
        quote = _join(words[:i]) + glue + _join(words[i + k:])
        return quote, [(words[0][1], words[i - 1][2]), (words[i + k][1], words[-1][2])]
    if kind in ("bracketed_insertion", "parenthetical_insertion", "insertion"):
        i = _middle(rng, words, lambda w: w.isalpha())
        if i is None:
            return None
        pool = {"bracketed_insertion": _GLOSSES_BRACKET,
                "parenthetical_insertion": _GLOSSES_PAREN, "insertion": _INSERTS}[kind]
        added = rng.choice(pool)
        return _join(words[:i + 1]) + " " + added + " " + _join(words[i + 1:]), _whole(words)
    if kind == "substitution":
        i = _middle(rng, words, _plain_word)
        if i is None:
            return None
        new = rng.choice([w for w in _SUBSTITUTES if w != words[i][0]])
        return _join(words[:i]) + " " + new + " " + _join(words[i + 1:]), _whole(words)
    if kind == "reordering":
        i = _middle(rng, words[:-1], lambda w: w.isalpha() and w.islower() and len(w) >= 4)
        if i is None or words[i][0] == words[i + 1][0] or not words[i + 1][0].isalpha():
            return None
        swapped = [*words[:i], words[i + 1], words[i], *words[i + 2:]]
        return _join(swapped), _whole(words)
    if kind == "spelling":
        i = _middle(rng, words, lambda w: w.isalpha() and w.islower() and len(w) >= 7)
        if i is None:
            return None
        w = words[i][0]
        j = rng.randint(1, len(w) - 3)
        if w[j] == w[j + 1]:
            return None
        typo = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        return _join(words[:i]) + " " + typo + " " + _join(words[i + 1:]), _whole(words)
    if kind == "case":
        sentence = _join(words)
        if sentence.isupper():
            return sentence.capitalize(), _whole(words)
        first = words[0][0]
        if not first[:1].isupper() or first.isupper():
            return None
        return first[0].lower() + first[1:] + " " + _join(words[1:]), _whole(words)
    if kind == "typography":
        sentence = _join(words)
        for old, new in (("--", "—"), ("'s", "’s"), ("n't", "n’t")):
            if old in sentence:
                return sentence.replace(old, new, 1), _whole(words)
        return None
    if kind == "abbreviation":
        sentence = _join(words)
        if re.search(r"\bU\.S\.", sentence):
            return re.sub(r"\bU\.S\.", "US", sentence, count=1), _whole(words)
        if re.search(r"\bUS\b", sentence):
            return re.sub(r"\bUS\b", "U.S.", sentence, count=1), _whole(words)
        return None
    if kind == "redaction":
        sentence = _join(words)
        if not re.search(r"X{6,}", sentence):
            return None
        return re.sub(r"X{6,}", rng.choice(_NAMES), sentence, count=1), _whole(words)
    raise ValueError(f"unknown edit kind {kind!r}")


_NEEDS = {
    "typography": lambda s: "--" in s or "'s" in s or "n't" in s,
    "abbreviation": lambda s: bool(re.search(r"\bU\.?S\.?\b", s)),
    "redaction": lambda s: bool(re.search(r"X{6,}", s)),
}


def generate(conn: sqlite3.Connection, seed: int = 2010, per_kind: int = 20,
             quotes_per_article: int = 10, filler_words: int = 0,
             pool_size: int = 4000) -> list[EvalArticle]:
    """Generated quotations of every edit kind (and verbatim, multi-paragraph and unmarked
    ones) from real paragraphs, with invented and scare-quote negatives, in articles of neutral
    prose."""
    rng = random.Random(seed)
    pool = _sentence_pool(conn, rng, pool_size)
    cases: list[Case] = []
    used: set[tuple[str, int]] = set()
    kinds = ("verbatim", *EDIT_KINDS)
    for kind in kinds:
        want = _NEEDS.get(kind, lambda s: True)
        candidates = [s for s in pool if want(s.text[s.start:s.end])]
        rng.shuffle(candidates)
        made = 0
        for source in candidates:
            if made >= per_kind:
                break
            if (source.cable_id, source.start) in used or not _distinct(conn, source):
                continue
            result = apply_edit(kind, source, rng)
            if result is None:
                continue
            quote, spans = result
            used.add((source.cable_id, source.start))
            cases.append(Case(f"gen-{kind}-{made}", "generated", kind, quote, source.cable_id,
                              [source.number], spans, None if kind == "verbatim" else kind))
            made += 1
    cases.extend(_multi(conn, pool, rng, per_kind, used))
    cases.extend(_unmarked(conn, pool, rng, per_kind, used))
    cases.extend(invented_cases())
    cases.extend(scare_cases(rng))
    rng.shuffle(cases)
    return compose(cases, rng, quotes_per_article, filler_words)


ACRONYMS = {  # what a writer spells out; the cable has the acronym
    "USG": "U.S. Government", "MFA": "Ministry of Foreign Affairs", "MOD": "Ministry of Defense",
    "NGO": "non-governmental organization", "NGOs": "non-governmental organizations",
    "DCM": "Deputy Chief of Mission", "FTA": "free trade agreement",
    "UNSC": "UN Security Council", "GOB": "Government of Brazil", "GOC": "Government of Colombia",
}
_CAVEAT = re.compile(r"\s(--|-)\s[^-]{3,120}?\s\1\s")
_MARKING = re.compile(r"\((?:U|C|S|SBU|TS)(?://?[A-Z]+)?\)")


def generate_hard(conn: sqlite3.Connection, seed: int = 2011, per_kind: int = 20
                  ) -> list[EvalArticle]:
    """Edits the first generator never made, from real sentences: an acronym of the cable
    spelled out by the writer (`abbreviation`: "Ministry of Foreign Affairs" for "MFA"), and a
    dash-delimited caveat right after the quotation's first words cut (`omission`: "civil
    society that we" for "civil society - the person on the street - that we")."""
    rng = random.Random(seed)
    pool = _sentence_pool(conn, rng, 20000)
    rng.shuffle(pool)
    cases: list[Case] = []
    made = {"acronym": 0, "cut caveat": 0}
    for source in pool:
        if min(made.values()) >= per_kind:
            break
        sentence = source.text[source.start:source.end]
        if _MARKING.search(sentence):
            continue  # a sub-paragraph's marking: not what a reporter quotes
        words = _words(source)
        found = None
        caveat = _CAVEAT.search(sentence)
        if made["cut caveat"] < per_kind and caveat:
            head = len(sentence[:caveat.start()].split())
            if 2 <= head <= 6 and len(sentence[caveat.end():].split()) >= 8:
                quote = " ".join(sentence[:caveat.start()].split() +
                                 sentence[caveat.end():].split())
                spans = [(source.start, source.start + caveat.start()),
                         (source.start + caveat.end(), source.end)]
                found = ("cut caveat", "omission", quote, spans)
        if found is None and made["acronym"] < per_kind:
            hits = [w for w in words if w[0].strip(".,;:()") in ACRONYMS]
            country = {"GOB": "BRASILIA", "GOC": "BOGOTA"}
            hits = [w for w in hits if country.get(w[0].strip(".,;:()"), "") in source.cable_id]
            if hits and len(words) >= 12:
                word = hits[0][0]
                short = word.strip(".,;:()")
                quote = _join(words).replace(word, word.replace(short, ACRONYMS[short]), 1)
                found = ("acronym", "abbreviation", quote, _whole(words))
        if found is None or not _distinct(conn, source):
            continue
        kind, edit, quote, spans = found
        cases.append(Case(f"hard-{kind}-{made[kind]}", "generated", kind, quote,
                          source.cable_id, [source.number], spans, edit))
        made[kind] += 1
    rng.shuffle(cases)
    return compose(cases, rng)


def _multi(conn: sqlite3.Connection, pool: list[_Source], rng: random.Random, count: int,
           used: set[tuple[str, int]]) -> list[Case]:
    """Quotations running from the last sentence of one paragraph into the next paragraph."""
    out: list[Case] = []
    cables = list(dict.fromkeys(s.cable_id for s in pool))
    rng.shuffle(cables)
    for cable_id in cables:
        if len(out) >= count:
            break
        text = conn.execute(
            "SELECT v.text FROM cables c JOIN versions v ON v.cable_id = c.id "
            "AND v.version = c.version WHERE c.id = ?", (cable_id,)).fetchone()[0]
        paras = conn.execute(
            "SELECT number, start, end FROM paragraphs WHERE cable_id = ? AND number IS NOT NULL "
            "ORDER BY seq", (cable_id,)).fetchall()
        for (n1, s1, e1), (n2, s2, e2) in itertools.pairwise(paras):
            if n2 != n1 + 1:
                continue
            last = list(sentence_spans(text, s1, e1))
            first = list(sentence_spans(text, s2, e2))
            if len(last) < 2 or len(first) < 2:
                continue
            a, b = last[-1], first[0]
            body = re.sub(r"^¶?\s*\d+\.\s*(?:\([A-Z/]+\)\s*)?", "", text[b[0]:b[1]])
            b0 = b[1] - len(body)
            if not 6 <= len(text[a[0]:a[1]].split()) <= 30 or not 6 <= len(body.split()) <= 30:
                continue
            if '"' in text[a[0]:a[1]] + body or (cable_id, a[0]) in used:
                continue
            quote = " ".join(text[a[0]:a[1]].split()) + " " + " ".join(body.split())
            used.add((cable_id, a[0]))
            out.append(Case(f"gen-multi-{len(out)}", "generated", "multi", quote, cable_id,
                            [n1, n2], [(a[0], a[1]), (b0, b[1])]))
            break
    return out


def _unmarked(conn: sqlite3.Connection, pool: list[_Source], rng: random.Random, count: int,
              used: set[tuple[str, int]]) -> list[Case]:
    """Cable sentences pasted into an article without quotation marks (unmarked reuse)."""
    out: list[Case] = []
    for source in rng.sample(pool, len(pool)):
        if len(out) >= count:
            break
        sentence = source.text[source.start:source.end]
        if (source.cable_id, source.start) in used or not sentence[0].isupper():
            continue
        if not _distinct(conn, source):
            continue
        quote, spans = apply_edit("verbatim", source, rng)
        used.add((source.cable_id, source.start))
        out.append(Case(f"gen-unmarked-{len(out)}", "generated", "unmarked", quote,
                        source.cable_id, [source.number], spans))
    return out


# Invented sentences in the register of cables: none is in the corpus (the negatives).
INVENTED = (
    "The deputy minister insisted that the pipeline agreement would be signed before the "
    "summit in Lisbon, whatever the opposition said.",
    "Our contact described the new customs code as a gift to the smugglers on the northern "
    "border and predicted riots by the spring.",
    "The governor privately admitted that the election results in three provinces had been "
    "rewritten overnight by party officials.",
    "Embassy officers were told that the navy would hold joint exercises with the visiting "
    "fleet only if parliament approved the budget.",
    "The central bank chief warned that the currency peg could not survive another quarter "
    "of falling copper prices and capital flight.",
    "According to the prosecutor, the judges had been offered apartments on the coast in "
    "exchange for dropping the smuggling charges.",
    "The opposition leader said he would boycott the talks until the security services "
    "released the students arrested at the university.",
    "A senior adviser confided that the president no longer trusted the army chief and was "
    "looking for a pretext to retire him early.",
    "The trade minister promised to lift the ban on poultry imports if Washington agreed to "
    "review the steel tariffs before the end of the year.",
    "Local journalists reported that the dam project had displaced more than nine thousand "
    "families without any compensation so far.",
    "The archbishop told poloff that the church would mediate between the rebels and the "
    "government only with guarantees from the neighbours.",
    "Industry sources estimate that half of the fuel subsidies end up in the hands of "
    "traffickers who sell the diesel across the river.",
    "The defense attache learned that the helicopters bought last year were still waiting for "
    "spare parts in a warehouse near the capital.",
    "The mayor complained that the federal government had frozen the funds for the metro line "
    "to punish the city for voting against the ruling party.",
    "Several diplomats agreed that the referendum would be postponed again because the "
    "electoral roll had not been cleaned up.",
    "The health minister acknowledged that the vaccination campaign had reached fewer than a "
    "third of the children in the rural districts.",
    "The police commander boasted that his men had dismantled four kidnapping gangs in the "
    "port city during the first half of the year.",
    "Our interlocutor argued that the peace accord would collapse unless the donors paid the "
    "salaries of the demobilized fighters on time.",
    "The foreign secretary hinted that his country might recognize the breakaway region if "
    "the negotiations in Geneva produced nothing by June.",
    "The energy regulator said the state utility had lost almost a quarter of its electricity "
    "to illegal connections and faulty meters.",
    "The union leader threatened a general strike if the government went ahead with the sale "
    "of the railways to a foreign consortium.",
    "A businessman close to the palace said the royal family had quietly moved its savings to "
    "banks in Singapore and Dubai last winter.",
    "The education minister conceded that thousands of teachers on the payroll had never set "
    "foot in a classroom in the eastern provinces.",
    "The coast guard chief admitted that his boats could patrol only one night in three for "
    "lack of fuel and trained crews.",
    "Officials at the ministry of mines expect the new gold law to double the revenue from "
    "small mines within two years.",
    "The senator claimed that the intelligence service had tapped the phones of every member "
    "of the budget committee since January.",
    "The refugee agency representative warned that the camps on the border could not absorb "
    "another wave of arrivals before the rains.",
    "The chief justice told the ambassador that the new constitution gave the courts no real "
    "power over the security forces.",
    "The planning minister expects the drought to cut the harvest by a third and push food "
    "prices to record levels before the elections.",
    "A party strategist explained that the campaign would focus on pensions because young "
    "voters were unlikely to turn out at all.",
)

_SCARE = ("reforms", "moderate", "stability", "partnership", "transparency", "cooperation",
          "democracy", "progress", "dialogue", "security", "sovereignty", "terrorists",
          "friendly", "liberation", "normalization")


def invented_cases() -> list[Case]:
    return [Case(f"invented-{i}", "negative", "invented", text)
            for i, text in enumerate(INVENTED)]


def scare_cases(rng: random.Random) -> list[Case]:
    return [Case(f"scare-{i}", "scare", "scare", word) for i, word in enumerate(_SCARE)]


# --- articles around the quotations ---------------------------------------------------------

_LEADS = ("The cable says", "According to the cable,", "The ambassador wrote that",
          "In the dispatch, the embassy noted:", "One diplomat reported that",
          "The memo adds:")
_SUBJECTS = ("Analysts in the region", "Opposition politicians", "Local reporters",
             "Business leaders", "Human rights groups", "Former officials", "Residents",
             "Economists", "Military experts", "Members of parliament")
_VERBS = ("have long argued about", "remain divided over", "keep asking questions about",
          "are watching closely", "have written at length about", "rarely discuss",
          "have protested against", "have welcomed")
_OBJECTS = ("the new budget", "the border dispute", "the pace of the reforms",
            "the role of the armed forces", "the price of fuel", "the upcoming elections",
            "the trade talks", "the investigation", "the water shortage", "the new airport")
_TAILS = ("and the debate is far from over.", "although few expect change soon.",
          "as the government prepares its response.", "while the capital stays calm.",
          "and the question will return next year.", "even as the economy slows.")


def _filler(rng: random.Random) -> str:
    return (f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}, "
            f"{rng.choice(_TAILS)}")


def compose(cases: list[Case], rng: random.Random, per_article: int = 10,
            filler_words: int = 0, leads: tuple[str, ...] = _LEADS) -> list[EvalArticle]:
    """Articles of `per_article` quotations each, with neutral prose between them (about
    `filler_words` words of it per article), offsets of each quotation recorded."""
    out: list[EvalArticle] = []
    for n in range(0, len(cases), per_article):
        chunk = cases[n:n + per_article]
        parts: list[str] = [f"Generated article {n // per_article + 1}"]
        length = len(parts[0])
        budget = max(1, filler_words // max(1, len(chunk)) // 16)
        placed: list[Case] = []
        for case in chunk:
            filler = " ".join(_filler(rng) for _ in range(budget))
            if case.kind == "scare":
                paragraph = f"{filler} Critics call it \"{case.quote}\" and nothing more."
                quote_at = len(filler) + len(' Critics call it "')
            elif case.kind == "unmarked":  # pasted as the article's own words
                paragraph = f"{filler} {case.quote}"
                quote_at = len(filler) + 1
            else:
                lead = rng.choice(leads)
                paragraph = f"{filler} {lead} “{case.quote}”"
                quote_at = len(filler) + len(lead) + 3
            start = length + 2 + quote_at
            placed.append(Case(**{**_fields(case), "start": start,
                                  "end": start + len(case.quote)}))
            parts.append(paragraph)
            length += 2 + len(paragraph)
        text = "\n\n".join(parts)
        article = parse_article(text, source=f"generated-{n // per_article + 1}.txt")
        for case in placed:
            if article.text[case.start:case.end] != case.quote:
                raise AssertionError(f"misplaced quotation {case.id}")
        out.append(EvalArticle(article, placed))
    return out


def _fields(case: Case) -> dict:
    return {name: getattr(case, name) for name in Case.__slots__}


# --- quotations from cables removed from the corpus ----------------------------------------------


def generate_removed(conn: sqlite3.Connection, seed: int = 1966, count: int = 20
                     ) -> tuple[list[str], list[EvalArticle]]:
    """Verbatim quotations from `count` cables, and those cables' IDs: remove them from a copy
    of the database (`remove_cables`) and every one must come out unmatched."""
    rng = random.Random(seed)
    pool = _sentence_pool(conn, rng, limit=600)
    cases: list[Case] = []
    removed: list[str] = []
    for source in pool:
        if len(cases) >= count:
            break
        if source.cable_id in removed or not _distinct(conn, source):
            continue
        quote, _ = apply_edit("verbatim", source, rng)
        removed.append(source.cable_id)
        cases.append(Case(f"removed-{len(cases)}", "removed", "removed", quote))
    return removed, compose(cases, rng)


def remove_cables(conn: sqlite3.Connection, cable_ids: list[str]) -> None:
    """Delete cables, every row about them, and their full-text entries (a test corpus
    without them: what the store never does to a real one)."""
    conn.execute("BEGIN IMMEDIATE")
    for cable_id in cable_ids:
        conn.execute(
            "INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) "
            "SELECT 'delete', pid, text FROM paragraphs WHERE cable_id = ?", (cable_id,))
        for table, column in (("paragraphs", "cable_id"), ("versions", "cable_id"),
                              ("refs", "citing"), ("tags", "cable_id"),
                              ("recipients", "cable_id"), ("cables", "id")):
            conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (cable_id,))
    conn.execute("COMMIT")
