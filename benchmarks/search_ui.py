"""Indexing 10,000 documents from the Search dock: progress shown, and the UI thread's longest block.

The documents are the same generated ones as the search benchmark, written as a corpus
folder; the dock indexes them on a worker while a zero-interval timer measures the longest
gap between event-loop ticks (target: never more than 50 ms).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.large_file import GapMeter  # noqa: E402
from benchmarks.search import generate_documents  # noqa: E402

TARGET_BLOCK_MS = 50


def write_corpus(folder: Path, documents) -> Path:
    """The documents as a corpus folder (texts and manifest.json)."""
    entries = []
    for document in documents:
        (folder / f"{document.id}.txt").write_text(document.text, encoding="utf-8")
        meta = document.metadata
        entries.append({
            "id": document.id, "title": document.title, "path": f"{document.id}.txt", "outlet": meta.outlet,
            "perspective": meta.perspective, "date": meta.date, "place": "", "language": meta.language,
        })
    manifest = folder / "manifest.json"
    manifest.write_text(json.dumps({"format": "parallel-reader/corpus", "version": 1, "documents": entries}, ensure_ascii=False), encoding="utf-8")
    return manifest


def run() -> dict[str, float]:
    """Print the indexing time in the dock, how many progress updates were shown, and the longest UI-thread block."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from reader.core.corpus import Corpus
    from reader.core.search_index import SearchIndex
    from reader.ui.app import application
    from reader.ui.search_dock import SearchDock

    app = application()
    documents = generate_documents()
    with tempfile.TemporaryDirectory(prefix="parallel-reader-search-ui-") as folder:
        corpus = Corpus.from_manifest(write_corpus(Path(folder), documents))
        index_path = Path(folder) / "index.sqlite"
        dock = SearchDock(corpus, lambda: SearchIndex(index_path))
        dock.resize(1200, 400)
        dock.show()
        updates = []
        dock.progress.valueChanged.connect(updates.append)
        app.processEvents()
        meter = GapMeter()
        meter.start()
        began = time.perf_counter()
        dock.update_index()
        while dock.indexing:
            app.processEvents()
            time.sleep(0.001)
        seconds = time.perf_counter() - began
        longest = meter.stop()
        QThreadPool.globalInstance().waitForDone()
        dock.close_index()
        dock.deleteLater()
        QApplication.processEvents()
    result = {"seconds": seconds, "docs_per_s": len(documents) / seconds, "longest_ms": longest * 1000, "progress_updates": len(set(updates))}
    verdict = "meets" if result["longest_ms"] <= TARGET_BLOCK_MS else "MISSES"
    print(
        f"indexing {len(documents)} docs from the Search dock: {seconds:.1f} s ({result['docs_per_s']:.0f} docs/s), "
        f"{result['progress_updates']} progress updates shown; longest UI-thread block {result['longest_ms']:.0f} ms "
        f"({verdict} target <= {TARGET_BLOCK_MS} ms)"
    )
    return result


if __name__ == "__main__":
    run()
