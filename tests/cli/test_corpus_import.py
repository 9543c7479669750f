"""`parallel-reader corpus import FILE...`: one line per file, overrides for every file, exit 1 when any file failed."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from reader.cli_corpus_import import add_import_parser, run_import
from reader.core.corpus import Corpus
from reader.core.user_corpus import combined_corpus, user_corpus, user_manifest_path
from tests.core.import_samples import ENGLISH, KOREAN, RUSSIAN, article_page, word_file


class _Parser(argparse.ArgumentParser):
    """Like the app's parser: a usage mistake is one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def parser() -> argparse.ArgumentParser:
    """`parallel-reader corpus ...` built the way reader/cli.py builds it."""
    root = _Parser(prog="parallel-reader")
    commands = root.add_subparsers(dest="command", required=True)
    corpus = commands.add_parser("corpus")
    corpus_commands = corpus.add_subparsers(dest="corpus_command", required=True)
    corpus_commands.add_parser("list")
    add_import_parser(corpus_commands)
    return root


def run(*argv: str) -> int:
    args = parser().parse_args(["corpus", "import", *argv])
    assert args.corpus_command == "import"
    return run_import(args)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = {"html": folder / "herald.html", "txt": folder / "statement.txt", "docx": folder / "three.docx", "pdf": folder / "broken.pdf"}
    paths["html"].write_text(article_page(), encoding="utf-8")
    paths["txt"].write_bytes((KOREAN + "\n").encode("euc-kr"))
    word_file(paths["docx"], [ENGLISH, RUSSIAN, KOREAN], title="Three languages")
    paths["pdf"].write_bytes(b"%PDF-1.5\n" + os.urandom(2048))
    return paths


def test_every_file_is_imported_with_one_line_each(files, capsys):
    assert run(str(files["html"]), str(files["txt"]), str(files["docx"])) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines == [
        ["user-putin-and-kim-sign-the-moscow-declaration-2001-08-04", "Putin and Kim sign the Moscow Declaration"],
        ["user-statement", "statement"],
        ["user-three-languages", "Three languages"],
    ]
    assert [entry.id for entry in user_corpus()] == [line[0] for line in lines]
    assert all(line[0] in combined_corpus() for line in lines)


def test_a_failed_file_is_one_line_on_stderr_and_the_others_are_imported(files, capsys):
    assert run(str(files["pdf"]), str(files["html"]), str(files["pdf"].with_name("gone.md")), str(files["docx"])) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 2
    errors = err.splitlines()
    assert len(errors) == 2 and "Traceback" not in err
    assert errors[0].startswith(f"parallel-reader: error: {files['pdf'].resolve()}: not a readable PDF")
    assert "gone.md: no such file" in errors[1]
    assert len(user_corpus()) == 2


def test_overrides_apply_to_every_file(files, capsys):
    code = run(str(files["txt"]), str(files["docx"]), "--outlet", "KCNA", "--perspective", "dprk-official", "--date", "2024-06-19", "--place", "Pyongyang", "--language", "ko", "--title", "Treaty")
    assert code == 0
    ids = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert ids == ["user-treaty-2024-06-19", "user-treaty-2024-06-19-2"]
    for entry in user_corpus():
        meta = entry.metadata
        assert (entry.title, meta.outlet, meta.perspective, meta.date, meta.place, meta.language) == ("Treaty", "KCNA", "dprk-official", "2024-06-19", "Pyongyang", "ko")


@pytest.mark.parametrize(("option", "value", "words"), [("--date", "19.06.2024", "YYYY-MM-DD"), ("--perspective", "?", "lower-case"), ("--language", "korean", "language code")])
def test_a_malformed_option_is_one_usage_line_before_any_import(files, capsys, option, value, words):
    with pytest.raises(SystemExit) as caught:
        run(str(files["html"]), option, value)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and words in err
    assert not user_manifest_path().exists()


def test_run_import_checks_overrides_given_without_the_parser(files, capsys):
    args = argparse.Namespace(files=[files["html"]], title=None, outlet=None, perspective=None, date="2024/06/19", place=None, language=None)
    assert run_import(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("parallel-reader: error: ") and "YYYY-MM-DD" in err and len(err.splitlines()) == 1
    assert not user_manifest_path().exists()
    assert len(combined_corpus()) == len(Corpus.bundled())


def test_help_names_the_formats_and_options(capsys):
    with pytest.raises(SystemExit):
        parser().parse_args(["corpus", "import", "--help"])
    out = capsys.readouterr().out
    for word in (".docx", ".pdf", "--title", "--outlet", "--perspective", "--date", "--place", "--language"):
        assert word in out
