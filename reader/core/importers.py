"""Reading text files into documents: encoding detection, newline normalisation, clear errors."""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from reader.core.corpus import Document, DocumentMetadata
from reader.core.errors import UnreadableFileError

MAX_FILE_BYTES = 200 * 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_SIGNATURES = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"GIF8", b"\xff\xd8\xff", b"MZ")
_NEWLINES = re.compile(r"\r\n?")


@dataclass(frozen=True)
class DecodedText:
    """A file's text (newlines normalised) and the encoding it was read with."""

    text: str
    encoding: str


def _binary(source: str | Path) -> UnreadableFileError:
    return UnreadableFileError(source, "this is a binary file, not text")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or '-be' when zero bytes sit on one side of the code units, as spaces and digits make them."""
    if len(data) % 2 or len(data) < 4:
        return None
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < max(4, len(sample) // 100) or min(even, odd) > max(even, odd) // 8:
        return None  # no zero bytes, or zero bytes on both sides: not UTF-16 text
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding if _looks_like_text(text) else None


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_TEXT_SAMPLE = 65536


def _looks_like_text(text: str) -> bool:
    """Few control characters in a sample from the start, the middle and the end of the text."""
    if len(text) > 3 * _TEXT_SAMPLE:
        middle = len(text) // 2
        text = text[:_TEXT_SAMPLE] + text[middle : middle + _TEXT_SAMPLE] + text[-_TEXT_SAMPLE:]
    return not text or len(_CONTROL_CHARACTERS.findall(text)) / len(text) < 0.01


def decode_bytes(data: bytes, source: str | Path = "<bytes>") -> DecodedText:
    """Decode file contents: BOM, then UTF-16 by its zero bytes, then UTF-8, then detection."""
    if not data:
        return DecodedText("", "utf-8")
    encoding, text = _decode(data, source)
    if "\x00" in text[:65536] and not encoding.startswith(("utf-16", "utf-32")) or not _looks_like_text(text):
        raise _binary(source)
    return DecodedText(_NEWLINES.sub("\n", text), encoding)


def _decode(data: bytes, source: str | Path) -> tuple[str, str]:
    """(encoding, text) of non-empty data; UnreadableFileError when no encoding fits."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding == "utf-32" and data.startswith(codecs.BOM_UTF16_LE):
        # FF FE 00 00 opens both UTF-32-LE and UTF-16-LE text that starts with U+0000.
        try:
            data.decode("utf-32")
        except UnicodeDecodeError:
            encoding = "utf-16"
    if encoding is None and data.startswith(_BINARY_SIGNATURES):
        raise _binary(source)
    if encoding is None:
        # Before UTF-8: UTF-16 of Cyrillic or ASCII is often valid UTF-8 byte for byte.
        encoding = _utf16_without_bom(data) if b"\x00" in data[:65536] else None
    if encoding is None:
        try:
            return "utf-8", data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = _detect_legacy(data, source)
    try:
        return encoding, data.decode(encoding)
    except UnicodeDecodeError:
        raise UnreadableFileError(source, f"the text is not valid {encoding}") from None


def _detect_legacy(data: bytes, source: str | Path) -> str:
    """A legacy 8-bit or CJK encoding for data that is not UTF-8 (charset-normalizer)."""
    if b"\x00" in data[:65536]:
        raise _binary(source)
    from charset_normalizer import from_bytes

    sample = data if len(data) <= 1_000_000 else data[:1_000_000]
    best = from_bytes(sample).best()
    if best is None:
        raise UnreadableFileError(source, "the text encoding could not be recognised (try saving it as UTF-8)")
    return codecs.lookup(best.encoding).name


def read_text_file(path: Path) -> DecodedText:
    """Read and decode a text file; UnreadableFileError says why when it cannot."""
    path = Path(path)
    try:
        if path.is_dir():
            raise UnreadableFileError(path, "this is a folder, not a file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UnreadableFileError(path, f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFileError(path, "no such file") from None
    except PermissionError:
        raise UnreadableFileError(path, "permission denied") from None
    except OSError as error:
        raise UnreadableFileError(path, f"cannot be read ({error.strerror or error})") from None
    return decode_bytes(data, path)


def guess_language(text: str) -> str:
    """'ru', 'ko' or 'en' from the script most letters are in; '' when unclear."""
    sample = text[:20000]
    cyrillic = len(re.findall(r"[\u0400-\u04ff]", sample))
    hangul = len(re.findall(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]", sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    counts = {"ru": cyrillic, "ko": hangul, "en": latin}
    language, count = max(counts.items(), key=lambda item: item[1])
    return language if count and count >= 0.5 * sum(counts.values()) else ""


def document_from_file(path: Path) -> Document:
    """A document for a text file opened from disk (title = file name)."""
    path = Path(path).expanduser()
    decoded = read_text_file(path)
    resolved = path.resolve()
    slug = re.sub(r"[^a-z0-9]+", "-", resolved.stem.lower()).strip("-") or "text"
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:8]
    return Document(
        id=f"file-{slug}-{digest}",
        title=resolved.name,
        text=decoded.text,
        metadata=DocumentMetadata(language=guess_language(decoded.text)),
        path=resolved,
        encoding=decoded.encoding,
    )
