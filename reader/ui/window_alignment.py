"""The main window's side of passage alignment: the Alignment dock, the link band, Go to Aligned Passage and Sync by Alignment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:  # the controller and dock load with the second stage of the window, not at start-up
    from reader.ui.alignment_dock import AlignmentDock
    from reader.ui.main_window import MainWindow


@dataclass
class AlignmentActions:
    """The alignment commands, for the window's menus and toolbar."""

    align_passages: QAction  # checkable: alignment on (computed, links drawn, dock shown) or off
    go_to_aligned: QAction  # Ctrl+J
    sync_by_alignment: QAction  # in the same exclusive group as Sync by Proportion / by Paragraph

    def all(self) -> list[QAction]:
        """All three, in menu order."""
        return [self.align_passages, self.go_to_aligned, self.sync_by_alignment]


def _action(window: MainWindow, text: str, tip: str, shortcut: str = "", checkable: bool = False) -> QAction:
    action = QAction(text, window)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.setCheckable(checkable)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    window.addAction(action)  # the shortcut works with menus and toolbar hidden
    return action


def build_alignment_actions(window: MainWindow) -> AlignmentActions:
    """The alignment actions (Sync by Alignment joins the window's sync group); call after the window's actions exist."""
    actions = AlignmentActions(
        align_passages=_action(window, "Align &Passages", "Find the passages of two panes that speak of the same thing and link them", checkable=True),
        go_to_aligned=_action(window, "&Go to Aligned Passage", "Select the passage aligned with the one at the cursor, in the other pane", "Ctrl+J"),
        sync_by_alignment=_action(window, "Sync by &Alignment", "The other pane shows the passage aligned with the one at the top", checkable=True),
    )
    window.actions.sync_proportional.actionGroup().addAction(actions.sync_by_alignment)
    return actions


def install_alignment(window: MainWindow) -> AlignmentDock:
    """Create the controller and the Alignment dock (bottom, a tab beside the timeline, hidden), and wire the alignment actions."""
    from reader.ui.alignment_controller import AlignmentController
    from reader.ui.alignment_dock import AlignmentDock

    controller = AlignmentController(window)
    dock = AlignmentDock(controller, window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.tabifyDockWidget(window.timeline_dock, dock)
    dock.hide()
    window.alignment = controller
    actions = window.alignment_actions
    actions.align_passages.toggled.connect(lambda on: _align_toggled(window, dock, on))
    actions.go_to_aligned.triggered.connect(lambda: go_to_aligned_passage(window))
    actions.sync_by_alignment.triggered.connect(lambda: _sync_by_alignment(window))
    dock.pair_chosen.connect(controller.show_pair)
    # Showing the dock (View menu, its tab) asks for an alignment too.
    dock.visibilityChanged.connect(lambda visible: visible and not controller.enabled and actions.align_passages.setChecked(True))
    return dock


def _align_toggled(window: MainWindow, dock: AlignmentDock, on: bool) -> None:
    window.alignment.set_enabled(on)
    if on:
        dock.show()
        dock.raise_()
    else:
        dock.hide()


def go_to_aligned_passage(window: MainWindow) -> None:
    """Ctrl+J: from the caret or selection in an aligned pane, select its partner in the other pane (aligning first if needed)."""
    controller = window.alignment
    if not controller.enabled:
        window.alignment_actions.align_passages.setChecked(True)
    controller.when_ready(controller.go_to_partner)


def _sync_by_alignment(window: MainWindow) -> None:
    """Sync by Alignment chosen: make sure there is an alignment to follow, then switch the mode."""
    if not window.alignment.enabled:
        window.alignment_actions.align_passages.setChecked(True)
    window._sync_changed()
