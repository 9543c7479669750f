"""Finding text: literal find that treats NBSP as a space and curly quotes and dashes as what they are."""

from __future__ import annotations

import re

_SPACE = r"[\s\u00a0\u2007\u202f]+"
_EQUIVALENTS: dict[str, str] = {}
for _group in ("'\u2018\u2019\u02bc", '"\u201c\u201d\u00ab\u00bb', "-\u2010\u2011\u2012\u2013\u2014\u2212"):
    for _char in _group:
        _EQUIVALENTS[_char] = "[" + re.escape(_group) + "]"


def find_pattern(query: str, case_sensitive: bool = False) -> re.Pattern[str] | None:
    """Regex for a literal query; any run of spaces matches any whitespace, NBSP included."""
    words = query.split()
    if not words:
        return None
    parts = ["".join(_EQUIVALENTS.get(char, re.escape(char)) for char in word) for word in words]
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(_SPACE.join(parts), flags)


def find_all(text: str, query: str, case_sensitive: bool = False) -> list[tuple[int, int]]:
    """Every non-overlapping hit of `query` in `text` as (start, end) code-point offsets."""
    pattern = find_pattern(query, case_sensitive)
    if pattern is None:
        return []
    return [match.span() for match in pattern.finditer(text)]
