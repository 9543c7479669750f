"""What the app remembers between runs, in an INI file in the user config folder."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from reader.core.paths import user_config_dir

SETTINGS_FILE_NAME = "settings.ini"


@dataclass
class SessionState:
    """The remembered state of the main window."""

    panes: list[dict] = field(default_factory=list)  # [{"kind", "ref", "zoom"}], in display order
    active_pane: int = 0
    splitter_sizes: list[int] = field(default_factory=list)
    orientation: str = "horizontal"
    sync_enabled: bool = False
    sync_mode: str = "proportional"
    word_wrap: bool = True
    zoom_all: bool = True
    scheme: str = "system"
    high_contrast: bool = False
    geometry: QByteArray | None = None
    window_state: QByteArray | None = None
    first_run: bool = True


class SessionStore:
    """Reads and writes `SessionState` with QSettings (INI format, never the registry)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or user_config_dir() / SETTINGS_FILE_NAME

    def _settings(self) -> QSettings:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def load(self) -> SessionState:
        """The saved state, or defaults for anything missing or unreadable."""
        settings = self._settings()
        state = SessionState()
        if not settings.contains("session/version"):
            return state
        state.first_run = False
        state.panes = [p for p in _json(settings.value("session/panes"), []) if isinstance(p, dict) and "ref" in p]
        state.active_pane = _int(settings.value("session/active_pane"), 0)
        state.splitter_sizes = [int(s) for s in _json(settings.value("session/splitter_sizes"), []) if isinstance(s, int)]
        state.orientation = str(settings.value("view/orientation", "horizontal"))
        state.sync_enabled = _bool(settings.value("view/sync_enabled"), False)
        state.sync_mode = str(settings.value("view/sync_mode", "proportional"))
        state.word_wrap = _bool(settings.value("view/word_wrap"), True)
        state.zoom_all = _bool(settings.value("view/zoom_all"), True)
        state.scheme = str(settings.value("appearance/scheme", "system"))
        state.high_contrast = _bool(settings.value("appearance/high_contrast"), False)
        geometry = settings.value("window/geometry")
        state.geometry = geometry if isinstance(geometry, QByteArray) else None
        window_state = settings.value("window/state")
        state.window_state = window_state if isinstance(window_state, QByteArray) else None
        return state

    def save(self, state: SessionState) -> None:
        """Write the state and flush it to disk."""
        settings = self._settings()
        settings.setValue("session/version", 1)
        settings.setValue("session/panes", json.dumps(state.panes))
        settings.setValue("session/active_pane", state.active_pane)
        settings.setValue("session/splitter_sizes", json.dumps(state.splitter_sizes))
        settings.setValue("view/orientation", state.orientation)
        settings.setValue("view/sync_enabled", state.sync_enabled)
        settings.setValue("view/sync_mode", state.sync_mode)
        settings.setValue("view/word_wrap", state.word_wrap)
        settings.setValue("view/zoom_all", state.zoom_all)
        settings.setValue("appearance/scheme", state.scheme)
        settings.setValue("appearance/high_contrast", state.high_contrast)
        if state.geometry is not None:
            settings.setValue("window/geometry", state.geometry)
        if state.window_state is not None:
            settings.setValue("window/state", state.window_state)
        settings.sync()


def _json(value: object, default: list) -> list:
    try:
        loaded = json.loads(str(value)) if value is not None else default
    except ValueError:
        return default
    return loaded if isinstance(loaded, list) else default


def _int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _bool(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("true", "1", "yes")


def user_settings() -> QSettings:
    """The application's settings file (preferences outside the session: annotator name, presentation screen)."""
    path = user_config_dir() / SETTINGS_FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)
