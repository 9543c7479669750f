"""On the five seed texts: every sentence about one of the four required themes carries it, and no other.

The expected sentences were chosen by reading each text against DESIGN.md's definitions.
Sentences that refer to a theme only through a pronoun ("Are we ready to supply them?",
"If they claim that the programme threatens somebody else") name no theme and are not
expected: no lexicon can find them.
"""

from __future__ import annotations

import re

import pytest

from reader.core.corpus import Corpus
from reader.core.matcher import ThemeMatcher
from reader.core.themes import load_themes

REQUIRED = ("missile-programme", "railway-link", "abm-treaty", "sovereignty")

EXPECTED = {
    "kremlin-2001-08-04": {
        ("railway-link", "economic cooperation involved not just the"),
        ("sovereignty", "While recognizing that in"),
        ("abm-treaty", "Given that the"),
        ("missile-programme", "The North Korean side assured"),
        ("sovereignty", "The North Korean side assured"),
    },
    "kremlin-2000-07-19": {
        ("sovereignty", "This statement mirrors both belief"),
        ("railway-link", "Today, for example, I said"),
        ("railway-link", "this is an attractive proposition"),
        ("abm-treaty", "It is common knowledge that the United States plans"),
        ("missile-programme", "stressed that all missile programmes"),
        ("missile-programme", "the North Korean head made the point"),
        ("missile-programme", "Did he explain why he should be supplied with rockets"),
        ("missile-programme", "He said it was for the peaceful exploration of space"),
        ("missile-programme", "If some country is ready to provide North Korea with launch vehicles"),
        ("missile-programme", "Why should Russia alone pay"),
        ("missile-programme", "If someone feels threatened"),
    },
    "dprk-2020-07-19": set(),
    "tanjug-2024-06-19": {("sovereignty", "The government of the Democratic People")},
    "voa-2002-08-23": set(),
}

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d]?\s+|\n\s*\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences: split after . ! ? (and a closing quote) and at paragraph breaks."""
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        spans.append((start, boundary.start()))
        start = boundary.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_required_themes_mark_exactly_the_expected_sentences(doc_id):
    text = Corpus.bundled().document(doc_id).text
    spans = ThemeMatcher(load_themes()).match(text, only=REQUIRED)
    marked = set()
    for start, end in sentences(text):
        sentence = " ".join(text[start:end].split())
        for span in spans:
            if start <= span.start < end:
                marked.add((span.theme, sentence))
    expected = set()
    for theme, fragment in EXPECTED[doc_id]:
        matching = [" ".join(text[a:b].split()) for a, b in sentences(text) if fragment in " ".join(text[a:b].split())]
        assert len(matching) == 1, f"fragment {fragment!r} should identify one sentence"
        expected.add((theme, matching[0]))
    assert marked == expected
