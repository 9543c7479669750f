"""(a) Cold start to a painted window with two corpus documents, against a bare QMainWindow.

Also timed, not compared: until the window is complete (its second stage, built right after the
first paint) and until the theme highlights are drawn.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from reader.core.corpus import Corpus

RUNS = 7
TARGET_RATIO = 1.3
APP_STEPS = ("painted", "built", "highlighted")


def _cold_start(mode: str, args: list[str]) -> dict[str, float]:
    """Seconds from launch to each line the child prints (`painted`, and for the app the later steps)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.startup_child", mode, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,  # Qt's off-screen warnings; shown only if the start fails
        text=True,
        env=env,
    )
    times: dict[str, float] = {}
    for step in APP_STEPS if mode == "app" else APP_STEPS[:1]:
        line = process.stdout.readline() if process.stdout else ""
        times[line.strip()] = time.perf_counter() - start
    _, errors = process.communicate(timeout=60)
    if "painted" not in times:
        raise RuntimeError(f"{mode} start-up did not report a paint:\n{errors}")
    return times


def run() -> dict[str, float]:
    """Measure both, alternating, and print medians and their ratio."""
    corpus = Corpus.bundled()
    first, second = corpus.default_pair()
    paths = [str(corpus.entry(first).path), str(corpus.entry(second).path)]
    _cold_start("baseline", paths)  # warm the disk cache for both
    _cold_start("app", [first, second])
    ours, bare = [], []
    for _ in range(RUNS):
        bare.append(_cold_start("baseline", paths))
        ours.append(_cold_start("app", [first, second]))
    result = {f"app_{step}_s": statistics.median(run[step] for run in ours) for step in APP_STEPS}
    result["app_s"] = result["app_painted_s"]
    result["baseline_s"] = statistics.median(run["painted"] for run in bare)
    result["ratio"] = result["app_s"] / result["baseline_s"]
    verdict = "meets" if result["ratio"] <= TARGET_RATIO else "MISSES"
    print(
        f"cold start, two documents painted: app {result['app_s'] * 1000:.0f} ms, bare QMainWindow "
        f"{result['baseline_s'] * 1000:.0f} ms (medians of {RUNS}) -> ratio {result['ratio']:.2f} "
        f"({verdict} target <= {TARGET_RATIO}); window complete at {result['app_built_s'] * 1000:.0f} ms, "
        f"theme highlights drawn at {result['app_highlighted_s'] * 1000:.0f} ms"
    )
    return result
