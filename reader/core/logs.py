"""The application log: a rotating file in the user log folder."""

from __future__ import annotations

import logging
from pathlib import Path

from reader.core.paths import user_log_dir

LOG_FILE_NAME = "parallel-reader.log"
_HANDLER_NAME = "parallel-reader-file"
_HELD_NAME = "parallel-reader-held"
MAX_HELD_RECORDS = 1000


def log_file_path() -> Path:
    """Where the log file is written."""
    return user_log_dir() / LOG_FILE_NAME


class _Held(logging.Handler):
    """Keeps records in memory until the log file is configured."""

    def __init__(self) -> None:
        super().__init__()
        self.set_name(_HELD_NAME)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < MAX_HELD_RECORDS:
            self.records.append(record)


def hold_records(level: int = logging.INFO) -> None:
    """Keep log records until `configure_logging` writes them to the file (start-up opens the file after the first paint)."""
    root = logging.getLogger()
    if not any(handler.get_name() in (_HANDLER_NAME, _HELD_NAME) for handler in root.handlers):
        root.addHandler(_Held())
        root.setLevel(min(root.level or level, level))


def configure_logging(level: int = logging.INFO) -> Path:
    """Send log records to the rotating log file (once per process), with any held ones; return its path."""
    import logging.handlers  # with socket and pickle: worth leaving out of start-up

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
    for held in [h for h in root.handlers if isinstance(h, _Held)]:
        root.removeHandler(held)
        for record in held.records:
            handler.handle(record)
    return path
