"""Light, dark and high-contrast appearance: palettes, focus and outline colours, perspective badges.

Every text colour is at least 4.5:1 against what it is drawn on, and the focus ring and control
outlines at least 3:1 against the backgrounds around them (tests/ui/test_contrast.py checks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.core.colors import readable_text_on
from reader.core.paths import RESOURCES_DIR
from reader.ui.focus import FocusRings, ReaderStyle, install_focus_rings


class ColorScheme(str, Enum):
    """Which palette the user asked for."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class Appearance:
    """The chosen scheme plus the high-contrast switch."""

    scheme: ColorScheme = ColorScheme.SYSTEM
    high_contrast: bool = False

    def is_dark(self) -> bool:
        """Whether the effective palette has a dark background."""
        if self.high_contrast:
            return True
        if self.scheme is ColorScheme.SYSTEM:
            return system_prefers_dark()
        return self.scheme is ColorScheme.DARK


def system_prefers_dark() -> bool:
    """The desktop's light/dark preference (light when the platform does not say)."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return scheme is not None and scheme() == Qt.ColorScheme.Dark


def _palette(colors: dict[str, str]) -> QPalette:
    palette = QPalette()
    roles = {
        "window": QPalette.ColorRole.Window,
        "window_text": QPalette.ColorRole.WindowText,
        "base": QPalette.ColorRole.Base,
        "alternate_base": QPalette.ColorRole.AlternateBase,
        "text": QPalette.ColorRole.Text,
        "button": QPalette.ColorRole.Button,
        "button_text": QPalette.ColorRole.ButtonText,
        "highlight": QPalette.ColorRole.Highlight,
        "highlighted_text": QPalette.ColorRole.HighlightedText,
        "tooltip_base": QPalette.ColorRole.ToolTipBase,
        "tooltip_text": QPalette.ColorRole.ToolTipText,
        "link": QPalette.ColorRole.Link,
        "placeholder": QPalette.ColorRole.PlaceholderText,
        "mid": QPalette.ColorRole.Mid,
        "dark": QPalette.ColorRole.Dark,
        "light": QPalette.ColorRole.Light,
    }
    for name, role in roles.items():
        palette.setColor(role, QColor(colors[name]))
    disabled = QColor(colors["disabled"])
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


LIGHT_COLORS = {
    "window": "#efefef", "window_text": "#1a1a1a", "base": "#ffffff", "alternate_base": "#f5f5f5",
    "text": "#1a1a1a", "button": "#e6e6e6", "button_text": "#1a1a1a", "highlight": "#2f65ca",
    "highlighted_text": "#ffffff", "tooltip_base": "#ffffdc", "tooltip_text": "#1a1a1a",
    "link": "#1a4fa8", "placeholder": "#6b6b6b", "mid": "#a0a0a0", "dark": "#7a7a7a",
    "light": "#ffffff", "disabled": "#8a8a8a", "focus": "#2f65ca", "boundary": "#767676",
}
DARK_COLORS = {
    "window": "#2b2b2b", "window_text": "#e8e8e8", "base": "#1e1e1e", "alternate_base": "#262626",
    "text": "#e8e8e8", "button": "#3a3a3a", "button_text": "#e8e8e8", "highlight": "#2e6bd0",
    "highlighted_text": "#ffffff", "tooltip_base": "#3a3a3a", "tooltip_text": "#f0f0f0",
    "link": "#8ab4f8", "placeholder": "#9a9a9a", "mid": "#5a5a5a", "dark": "#151515",
    "light": "#4a4a4a", "disabled": "#7d7d7d", "focus": "#8ab4f8", "boundary": "#8c8c8c",
}
HIGH_CONTRAST_COLORS = {
    "window": "#000000", "window_text": "#ffffff", "base": "#000000", "alternate_base": "#141414",
    "text": "#ffffff", "button": "#000000", "button_text": "#ffffff", "highlight": "#1aebff",
    "highlighted_text": "#000000", "tooltip_base": "#000000", "tooltip_text": "#ffffff",
    "link": "#00ffff", "placeholder": "#c0c0c0", "mid": "#ffffff", "dark": "#ffffff",
    "light": "#ffffff", "disabled": "#b0b0b0", "focus": "#ffff00", "boundary": "#ffffff",
}


def palette_colors(appearance: Appearance) -> dict[str, str]:
    """Named colours of the palette this appearance uses."""
    if appearance.high_contrast:
        return HIGH_CONTRAST_COLORS
    return DARK_COLORS if appearance.is_dark() else LIGHT_COLORS


def apply_appearance(app: QApplication, appearance: Appearance, focus_rings: bool = True) -> None:
    """Switch the whole application to the appearance's palette, outlines and focus ring.

    Without `focus_rings` (a window's first paint), a focus ring is only recoloured if there is one.
    """
    colors = palette_colors(appearance)
    style = app.style()
    if isinstance(style, ReaderStyle):
        style.boundary, style.focus = QColor(colors["boundary"]), QColor(colors["focus"])
    else:  # one style everywhere (Fusion underneath), so our palettes look the same
        app.setStyle(ReaderStyle(colors["boundary"], colors["focus"]))
    app.setPalette(_palette(colors))
    if focus_rings or app.findChild(FocusRings) is not None:
        install_focus_rings(app, colors["focus"])


@lru_cache(maxsize=1)
def _perspective_colors() -> dict[str, dict[str, str]]:
    with open(RESOURCES_DIR / "styles" / "perspectives.json", encoding="utf-8") as handle:
        data = json.load(handle)
    return {key: value for key, value in data.items() if not key.startswith("_")}


def badge_colors(perspective: str, appearance: Appearance) -> tuple[str, str]:
    """(background, text) colours of the badge for a perspective."""
    colors = _perspective_colors()
    entry = colors.get(perspective) or colors["unknown"]
    if appearance.high_contrast:
        return "#ffffff", "#000000"
    background = entry["dark" if appearance.is_dark() else "light"]
    return background, readable_text_on(background)
