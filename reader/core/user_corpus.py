"""The user corpus: imported documents stored as UTF-8 text files with a manifest in the user data folder.

The folder holds one `<id>.txt` per document and a `manifest.json` in the bundled corpus's
format (validated by the same schema). Every write is atomic (a temporary file, flushed and
synced, then renamed), a lock file keeps two imports from interleaving, and an existing entry
or file is never overwritten. Ids start with `user-`, so they never meet a bundled id.
"""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

from reader.core.corpus import (
    KNOWN_PERSPECTIVES,
    MANIFEST_FORMAT,
    MANIFEST_NAME,
    MANIFEST_VERSION,
    Corpus,
    CorpusEntry,
    DocumentMetadata,
    read_manifest_data,
)
from reader.core.durable import write_atomically
from reader.core.errors import CorpusWriteError, MetadataError, ReaderError, UnknownDocumentError
from reader.core.paths import user_data_dir
from reader.core.slugs import slugify

if TYPE_CHECKING:  # the format readers load when a file is imported, not when the corpus is listed
    from reader.core.document_import import ImportedText

USER_CORPUS_FOLDER = "corpus"
ID_PREFIX = "user-"
LOCK_NAME = ".manifest.lock"
#: The metadata a user may set on import, by name.
OVERRIDE_FIELDS = ("title", "outlet", "perspective", "date", "place", "language")
_PERSPECTIVE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_THREAD_LOCK = threading.Lock()

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one file of a batch: its new corpus entry, or why it was not imported."""

    path: Path
    entry: CorpusEntry | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        """Whether the file was imported."""
        return self.entry is not None


def user_corpus_dir() -> Path:
    """Folder of the user corpus: its text files and manifest."""
    return user_data_dir() / USER_CORPUS_FOLDER


def user_manifest_path() -> Path:
    """The user corpus's manifest file."""
    return user_corpus_dir() / MANIFEST_NAME


def user_corpus(missing: list[str] | None = None) -> Corpus:
    """The documents the user imported (empty before the first import); ManifestError if the manifest is broken.

    With a `missing` list, documents whose text file is gone are left out and named there.
    """
    manifest = user_manifest_path()
    return Corpus.from_manifest(manifest, missing) if manifest.exists() else Corpus()


def combined_corpus(on_error: Callable[[ReaderError], None] | None = None) -> Corpus:
    """The bundled documents followed by the user's; with `on_error`, a broken user corpus is reported there and left out."""
    bundled = Corpus.bundled()
    missing: list[str] | None = [] if on_error is not None else None
    try:
        user = user_corpus(missing)
    except ReaderError as error:
        if on_error is None:
            raise
        on_error(error)
        user = Corpus()
    if missing and on_error is not None:
        on_error(ReaderError(f"{len(missing)} imported documents are left out because their text file is gone: " + "; ".join(missing[:5])))
    return Corpus.combined(bundled, user)


def normalise_overrides(overrides: Mapping[str, str | None] | None) -> dict[str, str]:
    """Overrides checked and in stored form (None: keep the guess; "": leave empty); MetadataError if one is malformed."""
    result: dict[str, str] = {}
    for name, value in (overrides or {}).items():
        if name not in OVERRIDE_FIELDS:
            raise MetadataError(f"unknown metadata field {name!r} (known: {', '.join(OVERRIDE_FIELDS)})")
        if value is None:
            continue
        value = " ".join(str(value).split())
        if name == "date" and value and _iso_date(value) != value:
            raise MetadataError(f"date {value!r} is not a calendar date in the form YYYY-MM-DD, such as 2001-08-04")
        if name == "perspective":
            value = perspective_slug(value)
        if name == "language" and value:
            value = language_code(value)
        result[name] = value
    return result


def perspective_slug(value: str) -> str:
    """A perspective as stored: a known label becomes its slug (`Western media` -> `western-media`); MetadataError if not a slug."""
    text = " ".join(value.split())
    for slug, label in KNOWN_PERSPECTIVES.items():
        if text.casefold() in (slug, label.casefold()):
            return slug
    slug = text.lower().replace(" ", "-").replace("_", "-")
    if slug and (not set(slug) <= _PERSPECTIVE_CHARS or slug.startswith("-")):
        raise MetadataError(
            f"perspective {value!r} must be lower-case Latin letters, digits and hyphens, such as {next(iter(KNOWN_PERSPECTIVES))}"
        )
    return slug


def language_code(value: str) -> str:
    """A language code as stored (`RU` -> `ru`, `en-GB` kept); MetadataError if it is not one."""
    primary, _, rest = value.strip().partition("-")
    parts = [primary.lower(), *(part for part in rest.split("-") if rest)]
    if not (2 <= len(parts[0]) <= 3 and parts[0].isascii() and parts[0].isalpha()) or not all(
        part.isascii() and part.isalnum() for part in parts[1:]
    ):
        raise MetadataError(f"language {value!r} is not a language code such as en, ru or ko")
    return "-".join(parts)


def import_document(path: Path, metadata_overrides: Mapping[str, str | None] | None = None) -> CorpusEntry:
    """Read a txt, md, html, docx or pdf file and add it to the user corpus; ReaderError naming the file if it cannot be."""
    overrides = normalise_overrides(metadata_overrides)
    return add_imported(_read(path), overrides)


def import_documents(
    paths: Iterable[Path],
    metadata_overrides: Mapping[str, str | None] | None = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[ImportOutcome]:
    """Import files one by one, going on after a failure; `progress(done, total)` after each; stops early when `should_stop()`."""
    paths = [Path(path) for path in paths]
    overrides = normalise_overrides(metadata_overrides)
    outcomes: list[ImportOutcome] = []
    for done, path in enumerate(paths, start=1):
        if should_stop is not None and should_stop():
            break
        try:
            outcomes.append(ImportOutcome(path, entry=add_imported(_read(path), overrides)))
        except ReaderError as error:
            outcomes.append(ImportOutcome(path, error=str(error)))
        if progress is not None:
            progress(done, len(paths))
    return outcomes


def add_imported(imported: ImportedText, metadata_overrides: Mapping[str, str | None] | None = None) -> CorpusEntry:
    """Store a file already read (see `read_for_import`) in the user corpus under a new id, overrides applied."""
    overrides = normalise_overrides(metadata_overrides)
    guess = imported.metadata
    title = overrides.get("title") or imported.title
    metadata = DocumentMetadata(
        **{name: overrides.get(name, getattr(guess, name)) for name in ("outlet", "perspective", "date", "place", "language")}
    )
    folder = user_corpus_dir()
    with _locked(folder):
        data = _read_data()
        doc_id = _unique_id(title, metadata.date, data)
        text_path = folder / f"{doc_id}.txt"
        _write_atomic(text_path, imported.text.encode("utf-8"))
        row = {"id": doc_id, "title": title, "path": text_path.name}
        row.update({name: getattr(metadata, name) or None for name in ("outlet", "perspective", "date", "place", "language")})
        row["source_file"] = str(imported.path)
        if imported.source_url:
            row["source_url"] = imported.source_url
        data["documents"].append(row)
        try:
            _write_manifest(data)
        except CorpusWriteError:
            text_path.unlink(missing_ok=True)
            raise
    return CorpusEntry(doc_id, title, text_path.resolve(), metadata)


def remove_document(doc_id: str) -> None:
    """Take an imported document out of the user corpus and delete its text; UnknownDocumentError if it is not there."""
    folder = user_corpus_dir()
    with _locked(folder):
        data = _read_data()
        rows = [row for row in data["documents"] if row["id"] == doc_id]
        if not rows:
            raise UnknownDocumentError(f"unknown document id {doc_id!r} (not among the imported documents in {folder})")
        data["documents"] = [row for row in data["documents"] if row["id"] != doc_id]
        _write_manifest(data)
        text_path = (folder / rows[0]["path"]).resolve()
        if text_path.parent == folder.resolve() and not any(row["path"] == rows[0]["path"] for row in data["documents"]):
            text_path.unlink(missing_ok=True)


def _read_data() -> dict:
    """The user manifest's JSON (a new empty one before the first import); ManifestError if it is broken."""
    manifest = user_manifest_path()
    if not manifest.exists():
        return {"format": MANIFEST_FORMAT, "version": MANIFEST_VERSION, "documents": []}
    return read_manifest_data(manifest)


def _unique_id(title: str, date: str, data: dict) -> str:
    """A new id from the title and date, used by no user entry, bundled document or file in the folder."""
    slug = slugify(title) or "document"
    if date and date not in slug:
        slug = f"{slug}-{date}"
    taken = {row["id"] for row in data["documents"]} | {path.stem for path in user_corpus_dir().iterdir()}
    try:
        taken |= {entry.id for entry in Corpus.bundled()}
    except ReaderError:  # a broken bundled manifest lists nothing; the prefix keeps ids apart anyway
        pass
    base = ID_PREFIX + slug
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _write_manifest(data: dict) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    _write_atomic(user_manifest_path(), text.encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    """Write `path` atomically; CorpusWriteError naming it if it cannot be."""
    try:
        write_atomically(path, data)
    except OSError as error:
        raise CorpusWriteError(path, f"cannot write to the user corpus ({error.strerror or error})") from None


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the user corpus lock: one import or removal at a time, across threads and processes."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / LOCK_NAME, "a+b")
    except OSError as error:
        raise CorpusWriteError(folder, f"cannot create the user corpus folder ({error.strerror or error})") from None
    with _THREAD_LOCK, handle:
        try:
            import fcntl
        except ImportError:  # Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            yield  # closing the file releases the lock


def _iso_date(value: str) -> str:
    from reader.core.document_import import iso_date

    return iso_date(value)


def _read(path: Path) -> ImportedText:
    from reader.core.document_import import read_for_import  # the format readers load on first import

    return read_for_import(path)
