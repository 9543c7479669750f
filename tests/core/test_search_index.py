"""Full-text search across documents: the FTS5 index, the query syntax and keyword in context."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings, strategies as st

from reader.core.corpus import Document, DocumentMetadata
from reader.core.errors import ReaderError
from reader.core.paths import user_cache_dir
from reader.core.search_index import TOKENIZER, SearchIndex, default_index_path, text_sha256
from reader.core.search_query import flatten, index_form, parse_query

ENGLISH = (
    "Talks in Moscow\n\n"
    "The leaders agreed on the railway\u00a0link from Korea\u2019s ports to Europe. "
    "The Khasan\u2013Rajin line and other railways were discussed;\n"
    "a \u201crailway link\u201d is, in Pyongyang\u2019s words, a matter of sovereignty. Railroads too."
)
RUSSIAN = (
    "Переговоры в Пхеньяне\n\n"
    "Стороны обсудили восстановление железной\u00a0дороги Хасан \u2014 Раджин и строительство "
    "Транскорейской железной дороги. «Железная дорога» — символ объединённой Кореи.\n"
    "Железнодорожники обеих стран встретились."
)
KOREAN = (
    "평양 회담\n\n"
    "쌍방은 조선반도종단철도와 시베리아횡단철도를 련결하는 사업에 대하여 토의하였다. "
    "철도련결을 위한 협력은 중요하다.\n"
    "라선\u2013하산 철도 련결 사업도 언급되였다."
)


def document(doc_id: str, text: str, language: str, perspective: str, date: str, title: str = "") -> Document:
    return Document(doc_id, title or doc_id, text, DocumentMetadata(outlet="Test", perspective=perspective, date=date, language=language))


DOCUMENTS = [
    document("en-moscow", ENGLISH, "en", "western-media", "2001-08-04"),
    document("ru-pyongyang", RUSSIAN, "ru", "russian-official", "2000-07-19"),
    document("ko-pyongyang", KOREAN, "ko", "dprk-official", "2020-07-19"),
]
TEXTS = {doc.id: doc.text for doc in DOCUMENTS}


@pytest.fixture
def index():
    with SearchIndex() as search_index:
        search_index.update(DOCUMENTS)
        yield search_index


def matches(index: SearchIndex, query: str, **filters) -> list[tuple[str, str]]:
    """(document id, matched text) of every hit, checking each hit's offsets and context on the way."""
    found = []
    for hit in index.search(query, **filters):
        text = TEXTS[hit.doc_id]
        assert text[hit.start : hit.end] == hit.match
        assert hit.left == flatten(text[hit.start - len(hit.left) : hit.start])
        assert hit.right == flatten(text[hit.end : hit.end + len(hit.right)])
        found.append((hit.doc_id, hit.match))
    return found


def test_the_index_file_lives_in_the_private_cache_folder(private_user_dirs):
    with SearchIndex() as search_index:
        assert search_index.path == default_index_path() == user_cache_dir() / "search" / "index.sqlite"
        assert private_user_dirs in search_index.path.parents
        assert search_index.path.is_file()


def test_nbsp_inside_a_phrase_and_curly_quotes_around_it(index):
    assert matches(index, '"railway link"') == [("en-moscow", "railway\u00a0link"), ("en-moscow", "railway link")]
    assert matches(index, "\u201cKorea's ports\u201d") == [("en-moscow", "Korea\u2019s ports")]
    assert matches(index, "Pyongyang\u2019s") == [("en-moscow", "Pyongyang\u2019s")]


def test_a_hyphen_in_the_query_matches_dashes_in_the_text(index):
    assert matches(index, "Khasan-Rajin") == [("en-moscow", "Khasan\u2013Rajin")]
    assert matches(index, '"Хасан-Раджин"') == [("ru-pyongyang", "Хасан \u2014 Раджин")]
    assert matches(index, "라선-하산") == [("ko-pyongyang", "라선\u2013하산")]


def test_words_are_whole_words_and_ignore_case(index):
    assert matches(index, "RAILWAY") == [("en-moscow", "railway"), ("en-moscow", "railway")]
    assert [m for _, m in matches(index, "железной дороги")] == ["железной", "дороги", "железной", "дороги"]
    assert matches(index, "railway sovereignty Moscow") == [
        ("en-moscow", "Moscow"), ("en-moscow", "railway"), ("en-moscow", "railway"), ("en-moscow", "sovereignty"),
    ]
    assert matches(index, "railway nowhere") == []


def test_prefixes_in_three_languages(index):
    assert matches(index, "railw*") == [("en-moscow", "railway"), ("en-moscow", "railways"), ("en-moscow", "railway")]
    assert [m for _, m in matches(index, "железн*")] == ["железной", "железной", "Железная", "Железнодорожники"]
    assert matches(index, '"железной дор"*') == [("ru-pyongyang", "железной\u00a0дороги"), ("ru-pyongyang", "железной дороги")]
    assert matches(index, "련결*") == [("ko-pyongyang", "련결하는"), ("ko-pyongyang", "련결을"), ("ko-pyongyang", "련결")]


def test_korean_finds_nouns_with_particles_and_inside_compounds(index):
    assert [m for _, m in matches(index, "철도")] == ["철도", "철도", "철도", "철도"]
    hits = index.search("철도").hits
    assert [TEXTS["ko-pyongyang"][hit.end] for hit in hits] == ["와", "를", "련", " "]
    assert matches(index, "철도련결") == [("ko-pyongyang", "철도련결"), ("ko-pyongyang", "철도 련결")]
    assert matches(index, '"철도 련결"') == [("ko-pyongyang", "철도련결"), ("ko-pyongyang", "철도 련결")]


def test_yo_and_latin_accents_are_folded():
    texts = [document("a", "Символ объединённой Кореи. Un café à Séoul.", "ru", "other-media", "2001-01-01")]
    with SearchIndex() as search_index:
        search_index.update(texts)
        assert [h.match for h in search_index.search("объединенной")] == ["объединённой"]
        assert [h.match for h in search_index.search("ОБЪЕДИНЁННОЙ cafe seoul")] == ["объединённой", "café", "Séoul"]


def test_or_joins_two_terms(index):
    assert matches(index, "railroads OR Железнодорожники") == [("en-moscow", "Railroads"), ("ru-pyongyang", "Железнодорожники")]


def test_keyword_in_context_is_cut_at_spaces_with_line_breaks_flattened(index):
    (hit,) = index.search("Railroads", width=30).hits
    text = TEXTS["en-moscow"]
    assert (hit.left, hit.right) == ("a matter of sovereignty. ", " too.")  # the whole text after it: not cut
    (hit,) = index.search("discussed", width=20).hits
    assert (hit.left, hit.right) == ("other railways were ", "; a \u201crailway link\u201d")
    assert text[hit.end : hit.end + 3] == ";\na"  # the line break is shown as a space
    (first,) = index.search("Talks", width=30).hits
    assert (first.start, first.left, first.right) == (0, "", " in Moscow  The leaders agreed")


def test_filters_by_perspective_language_and_date(index):
    query = "railway OR железной OR 철도"
    assert {doc for doc, _ in matches(index, query)} == {"en-moscow", "ru-pyongyang", "ko-pyongyang"}
    assert {doc for doc, _ in matches(index, query, perspectives=["dprk-official", "western-media"])} == {"en-moscow", "ko-pyongyang"}
    assert {doc for doc, _ in matches(index, query, languages=["ru"])} == {"ru-pyongyang"}
    assert {doc for doc, _ in matches(index, query, date_from="2001-01-01")} == {"en-moscow", "ko-pyongyang"}
    assert {doc for doc, _ in matches(index, query, date_from="2000-01-01", date_to="2001-12-31")} == {"en-moscow", "ru-pyongyang"}
    assert matches(index, query, languages=[]) == []


def test_hits_are_sorted_by_document_then_offset_and_limited(index):
    hits = index.search("railway OR железной OR 철도").hits
    assert [(h.doc_id, h.start) for h in hits] == sorted((h.doc_id, h.start) for h in hits)
    assert [h.doc_id for h in hits][:1] == ["en-moscow"]
    limited = index.search("railway OR железной OR 철도", limit=3)
    assert limited.hits == hits[:3] and limited.truncated
    assert not index.search("railway", limit=2).truncated


def test_update_reports_added_changed_removed_and_reindexes(index):
    again = index.update(DOCUMENTS)
    assert (again.added, again.changed, again.removed, again.unchanged, again.any_change) == ((), (), (), 3, False)
    changed = document("en-moscow", ENGLISH.replace("Railroads", "Tramways"), "en", "western-media", "2001-08-04")
    retitled = document("ru-pyongyang", RUSSIAN, "ru", "russian-official", "2000-07-19", title="New title")
    new = document("en-extra", "Railroads across the Amur.", "en", "other-media", "2002-08-23")
    update = index.update([changed, retitled, new])
    assert (update.added, update.changed, update.removed) == (("en-extra",), ("en-moscow", "ru-pyongyang"), ("ko-pyongyang",))
    assert [h.doc_id for h in index.search("railroads")] == ["en-extra"]
    assert [h.doc_id for h in index.search("tramways")] == ["en-moscow"]
    assert index.search("철도").hits == ()
    assert index.ids() == ["en-extra", "en-moscow", "ru-pyongyang"]
    with sqlite3.connect(index.path) as db:
        assert db.execute("SELECT title, sha256 FROM documents WHERE id = 'ru-pyongyang'").fetchone() == ("New title", text_sha256(RUSSIAN))


def test_progress_and_cancelling_keep_what_was_done(monkeypatch):
    monkeypatch.setattr("reader.core.search_index.COMMIT_EVERY", 2)
    many = [document(f"doc-{n:02}", f"Railway number {n}.", "en", "other-media", "2001-01-01") for n in range(7)]
    seen: list[tuple[int, int]] = []
    with SearchIndex() as search_index:
        update = search_index.update(many, progress=lambda done, total: seen.append((done, total)))
        assert seen == [(0, 7), (2, 7), (4, 7), (6, 7), (7, 7)] and len(update.added) == 7
    asked = []
    with SearchIndex(user_cache_dir() / "other.sqlite") as search_index:
        update = search_index.update(iter(many), should_stop=lambda: len(asked) > 3 or asked.append(1))
        assert update.cancelled and update.added == tuple(doc.id for doc in many[:4]) and update.removed == ()
        assert len(search_index) == 4


def test_a_query_with_nothing_to_search_or_a_misplaced_star_is_one_clear_error(index):
    for query, words in (("", "no letters or digits"), ("--- \u00a0 \u201c\u201d", "no letters or digits"), ("*way", "end of a word"), ("rail*way", "end of a word")):
        with pytest.raises(ReaderError) as error:
            index.search(query)
        assert words in str(error.value) and "\n" not in str(error.value)


def test_words_that_are_fts5_syntax_are_plain_words(index):
    assert matches(index, "NEAR(railway AND link) NOT") == []
    assert [m for _, m in matches(index, '"railway link" AND')] == ["railway\u00a0link", "and", "railway link"]  # AND is a word
    assert matches(index, 'link OR') == []  # a dangling OR is the word "or"
    assert matches(index, "(railway) link: -sovereignty^") == [
        ("en-moscow", "railway"), ("en-moscow", "link"), ("en-moscow", "railway"), ("en-moscow", "link"), ("en-moscow", "sovereignty"),
    ]


def test_a_damaged_index_file_is_rebuilt():
    path = default_index_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    with SearchIndex() as search_index:
        assert len(search_index) == 0
        assert search_index.update(DOCUMENTS[:1]).added == ("en-moscow",)


# Characters that stress the tokenizer: separators of every kind, accents, ё, marks, three scripts.
ALPHABET = ["a", "b", "é", "E", "ё", "е", "д", "Д", "철", "도", "를", "1", "\u0301", " ", "\u00a0", "\n", "\u2013", "-", "\u2019", "'", ".", "_"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join), st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=8).map("".join), st.booleans())
def test_fts5_never_misses_a_document_the_exact_matcher_finds(text, words, prefix):
    try:
        query = parse_query(('"' + words + '"') + ("*" if prefix else ""))
    except ReaderError:
        return
    spans = query.spans(text)
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, content='', tokenize='{TOKENIZER}')")
    db.execute("INSERT INTO t (rowid, body) VALUES (1, ?)", (index_form(text),))
    found = db.execute("SELECT rowid FROM t WHERE t MATCH ?", (query.fts(),)).fetchall()
    if spans:
        assert found == [(1,)]
    assert all(start < end <= later for (start, end), (later, _) in zip(spans, spans[1:] + [(len(text), 0)]))


def test_a_document_that_cannot_be_read_is_skipped_and_named_and_the_rest_indexed(tmp_path):
    import json

    from reader.core.corpus import Corpus
    from reader.core.search_index import SearchIndex

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text("The railway link from Khasan to Rajin.", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    entries = [
        {"id": doc_id, "title": doc_id, "path": f"{doc_id}.txt", "outlet": None, "perspective": None, "date": None, "place": "", "language": "en"}
        for doc_id in ("good", "bad")
    ]
    (folder / "manifest.json").write_text(json.dumps({"format": "parallel-reader/corpus", "version": 1, "documents": entries}), encoding="utf-8")
    corpus = Corpus.from_manifest(folder / "manifest.json")
    with SearchIndex(tmp_path / "index.sqlite") as index:
        update = index.update_corpus(corpus)
        assert update.added == ("good",) and len(update.skipped) == 1 and "bad.txt" in update.skipped[0]
        assert [hit.match for hit in index.search("railway")] == ["railway"]
    assert corpus._texts == {}  # indexing reads the texts without keeping them
