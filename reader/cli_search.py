"""`parallel-reader search QUERY`: full-text search of a corpus, one record per hit as keyword in context.

Records have document, start, end (code points into the document text), left, match
(the text from start to end) and right. No hits: exit status 0 and no records (CSV still
prints its header line). A bad query or an unreadable corpus: one line on stderr, status 1.
Each corpus folder gets an index of its own in the cache folder, brought up to date
before every search (unchanged documents are only hashed, not re-indexed).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reader import APP_NAME
from reader.core.errors import ReaderError

if TYPE_CHECKING:
    from reader.core.corpus import Corpus
    from reader.core.search_index import SearchResults

FORMATS = ("jsonl", "csv", "text")
FIELDS = ("document", "start", "end", "left", "match", "right")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {value!r}")
    return number


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2001-08-04, not {value!r}") from None


def add_search_parser(subcommands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `search` command to a sub-command set and return its parser."""
    parser = subcommands.add_parser(
        "search",
        help="full-text search of the corpus, one record per hit with context",
        description=(
            'Search every document. Plain words must all occur; "double quotes" make a phrase; '
            "a trailing * makes a prefix (railw*); OR between two terms accepts either. Case, Latin "
            "accents, non-breaking spaces, curly quotes and dashes do not matter; Korean words are also "
            "found inside longer words (철도 finds 철도를)."
        ),
    )
    parser.add_argument("query", metavar="QUERY", help="what to look for (quote it for the shell)")
    parser.add_argument("--corpus", type=Path, default=None, metavar="DIR", help="a folder with a manifest.json (default: the bundled corpus and your imported documents)")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default jsonl)")
    parser.add_argument("--perspective", action="append", default=None, metavar="P", help="only documents of this perspective (repeat or comma-separate for several)")
    parser.add_argument("--language", action="append", default=None, metavar="L", help="only documents in this language code, e.g. en, ru, ko (repeatable)")
    parser.add_argument("--from", dest="date_from", type=_iso_date, default=None, metavar="DATE", help="only documents dated on or after DATE (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", type=_iso_date, default=None, metavar="DATE", help="only documents dated on or before DATE")
    parser.add_argument("--limit", type=_positive, default=None, metavar="N", help="print at most N hits (default: all)")
    parser.add_argument("--context", type=_positive, default=60, metavar="N", help="characters of context each side (default 60)")
    parser.set_defaults(command="search")
    return parser


def _values(given: list[str] | None, known: list[str], what: str) -> list[str] | None:
    """Comma-separated and repeated option values, each checked against what the corpus has."""
    if given is None:
        return None
    values = [item.strip() for value in given for item in value.split(",") if item.strip()]
    unknown = [value for value in values if value not in known]
    if unknown:
        raise ReaderError(f"no document has {what} {', '.join(map(repr, unknown))} (the corpus has: {', '.join(known) or 'none'})")
    return values


def _load_corpus(folder: Path | None) -> tuple["Corpus", Path | None]:
    """The corpus of a folder (or manifest file) and the folder it is in; without one, the app's corpus (bundled and imported)."""
    from reader.core.corpus import MANIFEST_NAME, Corpus

    if folder is None:
        from reader.core.user_corpus import combined_corpus

        return combined_corpus(), None
    folder = folder.expanduser()
    manifest = folder if folder.suffix == ".json" and folder.is_file() else folder / MANIFEST_NAME
    if not manifest.parent.is_dir():
        raise ReaderError(f"{folder}: no such corpus folder")
    return Corpus.from_manifest(manifest), manifest.parent


def search_hits(args: argparse.Namespace) -> "SearchResults":
    """Update the corpus's index and return the SearchResults of the command's query and filters."""
    from reader.core.search_index import SearchIndex, index_path_for_corpus
    from reader.core.search_query import parse_query

    query = parse_query(args.query)  # a bad query fails before any indexing
    corpus, folder = _load_corpus(args.corpus)
    perspectives = _values(args.perspective, corpus.perspectives(), "perspective")
    languages = _values(args.language, corpus.languages(), "language")
    with SearchIndex(index_path_for_corpus(folder) if folder is not None else None) as index:  # None: the app's own index
        index.update_corpus(corpus)
        return index.search(query, perspectives, languages, args.date_from or "", args.date_to or "", args.limit, args.context)


def write_hits(results: "SearchResults", output_format: str, out: TextIO | None = None) -> None:
    """Print the hits as JSON lines, CSV (with a header) or aligned text (whitespace runs shown as one space)."""
    out = out or sys.stdout
    if output_format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FIELDS)
        for hit in results:
            writer.writerow(hit.as_record().values())
    elif output_format == "jsonl":
        for hit in results:
            out.write(json.dumps(hit.as_record(), ensure_ascii=False) + "\n")
    else:
        for hit in results:
            left, match, right = (" ".join(part.split()) for part in (hit.left, hit.match, hit.right))
            out.write(f"{hit.doc_id}:{hit.start}-{hit.end}\t{left.rjust(60)} [{match}] {right}\n")


def run_search(args: argparse.Namespace) -> int:
    """Run `search`: 0 after printing the hits (none is fine), 1 with one line on stderr for bad input."""
    try:
        results = search_hits(args)
    except ReaderError as error:
        print(f"{APP_NAME}: error: {error}", file=sys.stderr)
        return 1
    write_hits(results, args.format)
    return 0
