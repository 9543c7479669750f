"""Every keyboard shortcut the window has is in the README's table and in Help > Keyboard Shortcuts."""

from __future__ import annotations

from reader.core.paths import PROJECT_ROOT
from reader.ui.help_dialogs import shortcut_rows


def test_readme_lists_every_shortcut(make_window):
    window = make_window()
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Keyboard shortcuts") :]
    rows = shortcut_rows(window.all_actions())
    assert len(rows) >= 20
    for command, keys in rows:
        assert any(key in table for key in keys.split(", ")), f"{command} ({keys}) is missing from the README"


def test_help_dialog_shows_the_shortcuts(make_window, qtbot):
    window = make_window()
    window.actions.shortcuts_help.trigger()
    from PySide6.QtWidgets import QApplication, QDialog, QTableWidget

    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.windowTitle() == "Keyboard Shortcuts")
    table = dialog.findChild(QTableWidget)
    commands = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    assert "Ctrl+F" in commands["Find"] and "Ctrl+Q" in commands["Quit"]
    dialog.close()
