"""Theme matching in a child process, beside the window's process rather than under its GIL.

Compiling the lexicon holds Python's GIL for about 75 ms in one stretch (RE2 does not release
it), and on a long report the matcher's bookkeeping around each match holds it for as long
again: time the UI thread, filling and painting the very text being matched, would have to
wait out. A child process matches on the other core and hands back the result.

One child (`python -m reader.core.match_worker`) serves the whole application: it starts with
the first text, keeps the compiled lexicon between texts, and ends with the application, also
if the application crashes (its standard input closes). Requests go down its standard input,
written by a thread of their own, so that whoever asks (the UI thread, re-matching after a
theme change) never waits for a pipe, nor for a child that has stopped reading; a request
cancelled before it is written is not sent at all. A file's bytes are not sent: the child reads
the file again, checking its size and CRC-32 against the bytes read here, and only if it has
changed (or is slow to read again) are the bytes sent after all (5 MB crossing the pipe took
10-15 ms of a busy machine). Results come up its standard output to a reader thread, which
completes the futures. No multiprocessing machinery: that would start a second helper process
(its resource tracker) and import the application's main module in the child. If the child
cannot start or dies, callers match on a thread of their own.
"""

from __future__ import annotations

import itertools
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
import zlib
from concurrent.futures import CancelledError, Future, InvalidStateError
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from reader.core.match_worker import CANCEL, MATCH, MATCH_FILE, REQUEST, FileChanged, read_frame, write_frame

if TYPE_CHECKING:
    from reader.core.theme_spans import SpanColumns

log = logging.getLogger(__name__)
Result = TypeVar("Result")
_PIECE_CHARS = 256 * 1024
PIPE_BYTES = 1024 * 1024  # Linux's limit for an unprivileged process: a 5 MB text crosses in 5 steps, not 80

_child_lock = threading.Lock()
_child: _MatchingChild | None = None
_stopped_for_good = False  # the application is quitting: no new process, and no matching on threads either


class MatchProcessUnavailable(RuntimeError):
    """The matching process could not start or stopped; match on this thread instead."""


def submit_match(lexicon: str, text: str | bytes, then: Callable[["SpanColumns"], Result], file: Path | None = None) -> "Future[Result]":
    """Start matching `lexicon` (a lexicon file's JSON) in `text` (or the text's UTF-8) in the
    matching process; the future's result is `then(span columns)`, computed there.

    `then` must be a module-level function (it is sent to the child by name). `file`: the file
    whose bytes `text` is; the child reads it again itself (from the system's cache: 5 MB need not
    cross the pipe), and the bytes are sent only if it has changed meanwhile. Returns at once: the
    text is encoded and written by the child's writing thread. Raises MatchProcessUnavailable if
    no process can take it; if the process dies later, the future fails with it.
    """
    child = _running_child()
    try:
        return child.submit(lexicon, text, then, file if isinstance(text, bytes) else None)
    except MatchProcessUnavailable:
        _forget(child)
        raise


def utf8_of(text: str) -> bytes:
    """The text's UTF-8, encoded a piece at a time: one call on 5 MB holds Python's GIL for about
    10 ms, which the UI thread would wait out whole (a file with CRLF lines is sent as its text)."""
    if len(text) <= _PIECE_CHARS:
        return text.encode("utf-8", "surrogatepass")
    return b"".join(text[start : start + _PIECE_CHARS].encode("utf-8", "surrogatepass") for start in range(0, len(text), _PIECE_CHARS))


def result_of(future: "Future[Result]") -> Result:
    """A finished match's result; MatchProcessUnavailable if the process died or was stopped meanwhile."""
    try:
        return future.result()
    except CancelledError as error:
        raise MatchProcessUnavailable("the matching process stopped: cancelled") from error


def stop_match_process(for_good: bool = False) -> None:
    """Stop the matching process now, dropping the texts it has not matched yet. `for_good` (at
    quit): none starts again, so a file still being read when the window closed is not matched."""
    global _stopped_for_good
    with _child_lock:
        child = _child
        _stopped_for_good = _stopped_for_good or for_good
    if child is not None:
        _forget(child)


def stopped_for_good() -> bool:
    """Whether the application is quitting (matching anywhere is then wasted work)."""
    return _stopped_for_good


def _running_child() -> _MatchingChild:
    global _child
    with _child_lock:
        if _stopped_for_good:
            raise MatchProcessUnavailable("the application is quitting")
        if _child is None or _child.broken:
            _child = _MatchingChild()
        return _child


def _forget(child: _MatchingChild) -> None:
    global _child
    with _child_lock:
        if _child is child:
            _child = None
    child.stop()


class _MatchingChild:
    """One running `reader.core.match_worker` process, its pending requests, and the thread reading its results."""

    def __init__(self) -> None:
        package_root = str(Path(__file__).resolve().parents[2])  # so the child imports this very `reader`
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])))
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "reader.core.match_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                start_new_session=True,  # Ctrl+C in the terminal is for the application, which then stops it
            )
        except (OSError, ValueError) as error:
            raise MatchProcessUnavailable(f"the matching process could not start: {error}") from error
        for pipe in (self._process.stdin, self._process.stdout):
            _enlarge(pipe)
        self.broken = False
        self._ids = itertools.count()
        self._pending: dict[int, Future] = {}
        self._resend: dict[int, tuple[bytes, bytes]] = {}  # files the child reads itself: the header and bytes to send if it cannot
        self._lock = threading.Lock()  # guards _pending, _resend and broken
        # (request number, header frame, text or None for a cancel, file), in order; None ends the writer.
        self._outbox: queue.SimpleQueue[tuple[int, bytes, str | bytes | None, Path | None] | None] = queue.SimpleQueue()
        threading.Thread(target=self._read_results, name="matching results", daemon=True).start()
        threading.Thread(target=self._write_requests, name="matching requests", daemon=True).start()

    @property
    def pid(self) -> int:
        return self._process.pid

    def submit(self, lexicon: str, text: str | bytes, then: Callable[["SpanColumns"], Result], file: Path | None = None) -> "Future[Result]":
        future: Future = Future()
        request_id = next(self._ids)
        header = REQUEST.pack(MATCH, request_id) + pickle.dumps((lexicon, then), protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            if self.broken:
                raise MatchProcessUnavailable("the matching process stopped")
            self._pending[request_id] = future
            self._outbox.put((request_id, header, text, file))
        future.add_done_callback(lambda done: done.cancelled() and self._cancel(request_id))
        return future

    def _cancel(self, request_id: int) -> None:
        """Tell the child to skip a request it has not begun (a cancelled future)."""
        with self._lock:
            self._resend.pop(request_id, None)
            if self._pending.pop(request_id, None) is not None and not self.broken:
                self._outbox.put((request_id, REQUEST.pack(CANCEL, request_id), None, None))

    def _write_requests(self) -> None:
        """Write the queued requests and cancels to the child, in order, until the queue's end.
        However this thread ends otherwise, the child is killed, so that the reader thread sees
        its end and fails what is pending (nothing waits for a writer that is gone)."""
        unsent: set[int] = set()  # requests cancelled before their turn: their cancel is not sent either
        try:
            while (item := self._outbox.get()) is not None:
                self._write(*item, unsent=unsent)
                del item  # not kept until the next request: it may hold a 5 MB text
        except (OSError, ValueError):
            pass  # the child has gone, or is being stopped
        except BaseException:
            log.exception("the matching process's requests could not be written")
        finally:
            if not self.broken:
                self._process.kill()

    def _write(self, request_id: int, header: bytes, text: str | bytes | None, file: Path | None, unsent: set[int]) -> None:
        """Write one request (or, `text` None, one cancel) unless it was cancelled before its turn."""
        if text is None:
            if request_id in unsent:
                unsent.discard(request_id)
            else:
                write_frame(self._process.stdin, header)
            return
        with self._lock:
            future = self._pending.get(request_id)
        if future is None:
            unsent.add(request_id)
            return
        try:
            payload = utf8_of(text) if isinstance(text, str) else text
        except Exception as error:  # this text cannot be sent (out of memory): it alone fails
            with self._lock:
                self._pending.pop(request_id, None)
            _complete(future, False, error.with_traceback(None))  # its traceback would keep the text alive
            return
        if file is not None:
            where = pickle.dumps((str(file), len(payload), zlib.crc32(payload)), protocol=pickle.HIGHEST_PROTOCOL)
            with self._lock:
                if request_id not in self._pending:  # cancelled while the checksum was taken: not sent, nor its cancel
                    unsent.add(request_id)
                    return
                self._resend[request_id] = (header, payload)
            write_frame(self._process.stdin, REQUEST.pack(MATCH_FILE, request_id) + header[REQUEST.size :])
            write_frame(self._process.stdin, where)
            return
        write_frame(self._process.stdin, header)
        write_frame(self._process.stdin, payload)

    def _read_results(self) -> None:
        stdout = self._process.stdout
        try:
            while (frame := read_frame(stdout)) is not None:
                request_id, succeeded, value = pickle.loads(frame)
                with self._lock:
                    resend = self._resend.pop(request_id, None)
                    if isinstance(value, FileChanged) and resend is not None and request_id in self._pending and not self.broken:
                        self._outbox.put((request_id, *resend, None))  # the bytes after all
                        continue
                    future = self._pending.pop(request_id, None)
                if future is not None:
                    _complete(future, succeeded, value)
        except Exception:  # a frame that cannot be read: the child cannot be trusted any more
            log.exception("the matching process sent something unreadable")
            self._process.kill()  # nor can it be left reading requests nobody will collect
        finally:
            stdout.close()
        self._end_process()

    def stop(self) -> None:
        """End the child now: what it has not matched is dropped, and its futures fail."""
        self._process.kill()  # first: a write waiting for the child to read then fails, and lets go of the lock
        self._end_process()

    def _end_process(self) -> None:
        """Fail what is pending, close the child's input and wait for it to end (no zombie, no open pipe)."""
        with self._lock:
            self.broken = True
            pending, self._pending, self._resend = list(self._pending.values()), {}, {}
            self._outbox.put(None)
            try:
                self._process.stdin.close()
            except OSError:
                pass
        for future in pending:
            _complete(future, False, MatchProcessUnavailable("the matching process stopped"))
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


def _enlarge(pipe: object) -> None:
    """Give a pipe a larger buffer where the system allows it (Linux); elsewhere the default serves too."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):
        pass  # no fcntl (Windows), no F_SETPIPE_SZ (macOS), or over this user's limit


def _complete(future: Future, succeeded: bool, value: object) -> None:
    try:
        if succeeded:
            future.set_result(value)
        else:
            future.set_exception(value)  # type: ignore[arg-type]
    except InvalidStateError:  # cancelled meanwhile: nobody is waiting for it
        pass
