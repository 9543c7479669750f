"""Reading text files from disk into documents, with encoding detection.

Order: a byte-order mark; NUL bytes (UTF-16 without a mark, else binary); many control
bytes (binary); strict UTF-8; then a legacy encoding: charset-normalizer's guess and a
short list (cp1252, cp1251, koi8-r, cp949, latin-1) are scored on a sample by how much
their non-ASCII characters look like text (letters of one script, punctuation; not
control characters, not a capital after a small letter, not accented Latin letters run
together, not Cyrillic short of the common Russian letters). Short Russian and Korean
texts need this: charset-normalizer alone often misreads them.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reader.core.corpus import Document, DocumentMetadata
from reader.core.errors import UnreadableFileError

MAX_FILE_MB = 200
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
BINARY_PROBLEM = "this is a binary file, not text"
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an office document"),
    (b"\x7fELF", "a program"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEAD_BYTES = 64 * 1024  # how much of a file probably_utf8_as_is checks
_PIECE_BYTES = 512 * 1024  # a large file is checked and decoded this much at a time (about 1 ms each)
# Control bytes that do not occur in text (tab, newlines, form feed and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b") + b"\x7f"
_MAX_CONTROL_SHARE = 0.05
_LEGACY = ("cp1252", "cp1251", "koi8-r", "cp949", "iso8859-1")  # in the order that wins ties
_SAMPLE_BYTES = 32 * 1024
_SCORED_CHARS = 4000
_COMMON_CYRILLIC = frozenset("оеаинтсрвлкмдпуяы")  # about 85% of the letters of Russian text
_COMMON_CYRILLIC_SHARE = 0.8
_PUNCTUATION = frozenset("\u00a0«»„“”‘’‚–—…№•·°")
_PUNCTUATION_RANGES = (("\u2010", "\u2027"), ("\u3000", "\u303f"), ("\uff01", "\uff60"))  # general, CJK, full-width
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_LANGUAGE_SCRIPTS = (
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ko", re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")),
    ("en", re.compile(r"[A-Za-z\u00c0-\u024f]")),
)


@dataclass(frozen=True)
class DecodedText:
    """A file's text (newlines normalised) and the encoding it was decoded from."""

    text: str
    encoding: str
    # The file's bytes, when the text is exactly their UTF-8 (most files): the theme matcher, which
    # works on UTF-8, then takes them as they are instead of encoding 5 MB of text again.
    utf8: bytes | None = field(default=None, compare=False, repr=False)


def _codec_name(name: str) -> str:
    return codecs.lookup(name).name.replace("_", "-")


def _looks_binary(text: str, strict: bool = False) -> bool:
    """Many control characters (with `strict`, also private-use or unassigned ones) in a sample."""
    if len(text) > 3 * 4096:  # the start, the middle and the end
        middle = len(text) // 2
        text = text[:4096] + text[middle : middle + 4096] + text[-4096:]
    bad_categories = ("Cc", "Co", "Cn") if strict else ("Cc",)
    bad = sum(1 for c in text if c not in "\t\n\v\f\r\x1b" and unicodedata.category(c) in bad_categories)
    return bad > _MAX_CONTROL_SHARE * len(text)


def _decode_utf16_without_bom(data: bytes) -> DecodedText | None:
    """UTF-16 text without a mark, told by NUL bytes gathering at even or odd offsets."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) % 2 or max(even, odd) < 0.05 * (len(data) // 2) or min(even, odd) * 4 > max(even, odd):
        return None
    codec = "utf-16-le" if odd > even else "utf-16-be"  # ASCII's zero byte is the high one
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text, strict=True) else DecodedText(text, codec)


def _script(c: str) -> str:
    code = ord(c)
    if code < 0x250 or 0x1E00 <= code < 0x1F00:
        return "latin"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    if 0xAC00 <= code < 0xD7A4 or 0x1100 <= code < 0x1200 or 0x3130 <= code < 0x3190:
        return "hangul"
    return unicodedata.name(c, "other ").split()[0].lower()


def _plausibility(text: str) -> float:
    """How much a decoded sample's non-ASCII characters look like real text, at most 1."""
    letters: dict[str, float] = {}
    other = common = 0.0
    count = 0
    for i, c in enumerate(text):
        if c < "\x80":
            continue
        count += 1
        if count > _SCORED_CHARS:
            count -= 1
            break
        category = unicodedata.category(c)
        if category in ("Cc", "Co", "Cn", "Cs") or c == "\ufffd":
            other -= 1
        elif category[0] == "L":
            script = _script(c)
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if category == "Lu" and before.isalpha() and before.islower():
                weight = 0.0  # a capital right after a small letter: a wrong code page
            elif script == "latin":
                ascii_next = (before < "\x80" and before.isalpha()) or (after < "\x80" and after.isalpha())
                weight = 1.0 if ascii_next or not (before.isalpha() or after.isalpha()) else 0.25
            elif script == "cyrillic":
                weight = 1.0
                common += c.lower() in _COMMON_CYRILLIC
            else:  # legacy half-width katakana is the usual look of a wrong Japanese guess
                weight = 0.0 if "\uff61" <= c <= "\uff9f" else 1.0
            letters[script] = letters.get(script, 0.0) + weight
        elif category == "Sc" or c in _PUNCTUATION or any(low <= c <= high for low, high in _PUNCTUATION_RANGES):
            other += 1
    if letters.get("cyrillic"):  # Russian has ~85% common letters; a wrong code page far fewer
        letters["cyrillic"] *= min(1.0, common / letters["cyrillic"] / _COMMON_CYRILLIC_SHARE)
    return (max(letters.values(), default=0.0) + other) / count if count else 0.0


def _sample_decode(data: bytes, codec: str) -> str | None:
    try:
        return codecs.getincrementaldecoder(codec)("strict").decode(data, final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_legacy(data: bytes) -> DecodedText:
    """Data that is not UTF-8: the best-scoring of charset-normalizer's guess and the legacy list."""
    from charset_normalizer import from_bytes  # deferred: only needed for legacy files

    first = _NON_ASCII.search(data)
    start = max(0, first.start() - 256) if first else 0
    sample = data[start : start + _SAMPLE_BYTES]
    candidates = list(_LEGACY)
    guess = from_bytes(sample).best()
    if guess is not None and not guess.encoding.startswith(("utf_16", "utf_32")):  # no NULs: not UTF-16
        name = _codec_name(guess.encoding)  # a listed guess wins ties; another must beat the list outright
        candidates = [name, *(c for c in _LEGACY if c != name)] if name in _LEGACY else [*_LEGACY, name]
    scored = []
    for order, codec in enumerate(candidates):
        text = _sample_decode(sample, codec)
        if text is not None:
            scored.append((-_plausibility(text), order, codec))
    for _, _, codec in sorted(scored):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        name = _codec_name(codec)
        if name in ("cp949", "euc-kr"):  # EUC-KR proper when it fits: it also composes 8-byte syllables
            try:
                return DecodedText(data.decode("euc-kr"), "euc-kr")
            except UnicodeDecodeError:
                return DecodedText(text, "cp949")
        return DecodedText(text, name)
    return DecodedText(data.decode("latin-1"), "iso8859-1")  # pragma: no cover - latin-1 decodes anything


def _control_bytes(data: bytes) -> int:
    """How many bytes of `data` are control bytes that text does not use (counted a piece at a time)."""
    return sum(len(piece) - len(piece.translate(None, _CONTROL_BYTES)) for piece in _pieces(data))


def _utf8_in_pieces(data: bytes, on_piece: Callable[[str], None] | None = None) -> tuple[str, int]:
    """`data.decode("utf-8")`, a piece at a time, each cut where a character starts, and the number
    of control bytes text does not use, counted on the way.

    On a 5 MB file of mixed scripts one call holds Python's GIL for 7-10 ms, which the UI thread,
    painting the window meanwhile, would wait out whole; these pieces take 3-4 ms in all (an
    incremental decoder, 14). `on_piece` is called with each piece as it is decoded, as long as
    control bytes are no more common than in text: the first lines of a long file are in hand
    within a millisecond, not after the whole file is checked."""
    view, pieces, start, controls = memoryview(data), [], 0, 0
    try:
        while start < len(data):
            end = _character_start(data, min(start + _PIECE_BYTES, len(data)), start)
            pieces.append(str(view[start:end], "utf-8"))
            controls += _control_bytes(data[start:end])
            if on_piece is not None and controls > _MAX_CONTROL_SHARE * end:
                on_piece = None  # probably binary: shown to nobody
            if on_piece is not None:
                on_piece(pieces[-1])
            start = end
    except UnicodeDecodeError:
        # Raises the same error with positions in the whole of `data`, or decodes data that was
        # only cut badly (pieces smaller than a character): then the rest is the last piece.
        text = data.decode("utf-8")
        if on_piece is not None:
            on_piece(text[sum(map(len, pieces)) :])
        return text, _control_bytes(data)
    return (pieces[0] if len(pieces) == 1 else "".join(pieces)), controls


def _character_start(data: bytes, position: int, floor: int) -> int:
    """`position`, moved back to where the UTF-8 character it is inside starts (at most 3 bytes, above `floor`)."""
    for _ in range(3):
        if position >= len(data) or position - 1 <= floor or not 0x80 <= data[position] < 0xC0:
            break
        position -= 1
    return position


def _pieces(data: bytes):
    return (data[start : start + _PIECE_BYTES] for start in range(0, len(data), _PIECE_BYTES))


def decode_bytes(data: bytes, source: str | Path = "<bytes>", on_piece: Callable[[str], None] | None = None) -> DecodedText:
    """Decode a file's bytes to text, detecting the encoding; UnreadableFileError for binary data.

    `on_piece`, if given, is called with pieces of the text as they are decoded as UTF-8, so that
    work on a long text can begin before all of it is decoded. Together they are the text only if
    the result's `utf8` is not None (otherwise they are what UTF-8 gave before another encoding or
    a change of line ends took over)."""
    decoded = _decode(data, source, on_piece)
    text = decoded.text
    if "\r" in text:
        return DecodedText(text.replace("\r\n", "\n").replace("\r", "\n"), decoded.encoding)
    return decoded


def _decode(data: bytes, source: str | Path, on_piece: Callable[[str], None] | None = None) -> DecodedText:
    if not data:
        return DecodedText("", "utf-8")
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise UnreadableFileError(source, f"this is a binary file ({kind}), not text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue  # FF FE 00 00 also opens UTF-16 text starting with U+0000
            if _looks_binary(text):
                raise UnreadableFileError(source, BINARY_PROBLEM)
            return DecodedText(text, codec)
    if b"\x00" in data:  # before UTF-8: UTF-16 text of ASCII letters is valid UTF-8 too
        decoded = _decode_utf16_without_bom(data)
        if decoded is None:
            raise UnreadableFileError(source, BINARY_PROBLEM)
        return decoded
    try:
        text, controls = _utf8_in_pieces(data, on_piece)
    except UnicodeDecodeError as error:
        if _control_bytes(data) > _MAX_CONTROL_SHARE * len(data):
            raise UnreadableFileError(source, BINARY_PROBLEM) from None
        # UTF-8 cut off inside its last character: keep it UTF-8, the broken tail shown as U+FFFD.
        if error.reason == "unexpected end of data" and _NON_ASCII.search(data, 0, error.start):
            return DecodedText(data.decode("utf-8", "replace"), "utf-8")
        return _decode_legacy(data)
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise UnreadableFileError(source, BINARY_PROBLEM)
    return DecodedText(text, "utf-8", data)


def probably_utf8_as_is(data: bytes) -> bool:
    """Whether `decode_bytes` will very probably give the text of `data` as their UTF-8 as it is
    (`DecodedText.utf8`): no byte-order mark, no carriage return, and UTF-8 at least at the start.
    A quick guess (the decoded text says for sure), to start work on a large file before it is decoded."""
    head = data[:_HEAD_BYTES]
    if b"\r" in data or data.startswith(tuple(bom for bom, _codec in _BOMS)) or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:  # well-formed if only cut off inside its last character
        return error.reason == "unexpected end of data" and len(data) > len(head)
    return True


def read_text_file(path: Path) -> DecodedText:
    """Read and decode a text file; UnreadableFileError with a clear reason when it cannot be."""
    return decode_bytes(read_file_bytes(path), path)


def read_file_bytes(path: Path) -> bytes:
    """A regular file's bytes, within the size limit; UnreadableFileError with a clear reason otherwise."""
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFileError(path, "this is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(path, "this is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            size = f"{info.st_size / (1024 * 1024):.0f} MB; the limit is {MAX_FILE_MB} MB"
            raise UnreadableFileError(path, f"the file is too large to open ({size})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFileError(path, "no such file") from None
    except PermissionError:
        raise UnreadableFileError(path, "permission denied") from None
    except OSError as error:
        raise UnreadableFileError(path, f"cannot read the file ({error.strerror or error})") from None
    return data


def guess_language(text: str) -> str:
    """A language code from the script most of the letters are in ("ru", "ko", "en"), or ""."""
    sample = text[:20000]
    letters = sum(1 for c in sample if c.isalpha())
    for code, script in _LANGUAGE_SCRIPTS:
        if letters and len(script.findall(sample)) * 2 > letters:
            return code
    return ""


def document_from_file(path: Path) -> Document:
    """A Document read from a text file, its title the file name and its language guessed."""
    return document_and_utf8_from_file(path)[0]


def document_and_utf8_from_file(
    path: Path, on_bytes: Callable[[bytes, Path], None] | None = None, on_piece: Callable[[str], None] | None = None
) -> tuple[Document, bytes | None]:
    """A Document read from a text file, and the file's bytes if its text is exactly their UTF-8.
    If the bytes are probably the text's UTF-8 as they are (`probably_utf8_as_is`), `on_bytes` is
    called with them and the file's resolved path before they are decoded, and `on_piece` with
    pieces of the text as they are decoded (see `decode_bytes`: the pieces are the text if the
    bytes are returned)."""
    resolved = Path(path).expanduser().resolve()
    data = read_file_bytes(resolved)
    as_is = probably_utf8_as_is(data)
    if on_bytes is not None and as_is:
        on_bytes(data, resolved)
    decoded = decode_bytes(data, resolved, on_piece if as_is else None)
    slug = re.sub(r"[^a-z0-9]+", "-", resolved.stem.lower()).strip("-") or "text"
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return Document(
        id=f"file-{slug}-{digest}",  # stable for a path, distinct for files of one name
        title=resolved.name,
        text=decoded.text,
        metadata=DocumentMetadata(language=guess_language(decoded.text)),
        path=resolved,
        encoding=decoded.encoding,
    ), decoded.utf8
