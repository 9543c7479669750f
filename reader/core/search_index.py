"""Full-text search across all documents: an SQLite FTS5 index in the cache folder, hits as keyword in context.

Tokenizer. The index is one FTS5 table with ``unicode61 remove_diacritics 2``: it splits
at every character that is not a letter, digit or combining mark (so NBSP, line breaks,
curly quotes, apostrophes and dashes separate words and never stop a phrase), folds
case, and drops the accents of Latin letters. That serves English and Russian. Korean
glues particles and compounds to nouns (철도를, 철도련결을), and unicode61 would make
each of those one token, so 철도 would not find them. The text the index sees is
therefore ``search_query.index_form(text)``: folded, with each Hangul syllable (and kana
or Chinese character) a token of its own, and a Korean query becomes a phrase of
syllables, which finds 철도 inside 철도를 and 련결 inside 철도련결을. The ``trigram``
tokenizer was the alternative; it was not chosen because it cannot match terms shorter
than three characters (most Korean nouns have two syllables), it would also match inside
English and Russian words, and its index is several times larger.

FTS5 only narrows the search to candidate documents. The exact hits are then found in
each candidate's text by ``search_query`` with the same tokenisation, so ``start`` and
``end`` are code points into the original text and a syllable phrase that FTS5 matched
across a space (철 도) is not reported. The FTS table is contentless: the texts are kept
once, in the ``documents`` table, with title, perspective, language, date and sha256.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import ReaderError
from reader.core.paths import user_cache_dir
from reader.core.search_query import Query, SearchHit, find_hits, index_form, parse_query

if TYPE_CHECKING:
    from reader.core.corpus import Corpus, Document

SCHEMA_VERSION = 1
COMMIT_EVERY = 200  # documents per transaction while indexing
TOKENIZER = "unicode61 remove_diacritics 2"
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, perspective TEXT NOT NULL,
    language TEXT NOT NULL, date TEXT NOT NULL, sha256 TEXT NOT NULL, text TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(body, content='', tokenize='{TOKENIZER}');
"""

Progress = Callable[[int, int], None]
ShouldStop = Callable[[], bool]


def default_index_path() -> Path:
    """Where the app keeps its search index: `search/index.sqlite` in the user cache folder."""
    return user_cache_dir() / "search" / "index.sqlite"


def index_path_for_corpus(corpus_dir: Path) -> Path:
    """A cache-folder index of its own for one corpus folder (keyed by the folder's absolute path)."""
    key = hashlib.sha256(str(Path(corpus_dir).resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return user_cache_dir() / "search" / f"corpus-{key}.sqlite"


def check_fts5() -> None:
    """Raise ReaderError unless this Python's SQLite has the FTS5 extension."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(body)")
    except sqlite3.OperationalError:
        raise ReaderError(
            f"full-text search needs SQLite with the FTS5 extension, and this Python's SQLite {sqlite3.sqlite_version} does not have it"
        ) from None
    finally:
        connection.close()


def text_sha256(text: str) -> str:
    """Hex sha256 of the text as UTF-8 (what the index compares to notice a changed document)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class IndexUpdate:
    """What one update changed, by document id; `cancelled` when it stopped early (work done so far is kept)."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0
    cancelled: bool = False
    skipped: tuple[str, ...] = ()  # why documents that could not be read were left out

    @property
    def any_change(self) -> bool:
        """Whether the index differs from before."""
        return bool(self.added or self.changed or self.removed)


@dataclass(frozen=True)
class SearchResults:
    """Hits sorted by document id then offset; `truncated` when the limit cut off more."""

    hits: tuple[SearchHit, ...]
    truncated: bool = False

    def __iter__(self) -> Iterator[SearchHit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)


class _CorpusDocuments:
    """The corpus's documents, read one at a time while indexing (not kept), with a length for progress.

    A document that cannot be read now is skipped and named in `skipped`; the others are indexed.
    """

    def __init__(self, corpus: "Corpus") -> None:
        self._corpus = corpus
        self.skipped: list[str] = []

    def __len__(self) -> int:
        return len(self._corpus)

    def __iter__(self) -> Iterator["Document"]:
        for entry in self._corpus:
            try:
                yield self._corpus.read_document(entry.id)
            except ReaderError as error:
                self.skipped.append(str(error))


class SearchIndex:
    """The search index file: update it from documents, then query it. Safe to share between threads."""

    def __init__(self, path: Path | None = None) -> None:
        check_fts5()
        self.path = Path(path) if path is not None else default_index_path()
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = self._open()
        except (OSError, sqlite3.Error) as error:
            raise ReaderError(f"cannot open the search index {self.path}: {error}") from None

    def _open(self) -> sqlite3.Connection:
        """Connect and create the tables; a damaged or outdated index is a cache, so it is rebuilt."""
        try:
            connection = self._connect()
            version = connection.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError:
            self._remove_files()
            connection, version = self._connect(), 0
        if version not in (0, SCHEMA_VERSION):
            connection.executescript("DROP TABLE IF EXISTS documents; DROP TABLE IF EXISTS documents_fts;")
        connection.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
        return connection

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._connection.close()

    def __enter__(self) -> "SearchIndex":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __len__(self) -> int:
        with self._lock:
            return self._connection.execute("SELECT count(*) FROM documents").fetchone()[0]

    def ids(self) -> list[str]:
        """Ids of the indexed documents, sorted."""
        with self._lock:
            return [row[0] for row in self._connection.execute("SELECT id FROM documents ORDER BY id")]

    def update_corpus(self, corpus: "Corpus", progress: Progress | None = None, should_stop: ShouldStop | None = None) -> IndexUpdate:
        """Bring the index in line with a corpus, reading each text as it goes (see `update`); unreadable ones are skipped."""
        documents = _CorpusDocuments(corpus)
        return replace(self.update(documents, progress, should_stop), skipped=tuple(documents.skipped))

    def update(
        self, documents: Iterable["Document"], progress: Progress | None = None, should_stop: ShouldStop | None = None
    ) -> IndexUpdate:
        """Index new documents, re-index changed ones, drop ones not given; progress(done, total) after each chunk.

        `should_stop()` is asked before each document; when it returns True the update stops,
        keeps what it committed, removes nothing and returns with `cancelled` set.
        """
        if not isinstance(documents, Sized):
            documents = list(documents)
        total = len(documents)
        with self._lock:
            try:
                return self._update(documents, total, progress, should_stop)
            except sqlite3.Error as error:
                self._connection.rollback()
                raise ReaderError(f"cannot update the search index {self.path}: {error}") from None
            except BaseException:
                self._connection.rollback()  # e.g. a text file that cannot be read: this chunk is not committed
                raise

    def _update(self, documents: Iterable["Document"], total: int, progress: Progress | None, should_stop: ShouldStop | None) -> IndexUpdate:
        db = self._connection
        known = {row[0]: (row[1], tuple(row[2:])) for row in db.execute("SELECT id, num, title, perspective, language, date, sha256 FROM documents")}
        added: list[str] = []
        changed: list[str] = []
        seen: set[str] = set()
        unchanged = done = 0
        if progress:
            progress(0, total)
        for document in documents:
            if should_stop and should_stop():
                db.commit()
                return IndexUpdate(tuple(added), tuple(changed), (), unchanged, cancelled=True)
            meta = document.metadata
            row = (document.title, meta.perspective, meta.language, meta.date, text_sha256(document.text))
            previous = known.get(document.id)
            if previous is None:
                cursor = db.execute(
                    "INSERT INTO documents (id, title, perspective, language, date, sha256, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (document.id, *row, document.text),
                )
                db.execute("INSERT INTO documents_fts (rowid, body) VALUES (?, ?)", (cursor.lastrowid, index_form(document.text)))
                known[document.id] = (cursor.lastrowid, row)
                added.append(document.id)
            elif previous[1] != row:
                num = previous[0]
                if previous[1][-1] != row[-1]:  # the text changed, not only the metadata
                    (old_text,) = db.execute("SELECT text FROM documents WHERE num = ?", (num,)).fetchone()
                    db.execute("INSERT INTO documents_fts (documents_fts, rowid, body) VALUES ('delete', ?, ?)", (num, index_form(old_text)))
                    db.execute("INSERT INTO documents_fts (rowid, body) VALUES (?, ?)", (num, index_form(document.text)))
                db.execute(
                    "UPDATE documents SET title = ?, perspective = ?, language = ?, date = ?, sha256 = ?, text = ? WHERE num = ?",
                    (*row, document.text, num),
                )
                known[document.id] = (num, row)
                if document.id not in seen and document.id not in added:
                    changed.append(document.id)
            elif document.id not in seen:
                unchanged += 1
            seen.add(document.id)
            done += 1
            if done % COMMIT_EVERY == 0:
                db.commit()
                if progress:
                    progress(done, total)
        removed = sorted(set(known) - seen)
        for doc_id in removed:
            num = known[doc_id][0]
            (old_text,) = db.execute("SELECT text FROM documents WHERE num = ?", (num,)).fetchone()
            db.execute("INSERT INTO documents_fts (documents_fts, rowid, body) VALUES ('delete', ?, ?)", (num, index_form(old_text)))
            db.execute("DELETE FROM documents WHERE num = ?", (num,))
        db.commit()
        if progress and done % COMMIT_EVERY:
            progress(done, total)
        return IndexUpdate(tuple(added), tuple(changed), tuple(removed), unchanged)

    def search(
        self,
        query: str | Query,
        perspectives: Iterable[str] | None = None,
        languages: Iterable[str] | None = None,
        date_from: str = "",
        date_to: str = "",
        limit: int | None = None,
        width: int = 60,
    ) -> SearchResults:
        """Hits of `query` (see search_query for the syntax) with `width` code points of context each side.

        Filters work as in the corpus browser: None means any; an undated document passes no date bound.
        """
        parsed = parse_query(query) if isinstance(query, str) else query
        hits: list[SearchHit] = []
        with self._lock:
            for num, doc_id in self._candidates(parsed, perspectives, languages, date_from, date_to):
                (text,) = self._connection.execute("SELECT text FROM documents WHERE num = ?", (num,)).fetchone()
                hits.extend(find_hits(doc_id, text, parsed, width))
                if limit is not None and len(hits) > limit:
                    return SearchResults(tuple(hits[:limit]), truncated=True)
        return SearchResults(tuple(hits))

    def _candidates(
        self, query: Query, perspectives: Iterable[str] | None, languages: Iterable[str] | None, date_from: str, date_to: str
    ) -> list[tuple[int, str]]:
        """(num, id) of the documents FTS5 matches and the filters pass, by id."""
        sql = "SELECT num, id FROM documents WHERE num IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
        params: list[object] = [query.fts()]
        for column, values in (("perspective", perspectives), ("language", languages)):
            if values is not None:
                values = list(values)
                sql += f" AND {column} IN ({', '.join('?' * len(values))})" if values else " AND 0"
                params.extend(values)
        if date_from:
            sql += " AND date != '' AND date >= ?"
            params.append(date_from)
        if date_to:
            sql += " AND date != '' AND date <= ?"
            params.append(date_to)
        try:
            return self._connection.execute(sql + " ORDER BY id", params).fetchall()
        except sqlite3.OperationalError as error:
            raise ReaderError(f"cannot search for {query.text!r}: {error}") from None
