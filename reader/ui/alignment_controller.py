"""The alignment of two open panes: computed on a worker, filtered by a threshold, read by the band, the dock, Ctrl+J and scroll sync."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.alignment import DEFAULT_BEST, DEFAULT_THRESHOLD, SENTENCES, AlignedPair, align_texts
from reader.ui.alignment_band import Band
from reader.ui.alignment_pairs import LEFT, RIGHT, at_least, partner_at, span_of, top_target
from reader.ui.document_view import DocumentView
from reader.ui.pane import DocumentPane
from reader.ui.scroll_sync import SyncMode
from reader.ui.workers import run_in_background

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

MESSAGE_MS = 5000


class AlignmentController(QObject):
    """Which two panes are aligned, their pairs (all of them, and those at or above the threshold) and the current pair."""

    pairs_changed = Signal()
    current_changed = Signal()
    status_changed = Signal(str)
    panes_chosen = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pane_area = window.pane_area
        self.enabled = False
        self.show_links = True
        self.left: DocumentPane | None = None
        self.right: DocumentPane | None = None
        self.unit = SENTENCES
        self.threshold = DEFAULT_THRESHOLD
        self.all_pairs: list[AlignedPair] = []  # every pair scoring above 0, from the last computation
        self.pairs: list[AlignedPair] = []  # those at or above the threshold, by left then right position
        self.current: AlignedPair | None = None
        self.computing = False
        self.computations = 0  # how many times the pairs were computed (tests check filtering does not recompute)
        self.status = ""
        self._generation = 0
        self._computed_for: tuple | None = None
        self._when_ready: list[Callable[[], None]] = []
        self._watched: set[DocumentPane] = set()
        self._quiet = False  # set while we move carets ourselves
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(0)
        self._check_timer.timeout.connect(self.check)
        self.pane_area.panes_changed.connect(self._panes_changed)
        self.pane_area.splitter.link_clicked.connect(self.show_pair_from_band)
        window.themes.state.themes_changed.connect(self._check_timer.start)
        self.pane_area.sync.aligner = self.top_of_partner

    # --- choosing what to align -------------------------------------------------------------------
    def set_enabled(self, enabled: bool) -> None:
        """Turn alignment on (compute for the chosen or default panes) or off (no pairs, no band)."""
        if enabled == self.enabled:
            return
        self.enabled = enabled
        if enabled:
            if not self._valid(self.left) or not self._valid(self.right) or self.left is self.right:
                self.left, self.right = self.default_panes()
                self.panes_chosen.emit()
            self.check()
        else:
            self._generation += 1  # a computation still running is dropped
            self._computed_for = None
            self.computing = False
            self._when_ready.clear()
            self._set_pairs([])
            self._set_status("Alignment is off.")

    def default_panes(self) -> tuple[DocumentPane | None, DocumentPane | None]:
        """The active pane and its neighbour, in display order (the next one, or the previous for the last pane)."""
        panes = self.pane_area.panes()
        if len(panes) < 2:
            return None, None
        active = self.pane_area.active_pane
        index = panes.index(active) if active in panes else 0
        return (panes[index], panes[index + 1]) if index + 1 < len(panes) else (panes[index - 1], panes[index])

    def choose(self, left: DocumentPane | None, right: DocumentPane | None) -> None:
        """Align these two panes (pairs' left spans are in `left`)."""
        if (left, right) == (self.left, self.right):
            return
        self.left, self.right = left, right
        self.panes_chosen.emit()
        self.check()

    def set_unit(self, unit: str) -> None:
        """Align sentences or paragraphs."""
        if unit != self.unit:
            self.unit = unit
            self.check()

    def set_threshold(self, threshold: float) -> None:
        """Keep only pairs scoring at least `threshold` (filters the computed pairs; no recomputation)."""
        self.threshold = threshold
        self._set_pairs(self.all_pairs)

    def set_show_links(self, show: bool) -> None:
        """Draw the link band or not."""
        self.show_links = show
        self.update_band()

    def side_of(self, pane: DocumentPane | None) -> int | None:
        """LEFT or RIGHT for an aligned pane, else None."""
        return LEFT if pane is not None and pane is self.left else RIGHT if pane is not None and pane is self.right else None

    def pane_on(self, side: int) -> DocumentPane | None:
        """The aligned pane on `side`."""
        return self.left if side == LEFT else self.right

    def _valid(self, pane: DocumentPane | None) -> bool:
        return pane is not None and pane in self.pane_area.panes()

    def _panes_changed(self) -> None:
        panes = self.pane_area.panes()
        self._watched &= set(panes)
        for pane in panes:
            if pane not in self._watched:
                self._watched.add(pane)
                pane.view.textChanged.connect(self._check_timer.start)  # a document arrived in the pane
                pane.view.cursorPositionChanged.connect(lambda p=pane: self._caret_moved(p))
        if self.enabled and not (self._valid(self.left) and self._valid(self.right)):
            self.left, self.right = self.default_panes()
            self.panes_chosen.emit()
        self.panes_chosen.emit()  # titles and order for the dock's choices
        self._check_timer.start()
        self.update_band()

    # --- computing ------------------------------------------------------------------------------
    def check(self) -> None:
        """Compute the pairs if what they depend on (panes, documents, unit, themes) changed."""
        if not self.enabled:
            return
        left, right = self.left, self.right
        if not (self._valid(left) and self._valid(right)) or left is right:
            self._generation += 1  # a result still on its way is for panes no longer chosen
            self.computing = False
            self._computed_for = None
            self._set_pairs([])
            self._set_status("Open two documents, then choose them as the left and right panes.")
            return
        if left.document is None or right.document is None:
            self._generation += 1
            self.computing = False
            self._computed_for = None
            self._set_status("Waiting for the documents to load…")
            return
        key = (left, left.document, right, right.document, self.unit, self.window.themes.state.themes)
        if self._computed_for is not None and all(a is b for a, b in zip(key, self._computed_for)):
            return
        self._computed_for = key
        self._compute(left, right)

    def _compute(self, left: DocumentPane, right: DocumentPane) -> None:
        themes = self.window.themes
        pending = themes.spans_pending()
        known = [None if pane in pending else themes.spans_of(pane) for pane in (left, right)]
        left_text, right_text, unit, state = left.document.text, right.document.text, self.unit, themes.state

        def work() -> list[AlignedPair]:
            left_spans = known[0] if known[0] is not None else state.match_now(left_text)
            right_spans = known[1] if known[1] is not None else state.match_now(right_text)
            return align_texts(left_text, right_text, unit, 0.0, DEFAULT_BEST, left_spans, right_spans)

        self._generation += 1
        generation = self._generation
        self.computations += 1
        self.computing = True
        self._set_pairs([])
        self._set_status("Aligning…")
        run_in_background(work, lambda pairs: self._computed(generation, pairs), lambda message: self._failed(generation, message), self)

    def _computed(self, generation: int, pairs: list[AlignedPair]) -> None:
        if generation != self._generation:
            return
        self.computing = False
        self._set_pairs(pairs)
        ready, self._when_ready = self._when_ready, []
        for callback in ready:
            callback()
        sync = self.pane_area.sync
        if sync.mode is SyncMode.ALIGNMENT and self.left is not None:
            sync.follow(self.left.view)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.computing = False
            self._computed_for = None
            self._when_ready.clear()
            self._set_status(f"The passages could not be aligned: {message}")

    def when_ready(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the pairs are computed (now, if they are)."""
        if self.computing:
            self._when_ready.append(callback)
        else:
            callback()

    def _set_pairs(self, pairs: list[AlignedPair]) -> None:
        self.all_pairs = list(pairs)
        self.pairs = at_least(self.all_pairs, self.threshold)
        if self.current is not None and self.current not in self.pairs:
            self.current = None
            self.current_changed.emit()
        if not self.computing and self.enabled and self._computed_for is not None:
            self._set_status(f"{len(self.pairs)} of {len(self.all_pairs)} pairs score {self.threshold:.2f} or more.")
        self.pairs_changed.emit()
        self.update_band()

    def _set_status(self, status: str) -> None:
        self.status = status
        self.status_changed.emit(status)

    # --- the band and the current pair -------------------------------------------------------------
    def update_band(self) -> None:
        """Give the splitter what to draw now."""
        splitter = self.pane_area.splitter
        if not (self.enabled and self.show_links and self._valid(self.left) and self._valid(self.right)) or self.left is self.right:
            splitter.set_band(None)
            return
        names = {theme.id: theme.label for theme in self.window.themes.state.themes}
        splitter.set_band(Band(self.left.view, self.right.view, tuple(self.pairs), self.current, names))

    def set_current(self, pair: AlignedPair | None) -> None:
        """Mark the pair the user is at (drawn stronger and outlined, selected in the dock's table)."""
        if pair != self.current:
            self.current = pair
            self.current_changed.emit()
            self.update_band()

    def _caret_moved(self, pane: DocumentPane) -> None:
        side = self.side_of(pane)
        if self._quiet or not self.enabled or side is None or self.computing:
            return
        start, end = pane.view.selection_offsets()
        self.set_current(partner_at(self.pairs, side, start, end))

    @contextmanager
    def _moving(self) -> Iterator[None]:
        """Carets moved inside are ours: no current-pair updates, no scroll following."""
        quiet, self._quiet = self._quiet, True
        try:
            with self.pane_area.sync.paused():
                yield
        finally:
            self._quiet = quiet

    # --- going to passages ----------------------------------------------------------------------
    def show_pair(self, pair: AlignedPair, focus: DocumentPane | None = None) -> None:
        """Select both passages of a pair in their panes (scrolled into view); focus `focus` if given."""
        if self.left is None or self.right is None:
            return
        with self._moving():
            self.left.view.select_range(*pair.left)
            self.right.view.select_range(*pair.right)
        self.set_current(pair)
        if focus is not None:
            self.pane_area.set_active(focus)
            focus.view.setFocus()

    def show_pair_from_band(self, pair: AlignedPair) -> None:
        """A click on a link: both passages selected, the keyboard in the pane the user was not in."""
        focus = self.left if self.pane_area.active_pane is self.right else self.right
        self.show_pair(pair, focus)

    def go_to_partner(self) -> bool:
        """Ctrl+J: select the best aligned passage for the active pane's caret or selection in the other pane, and focus it."""
        pane = self.pane_area.active_pane
        side = self.side_of(pane)
        if not self.enabled or self.computing:
            return False
        if side is None:
            self._tell("The active pane is not one of the two aligned panes.")
            return False
        start, end = pane.view.selection_offsets()
        pair = partner_at(self.pairs, side, start, end)
        if pair is None:
            self._tell(f"No passage here is aligned with one in the other pane at threshold {self.threshold:.2f}.")
            return False
        other = self.pane_on(RIGHT if side == LEFT else LEFT)
        with self._moving():
            other.view.select_range(*span_of(pair, RIGHT if side == LEFT else LEFT))
        self.set_current(pair)
        self.pane_area.set_active(other)
        other.view.setFocus()
        return True

    def _tell(self, message: str) -> None:
        self.window.statusBar().showMessage(message, MESSAGE_MS)

    # --- synchronised scrolling -----------------------------------------------------------------
    def top_of_partner(self, source: DocumentView, target: DocumentView) -> int | None:
        """For Sync by Alignment: the offset `target` should show at its top, or None (then it follows by proportion)."""
        if not self.enabled or self.computing or self.left is None or self.right is None:
            return None
        views = (self.left.view, self.right.view)
        if source not in views or target not in views or source is target:
            return None
        side = LEFT if source is views[0] else RIGHT
        start, end = source.top_line_range()
        offset = top_target(self.pairs, side, start, end)
        return None if offset is None else max(0, min(offset, len(target.text)))
