"""Putting the main window back as it was, and capturing how it is now (see session.py for storage)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from reader.core.errors import ReaderError
from reader.ui.appearance import Appearance, ColorScheme
from reader.ui.pane import PaneSource
from reader.ui.scroll_sync import SyncMode
from reader.ui.session import SessionState

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def restore_session(window: MainWindow, state: SessionState, first_run_pair: bool) -> None:
    """Apply a remembered state: view options, appearance, geometry, then the panes in order."""
    a = window.actions
    a.word_wrap.setChecked(state.word_wrap)
    a.zoom_all.setChecked(state.zoom_all)
    (a.sync_paragraph if state.sync_mode == SyncMode.PARAGRAPH.value else a.sync_proportional).setChecked(True)
    a.sync_enabled.setChecked(state.sync_enabled)
    vertical = state.orientation == "vertical"
    (a.stacked if vertical else a.side_by_side).setChecked(True)
    window.pane_area.set_orientation(Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal)
    try:
        scheme = ColorScheme(state.scheme)
    except ValueError:
        scheme = ColorScheme.SYSTEM
    window.set_appearance(Appearance(scheme, state.high_contrast))
    if state.geometry is not None:
        window.restoreGeometry(state.geometry)
    else:
        _fit_to_screen(window)
    if state.window_state is not None:
        window.restoreState(state.window_state)
    panes = state.panes
    if state.first_run and first_run_pair:  # a first look at a comparison: two perspectives side by side
        panes = [{"kind": "corpus", "ref": doc_id} for doc_id in window.corpus.default_pair()]
    for remembered in panes:
        try:
            pane = window.open_source(PaneSource(str(remembered.get("kind", "corpus")), str(remembered["ref"])))
        except ReaderError as error:
            window.report_problem(f"A document from the last session is no longer available: {error}")
            continue
        pane.view.set_zoom(int(remembered.get("zoom", 100)))
    restored = window.pane_area.panes()
    if state.splitter_sizes and len(state.splitter_sizes) == len(restored):
        window.pane_area.splitter.setSizes(state.splitter_sizes)
    if restored:
        window.pane_area.set_active(restored[min(max(state.active_pane, 0), len(restored) - 1)])


def _fit_to_screen(window: MainWindow) -> None:
    """First run: most of the screen, since parallel panes want width."""
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        window.resize(max(1000, int(available.width() * 0.9)), max(700, int(available.height() * 0.9)))


def capture_session(window: MainWindow) -> SessionState:
    """The window's state as it should be remembered now."""
    panes = window.pane_area.panes()
    active = window.pane_area.active_pane
    a = window.actions
    return SessionState(
        panes=[{**pane.source.to_dict(), "zoom": pane.view.zoom} for pane in panes],
        active_pane=panes.index(active) if active in panes else 0,
        splitter_sizes=window.pane_area.splitter.sizes(),
        orientation="vertical" if window.pane_area.splitter.orientation() == Qt.Orientation.Vertical else "horizontal",
        sync_enabled=a.sync_enabled.isChecked(),
        sync_mode=SyncMode.PARAGRAPH.value if a.sync_paragraph.isChecked() else SyncMode.PROPORTIONAL.value,
        word_wrap=a.word_wrap.isChecked(),
        zoom_all=a.zoom_all.isChecked(),
        scheme=window.appearance.scheme.value,
        high_contrast=window.appearance.high_contrast,
        geometry=window.saveGeometry(),
        window_state=window.saveState(),
        first_run=False,
    )
