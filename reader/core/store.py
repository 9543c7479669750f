"""The annotation file on disk: load, validate, save atomically with rotated backups."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from reader.core.annotations import FILE_FORMAT, FILE_VERSION, AnnotationSet
from reader.core.durable import write_atomically
from reader.core.errors import ReaderError
from reader.core.paths import SCHEMAS_DIR

SCHEMA_PATH = SCHEMAS_DIR / "annotations.schema.json"
BACKUPS = 3


class AnnotationFileError(ReaderError):
    """An annotation file that cannot be read: the message names the file and the line or field."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True)
class LoadedAnnotations:
    """What was read, and whether it may be written back."""

    content: AnnotationSet
    read_only: bool = False
    reason: str = ""


def _field(path: Iterable[object]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


def parse(data: bytes, source: str | Path) -> LoadedAnnotations:
    """Parse and validate a file's bytes; AnnotationFileError says where it is wrong."""
    import jsonschema  # deferred: only needed when a file is opened

    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise AnnotationFileError(source, f"not UTF-8 text (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise AnnotationFileError(source, f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise AnnotationFileError(source, "the JSON is nested too deeply to be an annotation file") from None
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
        raise AnnotationFileError(source, f"format: this is not a Parallel Reader annotation file (expected \"{FILE_FORMAT}\")")
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        validator = jsonschema.Draft202012Validator(json.load(handle), format_checker=jsonschema.FormatChecker())
    try:
        problem = jsonschema.exceptions.best_match(validator.iter_errors(document))
    except RecursionError:
        raise AnnotationFileError(source, "the JSON is nested too deeply to be an annotation file") from None
    if problem is not None:
        raise AnnotationFileError(source, f"{_field(problem.absolute_path)}: {problem.message[:300]}")
    targets = [(f"annotations[{index}]", annotation) for index, annotation in enumerate(document["annotations"])]
    targets += [
        (f"lessons[{number}].passages[{index}]", passage)
        for number, lesson in enumerate(document.get("lessons", []))
        for index, passage in enumerate(lesson["passages"])
    ]
    for where, item in targets:
        for selector in item["target"]["selector"]:
            if selector.get("type") == "TextPositionSelector" and selector.get("end", 0) < selector.get("start", 0):
                raise AnnotationFileError(source, f"{where}.target: the position ends before it starts")
    content = AnnotationSet.from_json(document)
    if document["version"] > FILE_VERSION:
        return LoadedAnnotations(content, True, f"it was written by a newer version of Parallel Reader (file version {document['version']})")
    return LoadedAnnotations(content)


def load(path: Path) -> LoadedAnnotations:
    """Read an annotation file; a missing file is an error (create one with `save`)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise AnnotationFileError(path, "no such file") from None
    except OSError as error:
        raise AnnotationFileError(path, f"cannot be read ({error.strerror or error})") from None
    return parse(data, path)


def serialise(content: AnnotationSet) -> bytes:
    """The file's bytes: UTF-8, pretty-printed, keys sorted so it diffs well."""
    return (json.dumps(content.to_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def backup_paths(path: Path) -> list[Path]:
    """Rotated backups, newest first: NAME.1.bak, NAME.2.bak, …"""
    return [path.with_name(f"{path.name}.{number}.bak") for number in range(1, BACKUPS + 1)]


def save(path: Path, content: AnnotationSet) -> None:
    """Write atomically: a temporary file in the same folder, flushed and synced, then renamed.

    A crash at any moment leaves the old file or the new one, never a mixture. The previous
    file is kept as the newest of the rotated backups.
    """
    path = Path(path)
    data = serialise(content)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        backups = backup_paths(path)
        for older, newer in zip(reversed(backups), reversed(backups[:-1])):
            if newer.exists():
                os.replace(newer, older)
        shutil.copyfile(path, backups[0])
    _remove_stale_temporaries(path)
    write_atomically(path, data)


def _remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files left by saves that were killed (their process is gone)."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            pid = int(leftover.name.rsplit(".", 2)[-2])
            os.kill(pid, 0)  # still running: its save may be in progress
        except (ValueError, ProcessLookupError):
            leftover.unlink(missing_ok=True)
        except PermissionError:
            pass
