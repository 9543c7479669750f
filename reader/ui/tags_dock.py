"""The Tags dock: the codebook as a tree with each tag's count, and commands to change it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QGridLayout, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from reader.core.annotations import AnnotationSet
from reader.core.codebook import usage
from reader.ui.plain_text import plain_tooltip
from reader.ui.themes_dock import swatch


class TagsDock(QDockWidget):
    """Tree of tags (children under parents) with counts; the buttons emit what the user asked for."""

    command = Signal(str, str)  # command name, tag id ("" when none is selected)

    COMMANDS = (("new", "New…"), ("rename", "Rename…"), ("recolour", "Colour…"), ("merge", "Merge into…"), ("up", "Move Up"), ("down", "Move Down"), ("delete", "Delete…"))
    DESCRIPTIONS = {
        "new": ("New tag", "Add a tag to the codebook"),
        "rename": ("Rename tag", "Give the selected tag another name"),
        "recolour": ("Change tag colour", "Choose another colour for the selected tag"),
        "merge": ("Merge tag", "Move the selected tag's annotations to another tag and remove it"),
        "up": ("Move tag up", "Move the selected tag one place up"),
        "down": ("Move tag down", "Move the selected tag one place down"),
        "delete": ("Delete tag", "Remove the selected tag; asks what becomes of the annotations that carry it"),
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Tags", parent)
        self.setObjectName("TagsDock")
        self.setAccessibleName("Tags")
        self.setAccessibleDescription("The codebook: each tag's name and colour, its place under a parent tag, and how many annotations carry it")
        self.tree = QTreeWidget()
        self.tree.setTabKeyNavigation(False)  # Tab leaves the view; arrows move within it
        self.tree.setHeaderLabels(["Tag", "Count"])
        self.tree.setAccessibleName("Tags and how many annotations carry each")
        self.tree.setAccessibleDescription("Tags under their parent tags; keys 1 to 9 in a pane tag the selection with the first nine")
        self.tree.setRootIsDecorated(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.setColumnWidth(0, 190)
        buttons = QGridLayout()
        for number, (name, label) in enumerate(self.COMMANDS):
            button = QPushButton(label)
            button.setObjectName(f"tag-{name}")
            button.setAccessibleName(self.DESCRIPTIONS[name][0])
            button.setAccessibleDescription(self.DESCRIPTIONS[name][1])
            button.setToolTip(self.DESCRIPTIONS[name][1])
            button.clicked.connect(lambda _checked=False, command=name: self.command.emit(command, self.selected_tag() or ""))
            buttons.addWidget(button, number // 2, number % 2)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.setWidget(body)

    def show_codebook(self, content: AnnotationSet) -> None:
        """Rebuild the tree from the codebook (keeping the selection)."""
        selected = self.selected_tag()
        counts = usage(content)
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        pending = list(content.codebook)
        while pending:  # parents before children, whatever the order in the codebook
            progress = False
            for tag in list(pending):
                if tag.parent is None or tag.parent in items or tag.parent not in {t.id for t in content.codebook}:
                    parent = items.get(tag.parent) if tag.parent else None
                    item = QTreeWidgetItem([tag.name, str(counts.get(tag.id, 0))])
                    item.setIcon(0, swatch(tag.color))
                    item.setToolTip(0, plain_tooltip(f"{tag.name}: {tag.description}" if tag.description else tag.name))  # the name, not only the colour
                    item.setData(0, Qt.ItemDataRole.UserRole, tag.id)
                    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    (parent.addChild(item) if parent is not None else self.tree.addTopLevelItem(item))
                    items[tag.id] = item
                    pending.remove(tag)
                    progress = True
            if not progress:
                break
        self.tree.expandAll()
        if selected in items:
            self.tree.setCurrentItem(items[selected])

    def selected_tag(self) -> str | None:
        """Id of the selected tag, if any."""
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def rows(self) -> list[tuple[str, str, int]]:
        """(name, count, depth) of every tag in tree order, for tests and accessibility checks."""
        result: list[tuple[str, str, int]] = []

        def walk(item: QTreeWidgetItem, depth: int) -> None:
            result.append((item.text(0), item.text(1), depth))
            for index in range(item.childCount()):
                walk(item.child(index), depth + 1)

        for index in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(index), 0)
        return result
