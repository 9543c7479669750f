"""The dialogs and menus of tagging: the right-click menu, the tag picker, the note editor, and the
question asked when another program changed the annotation file. Mixed into AnnotationController."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QWidget

from reader.core.errors import ReaderError
from reader.ui.themes_dock import swatch

if TYPE_CHECKING:
    from reader.ui.pane import DocumentPane


class AnnotationDialogs:
    """Methods of AnnotationController that open dialogs (they use its state and edit methods)."""

    def fill_context_menu(self, menu: QMenu, pane: DocumentPane, parent: QWidget) -> None:
        """Right-click: "Tag as" with every tag and "New Tag…", and the note of the annotation there."""
        menu.addSeparator()
        has_selection = pane.view.textCursor().hasSelection()
        tag_menu = menu.addMenu("Tag &as")
        tag_menu.setEnabled(has_selection)
        for number, tag in enumerate(self.content.codebook, start=1):
            action = tag_menu.addAction(swatch(tag.color), f"&{number} {tag.name}" if number < 10 else tag.name)
            action.triggered.connect(lambda _checked=False, tag_id=tag.id: self.tag_selection(pane, tag_id))
        tag_menu.addSeparator()
        tag_menu.addAction("&New Tag…").triggered.connect(lambda: self.pick_tag(pane, parent))
        note = menu.addAction("Add or Edit &Note…")
        note.setEnabled(bool(self.annotations_at(pane, pane.view.selection_offsets()[0])))
        note.triggered.connect(lambda: self.edit_note(pane, parent))

    # --- dialogs ---------------------------------------------------------------------------------
    def pick_tag(self, pane: DocumentPane, parent: QWidget):
        """Ctrl+T: choose or create a tag for the pane's selection (returns the open picker)."""
        from reader.ui.tag_picker import TagPicker

        if not pane.view.textCursor().hasSelection():
            self.report_problem("Select the text to tag first.")
            return None
        picker = TagPicker(self.content.codebook, parent)
        picker.picked.connect(lambda tag_id: self.tag_selection(pane, tag_id))
        picker.create_requested.connect(lambda name: self._create_and_tag(pane, name))
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.finished.connect(lambda _result: _give_back_focus(pane))
        picker.open()
        return picker

    def _create_and_tag(self, pane: DocumentPane, name: str) -> None:
        self.undo_stack.beginMacro(f"Tag as new tag {name}")  # one undo step for both
        try:
            self.tag_selection(pane, self.create_tag(name))
        except ReaderError as error:
            self.report_problem(str(error))
        finally:
            self.undo_stack.endMacro()

    def edit_note(self, pane: DocumentPane | None, parent: QWidget, annotation_id: str | None = None):
        """Ctrl+M: edit the plain-text note of the annotation at the cursor, or of `annotation_id` (returns the dialog)."""
        from PySide6.QtWidgets import QInputDialog

        if annotation_id is not None:
            found = [a for a in self.content.annotations if a.id == annotation_id]
        else:
            found = self.annotations_at(pane, pane.view.selection_offsets()[0]) if pane is not None else []
        if not found:
            self.report_problem("Put the cursor on an annotation (tag some text first) to add a note.")
            return None
        annotation = found[-1]
        dialog = QInputDialog(parent)
        dialog.setWindowTitle("Note")
        dialog.setLabelText(f"Note on “{annotation.exact[:60]}”:")
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput, True)
        dialog.setTextValue(annotation.note)
        dialog.textValueSelected.connect(lambda text: self.set_note(annotation.id, text))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def ask_creator(self, parent: QWidget):
        """Edit ▸ Annotator Name: the name recorded as the creator of new annotations."""
        from PySide6.QtWidgets import QInputDialog

        dialog = QInputDialog(parent)
        dialog.setWindowTitle("Annotator Name")
        dialog.setLabelText("Your name, recorded with each annotation you make:")
        dialog.setTextValue(self.creator())
        dialog.textValueSelected.connect(self.set_creator)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def ask_about_outside_change(self, parent: QWidget) -> None:
        """Another program changed the file: reload that version, or keep (and then save) this one."""
        from PySide6.QtWidgets import QMessageBox

        if self.reload_prompt is not None and shiboken6.isValid(self.reload_prompt) and self.reload_prompt.isVisible():
            return  # already asking
        box = QMessageBox(QMessageBox.Icon.Question, "Parallel Reader", f"{self.path} was changed by another program.", parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            "Reload it to see that version"
            + (" (your unsaved changes here would be dropped)" if self.dirty else "")
            + ", or keep this window's version, which will replace it."
        )
        reload_button = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Keep Mine", QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _result: self.reload() if box.clickedButton() is reload_button else self.keep_mine())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reload_prompt = box
        box.open()



def _give_back_focus(pane: DocumentPane) -> None:
    """After a dialog, the keyboard is back in the pane it was opened from (not left with no focus)."""
    pane.view.activateWindow()
    pane.view.setFocus()
