"""The theme matcher: text -> sorted ThemeSpans, with code-point offsets into the text.

Patterns are compiled to RE2 (a DFA engine: linear time), one expression per theme, kind and
word rule. All of them joined into one expression find, in a single scan, the next place where
any of them matches; an anchored RE2 Set then says which ones match there. From that, what each
expression would find if it were searched over the whole text on its own is rebuilt. RE2 scans
without Python's GIL, and the Python work per match is kept small: the window runs the matcher in
its matching process (core/match_process.py), other features on worker threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate, chain, repeat
from operator import add, le, sub
from typing import Callable, Iterable, Sequence

import re2
import unicodedata

from reader.core.theme_spans import SpanColumns, ThemeSpan
from reader.core.themes import UNBOUNDED_LANGUAGES, LexiconError, Theme

__all__ = ["ThemeMatcher", "ThemeSpan", "SpanColumns", "expand_pattern"]

# What a space, a hyphen and an apostrophe in a pattern stand for (see the lexicon's "about").
SPACE = r"[\s\pZ]+"
OPTIONAL_SPACE = r"[\s\pZ]*"
DASH = r"(?:[\s\pZ]*[\p{Pd}\x{2212}][\s\pZ]*|[\s\pZ]+)?"
APOSTROPHE = r"['\x{2019}\x{02BC}]"
SPANS_PER_STEP = 4096  # offsets are converted in steps, so that no single C call holds the GIL long


def expand_pattern(pattern: str) -> str:
    """A lexicon pattern as plain RE2 syntax: spaces, hyphens and apostrophes made tolerant."""
    out: list[str] = []
    in_class = in_flags = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
            out.append(char)
        elif in_flags:
            in_flags = char not in ":)"
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "(" and pattern.startswith("(?", index):
            in_flags = True
            out.append("(?")
            index += 1
        elif char == " " and pattern.startswith("?", index + 1):
            out.append(OPTIONAL_SPACE)  # "철도 ?연결": with or without a space
            index += 1
        elif char == " ":
            out.append(SPACE)
        elif char == "-":
            out.append(DASH)
        elif char in "'\u2019":
            out.append(APOSTROPHE)
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.longest_match = True  # "missile testing", not "missile test" + "ing"
    options.log_errors = False  # errors are reported to the user, not logged to stderr by RE2
    options.max_mem = 256 << 20  # a large lexicon's DFA needs more than the 8 MB default
    options.never_capture = True  # a user's "(missile|rocket)" groups without capturing: only whole matches are used
    return options


def _reason(error: re2.error) -> str:
    """RE2's complaint without the expanded pattern it quotes ("missing )")."""
    message = error.args[0] if error.args else ""
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return text.split(": ", 1)[0] or "not a valid pattern"


def check_pattern(pattern: str) -> str | None:
    """None if `pattern` is valid, else a one-line explanation (for the theme editor)."""
    try:
        re2.compile(expand_pattern(pattern), _options())
    except re2.error as error:
        return _reason(error)
    return None


def _expressions(patterns_by_language: dict[str, tuple[str, ...]], theme_id: str, kind: str) -> tuple[str | None, str | None]:
    """RE2 expressions for a theme's word patterns (en, ru) and its unbounded ones (ko)."""
    bounded, unbounded = [], []
    for language, patterns in patterns_by_language.items():
        for pattern in patterns:
            (unbounded if language in UNBOUNDED_LANGUAGES else bounded).append(f"(?:{expand_pattern(pattern)})")
    # No capture groups: RE2 then finds a match with its DFAs alone, several times faster.
    return ("|".join(bounded) or None, "|".join(unbounded) or None)


def _first_bad_pattern(theme: Theme) -> str:
    """Which pattern of a theme RE2 refuses, and why (looked for only once compiling has failed)."""
    for kind, table in (("patterns", theme.patterns), ("exclude", theme.exclude)):
        for language, patterns in table.items():
            for number, pattern in enumerate(patterns):
                problem = check_pattern(pattern)
                if problem is not None:
                    return f"theme {theme.id}: {kind}.{language}[{number}] {pattern!r}: {problem}"
    return f"theme {theme.id}: its patterns could not be compiled"


Search = Callable[[bytes, int, int], list[tuple[int, int]]]


@dataclass(frozen=True)
class _Expression:
    """One expression of a theme: what it finds (or excludes) and how words are bounded."""

    theme: int  # index into the matcher's themes
    excludes: bool
    source: str  # in RE2 syntax
    whole_words: bool


# Per byte: 1 for an ASCII letter or digit, 2 for a byte of a non-ASCII character, 0 otherwise.
_WORD_BYTE = bytes(2 if byte >= 0x80 else 1 if chr(byte).isalnum() else 0 for byte in range(256))
# Translation table marking the bytes that continue a UTF-8 sequence, i.e. do not start a code point.
_CONTINUATION = bytes(0x80 if 0x80 <= byte < 0xC0 else 0 for byte in range(256))


def _is_word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or unicodedata.category(char).startswith("M"))


@lru_cache(maxsize=4096)
def _is_word_encoded(encoded: bytes) -> bool | None:
    """Whether one UTF-8 encoded character is a letter, digit or mark; None if it is not one valid character."""
    try:
        return _is_word_char(encoded.decode("utf-8"))
    except UnicodeDecodeError:
        return None


def _word_before(data: bytes, start: int) -> bool:
    """Whether the non-ASCII character that ends at `start` is a letter, digit or mark."""
    begin = start - 1
    while begin > max(start - 4, 0) and 0x80 <= data[begin] < 0xC0:  # back to the character's first byte
        begin -= 1
    known = _is_word_encoded(data[begin:start])
    if known is None:  # not a valid character (a lone surrogate): the last one that decodes counts
        known = _is_word_char(data[max(start - 4, 0) : start].decode("utf-8", "ignore")[-1:])
    return known


def _word_after(data: bytes, end: int) -> bool:
    """Whether the non-ASCII character that starts at `end` is a letter, digit or mark."""
    lead = data[end]
    known = _is_word_encoded(data[end : end + (2 if lead < 0xE0 else 3 if lead < 0xF0 else 4)])
    if known is None:  # not a valid character (a lone surrogate): the first one that decodes counts
        known = _is_word_char(data[end : end + 4].decode("utf-8", "ignore")[:1])
    return known


def _searcher(regex: re2._Regexp, anchored: bool) -> Search:
    """A fast `search(data, position, end) -> [(start, end), ...]` over bytes, start -1 if nothing is
    found; `anchored`: only a match that starts at `position`.

    google-re2's public `search` builds a match object per call; on a long document with many
    matches that costs more than the matching itself, so the compiled RE2 object is called
    directly when the installed version exposes it.
    """
    raw = getattr(regex, "_regexp", None)
    anchors = getattr(re2, "_Anchor", None)
    if raw is not None and anchors is not None and hasattr(raw, "Match"):
        return partial(raw.Match, anchors.ANCHOR_START if anchored else anchors.UNANCHORED)
    find = regex.match if anchored else regex.search

    def search_public(data: bytes, position: int, end: int) -> list[tuple[int, int]]:
        match = find(data, position, end)
        return [(-1, -1)] if match is None else [match.span()]

    return search_public


def _has_assertion(expression: str) -> bool:
    r"""Whether an RE2 expression has an assertion about its surroundings (\b, \B, \A, \z, ^, $)
    outside a character class. A false "yes" only costs speed."""
    in_class = escaped = False
    for char in expression:
        if escaped:
            escaped = False
            if not in_class and char in "bBAz":
                return True
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "^$":
            return True
    return False


def _apart_and_not_excluded(spans: list[tuple[int, int]], excluded: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of a theme's sorted spans, those not inside an excluded phrase, and none that starts inside
    an earlier one (as a scan of the whole text would resume after a match)."""
    if spans and not excluded:
        starts, ends = zip(*spans)
        if all(map(le, accumulate(ends, max), starts[1:])):
            return spans  # the usual case, checked without a Python step per span: none starts inside another
    kept: list[tuple[int, int]] = []
    furthest = reach = -1  # furthest end of the kept spans; of the excluded ones started so far
    next_excluded = 0
    for span in spans:
        start, end = span
        while next_excluded < len(excluded) and excluded[next_excluded][0] <= start:
            reach = max(reach, excluded[next_excluded][1])
            next_excluded += 1
        if end <= reach or start < furthest:
            continue
        kept.append(span)
        furthest = max(furthest, end)
    return kept


class ThemeMatcher:
    """Finds every theme of a lexicon in a text."""

    def __init__(self, themes: Sequence[Theme]) -> None:
        self.themes = list(themes)
        self._expressions: list[_Expression] = []
        self._set = re2.Set.MatchSet(_options())  # which expressions match at a given place
        for number, theme in enumerate(self.themes):
            finds = _expressions(dict(theme.patterns), theme.id, "patterns")
            if not any(finds):
                raise LexiconError(f"theme {theme.id}: no patterns")
            excludes = _expressions(dict(theme.exclude), theme.id, "exclude")
            kinds = ((finds[0], False, True), (finds[1], False, False), (excludes[0], True, True), (excludes[1], True, False))
            for expression, excluding, whole_words in kinds:
                if expression:
                    try:
                        self._set.Add(expression)  # parses it
                    except re2.error:
                        raise LexiconError(_first_bad_pattern(theme)) from None
                    self._expressions.append(_Expression(number, excluding, expression, whole_words))
        self._locate: Search | None = None  # the next place where any expression matches, and its longest match
        if self._expressions:
            try:
                self._set.Compile()
                joined = "|".join(f"(?:{expression.source})" for expression in self._expressions)
                self._locate = _searcher(re2.compile(joined, _options()), anchored=False)
            except re2.error:
                raise LexiconError("the lexicon is too large to compile") from None
        # An expression alone is compiled only if two expressions match at one place (compiling costs time).
        self._longest_at: list[Search | None] = [None] * len(self._expressions)
        # A user pattern with \b, ^ or $ depends on what lies around a phrase, not on the phrase alone:
        # such expressions are tried on the whole text at each place instead of by the phrase's Set answer.
        self._in_context = {index: _searcher(re2.compile(e.source, _options()), anchored=True) for index, e in enumerate(self._expressions) if _has_assertion(e.source)}

    def match(self, text: str, only: Iterable[str] | None = None) -> list[ThemeSpan]:
        """All theme spans in `text`, sorted by start, end and lexicon order; `only` restricts the themes."""
        return self.columns(text, only).spans()

    def columns(self, text: str | bytes, only: Iterable[str] | None = None) -> SpanColumns:
        """`match`'s spans as columns. `text` may be given as its UTF-8 (a file's bytes, not decoded
        again); offsets are in code points of the text either way."""
        data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
        continuation = None if data.isascii() else data.translate(_CONTINUATION)  # 0x80 where a byte continues a character
        length = len(text) if isinstance(text, str) else len(data) - (continuation.count(b"\x80") if continuation else 0)
        ids = tuple(theme.id for theme in self.themes)
        if self._locate is None:
            return SpanColumns(ids, [], [], [], length)
        wanted = None if only is None else set(only)
        finds: list[list[list[tuple[int, int]]]] = [[] for _ in self.themes]
        excluded: list[list[list[tuple[int, int]]]] = [[] for _ in self.themes]
        for expression, spans in zip(self._expressions, self._spans_of_each_expression(data, self._locate)):
            if spans:
                (excluded if expression.excludes else finds)[expression.theme].append(spans)
        found: list[tuple[int, int, int]] = []
        for number, theme in enumerate(self.themes):
            if not finds[number] or (wanted is not None and theme.id not in wanted):
                continue  # a theme's excluded phrases matter only where it is found
            spans = finds[number][0] if len(finds[number]) == 1 else sorted(chain.from_iterable(finds[number]))
            if excluded[number] or len(finds[number]) > 1:
                spans = _apart_and_not_excluded(spans, sorted(chain.from_iterable(excluded[number])))
            found.extend(map(add, spans, repeat((number,))))
        found.sort()  # runs sorted by start, one per theme: a quick merge
        return SpanColumns(ids, *_to_code_points(continuation, found), length)

    def _spans_of_each_expression(self, data: bytes, locate: Search) -> list[list[tuple[int, int]]]:
        """Byte spans of what each expression finds when searched over `data` on its own: the
        leftmost-longest match, then the next one from its end. A whole-word match that touches a
        letter, digit or mark ("rocket" in "rocketry") is not one: the search goes on a byte further."""
        spans: list[list[tuple[int, int]]] = [[] for _ in self._expressions]
        resume = [0] * len(spans)  # where each expression's own search would go on from
        whole_words = [expression.whole_words for expression in self._expressions]
        size, word_byte, in_context = len(data), _WORD_BYTE, self._in_context

        def with_details(matches: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int, bool, Callable], ...]:
            return tuple((index, length, whole_words[index], spans[index].append) for index, length in matches)

        # phrase -> (expression, length, whole words only, where its spans go) of each match it starts with
        starting: dict[bytes, tuple[tuple[int, int, bool, Callable], ...]] = {}
        position = 0
        while True:
            start, end = locate(data, position, size)[0]  # where the next match of any expression starts; its longest end
            if start < 0:
                break
            position = start + 1  # other expressions may match further in
            phrase = data[start:end]
            here = starting.get(phrase)
            if here is None:
                here = starting[phrase] = with_details(self._matches_at_start(phrase))
            if in_context:
                here += with_details(self._matches_in_context(data, start, size))
            for index, length, whole, keep in here:
                if start < resume[index]:
                    continue  # inside this expression's previous match
                stop = start + length
                if whole:
                    before = word_byte[data[start - 1]] if start else 0
                    after = word_byte[data[stop]] if stop < size else 0
                    if (before and (before == 1 or _word_before(data, start))) or (after and (after == 1 or _word_after(data, stop))):
                        resume[index] = start + 1
                        continue
                keep((start, stop))
                resume[index] = stop if stop > start else start + 1
        return spans

    def _matches_at_start(self, phrase: bytes) -> tuple[tuple[int, int], ...]:
        """(expression, length of its longest match) for each expression that matches at the start of
        `phrase`, itself the longest match of any expression there. No match there is longer, so the
        answer depends on the phrase alone, and a text's repeated phrases are looked up only once."""
        indexes = [index for index in self._set.Match(phrase) or () if index not in self._in_context]
        if len(indexes) == 1:
            return ((indexes[0], len(phrase)),)
        return tuple((index, self._longest_match(index, phrase)) for index in indexes)

    def _matches_in_context(self, data: bytes, start: int, size: int) -> tuple[tuple[int, int], ...]:
        """(expression, length) for each expression with assertions that matches at `start` of the whole text."""
        found = []
        for index, search in self._in_context.items():
            match_start, match_end = search(data, start, size)[0]
            if match_start >= 0:
                found.append((index, match_end - start))
        return tuple(found)

    def _longest_match(self, index: int, phrase: bytes) -> int:
        """Length of expression `index`'s longest match at the start of `phrase`."""
        longest_at = self._longest_at[index]
        if longest_at is None:
            longest_at = self._longest_at[index] = _searcher(re2.compile(self._expressions[index].source, _options()), anchored=True)
        return longest_at(phrase, 0, len(phrase))[0][1]


def _to_code_points(continuation: bytes | None, spans: list[tuple[int, int, int]]) -> tuple[list[int], list[int], list[int]]:
    """(start, end, theme number) in bytes -> columns of theme numbers, starts and ends in code points.
    A code point starts at every byte that does not continue a UTF-8 sequence, so an offset's code
    point is the offset less the continuation bytes before it (`continuation` marks them; None: ASCII)."""
    numbers: list[int] = []
    starts_in_code_points: list[int] = []
    ends_in_code_points: list[int] = []
    base = continued = 0  # a byte offset at or before every span left to convert; continuation bytes before it
    for first in range(0, len(spans), SPANS_PER_STEP):
        starts, ends, indexes = zip(*spans[first : first + SPANS_PER_STEP])
        numbers.extend(indexes)
        if continuation is None:
            starts_in_code_points.extend(starts)
            ends_in_code_points.extend(ends)
            continue
        count, marks = continuation.count, repeat(b"\x80")  # count(marks, start, end): continuation bytes in [start, end)
        before = list(accumulate(map(count, marks, chain((base,), starts), starts), initial=continued))[1:]
        starts_in_code_points.extend(map(sub, starts, before))
        ends_in_code_points.extend(map(sub, map(sub, ends, before), map(count, marks, starts, ends)))
        base, continued = starts[-1], before[-1]
    return numbers, starts_in_code_points, ends_in_code_points
