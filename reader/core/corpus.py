"""Documents and the corpus: manifest loading, lookup and filters."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from reader.core import validation_cache
from reader.core.errors import ManifestError, UnknownDocumentError
from reader.core.paths import BUNDLED_CORPUS_DIR, SCHEMAS_DIR

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "parallel-reader/corpus"
MANIFEST_VERSION = 1
DOC_IRI_PREFIX = "urn:parallel-reader:doc:"

#: Perspectives every build knows; users may add their own (any lower-case slug).
KNOWN_PERSPECTIVES: dict[str, str] = {
    "russian-official": "Russian official",
    "dprk-official": "DPRK official",
    "western-media": "Western media",
    "other-media": "Other media",
}


def perspective_label(perspective: str) -> str:
    """Human name of a perspective slug (`other-media` -> `Other media`)."""
    if perspective in KNOWN_PERSPECTIVES:
        return KNOWN_PERSPECTIVES[perspective]
    return perspective.replace("-", " ").capitalize() if perspective else "Unknown"


@dataclass(frozen=True)
class DocumentMetadata:
    """What a reader needs to know about where a text comes from."""

    outlet: str = ""
    perspective: str = ""
    date: str = ""  # ISO 8601 calendar date, or "" when unknown
    place: str = ""
    language: str = ""
    seed: str = ""

    @property
    def perspective_label(self) -> str:
        """Human name of the perspective."""
        return perspective_label(self.perspective)


@dataclass(frozen=True)
class Document:
    """One text: its id, title, full text (the truth for all offsets) and metadata."""

    id: str
    title: str
    text: str
    metadata: DocumentMetadata = field(default_factory=DocumentMetadata)
    path: Path | None = None
    encoding: str = "utf-8"

    @property
    def iri(self) -> str:
        """The document's IRI as used in annotation files."""
        return DOC_IRI_PREFIX + self.id


@dataclass(frozen=True)
class CorpusEntry:
    """A manifest row: metadata and where the text is, without the text itself."""

    id: str
    title: str
    path: Path
    metadata: DocumentMetadata


_SCHEMA_PATH = SCHEMAS_DIR / "corpus-manifest.schema.json"


def _validate_schema(manifest_path: Path, data: object) -> None:
    """Check `data` against the manifest schema; ManifestError names the first bad field."""
    import jsonschema  # deferred: costly to import, and only needed for a manifest not seen before

    with open(_SCHEMA_PATH, encoding="utf-8") as handle:
        validator = jsonschema.Draft202012Validator(json.load(handle))
    problem = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if problem is None:
        return
    field_name = _field_name(problem.absolute_path) or None
    if problem.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", problem.message)
        if missing:
            raise ManifestError(manifest_path, _field_name([*problem.absolute_path, missing[0]]), "this field is missing")
    raise ManifestError(manifest_path, field_name, problem.message)


def _field_name(path: Iterable[object]) -> str:
    """`['documents', 2, 'date']` -> `documents[2].date`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_manifest_data(manifest_path: Path) -> dict:
    """A manifest's JSON, checked against the schema; ManifestError naming the file and field."""
    try:
        raw = manifest_path.read_bytes()
    except OSError as error:
        raise ManifestError(manifest_path, None, f"cannot read the manifest ({error.strerror or error})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ManifestError(manifest_path, None, "the manifest is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ManifestError(
            manifest_path, None, f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if not validation_cache.is_known_valid(raw, _SCHEMA_PATH):
        _validate_schema(manifest_path, data)
        validation_cache.remember_valid(raw, _SCHEMA_PATH)
    return data


def load_manifest(manifest_path: Path, missing: list[str] | None = None) -> list[CorpusEntry]:
    """Read and validate a manifest; raise ManifestError naming the file and field.

    With a `missing` list, an entry whose text file is gone is left out and named there
    instead of failing the whole manifest (the user corpus: one lost file hides no others).
    """
    data = read_manifest_data(manifest_path)
    entries: list[CorpusEntry] = []
    seen: set[str] = set()
    for index, row in enumerate(data["documents"]):
        where = f"documents[{index}]"
        if row["id"] in seen:
            raise ManifestError(manifest_path, f"{where}.id", f"duplicate document id {row['id']!r}")
        seen.add(row["id"])
        try:
            if row["date"]:  # null: the date is not known
                date.fromisoformat(row["date"])
        except ValueError:
            raise ManifestError(manifest_path, f"{where}.date", f"{row['date']!r} is not a calendar date") from None
        text_path = (manifest_path.parent / row["path"]).resolve()
        if not text_path.is_file():
            if missing is not None:
                missing.append(f"{row['title']} ({text_path})")
                continue
            raise ManifestError(manifest_path, f"{where}.path", f"the text file {row['path']!r} does not exist")
        entries.append(
            CorpusEntry(
                id=row["id"],
                title=row["title"],
                path=text_path,
                metadata=DocumentMetadata(
                    outlet=row["outlet"] or "",
                    perspective=row["perspective"] or "",
                    date=row["date"] or "",
                    place=row.get("place") or "",
                    language=row["language"] or "",
                    seed=row.get("seed", ""),
                ),
            )
        )
    return entries


class Corpus:
    """The documents a reader can open, by id; texts are read on first use."""

    def __init__(self, entries: Iterable[CorpusEntry] = ()) -> None:
        self._entries: dict[str, CorpusEntry] = {}
        self._texts: dict[str, Document] = {}
        for entry in entries:
            self._entries[entry.id] = entry

    @classmethod
    def from_manifest(cls, manifest_path: Path, missing: list[str] | None = None) -> "Corpus":
        """Corpus listed by one manifest file (see `load_manifest` for `missing`)."""
        return cls(load_manifest(manifest_path, missing))

    @classmethod
    def combined(cls, *corpora: "Corpus") -> "Corpus":
        """One corpus listing the documents of several in order; an id listed twice keeps its first entry."""
        entries: dict[str, CorpusEntry] = {}
        for corpus in corpora:
            for entry in corpus:
                entries.setdefault(entry.id, entry)
        return cls(entries.values())

    @classmethod
    def bundled(cls) -> "Corpus":
        """The corpus shipped in the repository's `corpus/` folder."""
        return cls.from_manifest(BUNDLED_CORPUS_DIR / MANIFEST_NAME)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[CorpusEntry]:
        return iter(self._entries.values())

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._entries

    def entry(self, doc_id: str) -> CorpusEntry:
        """Manifest row of a document; UnknownDocumentError if there is none."""
        try:
            return self._entries[doc_id]
        except KeyError:
            raise UnknownDocumentError(f"unknown document id {doc_id!r} (not in the corpus)") from None

    def document(self, doc_id: str) -> Document:
        """The document with its text, read from disk once and kept."""
        if doc_id not in self._texts:
            self._texts[doc_id] = self.read_document(doc_id)
        return self._texts[doc_id]

    def read_document(self, doc_id: str) -> Document:
        """The document with its text read from disk now, not kept (for passes over the whole corpus)."""
        if doc_id in self._texts:
            return self._texts[doc_id]
        from reader.core.importers import read_text_file

        entry = self.entry(doc_id)
        decoded = read_text_file(entry.path)
        return Document(id=entry.id, title=entry.title, text=decoded.text, metadata=entry.metadata, path=entry.path, encoding=decoded.encoding)

    def filter(
        self,
        text: str = "",
        perspectives: Iterable[str] | None = None,
        languages: Iterable[str] | None = None,
        date_from: str = "",
        date_to: str = "",
    ) -> list[CorpusEntry]:
        """Entries matching every given filter (text matches title, outlet or place)."""
        return [e for e in self if entry_matches(e, text, perspectives, languages, date_from, date_to)]

    def default_pair(self) -> list[str]:
        """Two ids to compare on a first run: the first document and the next one from another perspective."""
        entries = list(self)
        if not entries:
            return []
        first = entries[0]
        other = next((e for e in entries[1:] if e.metadata.perspective != first.metadata.perspective), None)
        if other is None and len(entries) > 1:
            other = entries[1]
        return [first.id] + ([other.id] if other else [])

    def perspectives(self) -> list[str]:
        """Perspectives present in the corpus, sorted."""
        return sorted({e.metadata.perspective for e in self})

    def languages(self) -> list[str]:
        """Languages present in the corpus, sorted."""
        return sorted({e.metadata.language for e in self})


def entry_matches(
    entry: CorpusEntry,
    text: str = "",
    perspectives: Iterable[str] | None = None,
    languages: Iterable[str] | None = None,
    date_from: str = "",
    date_to: str = "",
) -> bool:
    """Whether one entry passes the corpus browser's filters."""
    meta = entry.metadata
    if text:
        needle = text.casefold()
        haystack = " ".join((entry.title, meta.outlet, meta.place, entry.id)).casefold()
        if needle not in haystack:
            return False
    if perspectives is not None and meta.perspective not in set(perspectives):
        return False
    if languages is not None and meta.language not in set(languages):
        return False
    # ISO dates compare correctly as strings; an undated entry passes no date bound.
    if date_from and (not meta.date or meta.date < date_from):
        return False
    if date_to and (not meta.date or meta.date > date_to):
        return False
    return True
