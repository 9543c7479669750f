"""`parallel-reader annotations validate|export PATH`: check an annotation file, or list its annotations."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

EXPORT_FIELDS = ("document", "quote", "tags", "note", "creator", "created", "modified", "start", "end", "id")


def validate(path: Path) -> int:
    """Exit status 0 and a one-line summary if valid; AnnotationFileError (status 1) otherwise."""
    from reader.core.store import load

    loaded = load(path)
    content = loaded.content
    summary = f"{path}: valid ({len(content.annotations)} annotations, {len(content.codebook)} tags, {len(content.documents)} documents)"
    print(summary + (f"; read-only here because {loaded.reason}" if loaded.read_only else ""))
    return 0


def export(path: Path, output_format: str) -> int:
    """One row (CSV) or JSON object (JSON lines) per annotation, tags by name."""
    from reader.core.store import load

    content = load(path).content
    names = {tag.id: tag.name for tag in content.codebook}
    rows = [
        {
            "document": annotation.document.removeprefix("urn:parallel-reader:doc:"),
            "quote": annotation.exact,
            "tags": [names.get(tag, tag) for tag in annotation.tags],
            "note": annotation.note,
            "creator": annotation.creator,
            "created": annotation.created,
            "modified": annotation.modified,
            "start": annotation.start,
            "end": annotation.end,
            "id": annotation.id,
        }
        for annotation in content.annotations
    ]
    if output_format == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(EXPORT_FIELDS)
    for row in rows:
        writer.writerow(["; ".join(row["tags"]) if field == "tags" else row[field] for field in EXPORT_FIELDS])
    return 0
