"""The command line: `parallel-reader` (also `python -m reader`)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    return 0
