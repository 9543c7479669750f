"""`python -m benchmarks` (`make bench`): run every benchmark and print its ratios."""

from __future__ import annotations

import os
import platform

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    import tempfile

    # Settings, annotations, cache and logs go to a scratch folder, never the user's (child processes too).
    scratch = tempfile.mkdtemp(prefix="parallel-reader-bench-")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[name] = os.path.join(scratch, name.lower())
    from benchmarks import large_file, search, search_ui, startup, theme_matching

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    startup.run()
    large_file.run()
    theme_matching.run()
    search.run()
    search_ui.run()


if __name__ == "__main__":
    main()
