"""The matching process itself: `python -m reader.core.match_worker`, started by reader.core.match_process.

It reads requests from its standard input and writes results to its standard output, each a
length-prefixed frame. A request is a header frame (its kind and number, then for a match
the pickled lexicon and summarising function) followed, for a match, by a frame holding the
text's UTF-8; a result is the pickled (number, succeeded, value). A thread reads requests as
they come, so the application's writes never wait for a match to finish, and notes cancelled
ones, which are then skipped. The compiled lexicon is kept between texts. When its standard
input closes (the application quit or died), it ends.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import struct
import sys
import threading
from typing import BinaryIO

_LENGTH = struct.Struct("<Q")  # each frame: its length, then its bytes
REQUEST = struct.Struct("<cQ")  # a request header starts with its kind and number
MATCH, CANCEL = b"m", b"c"
_matchers: dict[str, object] = {}  # the lexicon last compiled, by its JSON


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
        request_id, details, utf8 = request
        if request_id in cancelled:
            cancelled.discard(request_id)
            continue
        try:
            lexicon, then = pickle.loads(details)
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
            utf8 = read_frame(requests_in)
            if utf8 is None:
                break
            requests.put((request_id, header[REQUEST.size :], utf8))  # unpickled by the matching loop, which answers its failures
    finally:
        requests.put(None)


def _matcher(lexicon: str):
    matcher = _matchers.get(lexicon)
    if matcher is None:
        from reader.core.matcher import ThemeMatcher
        from reader.core.themes import parse_lexicon

        _matchers.clear()  # only the current lexicon is worth keeping
        matcher = _matchers[lexicon] = ThemeMatcher(parse_lexicon(lexicon.encode("utf-8"), "the window's lexicon"))
    return matcher


if __name__ == "__main__":
    main()
