"""Matching in the child process gives exactly what matching here gives, and fails over cleanly."""

from __future__ import annotations

import os
import signal

import pytest
from hypothesis import given, settings, strategies as st

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


def test_a_files_utf8_bytes_give_the_same_spans_in_code_points_of_its_text():
    themes = load_lexicon_file(BUNDLED_LEXICON)
    from_text = result_of(submit_match(lexicon_json(themes), TEXT, summarise))
    from_bytes = result_of(submit_match(lexicon_json(themes), TEXT.encode("utf-8"), summarise))
    assert from_bytes.spans == from_text.spans and from_bytes.bucket_themes == from_text.bucket_themes


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=())), st.integers(1, 5))  # lone surrogates too
def test_a_text_is_encoded_in_pieces_exactly_as_at_once(text, piece_chars):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(match_process, "_PIECE_CHARS", piece_chars)
        assert match_process.utf8_of(text) == text.encode("utf-8", "surrogatepass")


def test_a_pattern_re2_refuses_comes_back_as_a_reader_error():
    broken = [Theme("broken", "Broken", "", "#ffe08a", "#6b5200", {"en": ("railway (link",)})]
    with pytest.raises(ReaderError, match="broken"):
        result_of(submit_match(lexicon_json(broken), TEXT, summarise))


def test_a_killed_child_is_reported_and_the_next_text_gets_a_new_one():
    themes = load_lexicon_file(BUNDLED_LEXICON)
    lexicon = lexicon_json(themes)
    result_of(submit_match(lexicon, "railway link", summarise))  # the child is up
    child = match_process._running_child()
    os.kill(child.pid, signal.SIGSTOP)  # so the text below is certainly still waiting when it dies
    waiting = submit_match(lexicon, TEXT[:10_000], summarise)  # small enough to wait in the pipe
    os.kill(child.pid, signal.SIGKILL)
    with pytest.raises(MatchProcessUnavailable):
        result_of(waiting)
    assert result_of(submit_match(lexicon, TEXT, summarise)).spans == ThemeMatcher(themes).match(TEXT)
    assert match_process._running_child().pid != child.pid


def summarise_and_note(columns):
    """Summarise as the window does, and note in the file $MATCH_NOTES the length of each text the child matched."""
    with open(os.environ["MATCH_NOTES"], "a", encoding="utf-8") as notes:
        notes.write(f"{columns.text_length}\n")
    return summarise(columns)


class TwoPartError(Exception):
    """An exception that pickles but cannot be rebuilt from its pickle (its constructor wants two arguments)."""

    def __init__(self, first, second):
        super().__init__(f"{first} {second}")


def fail_in_two_parts(columns):
    raise TwoPartError("no", "match")


def test_a_cancelled_text_is_not_matched(tmp_path, monkeypatch):
    notes = tmp_path / "notes.txt"
    monkeypatch.setenv("MATCH_NOTES", str(notes))  # before the child starts: it inherits it
    lexicon = lexicon_json(load_lexicon_file(BUNDLED_LEXICON))
    result_of(submit_match(lexicon, "railway link", summarise_and_note))
    child = match_process._running_child()
    os.kill(child.pid, signal.SIGSTOP)  # so the text below is certainly not begun when it is cancelled
    dropped = submit_match(lexicon, "x" * 12_345, summarise_and_note)
    assert dropped.cancel()
    os.kill(child.pid, signal.SIGCONT)
    assert result_of(submit_match(lexicon, "ABM Treaty", summarise_and_note)).counts == {"abm-treaty": 1}
    assert notes.read_text(encoding="utf-8").split() == ["12", "10"]  # the cancelled text was skipped


def test_a_child_that_stops_reading_does_not_hold_up_whoever_asks():
    import threading

    lexicon = lexicon_json(load_lexicon_file(BUNDLED_LEXICON))
    result_of(submit_match(lexicon, "railway link", summarise))
    child = match_process._running_child()
    os.kill(child.pid, signal.SIGSTOP)  # reads nothing more: the text below cannot fit in the pipe
    big = TEXT * (2 * match_process.PIPE_BYTES // len(TEXT.encode("utf-8")) + 1)
    futures = []
    asking = threading.Thread(target=lambda: futures.append(submit_match(lexicon, big, summarise)), daemon=True)
    asking.start()
    asking.join(timeout=30)  # a hang detector, not a timing: the call returns at once or never
    assert not asking.is_alive() and not futures[0].done()
    os.kill(child.pid, signal.SIGCONT)
    assert result_of(futures[0]).spans == ThemeMatcher(load_lexicon_file(BUNDLED_LEXICON)).match(big)


def test_the_child_skips_a_request_cancelled_while_it_matches_another(tmp_path):
    """The child's side of cancelling: a cancel that arrives while an earlier text is being matched."""
    import pickle
    import subprocess
    import sys

    from reader.core.match_worker import CANCEL, MATCH, REQUEST, read_frame, write_frame

    lexicon = lexicon_json(load_lexicon_file(BUNDLED_LEXICON))
    details = pickle.dumps((lexicon, summarise))
    requests = tmp_path / "requests"
    with requests.open("wb") as stream:
        for number, text in ((0, TEXT * 40), (1, "railway link"), (2, "ABM Treaty")):  # 0 keeps the child busy
            write_frame(stream, REQUEST.pack(MATCH, number) + details)
            write_frame(stream, text.encode("utf-8"))
            if number == 1:
                write_frame(stream, REQUEST.pack(CANCEL, 1))
    with requests.open("rb") as stream:
        finished = subprocess.run([sys.executable, "-m", "reader.core.match_worker"], stdin=stream, capture_output=True, timeout=120, cwd=os.getcwd())
    import io

    output, answered = io.BytesIO(finished.stdout), []
    while (frame := read_frame(output)) is not None:
        number, succeeded, value = pickle.loads(frame)
        answered.append((number, succeeded, dict(value.counts)))
    assert [(number, succeeded) for number, succeeded, _ in answered] == [(0, True), (2, True)]
    assert answered[1][2] == {"abm-treaty": 1}


def test_the_pipes_to_the_child_are_enlarged_where_the_system_allows():
    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("pipe sizes are fixed on this system")
    reading, writing = os.pipe()
    try:
        fcntl.fcntl(writing, fcntl.F_SETPIPE_SZ, match_process.PIPE_BYTES)
    except OSError:
        pytest.skip("this system or user may not have pipes that large (the default pipe is used then)")
    finally:
        os.close(reading)
        os.close(writing)
    result_of(submit_match(lexicon_json(load_lexicon_file(BUNDLED_LEXICON)), "railway link", summarise))
    process = match_process._running_child()._process
    for pipe in (process.stdin, process.stdout):
        assert fcntl.fcntl(pipe.fileno(), fcntl.F_GETPIPE_SZ) == match_process.PIPE_BYTES


def test_a_text_cancelled_while_an_earlier_one_is_being_written_is_never_sent(tmp_path, monkeypatch):
    from reader.core.match_worker import CANCEL, REQUEST

    notes = tmp_path / "notes.txt"
    monkeypatch.setenv("MATCH_NOTES", str(notes))
    written: list[bytes] = []  # every frame the writing thread sends
    write = match_process.write_frame

    def write_and_note(stream, data):
        written.append(bytes(data))
        write(stream, data)

    monkeypatch.setattr(match_process, "write_frame", write_and_note)
    lexicon = lexicon_json(load_lexicon_file(BUNDLED_LEXICON))
    result_of(submit_match(lexicon, "railway link", summarise_and_note))
    child = match_process._running_child()
    os.kill(child.pid, signal.SIGSTOP)  # the writing thread is then stuck inside the big text below
    big = TEXT * (2 * match_process.PIPE_BYTES // len(TEXT.encode("utf-8")) + 1)
    first_big = submit_match(lexicon, big, summarise_and_note)
    dropped = submit_match(lexicon, "x" * 12_345, summarise_and_note)
    assert dropped.cancel()
    os.kill(child.pid, signal.SIGCONT)
    assert result_of(submit_match(lexicon, "ABM Treaty", summarise_and_note)).counts == {"abm-treaty": 1}
    assert result_of(first_big).counts
    assert notes.read_text(encoding="utf-8").split() == ["12", str(len(big)), "10"]
    assert b"x" * 12_345 not in written  # the cancelled text never went down the pipe...
    assert not any(len(frame) == REQUEST.size and frame.startswith(CANCEL) for frame in written)  # ...nor a cancel for it


def test_a_text_that_cannot_be_sent_fails_alone(monkeypatch):
    lexicon = lexicon_json(load_lexicon_file(BUNDLED_LEXICON))
    encode = match_process.utf8_of

    def out_of_memory_for_one(text):
        if text.startswith("too big"):
            raise MemoryError("no room for this one")
        return encode(text)

    monkeypatch.setattr(match_process, "utf8_of", out_of_memory_for_one)
    with pytest.raises(MemoryError):
        submit_match(lexicon, "too big: railway link", summarise).result(timeout=60)  # not left pending
    assert result_of(submit_match(lexicon, "ABM Treaty", summarise)).counts == {"abm-treaty": 1}


def test_a_failure_that_cannot_travel_intact_is_described_and_the_child_goes_on():
    lexicon = lexicon_json(load_lexicon_file(BUNDLED_LEXICON))
    with pytest.raises(RuntimeError, match="TwoPartError"):
        result_of(submit_match(lexicon, "railway link", fail_in_two_parts))
    assert result_of(submit_match(lexicon, "ABM Treaty", summarise)).counts == {"abm-treaty": 1}


def test_a_request_the_child_cannot_read_fails_alone(tmp_path, monkeypatch):
    (tmp_path / "only_here.py").write_text("from reader.ui.theme_matches import summarise\n\ndef then(columns):\n    return summarise(columns)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))  # importable here, not in the child
    import only_here

    lexicon = lexicon_json(load_lexicon_file(BUNDLED_LEXICON))
    unreadable = submit_match(lexicon, "railway link", only_here.then)
    readable = submit_match(lexicon, "ABM Treaty", summarise)
    with pytest.raises(ModuleNotFoundError):
        result_of(unreadable)
    assert result_of(readable).counts == {"abm-treaty": 1}


def test_after_stopping_for_good_no_process_starts():
    lexicon = lexicon_json(load_lexicon_file(BUNDLED_LEXICON))
    result_of(submit_match(lexicon, "railway link", summarise))
    child = match_process._running_child()
    match_process.stop_match_process(for_good=True)
    assert child._process.poll() is not None  # ended, and waited for
    with pytest.raises(MatchProcessUnavailable):
        submit_match(lexicon, "railway link", summarise)


def test_the_child_ends_when_the_application_dies(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(
        "from reader.core.match_process import submit_match, result_of, _running_child\n"
        "from reader.core.themes import BUNDLED_LEXICON, lexicon_json, load_lexicon_file\n"
        "from reader.ui.theme_matches import summarise\n"
        "import os\n"
        "if __name__ == '__main__':\n"
        "    result_of(submit_match(lexicon_json(load_lexicon_file(BUNDLED_LEXICON)), 'railway link', summarise))\n"
        "    print(_running_child().pid, flush=True)\n"
        "    os._exit(0)  # as a crash would: no clean-up at all\n",
        encoding="utf-8",
    )
    import subprocess
    import sys
    import time

    finished = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, cwd=os.getcwd())
    (child,) = map(int, finished.stdout.split())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and os.path.exists(f"/proc/{child}") and "Z" not in _state(child):
        time.sleep(0.05)
    assert not os.path.exists(f"/proc/{child}") or "Z" in _state(child)


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def _frames_written(monkeypatch) -> list[bytes]:
    """Every frame the writing thread sends to the child, from now on."""
    written: list[bytes] = []
    write = match_process.write_frame
    monkeypatch.setattr(match_process, "write_frame", lambda stream, data: (written.append(bytes(data)), write(stream, data))[1])
    return written


def test_the_child_reads_a_file_itself_and_its_bytes_do_not_cross_the_pipe(tmp_path, monkeypatch):
    themes = load_lexicon_file(BUNDLED_LEXICON)
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    data = path.read_bytes()
    written = _frames_written(monkeypatch)
    matches = result_of(submit_match(lexicon_json(themes), data, summarise, path))
    assert matches.spans == ThemeMatcher(themes).match(TEXT)
    assert written and all(len(frame) < len(data) for frame in written)  # the request (with the lexicon), not the text


@pytest.mark.parametrize("change", ["rewritten", "deleted", "longer", "a named pipe"])
def test_a_file_that_changed_since_it_was_read_is_matched_from_the_bytes_read(tmp_path, monkeypatch, change):
    themes = load_lexicon_file(BUNDLED_LEXICON)
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    data = path.read_bytes()  # what the window shows
    if change == "rewritten":  # as long as before, and only two letters differ
        path.write_bytes(data.replace(b"railway link", b"railway lank", 1))
    elif change == "deleted":
        path.unlink()
    elif change == "longer":
        path.write_bytes(data + b"ABM Treaty\n")
    elif hasattr(os, "mkfifo"):  # opened as it is, it would hold up the child until someone wrote to it
        path.unlink()
        os.mkfifo(path)
    else:
        pytest.skip("no named pipes here")
    written = _frames_written(monkeypatch)
    matches = match_process._running_child().submit(lexicon_json(themes), data, summarise, path).result(timeout=60)
    assert matches.spans == ThemeMatcher(themes).match(TEXT)  # the text as it was read, not as it is now
    assert data in written  # sent after all


def test_a_file_match_cancelled_while_its_checksum_is_taken_is_not_sent(tmp_path, monkeypatch):
    import threading
    import time

    from reader.core.match_worker import MATCH_FILE

    lexicon = lexicon_json(load_lexicon_file(BUNDLED_LEXICON))
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    result_of(submit_match(lexicon, "railway link", summarise))  # the child is up
    child = match_process._running_child()
    futures = []
    submitted = threading.Event()
    crc32 = match_process.zlib.crc32

    def cancelled_meanwhile(data, *rest):  # the pane closes while the writing thread takes the checksum
        submitted.wait(10)
        futures[0].cancel()
        return crc32(data, *rest)

    monkeypatch.setattr(match_process.zlib, "crc32", cancelled_meanwhile)
    written = _frames_written(monkeypatch)
    futures.append(child.submit(lexicon, path.read_bytes(), summarise, path))
    submitted.set()
    deadline = time.monotonic() + 10
    while not futures[0].cancelled() and time.monotonic() < deadline:
        time.sleep(0.01)
    monkeypatch.setattr(match_process.zlib, "crc32", crc32)
    assert result_of(submit_match(lexicon, "ABM Treaty", summarise)).counts == {"abm-treaty": 1}
    assert not any(frame.startswith(MATCH_FILE) for frame in written)  # the request never went out...
    assert child._resend == {}  # ...and nothing keeps its bytes for a resend


def test_a_file_that_takes_too_long_to_read_again_is_given_up_for_its_bytes(tmp_path, monkeypatch):
    import threading
    import zlib

    from reader.core import match_worker

    path = tmp_path / "on-a-share.txt"
    path.write_text(TEXT, encoding="utf-8")
    data = path.read_bytes()
    assert match_worker.read_as_it_was(str(path), len(data), zlib.crc32(data)) == data
    share_back = threading.Event()
    read_again = match_worker._read_again
    monkeypatch.setattr(match_worker, "_read_again", lambda *where: (share_back.wait(30), read_again(*where))[1])  # a hung mount
    monkeypatch.setattr(match_worker, "REREAD_SECONDS", 0.2)
    monkeypatch.setattr(match_worker, "_slow_to_read", set())
    try:
        with pytest.raises(match_worker.FileChanged, match="took more than 0.2 s"):
            match_worker.read_as_it_was(str(path), len(data), zlib.crc32(data))
        share_back.set()  # back, but once slow, not tried again: the next match would wait as long
        with pytest.raises(match_worker.FileChanged, match="slow to read again before"):
            match_worker.read_as_it_was(str(path), len(data), zlib.crc32(data))
    finally:
        share_back.set()


def test_a_file_that_cannot_be_read_again_for_any_reason_is_given_up_for_its_bytes(tmp_path, monkeypatch):
    import zlib

    from reader.core import match_worker

    path = tmp_path / "report.txt"
    path.write_bytes(b"railway link")

    def no_memory(descriptor, *_mode):
        os.close(descriptor)
        raise MemoryError()

    monkeypatch.setattr(match_worker, "open", no_memory, raising=False)  # this module's open() only
    with pytest.raises(match_worker.FileChanged, match="cannot be read again: MemoryError"):
        match_worker.read_as_it_was(str(path), 12, zlib.crc32(b"railway link"))
