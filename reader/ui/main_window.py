"""The main window: corpus browser, panes in a splitter, menus, and the remembered session."""

from __future__ import annotations

import logging
from pathlib import Path


from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow

from reader import APP_DISPLAY_NAME
from reader.core.corpus import Corpus, DocumentMetadata
from reader.ui.appearance import Appearance, ColorScheme, apply_appearance
from reader.ui.corpus_dock import CorpusDock
from reader.ui.loader import DocumentLoader, LoadedDocument, read_file_document
from reader.ui.menus import build_actions, build_menus, fill_window_menu
from reader.ui.pane import DocumentPane, PaneSource
from reader.ui.pane_area import PaneArea
from reader.ui.scroll_sync import SyncMode
from reader.ui.session import SessionState, SessionStore
from reader.ui.window_annotations import annotation_title, connect_annotation_actions, draw_annotations, go_to_annotation, install_annotation_docks
from reader.ui.window_lessons import connect_lesson_actions, install_lessons_dock
from reader.ui.window_research import connect_research_actions, install_research_docks, set_corpus
from reader.ui.window_session import capture_session, restore_session
from reader.ui.window_alignment import install_alignment
from reader.ui.annotation_controller import AnnotationController
from reader.ui.document_view import ANNOTATION_LAYER
from reader.ui.theme_controller import ThemeController
from reader.ui.themes_dock import ThemesDock

log = logging.getLogger(__name__)
# Smaller files open at once on the UI thread (well under 50 ms); larger ones on a worker.
SMALL_FILE_BYTES = 256 * 1024
SESSION_SAVE_DELAY_MS = 1000
TEXT_FILE_FILTER = "Text files (*.txt *.md *.text);;All files (*)"


class MainWindow(QMainWindow):
    """Parallel panes of documents with a corpus browser; remembers its session if given a store."""

    def __init__(self, corpus: Corpus, store: SessionStore | None = None, first_run_pair: bool = True, annotation_path: Path | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.store = store
        self.appearance = Appearance()
        self.last_error: str | None = None
        self._loaders: dict[DocumentPane, DocumentLoader] = {}
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setAcceptDrops(True)
        self.resize(1400, 850)

        self.pane_area = PaneArea(self)
        self.pane_area.setAccessibleName("Document panes")
        self.setCentralWidget(self.pane_area)
        self.corpus_dock = CorpusDock(corpus, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.corpus_dock)
        self.resizeDocks([self.corpus_dock], [440], Qt.Orientation.Horizontal)
        self.themes_dock = ThemesDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.themes_dock)
        self.resizeDocks([self.themes_dock], [330], Qt.Orientation.Horizontal)
        self.themes = ThemeController(self.pane_area, self.themes_dock, self.report_problem, self)
        self.annotations = AnnotationController(self.report_problem, annotation_path, self)
        self.annotations_dock, self.tags_dock = install_annotation_docks(self)
        self.lessons_dock, self.presentation = install_lessons_dock(self), None
        research_docks = install_research_docks(self)
        self._draw_annotations()
        self.actions = build_actions(self)
        self.alignment_dock, alignment_actions = install_alignment(self)
        docks = (self.corpus_dock, self.themes_dock, self.tags_dock, self.annotations_dock, self.lessons_dock, *research_docks, self.alignment_dock)
        self.window_menu = build_menus(self, self.actions, [dock.toggleViewAction() for dock in docks], alignment_actions)
        self.window_menu.aboutToShow.connect(self._fill_window_menu)
        self.pane_area.keep_tab_order()  # Tab goes region by region, panes or none
        self._fill_window_menu()
        self.statusBar().showMessage(f"{len(corpus)} documents in the corpus", 5000)
        self._connect()
        self._first_run_pair = first_run_pair
        # The session is also saved a moment after each change, so a crash loses at most that moment.
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SESSION_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_session)
        self._restore(store.load() if store else SessionState(first_run=False))
        for signal in (self.pane_area.panes_changed, self.pane_area.splitter.splitterMoved):
            signal.connect(self._schedule_save)
        for action in self.all_actions():
            if action.isCheckable():
                action.toggled.connect(self._schedule_save)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):  # Qt 6.5+: follow the desktop switching light/dark
            hints.colorSchemeChanged.connect(self._system_scheme_changed)

    # --- wiring ------------------------------------------------------------------------------
    def _connect(self) -> None:
        a = self.actions
        self.corpus_dock.open_requested.connect(self.open_corpus_document)
        self.pane_area.panes_changed.connect(self._panes_changed)
        self.pane_area.active_changed.connect(lambda _pane: self._panes_changed())
        a.open_file.triggered.connect(self.choose_files)
        a.close_pane.triggered.connect(lambda: self._with_active(self.pane_area.close_pane))
        a.export_image.triggered.connect(lambda: _help().export_window_image(self))
        a.quit.triggered.connect(self.close)
        a.copy.triggered.connect(lambda: self._with_active(lambda p: p.view.copy()))
        a.select_all.triggered.connect(lambda: self._with_active(lambda p: p.view.selectAll()))
        a.find.triggered.connect(lambda: self._with_active(lambda p: p.find_bar.open_bar()))
        a.find_next.triggered.connect(lambda: self._with_active(lambda p: p.find_bar.find_next()))
        a.find_previous.triggered.connect(lambda: self._with_active(lambda p: p.find_bar.find_previous()))
        a.zoom_in.triggered.connect(lambda: self._zoom(lambda v: v.zoom_in()))
        a.zoom_out.triggered.connect(lambda: self._zoom(lambda v: v.zoom_out()))
        a.zoom_reset.triggered.connect(lambda: self._zoom(lambda v: v.set_zoom(100)))
        a.word_wrap.toggled.connect(self.set_word_wrap)
        a.sync_enabled.toggled.connect(lambda _on: self._sync_changed())
        a.sync_proportional.triggered.connect(self._sync_changed)
        a.sync_paragraph.triggered.connect(self._sync_changed)
        a.side_by_side.triggered.connect(lambda: self.pane_area.set_orientation(Qt.Orientation.Horizontal))
        a.stacked.triggered.connect(lambda: self.pane_area.set_orientation(Qt.Orientation.Vertical))
        for action in (a.scheme_system, a.scheme_light, a.scheme_dark, a.high_contrast):
            action.triggered.connect(self._appearance_changed)
        a.full_screen.toggled.connect(lambda on: self.showFullScreen() if on else self.showNormal())
        a.edit_themes.triggered.connect(lambda: self.themes.edit_themes(self))
        self.themes_dock.edit_requested.connect(a.edit_themes.trigger)
        connect_annotation_actions(self)
        connect_lesson_actions(self)
        connect_research_actions(self)
        a.next_theme.triggered.connect(lambda: self.themes.step(1))
        a.previous_theme.triggered.connect(lambda: self.themes.step(-1))
        a.next_pane.triggered.connect(lambda: self.pane_area.activate_relative(1))
        a.previous_pane.triggered.connect(lambda: self.pane_area.activate_relative(-1))
        a.move_pane_earlier.triggered.connect(lambda: self._with_active(lambda p: self.pane_area.move_pane(p, -1)))
        a.move_pane_later.triggered.connect(lambda: self._with_active(lambda p: self.pane_area.move_pane(p, 1)))
        a.swap_with_next.triggered.connect(self._swap_active_with_next)
        a.shortcuts_help.triggered.connect(lambda: _help().show_shortcuts(self, self.all_actions()))
        a.show_log.triggered.connect(lambda: _help().show_log_location(self))
        a.about.triggered.connect(lambda: _help().show_about(self, self.corpus))
        a.about_qt.triggered.connect(QApplication.aboutQt)

    def _with_active(self, command) -> None:
        pane = self.pane_area.active_pane
        if pane is not None:
            command(pane)

    # --- opening documents -------------------------------------------------------------------
    def open_corpus_document(self, doc_id: str) -> DocumentPane:
        """Open a corpus document in a new pane (UnknownDocumentError for an unknown id)."""
        entry = self.corpus.entry(doc_id)
        return self._open(PaneSource("corpus", doc_id), entry.title, entry.metadata, lambda: self.corpus.document(doc_id), entry.path)

    def open_file(self, path: Path | str) -> DocumentPane:
        """Open a text file from disk in a new pane; failures are reported and the pane removed."""
        path = Path(path).expanduser().resolve()
        return self._open(PaneSource("file", str(path)), path.name, DocumentMetadata(), read_file_document(path), path)

    def open_source(self, source: PaneSource) -> DocumentPane:
        """Open what a remembered pane showed."""
        if source.kind == "file":
            return self.open_file(source.ref)
        return self.open_corpus_document(source.ref)

    def open_argument(self, argument: str) -> DocumentPane:
        """Open a command-line argument: a corpus id, else a file path."""
        if argument in self.corpus:
            return self.open_corpus_document(argument)
        return self.open_file(argument)

    def _open(self, source: PaneSource, title: str, metadata: DocumentMetadata, read, path: Path) -> DocumentPane:
        previous = self.pane_area.active_pane
        pane = DocumentPane(source)
        pane.view.setLineWrapMode(pane.view.LineWrapMode.WidgetWidth if self.actions.word_wrap.isChecked() else pane.view.LineWrapMode.NoWrap)
        if self.actions.zoom_all.isChecked() and previous is not None:
            pane.view.set_zoom(previous.view.zoom)
        pane.show_loading(title, metadata, self.appearance)
        pane.view.tag_key_pressed.connect(lambda number, p=pane: self.annotations.tag_by_number(p, number))
        pane.view.context_menu_opening.connect(lambda menu, p=pane: (self.annotations.fill_context_menu(menu, p, self), menu.addAction(self.actions.add_to_lesson)))
        self.pane_area.add_pane(pane)
        loader = DocumentLoader(read, pane.view.font(), self)
        self._loaders[pane] = loader
        loader.text_ready.connect(lambda document, p=pane: self.themes.text_arriving(p, document.text))  # match while it fills
        loader.loaded.connect(lambda loaded, p=pane: self._loaded(p, loaded))
        loader.failed.connect(lambda message, p=pane, before=previous: self._failed(p, message, before))
        loader.start(in_background=_file_size(path) > SMALL_FILE_BYTES)
        return pane

    def _loaded(self, pane: DocumentPane, loaded: LoadedDocument) -> None:
        self._loaders.pop(pane, None)
        if pane in self.pane_area.panes():
            pane.show_loaded(loaded, self.appearance)
            self.themes.document_shown(pane)
            self.annotations.document_shown(pane)
            pane.view.set_layer(ANNOTATION_LAYER, self.annotations.layer_for(pane))
            self.statusBar().showMessage(f"Opened {loaded.document.title} ({loaded.document.encoding})", 5000)
            self._panes_changed()

    def _failed(self, pane: DocumentPane, message: str, previous: DocumentPane | None) -> None:
        self._loaders.pop(pane, None)
        self.pane_area.close_pane(pane)
        if previous in self.pane_area.panes():
            self.pane_area.set_active(previous)
        self.report_problem(message)

    def documents_loading(self) -> bool:
        """Whether any document is still being read."""
        return bool(self._loaders)

    def loading(self) -> bool:
        """Whether any document is still being read or matched against the themes."""
        return bool(self._loaders) or self.themes.pending()

    def report_problem(self, message: str) -> None:
        """Tell the user about a problem with their input, without blocking the window."""
        self.last_error = message
        log.warning("%s", message)
        self.statusBar().showMessage(message, 10000)
        from PySide6.QtWidgets import QMessageBox  # dialogs are imported on first use: faster start-up

        box = QMessageBox(QMessageBox.Icon.Warning, APP_DISPLAY_NAME, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def choose_files(self) -> None:
        """File > Open: pick text files."""
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(self, "Open text files", str(Path.home()), TEXT_FILE_FILTER)
        for path in paths:
            self.open_file(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if _local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        paths = _local_paths(event.mimeData())
        for path in paths:
            self.open_file(path)
        if paths:
            event.acceptProposedAction()

    # --- view commands -----------------------------------------------------------------------
    def _zoom(self, change) -> None:
        active = self.pane_area.active_pane
        if active is None:
            return
        change(active.view)
        if self.actions.zoom_all.isChecked():
            for view in self.pane_area.views():
                view.set_zoom(active.view.zoom)
        self.statusBar().showMessage(f"Zoom {active.view.zoom}%", 2000)

    def set_word_wrap(self, on: bool) -> None:
        """Wrap lines at the pane edge, or not."""
        for view in self.pane_area.views():
            view.setLineWrapMode(view.LineWrapMode.WidgetWidth if on else view.LineWrapMode.NoWrap)

    def _sync_changed(self) -> None:
        if not self.actions.sync_enabled.isChecked():
            mode = SyncMode.OFF
        elif self.actions.sync_paragraph.isChecked():
            mode = SyncMode.PARAGRAPH
        elif self.alignment_actions.sync_by_alignment.isChecked():
            mode = SyncMode.ALIGNMENT
        else:
            mode = SyncMode.PROPORTIONAL
        self.pane_area.sync.set_mode(mode)
        active = self.pane_area.active_pane
        if active is not None:
            self.pane_area.sync.follow(active.view)

    def _swap_active_with_next(self) -> None:
        panes = self.pane_area.panes()
        active = self.pane_area.active_pane
        if active in panes and len(panes) > 1:
            index = panes.index(active)
            self.pane_area.swap(index, (index + 1) % len(panes))

    def _appearance_changed(self) -> None:
        a = self.actions
        scheme = ColorScheme.DARK if a.scheme_dark.isChecked() else ColorScheme.LIGHT if a.scheme_light.isChecked() else ColorScheme.SYSTEM
        self.set_appearance(Appearance(scheme, a.high_contrast.isChecked()))

    def set_appearance(self, appearance: Appearance) -> None:
        """Apply an appearance to the whole application and recolour the panes."""
        self.appearance = appearance
        {ColorScheme.SYSTEM: self.actions.scheme_system, ColorScheme.LIGHT: self.actions.scheme_light, ColorScheme.DARK: self.actions.scheme_dark}[appearance.scheme].setChecked(True)
        self.actions.high_contrast.setChecked(appearance.high_contrast)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, appearance)
        for pane in self.pane_area.panes():
            pane.apply_appearance(appearance)
        self.themes.set_appearance(appearance)
        self.timeline_dock.view.set_appearance(appearance)

    def _schedule_save(self, *_args: object) -> None:
        if self.store is not None:
            self._save_timer.start()

    def _system_scheme_changed(self, *_args: object) -> None:
        if self.appearance.scheme is ColorScheme.SYSTEM:
            self.set_appearance(self.appearance)

    def _fill_window_menu(self) -> None:
        """Window menu: pane commands, then one entry per open pane (built when the menu opens)."""
        active = self.pane_area.active_pane
        entries: list[QAction] = []
        for number, pane in enumerate(self.pane_area.panes(), start=1):
            action = QAction(f"&{number} {pane.title}" if number < 10 else pane.title, self.window_menu)
            action.setCheckable(True)
            action.setChecked(pane is active)
            action.triggered.connect(lambda _checked=False, p=pane: (self.pane_area.set_active(p), p.view.setFocus()))
            entries.append(action)
        fill_window_menu(self.window_menu, self.actions, entries)

    def _panes_changed(self) -> None:
        has_panes = bool(self.pane_area.panes())
        for action in (self.actions.close_pane, self.actions.find, self.actions.find_next, self.actions.find_previous, self.actions.copy, self.actions.select_all):
            action.setEnabled(has_panes)
        self._update_title()

    def _update_title(self) -> None:
        active = self.pane_area.active_pane
        parts = [active.title] if active is not None else []
        self.setWindowTitle(" — ".join([*parts, annotation_title(self), APP_DISPLAY_NAME]))

    def all_actions(self) -> list[QAction]:
        """Every command of the window, for the shortcut list."""
        return [*self.actions.all(), *self.alignment_actions.all()]

    # --- session -----------------------------------------------------------------------------
    def _restore(self, state: SessionState) -> None:
        restore_session(self, state, self._first_run_pair)
        self._sync_changed()

    def session_state(self) -> SessionState:
        """The state to remember now."""
        return capture_session(self)

    def save_session(self) -> None:
        """Write the session to the store, if this window has one."""
        self._save_timer.stop()
        if self.store is not None:
            self.store.save(self.session_state())

    def set_corpus(self, corpus: Corpus) -> None:
        """Use another corpus (bundled plus imported documents)."""
        set_corpus(self, corpus)

    # --- tagging -------------------------------------------------------------------------------
    def _draw_annotations(self) -> None:
        draw_annotations(self)

    def go_to_annotation(self, annotation_id: str) -> None:
        """Show an annotation's passage, opening its document in a new pane if needed."""
        go_to_annotation(self, annotation_id)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.annotations.save_now()
        self.annotations.release()
        self.save_session()
        self.search_dock.close_index()  # stops indexing at the next document, so quitting does not wait for it
        super().closeEvent(event)


def _help():
    from reader.ui import help_dialogs  # dialogs load when first asked for: faster start-up

    return help_dialogs


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the loader reports the problem


def _local_paths(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []

