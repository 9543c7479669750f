"""The main window's side of lessons: the Lesson dock, adding passages, presenting, and handouts."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMenu

from reader.core.corpus import DOC_IRI_PREFIX
from reader.core.errors import ReaderError
from reader.core.lessons import add_lesson, add_passages, delete_lesson, lesson, move_passage, new_passage, passages_with_tag, remove_passages, rename_lesson, set_caption
from reader.ui.lessons_dock import LessonsDock
from reader.ui.tag_commands import ask_text
from reader.ui.window_annotations import go_to_span
from reader.ui.session import user_settings
from reader.ui.workers import run_in_background

if TYPE_CHECKING:  # presentation modules load when a presentation starts, not with the window
    from reader.ui.main_window import MainWindow
    from reader.ui.presentation import PresentationWindow

SCREEN_KEY = "presentation/screen"


def install_lessons_dock(window: MainWindow) -> LessonsDock:
    """The Lesson dock, a tab beside Themes and Tags; hidden until a lesson is made or asked for."""
    dock = LessonsDock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.tabifyDockWidget(window.tags_dock, dock)
    dock.hide()
    window.themes_dock.raise_()
    dock.command.connect(lambda command, lesson_id, passage_ids: run_lesson_command(window, command, lesson_id, passage_ids))
    window.annotations.changed.connect(lambda: show_lessons(window))
    window.lessons_dock = dock
    show_lessons(window)
    return dock


def connect_lesson_actions(window: MainWindow) -> None:
    """Wire Add to Lesson, Present and Export Handout, and the presentation-screen menu."""
    a = window.actions
    a.add_to_lesson.triggered.connect(lambda: add_selection_to_lesson(window))
    a.add_tagged_to_lesson.triggered.connect(lambda: run_lesson_command(window, "tagged", window.lessons_dock.current_lesson_id(), []))
    a.present.triggered.connect(lambda: present(window))
    a.export_handout.triggered.connect(lambda: run_lesson_command(window, "handout", window.lessons_dock.current_lesson_id(), []))
    window.present_screen_menu.aboutToShow.connect(lambda: _fill_screen_menu(window, window.present_screen_menu))


def show_lessons(window: MainWindow, chosen: str = "") -> None:
    """Refill the Lesson dock from the annotation file (choosing lesson `chosen`, if given)."""
    window.lessons_dock.show_lessons(window.annotations.content, lambda iri: _title_of(window, iri), chosen)


def _title_of(window: MainWindow, iri: str) -> str:
    doc_id = iri.removeprefix(DOC_IRI_PREFIX)
    if doc_id in window.corpus:
        return window.corpus.entry(doc_id).title
    pane = next((p for p in window.pane_area.panes() if p.document is not None and p.document.iri == iri), None)
    return pane.title if pane is not None else doc_id


def _current_or_new_lesson(window: MainWindow) -> tuple:
    """The chosen lesson's id and the content to add to (with a new lesson when the file has none)."""
    content = window.annotations.content
    chosen = window.lessons_dock.current_lesson_id()
    if chosen:
        return content, chosen
    content, created = add_lesson(content)
    return content, created.id


def add_selection_to_lesson(window: MainWindow) -> bool:
    """Ctrl+L: the active pane's selection becomes the last passage of the chosen lesson."""
    pane = window.pane_area.active_pane
    if pane is None or pane.document is None:
        window.report_problem("Open a document and select a passage first.")
        return False
    start, end = pane.view.selection_offsets()
    try:
        passage = new_passage(pane.document.iri, pane.document.text, start, end)
    except ReaderError as error:
        window.report_problem(f"To add a passage to the lesson, {error}.")
        return False
    content, lesson_id = _current_or_new_lesson(window)
    content = replace(content, documents=window.annotations.with_document(pane))  # its sha256 lets a changed text re-anchor the passage
    if not window.annotations.apply(add_passages(content, lesson_id, [passage]), "Add passage to lesson"):
        return False
    show_lessons(window, lesson_id)
    window.lessons_dock.show()
    count = len(lesson(window.annotations.content, lesson_id).passages)
    window.statusBar().showMessage(f"Added to {lesson(window.annotations.content, lesson_id).name}: passage {count}", 5000)
    return True


def run_lesson_command(window: MainWindow, command: str, lesson_id: str, passage_ids: list[str]) -> None:
    """Carry out a Lesson dock command; dialogs are window-modal and do not block."""
    controller, content = window.annotations, window.annotations.content
    try:
        if command == "choose":
            show_lessons(window)
        elif command == "new":
            after, created = add_lesson(content)
            if controller.apply(after, "New lesson"):
                show_lessons(window, created.id)
                window.lessons_dock.show()
        elif not lesson_id:
            window.report_problem("There is no lesson yet: add a passage with Add Selection to Lesson (Ctrl+L).")
        elif command == "rename":
            _ask_text(window, "Rename Lesson", "Name of the lesson:", lesson(content, lesson_id).name,
                      lambda name: _apply(window, lambda: rename_lesson(controller.content, lesson_id, name), "Rename lesson"))
        elif command == "delete":
            controller.apply(delete_lesson(content, lesson_id), f"Delete lesson {lesson(content, lesson_id).name}")
        elif command in ("up", "down") and passage_ids:
            _move(window, lesson_id, passage_ids, -1 if command == "up" else 1)
        elif command == "caption" and passage_ids:
            passage = next(p for p in lesson(content, lesson_id).passages if p.id == passage_ids[0])
            _ask_text(window, "Caption", "Caption shown above the passage (leave empty for none):", passage.caption,
                      lambda text: _apply(window, lambda: set_caption(controller.content, lesson_id, passage.id, text), "Edit caption"), allow_empty=True)
        elif command == "remove" and passage_ids:
            controller.apply(remove_passages(content, lesson_id, set(passage_ids)), "Remove passages from lesson")
        elif command == "tagged":
            _add_tagged(window, lesson_id)
        elif command == "present":
            present(window)
        elif command == "handout":
            from reader.ui.handout_export import choose_handout_file

            choose_handout_file(window, lesson(content, lesson_id))
        elif command == "go" and passage_ids:
            passage = next(p for p in lesson(content, lesson_id).passages if p.id == passage_ids[0])
            go_to_span(window, passage.document, passage.start, passage.end)
    except ReaderError as error:
        window.report_problem(str(error))


def _move(window: MainWindow, lesson_id: str, passage_ids: list[str], step: int) -> None:
    content = window.annotations.content
    order = [p.id for p in lesson(content, lesson_id).passages]
    moving = passage_ids if step < 0 else list(reversed(passage_ids))
    for passage_id in moving:
        content = move_passage(content, lesson_id, passage_id, order.index(passage_id) + step)
        order = [p.id for p in lesson(content, lesson_id).passages]
    window.annotations.apply(content, "Move passage")


def _add_tagged(window: MainWindow, lesson_id: str) -> None:
    codebook = window.annotations.content.codebook
    if not codebook:
        window.report_problem("There are no tags yet: tag passages first (Ctrl+T).")
        return
    dialog = QInputDialog(window)
    dialog.setWindowTitle("Add Tagged Passages")
    dialog.setLabelText("Add every passage tagged:")
    dialog.setComboBoxItems([tag.name for tag in codebook])
    dialog.setComboBoxEditable(False)

    def chosen(name: str) -> None:
        tag = next(t for t in window.annotations.content.codebook if t.name == name)
        found = passages_with_tag(window.annotations.content, tag.id)
        _apply(window, lambda: add_passages(window.annotations.content, lesson_id, found), f"Add passages tagged {name}")

    dialog.textValueSelected.connect(chosen)
    dialog.open()
    window.lessons_dock.last_dialog = dialog


def _apply(window: MainWindow, change, description: str) -> None:
    try:
        window.annotations.apply(change(), description)
    except ReaderError as error:
        window.report_problem(str(error))


def _ask_text(window: MainWindow, title: str, label: str, value: str, then, allow_empty: bool = False) -> None:
    window.lessons_dock.last_dialog = ask_text(window, title, label, value, then, skip_blank=not allow_empty)


# --- presenting ----------------------------------------------------------------------------------
def present(window: MainWindow, full_screen: bool = True) -> PresentationWindow | None:
    """F5: the chosen lesson, or, with none (or an empty one), the open panes paragraph by paragraph."""
    showing = window.presentation
    if showing is not None and shiboken6.isValid(showing) and showing.isVisible():
        showing.raise_()  # F5 again while presenting: the same presentation, not a second one
        showing.activateWindow()
        return showing
    if getattr(window, "preparing_presentation", False):
        return None
    chosen = window.lessons_dock.current_lesson_id()
    current = next((item for item in window.annotations.content.lessons if item.id == chosen), None)
    if current is not None and current.passages:
        from reader.core.handout import corpus_lookup
        from reader.ui.presentation_decks import lesson_deck

        state = window.themes.state
        panes = window.pane_area.panes()
        visible = window.themes.visible_ids()
        find = corpus_lookup(window.corpus, [p.document for p in panes if p.document is not None], window.annotations.content.documents)
        content, themes = window.annotations.content, list(state.themes)
        work = lambda: lesson_deck(current, content, find, state.match_now, themes, visible)  # noqa: E731 (reads and matches on a worker)
        window.preparing_presentation = True

        def ready(deck) -> None:
            window.preparing_presentation = False
            _show(window, deck, len(deck), full_screen)

        def failed(message: str) -> None:
            window.preparing_presentation = False
            window.report_problem(message)

        run_in_background(work, ready, failed, window)
        window.statusBar().showMessage(f"Preparing {current.name}…", 3000)
        return None
    return present_panes(window, full_screen)


def present_panes(window: MainWindow, full_screen: bool = True) -> PresentationWindow | None:
    """Present the open panes at large type, from the paragraph at the top of the active pane."""
    from reader.ui.presentation_decks import PanesDeck

    panes = [p for p in window.pane_area.panes() if p.document is not None]
    if not panes:
        window.report_problem("Open a document, or build a lesson, to present.")
        return None
    active = window.pane_area.active_pane or panes[0]
    first = active.view.paragraphs.paragraph_of_line(active.view.top_line())
    state = window.themes.state
    visible = window.themes.visible_ids()
    deck = PanesDeck([p.document for p in panes], [window.themes.spans_of(p) or [] for p in panes], window.annotations.content, state.themes, visible, first)
    shown = _show(window, deck, deck.count, full_screen)

    def follow(slide: int) -> None:  # leaving, the panes show the paragraph the class last saw
        for pane in panes:
            if pane in window.pane_area.panes():
                pane.view.scroll_to_line(pane.view.paragraphs.first_line_of(deck.paragraph(slide)))

    shown.left.connect(follow)
    return shown


def _show(window: MainWindow, deck, count: int, full_screen: bool = True) -> PresentationWindow:
    from reader.ui.presentation import PresentationWindow

    presentation = PresentationWindow(deck, count, window, dark=window.appearance.is_dark())
    window.presentation = presentation
    presentation.left.connect(lambda _slide: _back_to_window(window))
    if full_screen:
        presentation.present_on(_chosen_screen(window))
    return presentation


def _back_to_window(window: MainWindow) -> None:
    window.activateWindow()
    if window.pane_area.active_pane is not None:
        window.pane_area.active_pane.view.setFocus()


def _chosen_screen(window: MainWindow):
    from reader.ui.presentation import default_screen

    name = user_settings().value(SCREEN_KEY, "", str)
    return next((s for s in QGuiApplication.screens() if s.name() == name), None) or default_screen(window)


def _fill_screen_menu(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    group = QActionGroup(menu)
    current = _chosen_screen(window)
    for number, screen in enumerate(QGuiApplication.screens(), start=1):
        size = screen.size()
        action = QAction(f"&{number} {screen.name() or 'Screen'} ({size.width()}×{size.height()})", menu, checkable=True)
        action.setChecked(screen is current)
        action.triggered.connect(lambda _checked=False, n=screen.name(): user_settings().setValue(SCREEN_KEY, n))
        group.addAction(action)
        menu.addAction(action)
