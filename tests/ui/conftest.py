"""Fixtures for UI tests: a main window with documents open, in one line."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from reader.core.corpus import Corpus
from reader.ui.app import application
from reader.ui.main_window import MainWindow
from reader.ui.session import SessionStore


@pytest.fixture
def corpus() -> Corpus:
    return Corpus.bundled()


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings" / "settings.ini"


@pytest.fixture
def make_window(qtbot, corpus, settings_path) -> Callable[..., MainWindow]:
    """`make_window("doc-id", "/path/file.txt", remember=False)` -> a shown window, documents loaded."""
    application()

    def make(*refs: str, remember: bool = False, size: tuple[int, int] | None = None) -> MainWindow:
        store = SessionStore(settings_path) if remember else None
        window = MainWindow(corpus, store, first_run_pair=not refs)
        qtbot.addWidget(window)
        if size or not remember:  # a remembering window keeps its restored geometry
            window.resize(*(size or (1400, 800)))
        for ref in refs:
            window.open_argument(ref)
        window.show()
        qtbot.waitExposed(window)
        wait_loaded(qtbot, window)
        return window

    return make


def wait_loaded(qtbot, window: MainWindow) -> None:
    """Wait until every pane's document has arrived from the loader thread."""
    qtbot.waitUntil(lambda: not window.loading(), timeout=10000)


@pytest.fixture(autouse=True)
def finish_background_work():
    """No worker may still run Python when a test's widgets are destroyed."""
    yield
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()
