"""Theme matching in a child process, beside the window's process rather than under its GIL.

Compiling the lexicon holds Python's GIL for about 75 ms in one stretch (RE2 does not release
it), and on a long report the matcher's bookkeeping around each match holds it for as long
again: time the UI thread, filling and painting the very text being matched, would have to
wait out. A child process matches on the other core and hands back the result.

One child serves the whole application: it starts with the first text, keeps the compiled
lexicon between texts, and ends with the application (also if the application crashes).
If it cannot start or dies, callers match on a thread of their own.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import weakref
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Callable, TypeVar

if TYPE_CHECKING:
    from reader.core.matcher import ThemeMatcher
    from reader.core.theme_spans import SpanColumns

log = logging.getLogger(__name__)
Result = TypeVar("Result")

_pool_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_origin: "weakref.WeakKeyDictionary[Future, ProcessPoolExecutor]" = weakref.WeakKeyDictionary()  # which pool a future is from
_child_matchers: dict[str, "ThemeMatcher"] = {}  # in the child: the lexicon last compiled


class MatchProcessUnavailable(RuntimeError):
    """The matching process could not start or stopped; match on this thread instead."""


def submit_match(lexicon: str, text: str | bytes, then: Callable[["SpanColumns"], Result]) -> "Future[Result]":
    """Start matching `lexicon` (a lexicon file's JSON) in `text` (or the text's UTF-8) in the
    matching process; the future's result is `then(span columns)`. Returns at once: the text is
    sent by the pool's own threads.

    `then` must be a module-level function (it is sent to the child by name); it runs there too,
    so summarising the spans costs this process nothing. Raises MatchProcessUnavailable.
    """
    pool = _running_pool()
    try:
        future = pool.submit(_match_in_child, lexicon, text, then)
    except (RuntimeError, OSError) as error:  # broken or shut down meanwhile; the child could not be spawned
        _forget_pool(pool)
        raise MatchProcessUnavailable(f"the matching process stopped: {error}") from error
    _origin[future] = pool
    return future


def result_of(future: "Future[Result]") -> Result:
    """A finished match's result; MatchProcessUnavailable if the process died or was stopped meanwhile."""
    try:
        return future.result()
    except (BrokenProcessPool, CancelledError) as error:
        pool = _origin.get(future)
        if pool is not None:
            _forget_pool(pool)  # that process is gone: the next text starts a new one
        raise MatchProcessUnavailable(f"the matching process stopped: {error or 'cancelled'}") from error


def stop_match_process() -> None:
    """Stop the matching process now, dropping the texts it has not matched yet (at quit)."""
    with _pool_lock:
        pool = _pool
    if pool is not None:
        _forget_pool(pool)


def _running_pool() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            try:
                # "spawn": a fresh interpreter. Forking would copy the Qt application and its threads.
                _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_end_with_parent)
            except (OSError, ValueError) as error:
                raise MatchProcessUnavailable(f"the matching process could not start: {error}") from error
        return _pool


def _forget_pool(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    _end(pool)


def _end(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's child at once, then let the pool wind down (quick: nothing is left running).

    Not `shutdown(wait=False)`: the pool's exit hook would then write to a pipe already closed
    ("Bad file descriptor" at interpreter exit).
    """
    for child in list((getattr(pool, "_processes", None) or {}).values()):  # private, but kept from 3.8 to 3.13
        child.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _end_with_parent() -> None:
    """In the child: exit when the application does, even if it crashed and never said so."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent.sentinel,), daemon=True).start()


def _exit_after(parent_sentinel: int) -> None:
    wait([parent_sentinel])  # ready when the parent process has ended
    os._exit(0)


def _match_in_child(lexicon: str, text: str | bytes, then: Callable[["SpanColumns"], Result]) -> Result:
    """Runs in the child: compile the lexicon once, match, summarise."""
    matcher = _child_matchers.get(lexicon)
    if matcher is None:
        from reader.core.matcher import ThemeMatcher
        from reader.core.themes import parse_lexicon

        _child_matchers.clear()  # only the current lexicon is worth keeping
        matcher = _child_matchers[lexicon] = ThemeMatcher(parse_lexicon(lexicon.encode("utf-8"), "the window's lexicon"))
    return then(matcher.columns(text))
