"""The Qt binding itself: guards against a PySide6 release that corrupts reference counts."""

import sys

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication


def test_static_void_calls_keep_the_reference_count_of_none(qapp):
    # PySide6 6.12.0 released one reference to None per call of a static void function,
    # which aborts the interpreter ("deallocating None") after a few thousand calls.
    palette = QApplication.palette()
    before = sys.getrefcount(None)
    for _ in range(500):
        QCoreApplication.processEvents()
        QThread.msleep(0)
        QApplication.setPalette(palette)
    assert sys.getrefcount(None) - before > -100
    assert isinstance(palette, QPalette)
