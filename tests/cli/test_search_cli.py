"""`parallel-reader search QUERY`: one record per hit, formats, filters, errors (called in process)."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

from reader.cli_search import add_search_parser, run_search
from reader.core.corpus import Corpus
from reader.core.paths import user_cache_dir
from reader.core.search_index import index_path_for_corpus
from tests.core.test_search_index import ENGLISH, KOREAN, RUSSIAN


def search(capsys, *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="parallel-reader")
    add_search_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["search", *argv])
    status = run_search(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "my corpus"
    folder.mkdir()
    rows = []
    for doc_id, text, language, perspective, date in (
        ("en-moscow", ENGLISH, "en", "western-media", "2001-08-04"),
        ("ru-pyongyang", RUSSIAN, "ru", "russian-official", "2000-07-19"),
        ("ko-pyongyang", KOREAN, "ko", "dprk-official", "2020-07-19"),
    ):
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        rows.append({"id": doc_id, "title": doc_id, "path": f"{doc_id}.txt", "outlet": "Test", "perspective": perspective, "date": date, "language": language})
    (folder / "manifest.json").write_text(json.dumps({"format": "parallel-reader/corpus", "version": 1, "documents": rows}), encoding="utf-8")
    return folder


def assert_one_clear_line(status: int, err: str, *words: str) -> None:
    assert status == 1
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith("parallel-reader: error: ")
    for word in words:
        assert word in err


def test_jsonl_records_slice_the_document_text(capsys, corpus_dir):
    status, out, err = search(capsys, '"железной дороги" OR 철도 OR "railway link"', "--corpus", str(corpus_dir))
    assert status == 0 and err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert list(records[0]) == ["document", "start", "end", "left", "match", "right"]
    texts = {"en-moscow": ENGLISH, "ru-pyongyang": RUSSIAN, "ko-pyongyang": KOREAN}
    for record in records:
        assert texts[record["document"]][record["start"] : record["end"]] == record["match"]
    assert [(r["document"], r["match"]) for r in records] == [
        ("en-moscow", "railway\u00a0link"), ("en-moscow", "railway link"),
        ("ko-pyongyang", "철도"), ("ko-pyongyang", "철도"), ("ko-pyongyang", "철도"), ("ko-pyongyang", "철도"),
        ("ru-pyongyang", "железной\u00a0дороги"), ("ru-pyongyang", "железной дороги"),
    ]


def test_csv_and_text_formats_filters_and_limit(capsys, corpus_dir):
    status, out, _ = search(capsys, "railw* OR железн* OR 련결*", "--corpus", str(corpus_dir), "--format", "csv", "--language", "ru,ko", "--limit", "4")
    rows = list(csv.reader(io.StringIO(out)))
    assert status == 0 and rows[0] == ["document", "start", "end", "left", "match", "right"]
    assert [(row[0], row[4]) for row in rows[1:]] == [("ko-pyongyang", "련결하는"), ("ko-pyongyang", "련결을"), ("ko-pyongyang", "련결"), ("ru-pyongyang", "железной")]
    status, out, _ = search(capsys, "railw*", "--corpus", str(corpus_dir), "--format", "text", "--perspective", "western-media", "--from", "2001-01-01")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 3
    assert lines[0].startswith("en-moscow:") and "[railway]" in lines[0] and "\n" not in lines[0]
    status, out, _ = search(capsys, "railw*", "--corpus", str(corpus_dir), "--perspective", "western-media", "--to", "2000-12-31")
    assert (status, out) == (0, "")


def test_no_hits_prints_nothing_and_exits_zero(capsys, corpus_dir):
    assert search(capsys, "zeppelin", "--corpus", str(corpus_dir)) == (0, "", "")
    assert search(capsys, "zeppelin", "--corpus", str(corpus_dir), "--format", "csv") == (0, "document,start,end,left,match,right\n", "")


def test_bundled_corpus_by_default(capsys):
    status, out, _ = search(capsys, "railway", "--limit", "3")
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len(records) == 3
    corpus = Corpus.bundled()
    for record in records:
        assert corpus.document(record["document"]).text[record["start"] : record["end"]].lower() == "railway"


def test_bad_query_and_unknown_filter_values_are_one_line(capsys, corpus_dir):
    assert_one_clear_line(*search(capsys, "rail*way", "--corpus", str(corpus_dir))[::2], "rail*way", "end of a word")
    assert_one_clear_line(*search(capsys, '"  "', "--corpus", str(corpus_dir))[::2], "no letters or digits")
    assert_one_clear_line(*search(capsys, "railway", "--corpus", str(corpus_dir), "--perspective", "nobody")[::2], "'nobody'", "western-media")
    assert_one_clear_line(*search(capsys, "railway", "--corpus", str(corpus_dir), "--language", "fr")[::2], "'fr'")


def test_unreadable_corpus_is_one_line(capsys, tmp_path, corpus_dir):
    assert_one_clear_line(*search(capsys, "railway", "--corpus", str(tmp_path / "nowhere"))[::2], "nowhere", "no such corpus folder")
    (corpus_dir / "manifest.json").write_text('{"format": "parallel-reader/corpus", "version": 1, "documents": [}', encoding="utf-8")
    assert_one_clear_line(*search(capsys, "railway", "--corpus", str(corpus_dir))[::2], "manifest.json", "line 1")
    (tmp_path / "empty").mkdir()
    assert_one_clear_line(*search(capsys, "railway", "--corpus", str(tmp_path / "empty"))[::2], "manifest.json")


def test_each_corpus_folder_has_its_index_in_the_private_cache(capsys, corpus_dir, private_user_dirs):
    assert search(capsys, "railway", "--corpus", str(corpus_dir))[0] == 0
    path = index_path_for_corpus(corpus_dir)
    assert path.is_file() and path.parent == user_cache_dir() / "search" and private_user_dirs in path.parents
    (corpus_dir / "en-moscow.txt").write_text("Tramways only.", encoding="utf-8")
    status, out, _ = search(capsys, "railway OR tramways", "--corpus", str(corpus_dir), "--format", "text")
    assert status == 0 and [line.split("\t")[0] for line in out.splitlines()] == ["en-moscow:0-8"]
