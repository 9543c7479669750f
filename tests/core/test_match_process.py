"""Matching in the child process gives exactly what matching here gives, and fails over cleanly."""

from __future__ import annotations

import os
import signal

import pytest

from reader.core import match_process
from reader.core.errors import ReaderError
from reader.core.match_process import MatchProcessUnavailable, result_of, submit_match
from reader.core.matcher import ThemeMatcher
from reader.core.themes import BUNDLED_LEXICON, Theme, lexicon_json, load_lexicon_file
from reader.ui.theme_matches import summarise

TEXT = (
    "Putin and Kim discussed the railway link across Russia and the 1972 ABM Treaty.\n"
    "Стороны подтвердили уважение суверенитета и договор по ПРО.\n"
    "조선은 철도 련결 사업과 미싸일 개발에 대하여 언급하였다.\n"
) * 200


@pytest.fixture(autouse=True)
def fresh_process():
    yield
    match_process.stop_match_process()


def test_the_child_finds_exactly_the_spans_found_here():
    themes = load_lexicon_file(BUNDLED_LEXICON)
    expected = ThemeMatcher(themes).match(TEXT)
    matches = result_of(submit_match(lexicon_json(themes), TEXT, summarise))
    assert matches.spans == expected
    assert sum(matches.counts.values()) == len(expected) > 1000
    assert {"railway-link", "abm-treaty", "sovereignty", "missile-programme"} <= matches.themes


def test_a_pattern_re2_refuses_comes_back_as_a_reader_error():
    broken = [Theme("broken", "Broken", "", "#ffe08a", "#6b5200", {"en": ("railway (link",)})]
    with pytest.raises(ReaderError, match="broken"):
        result_of(submit_match(lexicon_json(broken), TEXT, summarise))


def test_a_killed_child_is_reported_and_the_next_text_gets_a_new_one():
    themes = load_lexicon_file(BUNDLED_LEXICON)
    lexicon = lexicon_json(themes)
    result_of(submit_match(lexicon, "railway link", summarise))  # the child is up
    (child,) = match_process._running_pool()._processes.values()
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    with pytest.raises(MatchProcessUnavailable):
        result_of(submit_match(lexicon, TEXT, summarise))
    assert result_of(submit_match(lexicon, TEXT, summarise)).spans == ThemeMatcher(themes).match(TEXT)
