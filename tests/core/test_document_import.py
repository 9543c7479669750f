"""Reading files for import: text in three encodings, Markdown as is, a web page's article only, Word and PDF text, clear errors."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from reader.core.document_import import IMPORT_SUFFIXES, ImportedText, read_for_import
from reader.core.errors import ReaderError, UnreadableFileError
from tests.core.import_samples import (
    ARTICLE,
    CHROME,
    ENGLISH,
    KOREAN,
    RUSSIAN,
    article_page,
    blank_pdf,
    simple_pdf,
    word_file,
)

RUSSIAN_TEXT = (
    "Стороны договорились о восстановлении железнодорожного сообщения между Хасаном и Раджином "
    "и о соединении Транскорейской магистрали с Транссибирской.\r\n"
    "Россия и КНДР подтвердили уважение суверенитета, территориальной целостности и невмешательства "
    "во внутренние дела друг друга.\r\n"
)
KOREAN_TEXT = (
    "조선민주주의인민공화국과 로씨야련방은 라선과 하산을 잇는 철도 련결 사업을 적극 추진하기로 합의하였다.\n"
    "쌍방은 나라의 자주권과 령토완정을 존중하고 내정에 간섭하지 않는 원칙을 재확인하였다.\n"
)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "text", "encoding", "codec", "language"),
    [
        ("statement.txt", "The\u00a0leaders met \u201cin private\u201d \u2013 twice.\n", "utf-8", "utf-8", "en"),
        ("заявление.txt", RUSSIAN_TEXT, "cp1251", "cp1251", "ru"),
        ("성명.text", KOREAN_TEXT, "euc_kr", "euc-kr", "ko"),
    ],
)
def test_text_files_are_decoded_and_kept_as_they_are(tmp_path, name, text, encoding, codec, language):
    imported = read_for_import(write(tmp_path, name, text.encode(encoding)))
    assert imported.text == text.replace("\r\n", "\n")  # newlines normalised, nothing else changed
    assert (imported.kind, imported.encoding, imported.metadata.language) == ("text", codec, language)
    assert imported.title == Path(name).stem
    assert (imported.metadata.perspective, imported.metadata.place, imported.metadata.outlet) == ("", "", "")


def test_a_date_in_the_file_name_is_guessed(tmp_path):
    imported = read_for_import(write(tmp_path, "kcna_statement_2024-06-19.txt", b"Text of the statement.\n"))
    assert imported.metadata.date == "2024-06-19"
    assert imported.title == "kcna statement 2024-06-19"
    assert read_for_import(write(tmp_path, "notes-2024-13-45.txt", b"Text.\n")).metadata.date == ""


def test_markdown_is_plain_text_and_its_heading_is_the_title(tmp_path):
    text = "# Railway *link* talks\n\nThe **railway** between [Khasan](http://x) and Rajin.\n\n- one\n- two\n"
    imported = read_for_import(write(tmp_path, "notes.md", text.encode("utf-8")))
    assert imported.text == text  # not rendered
    assert (imported.kind, imported.title) == ("markdown", "Railway *link* talks")


@pytest.mark.parametrize("charset", ["utf-8", "windows-1251"])
def test_a_web_page_keeps_only_its_article(tmp_path, charset):
    page = article_page(charset).replace("in Moscow with", "in Moscow (в Москве) with")
    imported = read_for_import(write(tmp_path, "herald.html", page.encode(charset)))
    for junk in CHROME:
        assert junk not in imported.text
    assert "в Москве" in imported.text
    paragraphs = imported.text.rstrip("\n").split("\n\n")
    assert paragraphs[0] == "Putin and Kim sign the Moscow Declaration"
    assert paragraphs[1:] == [sentence.replace("in Moscow with", "in Moscow (в Москве) with") for sentence in ARTICLE]
    assert imported.kind == "html" and imported.encoding == ("utf-8" if charset == "utf-8" else "cp1251")
    assert imported.title == "Putin and Kim sign the Moscow Declaration"
    assert (imported.metadata.outlet, imported.metadata.date, imported.metadata.language) == ("Example Herald", "2001-08-04", "en")


def test_a_page_without_stated_metadata_gets_only_guesses(tmp_path):
    page = "<html><body><div><p>" + "</p><p>".join([RUSSIAN, RUSSIAN.replace("Хасаном", "Москвой")]) + "</p></div><p>© 1999</p></body></html>"
    imported = read_for_import(write(tmp_path, "страница.htm", page.encode("cp1251")))
    assert RUSSIAN in imported.text
    assert imported.metadata.language == "ru"  # no <html lang>: guessed from the script
    assert imported.metadata.date == ""  # no date is made up from the copyright line
    assert imported.encoding == "cp1251"


def test_line_breaks_and_list_items_of_an_article_keep_their_own_lines(tmp_path):
    page = (
        '<html lang="ru-RU"><body><nav><a href="/">Главная страница сайта</a> <a href="/about">О нас</a></nav><article>'
        "<h1>Декларация</h1><p>Первая строка декларации,<br>вторая строка декларации о дружбе.</p>"
        "<p>Стороны договорились о следующем:</p><ul><li>восстановить железную дорогу Хасан — Раджин;</li>"
        "<li>уважать суверенитет друг друга.</li></ul>"
        "<p>Документ подписан в Москве обоими руководителями государств.</p></article></body></html>"
    )
    imported = read_for_import(write(tmp_path, "declaration.html", page.encode("utf-8")))
    assert imported.text == (
        "Декларация\n\nПервая строка декларации,\nвторая строка декларации о дружбе.\n\nСтороны договорились о следующем:\n\n"
        "восстановить железную дорогу Хасан — Раджин;\nуважать суверенитет друг друга.\n\n"
        "Документ подписан в Москве обоими руководителями государств.\n"
    )
    assert (imported.title, imported.metadata.language) == ("Декларация", "ru")


def test_a_page_with_no_article_is_refused(tmp_path):
    with pytest.raises(UnreadableFileError) as caught:
        read_for_import(write(tmp_path, "empty.html", b"<html><head><title>x</title></head><body><nav></nav></body></html>"))
    assert "empty.html" in str(caught.value) and "article" in str(caught.value)


def test_a_word_document_gives_its_paragraphs_and_properties(tmp_path):
    created = datetime(2002, 8, 23, 9, 0, tzinfo=timezone.utc)
    path = word_file(tmp_path / "trilingual.docx", [ENGLISH, RUSSIAN, KOREAN], title="Three languages", author="Example Agency", created=created)
    imported = read_for_import(path)
    assert imported.text == f"{ENGLISH}\n\n{RUSSIAN}\n\n{KOREAN}\n"
    assert (imported.kind, imported.title) == ("docx", "Three languages")
    assert (imported.metadata.outlet, imported.metadata.date) == ("Example Agency", "2002-08-23")


def test_a_word_document_without_properties_is_titled_by_its_name(tmp_path):
    imported = read_for_import(word_file(tmp_path / "railway_notes.docx", [RUSSIAN, RUSSIAN]))
    assert imported.title == "railway notes"
    assert (imported.metadata.outlet, imported.metadata.date, imported.metadata.language) == ("", "", "ru")


def test_a_pdf_gives_its_text_and_document_information(tmp_path):
    info = {"/Title": "Microsoft Word - Joint statement", "/Author": "Example Agency", "/CreationDate": "D:20000719120000+09'00'"}
    imported = read_for_import(simple_pdf(tmp_path / "statement.pdf", ["Joint statement of the two sides.", "The railway (Khasan-Rajin) will be restored."], info))
    assert imported.text == "Joint statement of the two sides.\nThe railway (Khasan-Rajin) will be restored.\n"
    assert (imported.kind, imported.title) == ("pdf", "Joint statement")
    assert (imported.metadata.outlet, imported.metadata.date, imported.metadata.language) == ("Example Agency", "2000-07-19", "en")


def test_a_pdf_encrypted_without_a_password_is_read(tmp_path):
    imported = read_for_import(simple_pdf(tmp_path / "restricted.pdf", ["Printing is restricted, reading is not."], password=""))
    assert imported.text == "Printing is restricted, reading is not.\n"


def test_a_pdf_encryption_that_cannot_be_undone_here_is_a_clear_error(tmp_path, monkeypatch):
    import pypdf

    def needs_cryptography(self, password):
        raise pypdf.errors.DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf.PdfReader, "decrypt", needs_cryptography)
    path = simple_pdf(tmp_path / "aes.pdf", ["Text."], password="")
    with pytest.raises(UnreadableFileError, match="not a readable PDF: it is encrypted in a way this installation cannot decrypt"):
        read_for_import(path)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda folder: write(folder, "broken.pdf", b"%PDF-1.4\n" + os.urandom(4000)), "not a readable PDF"),
        (lambda folder: write(folder, "cut.pdf", simple_pdf(folder / "whole.pdf", ["Some text."]).read_bytes()[:150]), "not a readable PDF"),
        (lambda folder: simple_pdf(folder / "locked.pdf", ["Secret text."], password="secret"), "password"),
        (lambda folder: blank_pdf(folder / "scan.pdf"), "has no text layer"),
        (lambda folder: write(folder, "fake.docx", b"PK\x03\x04" + os.urandom(2000)), "not a readable Word document"),
        (lambda folder: write(folder, "text.docx", b"just some text"), "not a readable Word document"),
        (lambda folder: write(folder, "photo.jpg", b"\xff\xd8\xff\xe0" + os.urandom(2000)), "files that can be imported"),
        (lambda folder: write(folder, "blob.txt", bytes(range(256)) * 8), "binary"),
        (lambda folder: write(folder, "empty.txt", b" \n\n"), "has no text"),
        (lambda folder: folder / "missing.pdf", "no such file"),
        (lambda folder: folder, "folder"),
    ],
)
def test_unreadable_files_get_one_clear_error_naming_the_file(tmp_path, make, words):
    path = make(tmp_path)
    with pytest.raises(ReaderError) as caught:
        read_for_import(path)
    message = str(caught.value)
    assert message.startswith(str(path.resolve())), message
    assert words in message
    assert "\n" not in message and "Traceback" not in message


def test_a_file_of_no_known_kind_is_read_when_it_is_text(tmp_path):
    imported = read_for_import(write(tmp_path, "notes.nfo", RUSSIAN.encode("utf-8")))
    assert isinstance(imported, ImportedText) and imported.text == RUSSIAN and imported.kind == "text"


def test_the_suffixes_a_file_dialog_offers():
    assert {".txt", ".md", ".html", ".htm", ".docx", ".pdf"} <= set(IMPORT_SUFFIXES)
