"""Words and sentences of a text in English, Russian and Korean, as code-point spans.

A word is a run of Unicode letters and digits (with the combining marks that belong to
them, such as a Russian stress accent); an apostrophe or a hyphen between two such
characters joins them ("don't", "DPRK-Russia" are one word), and so does a point or comma
between two digits ("1,000", "3.5"). Dashes, slashes and other punctuation separate words.
Korean is counted by its space-separated units (eojeol: a word with its particles, as
Korean word counts usually are); Chinese and Japanese, written without spaces, would count
a whole run of characters as one word.

Sentences never cross a paragraph (a blank line). Within a paragraph a sentence ends at
`.`, `!`, `?`, `…` (and their full-width forms), with any closing quotes or brackets after
them, when whitespace or the paragraph's end follows; Korean `다.`/`요.` also end one when
Hangul follows at once. It does not end before a lower-case word, after a title such as
"Mr." or "Dr.", after a number followed by another number ("2000. 7. 19."), after a stretch
without letters ("1."), or after an ambiguous abbreviation ("U.S.", "etc.", "т.е.", an
initial such as "V.") unless a common sentence opener ("The", "He", "Он") follows; "etc."
and "т.д." end one before any capital.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterator, Sequence

from reader.core.paragraphs import paragraph_spans

# Combining marks of Latin, Cyrillic and Hangul text (Python's \w leaves them out).
_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u302e\u302f\u3099\u309a"
_WORD_CHAR = rf"(?:[^\W_]|[{_MARKS}])"
_JOINER = r"(?:['\u2019\u02bc\-\u2010\u2011]|(?<=\d)[.,](?=\d))"
WORD = re.compile(rf"{_WORD_CHAR}+(?:{_JOINER}{_WORD_CHAR}+)*")
#: A word's parts between its apostrophes, hyphens and points ("DPRK-Russia" -> "DPRK", "Russia").
TOKEN = re.compile(rf"{_WORD_CHAR}+")
_LETTER = re.compile(r"[^\W\d_]")

_TERMINATORS = ".!?\u2026\u203c\u2047\u2048\u2049\u3002\uff01\uff1f\uff0e"
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)\\]}\u300d\u300f"
_OPENERS = "\"'\u201c\u201e\u2018\u00ab\u2039([{\u300c\u300e\u2013\u2014\u2015-"
_CANDIDATE = re.compile(rf"[{_TERMINATORS}]+[{re.escape(_CLOSERS)}]*")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_TOKEN_BEFORE = re.compile(r"[\w.\-]*$")

#: Abbreviations always followed by more of the same sentence (a name, a number).
TITLES = frozenset(
    "mr mrs ms messrs dr prof st gen col lt sgt capt cmdr adm gov sen rep rev hon pres "
    "no nos vol art fig pp p ch sec "
    "г-н г-жа тов проф акад ул пр им ст п рис стр".split()
)
#: Abbreviations that may end a sentence; they do only before a common sentence opener.
AMBIGUOUS = frozenset(
    "u.s u.k u.n u.s.a e.u e.g i.e vs inc ltd co corp jr sr approx est dept "
    "jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m "
    "т.е т.к г гг в вв тыс млн млрд руб долл см напр".split()
)
#: Abbreviations that close a list ("etc."): they end a sentence before any capital.
FINAL = frozenset("etc т.д т.п др".split())
SENTENCE_OPENERS = frozenset(
    "the a an he she it we they i you this that these those there then but and however in on at "
    "his her its our their my as when while if after before so yet "
    "он она оно они мы я вы это этот эта эти но и в на по однако после когда тогда так".split()
)


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) code points of every word of `text`, in order."""
    for match in WORD.finditer(text):
        yield match.span()


def count_words(text: str) -> int:
    """Number of words in `text` (see the module docstring for what a word is)."""
    return sum(1 for _ in WORD.finditer(text))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) code points of each sentence, without surrounding whitespace, in order."""
    spans: list[tuple[int, int]] = []
    for paragraph_start, paragraph_end in paragraph_spans(text):
        start = _skip_space(text, paragraph_start, paragraph_end)
        for candidate in _CANDIDATE.finditer(text, paragraph_start, paragraph_end):
            end = candidate.end()
            if candidate.start() < start or not _ends_sentence(text, start, candidate.start(), end, paragraph_end):
                continue
            spans.append((start, end))
            start = _skip_space(text, end, paragraph_end)
        start = _skip_space(text, start, paragraph_end)
        if start < paragraph_end:
            spans.append((start, len(text[start:paragraph_end].rstrip()) + start))
    return spans


def _skip_space(text: str, position: int, limit: int) -> int:
    while position < limit and text[position].isspace():
        position += 1
    return position


def _ends_sentence(text: str, start: int, mark: int, end: int, limit: int) -> bool:
    """Whether the terminator run text[mark:end] closes the sentence that began at `start`."""
    if not _LETTER.search(text, start, mark):
        return False  # "1." at the head of a list item, "2000." alone
    if end < limit and not text[end].isspace():
        # Only a Korean ending may be followed directly by the next sentence: "했다.그리고".
        return end == mark + 1 and text[mark] == "." and mark > 0 and bool(_HANGUL.match(text, mark - 1)) and bool(_HANGUL.match(text, end))
    following = _skip_space(text, end, limit)
    if following >= limit:
        return True
    while following < limit and (text[following] in _OPENERS or text[following].isspace()):
        following += 1
    if following >= limit:
        return True
    first = text[following]
    if first.islower():
        return False  # '"Why?" he asked.', 'e.g. the', 'и т.д. и'
    if text[mark:end] != ".":
        return True  # "!", "?", "…", "...", or a closing quote or bracket after the point
    if first.isdigit() and mark > 0 and text[mark - 1].isdigit():
        return False  # "2000. 7. 19." (a Korean date), "1. 2. 3."
    token = _TOKEN_BEFORE.search(text, start, mark).group()  # type: ignore[union-attr]
    if token.casefold() in TITLES:
        return False
    if token.casefold() in FINAL:
        return True
    if token.casefold() in AMBIGUOUS or _is_initial(token):
        word = WORD.match(text, following)
        return word is not None and word.group().casefold() in SENTENCE_OPENERS
    return True


def _is_initial(token: str) -> bool:
    """"V", "В.В", "J.R.R": capital letters, each followed by a point."""
    return bool(token) and all(len(part) == 1 and part.isupper() for part in token.split("."))


class SpanIndex:
    """Sorted, non-overlapping spans (sentences, paragraphs) and which of them a range overlaps."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = list(spans)
        self._starts = [start for start, _ in self.spans]
        self._ends = [end for _, end in self.spans]

    def overlapping(self, start: int, end: int) -> range:
        """Numbers of the spans that [start, end) overlaps; an empty range counts where it points."""
        end = max(end, start + 1)
        return range(bisect_right(self._ends, start), bisect_left(self._starts, end))
