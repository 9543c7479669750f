"""`parallel-reader corpus import FILE... [--title T] [--outlet O] ...`: add files to the user corpus."""

from __future__ import annotations

import argparse
import logging
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from reader import APP_NAME
from reader.core.errors import ReaderError

_OVERRIDES = ("title", "outlet", "perspective", "date", "place", "language")


def _checked(field: str) -> Callable[[str], str]:
    """An argparse type that checks one metadata value as the import will (a bad --date fails before any file is read)."""

    def check(value: str) -> str:
        from reader.core.user_corpus import normalise_overrides

        try:
            return normalise_overrides({field: value})[field]
        except ReaderError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return check


def add_import_parser(corpus_subcommands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add `import` to the `corpus` subcommands; return its parser."""
    parser = corpus_subcommands.add_parser(
        "import",
        help="add txt, md, html, docx or pdf files to your corpus",
        description=(
            "Add files to your corpus (kept in the user data folder, listed next to the bundled documents). "
            "Web pages keep only their article; Word and PDF files their text. Title, outlet, date and language "
            "are taken from the file where it states them; the options below set them for every file."
        ),
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files to import (.txt, .md, .html, .docx, .pdf)")
    parser.add_argument("--title", metavar="T", help="title (default: the one the file states, else its name)")
    parser.add_argument("--outlet", metavar="O", help="outlet: the newspaper, agency or site")
    parser.add_argument("--perspective", type=_checked("perspective"), metavar="P", help="perspective, such as russian-official, dprk-official, western-media or other-media")
    parser.add_argument("--date", type=_checked("date"), metavar="YYYY-MM-DD", help="date of the text")
    parser.add_argument("--place", metavar="P", help="place the text is about or was written in")
    parser.add_argument("--language", type=_checked("language"), metavar="L", help="language code such as en, ru or ko (default: guessed)")
    return parser


def run_import(args: argparse.Namespace) -> int:
    """Import every file; one line per imported file (id, title) on stdout, per failed file on stderr; 1 if any failed."""
    from reader.core.user_corpus import import_document, normalise_overrides

    try:
        overrides = normalise_overrides({name: getattr(args, name, None) for name in _OVERRIDES})
    except ReaderError as error:
        print(f"{APP_NAME}: error: {error}", file=sys.stderr)
        return 1
    failed = 0
    with _library_warnings_silenced():
        for path in args.files:
            try:
                entry = import_document(path, overrides)
            except ReaderError as error:  # the others are still imported
                failed += 1
                print(f"{APP_NAME}: error: {error}", file=sys.stderr, flush=True)
            else:
                print(f"{entry.id}\t{entry.title}", flush=True)
    return 1 if failed else 0


@contextmanager
def _library_warnings_silenced() -> Iterator[None]:
    """Keep the parsers' log chatter about damaged files off the terminal: the error line says what matters."""
    root = logging.getLogger()
    if root.handlers:  # logging is set up (a log file): the records go there
        yield
        return
    quiet = logging.NullHandler()
    root.addHandler(quiet)
    try:
        yield
    finally:
        root.removeHandler(quiet)
