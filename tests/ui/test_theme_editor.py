"""The theme editor: inline errors for broken patterns, saving, live preview, delete and reset."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QDialogButtonBox

from reader.core.themes import user_lexicon_path
from reader.ui.document_view import THEME_LAYER

KREMLIN_2001 = "kremlin-2001-08-04"


def open_editor(window, theme_id: str):
    editor = window.themes.edit_themes(window)
    editor.theme_list.setCurrentRow(next(i for i, t in enumerate(editor.themes) if t.id == theme_id))
    return editor


def test_a_broken_pattern_shows_an_inline_error_and_nothing_is_saved(make_window):
    window = make_window(KREMLIN_2001)
    editor = open_editor(window, "railway-link")
    editor.pattern_fields["en"].setPlainText("railway (link")
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    assert "English pattern 1" in editor.error_label.text() and "missing )" in editor.error_label.text()
    editor.save()
    assert not user_lexicon_path().exists()
    editor.reject()


def test_a_good_pattern_is_previewed_saved_and_highlighted(make_window, qtbot):
    window = make_window(KREMLIN_2001)
    editor = open_editor(window, "economic-cooperation")
    editor.pattern_fields["en"].setPlainText("magnesium\nminerals")
    qtbot.waitUntil(lambda: "magnesium" in editor.preview_label.text(), timeout=3000)
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    saved = json.loads(user_lexicon_path().read_text(encoding="utf-8"))
    (theme,) = [t for t in saved["themes"] if t["id"] == "economic-cooperation"]
    assert theme["patterns"]["en"] == ["magnesium", "minerals"]
    assert [t["id"] for t in saved["themes"]] == ["economic-cooperation"]  # only what changed
    view = window.pane_area.panes()[0].view
    qtbot.waitUntil(lambda: not window.loading(), timeout=5000)
    texts = [view.text[h.start : h.end] for h in view.layer(THEME_LAYER).items if h.format.toolTip() == "Economic and energy cooperation"]
    assert texts == ["minerals", "magnesium"]


def test_delete_a_bundled_theme_and_reset_an_edited_one(make_window):
    window = make_window(KREMLIN_2001)
    editor = open_editor(window, "sanctions-us-policy")
    editor.delete_theme()
    editor.theme_list.setCurrentRow(next(i for i, t in enumerate(editor.themes) if t.id == "sovereignty"))
    editor.label_field.setText("Sovereignty (edited)")
    assert editor.themes[editor._current].label == "Sovereignty (edited)" and editor.reset_button.isEnabled()
    editor.reset_theme()
    assert editor.themes[editor._current].label == "Sovereignty"
    editor.save()
    saved = json.loads(user_lexicon_path().read_text(encoding="utf-8"))
    assert saved["removed"] == ["sanctions-us-policy"] and saved["themes"] == []
    assert "sanctions-us-policy" not in {t.id for t in window.themes_dock.model.themes}


def test_a_themes_label_and_description_are_shown_from_their_start(make_window, qtbot):
    window = make_window(KREMLIN_2001)
    editor = open_editor(window, "missile-programme")
    editor.show()
    qtbot.waitExposed(editor)
    for field in (editor.label_field, editor.description_field):
        assert field.text() and field.cursorPosition() == 0  # a long description reads from its first word
    editor.reject()


def test_every_theme_label_fits_the_editors_list(make_window, qtbot):
    window = make_window(KREMLIN_2001)
    editor = window.themes.edit_themes(window)
    editor.show()
    qtbot.waitExposed(editor)
    listing = editor.theme_list
    widest = max(listing.visualItemRect(listing.item(row)).right() for row in range(listing.count()))
    assert widest <= listing.viewport().width() and not listing.horizontalScrollBar().isVisible()
    editor.reject()


def test_a_selected_themes_swatch_keeps_its_colour(qapp):
    from PySide6.QtGui import QColor, QIcon

    from reader.ui.themes_dock import swatch

    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected):
        image = swatch("#ffe0b8").pixmap(14, 14, mode).toImage()
        assert image.pixelColor(7, 7) == QColor("#ffe0b8"), mode


def test_a_very_long_theme_label_does_not_widen_the_editor_past_the_screen(make_window, qtbot):
    from dataclasses import replace

    window = make_window(KREMLIN_2001)
    themes = window.themes.state.themes
    window.themes.state.set_themes([replace(themes[0], label="A very long label " * 9), *themes[1:]])
    editor = window.themes.edit_themes(window)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.minimumSizeHint().width() <= 1000
    assert not editor.theme_list.horizontalScrollBar().isVisible()
    editor.reject()
