"""The bundled corpus and manifest loading: metadata, texts, filters and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.corpus import Corpus, load_manifest
from reader.core.errors import ManifestError
from reader.core.paths import BUNDLED_CORPUS_DIR

BUNDLED = [
    ("kremlin-2001-08-04", "Kremlin (President of Russia)", "russian-official", "2001-08-04", "Moscow", "000_1e7e9343aa2536f3.txt"),
    ("kremlin-2000-07-19", "Kremlin (President of Russia)", "russian-official", "2000-07-19", "Pyongyang", "001_fcc317b584e695b0.txt"),
    ("dprk-2020-07-19", "DPRK Foreign Affairs (repost)", "dprk-official", "2020-07-19", "", "002_45c24db9844f6b3c.txt"),
    ("tanjug-2024-06-19", "Tanjug", "other-media", "2024-06-19", "Pyongyang", "003_ebf00b4595f9b8e6.txt"),
    ("voa-2002-08-23", "Voice of America", "western-media", "2002-08-23", "Vladivostok", "004_03b63bd73365df22.txt"),
]
TITLES = {
    "kremlin-2001-08-04": "Russian President Vladimir Putin held talks with his visiting North Korean counterpart, Kim Jong Il",
    "kremlin-2000-07-19": "Replies to Russian Journalists\u2019 Questions About Talks with Kim Jong-il, Chairman of the "
    "Defence Committee of the Democratic People\u2019s Republic of Korea",
    "dprk-2020-07-19": "Historic Milestone for Development of DPRK-Russia Friendly Relations In New Century",
    "tanjug-2024-06-19": "You have our unreserved support!",
    "voa-2002-08-23": "Russian, North Korean Leaders Meet in Vladivostok - 2002-08-23",
}


def ids(entries) -> list[str]:
    return [entry.id for entry in entries]


def test_bundled_corpus_lists_five_documents_with_their_metadata():
    corpus = Corpus.bundled()
    rows = [
        (e.id, e.metadata.outlet, e.metadata.perspective, e.metadata.date, e.metadata.place, e.metadata.seed)
        for e in corpus
    ]
    assert rows == BUNDLED
    assert {e.id: e.title for e in corpus} == TITLES
    assert {e.metadata.language for e in corpus} == {"en"}
    assert all(e.path == BUNDLED_CORPUS_DIR / f"{e.id}.txt" for e in corpus)
    manifest = json.loads((BUNDLED_CORPUS_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"][2]["place"] is None


@pytest.mark.parametrize("doc_id", TITLES)
def test_document_text_is_the_file_content(doc_id):
    document = Corpus.bundled().document(doc_id)
    assert document.text == (BUNDLED_CORPUS_DIR / f"{doc_id}.txt").read_bytes().decode("utf-8")
    assert document.title == TITLES[doc_id]
    assert document.iri == f"urn:parallel-reader:doc:{doc_id}"


def test_filters_by_text_perspective_language_and_dates():
    corpus = Corpus.bundled()
    assert ids(corpus.filter(text="KREMLIN")) == ["kremlin-2001-08-04", "kremlin-2000-07-19"]
    assert ids(corpus.filter(text="pyongyang")) == ["kremlin-2000-07-19", "tanjug-2024-06-19"]
    assert ids(corpus.filter(text="vladivostok")) == ["voa-2002-08-23"]
    assert ids(corpus.filter(text="no such words")) == []
    assert ids(corpus.filter(perspectives=["russian-official"])) == ["kremlin-2001-08-04", "kremlin-2000-07-19"]
    assert ids(corpus.filter(perspectives=["dprk-official", "western-media"])) == ["dprk-2020-07-19", "voa-2002-08-23"]
    assert len(corpus.filter(languages=["en"])) == 5
    assert corpus.filter(languages=["ko", "ru"]) == []
    assert ids(corpus.filter(date_from="2000-07-19", date_to="2001-12-31")) == ["kremlin-2001-08-04", "kremlin-2000-07-19"]
    assert ids(corpus.filter(date_from="2020-01-01")) == ["dprk-2020-07-19", "tanjug-2024-06-19"]
    assert ids(corpus.filter(text="pyongyang", date_to="2010-01-01")) == ["kremlin-2000-07-19"]
    assert corpus.perspectives() == ["dprk-official", "other-media", "russian-official", "western-media"]


def write_corpus(folder: Path, change=None) -> Path:
    """A small valid corpus in folder (two texts and a manifest), optionally changed."""
    folder.mkdir(parents=True, exist_ok=True)
    documents = []
    for index, doc_id in enumerate(("first-doc", "second-doc")):
        (folder / f"{doc_id}.txt").write_text(f"Text {index}\n", encoding="utf-8")
        documents.append(
            {"id": doc_id, "title": f"Title {index}", "path": f"{doc_id}.txt", "outlet": "Outlet",
             "perspective": "other-media", "date": "2001-08-04", "place": None, "language": "en"}
        )
    data = {"format": "parallel-reader/corpus", "version": 1, "documents": documents}
    if change:
        change(data)
    path = folder / "manifest.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_small_valid_manifest_loads(tmp_path):
    entries = load_manifest(write_corpus(tmp_path))
    assert ids(entries) == ["first-doc", "second-doc"]
    assert entries[0].metadata.place == ""


BROKEN = {
    "missing perspective": (lambda d: d["documents"][1].pop("perspective"), "documents[1].perspective", "missing"),
    "bad date": (lambda d: d["documents"][0].update(date="2001-13-45"), "documents[0].date", "2001-13-45"),
    "missing text file": (lambda d: d["documents"][1].update(path="gone.txt"), "documents[1].path", "gone.txt"),
    "duplicate id": (lambda d: d["documents"][1].update(id="first-doc"), "documents[1].id", "duplicate"),
    "wrong format": (lambda d: d.update(format="parallel-reader/annotations"), "format", "parallel-reader/corpus"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_manifest_names_the_file_and_the_field(tmp_path, name):
    change, field, words = BROKEN[name]
    manifest = write_corpus(tmp_path, change)
    with pytest.raises(ManifestError) as caught:
        load_manifest(manifest)
    assert caught.value.field == field
    message = str(caught.value)
    assert message.startswith(f"{manifest}: {field}: ")
    assert words in message


def test_invalid_json_gives_line_and_column(tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text('{"format": "parallel-reader/corpus",\n  "version": 1,\n  "documents": [,]}', encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        Corpus.from_manifest(manifest)
    assert str(manifest) in str(caught.value)
    assert "line 3, column 17" in str(caught.value)


def test_non_utf8_manifest_is_refused_with_its_path(tmp_path):
    manifest = write_corpus(tmp_path, lambda d: d["documents"][0].update(title="Caf\u00e9"))
    manifest.write_bytes(manifest.read_text(encoding="utf-8").encode("latin-1"))
    with pytest.raises(ManifestError) as caught:
        load_manifest(manifest)
    assert str(caught.value) == f"{manifest}: the manifest is not UTF-8 text"


def test_missing_manifest_is_refused_with_its_path(tmp_path):
    manifest = tmp_path / "nowhere" / "manifest.json"
    with pytest.raises(ManifestError) as caught:
        load_manifest(manifest)
    assert str(caught.value).startswith(f"{manifest}: cannot read the manifest")
