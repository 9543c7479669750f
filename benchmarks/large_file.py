"""(b) Opening a 5 MB text file into a pane until painted, against a bare QPlainTextEdit."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

RUNS = 7
GAP_ROUNDS = 3
TARGET_RATIO = 1.5
SIZE_BYTES = 5 * 1024 * 1024
VIEW_SIZE = (900, 800)  # the bare widget's size, and the room our window gives the new pane
PARAGRAPHS = (
    "The two leaders discussed the railway link from the Korean Peninsula across Russia to Europe, "
    "and the missile programme that Pyongyang called entirely peaceful.",
    "Стороны подтвердили приверженность Договору по ПРО 1972 года и уважению суверенитета и "
    "территориальной целостности государств.",
    "조선민주주의인민공화국과 러시아는 철도 연결 사업과 경제 협력을 더욱 발전시키기로 하였다.",
)


def mixed_text(size_bytes: int = SIZE_BYTES) -> str:
    """About `size_bytes` of UTF-8 text in English, Russian and Korean paragraphs."""
    parts, total, index = [], 0, 0
    while total < size_bytes:
        paragraph = f"{index}. {PARAGRAPHS[index % 3]}\n\n"
        parts.append(paragraph)
        total += len(paragraph.encode("utf-8"))
        index += 1
    return "".join(parts)


class GapMeter:
    """Longest time between two ticks of a zero-interval timer: how long the UI thread was blocked."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def start(self) -> None:
        """Begin measuring."""
        self.longest, self._last = 0.0, time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        """Stop and return the longest gap in seconds."""
        self._timer.stop()
        return self.longest


def _idle(milliseconds: int = 300) -> None:
    """Let the event loop run for a while: queued work (deferred deletes, queued calls) is done by then."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def _delete_now(widget) -> None:
    """Destroy a widget, then let the event loop idle, so its clean-up is not timed in the next round."""
    import shiboken6

    shiboken6.delete(widget)
    _idle()


def _time_bare(text: str) -> float:
    """Seconds for a bare QPlainTextEdit to take `text` and paint it."""
    from PySide6.QtWidgets import QPlainTextEdit

    from benchmarks.painting import PaintWatcher, spin_until

    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.resize(*VIEW_SIZE)
    view.show()
    spin_until(view.isVisible)
    _idle()  # as for the app: timing starts with a window at rest
    watcher = PaintWatcher([view.viewport()])
    start = time.perf_counter()
    view.setPlainText(text)
    watcher.reset()
    spin_until(watcher.all_painted)
    elapsed = time.perf_counter() - start
    view.close()
    _delete_now(view)
    return elapsed


def _resize_central(window, size: tuple[int, int]) -> None:
    """Resize `window` so that its central area (where panes go) is `size`, and let it settle."""
    central = window.centralWidget()
    window.resize(window.width() - central.width() + size[0], window.height() - central.height() + size[1])
    _idle()


def _pane_chrome(window, folder: Path) -> tuple[int, int]:
    """The width and height a pane takes beside its text view (header, marker strip), measured with
    a one-line file opened and closed again."""
    from benchmarks.painting import spin_until

    probe = folder / "probe.txt"
    probe.write_text("probe\n", encoding="utf-8")
    pane = window.open_file(probe)
    spin_until(lambda: not window.loading())
    _idle()
    central = window.centralWidget()
    chrome = (central.width() - pane.view.width(), central.height() - pane.view.height())
    window.pane_area.close_pane(pane)
    _idle()
    return chrome


def _time_app(path: Path, meter: GapMeter | None = None, highlighted: str = "") -> float:
    """Seconds for the app to open `path` in a new pane until painted: the text alone, or with the
    highlights of the screen ("screen") or of the whole document ("all"); the meter watches the UI thread."""
    from benchmarks.painting import PaintWatcher, spin_until
    from reader.core.corpus import Corpus
    from reader.ui.document_view import THEME_LAYER
    from reader.ui.main_window import MainWindow

    window = MainWindow(Corpus.bundled(), store=None)
    window.resize(*VIEW_SIZE)
    shown = PaintWatcher([window])
    window.show()
    spin_until(shown.all_painted)  # the new window's first paint is not part of opening a file,
    spin_until(lambda: window.is_built)  # nor is the rest of its start-up: the second stage,
    _idle()  # and the work it queues (deleting the docks' stand-ins, filling their contents)
    # The pane's text view gets the bare widget's size. (In a window of the bare widget's size the
    # docks left the pane a strip 118 px wide, and it pushed them aside and repainted them all.)
    _resize_central(window, VIEW_SIZE)
    chrome = _pane_chrome(window, path.parent)
    _resize_central(window, (VIEW_SIZE[0] + chrome[0], VIEW_SIZE[1] + chrome[1]))
    if meter is not None:
        meter.start()
    start = time.perf_counter()
    pane = window.open_file(path)
    finished = {
        "all": lambda: not window.loading(),
        "screen": lambda: not window.documents_loading() and len(pane.view.layer(THEME_LAYER)) > 0,
        "": lambda: not window.documents_loading(),
    }[highlighted]
    # Timing ends with the first paint that shows the finished state, as the bare widget's ends with
    # its first paint after setPlainText.
    watcher = PaintWatcher([pane.view.viewport()], counts_when=finished)
    spin_until(finished)
    if not watcher.all_painted():
        pane.view.viewport().update()  # merges with a paint already due; asks for one if none is
    spin_until(watcher.all_painted)
    elapsed = time.perf_counter() - start
    if (pane.view.width(), pane.view.height()) != VIEW_SIZE:
        print(f"note: the pane's text view was {pane.view.width()}x{pane.view.height()}, not {VIEW_SIZE[0]}x{VIEW_SIZE[1]} like the bare widget")
    if meter is not None:
        meter.stop()
    window.close()
    _delete_now(window)
    return elapsed


def run() -> dict[str, float]:
    """Time ours and the baseline alternately in this process; print medians and ratios."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks.theme_matching import mixed_text as prose_with_themes
    from reader.ui.app import application

    application()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        reporting = prose_with_themes(SIZE_BYTES)
        for label, text, highlighted in (
            ("open 5 MB file until painted", mixed_text(), ""),
            ("open 5 MB of reporting until painted with the screen's theme highlights", reporting, "screen"),
            ("open and fully highlight 5 MB of reporting until painted", reporting, "all"),
        ):
            path = Path(folder) / "large.txt"
            path.write_text(text, encoding="utf-8")
            _time_bare(text), _time_app(path, highlighted=highlighted)  # warm-up
            bare, ours = [], []
            for _ in range(RUNS):
                bare.append(_time_bare(text))
                ours.append(_time_app(path, highlighted=highlighted))
            # The meter's ticks compete for the GIL with the workers, so blocking is measured in rounds of its own.
            gaps = []
            for _ in range(GAP_ROUNDS):
                meter = GapMeter()
                _time_app(path, meter, highlighted)
                gaps.append(meter.longest)
            ratio = statistics.median(ours) / statistics.median(bare)
            verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
            print(
                f"{label}: app {statistics.median(ours) * 1000:.0f} ms, bare setPlainText "
                f"{statistics.median(bare) * 1000:.0f} ms (medians of {RUNS}) -> ratio {ratio:.2f} "
                f"({verdict} target <= {TARGET_RATIO}); longest UI-thread block per open: "
                + ", ".join(f"{gap * 1000:.0f} ms" for gap in gaps)
            )
            results[label] = ratio
    return results
