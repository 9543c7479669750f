"""The user corpus: imports stored in the user data folder, a valid manifest, unique ids, batches that go on after a failure."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from reader.core import durable, user_corpus
from reader.core.corpus import Corpus, CorpusEntry, DocumentMetadata, load_manifest
from reader.core.document_import import read_for_import
from reader.core.errors import CorpusWriteError, ManifestError, MetadataError, ReaderError, UnknownDocumentError
from reader.core.paths import BUNDLED_CORPUS_DIR, SCHEMAS_DIR, user_data_dir
from reader.core.user_corpus import (
    add_imported,
    combined_corpus,
    import_document,
    import_documents,
    normalise_overrides,
    remove_document,
    user_corpus_dir,
    user_manifest_path,
)
from tests.core.import_samples import ARTICLE, CHROME, ENGLISH, KOREAN, RUSSIAN, article_page, word_file


def files_under(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def validate_against_schema(manifest: Path) -> dict:
    data = json.loads(manifest.read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS_DIR / "corpus-manifest.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    return data


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "herald.html").write_text(article_page(), encoding="utf-8")
    (folder / "заявление.txt").write_bytes((RUSSIAN + "\n").encode("cp1251"))
    word_file(folder / "three.docx", [ENGLISH, RUSSIAN, KOREAN], title="Three languages")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    return folder


def test_an_imported_page_is_stored_as_text_with_a_valid_manifest(sources, private_user_dirs):
    entry = import_document(sources / "herald.html", {"perspective": "western-media", "place": "Moscow"})
    assert entry.id == "user-putin-and-kim-sign-the-moscow-declaration-2001-08-04"
    assert entry.title == "Putin and Kim sign the Moscow Declaration"
    assert entry.metadata == DocumentMetadata("Example Herald", "western-media", "2001-08-04", "Moscow", "en")
    assert entry.path == user_corpus_dir() / f"{entry.id}.txt"
    assert user_corpus_dir().is_relative_to(private_user_dirs)
    stored = entry.path.read_text(encoding="utf-8")
    assert all(sentence in stored for sentence in ARTICLE) and not any(junk in stored for junk in CHROME)
    data = validate_against_schema(user_manifest_path())
    assert data["documents"][0]["source_file"] == str((sources / "herald.html").resolve())
    assert load_manifest(user_manifest_path()) == [entry]


def test_the_combined_corpus_lists_bundled_then_imported_documents_with_their_text(sources):
    imported = read_for_import(sources / "заявление.txt")
    entry = add_imported(imported)
    corpus = combined_corpus()
    bundled_ids = [e.id for e in Corpus.bundled()]
    assert [e.id for e in corpus] == [*bundled_ids, entry.id]
    assert corpus.entry(entry.id) == entry
    document = corpus.document(entry.id)
    assert document.text == imported.text == RUSSIAN + "\n"  # stored as UTF-8, read back unchanged
    assert document.metadata.language == "ru" and document.metadata.date == "" and document.metadata.perspective == ""
    assert entry.id == "user-zayavlenie"
    row = validate_against_schema(user_manifest_path())["documents"][0]
    assert (row["date"], row["perspective"], row["outlet"], row["place"], row["language"]) == (None, None, None, None, "ru")


def test_importing_the_same_file_twice_gives_two_ids_and_overwrites_nothing(sources):
    first = import_document(sources / "three.docx")
    first_text = first.path.read_bytes()
    second = import_document(sources / "three.docx")
    (user_corpus_dir() / "user-three-languages-3.txt").write_text("a stray file", encoding="utf-8")
    third = import_document(sources / "three.docx")
    assert [first.id, second.id, third.id] == ["user-three-languages", "user-three-languages-2", "user-three-languages-4"]
    assert first.path.read_bytes() == first_text
    assert (user_corpus_dir() / "user-three-languages-3.txt").read_text(encoding="utf-8") == "a stray file"
    ids = [e.id for e in combined_corpus()]
    assert len(ids) == len(set(ids)) == len(Corpus.bundled()) + 3


def test_ids_never_meet_bundled_ids(sources):
    bundled = Corpus.bundled()
    entry = import_document(sources / "заявление.txt", {"title": "kremlin 2001-08-04", "date": "2001-08-04"})
    assert entry.id not in bundled and entry.id == "user-kremlin-2001-08-04"
    assert [e.id for e in Corpus.combined(bundled, Corpus([CorpusEntry("kremlin-2001-08-04", "Impostor", entry.path, entry.metadata)]))] == [
        e.id for e in bundled
    ]
    assert combined_corpus().entry("kremlin-2001-08-04").title != "Impostor"


def test_nothing_is_written_outside_the_private_user_folders(sources, tmp_path, private_user_dirs):
    before, bundled_before = files_under(tmp_path), files_under(BUNDLED_CORPUS_DIR)
    outcomes = import_documents(sorted(sources.iterdir()))
    assert files_under(BUNDLED_CORPUS_DIR) == bundled_before
    assert [outcome.ok for outcome in outcomes] == [False, True, True, True]
    after = files_under(tmp_path)
    assert {path: data for path, data in after.items() if not path.is_relative_to(private_user_dirs)} == before
    written = [path for path in after if path not in before]
    assert written and all(path.is_relative_to(private_user_dirs) for path in written)
    assert not any(name.endswith(".tmp") for name in os.listdir(user_corpus_dir()))


def test_a_batch_goes_on_after_a_failure_and_reports_progress(sources):
    calls: list[tuple[int, int]] = []
    paths = [sources / "broken.pdf", sources / "herald.html", sources / "missing.txt", sources / "three.docx"]
    outcomes = import_documents(paths, {"perspective": "Other media"}, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert [outcome.path for outcome in outcomes] == paths
    assert [outcome.ok for outcome in outcomes] == [False, True, False, True]
    assert outcomes[0].entry is None and outcomes[0].error.startswith(str((sources / "broken.pdf").resolve()))
    assert "not a readable PDF" in outcomes[0].error and "no such file" in outcomes[2].error
    assert all(outcome.entry.metadata.perspective == "other-media" for outcome in outcomes if outcome.ok)
    assert [e.id for e in user_corpus.user_corpus()] == [outcomes[1].entry.id, outcomes[3].entry.id]


def test_a_batch_can_be_stopped_between_files(sources):
    done: list[int] = []
    outcomes = import_documents(
        [sources / "herald.html", sources / "three.docx"], progress=lambda n, total: done.append(n), should_stop=lambda: bool(done)
    )
    assert len(outcomes) == 1 and outcomes[0].ok and done == [1]


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"date": "4 August 2001"}, "YYYY-MM-DD"),
        ({"date": "2001-02-30"}, "YYYY-MM-DD"),
        ({"perspective": "Российские СМИ"}, "lower-case"),
        ({"language": "russian"}, "language code"),
        ({"colour": "red"}, "unknown metadata field"),
    ],
)
def test_malformed_overrides_are_refused_before_anything_is_written(sources, overrides, words):
    with pytest.raises(MetadataError) as caught:
        import_documents([sources / "herald.html"], overrides)
    assert words in str(caught.value)
    assert not user_manifest_path().exists()


def test_overrides_are_normalised():
    given = {"title": "  A  title ", "perspective": "DPRK official", "language": "KO", "date": "2020-07-19", "place": None, "outlet": ""}
    assert normalise_overrides(given) == {"title": "A title", "perspective": "dprk-official", "language": "ko", "date": "2020-07-19", "outlet": ""}
    assert normalise_overrides({"perspective": "Local press", "language": "en-GB"}) == {"perspective": "local-press", "language": "en-GB"}


def test_remove_document_takes_out_the_entry_and_its_text(sources):
    kept = import_document(sources / "herald.html")
    removed = import_document(sources / "three.docx")
    remove_document(removed.id)
    assert not removed.path.exists() and kept.path.exists()
    assert [e.id for e in user_corpus.user_corpus()] == [kept.id]
    validate_against_schema(user_manifest_path())
    with pytest.raises(UnknownDocumentError, match=removed.id):
        remove_document(removed.id)
    with pytest.raises(UnknownDocumentError, match="kremlin-2001-08-04"):
        remove_document("kremlin-2001-08-04")
    assert "kremlin-2001-08-04" in combined_corpus()


def test_an_entry_whose_text_was_deleted_can_still_be_removed(sources):
    entry = import_document(sources / "herald.html")
    entry.path.unlink()
    with pytest.raises(ManifestError, match="does not exist"):
        user_corpus.user_corpus()
    remove_document(entry.id)
    assert len(user_corpus.user_corpus()) == 0


def test_a_broken_user_manifest_is_reported_and_never_overwritten(sources):
    user_corpus_dir().mkdir(parents=True)
    user_manifest_path().write_text('{"format": "parallel-reader/corpus", "version": 1, "documents": [', encoding="utf-8")
    broken = user_manifest_path().read_bytes()
    with pytest.raises(ManifestError) as caught:
        import_document(sources / "herald.html")
    assert str(user_manifest_path()) in str(caught.value)
    assert user_manifest_path().read_bytes() == broken
    assert [p.name for p in user_corpus_dir().glob("*.txt")] == []
    reported: list[ReaderError] = []
    corpus = combined_corpus(on_error=reported.append)
    assert [e.id for e in corpus] == [e.id for e in Corpus.bundled()] and len(reported) == 1
    with pytest.raises(ManifestError):
        combined_corpus()


def test_a_failed_manifest_write_leaves_the_old_manifest_and_no_text(sources, monkeypatch):
    first = import_document(sources / "herald.html")
    before = user_manifest_path().read_bytes()
    real_replace = os.replace

    def failing_replace(source, target):
        if Path(target).name == "manifest.json":
            raise OSError(28, "No space left on device")
        return real_replace(source, target)

    with monkeypatch.context() as patched, pytest.raises(CorpusWriteError, match="No space left on device"):
        patched.setattr(durable.os, "replace", failing_replace)
        import_document(sources / "three.docx")
    assert user_manifest_path().read_bytes() == before
    assert sorted(p.name for p in user_corpus_dir().iterdir() if not p.name.startswith(".")) == ["manifest.json", f"{first.id}.txt"]
    assert not list(user_corpus_dir().glob("*.tmp")) and not list(user_corpus_dir().glob(".*.tmp"))


def test_the_user_corpus_is_empty_before_the_first_import():
    assert len(user_corpus.user_corpus()) == 0
    assert not (user_data_dir() / "corpus").exists()
    assert [e.id for e in combined_corpus()] == [e.id for e in Corpus.bundled()]


def test_a_lost_text_file_hides_only_its_own_document(tmp_path):
    from reader.core.user_corpus import combined_corpus, import_document, user_corpus_dir

    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("The railway link.", encoding="utf-8")
    second.write_text("Sovereignty.", encoding="utf-8")
    kept, lost = import_document(first), import_document(second)
    (user_corpus_dir() / lost.path.name).unlink()
    problems = []
    corpus = combined_corpus(on_error=problems.append)
    assert kept.id in corpus and lost.id not in corpus and "kremlin-2001-08-04" in corpus
    assert len(problems) == 1 and "second" in str(problems[0]) and "text file is gone" in str(problems[0])
