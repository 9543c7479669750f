"""The matching process itself: `python -m reader.core.match_worker`, started by reader.core.match_process.

It reads requests from its standard input and writes results to its standard output, each a
length-prefixed frame. A request is a header frame (its kind and number, then for a match
the pickled lexicon and summarising function) followed, for a match, by a frame holding the
text's UTF-8, or for a match of a file, by the file's path, size and CRC-32: a long file is
read here again (from the system's cache) rather than sent through the pipe, and if it is no
longer what the application read, the answer is FileChanged and the bytes come after all. A
result is the pickled (number, succeeded, value). A thread reads requests as
they come, so the application's writes never wait for a match to finish, and notes cancelled
ones, which are then skipped. The compiled lexicon is kept between texts. When its standard
input closes (the application quit or died), it ends.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import stat
import struct
import sys
import threading
import zlib
from typing import BinaryIO

_LENGTH = struct.Struct("<Q")  # each frame: its length, then its bytes
REQUEST = struct.Struct("<cQ")  # a request header starts with its kind and number
MATCH, MATCH_FILE, CANCEL = b"m", b"f", b"c"
REREAD_SECONDS = 2.0  # a file read again here for longer than this is sent instead (the application has its bytes)
_matchers: dict[str, object] = {}  # the lexicon last compiled, by its JSON
_slow_to_read: set[str] = set()  # files that took too long to read again: their bytes are always sent


class FileChanged(Exception):
    """A file to match is no longer as the application read it (changed, gone or unreadable)."""


def write_frame(stream: BinaryIO, data: bytes) -> None:
    """Write one frame and flush it."""
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)  # a 5 MB text is written as it is, not copied into a larger buffer
    stream.flush()


def read_frame(stream: BinaryIO) -> bytes | None:
    """The next frame's bytes; None at the end of the stream."""
    prefix = stream.read(_LENGTH.size)
    if len(prefix) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(prefix)
    data = stream.read(length)
    return data if len(data) == length else None


def result_frame(request_id: int, succeeded: bool, value: object) -> bytes:
    """A result as a frame's bytes; an error that would not arrive intact is sent as its description."""
    if not succeeded:
        try:
            pickle.loads(pickle.dumps(value))
        except Exception:  # an exception class that cannot be pickled or rebuilt
            value = RuntimeError(repr(value))
    return pickle.dumps((request_id, succeeded, value), protocol=pickle.HIGHEST_PROTOCOL)


def main() -> None:
    results_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything else written to standard output, even by C code, goes to standard error
    sys.stdout = sys.stderr
    requests: queue.Queue = queue.Queue()
    cancelled: set[int] = set()
    threading.Thread(target=_read_requests, args=(sys.stdin.buffer, requests, cancelled), daemon=True).start()
    # A match makes some hundred thousand short-lived objects, and collections during it delayed
    # its result by 2-4 ms (of about 70 for 5 MB): garbage is collected between matches instead.
    gc.disable()
    while (request := requests.get()) is not None:
        request_id, kind, details, payload = request
        if request_id in cancelled:
            cancelled.discard(request_id)
            continue
        try:
            lexicon, then = pickle.loads(details)
            utf8 = read_as_it_was(*pickle.loads(payload)) if kind == MATCH_FILE else payload
            frame = result_frame(request_id, True, then(_matcher(lexicon).columns(utf8)))
        except Exception as error:  # sent back to be raised there (a pattern RE2 refuses is a ReaderError)
            frame = result_frame(request_id, False, error)
        try:
            write_frame(results_out, frame)
        except OSError:  # the application has gone
            break
        if requests.empty():
            gc.collect()  # while nobody waits for a result
    os._exit(0)  # at once: the reading thread may be inside a read, which would stop a normal exit


def _read_requests(requests_in: BinaryIO, requests: queue.Queue, cancelled: set[int]) -> None:
    """Queue each match as it arrives; note cancelled ones; queue None at the end of the input."""
    try:
        while (header := read_frame(requests_in)) is not None:
            kind, request_id = REQUEST.unpack_from(header)
            if kind == CANCEL:
                cancelled.add(request_id)
                continue
            payload = read_frame(requests_in)  # the text's UTF-8, or where to read it
            if payload is None:
                break
            requests.put((request_id, kind, header[REQUEST.size :], payload))  # unpickled by the matching loop, which answers its failures
    finally:
        requests.put(None)


def read_as_it_was(path: str, size: int, checksum: int) -> bytes:
    """A file's bytes, if they are still the `size` bytes of CRC-32 `checksum`; FileChanged otherwise.

    Read on a thread of its own, given REREAD_SECONDS: had the file's network share hung since
    the application read it, every match after it would wait too. The bytes are sent instead."""
    if path in _slow_to_read:  # once is enough: each try would hold up the matches after it
        raise FileChanged(f"{path} was slow to read again before")
    outcome: list[bytes | FileChanged] = []
    reader = threading.Thread(target=lambda: outcome.append(_read_again(path, size, checksum)), name="reading again", daemon=True)
    reader.start()
    reader.join(REREAD_SECONDS)
    if not outcome:
        _slow_to_read.add(path)
        raise FileChanged(f"{path} took more than {REREAD_SECONDS} s to read again")
    if isinstance(outcome[0], FileChanged):
        raise outcome[0]
    return outcome[0]


def _read_again(path: str, size: int, checksum: int) -> bytes | FileChanged:
    try:
        # Not blocking on open: had the file been swapped for a named pipe, the read would wait forever.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return FileChanged(f"{path} is no longer a regular file")
            data = file.read(size + 1)
    except Exception as error:  # OSError, or no memory for it: either way the bytes are sent instead
        return FileChanged(f"{path} cannot be read again: {error!r}")
    if len(data) != size or zlib.crc32(data) != checksum:
        return FileChanged(f"{path} has changed since it was read")
    return data


def _matcher(lexicon: str):
    matcher = _matchers.get(lexicon)
    if matcher is None:
        from reader.core.matcher import ThemeMatcher
        from reader.core.themes import parse_lexicon

        _matchers.clear()  # only the current lexicon is worth keeping
        matcher = _matchers[lexicon] = ThemeMatcher(parse_lexicon(lexicon.encode("utf-8"), "the window's lexicon"))
    return matcher


if __name__ == "__main__":
    # Run as the importable module, not as __main__, so that what it sends back (FileChanged)
    # is rebuilt as the same class in the application.
    from reader.core.match_worker import main as run

    run()
