"""Test set-up shared by every test: off-screen Qt, a private home, and no network.

Everything here runs before any test imports Qt or asks platformdirs for a folder, so the
suite never writes into the real user's home and never shows a window.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

REAL_HOME = Path(os.environ.get("HOME", "~")).expanduser()
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="parallel-reader-tests-"))

# Off screen, on one virtual 1920x1080 screen at 96 dpi (the plugin's default screen is 800x800).
_SCREEN = {"screens": [{"name": "test", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
(_SESSION_HOME / "screen.json").write_text(json.dumps(_SCREEN), encoding="utf-8")
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SESSION_HOME / 'screen.json'}"
os.environ.setdefault("QT_ACCESSIBILITY", "0")
os.environ["HOME"] = str(_SESSION_HOME)
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
    _dir = _SESSION_HOME / _name.lower()
    _dir.mkdir(mode=0o700)
    os.environ[_name] = str(_dir)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_SESSION_HOME, ignore_errors=True)


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give every test its own empty config, data, cache and log folders."""
    home = tmp_path / "home"
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(name, str(folder))
    return home


class NetworkAttempt(AssertionError):
    """Raised when code under test tries to open a network connection."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch):
    """Fail the test if anything opens an internet socket connection."""
    attempts: list[object] = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded(real):
        def connect(self, address, *args, **kwargs):
            if self.family in (socket.AF_INET, socket.AF_INET6):
                attempts.append(address)
                raise NetworkAttempt(f"network connection attempted to {address!r}")
            return real(self, address, *args, **kwargs)

        return connect

    monkeypatch.setattr(socket.socket, "connect", guarded(real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(real_connect_ex))
    yield attempts
    assert not attempts, f"the code tried to reach the network: {attempts}"


@pytest.fixture(autouse=True)
def matching_process_restartable(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that runs the application to its end stops the matching process for good; the next test starts afresh."""
    from reader.core import match_process

    monkeypatch.setattr(match_process, "_stopped_for_good", False)
