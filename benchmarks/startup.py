"""(a) Cold start to a painted window with two corpus documents, against a bare QMainWindow."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from reader.core.corpus import Corpus

RUNS = 7
TARGET_RATIO = 1.3


def _cold_start(mode: str, args: list[str]) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.startup_child", mode, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,  # Qt's off-screen warnings; shown only if the start fails
        text=True,
        env=env,
    )
    line = process.stdout.readline() if process.stdout else ""
    elapsed = time.perf_counter() - start
    _, errors = process.communicate(timeout=60)
    if line.strip() != "painted":
        raise RuntimeError(f"{mode} start-up did not report a paint:\n{errors}")
    return elapsed


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
    result = {"app_s": statistics.median(ours), "baseline_s": statistics.median(bare)}
    result["ratio"] = result["app_s"] / result["baseline_s"]
    verdict = "meets" if result["ratio"] <= TARGET_RATIO else "MISSES"
    print(
        f"cold start, two documents painted: app {result['app_s'] * 1000:.0f} ms, bare QMainWindow "
        f"{result['baseline_s'] * 1000:.0f} ms (medians of {RUNS}) -> ratio {result['ratio']:.2f} "
        f"({verdict} target <= {TARGET_RATIO})"
    )
    return result
