"""Running work on Qt's global thread pool and getting the result back on the UI thread."""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.core.errors import ReaderError

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the UI thread; a queued signal carries results across to it."""

    delivered = Signal(object, object, object)  # context, callback, value

    def __init__(self) -> None:
        super().__init__()
        self.delivered.connect(_deliver)


def _deliver(context: QObject | None, callback: Callable, value: object) -> None:
    if context is None or shiboken6.isValid(context):  # its owner may have closed meanwhile
        callback(value)


def _send(relay: _Relay, context: QObject | None, callback: Callable, value: object) -> None:
    """Hand `value` to `callback` on the UI thread, unless the application is already gone."""
    if not shiboken6.isValid(relay):
        return  # quitting: the relay went with the application, nobody waits for this any more
    try:
        relay.delivered.emit(context, callback, value)
    except RuntimeError:  # deleted between the check and the emit
        log.debug("a background result arrived after the application quit")


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], on_result: Callable, on_error: Callable[[str], None] | None, relay: _Relay, context: QObject | None) -> None:
        super().__init__()
        self._work, self._on_result, self._on_error, self._relay, self._context = work, on_result, on_error, relay, context

    def run(self) -> None:
        try:
            value = self._work()
        except ReaderError as error:
            if self._on_error is not None:
                _send(self._relay, self._context, self._on_error, str(error))
        except Exception as error:  # a bug, not a user mistake: logged, and reported if someone listens
            log.exception("background work failed")
            if self._on_error is not None:
                _send(self._relay, self._context, self._on_error, f"unexpected error: {error}")
        else:
            _send(self._relay, self._context, self._on_result, value)


class ProgressRelay(QObject):
    """Carries a worker's progress (done, total) to the UI thread: create it there, emit `advanced` anywhere."""

    advanced = Signal(int, int)


_relay: _Relay | None = None


def run_in_background(
    work: Callable[[], object],
    on_result: Callable,
    on_error: Callable[[str], None] | None = None,
    context: QObject | None = None,
) -> None:
    """Run `work()` on the thread pool; `on_result(value)` or `on_error(message)` then runs on the UI thread.

    Call from the UI thread. A ReaderError becomes its message; any other exception is logged.
    Nothing is called back if `context` has been destroyed by then.
    """
    QThreadPool.globalInstance().start(_Job(work, on_result, on_error, _the_relay(), context))


def when_done(future: Future, handle: Callable[[Future], None], context: QObject | None = None) -> None:
    """Call `handle(future)` on the UI thread once `future` (of another thread or process) is done.

    Call from the UI thread. Nothing is called if `context` has been destroyed by then.
    """
    relay = _the_relay()
    future.add_done_callback(lambda done: _send(relay, context, handle, done))


def ui_caller(callback: Callable[[object], None], context: QObject | None = None) -> Callable[[object], None]:
    """A function any thread may call with a value, to have `callback(value)` run on the UI thread
    (not if `context` has been destroyed by then). Make it on the UI thread."""
    relay = _the_relay()
    return lambda value: _send(relay, context, callback, value)


def run_now(work: Callable[[], object], on_result: Callable, on_error: Callable[[str], None] | None = None, context: QObject | None = None) -> None:
    """The same contract as `run_in_background`, on this thread (for work too small for a thread)."""
    try:
        value = work()
    except ReaderError as error:
        if on_error is not None:
            on_error(str(error))
        return
    except Exception as error:
        log.exception("work failed")
        if on_error is not None:
            on_error(f"unexpected error: {error}")
        return
    on_result(value)
