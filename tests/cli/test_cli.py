"""The command line: help, version, bad input, screenshot."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from reader import __version__
from reader.core.corpus import Corpus
from reader.core.paths import PROJECT_ROOT


def run_cli(*args: str, env_home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(env_home))
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=120, cwd=PROJECT_ROOT)


def test_help_and_version(private_user_dirs):
    help_run = run_cli("--help", env_home=private_user_dirs)
    assert help_run.returncode == 0
    assert "screenshot OUT.png" in help_run.stdout and "FILE_OR_DOC_ID" in help_run.stdout
    version = run_cli("--version", env_home=private_user_dirs)
    assert version.returncode == 0 and version.stdout.strip() == f"parallel-reader {__version__}"


def assert_one_clear_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_missing_file_and_unknown_id(private_user_dirs, tmp_path):
    assert_one_clear_line(run_cli(str(tmp_path / "nope.txt"), env_home=private_user_dirs), "nope.txt", "no such file")
    assert_one_clear_line(run_cli("screenshot", str(tmp_path / "o.png"), "--open", "no-such-doc", env_home=private_user_dirs), "no-such-doc")
    assert not (tmp_path / "o.png").exists()


def test_bad_size_and_binary_file(private_user_dirs, tmp_path):
    assert_one_clear_line(run_cli("screenshot", str(tmp_path / "o.png"), "--size", "huge", env_home=private_user_dirs), "WIDTHxHEIGHT")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02\xff" * 500)
    assert_one_clear_line(run_cli("screenshot", str(tmp_path / "o.png"), "--open", str(binary), env_home=private_user_dirs), "blob.bin", "binary")


def test_screenshot_writes_a_png_of_the_requested_size(private_user_dirs, tmp_path):
    first, second = [entry.id for entry in Corpus.bundled()][:2]
    out = tmp_path / "shot.png"
    result = run_cli("screenshot", str(out), "--open", first, second, "--size", "1200x700", env_home=private_user_dirs)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 700)
    colours = {image.pixel(x, y) for x in range(0, 1200, 15) for y in range(0, 700, 15)}
    assert len(colours) > 20  # text and headers drawn, not a blank window


def test_screenshot_present_renders_the_first_slide_of_a_lesson(private_user_dirs, tmp_path):
    out = tmp_path / "slide.png"
    lesson = PROJECT_ROOT / "docs" / "examples" / "pyongyang-2000-lesson.json"
    before = lesson.read_bytes()
    result = run_cli(
        "screenshot", str(out), "--present", "--open", "kremlin-2000-07-19", "dprk-2020-07-19",
        "--annotations", str(lesson), "--size", "1920x1080", env_home=private_user_dirs,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    assert image.pixelColor(5, 5).name() == "#000000"  # high contrast is the presentation default
    colours = {image.pixelColor(x, y).name() for x in range(0, 1920, 8) for y in range(0, 1080, 8)}
    assert {"#ffffff", "#ffff00"} <= colours  # the passage in white, its source in yellow
    assert lesson.read_bytes() == before  # the lesson file is read from a copy, never written


def test_screenshot_with_a_broken_annotation_file_says_so_in_one_line(private_user_dirs, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    result = run_cli("screenshot", str(tmp_path / "x.png"), "--present", "--annotations", str(broken), env_home=private_user_dirs)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "broken.json" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_corpus_list(private_user_dirs):
    result = run_cli("corpus", "list", env_home=private_user_dirs)
    assert result.returncode == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [e.id for e in Corpus.bundled()]


def test_themes_jsonl_offsets_slice_the_file_text(private_user_dirs, tmp_path):
    text = "Россия и КНДР обсудили железную\u00a0дорогу Хасан — Раджин 😀 и суверенитет.\r\n라선-하산 철도련결\n"
    path = tmp_path / "mixed.txt"
    path.write_bytes(text.encode("utf-8"))
    result = run_cli("themes", str(path), env_home=private_user_dirs)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    document_text = text.replace("\r\n", "\n")
    assert {r["theme"] for r in records} == {"railway-link", "sovereignty"}
    for record in records:
        assert record["doc"] == str(path)
        assert document_text[record["start"] : record["end"]] == record["text"]
    assert "железную\u00a0дорогу" in [r["text"] for r in records]


def test_themes_csv_and_restriction(private_user_dirs):
    result = run_cli("themes", "corpus/kremlin-2001-08-04.txt", "--format", "csv", "--themes", "abm-treaty,sovereignty", env_home=private_user_dirs)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(result.stdout.splitlines()))
    assert rows[0] == ["doc", "theme", "start", "end", "text"]
    assert {row[1] for row in rows[1:]} == {"abm-treaty", "sovereignty"}
    assert ["corpus/kremlin-2001-08-04.txt", "abm-treaty"] == rows[1:][[r[1] for r in rows[1:]].index("abm-treaty")][:2]


def test_themes_bad_input(private_user_dirs, tmp_path):
    assert_one_clear_line(run_cli("themes", str(tmp_path / "missing.txt"), env_home=private_user_dirs), "missing.txt")
    assert_one_clear_line(run_cli("themes", "corpus/voa-2002-08-23.txt", "--themes", "nope", env_home=private_user_dirs), "nope")
    lexicon = tmp_path / "broken.json"
    lexicon.write_text('{"format": "parallel-reader/themes", "version": 1, "themes": [{"id": "x", "label": "X", '
                       '"color": {"light": "#ffffff", "dark": "#000000"}, "patterns": {"en": ["bad (pattern"]}}]}', encoding="utf-8")
    assert_one_clear_line(run_cli("themes", "corpus/voa-2002-08-23.txt", "--lexicon", str(lexicon), env_home=private_user_dirs), "bad (pattern")
