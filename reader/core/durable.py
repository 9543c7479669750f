"""Making file changes survive a crash: a rename is durable only once its folder is synced."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); nothing where folders cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one, never a part (OSError if it cannot)."""
    path = Path(path)
    # Thread and process in the name: two saves never share a temporary file; the process id
    # comes last, so a clean-up can tell a dead process's leftovers from a save in progress.
    temporary = path.with_name(f".{path.name}.{threading.get_ident()}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    sync_folder(path.parent)
