"""The main window's second stage, built right after its first paint: everything that paint does not need.

That is the docks' contents (the real docks take the places of the shells), the menus, the theme,
annotation and alignment controllers, the focus ring, the log file, and the wiring of every command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.logs import configure_logging
from reader.ui.annotation_controller import AnnotationController
from reader.ui.appearance import palette_colors
from reader.ui.corpus_dock import CorpusDock
from reader.ui.document_view import ANNOTATION_LAYER
from reader.ui.focus import install_focus_rings
from reader.ui.menus import fill_menus, fill_window_menu
from reader.ui.tab_order import region_order
from reader.ui.theme_controller import ThemeController
from reader.ui.themes_dock import ThemesDock
from reader.ui.window_alignment import install_alignment
from reader.ui.window_annotations import connect_annotation_actions, install_annotation_docks
from reader.ui.window_lessons import connect_lesson_actions, install_lessons_dock
from reader.ui.window_research import connect_research_actions, install_research_docks
from reader.ui.window_shells import remove_dock_shells

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow
    from reader.ui.pane import DocumentPane


def complete_window(window: MainWindow) -> None:
    """Build the second stage of `window` (MainWindow.finish_building calls this once)."""
    configure_logging()
    user_focus = _in_a_pane(window, QApplication.focusWidget())
    layout = remove_dock_shells(window, window.dock_shells)
    window.dock_shells = []
    window.themes_dock = ThemesDock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.themes_dock)
    window.themes = ThemeController(window.pane_area, window.themes_dock, window.report_problem, window)
    shown = [pane for pane in window.pane_area.panes() if pane.document is not None]
    for pane in shown:  # first, so the matching waits for nothing but the rest of this stage
        window.themes.document_shown(pane)
    window.corpus_dock = CorpusDock(window.corpus, window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, window.corpus_dock)
    window.annotations = AnnotationController(window.report_problem, window._annotation_path, window)
    window.annotations_dock, window.tags_dock = install_annotation_docks(window)
    window.lessons_dock = install_lessons_dock(window)
    research_docks = install_research_docks(window)
    window.alignment_dock = install_alignment(window)
    docks = (window.corpus_dock, window.themes_dock, window.tags_dock, window.annotations_dock, window.lessons_dock, *research_docks, window.alignment_dock)
    for dock in docks:
        dock.hide()  # explicitly: a dock added to a shown window is otherwise shown later, whatever the layout says
    window.restoreState(layout)  # the real docks where the shells were, shown where they were shown
    fill_menus(window, window.menus, window.actions, window.alignment_actions, window.toolbar, [dock.toggleViewAction() for dock in docks])
    window.window_menu.aboutToShow.connect(lambda: _fill_window_menu(window))
    _fill_window_menu(window)
    _connect(window)
    _apply_toggles(window)
    window._draw_annotations()
    appearance = window.appearance
    window.themes.set_appearance(appearance)
    window.timeline_dock.view.set_appearance(appearance)
    install_focus_rings(QApplication.instance(), palette_colors(appearance)["focus"])
    for pane in shown:
        _annotations_shown(window, pane)
    if window.pane_area.panes():
        window.pane_area.panes_changed.emit()  # the new controllers take in the panes opened before them
    window.pane_area.keep_tab_order()  # Tab goes region by region, panes or none
    if window.isActiveWindow() and not user_focus:
        _focus_first_stop(window)
    for signal in (window.pane_area.panes_changed, window.pane_area.splitter.splitterMoved):
        signal.connect(window._schedule_save)
    for action in window.all_actions():
        if action.isCheckable():
            action.toggled.connect(window._schedule_save)
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorSchemeChanged"):  # Qt 6.5+: follow the desktop switching light/dark
        hints.colorSchemeChanged.connect(window._system_scheme_changed)


def _apply_toggles(window: MainWindow) -> None:
    """Toolbar toggles used before the commands were wired (the first moments after start) take effect now."""
    a = window.actions
    window.set_word_wrap(a.word_wrap.isChecked())
    window.pane_area.set_orientation(Qt.Orientation.Vertical if a.stacked.isChecked() else Qt.Orientation.Horizontal)
    window._sync_changed()


def document_shown(window: MainWindow, pane: DocumentPane) -> None:
    """A pane's document has arrived: match its themes and draw its annotations."""
    window.themes.document_shown(pane)
    _annotations_shown(window, pane)


def _annotations_shown(window: MainWindow, pane: DocumentPane) -> None:
    window.annotations.document_shown(pane)
    pane.view.set_layer(ANNOTATION_LAYER, window.annotations.layer_for(pane))


def _in_a_pane(window: MainWindow, widget: QWidget | None) -> bool:
    return widget is not None and any(pane.isAncestorOf(widget) for pane in window.pane_area.panes())


def _focus_first_stop(window: MainWindow) -> None:
    """Keyboard focus on the first Tab stop, where Qt puts it when a complete window is activated."""
    stops = region_order(window, [pane.tab_stops() for pane in window.pane_area.panes()])
    first = next((stop for stop in stops if stop.isVisible() and stop.isEnabled()), None)
    if first is not None:
        first.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def _fill_window_menu(window: MainWindow) -> None:
    """Window menu: pane commands, then one entry per open pane (built when the menu opens)."""
    active = window.pane_area.active_pane
    entries: list[QAction] = []
    for number, pane in enumerate(window.pane_area.panes(), start=1):
        action = QAction(f"&{number} {pane.title}" if number < 10 else pane.title, window.window_menu)
        action.setCheckable(True)
        action.setChecked(pane is active)
        action.triggered.connect(lambda _checked=False, p=pane: (window.pane_area.set_active(p), p.view.setFocus()))
        entries.append(action)
    fill_window_menu(window.window_menu, window.actions, entries)


def _connect(window: MainWindow) -> None:
    a = window.actions
    pane_area = window.pane_area
    window.corpus_dock.open_requested.connect(window.open_corpus_document)
    a.open_file.triggered.connect(window.choose_files)
    a.close_pane.triggered.connect(lambda: window._with_active(pane_area.close_pane))
    a.export_image.triggered.connect(lambda: _help().export_window_image(window))
    a.quit.triggered.connect(window.close)
    a.copy.triggered.connect(lambda: window._with_active(lambda p: p.view.copy()))
    a.select_all.triggered.connect(lambda: window._with_active(lambda p: p.view.selectAll()))
    a.find.triggered.connect(lambda: window._with_active(lambda p: p.find_bar.open_bar()))
    a.find_next.triggered.connect(lambda: window._with_active(lambda p: p.find_bar.find_next()))
    a.find_previous.triggered.connect(lambda: window._with_active(lambda p: p.find_bar.find_previous()))
    a.zoom_in.triggered.connect(lambda: window._zoom(lambda v: v.zoom_in()))
    a.zoom_out.triggered.connect(lambda: window._zoom(lambda v: v.zoom_out()))
    a.zoom_reset.triggered.connect(lambda: window._zoom(lambda v: v.set_zoom(100)))
    a.word_wrap.toggled.connect(window.set_word_wrap)
    a.sync_enabled.toggled.connect(lambda _on: window._sync_changed())
    a.sync_proportional.triggered.connect(window._sync_changed)
    a.sync_paragraph.triggered.connect(window._sync_changed)
    a.side_by_side.triggered.connect(lambda: pane_area.set_orientation(Qt.Orientation.Horizontal))
    a.stacked.triggered.connect(lambda: pane_area.set_orientation(Qt.Orientation.Vertical))
    for action in (a.scheme_system, a.scheme_light, a.scheme_dark, a.high_contrast):
        action.triggered.connect(window._appearance_changed)
    a.full_screen.toggled.connect(lambda on: window.showFullScreen() if on else window.showNormal())
    a.edit_themes.triggered.connect(lambda: window.themes.edit_themes(window))
    window.themes_dock.edit_requested.connect(a.edit_themes.trigger)
    connect_annotation_actions(window)
    connect_lesson_actions(window)
    connect_research_actions(window)
    a.next_theme.triggered.connect(lambda: window.themes.step(1))
    a.previous_theme.triggered.connect(lambda: window.themes.step(-1))
    a.next_pane.triggered.connect(lambda: pane_area.activate_relative(1))
    a.previous_pane.triggered.connect(lambda: pane_area.activate_relative(-1))
    a.move_pane_earlier.triggered.connect(lambda: window._with_active(lambda p: pane_area.move_pane(p, -1)))
    a.move_pane_later.triggered.connect(lambda: window._with_active(lambda p: pane_area.move_pane(p, 1)))
    a.swap_with_next.triggered.connect(window._swap_active_with_next)
    a.shortcuts_help.triggered.connect(lambda: _help().show_shortcuts(window, window.all_actions()))
    a.show_log.triggered.connect(lambda: _help().show_log_location(window))
    a.about.triggered.connect(lambda: _help().show_about(window, window.corpus))
    a.about_qt.triggered.connect(QApplication.aboutQt)


def _help():
    from reader.ui import help_dialogs  # dialogs load when first asked for

    return help_dialogs
