"""Where the project's bundled data lives and where user data, settings and logs go."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from reader import APP_NAME

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RESOURCES_DIR = PROJECT_ROOT / "resources"
SCHEMAS_DIR = RESOURCES_DIR / "schemas"
BUNDLED_CORPUS_DIR = PROJECT_ROOT / "corpus"


def user_config_dir() -> Path:
    """Folder for settings and user lexicons (XDG config on Linux)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_data_dir() -> Path:
    """Folder for annotation files and the user corpus."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """Folder for rebuildable caches such as the search index."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def user_log_dir() -> Path:
    """Folder for the rotating application log."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
