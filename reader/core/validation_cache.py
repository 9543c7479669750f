"""Remembers which files already passed schema validation, so start-up need not import jsonschema.

A file is known valid when the SHA-256 of its bytes and of its schema were validated before;
any change to either validates again. The record is a small JSON file in the user cache folder;
losing it only costs one validation.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from reader.core.paths import user_cache_dir

CACHE_FILE_NAME = "validated.json"
MAX_ENTRIES = 256


def _key(data: bytes, schema_path: Path) -> str:
    digest = hashlib.sha256(data)
    digest.update(b"\0")
    digest.update(schema_path.read_bytes())
    return digest.hexdigest()


def _cache_path() -> Path:
    return user_cache_dir() / CACHE_FILE_NAME


def _known() -> list[str]:
    try:
        entries = json.loads(_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [e for e in entries if isinstance(e, str)] if isinstance(entries, list) else []


def is_known_valid(data: bytes, schema_path: Path) -> bool:
    """Whether exactly these bytes passed validation against exactly this schema before."""
    return _key(data, schema_path) in _known()


def remember_valid(data: bytes, schema_path: Path) -> None:
    """Record that these bytes passed validation (best effort: a read-only cache is fine)."""
    key = _key(data, schema_path)
    entries = [e for e in _known() if e != key][-(MAX_ENTRIES - 1) :] + [key]
    path = _cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass
