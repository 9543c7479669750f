"""Starting the Qt application: appearance, error reporting, the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QThreadPool, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from reader import APP_DISPLAY_NAME, APP_NAME, __version__
from reader.core.logs import configure_logging, hold_records


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    """Qt's own diagnostics go to the log file, not the user's terminal."""
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def application() -> QApplication:
    """The QApplication, created once with the project's names; log records wait for the log file.

    The main window opens the log file right after its first paint (reader.ui.window_completion).
    """
    app = QApplication.instance()
    if app is None:
        hold_records()
        qInstallMessageHandler(_qt_message)
        # Workers (loading, matching) run Python too: hand the GIL back to the UI thread after
        # 1 ms instead of Python's default 5 ms, so it stays responsive while they work.
        sys.setswitchinterval(0.001)
        app = QApplication(sys.argv[:1])
        app.setApplicationName(APP_NAME)
        app.setApplicationDisplayName(APP_DISPLAY_NAME)
        app.setApplicationVersion(__version__)
        app.setOrganizationName(APP_NAME)
        app.setDesktopFileName(APP_NAME)
    return app  # type: ignore[return-value]


def quit_on_signals(app: QApplication) -> QTimer:
    """Quit cleanly (saving the session) on SIGINT and SIGTERM instead of dying mid-write."""
    import signal

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_args: app.quit())
    # Python runs signal handlers only between bytecodes: wake the interpreter now and then.
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)
    return timer


def run(arguments: list[str]) -> int:
    """Open the main window with the session restored plus `arguments` (ids or files); run the event loop."""
    from reader.core.errors import ReaderError
    from reader.core.user_corpus import combined_corpus
    from reader.ui.errors import ErrorReporter, hold_exceptions
    from reader.ui.main_window import MainWindow
    from reader.ui.session import SessionStore

    app = application()
    held = hold_exceptions()  # the reporter (log file, dialog) is set up after the first paint
    reporters: list[ErrorReporter] = []

    def report_errors() -> None:
        reporter = ErrorReporter()
        reporter.install()
        reporters.append(reporter)
        for error in held:
            reporter.handle(*error)

    problems: list[str] = []
    corpus = combined_corpus(on_error=lambda error: problems.append(f"Your imported documents could not be listed: {error}"))
    window = MainWindow(corpus, SessionStore(), first_run_pair=not arguments)
    for problem in problems:
        window.report_problem(problem)
    for argument in arguments:
        try:
            window.open_argument(argument)
        except ReaderError as error:
            window.report_problem(str(error))
    if window.is_built:
        report_errors()
    else:
        window.built.connect(report_errors)
    window.show()
    app.aboutToQuit.connect(window.save_all)
    quit_on_signals(app)
    status = app.exec()
    from reader.core.match_process import stop_match_process

    stop_match_process(for_good=True)  # at once: texts still queued for matching are of no use now
    QThreadPool.globalInstance().waitForDone()  # no worker may run Python while the interpreter exits
    if not reporters:  # quit before the window was complete: its log lines and errors still go to the log
        configure_logging()
        if held:
            report_errors()
    return status
