"""`parallel-reader themes`: theme matches of text files as JSON lines, CSV or text."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from reader.core.errors import ReaderError


def print_theme_matches(refs: list[str], output_format: str, only: str | None, lexicon: Path | None) -> int:
    """Print one record per match: doc, theme, start, end (code points) and text (the slice)."""
    from reader.core.corpus import Corpus
    from reader.core.importers import read_text_file
    from reader.core.matcher import ThemeMatcher
    from reader.core.themes import load_themes

    themes = load_themes(lexicon)
    wanted = None
    if only is not None:
        wanted = [item.strip() for item in only.split(",") if item.strip()]
        unknown = sorted(set(wanted) - {theme.id for theme in themes})
        if unknown:
            raise ReaderError(f"unknown theme id {', '.join(unknown)} (known: {', '.join(t.id for t in themes)})")
    matcher = ThemeMatcher(themes)
    corpus = None
    texts: list[tuple[str, str]] = []
    for ref in refs:  # read everything first: a bad file stops the command before any output
        path = Path(ref)
        if not path.exists():
            corpus = corpus or Corpus.bundled()
            if ref in corpus:
                path = corpus.entry(ref).path
        texts.append((ref, read_text_file(path).text))
    writer = csv.writer(sys.stdout, lineterminator="\n") if output_format == "csv" else None
    if writer is not None:
        writer.writerow(["doc", "theme", "start", "end", "text"])
    for ref, text in texts:
        for span in matcher.match(text, wanted):
            record = {"doc": ref, "theme": span.theme, "start": span.start, "end": span.end, "text": text[span.start : span.end]}
            if writer is not None:
                writer.writerow(record.values())
            elif output_format == "jsonl":
                print(json.dumps(record, ensure_ascii=False))
            else:
                print(f"{ref}:{span.start}-{span.end}\t{span.theme}\t{' '.join(record['text'].split())}")
    return 0
