"""`parallel-reader annotations validate|export`."""

from __future__ import annotations

import csv
import json

from reader.core.paths import PROJECT_ROOT
from reader.core.store import save
from tests.cli.test_cli import assert_one_clear_line, run_cli
from tests.core.test_store import sample


def test_validate_a_good_and_a_broken_file(private_user_dirs, tmp_path):
    good = tmp_path / "good.json"
    save(good, sample())
    result = run_cli("annotations", "validate", str(good), env_home=private_user_dirs)
    assert result.returncode == 0 and "valid (1 annotations, 1 tags, 1 documents)" in result.stdout
    lesson = run_cli("annotations", "validate", str(PROJECT_ROOT / "docs" / "examples" / "pyongyang-2000-lesson.json"), env_home=private_user_dirs)
    assert lesson.returncode == 0 and "1 lessons of 4 passages" in lesson.stdout
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "parallel-reader/annotations", "version": 1,\n "documents": [}', encoding="utf-8")
    assert_one_clear_line(run_cli("annotations", "validate", str(broken), env_home=private_user_dirs), "broken.json", "line 2")
    assert_one_clear_line(run_cli("annotations", "validate", str(tmp_path / "none.json"), env_home=private_user_dirs), "no such file")


def test_export_csv_and_jsonl(private_user_dirs, tmp_path):
    path = tmp_path / "annotations.json"
    save(path, sample(note="A note, with a comma\nand a line break"))
    rows = list(csv.reader(run_cli("annotations", "export", str(path), env_home=private_user_dirs).stdout.splitlines(keepends=True)))
    assert rows[0] == ["document", "quote", "tags", "note", "creator", "created", "modified", "start", "end", "id"]
    assert rows[1][:5] == ["kremlin-2001-08-04", "ABM Treaty", "Security framing", "A note, with a comma\nand a line break", "Annotator One"]
    assert rows[1][7:9] == ["1204", "1262"]
    (record,) = [json.loads(line) for line in run_cli("annotations", "export", str(path), "--format", "jsonl", env_home=private_user_dirs).stdout.splitlines()]
    assert record["tags"] == ["Security framing"] and record["start"] == 1204 and record["quote"] == "ABM Treaty"
