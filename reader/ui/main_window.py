"""The main window: document panes in a splitter, docks, menus, and the remembered session.

It is built in two stages, so the documents are on screen as early as possible. The constructor
builds what the first paint shows: the panes, toolbar, menu bar, status bar, and empty dock shells
laid out as the session remembers them. Right after the first paint, `finish_building` builds
the rest (reader.ui.window_completion); it runs at once if something needs the rest sooner.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QMainWindow

from reader import APP_DISPLAY_NAME
from reader.core.corpus import Corpus, DocumentMetadata
from reader.ui.appearance import Appearance, ColorScheme, apply_appearance
from reader.ui.loader import DocumentLoader, LoadedDocument, read_file_document
from reader.ui.menus import build_actions, build_menu_bar, build_toolbar
from reader.ui.pane import DocumentPane, PaneSource
from reader.ui.pane_area import PaneArea
from reader.ui.scroll_sync import SyncMode
from reader.ui.session import SessionState, SessionStore
from reader.ui.window_alignment import build_alignment_actions
from reader.ui.window_session import capture_session, restore_session
from reader.ui.window_shells import add_dock_shells

log = logging.getLogger(__name__)
# Smaller files open at once on the UI thread (well under 50 ms); larger ones on a worker.
SMALL_FILE_BYTES = 256 * 1024
PROGRESS_MESSAGE_MS = 2000  # a long load renews its progress every slice; one given up (pane closed) clears soon
SESSION_SAVE_DELAY_MS = 1000
TEXT_FILE_FILTER = "Text files (*.txt *.md *.text);;All files (*)"
_COMPLETE = QEvent.Type(QEvent.registerEventType())  # posted at the first paint: build the second stage
BUILD_WITHOUT_PAINT_MS = 1000


class MainWindow(QMainWindow):
    """Parallel panes of documents with a corpus browser; remembers its session if given a store.

    The second stage adds the docks (`corpus_dock`, `themes_dock`, `tags_dock`, `annotations_dock`,
    `lessons_dock`, `timeline_dock`, `search_dock`, `alignment_dock`) and the controllers (`themes`,
    `annotations`, `alignment`); asking for one of them before then builds the second stage at once.
    """

    built = Signal()  # the second stage is built: every dock, menu and controller exists

    def __init__(self, corpus: Corpus, store: SessionStore | None = None, first_run_pair: bool = True, annotation_path: Path | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.store = store
        self.appearance = Appearance()
        self.last_error: str | None = None
        self.presentation = None
        self._annotation_path = annotation_path
        self._loaders: dict[DocumentPane, DocumentLoader] = {}
        self._progress_shown = ""  # the last progress message shown, which the next may replace
        self._stage = "first"  # then "scheduled" (first paint done), then "built" ("broken" while building, and if a bug stops it)
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setAcceptDrops(True)
        self.resize(1400, 850)

        self.pane_area = PaneArea(self)
        self.pane_area.setAccessibleName("Document panes")
        self.setCentralWidget(self.pane_area)
        self.actions = build_actions(self)
        self.alignment_actions = build_alignment_actions(self)
        self.toolbar = build_toolbar(self, self.actions, self.alignment_actions)
        self.menus = build_menu_bar(self)
        self.window_menu = self.menus.window
        self.dock_shells = add_dock_shells(self)
        self.statusBar().showMessage(f"{len(corpus)} documents in the corpus", 5000)
        self.pane_area.panes_changed.connect(self._panes_changed)
        self.pane_area.active_changed.connect(lambda _pane: self._panes_changed())
        self._first_run_pair = first_run_pair
        # The session is also saved a moment after each change, so a crash loses at most that moment.
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SESSION_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_session)
        self._restore(store.load() if store else SessionState(first_run=False))
        self._first_stage_done = True

    # --- the second stage ----------------------------------------------------------------------
    @property
    def is_built(self) -> bool:
        """Whether the second stage is built (docks filled, menus, controllers)."""
        return self._stage == "built"

    def finish_building(self) -> None:
        """Build the second stage now, if it is not built yet."""
        if self._stage in ("first", "scheduled"):
            from reader.ui.window_completion import complete_window

            self._stage = "broken"  # unless it completes: a bug then leaves a usable half, and is reported
            try:
                complete_window(self)
                self._stage = "built"
            finally:
                self.built.emit()

    def __getattr__(self, name: str):
        # Only called for a missing attribute: a part of the second stage asked for before it exists.
        # Not while the first stage is built: a mistake there must fail plainly, not build a half window.
        if name.startswith("__") or not self.__dict__.get("_first_stage_done") or self.__dict__.get("_stage") not in ("first", "scheduled"):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.finish_building()
        return getattr(self, name)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stage == "first":  # built after the first paint; a little later if no paint comes (minimised)
            QTimer.singleShot(BUILD_WITHOUT_PAINT_MS, self, self._finish_if_shown)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if self._stage == "first":
            # Low priority: whatever is queued (the rest of this paint, input) comes first.
            self._stage = "scheduled"
            QCoreApplication.postEvent(self, QEvent(_COMPLETE), Qt.EventPriority.LowEventPriority.value)

    def customEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == _COMPLETE:
            self._finish_if_shown()

    def _finish_if_shown(self) -> None:
        if self._stage in ("first", "scheduled"):
            if self.isVisible():
                self.finish_building()
            else:  # closed meanwhile: built when shown again, or when a part of it is asked for
                self._stage = "first"

    def _with_active(self, command) -> None:
        pane = self.pane_area.active_pane
        if pane is not None:
            command(pane)

    # --- opening documents -------------------------------------------------------------------
    def open_corpus_document(self, doc_id: str) -> DocumentPane:
        """Open a corpus document in a new pane (UnknownDocumentError for an unknown id)."""
        entry = self.corpus.entry(doc_id)
        return self._open(PaneSource("corpus", doc_id), entry.title, entry.metadata, lambda _on_bytes, _on_piece: (self.corpus.document(doc_id), None), entry.path)

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
        # Once built, the theme controller starts matching on the loader's worker, the moment the file is read.
        on_read = on_bytes = None
        if self.is_built:
            state = self.themes.state
            on_read, on_bytes = (lambda document, utf8, early: state.begin(document.text, utf8, early)), state.begin_utf8
        loader = DocumentLoader(read, pane.view.font(), self, on_read, on_bytes)
        self._loaders[pane] = loader
        loader.text_ready.connect(lambda document, begun, p=pane: self._text_arriving(p, document, begun))
        loader.filling.connect(pane.view.show_filling)
        shown_before = self.statusBar().currentMessage()
        loader.progressed.connect(lambda percent, name=title: self._show_progress(f"Opening {name}… {percent}%", shown_before))
        loader.loaded.connect(lambda loaded, p=pane: self._loaded(p, loaded))
        loader.failed.connect(lambda message, p=pane, before=previous: self._failed(p, message, before))
        loader.start(in_background=_file_size(path) > SMALL_FILE_BYTES)
        return pane

    def _show_progress(self, message: str, shown_before: str) -> None:
        """Show a long load's progress, unless the status bar has said something since the load
        began (an error, another file opened): that stays until its own time is up."""
        shown = self.statusBar().currentMessage()
        if shown in ("", shown_before, self._progress_shown):
            self.statusBar().showMessage(message, PROGRESS_MESSAGE_MS)
            self._progress_shown = message

    def _text_arriving(self, pane: DocumentPane, document, begun) -> None:
        if self.is_built:  # otherwise the second stage matches the themes of the documents it finds
            self.themes.text_arriving(pane, document.text, begun)

    def _loaded(self, pane: DocumentPane, loaded: LoadedDocument) -> None:
        self._loaders.pop(pane, None)
        if pane in self.pane_area.panes():
            pane.show_loaded(loaded, self.appearance)
            if pane.find_bar.isVisible():  # searched while the text was still being filled in
                pane.find_bar.refresh()
            if self.is_built:  # otherwise the second stage matches its themes and draws its annotations
                from reader.ui.window_completion import document_shown

                document_shown(self, pane)
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
        """Whether any document is still being read or matched against the themes, or the window is not built yet."""
        if self._stage == "broken":
            return bool(self._loaders)
        return bool(self._loaders) or not self.is_built or self.themes.pending()

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
            apply_appearance(app, appearance, focus_rings=self.is_built)
        for pane in self.pane_area.panes():
            pane.apply_appearance(appearance)
        if self.is_built:  # otherwise the second stage starts with this appearance
            self.themes.set_appearance(appearance)
            self.timeline_dock.view.set_appearance(appearance)

    def _schedule_save(self, *_args: object) -> None:
        if self.store is not None:
            self._save_timer.start()

    def _system_scheme_changed(self, *_args: object) -> None:
        if self.appearance.scheme is ColorScheme.SYSTEM:
            self.set_appearance(self.appearance)

    def _panes_changed(self) -> None:
        panes = self.pane_area.panes()
        for closed in [pane for pane in self._loaders if pane not in panes]:
            self._loaders.pop(closed).cancel()  # closed while its document loaded: stop filling it
        has_panes = bool(panes)
        for action in (self.actions.close_pane, self.actions.find, self.actions.find_next, self.actions.find_previous, self.actions.copy, self.actions.select_all):
            action.setEnabled(has_panes)
        self._update_title()

    def _update_title(self) -> None:
        active = self.pane_area.active_pane
        parts = [active.title] if active is not None else []
        if self.is_built:  # the annotation file's name, once it is open
            from reader.ui.window_annotations import annotation_title

            parts.append(annotation_title(self))
        self.setWindowTitle(" — ".join([*parts, APP_DISPLAY_NAME]))

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

    def save_all(self) -> None:
        """Write the annotation file (if the window got as far as opening it) and the session."""
        if self.is_built:
            self.annotations.save_now()
        self.save_session()

    def set_corpus(self, corpus: Corpus) -> None:
        """Use another corpus (bundled plus imported documents)."""
        from reader.ui.window_research import set_corpus

        self.finish_building()
        set_corpus(self, corpus)

    # --- tagging -------------------------------------------------------------------------------
    def _draw_annotations(self) -> None:
        from reader.ui.window_annotations import draw_annotations

        draw_annotations(self)

    def go_to_annotation(self, annotation_id: str) -> None:
        """Show an annotation's passage, opening its document in a new pane if needed."""
        from reader.ui.window_annotations import go_to_annotation

        self.finish_building()
        go_to_annotation(self, annotation_id)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.is_built:  # closed before the second stage: no annotation file was opened, no index started
            self.annotations.save_now()
            self.annotations.release()
            self.search_dock.close_index()  # stops indexing at the next document, so quitting does not wait for it
        self.save_session()
        super().closeEvent(event)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the loader reports the problem


def _local_paths(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []

