"""Theme matching in a child process, for long texts.

RE2 scans without Python's GIL, but the matcher's bookkeeping around each match is Python.
On a thread, a long report's tens of thousands of matches hold the GIL for a hundred
milliseconds or more, which the UI thread (filling and painting the very text being matched)
has to wait out. A child process matches on the other core and hands back the result.

One child serves the whole application; it starts on the first long text and keeps the
compiled lexicon between texts. If it cannot start or dies, callers match on their own thread.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Callable, TypeVar

if TYPE_CHECKING:
    from reader.core.matcher import ThemeMatcher, ThemeSpan

log = logging.getLogger(__name__)
Result = TypeVar("Result")

_pool_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_child_matchers: dict[str, "ThemeMatcher"] = {}  # in the child: the lexicon last compiled


class MatchProcessUnavailable(RuntimeError):
    """The matching process could not start or stopped; match on this thread instead."""


def submit_match(lexicon: str, text: str, then: Callable[[list["ThemeSpan"], int], Result]) -> "Future[Result]":
    """Start matching `lexicon` (a lexicon file's JSON) in `text` in the matching process; the future's
    result is `then(spans, len(text))`. Returns at once: the text is sent by the pool's own threads.

    `then` must be a module-level function (it is sent to the child by name); it runs there too,
    so summarising the spans costs this process nothing. Raises MatchProcessUnavailable.
    """
    pool = _running_pool()
    try:
        return pool.submit(_match_in_child, lexicon, text, then)
    except RuntimeError as error:  # BrokenProcessPool, or shut down meanwhile
        _forget_pool(pool)
        raise MatchProcessUnavailable(f"the matching process stopped: {error}") from error


def result_of(future: "Future[Result]") -> Result:
    """A finished match's result; MatchProcessUnavailable if the process died meanwhile."""
    try:
        return future.result()
    except BrokenProcessPool as error:
        with _pool_lock:
            pool = _pool
        if pool is not None:
            _forget_pool(pool)  # the next long text starts a new process
        raise MatchProcessUnavailable(f"the matching process stopped: {error}") from error


def start_match_process() -> None:
    """Start the matching process now (it takes a moment), so the first long text does not wait for it."""
    try:
        _running_pool()
    except MatchProcessUnavailable as error:
        log.warning("%s", error)


def stop_match_process() -> None:
    """Stop the matching process once the text it is matching, if any, is done."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        # Waiting only for work already running: without waiting, the pool's exit hook later
        # writes to a pipe this closed ("Bad file descriptor" at interpreter exit).
        pool.shutdown(wait=True, cancel_futures=True)


def _running_pool() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            try:
                # "spawn": a fresh interpreter. Forking would copy the Qt application and its threads.
                _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            except (OSError, ValueError) as error:
                raise MatchProcessUnavailable(f"the matching process could not start: {error}") from error
        return _pool


def _forget_pool(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=True, cancel_futures=True)  # a broken pool has no work left to wait for


def _match_in_child(lexicon: str, text: str, then: Callable[[list["ThemeSpan"], int], Result]) -> Result:
    """Runs in the child: compile the lexicon once, match, summarise."""
    matcher = _child_matchers.get(lexicon)
    if matcher is None:
        from reader.core.matcher import ThemeMatcher
        from reader.core.themes import parse_lexicon

        _child_matchers.clear()  # only the current lexicon is worth keeping
        matcher = _child_matchers[lexicon] = ThemeMatcher(parse_lexicon(lexicon.encode("utf-8"), "the window's lexicon"))
    return then(matcher.match(text), len(text))
