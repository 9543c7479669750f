"""Lesson handouts as PDF: real text in three scripts, a header on every page, and clear errors."""

from __future__ import annotations

import unicodedata

import pytest
from pypdf import PdfReader

from reader.core.annotations import Lesson
from reader.core.corpus import Corpus, Document, DocumentMetadata
from reader.core.errors import ReaderError
from reader.core.handout import build_handout, corpus_lookup
from reader.core.lessons import new_passage
from reader.core.themes import load_themes
from reader.ui.handout_pdf import write_handout_pdf

LESSON_NAME = "Railways in 2000 — Железная дорога, 철도"
RUSSIAN = Document(
    "ru-railway",
    "Пример текста о дороге",
    "Железнодорожное сообщение между Россией и Кореей будет восстановлено. Стороны подтвердили уважение суверенитета.",
    DocumentMetadata(outlet="Образец", perspective="russian-official", date="2001-08-04", place="Москва", language="ru"),
)
KOREAN = Document(
    "ko-railway",
    "철도 예문",
    "김정일 위원장은 철도로 모스크바에 도착하였다. 조선과 로씨야사이의 철도련결을 위한 협력을 강화하기로 하였다.",
    DocumentMetadata(outlet="예문 모음", perspective="dprk-official", date="2001-08-05", place="평양", language="ko"),
)


def normalised(text: str) -> str:
    """PDF text with ligatures undone and every run of white space made one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def whole(document: Document):
    return new_passage(document.iri, document.text, 0, len(document.text), f"In {document.metadata.language}")


@pytest.fixture
def lesson_groups(qapp):
    corpus = Corpus.bundled()
    kremlin, dprk = corpus.document("kremlin-2000-07-19"), corpus.document("dprk-2020-07-19")
    passages = (
        new_passage(kremlin.iri, kremlin.text, 0, len(kremlin.text), "The whole Kremlin text"),  # long: several pages
        whole(RUSSIAN),
        whole(KOREAN),
        new_passage(dprk.iri, dprk.text, 0, 700, "The DPRK account"),
    )
    return build_handout(Lesson("urn:uuid:lesson", LESSON_NAME, passages), corpus_lookup(corpus, [RUSSIAN, KOREAN]), load_themes())


def test_the_pdf_has_the_passages_in_three_scripts_and_a_header_on_every_page(tmp_path, lesson_groups):
    path = tmp_path / "handout.pdf"
    pages = write_handout_pdf(path, LESSON_NAME, lesson_groups, side_by_side=True)
    reader = PdfReader(path)
    assert pages == len(reader.pages) >= 2
    texts = [normalised(page.extract_text()) for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        assert text.startswith(normalised(LESSON_NAME)), f"page {number} has no header"
        assert f"page {number} of {pages}" in text
    everything = " ".join(texts)
    for phrase in (
        "we could jointly build a railway line",  # English, from the Kremlin text
        "Historic Milestone for Development of DPRK-Russia",
        "Железнодорожное сообщение между Россией и Кореей",
        "Пример текста о дороге",
        "철도로 모스크바에 도착하였다",
        "철도 예문",
        "The DPRK account",
        "19 July 2000",
    ):
        assert normalised(phrase) in everything, phrase
    assert reader.metadata.title == LESSON_NAME


def test_a_pdf_that_cannot_be_written_names_its_path(tmp_path, lesson_groups):
    folder = tmp_path / "handouts"
    folder.mkdir()
    with pytest.raises(ReaderError, match="no such folder"):
        write_handout_pdf(folder / "no such folder" / "handout.pdf", LESSON_NAME, lesson_groups)
    with pytest.raises(ReaderError, match=str(folder)):
        write_handout_pdf(folder, LESSON_NAME, lesson_groups)  # a folder, not a file
    assert list(folder.iterdir()) == [] and not list(tmp_path.glob(".*.tmp")), "no scratch file is left behind"


def test_an_existing_file_is_replaced_whole(tmp_path, lesson_groups):
    folder = tmp_path / "handouts"
    folder.mkdir()
    path = folder / "handout.pdf"
    path.write_bytes(b"old")
    write_handout_pdf(path, LESSON_NAME, lesson_groups[:1])
    assert path.read_bytes().startswith(b"%PDF") and [p.name for p in folder.iterdir()] == ["handout.pdf"]


def test_the_pdf_can_be_written_on_a_worker_thread(tmp_path, lesson_groups):
    from PySide6.QtCore import QRunnable, QThreadPool

    results: list[int] = []

    class Export(QRunnable):
        def run(self) -> None:
            results.append(write_handout_pdf(tmp_path / "handout.pdf", LESSON_NAME, lesson_groups))

    QThreadPool.globalInstance().start(Export())
    QThreadPool.globalInstance().waitForDone()
    assert results and results[0] == len(PdfReader(tmp_path / "handout.pdf").pages)
