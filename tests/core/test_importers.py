"""Reading text files: every encoding the reader promises, and clear errors for the rest."""

from __future__ import annotations

import codecs
import os

import pytest
from hypothesis import given, settings, strategies as st

from reader.core.errors import UnreadableFileError
from reader.core.importers import decode_bytes, document_from_file, guess_language, read_text_file

RUSSIAN = (
    "Стороны договорились о восстановлении железнодорожного сообщения между Хасаном и Раджином "
    "и о соединении Транскорейской магистрали с Транссибирской.\n"
    "Россия и КНДР подтвердили уважение суверенитета, территориальной целостности и невмешательства "
    "во внутренние дела друг друга.\n"
)
KOREAN = (
    "조선민주주의인민공화국과 로씨야련방은 라선과 하산을 잇는 철도 련결 사업을 적극 추진하기로 합의하였다.\n"
    "쌍방은 나라의 자주권과 령토완정을 존중하고 내정에 간섭하지 않는 원칙을 재확인하였다.\n"
)
ENGLISH = "The\u00a0two leaders discussed the \u201crailway link\u201d \u2013 Khasan\u2013Rajin \U0001F686.\n"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ENGLISH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + ENGLISH.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_unicode_files_decode_exactly_and_drop_the_bom(tmp_path, data, encoding):
    decoded = read_text_file(write(tmp_path, "doc.txt", data))
    assert decoded.text == ENGLISH  # NBSP, curly quotes, dashes and emoji untouched, no BOM
    assert decoded.encoding == encoding


def test_utf16_without_bom_is_recognised_by_its_zero_bytes(tmp_path):
    assert read_text_file(write(tmp_path, "le.txt", RUSSIAN.encode("utf-16-le"))).text == RUSSIAN
    assert read_text_file(write(tmp_path, "be.txt", KOREAN.encode("utf-16-be"))).text == KOREAN


def test_windows_1251_russian(tmp_path):
    decoded = read_text_file(write(tmp_path, "ru.txt", RUSSIAN.encode("cp1251")))
    assert decoded.text == RUSSIAN
    assert decoded.encoding == "cp1251"


@pytest.mark.parametrize("encoding", ["euc-kr", "cp949"])
def test_korean_legacy_encodings(tmp_path, encoding):
    decoded = read_text_file(write(tmp_path, "ko.txt", KOREAN.encode(encoding)))
    assert decoded.text == KOREAN


def test_newlines_are_normalised_and_nothing_else(tmp_path):
    data = "one\r\ntwo\rthree\n\u00a0four\u2019s".encode("utf-8")
    assert read_text_file(write(tmp_path, "nl.txt", data)).text == "one\ntwo\nthree\n\u00a0four\u2019s"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        b"%PDF-1.7\n" + bytes(range(256)) * 8,
        b"PK\x03\x04" + os.urandom(2000),
        b"\x00\x01\x02\x03hello\x00\x00\x00\xff\xfe" * 300,
    ],
    ids=["png", "pdf", "zip", "nul-bytes"],
)
def test_binary_files_are_refused_with_the_path(tmp_path, data):
    path = write(tmp_path, "blob.dat", data)
    with pytest.raises(UnreadableFileError) as caught:
        read_text_file(path)
    assert str(path) in str(caught.value) and "binary" in str(caught.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(UnreadableFileError, match="no such file"):
        read_text_file(tmp_path / "absent.txt")
    with pytest.raises(UnreadableFileError, match="folder"):
        read_text_file(tmp_path)


def test_empty_file_is_an_empty_text(tmp_path):
    decoded = read_text_file(write(tmp_path, "empty.txt", b""))
    assert (decoded.text, decoded.encoding) == ("", "utf-8")


def test_document_from_file_has_a_stable_id_title_and_language(tmp_path):
    path = write(tmp_path, "Moscow Declaration (draft).txt", RUSSIAN.encode("cp1251"))
    first, second = document_from_file(path), document_from_file(path)
    assert first.id == second.id and first.id.startswith("file-moscow-declaration-draft-")
    assert first.title == "Moscow Declaration (draft).txt"
    assert first.metadata.language == "ru" and first.encoding == "cp1251"
    assert first.path == path.resolve()


def test_language_guess_by_script():
    assert guess_language(RUSSIAN) == "ru"
    assert guess_language(KOREAN) == "ko"
    assert guess_language(ENGLISH) == "en"
    assert guess_language("12345 — 678") == ""


@settings(max_examples=300, deadline=None)
@given(
    # Any text but U+0000, which makes a file binary by definition (and UTF-8 "a\0b\0" *is* UTF-16).
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"), max_size=300),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_any_unicode_text_round_trips(text, encoding):
    try:
        decoded = decode_bytes(text.encode(encoding), "round-trip")
    except UnreadableFileError as error:
        assert "binary" in str(error)  # mostly control characters: the one allowed refusal
        return
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    if encoding == "utf-8" and expected.startswith("\ufeff"):
        expected = expected[1:]  # in plain UTF-8 a leading U+FEFF *is* the byte-order mark
    assert decoded.text == expected
