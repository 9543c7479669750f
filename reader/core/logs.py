"""The application log: a rotating file in the user log folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from reader.core.paths import user_log_dir

LOG_FILE_NAME = "parallel-reader.log"
_HANDLER_NAME = "parallel-reader-file"


def log_file_path() -> Path:
    """Where the log file is written."""
    return user_log_dir() / LOG_FILE_NAME


def configure_logging(level: int = logging.INFO) -> Path:
    """Send log records to the rotating log file (once per process); return its path."""
    path = log_file_path()
    root = logging.getLogger()
    for handler in root.handlers:
        if handler.get_name() == _HANDLER_NAME and getattr(handler, "baseFilename", None) == str(path):
            return path
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    return path
