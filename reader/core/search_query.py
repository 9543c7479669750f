"""What a full-text query means: its syntax, case and accent folding, and its hits in a text.

Query syntax (forgiving): plain words are ANDed; "double quotes" (or “curly”, «guillemets»,
„low-high“) make a phrase, and an unclosed quote runs to the end; a trailing * makes a
prefix (``railw*``, ``"railway li"*``); an upper-case OR between two terms matches either
(anywhere else it is the word "or"). A * anywhere else, or a query with no letters or
digits, is a ReaderError with one clear sentence. FTS5 operators typed by the user (AND,
NOT, NEAR, parentheses, column filters) are plain words or separators: every term reaches
FTS5 as a quoted phrase, so no query can fail to parse there.

Words are what SQLite's ``unicode61`` tokenizer calls tokens: runs of letters, digits and
combining marks. Everything else separates words, so non-breaking spaces, line breaks,
curly quotes, apostrophes and dashes never stop a phrase: "Khasan-Rajin" matches
``Khasan–Rajin`` and ``Khasan — Rajin``, "Korea's" matches ``Korea’s``. Matching ignores
case and the accents of Latin letters (café = cafe) and treats ё as е.

Hangul (and kana and Chinese characters) are matched as substrings, one syllable per
token: Korean writes particles and compounds without spaces (철도를, 철도련결을), so a
query for 철도 or 련결 finds both; and since Korean spacing varies (철도련결, 철도 련결),
spaces between Hangul syllables are optional on both sides. A prefix query extends the
match to the end of the word (railw* -> railways, 철도* -> 철도를). Hit offsets are code
points into the original text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reader.core.errors import ReaderError

#: Scripts written without spaces between words: each character is a token of its own.
CJK_RANGES = "\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff"
_MARKS = "\u0300-\u036f"  # combining diacritics: part of a word, ignored when comparing
_CJK = f"[{CJK_RANGES}]"
_LETTER = f"[^\\W_{CJK_RANGES}]"  # a letter or digit of a script that separates words by spaces
_WORDISH = f"(?:{_LETTER}|[{_MARKS}])"
_SEPARATOR = f"(?:[^\\w{_MARKS}]|_)+"
_TOKEN = re.compile(f"{_CJK}|{_WORDISH}+")
_CJK_CHAR = re.compile(_CJK)
_STRIP_MARKS = re.compile(f"[{_MARKS}]+")
_OPEN_QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb'
_CLOSE_QUOTES = '"\u201c\u201d\u00bb\u00ab'
_LINE_BREAKS = {ord(c): " " for c in "\n\r\t\v\f\x85\u2028\u2029"}
STAR_MESSAGE = "a * marks a prefix and goes at the end of a word, as in railw*"


class _FoldTable(dict):
    """str.translate table folding one code point to one code point, filled on first use."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        if char in "ёЁ":
            folded = "е"
        elif len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha() and all(
            unicodedata.combining(mark) for mark in decomposed[1:]
        ):
            folded = decomposed[0].lower()  # what unicode61 remove_diacritics does: accented ASCII letters only
        else:
            lower = char.lower()
            folded = lower if len(lower) == 1 else char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case `text` and drop Latin accents, keeping its length (offsets stay valid)."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def index_form(text: str) -> str:
    """The text as the FTS index sees it: folded, with every Hangul/CJK character a word of its own."""
    return _CJK_CHAR.sub(r" \g<0> ", fold(text))


@dataclass(frozen=True)
class Term:
    """A word, phrase or prefix: folded tokens, whether each is glued to the one before, prefix or not."""

    tokens: tuple[str, ...]
    joined: tuple[bool, ...]
    prefix: bool = False

    def fts(self) -> str:
        """The term in FTS5 query syntax (always a quoted phrase, so no word is read as an operator)."""
        return '"' + " ".join(self.tokens) + '"' + (" *" if self.prefix else "")

    def pattern(self) -> re.Pattern[str]:
        """Regular expression finding the term in folded text, mirroring the tokenizer."""
        parts: list[str] = []
        previous_cjk = False
        for number, token in enumerate(self.tokens):
            cjk = bool(_CJK_CHAR.fullmatch(token))
            if number == 0 and not cjk:
                parts.append(f"(?<!{_LETTER})(?<![{_MARKS}])")
            elif number > 0 and cjk and previous_cjk:  # Korean spacing varies: 철도련결 = 철도 련결
                parts.append(r"\s*" if self.joined[number] else f"(?:{_SEPARATOR})?")
            elif number > 0:
                parts.append("" if self.joined[number] else _SEPARATOR)
            previous_cjk = cjk
            parts.append(re.escape(token) if cjk else f"[{_MARKS}]*".join(map(re.escape, token)) + f"[{_MARKS}]*")
        last_cjk = bool(_CJK_CHAR.fullmatch(self.tokens[-1]))
        if self.prefix:
            parts.append(f"(?:[^\\W_]|[{_MARKS}])*" if last_cjk else f"{_WORDISH}*")
        elif not last_cjk:
            parts.append(f"(?!{_LETTER})(?![{_MARKS}])")
        return re.compile("".join(parts))


def make_term(text: str, prefix: bool = False) -> Term | None:
    """Term of the words in `text` (None when it has no letters or digits)."""
    found = [(m.start(), m.end(), _STRIP_MARKS.sub("", m.group())) for m in _TOKEN.finditer(fold(text))]
    found = [item for item in found if item[2]]
    if not found:
        return None
    joined = tuple(i > 0 and found[i - 1][1] == found[i][0] for i in range(len(found)))
    return Term(tuple(token for _, _, token in found), joined, prefix)


@dataclass(frozen=True)
class Query:
    """A parsed query: clauses that must all match, each a choice of terms (OR)."""

    text: str
    clauses: tuple[tuple[Term, ...], ...]

    def fts(self) -> str:
        """The query in FTS5 syntax."""
        return " AND ".join("(" + " OR ".join(term.fts() for term in clause) + ")" for clause in self.clauses)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Every hit as (start, end) code points, in order, not overlapping; [] unless every clause matches."""
        folded = fold(text)
        found: list[tuple[int, int]] = []
        for clause in self.clauses:
            clause_spans = [m.span() for term in clause for m in _patterns(term).finditer(folded) if m.end() > m.start()]
            if not clause_spans:
                return []
            found.extend(clause_spans)
        found.sort(key=lambda span: (span[0], -span[1]))
        merged: list[tuple[int, int]] = []
        for start, end in found:
            if not merged or start >= merged[-1][1]:
                merged.append((start, end))
        return merged


_PATTERN_CACHE: dict[Term, re.Pattern[str]] = {}


def _patterns(term: Term) -> re.Pattern[str]:
    pattern = _PATTERN_CACHE.get(term)
    if pattern is None:
        if len(_PATTERN_CACHE) > 512:
            _PATTERN_CACHE.clear()
        pattern = _PATTERN_CACHE[term] = term.pattern()
    return pattern


def _raw_terms(query: str) -> list[tuple[str, bool, bool]]:
    """Split the query into (text, prefix, is_or_operator) pieces."""
    pieces: list[tuple[str, bool, bool]] = []
    position, size = 0, len(query)
    while position < size:
        char = query[position]
        if char.isspace():
            position += 1
            continue
        if char in _OPEN_QUOTES:
            close = next((i for i in range(position + 1, size) if query[i] in _CLOSE_QUOTES), size)
            body, position = query[position + 1 : close], close + 1
            prefix = position < size and query[position] == "*"
            while position < size and query[position] == "*":
                position += 1
            if body.rstrip().endswith("*"):
                body, prefix = body.rstrip().rstrip("*"), True
            if "*" in body:
                raise ReaderError(f"cannot search for {query!r}: {STAR_MESSAGE}")
            pieces.append((body, prefix, False))
            continue
        end = position
        while end < size and not query[end].isspace() and query[end] not in _OPEN_QUOTES:
            end += 1
        word, position = query[position:end], end
        stripped = word.rstrip("*")
        if "*" in stripped or (word and not stripped):
            raise ReaderError(f"cannot search for {query!r}: {STAR_MESSAGE}")
        pieces.append((stripped, stripped != word, word == "OR"))
    return pieces


def parse_query(query: str) -> Query:
    """Parse the user's query; ReaderError with one clear sentence when there is nothing to search for."""
    items: list[Term | None] = []  # None: an OR that may join the terms either side of it
    for text, prefix, is_or in _raw_terms(query):
        term = None if is_or else make_term(text, prefix)
        if term is not None or is_or:
            items.append(term)
    clauses: list[list[Term]] = []
    join_next = False
    for number, item in enumerate(items):
        if item is None:
            if 0 < number < len(items) - 1 and items[number - 1] is not None and items[number + 1] is not None:
                join_next = True
                continue
            item = make_term("OR")  # not between two terms: the word "or"
        if join_next:
            clauses[-1].append(item)
        else:
            clauses.append([item])
        join_next = False
    if not clauses:
        raise ReaderError(f"cannot search for {query!r}: the query has no letters or digits to look for")
    return Query(query, tuple(tuple(clause) for clause in clauses))


@dataclass(frozen=True)
class SearchHit:
    """One hit as keyword in context: `match` is text[start:end]; contexts have line breaks as spaces."""

    doc_id: str
    start: int
    end: int
    left: str
    match: str
    right: str

    def as_record(self) -> dict[str, object]:
        """The hit as a flat record (document, start, end, left, match, right)."""
        return {"document": self.doc_id, "start": self.start, "end": self.end, "left": self.left, "match": self.match, "right": self.right}


def flatten(text: str) -> str:
    """Line breaks and tabs as spaces, one for one; everything else (NBSP included) unchanged."""
    return text.translate(_LINE_BREAKS)


def context(text: str, start: int, end: int, width: int = 60) -> tuple[str, str]:
    """Up to `width` code points either side of text[start:end], cut at spaces, line breaks flattened."""
    left_start = max(0, start - width)
    if left_start > 0 and not text[left_start - 1].isspace():
        cut = next((i for i in range(left_start, start) if text[i].isspace()), None)
        left_start = cut if cut is not None else left_start
    right_end = min(len(text), end + width)
    if right_end < len(text) and not text[right_end].isspace():
        cut = next((i for i in range(right_end - 1, end - 1, -1) if text[i].isspace()), None)
        right_end = cut + 1 if cut is not None else right_end
    return flatten(text[left_start:start]).lstrip(), flatten(text[end:right_end]).rstrip()


def find_hits(doc_id: str, text: str, query: Query, width: int = 60) -> list[SearchHit]:
    """Every hit of `query` in one document's text, in order, as keyword in context."""
    hits = []
    for start, end in query.spans(text):
        left, right = context(text, start, end, width)
        hits.append(SearchHit(doc_id, start, end, left, text[start:end], right))
    return hits
