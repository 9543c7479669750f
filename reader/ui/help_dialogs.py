"""Help > Keyboard Shortcuts and Help > About."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QMessageBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from reader import APP_DISPLAY_NAME, __version__
from reader.core.corpus import Corpus


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(command, shortcuts) for every action that has a shortcut, as the user's platform writes them."""
    rows = []
    for action in actions:
        # Dedicated keyboard keys (such as the "Open" media key) are left out: only combinations people type.
        keys = [
            k.toString(QKeySequence.SequenceFormat.NativeText)
            for k in action.shortcuts()
            if not k.isEmpty() and ("+" in k.toString() or k.toString().startswith("F"))
        ]
        if keys:
            rows.append((action.text().replace("&", "").rstrip("…"), ", ".join(dict.fromkeys(keys))))
    return rows


def show_shortcuts(parent: QWidget, actions: list[QAction]) -> QDialog:
    """A table of every keyboard shortcut."""
    rows = shortcut_rows(actions)
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard Shortcuts")
    table = QTableWidget(len(rows), 2, dialog)
    table.setHorizontalHeaderLabels(["Command", "Shortcut"])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setAccessibleName("Keyboard shortcuts")
    for row, (command, keys) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(command))
        table.setItem(row, 1, QTableWidgetItem(keys))
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(520, 560)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_about(parent: QWidget, corpus: Corpus) -> None:
    """Version, purpose and licence."""
    box = QMessageBox(parent)
    box.setWindowTitle(f"About {APP_DISPLAY_NAME}")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"{APP_DISPLAY_NAME} {__version__}")
    box.setInformativeText(
        "Read source documents side by side, compare how they frame the same events, "
        f"and keep notes offline.\n\nBundled corpus: {len(corpus)} documents.\n"
        "Released under the MIT licence. Built with Qt for Python (LGPL)."
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def export_window_image(window: QWidget) -> None:
    """File ▸ Export Window as Image: a PNG of the window as it is."""
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(window, "Export window as image", str(Path.home() / "parallel-reader.png"), "PNG image (*.png)")
    if path and not window.grab().save(path, "PNG"):
        window.report_problem(f"{path}: could not write the image")


def show_log_location(parent: QWidget) -> None:
    """Help ▸ Show Log File Location: say where the log is, and open its folder."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from reader.core.logs import log_file_path

    path = log_file_path()
    QMessageBox.information(parent, APP_DISPLAY_NAME, f"The log file is kept at:\n{path}")
    if path.parent.is_dir():
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
