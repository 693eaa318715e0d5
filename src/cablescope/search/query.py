"""The search query language: text -> abstract syntax tree, or a QueryError naming the position.

Grammar (docs/search.md has an example per feature):

    query   := or
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*          # juxtaposition is AND; AND binds tighter than OR
    unary   := ("NOT" | "-") unary | primary
    primary := "(" or ")" | field ":" value | '"' phrase '"' ["*"] | "=" literal | word ["*"]

Operators are upper case (`and`, `or`, `not` are ordinary words). Curly double quotes delimit
phrases like straight ones. `=literal` is an exact, case- and punctuation-sensitive substring; it
runs to the next whitespace (or is quoted: `="U.S. - France"`). Values never need the database to
be checked here: field names, dates and years are validated while parsing, so a typo fails before
any SQL runs.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from cablescope.errors import QueryError

# field name -> (what it filters, an example): `cablescope search --help` and the docs list these
FIELDS: dict[str, tuple[str, str]] = {
    "id": ("a cable ID, or an ID prefix with *", "id:05PARIS5335"),
    "tag": ("an entry of the TAGS line (subject, country or person)", "tag:PREL"),
    "origin": ("words of the sending post", 'origin:"Embassy Paris"'),
    "class": ("the classification; SECRET* also finds SECRET//NOFORN", "class:CONFIDENTIAL"),
    "marking": ("a paragraph's own marking", "marking:S/NF"),
    "caveat": ("a handling caveat", "caveat:NOFORN"),
    "signer": ("a word of the signing name", "signer:STAPLETON"),
    "from": ("created on or after a date (YYYY, YYYY-MM or YYYY-MM-DD)", "from:2006-01"),
    "to": ("created on or before a date, its whole period included", "to:2007-06"),
    "year": ("created in a year", "year:2006"),
    "subject": ("words of the SUBJECT line", 'subject:"nuclear program"'),
    "ref": ("cables whose REF line cites a cable", "ref:05PARIS5232"),
}

OPEN_QUOTES = '"“”„‟〝'
CLOSE_QUOTES = '"“”„‟〞〟'
# Curly single quotes and primes read as the straight apostrophe (exact mode folds them too).
QUOTE_FOLD = str.maketrans({"‘": "'", "’": "'", "‛": "'", "′": "'", "“": '"', "”": '"',
                            "„": '"', "‟": '"', "″": '"', "〝": '"', "〞": '"', "〟": '"'})
_FIELD_NAME = re.compile(r"([A-Za-z]+):")
_WORD_STOP = set("()") | set(OPEN_QUOTES) | set(CLOSE_QUOTES)
MAX_DEPTH = 64  # nested parentheses and NOTs: deeper is a pasted accident, not a query
MAX_TERMS = 64  # words, phrases, fields and exact strings in one query
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


# --- the tree -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Word:
    """A word; several tokens (`U.S.-France`) search as a phrase. `prefix`: ended with `*`."""

    text: str
    prefix: bool = False
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A quoted phrase: its tokens in order, adjacent. `prefix`: `"nicolas sark"*`."""

    text: str
    prefix: bool = False
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Literal:
    """An exact substring of a paragraph: punctuation and case count (curly quotes fold)."""

    text: str
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Field:
    """`name:value`. For from/to/year, `low`/`high` hold the validated date range."""

    name: str
    value: str
    prefix: bool = False
    low: str | None = None
    high: str | None = None
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


Node = Word | Phrase | Literal | Field | And | Or | Not
Leaf = Word | Phrase | Literal | Field


# --- lexing ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tok:
    kind: str  # '(' ')' AND OR NOT TERM
    start: int
    end: int
    node: Leaf | None = None


class _Lexer:
    def __init__(self, query: str) -> None:
        self.q = query
        self.i = 0
        self.depth = 0  # open parentheses, so `(=a.b)` does not swallow the `)`

    def error(self, message: str, position: int) -> QueryError:
        return QueryError(message, self.q, position)

    def tokens(self) -> list[_Tok]:
        out: list[_Tok] = []
        q = self.q
        while True:
            while self.i < len(q) and q[self.i].isspace():
                self.i += 1
            if self.i >= len(q):
                return out
            c = q[self.i]
            start = self.i
            if c == "(":
                self.i += 1
                self.depth += 1
                out.append(_Tok("(", start, self.i))
            elif c == ")":
                self.i += 1
                self.depth = max(0, self.depth - 1)
                out.append(_Tok(")", start, self.i))
            elif c in OPEN_QUOTES or c in CLOSE_QUOTES:
                text, prefix = self._quoted(allow_prefix=True)
                out.append(_Tok("TERM", start, self.i, Phrase(text, prefix, start, self.i)))
            elif c == "=":
                out.append(self._literal())
            elif c == "-" and self._negation_follows():
                self.i += 1
                out.append(_Tok("NOT", start, self.i))
            else:
                out.append(self._word())

    def _negation_follows(self) -> bool:
        """`-x` negates when `-` starts a term and a term follows at once (not `--`, not `- x`)."""
        nxt = self.q[self.i + 1] if self.i + 1 < len(self.q) else ""
        return bool(nxt) and (nxt.isalnum() or nxt in "(=" or nxt in OPEN_QUOTES)

    def _quoted(self, allow_prefix: bool) -> tuple[str, bool]:
        """Read a quoted string at self.i; backslash escapes the next character."""
        q, start = self.q, self.i
        self.i += 1
        chars: list[str] = []
        while self.i < len(q):
            c = q[self.i]
            if c == "\\" and self.i + 1 < len(q):
                chars.append(q[self.i + 1])
                self.i += 2
                continue
            if c in CLOSE_QUOTES:
                self.i += 1
                prefix = False
                if allow_prefix and self.i < len(q) and q[self.i] == "*":
                    prefix = True
                    self.i += 1
                return "".join(chars), prefix
            chars.append(c)
            self.i += 1
        raise self.error("unbalanced quote: this quote is never closed", start)

    def _literal(self) -> _Tok:
        q, start = self.q, self.i
        self.i += 1
        if self.i < len(q) and (q[self.i] in OPEN_QUOTES or q[self.i] in CLOSE_QUOTES):
            text, _ = self._quoted(allow_prefix=False)
        else:
            j = self.i
            while j < len(q) and not q[j].isspace():
                j += 1
            text = q[self.i:j]
            # trailing ')' that close groups opened before belong to the grammar, not the literal
            closing = 0
            while text.endswith(")") and closing < self.depth:
                text = text[:-1]
                closing += 1
            self.i = j - closing
        if not text:
            raise self.error("empty exact string: write =text or =\"text with spaces\"", start)
        return _Tok("TERM", start, self.i, Literal(text, start, self.i))

    def _word(self) -> _Tok:
        q, start = self.q, self.i
        m = _FIELD_NAME.match(q, start)
        if m:
            return self._field(m)
        j = start
        while j < len(q) and not q[j].isspace() and q[j] not in _WORD_STOP:
            j += 1
        self.i = j
        text = q[start:j]
        if text in ("AND", "OR", "NOT"):
            return _Tok(text, start, j)
        prefix = text.endswith("*")
        body = text.rstrip("*")
        if "*" in body:
            raise self.error("'*' may only end a word (prefix search)", start + body.index("*"))
        if prefix and not body:
            raise self.error("'*' must follow the start of a word, as in sarko*", start)
        return _Tok("TERM", start, j, Word(body, prefix, start, j))

    def _field(self, m: re.Match[str]) -> _Tok:
        q, start = self.q, self.i
        name = m.group(1).lower()
        if name not in FIELDS:
            known = ", ".join(f"{f}:" for f in FIELDS)
            raise self.error(
                f"unknown field '{m.group(1)}:' (known fields: {known}; quote the text to search "
                "for it as words)", start)
        self.i = m.end()
        value_start = self.i
        prefix = False
        if self.i < len(q) and (q[self.i] in OPEN_QUOTES or q[self.i] in CLOSE_QUOTES):
            value, prefix = self._quoted(allow_prefix=True)
        elif name == "marking" and q.startswith("(", self.i) and ")" in q[self.i:]:
            j = q.index(")", self.i) + 1  # a marking as cables write it: marking:(S/NF)
            value = q[self.i:j]
            self.i = j
        else:
            j = self.i
            while j < len(q) and not q[j].isspace() and q[j] not in _WORD_STOP:
                j += 1
            value = q[self.i:j]
            self.i = j
            if value.endswith("*"):
                prefix, value = True, value.rstrip("*")
        value = value.strip()
        if not value:
            raise self.error(f"'{name}:' needs a value, as in {FIELDS[name][1]}",
                             value_start)
        node = _field_node(self, name, value, prefix, start, value_start)
        return _Tok("TERM", start, self.i, node)


def _field_node(lex: _Lexer, name: str, value: str, prefix: bool, start: int,
                value_start: int) -> Field:
    """Validate what can be validated without the database: dates, years, prefixes."""
    low = high = None
    if name in ("from", "to", "year"):
        if prefix:
            raise lex.error(f"'{name}:' takes a date, not a prefix", value_start)
        if name == "year":
            if not re.fullmatch(r"\d{4}", value):
                raise lex.error(f"bad year '{value}': write year:2006", value_start)
            low, high = date_range(value, lex, value_start)
        else:
            low, high = date_range(value, lex, value_start)
    elif prefix and name in ("ref", "caveat", "marking"):
        raise lex.error(f"'{name}:' does not take a prefix '*'", value_start)
    return Field(name, value, prefix, low, high, start, lex.i)


def date_bounds(value: str) -> tuple[str, str]:
    """`2006` / `2006-03` / `2006-03-15` -> first and last day, as 'YYYY-MM-DD'; a ValueError
    saying what is wrong otherwise (the one date check of queries and `--from`/`--to`)."""
    m = _DATE.fullmatch(value)
    if not m:
        raise ValueError(f"bad date '{value}': write YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        if month is None:
            return f"{year:04d}-01-01", f"{year:04d}-12-31"
        last_day = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        if day is None:
            date(year, month, 1)
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last_day:02d}"
        date(year, month, day)
        day_text = f"{year:04d}-{month:02d}-{day:02d}"
        return day_text, day_text
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"bad date '{value}': {exc}") from None


def date_range(value: str, lex: _Lexer, position: int) -> tuple[str, str]:
    """`date_bounds` inside a query: a bad date is a QueryError at its position."""
    try:
        return date_bounds(value)
    except ValueError as exc:
        raise lex.error(str(exc), position) from None


# --- parsing --------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, query: str, tokens: list[_Tok]) -> None:
        self.q = query
        self.toks = tokens
        self.k = 0
        self.depth = 0

    def error(self, message: str, position: int) -> QueryError:
        return QueryError(message, self.q, position)

    def peek(self) -> _Tok | None:
        return self.toks[self.k] if self.k < len(self.toks) else None

    def parse(self) -> Node:
        if not self.toks:
            raise self.error("empty query: give words, a \"phrase\" or a field such as tag:PREL", 0)
        node = self.or_()
        tok = self.peek()
        if tok is not None:  # only a stray ')' can stop the loops early
            raise self.error("unbalanced parenthesis: this ')' closes nothing", tok.start)
        return node

    def or_(self) -> Node:
        children = [self.and_()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.k += 1
            self._operand_after(tok)
            children.append(self.and_())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_(self) -> Node:
        children = [self.unary()]
        while (tok := self.peek()) is not None and tok.kind not in ("OR", ")"):
            if tok.kind == "AND":
                self.k += 1
                self._operand_after(tok)
            children.append(self.unary())
        return children[0] if len(children) == 1 else And(tuple(children))

    def unary(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise self.error("the query ends where a term was expected", len(self.q))
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"the query nests deeper than {MAX_DEPTH} levels", tok.start)
        try:
            if tok.kind == "NOT":
                self.k += 1
                self._operand_after(tok)
                return Not(self.unary())
            return self.primary()
        finally:
            self.depth -= 1

    def primary(self) -> Node:
        tok = self.peek()
        assert tok is not None
        if tok.kind == "(":
            self.k += 1
            nxt = self.peek()
            if nxt is None:
                raise self.error("unbalanced parenthesis: this '(' is never closed", tok.start)
            if nxt.kind == ")":
                raise self.error("empty parentheses", tok.start)
            node = self.or_()
            close = self.peek()
            if close is None or close.kind != ")":
                raise self.error("unbalanced parenthesis: this '(' is never closed", tok.start)
            self.k += 1
            return node
        if tok.kind == "TERM":
            self.k += 1
            assert tok.node is not None
            return tok.node
        if tok.kind == ")":
            raise self.error("unbalanced parenthesis: this ')' closes nothing", tok.start)
        raise self.error(f"{tok.kind} needs a term before it", tok.start)

    def _operand_after(self, op: _Tok) -> None:
        nxt = self.peek()
        if nxt is None:
            raise self.error(f"{op.kind} needs a term after it", op.start)
        if nxt.kind in ("AND", "OR", ")"):
            raise self.error(f"{op.kind} is followed by {nxt.kind}, not by a term", nxt.start)


def parse(query: str) -> Node:
    """Parse a query of the search language; raises QueryError (with the position) if malformed.

    >>> parse('kouchner AND (iraq OR afghanistan) NOT darfur')
    And(children=(Word(text='kouchner', prefix=False), Or(children=(Word(text='iraq', \
prefix=False), Word(text='afghanistan', prefix=False))), Not(child=Word(text='darfur', \
prefix=False))))
    """
    if not isinstance(query, str):
        raise TypeError("query must be a str")
    lexer = _Lexer(query)
    tokens = lexer.tokens()
    terms = [t for t in tokens if t.kind == "TERM"]
    if len(terms) > MAX_TERMS:
        raise QueryError(f"too many terms: at most {MAX_TERMS} (to find a passage, search a "
                         "phrase of it or use =\"exact text\")", query, terms[MAX_TERMS].start)
    return _Parser(query, tokens).parse()


def exact(text: str) -> Literal:
    """The whole of `text` as one exact literal (`--exact`); a leading `=` is optional."""
    literal = text[1:] if text.startswith("=") else text
    if not literal:
        raise QueryError("empty exact string", text, 0)
    return Literal(literal, 0, len(text))


# --- back to text ---------------------------------------------------------------------------------


def _quote(text: str) -> str:
    """`text` in double quotes, every quote mark and backslash in it escaped."""
    return '"' + "".join("\\" + c if c == "\\" or c in OPEN_QUOTES or c in CLOSE_QUOTES else c
                         for c in text) + '"'


def unparse(node: Node) -> str:
    """The query text of a tree, fully parenthesised: `parse(unparse(t)) == t`."""
    if isinstance(node, Word):
        if node.text in ("AND", "OR", "NOT") or _needs_quotes(node.text) or \
                node.text.startswith(("-", "=")):
            return _quote(node.text) + ("*" if node.prefix else "")
        return node.text + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return _quote(node.text) + ("*" if node.prefix else "")
    if isinstance(node, Literal):
        return "=" + _quote(node.text)
    if isinstance(node, Field):
        return f"{node.name}:{_quote(node.value)}" + ("*" if node.prefix else "")
    if isinstance(node, Not):
        return f"NOT {unparse(node.child)}"
    joiner = " AND " if isinstance(node, And) else " OR "
    return "(" + joiner.join(unparse(c) for c in node.children) + ")"


def _needs_quotes(text: str) -> bool:
    return (not text or any(c.isspace() or c in _WORD_STOP or c in "*\\" for c in text)
            or bool(_FIELD_NAME.match(text)))


def leaves(node: Node) -> list[Leaf]:
    """Every leaf of the tree, left to right."""
    if isinstance(node, And | Or):
        return [leaf for child in node.children for leaf in leaves(child)]
    if isinstance(node, Not):
        return leaves(node.child)
    return [node]


def positive_leaves(node: Node) -> list[Leaf]:
    """The leaves not under a NOT: what a hit can contain, hence what snippets highlight."""
    if isinstance(node, And | Or):
        return [leaf for child in node.children for leaf in positive_leaves(child)]
    if isinstance(node, Not):
        return []
    return [node]


