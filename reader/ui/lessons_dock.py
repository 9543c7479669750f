"""The Lesson dock: choose a lesson, and reorder, caption, remove, present or hand out its passages."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDockWidget, QGridLayout, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from reader.core.annotations import AnnotationSet, Lesson
from reader.ui.plain_text import plain_tooltip

EXCERPT_CHARS = 110
PASSAGE_ID_ROLE = Qt.ItemDataRole.UserRole


class LessonsDock(QDockWidget):
    """Lessons of the annotation file; `command` asks the window to act on the chosen lesson."""

    command = Signal(str, str, list)  # command, lesson id ("" when there is none), selected passage ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Lesson", parent)
        self.setObjectName("LessonsDock")
        self.setAccessibleName("Lesson")
        self.setAccessibleDescription("The passages of a lesson, in the order they are presented")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)

        top = QHBoxLayout()
        label = QLabel("&Lesson:", body)
        self.lesson_box = QComboBox(body)
        self.lesson_box.setAccessibleName("Lesson")
        self.lesson_box.setToolTip("The lesson that Add to Lesson, Present and the handout use")
        label.setBuddy(self.lesson_box)
        top.addWidget(label)
        top.addWidget(self.lesson_box, 1)
        layout.addLayout(top)

        self.passages = QListWidget(body)
        self.passages.setAccessibleName("Passages of the lesson")
        self.passages.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.passages.setWordWrap(True)
        self.passages.setAlternatingRowColors(True)
        self.passages.itemActivated.connect(lambda _item: self._emit("go"))
        layout.addWidget(self.passages, 1)
        self.empty_hint = QLabel("Select text in a pane and choose Add Selection to Lesson (Ctrl+L).", body)
        self.empty_hint.setWordWrap(True)
        layout.addWidget(self.empty_hint)

        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        specs = [
            ("new", "&New Lesson", "Start another lesson"), ("rename", "Rena&me…", "Rename this lesson"),
            ("delete", "Delete Lesso&n", "Delete this lesson (its documents and annotations stay)"),
            ("up", "Move &Up", "Present the selected passage earlier (Alt+Up)"), ("down", "Move Do&wn", "Present it later (Alt+Down)"),
            ("caption", "&Caption…", "Write the caption shown above the passage"),
            ("remove", "&Remove", "Take the selected passages out of the lesson"), ("tagged", "Add &Tagged…", "Add every passage that carries a tag"),
            ("present", "&Present", "Present this lesson (F5)"), ("handout", "&Handout…", "Export the lesson as a PDF or HTML handout"),
        ]
        for index, (name, text, tip) in enumerate(specs):
            button = QPushButton(text, body)
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)
            button.clicked.connect(lambda _checked=False, n=name: self._emit(n))
            grid.addWidget(button, index // 3, index % 3)
            self.buttons[name] = button
        layout.addLayout(grid)
        self.setWidget(body)
        for keys, name in (("Alt+Up", "up"), ("Alt+Down", "down"), (QKeySequence.StandardKey.Delete, "remove")):
            shortcut = QShortcut(QKeySequence(keys), self.passages, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda n=name: self._emit(n))
        self.lesson_box.currentIndexChanged.connect(lambda _index: self.command.emit("choose", self.current_lesson_id(), []))
        self._lessons: list[Lesson] = []

    def current_lesson_id(self) -> str:
        """The id of the lesson chosen in the box, or "" when the file has none."""
        return self.lesson_box.currentData() or ""

    def selected_passage_ids(self) -> list[str]:
        """Ids of the selected passages, in lesson order."""
        rows = sorted(self.passages.row(item) for item in self.passages.selectedItems())
        return [self.passages.item(row).data(PASSAGE_ID_ROLE) for row in rows]

    def _emit(self, name: str) -> None:
        self.command.emit(name, self.current_lesson_id(), self.selected_passage_ids())

    def show_lessons(self, content: AnnotationSet, title_of: Callable[[str], str], chosen: str = "") -> None:
        """Fill the box and the list from the annotation file, keeping the choice and selection where possible."""
        chosen = chosen or self.current_lesson_id()
        selected = set(self.selected_passage_ids())
        self._lessons = list(content.lessons)
        self.lesson_box.blockSignals(True)
        self.lesson_box.clear()
        for item in self._lessons:
            self.lesson_box.addItem(f"{item.name} ({len(item.passages)})", item.id)
        index = self.lesson_box.findData(chosen)
        self.lesson_box.setCurrentIndex(index if index >= 0 else (0 if self._lessons else -1))
        self.lesson_box.blockSignals(False)
        self._fill_passages(title_of, selected)

    def _fill_passages(self, title_of: Callable[[str], str], selected: set[str]) -> None:
        current = next((item for item in self._lessons if item.id == self.current_lesson_id()), None)
        self.passages.clear()
        for number, passage in enumerate(current.passages if current else (), start=1):
            excerpt = " ".join(passage.exact.split())
            if len(excerpt) > EXCERPT_CHARS:
                excerpt = excerpt[: EXCERPT_CHARS - 1] + "…"
            text = f"{number}. {title_of(passage.document)}\n“{excerpt}”"
            if passage.caption:
                text += f"\nCaption: {passage.caption}"
            item = QListWidgetItem(text)  # plain text: a caption is never read as HTML
            item.setData(PASSAGE_ID_ROLE, passage.id)
            item.setToolTip(plain_tooltip(passage.exact[:1000]))
            self.passages.addItem(item)
            item.setSelected(passage.id in selected)
        has_lesson, has_passages = current is not None, bool(current and current.passages)
        for name in ("rename", "delete", "tagged"):
            self.buttons[name].setEnabled(has_lesson)
        for name in ("up", "down", "caption", "remove", "present", "handout"):
            self.buttons[name].setEnabled(has_passages)
        self.empty_hint.setVisible(not has_passages)
