"""The command line: `parallel-reader` (also `python -m reader`). Its interface is stable: scripts rely on it."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from reader import APP_NAME, __version__
from reader.core.errors import ReaderError

SUBCOMMANDS = ("screenshot", "corpus", "themes", "annotations", "search")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line instead of the whole usage text."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _size(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{2,5})[xX](\d{2,5})", value.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1600x900, not {value!r}")
    return int(match.group(1)), int(match.group(2))


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=APP_NAME,
        description="Read source documents side by side. Opens the app with the given corpus documents or text files.",
        epilog=(
            "other commands:\n"
            f"  {APP_NAME} screenshot OUT.png [--open DOC ...] [--size WxH] [--present]   render the window (or a slide) to a PNG\n"
            f"  {APP_NAME} corpus list                                       list the bundled documents\n"
            f"  {APP_NAME} corpus build SEEDS_DIR [--out DIR]                regenerate corpus/ from the seed texts\n"
            f"  {APP_NAME} themes FILE... [--format jsonl|csv|text]          list theme matches in text files\n"
            f"  {APP_NAME} annotations validate PATH                         check an annotation file\n"
            f"  {APP_NAME} annotations export PATH [--format csv|jsonl]      one row per annotation\n"
            f"run '{APP_NAME} COMMAND --help' for a command's options."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("documents", nargs="*", metavar="FILE_OR_DOC_ID", help="corpus document ids or text files to open")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=APP_NAME)
    commands = parser.add_subparsers(dest="command", required=True)
    shot = commands.add_parser("screenshot", help="render the main window off screen to a PNG")
    shot.add_argument("out", type=Path, metavar="OUT.png")
    shot.add_argument("--open", nargs="+", default=[], metavar="DOC", help="corpus ids or text files to open")
    shot.add_argument("--size", type=_size, default=(1600, 900), metavar="WxH", help="window size (default 1600x900)")
    shot.add_argument("--appearance", choices=("light", "dark"), default="light", help="palette (default light)")
    shot.add_argument("--high-contrast", action="store_true", help="use the high-contrast palette")
    shot.add_argument("--present", action="store_true", help="render the first slide of presenting the open documents")
    shot.add_argument("--statistics", action="store_true", help="render the statistics window's chart of the whole corpus")
    shot.add_argument("--annotations", type=Path, metavar="PATH", help="an annotation file (read from a copy); with --present, its first lesson is shown")
    corpus = commands.add_parser("corpus", help="the bundled corpus and your imported documents")
    corpus_commands = corpus.add_subparsers(dest="corpus_command", required=True)
    corpus_commands.add_parser("list", help="list the bundled and imported documents")
    from reader.cli_corpus_import import add_import_parser

    add_import_parser(corpus_commands)
    build = corpus_commands.add_parser("build", help="regenerate the corpus from the seed texts")
    build.add_argument("seeds", type=Path, metavar="SEEDS_DIR")
    build.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default: the bundled corpus/)")
    themes = commands.add_parser("themes", help="match themes in text files, one record per match")
    themes.add_argument("files", nargs="+", metavar="FILE", help="text files (or corpus document ids)")
    themes.add_argument("--format", choices=("jsonl", "csv", "text"), default="jsonl", help="output format (default jsonl)")
    themes.add_argument("--themes", default=None, metavar="ID,...", help="only these theme ids")
    themes.add_argument("--lexicon", type=Path, default=None, metavar="PATH", help="a lexicon file layered over the bundled and user themes")
    from reader.cli_search import add_search_parser

    add_search_parser(commands)
    annotations = commands.add_parser("annotations", help="check or export an annotation file")
    annotation_commands = annotations.add_subparsers(dest="annotations_command", required=True)
    annotation_commands.add_parser("validate", help="exit 0 if the file is valid, else 1 with the reason").add_argument("path", type=Path, metavar="PATH")
    export = annotation_commands.add_parser("export", help="one row per annotation: document, quote, tags, note, creator, dates, offsets")
    export.add_argument("path", type=Path, metavar="PATH")
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format (default csv)")
    return parser


def _check_openable(refs: list[str]) -> None:
    """Fail early, with one line, for an argument that is neither a corpus id nor a readable file."""
    from reader.core.user_corpus import combined_corpus

    corpus = combined_corpus(on_error=lambda _error: None)  # a broken user corpus is reported by the window
    for ref in refs:
        if ref in corpus:
            continue
        path = Path(ref).expanduser()
        if not path.exists():
            raise ReaderError(f"{ref}: no such file, and no corpus document has this id")
        if path.is_dir():
            raise ReaderError(f"{ref}: this is a folder, not a text file")
        from reader.core.importers import read_text_file

        read_text_file(path)  # a binary or undecodable file fails here, before any window opens


def _screenshot(args: argparse.Namespace) -> int:
    from reader.ui.screenshot import render_screenshot

    _check_openable(args.open)
    if args.annotations is not None:
        from reader.core.store import load

        load(args.annotations)  # a missing or broken file: one clear line, before any window opens
    out = render_screenshot(args.out, args.open, args.size, args.appearance, args.high_contrast, present=args.present, annotations=args.annotations, statistics=args.statistics)
    print(out)
    return 0


def _corpus(args: argparse.Namespace) -> int:
    from reader.core.paths import BUNDLED_CORPUS_DIR

    if args.corpus_command == "import":
        from reader.cli_corpus_import import run_import

        return run_import(args)
    if args.corpus_command == "list":
        from reader.core.user_corpus import combined_corpus

        for entry in combined_corpus():
            meta = entry.metadata
            print("\t".join((entry.id, meta.date, meta.perspective, meta.language, entry.title)))
        return 0
    from reader.core.seed_cleaning import build_corpus

    written = build_corpus(args.seeds, args.out or BUNDLED_CORPUS_DIR)
    print(f"wrote {len(written)} files to {args.out or BUNDLED_CORPUS_DIR}")
    return 0


def _themes(args: argparse.Namespace) -> int:
    from reader.cli_themes import print_theme_matches

    return print_theme_matches(args.files, args.format, args.themes, args.lexicon)


def _search(args: argparse.Namespace) -> int:
    from reader.cli_search import run_search

    return run_search(args)


def _annotations(args: argparse.Namespace) -> int:
    from reader import cli_annotations

    if args.annotations_command == "validate":
        return cli_annotations.validate(args.path)
    return cli_annotations.export(args.path, args.format)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code. User mistakes print one line on stderr and return 1."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = _command_parser().parse_args(argv)
            return {"screenshot": _screenshot, "corpus": _corpus, "themes": _themes, "annotations": _annotations, "search": _search}[args.command](args)
        args = _app_parser().parse_args(argv)
        _check_openable(args.documents)
        from reader.ui.app import run

        return run(args.documents)
    except ReaderError as error:
        print(f"{APP_NAME}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
