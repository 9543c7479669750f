"""The matching process itself: `python -m reader.core.match_worker`, started by reader.core.match_process.

It reads requests from its standard input and writes results to its standard output, each a
length-prefixed frame (see match_process). A thread reads requests as they come, so the
application's writes never wait for a match to finish, and notes cancelled ones, which are
then skipped. The compiled lexicon is kept between texts. When its standard input closes
(the application quit or died), it ends.
"""

from __future__ import annotations

import pickle
import queue
import struct
import sys
import threading
from typing import BinaryIO

_LENGTH = struct.Struct("<Q")  # each frame: its length, then its bytes
_matchers: dict[str, object] = {}  # the lexicon last compiled, by its JSON


def main() -> None:
    requests_in, results_out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the results
    requests: queue.Queue = queue.Queue()
    cancelled: set[int] = set()
    threading.Thread(target=_read_requests, args=(requests_in, requests, cancelled), daemon=True).start()
    while (request := requests.get()) is not None:
        request_id, lexicon, then, utf8 = request
        if request_id in cancelled:
            cancelled.discard(request_id)
            continue
        try:
            outcome = (request_id, True, then(_matcher(lexicon).columns(utf8)))
        except Exception as error:  # sent back to be raised there (a pattern RE2 refuses is a ReaderError)
            outcome = (request_id, False, error)
        try:
            frame = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # an exception that cannot be pickled: say what it was
            frame = pickle.dumps((request_id, False, RuntimeError(repr(error))), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            write_frame(results_out, frame)
        except OSError:  # the application has gone
            return


def _read_requests(requests_in: BinaryIO, requests: queue.Queue, cancelled: set[int]) -> None:
    """Queue each request as it arrives; note cancelled ones; queue None at the end of the input."""
    try:
        while (header := read_frame(requests_in)) is not None:
            kind, request_id, *details = pickle.loads(header)
            if kind == "cancel":
                cancelled.add(request_id)
                continue
            utf8 = read_frame(requests_in)
            if utf8 is None:
                break
            lexicon, then = details
            requests.put((request_id, lexicon, then, utf8))
    finally:
        requests.put(None)


def write_frame(stream: BinaryIO, *parts: bytes) -> None:
    """Write one frame made of `parts` (written one after another: a 5 MB text is not copied) and flush."""
    stream.write(_LENGTH.pack(sum(len(part) for part in parts)))
    for part in parts:
        stream.write(part)
    stream.flush()


def read_frame(stream: BinaryIO) -> bytes | None:
    """The next frame's bytes; None at the end of the stream."""
    prefix = stream.read(_LENGTH.size)
    if len(prefix) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(prefix)
    data = stream.read(length)
    return data if len(data) == length else None


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
