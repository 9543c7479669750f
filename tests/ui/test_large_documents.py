"""Long files: decoded on a worker, filled on the UI thread in slices, matched in the matching process."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QTextCursor

from reader.core import importers, match_process
from reader.core.matcher import ThemeMatcher
from reader.core.themes import load_themes
from reader.ui import loader as loader_module
from reader.ui import text_fill
from reader.ui.document_view import THEME_LAYER
from reader.ui.main_window import SMALL_FILE_BYTES
from reader.ui.theme_controller import ThemeController

PARAGRAPHS = (
    "The two leaders discussed the railway\u00a0link from the Korean Peninsula to Europe.\n",
    "Стороны подтвердили приверженность Договору по ПРО 1972 года.\n",
    "조선은 철도 련결 사업과 경제 협력을 발전시키기로 하였다.\n",
    "Nothing in this line \U0001F684 is about a theme; it only makes the file long.\n",
)


@pytest.fixture
def long_file(tmp_path):
    text = "".join(f"{number}. {PARAGRAPHS[number % 4]}" for number in range(9000))
    assert len(text.encode("utf-8")) > SMALL_FILE_BYTES  # read on a worker, filled in slices
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    yield path, text
    match_process.stop_match_process()


@pytest.fixture
def slow_fill(monkeypatch):
    """Small slices of filling, so that a test can act while a long text is still going in."""
    monkeypatch.setattr(text_fill, "INSERT_CHUNK", 1024)
    monkeypatch.setattr(text_fill, "SLICE_SECONDS", 0.001)


def shown_text(view) -> str:
    """What the Qt document holds, non-breaking spaces included."""
    return view.document().toRawText().replace("\u2029", "\n")


def test_a_long_file_is_filled_in_slices_and_highlighted_like_a_short_one(make_window, long_file, qtbot, monkeypatch):
    path, text = long_file
    monkeypatch.setattr(text_fill, "INSERT_CHUNK", 4096)
    slices = []
    original = text_fill.SlicedFill._fill_slice
    monkeypatch.setattr(text_fill.SlicedFill, "_fill_slice", lambda self: (slices.append(1), original(self)))
    window = make_window()
    pane = window.open_file(path)
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    assert len(slices) > 1  # the UI thread went back to its events between slices
    assert shown_text(pane.view) == text
    expected = ThemeMatcher(load_themes()).match(text)
    assert window.themes.spans[pane] == expected
    drawn = {(h.start, h.end) for h in pane.view.layer(THEME_LAYER).items}
    assert {(s.start, s.end) for s in expected if s.start < 2000} <= drawn
    last = expected[-1]  # after thousands of emoji, which Qt counts as two positions each
    pane.view.select_range(last.start, last.end)
    assert pane.view.textCursor().selectedText() == text[last.start : last.end]
    assert pane.view.selection_offsets() == (last.start, last.end)


def test_without_the_matching_process_a_thread_matches_instead(make_window, long_file, qtbot, monkeypatch):
    path, text = long_file

    def unavailable():
        raise match_process.MatchProcessUnavailable("the matching process could not start: test")

    monkeypatch.setattr(match_process, "_running_child", unavailable)
    window = make_window()
    pane = window.open_file(path)
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    assert window.themes.spans[pane] == ThemeMatcher(load_themes()).match(text)
    assert window.last_error is None


def test_closing_a_pane_while_its_text_fills_loses_nothing_else(make_window, long_file, qtbot, monkeypatch, slow_fill):
    path, _text = long_file
    slices = []
    original = text_fill.SlicedFill._fill_slice
    monkeypatch.setattr(text_fill.SlicedFill, "_fill_slice", lambda self: (slices.append(1), original(self)))
    window = make_window("kremlin-2001-08-04")
    kept = window.pane_area.panes()[0]
    pane = window.open_file(path)
    qtbot.waitUntil(lambda: len(slices) >= 2, timeout=10000)
    assert window.documents_loading()  # closed half-filled
    window.pane_area.close_pane(pane)
    filled_when_closed = len(slices)
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    qtbot.wait(200)
    assert len(slices) == filled_when_closed  # filling stopped with the pane
    assert window.pane_area.panes() == [kept]
    assert window.last_error is None
    assert "sovereignty" in [kept.view.text[s.start : s.end].lower() for s in window.themes.spans[kept]]


class _PaintedWhileLoading(QObject):
    """Notes the first line of the document a view paints while its window is still loading."""

    def __init__(self, window, view) -> None:
        super().__init__()
        self.window, self.view, self.first_lines = window, view, []
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and self.window.documents_loading():
            self.first_lines.append(self.view.document().firstBlock().text())
        return False


def test_a_long_file_shows_its_first_lines_while_it_fills_and_keeps_that_document(make_window, long_file, qtbot, slow_fill):
    path, text = long_file
    window = make_window()
    pane = window.open_file(path)
    painted = _PaintedWhileLoading(window, pane.view)
    first_line = text.split("\n", 1)[0]
    qtbot.waitUntil(lambda: first_line in painted.first_lines, timeout=10000)  # painted on screen, not only laid out
    assert window.documents_loading()  # still filling
    filling = pane.view.document()
    assert pane.view.text == ""  # nothing maps offsets into a half-filled text
    assert pane.view.verticalScrollBar().isVisible()  # there from the start: the view is not narrowed later
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    assert pane.view.document() is filling  # shown as it was filled, not swapped for another
    assert shown_text(pane.view) == text and pane.view.text == text
    assert pane.view.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    assert pane.view.layer(THEME_LAYER).items  # and highlighted
    assert pane.view.textCursor().position() == 0  # the caret stayed at the start while the text grew after it
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    selected = pane.view.textCursor().selectedText()
    assert selected and first_line.startswith(selected)  # the first line on screen, not the end of the text


def test_a_long_file_begins_to_fill_before_the_worker_has_finished_reading_it(make_window, long_file, qtbot, monkeypatch):
    path, text = long_file
    monkeypatch.setattr(importers, "_PIECE_BYTES", 64 * 1024)
    reading_may_end = threading.Event()
    guess_language = importers.guess_language
    # The worker's last step, after the text is decoded, is held until the test has looked.
    monkeypatch.setattr(importers, "guess_language", lambda decoded: (reading_may_end.wait(30), guess_language(decoded))[1])
    window = make_window()
    try:
        pane = window.open_file(path)
        first_line = text.split("\n", 1)[0]
        qtbot.waitUntil(lambda: shown_text(pane.view).startswith(first_line), timeout=10000)
        assert pane.view.text == "" and window.documents_loading()  # the document itself has not arrived
    finally:
        reading_may_end.set()
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    assert shown_text(pane.view) == text and pane.view.text == text


def test_a_long_load_says_how_far_it_has_got_and_a_quick_one_does_not(make_window, long_file, qtbot, monkeypatch, slow_fill):
    path, _text = long_file
    window = make_window()
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    monkeypatch.setattr(loader_module, "PROGRESS_AFTER_SECONDS", 60.0)  # sooner than that: no progress
    window.open_file(path)
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    assert not any(message.startswith("Opening") for message in messages) and "Opened long.txt (utf-8)" in messages
    monkeypatch.setattr(loader_module, "PROGRESS_AFTER_SECONDS", 0.0)  # as if it were a large file on a slow machine
    messages.clear()
    window.open_file(path)
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    percents = [int(message.rsplit(" ", 1)[1].rstrip("%")) for message in messages if message.startswith("Opening long.txt… ")]
    assert len(percents) > 3 and percents == sorted(percents) and percents[-1] == 100
    assert messages[-1] == "Opened long.txt (utf-8)"


def test_a_long_loads_progress_leaves_other_messages_on_the_status_bar(make_window, long_file, qtbot, monkeypatch, slow_fill, tmp_path):
    path, _text = long_file
    monkeypatch.setattr(loader_module, "PROGRESS_AFTER_SECONDS", 0.0)
    window = make_window()
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    window.open_file(path)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Opening long.txt… "), timeout=10000)
    binary = tmp_path / "picture.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100)
    window.open_file(binary)  # fails while the long file is still going in
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    after_the_error = messages[next(number for number, message in enumerate(messages) if "binary" in message) :]
    assert after_the_error[-1] == "Opened long.txt (utf-8)"  # the next news, when it came...
    assert not any(message.startswith("Opening") for message in after_the_error)  # ...but no progress over the error


def test_a_search_typed_while_a_long_file_fills_finds_its_hits_once_it_is_in(make_window, long_file, qtbot, slow_fill):
    path, text = long_file
    window = make_window()
    pane = window.open_file(path)
    qtbot.waitUntil(lambda: pane.view.document().blockCount() > 5, timeout=10000)
    assert window.documents_loading()
    pane.find_bar.open_bar()
    qtbot.keyClicks(pane.find_bar.field, "railway")
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    assert len(pane.find_bar.hits) == text.count("railway")


def test_the_window_is_loading_until_the_complete_matches_are_drawn(make_window, long_file, qtbot, monkeypatch):
    path, _text = long_file
    seen = []
    original = ThemeController._matched

    def matched(self, pane, request, matches):
        original(self, pane, request, matches)
        seen.append((len(self._complete), self.pending(), len(pane.view.layer(THEME_LAYER).items)))

    monkeypatch.setattr(ThemeController, "_matched", matched)
    window = make_window()
    pane = window.open_file(path)
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    complete = [pending for finished, pending, _drawn in seen if finished]
    assert complete and all(complete)  # matched but not yet drawn still counts as loading
    assert len(pane.view.layer(THEME_LAYER).items) == len(window.themes.spans[pane])


@pytest.fixture
def late_whole_match(monkeypatch):
    """The whole text's match arrives half a second late: well after the text is shown and its opening matched."""
    matched = ThemeController._matched
    monkeypatch.setattr(ThemeController, "_matched", lambda self, *args: QTimer.singleShot(500, lambda: matched(self, *args)))


def test_a_long_files_counts_are_shown_once_they_are_the_whole_texts(make_window, long_file, qtbot, late_whole_match):
    path, text = long_file
    window = make_window()
    window.finish_building()
    model = window.themes_dock.model

    def column() -> list[str]:
        return [model.index(row, 1).data() for row in range(model.rowCount())]

    shown: list[list[str]] = []
    model.modelReset.connect(lambda: shown.append(column()))
    pane = window.open_file(path)
    qtbot.waitUntil(lambda: pane.view.text == text and window.themes.spans_of(pane) is not None, timeout=30000)
    assert window.themes.spans_pending() == [pane]  # only the opening has been matched
    assert set(column()) == {"…"}  # not the opening's counts, nor 0
    assert "still being counted" in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 1).data(Qt.ItemDataRole.AccessibleTextRole) == "still being counted"  # what a screen reader says
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    expected = ThemeMatcher(load_themes()).match(text)
    assert column() == [str(sum(1 for span in expected if span.theme == theme.id)) for theme in model.themes]
    assert all(set(values) == {"…"} or values == column() for values in shown)  # never a partial count


def test_a_long_files_marker_strip_marks_only_the_whole_texts_matches(make_window, long_file, qtbot, late_whole_match):
    path, text = long_file
    window = make_window()
    window.finish_building()
    pane = window.open_file(path)
    strip = pane.markers
    qtbot.waitUntil(lambda: pane.view.text == text and window.themes.spans_of(pane) is not None, timeout=30000)
    qtbot.wait(50)  # the opening's matches have been drawn in the text
    assert window.themes.spans_pending() == [pane] and len(pane.view.layer(THEME_LAYER).items) > 0
    # The opening's marks would be spread over the whole strip, as if it were the whole document.
    middle = strip.height() // 2
    assert strip.mark_count == 0 and strip.mark_near(middle) is None and strip.tooltip_at(middle) == ""
    assert "still being counted" in strip.accessibleDescription()
    assert "still being counted" in strip.hint()
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    assert strip.mark_count == len(window.themes.spans[pane])
    assert strip.accessibleDescription().startswith("Occurrences marked") and "still being counted" not in strip.hint()
    # A mark halfway down the strip is a match halfway through the text.
    near = strip.mark_near(2 + (strip.height() - 4) // 2)
    assert near is not None and abs(near[1] / len(text) - 0.5) < 0.01


def _record_submissions(monkeypatch, files: list[object] | None = None) -> list[object]:
    """What is sent to the matching process, in order (texts, or a file's bytes); `files` gets the file each was read from."""
    sent: list[object] = []
    original = match_process.submit_match

    def submit(lexicon, text, then, file=None):
        sent.append(text)
        if files is not None:
            files.append(file)
        return original(lexicon, text, then, file)

    monkeypatch.setattr(match_process, "submit_match", submit)
    return sent


def test_a_utf8_file_is_matched_from_its_bytes_before_they_are_decoded(make_window, long_file, qtbot, monkeypatch):
    path, text = long_file
    window = make_window()
    window.finish_building()
    files: list[object] = []
    sent = _record_submissions(monkeypatch, files)
    pane = window.open_file(path)
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    assert sent[-1] == path.read_bytes() and not any(isinstance(item, str) for item in sent)  # the text was never sent
    assert files[-1] == path.resolve()  # and the matching process reads the file itself
    assert window.themes.spans[pane] == ThemeMatcher(load_themes()).match(text)


@pytest.mark.parametrize(
    "tail, encoding",
    [
        ("Москва и Пхеньян: железная дорога и суверенитет.\n" * 20, "cp1251"),  # UTF-8 at the start only: decoded as a legacy encoding
        ("\udcff", "utf-8"),  # one byte that is not UTF-8, far past the start
    ],
)
def test_when_the_bytes_are_not_the_text_the_decoded_text_is_matched(make_window, long_file, qtbot, monkeypatch, tmp_path, tail, encoding):
    _path, text = long_file
    path = tmp_path / "mixed.txt"
    path.write_bytes(text.encode("utf-8") + tail.encode(encoding, "surrogateescape"))
    assert importers.probably_utf8_as_is(path.read_bytes())  # so matching begins on the bytes, and must be dropped
    window = make_window()
    window.finish_building()
    sent = _record_submissions(monkeypatch)
    pane = window.open_file(path)
    qtbot.waitUntil(lambda: not window.loading(), timeout=30000)
    shown = pane.view.text
    assert shown != path.read_bytes().decode("utf-8", "replace")  # decoded otherwise than as plain UTF-8
    assert shown_text(pane.view) == shown  # what was filled in while it looked like UTF-8 was filled in again
    assert any(isinstance(item, str) for item in sent)  # so the text itself was matched
    assert window.themes.spans[pane] == ThemeMatcher(load_themes()).match(shown)


class _Unanswered:
    """Stands in for the matching process: records what is sent, and never answers."""

    def __init__(self, monkeypatch) -> None:
        from concurrent.futures import Future

        self.futures: list[Future] = []
        monkeypatch.setattr(match_process, "submit_match", lambda lexicon, text, then, file=None: self.futures.append(Future()) or self.futures[-1])


def test_closing_a_pane_gives_up_its_match_and_nothing_is_left_loading(make_window, qtbot, monkeypatch):
    window = make_window()
    window.finish_building()
    process = _Unanswered(monkeypatch)
    fallbacks = []
    monkeypatch.setattr(type(window.themes.state), "_match_on_thread", lambda self, *args: fallbacks.append(args))
    pane = window.open_corpus_document("kremlin-2001-08-04")
    qtbot.waitUntil(lambda: not window.documents_loading() and bool(process.futures))
    assert window.loading()  # its themes are still being matched
    window.pane_area.close_pane(pane)
    qtbot.waitUntil(lambda: not window.loading())
    assert all(future.cancelled() for future in process.futures)  # the process would skip them
    assert not fallbacks  # and nothing else matches them instead


def test_a_new_request_for_a_pane_gives_up_the_one_before(make_window, qtbot, monkeypatch):
    window = make_window("kremlin-2001-08-04")
    process = _Unanswered(monkeypatch)
    window.themes.replace_themes(list(window.themes.state.themes))  # the text is matched again
    first = list(process.futures)
    window.themes.replace_themes(list(window.themes.state.themes))  # and again, before an answer
    assert first and all(future.cancelled() for future in first)
    assert not any(future.cancelled() for future in process.futures[len(first):])


def test_a_file_that_fails_after_its_bytes_were_sent_gives_up_their_match(make_window, long_file, qtbot, monkeypatch, tmp_path):
    _path, text = long_file
    path = tmp_path / "binary-later.txt"
    path.write_bytes(text.encode("utf-8") + b"\x01\x02\x03\x04" * 100_000)  # UTF-8 at the start, control bytes after
    assert importers.probably_utf8_as_is(path.read_bytes())
    stopped = []
    cancel = text_fill.SlicedFill.cancel
    monkeypatch.setattr(text_fill.SlicedFill, "cancel", lambda self: (stopped.append(self._editing), cancel(self)))
    window = make_window()
    window.finish_building()
    process = _Unanswered(monkeypatch)
    window.open_file(path)
    qtbot.waitUntil(lambda: not window.documents_loading())
    assert "binary" in (window.last_error or "")
    assert process.futures and all(future.cancelled() for future in process.futures)
    assert stopped == [True]  # the text filled in from its first pieces stopped going in, its edit block closed


def test_a_pane_closed_while_its_file_is_decoded_gives_up_its_match(make_window, long_file, qtbot, monkeypatch):
    path, _text = long_file
    reading_may_end = threading.Event()
    guess_language = importers.guess_language
    monkeypatch.setattr(importers, "guess_language", lambda decoded: (reading_may_end.wait(30), guess_language(decoded))[1])
    window = make_window("kremlin-2001-08-04")
    window.finish_building()
    process = _Unanswered(monkeypatch)
    try:
        pane = window.open_file(path)
        qtbot.waitUntil(lambda: len(process.futures) == 2, timeout=10000)  # its opening and the whole file, asked for from the bytes
        window.pane_area.close_pane(pane)
    finally:
        reading_may_end.set()
    qtbot.waitUntil(lambda: all(future.cancelled() for future in process.futures), timeout=10000)
    assert len(window.pane_area.panes()) == 1 and window.last_error is None


def test_cancelling_a_fill_that_has_ended_leaves_its_document_working(qtbot):
    filled = []
    owner = QObject()
    fill = text_fill.SlicedFill("first line\nsecond line\n" * 50, QFont(), filled.append, owner)
    qtbot.waitUntil(lambda: bool(filled), timeout=5000)
    filled[0].setParent(owner)  # as the view that shows it would
    fill.cancel()  # the pane closed while the rest of its loading was still under way
    changes = []
    filled[0].contentsChange.connect(lambda *change: changes.append(change))
    QTextCursor(filled[0]).insertText("more")
    assert changes  # the document is not left inside an edit block
    assert filled[0].toPlainText().startswith("morefirst line")
