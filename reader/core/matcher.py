"""The theme matcher: text -> sorted ThemeSpans, with code-point offsets into the text.

Patterns are compiled to RE2 (a DFA engine: linear time, and fast because one scan serves
every theme). The text is scanned in chunks; an RE2 Set says which themes occur in a chunk,
and only those themes' expressions are run over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, NamedTuple, Sequence

import re2

from reader.core.themes import UNBOUNDED_LANGUAGES, LexiconError, Theme

# What a space, a hyphen and an apostrophe in a pattern stand for (see the lexicon's "about").
SPACE = r"[\s\pZ]+"
OPTIONAL_SPACE = r"[\s\pZ]*"
DASH = r"(?:[\s\pZ]*[\p{Pd}\x{2212}][\s\pZ]*|[\s\pZ]+)?"
APOSTROPHE = r"['\x{2019}\x{02BC}]"
WORD_START = r"(?:^|[^\pL\pN\pM])"  # RE2's \b knows only ASCII letters
CHUNK_BYTES = 64 * 1024
OVERLAP_BYTES = 1024  # longer than any phrase a pattern matches, so none is cut in two


class ThemeSpan(NamedTuple):
    """One match: the theme and its [start, end) in code points of the document text."""

    theme: str
    start: int
    end: int


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
    return options


def _reason(error: re2.error) -> str:
    """RE2's complaint without the expanded pattern it quotes ("missing )")."""
    message = error.args[0] if error.args else ""
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return text.split(": ", 1)[0] or "not a valid pattern"


def _compile(expression: str, where: str) -> re2._Regexp:
    try:
        return re2.compile(expression, _options())
    except re2.error as error:
        raise LexiconError(f"{where}: {_reason(error)}") from None


def check_pattern(pattern: str) -> str | None:
    """None if `pattern` is valid, else a one-line explanation (for the theme editor)."""
    try:
        re2.compile(expand_pattern(pattern), _options())
    except re2.error as error:
        return _reason(error)
    return None


def _expressions(patterns_by_language: dict[str, tuple[str, ...]], theme_id: str, kind: str) -> tuple[str | None, str | None]:
    """RE2 expressions for a theme's word patterns (en, ru) and its unbounded ones (ko); group 1 is the match."""
    bounded, unbounded = [], []
    for language, patterns in patterns_by_language.items():
        for number, pattern in enumerate(patterns):
            problem = check_pattern(pattern)
            if problem is not None:
                raise LexiconError(f"theme {theme_id}: {kind}.{language}[{number}] {pattern!r}: {problem}")
            (unbounded if language in UNBOUNDED_LANGUAGES else bounded).append(f"(?:{expand_pattern(pattern)})")
    return (
        f"{WORD_START}({'|'.join(bounded)})" if bounded else None,
        f"({'|'.join(unbounded)})" if unbounded else None,
    )


@dataclass(frozen=True)
class _CompiledTheme:
    id: str
    words: re2._Regexp | None  # whole-word patterns
    anywhere: re2._Regexp | None  # patterns that may sit inside a word
    exclude_words: re2._Regexp | None
    exclude_anywhere: re2._Regexp | None

    def spans(self, data: bytes) -> list[tuple[int, int]]:
        """Byte spans of this theme in `data`, minus those inside an excluded phrase."""
        found = _spans(self.words, data, True) + _spans(self.anywhere, data, False)
        excluded = _spans(self.exclude_words, data, True) + _spans(self.exclude_anywhere, data, False)
        if excluded:
            found = [s for s in found if not any(a <= s[0] and s[1] <= b for a, b in excluded)]
        return found


def _compile_pair(expressions: tuple[str | None, str | None], where: str) -> tuple[re2._Regexp | None, re2._Regexp | None]:
    return tuple(_compile(e, where) if e else None for e in expressions)  # type: ignore[return-value]


def _word_continues(data: bytes, end: int) -> bool:
    """Whether the byte offset `end` is inside a word (a letter, digit or mark follows)."""
    following = data[end : end + 4].decode("utf-8", "ignore")[:1]
    return bool(following) and (following.isalnum() or following in "\u0301\u0300\u0308")


def _spans(regex: re2._Regexp | None, data: bytes, whole_words: bool) -> list[tuple[int, int]]:
    """Byte spans of group 1 of every match; whole-word matches must also end at a word's end."""
    spans: list[tuple[int, int]] = []
    position = 0
    while regex is not None and (match := regex.search(data, position)) is not None:
        start, end = match.start(1), match.end(1)
        position = max(end, start + 1)
        if whole_words and _word_continues(data, end):
            position = start + 1  # "rocket" in "rocketry": not a word match
            continue
        spans.append((start, end))
    return spans


class ThemeMatcher:
    """Finds every theme of a lexicon in a text."""

    def __init__(self, themes: Sequence[Theme]) -> None:
        self.themes = list(themes)
        self._compiled: list[_CompiledTheme] = []
        self._set = re2.Set.SearchSet(_options())
        for theme in self.themes:
            expressions = _expressions(dict(theme.patterns), theme.id, "patterns")
            if not any(expressions):
                raise LexiconError(f"theme {theme.id}: no patterns")
            words, anywhere = _compile_pair(expressions, f"theme {theme.id}")
            exclude_words, exclude_anywhere = _compile_pair(_expressions(dict(theme.exclude), theme.id, "exclude"), f"theme {theme.id}")
            self._compiled.append(_CompiledTheme(theme.id, words, anywhere, exclude_words, exclude_anywhere))
            try:
                self._set.Add("|".join(e for e in expressions if e))
            except re2.error:
                raise LexiconError(f"theme {theme.id}: its patterns could not be combined") from None
        if self.themes:
            try:
                self._set.Compile()
            except re2.error:
                raise LexiconError("the lexicon is too large to compile") from None

    def match(self, text: str, only: Iterable[str] | None = None) -> list[ThemeSpan]:
        """All theme spans in `text`, sorted by start, end, theme; `only` restricts the themes."""
        wanted = None if only is None else set(only)
        data = text.encode("utf-8", "surrogatepass")
        found: set[tuple[int, int, int]] = set()
        for chunk_start, owned_end, scan_end in _chunks(data):
            window = data[chunk_start:scan_end]
            for index in self._set.Match(window) or ():
                compiled = self._compiled[index]
                if wanted is not None and compiled.id not in wanted:
                    continue
                for start, end in compiled.spans(window):
                    if chunk_start + start < owned_end:
                        found.add((chunk_start + start, chunk_start + end, index))
        return _to_code_points(data, sorted(found), self._compiled)


def _chunks(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(start, owned end, scan end) of windows that start and end at whitespace bytes."""
    start = 0
    while start < len(data):
        owned_end = _whitespace_at_or_after(data, start + CHUNK_BYTES)
        scan_end = _whitespace_at_or_after(data, owned_end + OVERLAP_BYTES)
        yield start, owned_end, scan_end
        start = owned_end


def _whitespace_at_or_after(data: bytes, position: int) -> int:
    if position >= len(data):
        return len(data)
    candidates = [found for found in (data.find(b" ", position), data.find(b"\n", position)) if found >= 0]
    return min(candidates) if candidates else len(data)


def _to_code_points(data: bytes, spans: list[tuple[int, int, int]], compiled: list[_CompiledTheme]) -> list[ThemeSpan]:
    """Byte offsets -> code-point offsets, walking the text once."""
    if not spans:
        return []
    offsets = sorted({offset for start, end, _ in spans for offset in (start, end)})
    mapping: dict[int, int] = {}
    previous_byte = previous_char = 0
    for offset in offsets:
        previous_char += len(data[previous_byte:offset].decode("utf-8", "surrogatepass"))
        previous_byte = offset
        mapping[offset] = previous_char
    result = [ThemeSpan(compiled[index].id, mapping[start], mapping[end]) for start, end, index in spans]
    return sorted(result, key=lambda span: (span.start, span.end, span.theme))
