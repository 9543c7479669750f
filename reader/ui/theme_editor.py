"""The theme editor: add, edit, delete and reset themes, with live preview and inline pattern errors."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.matcher import ThemeMatcher, check_pattern
from reader.core.themes import BUNDLED_LEXICON, LANGUAGES, Theme, load_lexicon_file
from reader.ui.themes_dock import swatch

LIST_LABEL_CHARACTERS = 40  # the theme list grows to show labels this long, no wider
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "ko": "Korean"}
_ID_CHARACTERS = re.compile(r"[^a-z0-9]+")


def _lines(editor: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in editor.toPlainText().split("\n") if line.strip())


class ThemeEditor(QDialog):
    """Edits a copy of the themes; `saved` carries the new list when the user saves."""

    saved = Signal(list)

    def __init__(self, themes: list[Theme], texts: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Themes")
        self.themes = list(themes)
        self._texts = texts  # (pane title, document text) of the open panes, for the preview
        self._bundled = {theme.id: theme for theme in load_lexicon_file(BUNDLED_LEXICON)}
        self._current = -1
        self._loading = False

        self.theme_list = QListWidget()
        self.theme_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.theme_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.theme_list.setAccessibleName("Themes")
        self.theme_list.setAccessibleDescription("The theme to edit; its fields are on the right")
        add_button, self.delete_button, self.reset_button = QPushButton("Add"), QPushButton("Delete"), QPushButton("Reset to Default")
        for button, name, description in (
            (add_button, "Add theme", "Add a new theme with a placeholder pattern"),
            (self.delete_button, "Delete theme", "Remove the selected theme"),
            (self.reset_button, "Reset theme to default", "Put the selected bundled theme back as it ships"),
        ):
            button.setAccessibleName(name)
            button.setAccessibleDescription(description)
            button.setToolTip(description)
        self.label_field, self.description_field = QLineEdit(), QLineEdit()
        self.label_field.setAccessibleName("Theme label")
        self.label_field.setAccessibleDescription("The name shown in the legend, in tooltips and on the markers")
        self.description_field.setAccessibleName("Theme description")
        self.description_field.setAccessibleDescription("One line saying what the theme counts")
        self.light_button, self.dark_button = QPushButton(), QPushButton()
        self.light_button.setAccessibleName("Colour on light backgrounds")
        self.dark_button.setAccessibleName("Colour on dark backgrounds")
        for button in (self.light_button, self.dark_button):
            button.setAccessibleDescription("Choose the highlight colour; the text on it must stay legible")
        self.pattern_fields: dict[str, QPlainTextEdit] = {}
        self.exclude_fields: dict[str, QPlainTextEdit] = {}
        tabs = QTabWidget()
        tabs.setAccessibleName("Patterns by language")
        tabs.tabBar().setAccessibleName("Language of the patterns")
        for language in LANGUAGES:
            page = QWidget()
            form = QFormLayout(page)
            self.pattern_fields[language] = QPlainTextEdit()
            self.exclude_fields[language] = QPlainTextEdit()
            for field, name in ((self.pattern_fields[language], "Patterns"), (self.exclude_fields[language], "Not inside")):
                field.setPlaceholderText("one pattern per line")
                field.setAccessibleName(f"{name}, {LANGUAGE_NAMES[language]}")
                field.setAccessibleDescription("One regular expression per line")
                field.textChanged.connect(self._edited)
            form.addRow("Patterns:", self.pattern_fields[language])
            form.addRow("Not inside:", self.exclude_fields[language])
            tabs.addTab(page, LANGUAGE_NAMES[language])
        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleDescription("Problems with the patterns; Save stays disabled until there are none")
        dark = self.palette().color(self.backgroundRole()).lightness() < 128
        self.error_label.setStyleSheet(f"color: {'#ff8a8a' if dark else '#b00000'}; font-weight: bold;")  # 4.5:1 either way
        self.preview_label = QLabel()
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setWordWrap(True)
        self.preview_label.setAccessibleDescription("How many matches the selected theme finds in each open pane")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)

        form = QFormLayout()
        form.addRow("Label:", self.label_field)
        form.addRow("Description:", self.description_field)
        colours = QHBoxLayout()
        colours.addWidget(self.light_button)
        colours.addWidget(self.dark_button)
        form.addRow("Colours (light, dark):", colours)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(tabs, 1)
        right.addWidget(self.error_label)
        right.addWidget(QLabel("Preview in the open panes:"))
        right.addWidget(self.preview_label)
        left = QVBoxLayout()
        left.addWidget(self.theme_list, 1)
        for button in (add_button, self.delete_button, self.reset_button):
            left.addWidget(button)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 620)

        self._preview_timer = QTimer(self, singleShot=True, interval=250)
        self._preview_timer.timeout.connect(self._preview)
        self.theme_list.currentRowChanged.connect(self._select)
        add_button.clicked.connect(self.add_theme)
        self.delete_button.clicked.connect(self.delete_theme)
        self.reset_button.clicked.connect(self.reset_theme)
        self.light_button.clicked.connect(lambda: self._pick_colour("color_light"))
        self.dark_button.clicked.connect(lambda: self._pick_colour("color_dark"))
        self.label_field.textChanged.connect(self._edited)
        self.description_field.textChanged.connect(self._edited)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._fill_list()
        self.theme_list.setCurrentRow(0)

    # --- list ----------------------------------------------------------------------------------
    def _fill_list(self) -> None:
        self.theme_list.blockSignals(True)
        self.theme_list.clear()
        for theme in self.themes:
            item = QListWidgetItem(swatch(theme.color_light), theme.label)
            item.setToolTip(theme.description)
            self.theme_list.addItem(item)
        self.theme_list.blockSignals(False)
        # Wide enough for the bundled labels ("Economic and energy cooperation"), with its frame and a
        # scroll bar; a longer label of the user's ends in "…" (its description is in its tooltip).
        chrome = 2 * self.theme_list.frameWidth() + self.theme_list.verticalScrollBar().sizeHint().width()
        widest = self.theme_list.fontMetrics().averageCharWidth() * LIST_LABEL_CHARACTERS
        self.theme_list.setMinimumWidth(min(self.theme_list.sizeHintForColumn(0), widest) + chrome)

    def _select(self, row: int) -> None:
        self._current = row
        if not 0 <= row < len(self.themes):
            return
        theme = self.themes[row]
        self._loading = True
        for field, text in ((self.label_field, theme.label), (self.description_field, theme.description)):
            field.setText(text)
            field.setCursorPosition(0)  # shown from its first word, not scrolled to its end
        for language in LANGUAGES:
            self.pattern_fields[language].setPlainText("\n".join(theme.patterns.get(language, ())))
            self.exclude_fields[language].setPlainText("\n".join(theme.exclude.get(language, ())))
        self._loading = False
        self._show_colours(theme)
        self.reset_button.setEnabled(theme.id in self._bundled and self._bundled[theme.id] != theme)
        self._edited()

    def _show_colours(self, theme: Theme) -> None:
        for button, colour in ((self.light_button, theme.color_light), (self.dark_button, theme.color_dark)):
            button.setText(colour)
            button.setIcon(swatch(colour))
            button.setToolTip(f"{button.accessibleName()}: {colour}")

    def add_theme(self) -> None:
        """A new theme with a placeholder pattern to replace."""
        number = len(self.themes) + 1
        theme_id = f"my-theme-{number}"
        while any(t.id == theme_id for t in self.themes):
            number += 1
            theme_id = f"my-theme-{number}"
        self.themes.append(Theme(theme_id, f"My theme {number}", "", "#e0e0ff", "#3a3a7a", {"en": ("example",)}, {}))
        self._fill_list()
        self.theme_list.setCurrentRow(len(self.themes) - 1)

    def delete_theme(self) -> None:
        """Remove the selected theme (a bundled one can be brought back by deleting the user's theme file)."""
        if 0 <= self._current < len(self.themes) and len(self.themes) > 1:
            del self.themes[self._current]
            self._fill_list()
            self.theme_list.setCurrentRow(min(self._current, len(self.themes) - 1))

    def reset_theme(self) -> None:
        """Put a bundled theme back as it ships."""
        theme = self.themes[self._current]
        if theme.id in self._bundled:
            self.themes[self._current] = self._bundled[theme.id]
            self._fill_list()
            self.theme_list.setCurrentRow(self._current)

    def _pick_colour(self, attribute: str) -> None:
        theme = self.themes[self._current]
        colour = QColorDialog.getColor(QColor(getattr(theme, attribute)), self, "Theme colour")
        if colour.isValid():
            self.themes[self._current] = replace(theme, **{attribute: colour.name()})
            self._show_colours(self.themes[self._current])
            self._edited()

    # --- editing -------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """One line per invalid pattern of the selected theme."""
        found = []
        for language in LANGUAGES:
            for kind, field in (("pattern", self.pattern_fields[language]), ("exclusion", self.exclude_fields[language])):
                for number, line in enumerate(_lines(field), start=1):
                    problem = check_pattern(line)
                    if problem:
                        found.append(f"{LANGUAGE_NAMES[language]} {kind} {number} “{line}”: {problem}")
        if not self.label_field.text().strip():
            found.append("The label is empty.")
        if not any(_lines(self.pattern_fields[language]) for language in LANGUAGES):
            found.append("A theme needs at least one pattern.")
        return found

    def _edited(self) -> None:
        if self._loading or not 0 <= self._current < len(self.themes):
            return
        problems = self.problems()
        self.error_label.setText("\n".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)
        if not problems:
            theme = self.themes[self._current]
            self.themes[self._current] = replace(
                theme,
                label=self.label_field.text().strip(),
                description=self.description_field.text().strip(),
                patterns={language: _lines(self.pattern_fields[language]) for language in LANGUAGES if _lines(self.pattern_fields[language])},
                exclude={language: _lines(self.exclude_fields[language]) for language in LANGUAGES if _lines(self.exclude_fields[language])},
            )
            item = self.theme_list.item(self._current)
            if item is not None:
                item.setText(self.themes[self._current].label)
            edited = self.themes[self._current]
            self.reset_button.setEnabled(edited.id in self._bundled and self._bundled[edited.id] != edited)
            self._preview_timer.start()
        else:
            self.preview_label.setText("")

    def _preview(self) -> None:
        """What the selected theme's patterns find in each open pane."""
        if not 0 <= self._current < len(self.themes) or self.problems():
            return
        matcher = ThemeMatcher([self.themes[self._current]])
        lines = []
        for title, text in self._texts():
            spans = matcher.match(text)
            examples = ", ".join(dict.fromkeys(" ".join(text[s.start : s.end].split()) for s in spans[:40]))
            lines.append(f"{title}: {len(spans)}" + (f" — {examples[:200]}" if spans else ""))
        self.preview_label.setText("\n".join(lines) or "No document is open.")

    def save(self) -> None:
        """Emit the edited themes and close (only when every pattern is valid)."""
        if self.problems():
            return
        self.saved.emit(list(self.themes))
        self.accept()
