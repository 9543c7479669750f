"""Parallel Reader: read source documents side by side, compare their themes, tag passages."""

__version__ = "0.1.0"
APP_NAME = "parallel-reader"
APP_DISPLAY_NAME = "Parallel Reader"
