"""What the Tags dock's buttons do: small dialogs, then an undoable codebook edit."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMessageBox, QWidget

from reader.core.codebook import TagInUse, delete_tag, merge_tags, move_tag, update_tag, usage
from reader.core.errors import ReaderError
from reader.ui.annotation_controller import AnnotationController


def run_tag_command(controller: AnnotationController, command: str, tag_id: str, parent: QWidget) -> None:
    """Carry out a Tags dock command on the selected tag (dialogs are window-modal and do not block)."""
    content = controller.content
    tags = {tag.id: tag for tag in content.codebook}
    if command == "new":
        ask_text(parent, "New Tag", "Name of the new tag:", "", lambda name: _try(controller, lambda: controller.create_tag(name)))
        return
    if tag_id not in tags:
        controller.report_problem("Select a tag in the Tags dock first.")
        return
    tag = tags[tag_id]
    if command == "rename":
        ask_text(parent, "Rename Tag", f"New name for “{tag.name}”:", tag.name, lambda name: _try(controller, lambda: controller.apply(update_tag(controller.content, tag_id, name=name.strip()), f"Rename tag {tag.name}")))
    elif command == "recolour":
        dialog = QColorDialog(QColor(tag.color), parent)
        dialog.colorSelected.connect(lambda colour: controller.apply(update_tag(controller.content, tag_id, color=colour.name()), f"Recolour tag {tag.name}"))
        dialog.open()
    elif command in ("up", "down"):
        index = list(tags).index(tag_id) + (-1 if command == "up" else 1)
        controller.apply(move_tag(content, tag_id, index), f"Move tag {tag.name}")
    elif command == "merge":
        others = [t for t in content.codebook if t.id != tag_id]
        if not others:
            controller.report_problem("There is no other tag to merge into.")
            return
        dialog = QInputDialog(parent)
        dialog.setWindowTitle("Merge Tag")
        dialog.setLabelText(f"Merge “{tag.name}” into:")
        dialog.setComboBoxItems([t.name for t in others])
        dialog.textValueSelected.connect(
            lambda name: controller.apply(merge_tags(controller.content, tag_id, next(t.id for t in others if t.name == name)), f"Merge tag {tag.name}")
        )
        dialog.open()
    elif command == "delete":
        _confirm_delete(controller, tag_id, tag.name, usage(content).get(tag_id, 0), parent)


def _confirm_delete(controller: AnnotationController, tag_id: str, name: str, count: int, parent: QWidget) -> None:
    if count == 0:
        controller.apply(delete_tag(controller.content, tag_id), f"Delete tag {name}")
        return
    box = QMessageBox(QMessageBox.Icon.Question, "Delete Tag", f"“{name}” is on {count} annotations. What should happen to them?", parent=parent)
    untag = box.addButton("Keep Them, Untagged", QMessageBox.ButtonRole.AcceptRole)
    remove = box.addButton("Delete Them Too", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)

    def finished(_result: int) -> None:
        choice = {untag: TagInUse.UNTAG, remove: TagInUse.DELETE}.get(box.clickedButton())
        if choice is not None:
            controller.apply(delete_tag(controller.content, tag_id, choice), f"Delete tag {name}")

    box.finished.connect(finished)
    box.open()
    controller.last_question = box


def ask_text(parent: QWidget, title: str, label: str, value: str, then, skip_blank: bool = False) -> QInputDialog:
    """A window-modal text question; `then(text)` runs on OK (not for blank text with `skip_blank`)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(value)
    dialog.textValueSelected.connect(lambda text: None if skip_blank and not text.strip() else then(text))
    dialog.open()
    return dialog


def _try(controller: AnnotationController, action) -> None:
    try:
        action()
    except ReaderError as error:
        controller.report_problem(str(error))
