"""Reading text files: every encoding the reader promises, and clear errors for the rest."""

from __future__ import annotations

import codecs
import os
import random
import re
import unicodedata
from pathlib import Path
from unittest import mock

import charset_normalizer
import pytest
from hypothesis import assume, given, settings, strategies as st

from reader.core import importers
from reader.core.errors import UnreadableFileError
from reader.core.importers import DecodedText, decode_bytes, document_from_file, guess_language, read_text_file

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
# Single short sentences: where charset-normalizer on its own most often guesses wrong.
SHORT_RUSSIAN = [
    "Путин прибыл в Пхеньян.",
    "ПРЕЗИДЕНТ РОССИИ",
    "Железная дорога свяжет Хасан и Раджин.",
    "Ёлка - это ель, а не сосна.",
    "Стороны выступили за сохранение Договора по ПРО.",
    "Беседа продолжалась три часа.",
    "ТАСС УПОЛНОМОЧЕН ЗАЯВИТЬ",
    "Независимость и равноправие государств.",
    "Объявление о съезде.",
    "Шесть щук шипели в шалаше.",
]
SHORT_KOREAN = [
    "조선민주주의인민공화국은 자주권을 지킬것이다.",
    "평양에서 회담이 진행되였다.",
    "로씨야련방 대통령이 평양을 방문하였다.",
    "김정일 동지께서 블라디보스또크에 도착하시였다.",
    "미싸일 발사는 자위적조치이다.",
    "철도",
]
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
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
        (codecs.BOM_UTF32_LE + ENGLISH.encode("utf-32-le"), "utf-32"),
        (codecs.BOM_UTF32_BE + ENGLISH.encode("utf-32-be"), "utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-le-bom", "utf-32-be-bom"],
)
def test_unicode_files_decode_exactly_and_drop_the_bom(tmp_path, data, encoding):
    decoded = read_text_file(write(tmp_path, "doc.txt", data))
    assert decoded == DecodedText(ENGLISH, encoding)  # NBSP, curly quotes, dashes and emoji kept, no BOM


def test_utf16_text_starting_with_u0000_is_not_taken_for_utf32():
    text = "\x00" + RUSSIAN  # FF FE 00 00 opens it, as it opens UTF-32 LE
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == DecodedText(text, "utf-16")


def test_utf16_without_bom_is_recognised_by_its_zero_bytes(tmp_path):
    assert read_text_file(write(tmp_path, "le.txt", RUSSIAN.encode("utf-16-le"))) == DecodedText(RUSSIAN, "utf-16-le")
    assert read_text_file(write(tmp_path, "be.txt", KOREAN.encode("utf-16-be"))) == DecodedText(KOREAN, "utf-16-be")


def test_utf8_cyrillic_is_not_taken_for_utf16():
    # Valid UTF-16 byte for byte, but without zero bytes nothing says it is.
    assert decode_bytes(RUSSIAN.encode("utf-8")) == DecodedText(RUSSIAN, "utf-8")


def test_windows_1251_russian(tmp_path):
    assert read_text_file(write(tmp_path, "ru.txt", RUSSIAN.encode("cp1251"))) == DecodedText(RUSSIAN, "cp1251")


@pytest.mark.parametrize("sentence", SHORT_RUSSIAN)
@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_one_short_russian_sentence_in_a_legacy_code_page(sentence, encoding):
    assert decode_bytes(sentence.encode(encoding)) == DecodedText(sentence, encoding)


def test_euc_kr_korean_with_dprk_spellings(tmp_path):
    assert read_text_file(write(tmp_path, "ko.txt", KOREAN.encode("euc-kr"))) == DecodedText(KOREAN, "euc-kr")


@pytest.mark.parametrize("sentence", SHORT_KOREAN)
def test_one_short_korean_sentence_in_euc_kr(sentence):
    assert decode_bytes(sentence.encode("euc-kr")) == DecodedText(sentence, "euc-kr")


def test_cp949_syllables_outside_euc_kr(tmp_path):
    text = "햏자는 똠방각하를 만났다. " + KOREAN  # 햏 and 똠 are not among EUC-KR's 2,350 syllables
    assert read_text_file(write(tmp_path, "ko.txt", text.encode("cp949"))) == DecodedText(text, "cp949")
    # EUC-KR spells them as 8-byte jamo sequences, which must come back as the syllables.
    assert decode_bytes(text.encode("euc-kr")) == DecodedText(text, "euc-kr")


def test_windows_1252_keeps_nbsp_curly_quotes_and_dashes():
    text = "Le caf\u00e9 \u00e9tait \u00ab\u00a0tr\u00e8s bon\u00a0\u00bb \u2013 \u201cindeed\u201d, 5\u00a0\u20ac.\n"
    assert decode_bytes(text.encode("cp1252")) == DecodedText(text, "cp1252")


@pytest.mark.parametrize(
    "sentence",
    ["Die Stra\u00dfe f\u00fchrt \u00fcber die Br\u00fccke.", "The price is 5 \u20ac.", "S\u00e3o Paulo \u00e9 grande."],
)
def test_one_short_western_sentence_in_windows_1252(sentence):
    assert decode_bytes(sentence.encode("cp1252")) == DecodedText(sentence, "cp1252")


def test_newlines_are_normalised_and_nothing_else(tmp_path):
    data = "one\r\ntwo\rthree\n\u00a0four\u2019s \u2014 e\u0301 \U0001F600\r\n\r\n".encode("utf-8")
    decoded = read_text_file(write(tmp_path, "nl.txt", data))
    assert decoded.text == "one\ntwo\nthree\n\u00a0four\u2019s \u2014 e\u0301 \U0001F600\n\n"


def test_newlines_are_normalised_in_legacy_and_utf16_files():
    assert decode_bytes("Мир\r\nдружба\rсоседство\r\n".encode("cp1251")).text == "Мир\nдружба\nсоседство\n"
    assert decode_bytes("철도\r\n련결\r".encode("utf-16")).text == "철도\n련결\n"


def test_utf8_cut_off_inside_its_last_character_stays_utf8():
    data = RUSSIAN.encode("utf-8") + "ж".encode("utf-8")[:1]
    assert decode_bytes(data) == DecodedText(RUSSIAN + "\ufffd", "utf-8")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(4000),
        b"%PDF-1.7\n" + bytes(range(256)) * 8,
        b"PK\x03\x04" + random.Random(2).randbytes(2000),
        b"\x7fELF\x02\x01\x01" + bytes(200),
        b"GIF89a" + random.Random(3).randbytes(500),
        b"\xff\xd8\xff\xe0" + random.Random(4).randbytes(500),
        b"\x00\x01\x02\x03hello\x00\x00\x00\xff\xfe" * 300,
        RUSSIAN.encode("utf-8")[:100] + b"\x00" + RUSSIAN.encode("utf-8"),
        b"abc\x01\x02\x03\x04\x05\x06def\x10\x11\x12\x13" * 100,
        random.Random(5).randbytes(5000),
    ],
    ids=["png", "pdf", "zip", "elf", "gif", "jpeg", "nul-bytes", "one-nul-in-utf8", "control-bytes", "random"],
)
def test_binary_files_are_refused_with_the_path(tmp_path, data):
    path = write(tmp_path, "blob.dat", data)
    with pytest.raises(UnreadableFileError) as caught:
        read_text_file(path)
    assert caught.value.path == str(path)
    assert str(path) in str(caught.value) and "binary file" in str(caught.value)


def test_a_png_is_named_as_such(tmp_path):
    with pytest.raises(UnreadableFileError, match=r"PNG image"):
        read_text_file(write(tmp_path, "picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(64)))


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(UnreadableFileError, match="no such file") as caught:
        read_text_file(tmp_path / "absent.txt")
    assert caught.value.path == str(tmp_path / "absent.txt")
    with pytest.raises(UnreadableFileError, match="this is a folder, not a file"):
        read_text_file(tmp_path)


def test_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", b"secret")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)  # chmod does not stop root, which runs CI here
    with pytest.raises(UnreadableFileError, match="permission denied") as caught:
        read_text_file(path)
    assert str(path) in str(caught.value)


def test_other_os_errors_give_their_reason(tmp_path, monkeypatch):
    path = write(tmp_path, "flaky.txt", b"text")

    def fail(self):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(UnreadableFileError, match=r"cannot read the file \(Input/output error\)"):
        read_text_file(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(UnreadableFileError, match="not a regular file"):
        read_text_file(tmp_path / "pipe")


def test_files_over_the_limit_are_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "MAX_FILE_BYTES", 1000)
    path = write(tmp_path, "huge.txt", b"a" * 1001)
    with pytest.raises(UnreadableFileError, match="too large.*200 MB"):
        read_text_file(path)
    assert read_text_file(write(tmp_path, "fits.txt", b"a" * 1000)).text == "a" * 1000


def test_empty_file_is_an_empty_text(tmp_path):
    assert read_text_file(write(tmp_path, "empty.txt", b"")) == DecodedText("", "utf-8")


def test_document_from_file_has_a_stable_id_title_and_metadata(tmp_path):
    path = write(tmp_path, "Moscow Declaration (draft).txt", RUSSIAN.encode("cp1251"))
    first, second = document_from_file(path), document_from_file(path)
    assert first.id == second.id
    assert re.fullmatch(r"file-moscow-declaration-draft-[0-9a-f]{8}", first.id)
    assert first.title == "Moscow Declaration (draft).txt"
    assert first.text == RUSSIAN and first.encoding == "cp1251"
    assert first.path == path.resolve()
    meta = first.metadata
    assert (meta.outlet, meta.perspective, meta.date, meta.place, meta.language) == ("", "", "", "", "ru")


def test_document_ids_differ_by_folder_and_always_fit_the_id_pattern(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = document_from_file(write(tmp_path / "a", "notes.txt", b"Notes"))
    two = document_from_file(write(tmp_path / "b", "notes.txt", b"Notes"))
    assert one.id != two.id and one.id.startswith("file-notes-") and two.id.startswith("file-notes-")
    odd = document_from_file(write(tmp_path, "Заявление МИД.txt", KOREAN.encode("utf-8")))
    assert odd.title == "Заявление МИД.txt" and odd.metadata.language == "ko"
    for doc in (one, two, odd):
        assert ID_PATTERN.match(doc.id), doc.id


def test_language_guess_by_script():
    assert guess_language(RUSSIAN) == "ru"
    assert guess_language(KOREAN) == "ko"
    assert guess_language(ENGLISH) == "en"
    assert guess_language("12345 — 678") == ""
    assert guess_language("北京是中国的首都 and") == ""  # mostly Han: none of the three


def test_valid_utf8_never_reaches_charset_normalizer(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("charset-normalizer ran on valid UTF-8")

    monkeypatch.setattr(charset_normalizer, "from_bytes", forbidden)
    text = (ENGLISH + RUSSIAN + KOREAN) * 10_000  # about 5 MB
    assert decode_bytes(text.encode("utf-8")).text == text


def test_charset_normalizer_sees_a_sample_of_a_large_legacy_file(monkeypatch):
    seen: list[int] = []
    real = charset_normalizer.from_bytes

    def recording(data, *args, **kwargs):
        seen.append(len(data))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(charset_normalizer, "from_bytes", recording)
    text = RUSSIAN * 4000  # about 1 MB in cp1251
    assert decode_bytes(text.encode("cp1251")) == DecodedText(text, "cp1251")
    assert seen and max(seen) <= 64 * 1024


def _controls(text: str) -> int:
    return sum(1 for c in text if c not in "\t\n\v\f\r\x1b" and unicodedata.category(c) == "Cc")


@settings(max_examples=400, deadline=None)
@given(st.text(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom"]))
def test_any_unicode_text_round_trips(text, encoding):
    # A NUL in BOM-less UTF-8 makes the file binary (or UTF-16: "a\0b\0" is both); FF FE 00 00 is UTF-32's mark.
    assume(not (encoding == "utf-8" and "\x00" in text))
    assume(not (encoding == "utf-16" and text.startswith("\x00")))
    if encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    try:
        decoded = decode_bytes(data, "round-trip")
    except UnreadableFileError as error:
        assert "binary" in str(error)
        assert _controls(text) > 0.05 * len(text)  # refused only when control characters abound
        return
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    if encoding == "utf-8" and expected.startswith("\ufeff"):
        expected = expected[1:]  # in plain UTF-8 a leading U+FEFF *is* the byte-order mark
    assert decoded.text == expected
    if decoded.utf8 is not None:  # the bytes handed to the matcher must be exactly the text's UTF-8
        assert decoded.utf8.decode("utf-8") == decoded.text
        assert importers.probably_utf8_as_is(data)  # and the quick guess before decoding says so too


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))), st.integers(1, 7))
def test_a_large_file_decoded_a_piece_at_a_time_gives_the_same_text(text, piece_bytes):
    data = text.encode("utf-8")
    whole, cut_off = _outcome(data), _outcome(data[:-1])  # at once (small); cut inside its last character
    with mock.patch.object(importers, "_PIECE_BYTES", piece_bytes):  # in pieces, cut inside characters
        assert _outcome(data) == whole and _outcome(data[:-1]) == cut_off
    if not isinstance(whole, str):  # not refused as binary ("%PDF-" starts a PDF)
        assert whole.text == text.removeprefix("\ufeff")  # a leading U+FEFF is read as UTF-8's mark


def _outcome(data: bytes) -> DecodedText | str:
    pieces: list[str] = []
    try:
        decoded = decode_bytes(data, on_piece=pieces.append)
    except UnreadableFileError as error:
        return str(error)
    if decoded.utf8 is not None:  # the pieces handed out as they were decoded are the text
        assert "".join(pieces) == decoded.text
    return decoded


def test_a_files_text_is_handed_out_in_pieces_only_when_its_bytes_are_probably_its_utf8(tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "_PIECE_BYTES", 1000)
    text = "Мир и дружба\n철도 련결\n" * 2000
    cases = {"plain": text.encode("utf-8"), "crlf": text.replace("\n", "\r\n").encode("utf-8"), "bom": codecs.BOM_UTF8 + text.encode("utf-8")}
    for name, data in cases.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        pieces: list[str] = []
        document, utf8 = importers.document_and_utf8_from_file(path, on_piece=pieces.append)
        assert document.text == text
        if name == "plain":
            assert utf8 == data and len(pieces) > 10 and "".join(pieces) == text  # a piece at a time, cut between characters
        else:
            assert utf8 is None and pieces == []  # not the bytes as they are: nothing handed out early


def test_control_bytes_are_not_handed_out_as_text(tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "_PIECE_BYTES", 1000)
    path = tmp_path / "controls.txt"
    path.write_bytes(b"\x01\x02\x03 " * 5000)  # valid UTF-8, but no text is made of control characters
    pieces: list[str] = []
    with pytest.raises(UnreadableFileError, match="binary"):
        importers.document_and_utf8_from_file(path, on_piece=pieces.append)
    assert pieces == []


def test_the_quick_guess_that_a_files_bytes_are_its_text():
    plain = ("Мир и дружба\n철도 련결\n" * 10_000).encode("utf-8")
    assert importers.probably_utf8_as_is(plain)
    assert importers.probably_utf8_as_is(b"a" * 65_535 + "철도".encode("utf-8"))  # its first 64 KB end inside a character
    assert not importers.probably_utf8_as_is(plain.replace(b"\n", b"\r\n"))
    assert not importers.probably_utf8_as_is(codecs.BOM_UTF8 + plain)
    assert not importers.probably_utf8_as_is(RUSSIAN.encode("cp1251"))
    assert not importers.probably_utf8_as_is("철도".encode("utf-16-le"))


def test_the_file_bytes_are_kept_only_when_the_text_is_exactly_their_utf8():
    plain = "Мир и дружба\n철도 련결\n".encode("utf-8")
    assert decode_bytes(plain).utf8 is plain
    assert decode_bytes(plain.replace(b"\n", b"\r\n")).utf8 is None  # newlines normalised
    assert decode_bytes(codecs.BOM_UTF8 + plain).utf8 is None  # the mark is not in the text
    assert decode_bytes(RUSSIAN.encode("cp1251")).utf8 is None
    assert decode_bytes("Мир".encode("utf-8")[:-1]).utf8 is None  # cut off in a letter: shown as U+FFFD


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(SHORT_RUSSIAN + RUSSIAN.splitlines()), min_size=1, max_size=4),
    st.sampled_from([" ", "\n", "\r\n"]),
    st.sampled_from(["cp1251", "koi8-r"]),
)
def test_russian_sentences_in_legacy_code_pages_round_trip(sentences, separator, encoding):
    text = separator.join(sentences)
    assert decode_bytes(text.encode(encoding)) == DecodedText(text.replace("\r\n", "\n"), encoding)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(SHORT_KOREAN + KOREAN.splitlines()), min_size=1, max_size=4))
def test_korean_sentences_in_euc_kr_round_trip(sentences):
    text = " ".join(sentences)
    assert decode_bytes(text.encode("euc-kr")) == DecodedText(text, "euc-kr")
