"""`parallel-reader annotations validate|export PATH`: check an annotation file, or list its annotations."""

from __future__ import annotations

import sys
from pathlib import Path


def validate(path: Path) -> int:
    """Exit status 0 and a one-line summary if valid; AnnotationFileError (status 1) otherwise."""
    from reader.core.store import load

    loaded = load(path)
    content = loaded.content
    counts = f"{len(content.annotations)} annotations, {len(content.codebook)} tags, {len(content.documents)} documents"
    if content.lessons:
        counts += f", {len(content.lessons)} lessons of {sum(len(lesson.passages) for lesson in content.lessons)} passages"
    summary = f"{path}: valid ({counts})"
    print(summary + (f"; read-only here because {loaded.reason}" if loaded.read_only else ""))
    return 0


def export(path: Path, output_format: str) -> int:
    """One row (CSV) or JSON object (JSON lines) per annotation, tags by name."""
    from reader.core.exchange import export_text
    from reader.core.store import load

    sys.stdout.write(export_text(load(path).content, output_format))
    return 0
