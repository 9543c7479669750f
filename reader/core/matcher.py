"""The theme matcher: text -> sorted ThemeSpans, with code-point offsets into the text.

Patterns are compiled to RE2 (a DFA engine: linear time, and fast because one scan serves
every theme). The text is scanned in chunks; an RE2 Set says which themes occur in a chunk,
and only those themes' expressions are run over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence

import re2
import unicodedata

from reader.core.themes import UNBOUNDED_LANGUAGES, LexiconError, Theme

# What a space, a hyphen and an apostrophe in a pattern stand for (see the lexicon's "about").
SPACE = r"[\s\pZ]+"
OPTIONAL_SPACE = r"[\s\pZ]*"
DASH = r"(?:[\s\pZ]*[\p{Pd}\x{2212}][\s\pZ]*|[\s\pZ]+)?"
APOSTROPHE = r"['\x{2019}\x{02BC}]"
CHUNK_BYTES = 4 * 1024  # small windows: the Set then rules out most expressions for most windows
OVERLAP_BYTES = 512  # longer than any phrase a pattern matches, so none is cut in two


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


@dataclass(frozen=True)
class _Expression:
    """One compiled expression of a theme: what it finds (or excludes) and how words are bounded."""

    theme: int  # index into the matcher's themes
    excludes: bool
    search: Callable[[bytes, int], list[tuple[int, int]] | None]
    whole_words: bool


def _is_word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or unicodedata.category(char).startswith("M"))


def _inside_word(data: bytes, start: int, end: int) -> bool:
    """Whether [start, end) is part of a longer word (a letter, digit or mark touches either side)."""
    before = data[max(start - 4, 0) : start].decode("utf-8", "ignore")[-1:]
    after = data[end : end + 4].decode("utf-8", "ignore")[:1]
    return _is_word_char(before) or _is_word_char(after)


def _searcher(regex: re2._Regexp):
    """A fast `search(data, position) -> [(start, end), (group1 start, end), ...] | None` for bytes.

    google-re2's public `search` builds a generator and a match object per call; on a long
    document with many matches that costs more than the matching itself, so the compiled
    RE2 object is called directly when the installed version exposes it.
    """
    raw = getattr(regex, "_regexp", None)
    anchor = getattr(getattr(re2, "_Anchor", None), "UNANCHORED", None)
    if raw is not None and anchor is not None and hasattr(raw, "Match"):

        def search(data: bytes, position: int) -> list[tuple[int, int]] | None:
            spans = raw.Match(anchor, data, position, len(data))
            return None if spans[0][0] < 0 else spans

        return search

    def search_public(data: bytes, position: int) -> list[tuple[int, int]] | None:
        match = regex.search(data, position)
        return None if match is None else [match.span(group) for group in range(regex.groups + 1)]

    return search_public


def _spans(search: Callable[[bytes, int], list[tuple[int, int]] | None], data: bytes, whole_words: bool) -> list[tuple[int, int]]:
    """Byte spans of every match; whole-word matches must start and end at word boundaries."""
    spans: list[tuple[int, int]] = []
    position = 0
    while (found := search(data, position)) is not None:
        start, end = found[0]
        position = max(end, start + 1)
        if whole_words and _inside_word(data, start, end):
            position = start + 1  # "rocket" in "rocketry", "missile" in "antimissile": not a word match
            continue
        spans.append((start, end))
    return spans


class ThemeMatcher:
    """Finds every theme of a lexicon in a text."""

    def __init__(self, themes: Sequence[Theme]) -> None:
        self.themes = list(themes)
        self._expressions: list[_Expression] = []
        self._set = re2.Set.SearchSet(_options())
        for number, theme in enumerate(self.themes):
            finds = _expressions(dict(theme.patterns), theme.id, "patterns")
            if not any(finds):
                raise LexiconError(f"theme {theme.id}: no patterns")
            excludes = _expressions(dict(theme.exclude), theme.id, "exclude")
            kinds = ((finds[0], False, True), (finds[1], False, False), (excludes[0], True, True), (excludes[1], True, False))
            for expression, excluding, whole_words in kinds:
                if expression:
                    try:
                        regex = re2.compile(expression, _options())
                    except re2.error:
                        raise LexiconError(_first_bad_pattern(theme)) from None
                    self._add(_Expression(number, excluding, _searcher(regex), whole_words), expression)
        if self.themes:
            try:
                self._set.Compile()
            except re2.error:
                raise LexiconError("the lexicon is too large to compile") from None

    def _add(self, compiled: _Expression, expression: str) -> None:
        # Every expression is also in the Set, so a window is searched only with what occurs in it.
        try:
            self._set.Add(expression)
        except re2.error:
            raise LexiconError(f"theme {self.themes[compiled.theme].id}: its patterns could not be combined") from None
        self._expressions.append(compiled)

    def match(self, text: str, only: Iterable[str] | None = None) -> list[ThemeSpan]:
        """All theme spans in `text`, sorted by start, end and lexicon order; `only` restricts the themes."""
        wanted = None if only is None else set(only)
        data = text.encode("utf-8", "surrogatepass")
        found: list[tuple[int, int, int]] = []
        # Windows start at a space, which may lie inside a phrase an earlier window found whole:
        # spans and excluded phrases that reach past their window's end are carried forward.
        reaching: list[tuple[int, int, int]] = []
        barred: list[tuple[int, int, int]] = []
        for chunk_start, owned_end, scan_end in _chunks(data):
            window = data[chunk_start:scan_end]
            spans: dict[int, list[tuple[int, int]]] = {}
            for index in self._set.Match(window) or ():
                expression = self._expressions[index]
                if wanted is not None and self.themes[expression.theme].id not in wanted:
                    continue
                for start, end in _spans(expression.search, window, expression.whole_words):
                    if expression.excludes:
                        barred.append((chunk_start + start, chunk_start + end, expression.theme))
                    else:
                        spans.setdefault(expression.theme, []).append((chunk_start + start, chunk_start + end))
            reaching = [span for span in reaching if span[1] > chunk_start]
            for theme, theme_spans in spans.items():
                for start, end in sorted(theme_spans):
                    if start >= owned_end or any(t == theme and a <= start and end <= b for a, b, t in barred):
                        continue
                    if any(t == theme and a <= start < b for a, b, t in reaching):
                        continue  # a whole-text scan resumes after a match: nothing starts inside one
                    found.append((start, end, theme))
                    reaching.append((start, end, theme))
            barred = [span for span in barred if span[1] > owned_end]
        found.sort()  # windows come in order, so this is nearly sorted already: quick, and short GIL holds
        return _to_code_points(data, found, self.themes)


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


def _to_code_points(data: bytes, spans: list[tuple[int, int, int]], themes: list[Theme]) -> list[ThemeSpan]:
    """Byte offsets -> code-point offsets, walking the text once."""
    if not spans:
        return []
    char_length = getattr(getattr(re2, "_re2", None), "BytesToCharLen", None) or (
        lambda buffer, start, end: len(buffer[start:end].decode("utf-8", "surrogatepass"))
    )
    offsets = sorted({offset for start, end, _ in spans for offset in (start, end)})
    mapping: dict[int, int] = {}
    previous_byte = previous_char = 0
    for offset in offsets:
        previous_char += char_length(data, previous_byte, offset)
        previous_byte = offset
        mapping[offset] = previous_char
    return [ThemeSpan(themes[index].id, mapping[start], mapping[end]) for start, end, index in spans]
