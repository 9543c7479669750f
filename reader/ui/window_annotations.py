"""The main window's side of annotations: drawing them in every pane and the dock, and going to one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from shiboken6 import isValid

from reader.core.corpus import DOC_IRI_PREFIX
from reader.ui.annotations_dock import AnnotationsDock
from reader.ui.document_view import ANNOTATION_LAYER
from reader.ui.tag_commands import run_tag_command
from reader.ui.tags_dock import TagsDock

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def connect_annotation_actions(window: MainWindow) -> None:
    """Wire Undo/Redo, tagging, notes and the annotation-file commands of the window's menus."""
    a = window.actions
    stack = window.annotations.undo_stack
    a.undo.triggered.connect(stack.undo)
    a.redo.triggered.connect(stack.redo)
    stack.canUndoChanged.connect(a.undo.setEnabled)
    stack.canRedoChanged.connect(a.redo.setEnabled)
    stack.undoTextChanged.connect(lambda text: _relabel(a.undo, f"&Undo {text}"))
    stack.redoTextChanged.connect(lambda text: _relabel(a.redo, f"&Redo {text}"))
    a.undo.setEnabled(False)
    a.redo.setEnabled(False)
    a.tag_selection.triggered.connect(lambda: window._with_active(lambda pane: window.annotations.pick_tag(pane, window)))
    a.add_note.triggered.connect(lambda: window._with_active(lambda pane: window.annotations.edit_note(pane, window)))
    a.annotator_name.triggered.connect(lambda: window.annotations.ask_creator(window))
    window.annotations.changed.connect(window._draw_annotations)
    window.annotations.changed_on_disk.connect(lambda: window.annotations.ask_about_outside_change(window))
    window.annotations.saved_state_changed.connect(window._update_title)
    a.new_annotations.triggered.connect(lambda: choose_annotation_file(window, "new"))
    a.open_annotations.triggered.connect(lambda: choose_annotation_file(window, "open"))
    a.save_annotations_as.triggered.connect(lambda: choose_annotation_file(window, "save-as"))
    a.import_annotations.triggered.connect(lambda: choose_exchange_file(window, "import"))
    a.export_annotations.triggered.connect(lambda: choose_exchange_file(window, "export"))


def _relabel(action: QAction, text: str) -> None:
    if isValid(action):  # a window being destroyed may lose its actions before its undo stack, which empties itself
        action.setText(text.strip())


def install_annotation_docks(window: MainWindow) -> tuple[AnnotationsDock, TagsDock]:
    """The Annotations dock (bottom, hidden until asked for) and the Tags dock (a tab beside Themes)."""
    annotations_dock = AnnotationsDock(window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, annotations_dock)
    annotations_dock.hide()
    annotations_dock.jump_requested.connect(window.go_to_annotation)
    annotations_dock.delete_requested.connect(window.annotations.delete_annotations)
    annotations_dock.edit_requested.connect(lambda annotation_id: window.annotations.edit_note(None, window, annotation_id))
    annotations_dock.reattach_requested.connect(lambda annotation_id: window._with_active(lambda pane: window.annotations.reattach(annotation_id, pane)))
    tags_dock = TagsDock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, tags_dock)
    window.tabifyDockWidget(window.themes_dock, tags_dock)
    window.themes_dock.raise_()
    tags_dock.command.connect(lambda command, tag_id: run_tag_command(window.annotations, command, tag_id, window))
    return annotations_dock, tags_dock


def draw_annotations(window: MainWindow) -> None:
    """Redraw every pane's annotations and refill the Annotations dock."""
    for pane in window.pane_area.panes():
        pane.view.set_layer(ANNOTATION_LAYER, window.annotations.layer_for(pane))
    orphans = {a.id for found in window.annotations.orphans.values() for a in found}
    window.annotations_dock.model.show(window.annotations.content, orphans)
    window.tags_dock.show_codebook(window.annotations.content)


def go_to_annotation(window: MainWindow, annotation_id: str) -> None:
    """Select an annotation's passage, opening its document in a new pane if no pane shows it."""
    annotation = next((a for a in window.annotations.content.annotations if a.id == annotation_id), None)
    if annotation is not None:
        go_to_span(window, annotation.document, annotation.start, annotation.end)


def go_to_span(window: MainWindow, document_iri: str, start: int, end: int) -> None:
    """Select text[start:end] of a document, opening it in a new pane if no pane shows it."""
    pane = next((p for p in window.pane_area.panes() if p.document is not None and p.document.iri == document_iri), None)
    if pane is None:
        doc_id = document_iri.removeprefix(DOC_IRI_PREFIX)
        recorded = next((d for d in window.annotations.content.documents if d.get("id") == document_iri), {})
        if doc_id in window.corpus:
            pane = window.open_corpus_document(doc_id)
        elif recorded.get("path"):
            pane = window.open_file(recorded["path"])
        else:
            window.report_problem(f"The document {doc_id} is not in the corpus and its file is not known.")
            return
        if pane not in window.pane_area.panes() or pane.document is None:
            return  # it failed to open (reported), or a large file is still loading
    window.pane_area.set_active(pane)
    pane.view.select_range(start, end)


ANNOTATION_FILE_FILTER = "Annotation files (*.json);;All files (*)"


def choose_annotation_file(window: MainWindow, mode: str) -> None:
    """File ▸ New / Open / Save As for the annotation file (mode "new", "open" or "save-as")."""
    from PySide6.QtWidgets import QFileDialog

    folder = str(window.annotations.path.parent)
    if mode == "open":
        path, _ = QFileDialog.getOpenFileName(window, "Open annotation file", folder, ANNOTATION_FILE_FILTER)
    else:
        title = "New annotation file" if mode == "new" else "Save annotations as"
        path, _ = QFileDialog.getSaveFileName(window, title, folder, ANNOTATION_FILE_FILTER)
    if path:
        window.annotations.switch_to(Path(path), keep_content=mode == "save-as")


def annotation_title(window: MainWindow) -> str:
    """The window title's annotation part: the file's name, '[*]' marking unsaved changes, and read-only."""
    controller = window.annotations
    window.setWindowModified(controller.dirty)
    return f"{controller.path.name}[*]" + (" (read-only)" if controller.read_only else "")


def import_annotations_from(window: MainWindow, path: Path) -> int:
    """Merge another annotator's file into the current one (one undo step); returns how many were added."""
    from reader.core.errors import ReaderError
    from reader.core.exchange import merge_in
    from reader.core.store import load

    try:
        other = load(path).content
    except ReaderError as error:
        window.report_problem(str(error))
        return 0
    merged, added = merge_in(window.annotations.content, other)
    if added or merged.codebook != window.annotations.content.codebook:
        window.annotations.apply(merged, f"Import annotations from {path.name}")
    window.statusBar().showMessage(f"Imported {added} annotations from {path}", 8000)
    return added


def export_annotations_to(window: MainWindow, path: Path) -> None:
    """Write every annotation as CSV, or as JSON lines when the name ends in .jsonl."""
    from reader.core.exchange import export_text

    output_format = "jsonl" if path.suffix.lower() == ".jsonl" else "csv"
    try:
        path.write_text(export_text(window.annotations.content, output_format), encoding="utf-8", newline="")
    except OSError as error:
        window.report_problem(f"{path}: could not be written ({error.strerror or error})")
        return
    window.statusBar().showMessage(f"Exported {len(window.annotations.content.annotations)} annotations to {path}", 8000)


def choose_exchange_file(window: MainWindow, mode: str) -> None:
    """File ▸ Import Annotations… ("import") or Export Annotations… ("export")."""
    from PySide6.QtWidgets import QFileDialog

    folder = str(window.annotations.path.parent)
    if mode == "import":
        path, _ = QFileDialog.getOpenFileName(window, "Import another annotation file", folder, ANNOTATION_FILE_FILTER)
        if path:
            import_annotations_from(window, Path(path))
    else:
        path, _ = QFileDialog.getSaveFileName(window, "Export annotations", folder, "CSV (*.csv);;JSON lines (*.jsonl)")
        if path:
            export_annotations_to(window, Path(path))
