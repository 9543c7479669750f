"""The Tags dock: the codebook as a tree with counts; rename, recolour, reorder, merge and delete, undoably."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QColorDialog, QInputDialog, QMessageBox

from reader.core.codebook import add_tag
from tests.ui.test_tagging import DOC, select


def open_dialog(kind):
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def tagged_window(make_window, qtbot):
    window = make_window(DOC)
    controller = window.annotations
    controller.create_tag("Security")
    controller.create_tag("Economy")
    after, _rail = add_tag(controller.content, "Rail", "#7570b3", parent=controller.content.codebook[1].id)
    controller.apply(after, "New tag Rail")
    pane = window.pane_area.panes()[0]
    for phrase, key in (("ABM Treaty", Qt.Key.Key_1), ("joint extraction", Qt.Key.Key_2), ("railway links", Qt.Key.Key_3)):
        select(pane, phrase)
        pane.view.setFocus()
        qtbot.keyClick(pane.view, key)
    return window


def choose(window, name):
    dock = window.tags_dock
    for item in dock.tree.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive):
        dock.tree.setCurrentItem(item)


def test_tree_shows_hierarchy_and_counts(make_window, qtbot):
    window = tagged_window(make_window, qtbot)
    assert window.tags_dock.rows() == [("Security", "1", 0), ("Economy", "1", 0), ("Rail", "1", 1)]


def test_rename_recolour_and_move(make_window, qtbot):
    window = tagged_window(make_window, qtbot)
    choose(window, "Security")
    window.tags_dock.command.emit("rename", window.tags_dock.selected_tag())
    dialog = open_dialog(QInputDialog)
    dialog.setTextValue("Security framing")
    dialog.accept()
    assert window.tags_dock.rows()[0][0] == "Security framing"
    window.tags_dock.command.emit("recolour", window.tags_dock.selected_tag())
    colour_dialog = open_dialog(QColorDialog)
    colour_dialog.setCurrentColor(Qt.GlobalColor.darkCyan)
    colour_dialog.accept()
    assert window.annotations.content.codebook[0].color == "#008080"
    window.tags_dock.command.emit("down", window.tags_dock.selected_tag())
    assert [t.name for t in window.annotations.content.codebook] == ["Economy", "Security framing", "Rail"]
    for _ in range(3):
        window.actions.undo.trigger()
    assert [t.name for t in window.annotations.content.codebook] == ["Security", "Economy", "Rail"]


def test_delete_asks_what_to_do_with_annotations_and_merge(make_window, qtbot):
    window = tagged_window(make_window, qtbot)
    choose(window, "Security")
    window.tags_dock.command.emit("delete", window.tags_dock.selected_tag())
    box = open_dialog(QMessageBox)
    assert "on 1 annotations" in box.text()
    next(b for b in box.buttons() if b.text() == "Delete Them Too").click()
    assert [a.exact for a in window.annotations.content.annotations] == ["joint extraction", "railway links"]
    choose(window, "Rail")
    window.tags_dock.command.emit("merge", window.tags_dock.selected_tag())
    dialog = open_dialog(QInputDialog)
    dialog.setTextValue("Economy")
    dialog.accept()
    assert window.tags_dock.rows() == [("Economy", "2", 0)]
    window.actions.undo.trigger()
    window.actions.undo.trigger()
    assert window.tags_dock.rows() == [("Security", "1", 0), ("Economy", "1", 0), ("Rail", "1", 1)]
