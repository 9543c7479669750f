"""Reading txt / md / html / docx / pdf files for import: the text and a guess of the metadata.

Plain text and Markdown are decoded as they are (Markdown is not rendered). Web pages keep
only the article (trafilatura removes navigation, adverts, comment forms and footers), Word
files their paragraphs, PDFs the text of every page. The libraries are imported only when a
file of their kind is read: start-up does not pay for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from reader.core.corpus import DocumentMetadata
from reader.core.errors import UnreadableFileError
from reader.core.importers import decode_bytes, guess_language, read_file_bytes

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
#: Every file name ending the importer knows, for a file dialog's filter.
IMPORT_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + DOCX_SUFFIXES + PDF_SUFFIXES
SUPPORTED = "files that can be imported: .txt, .md, .html, .docx, .pdf"
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_EXTRACTED_JUNK = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufeff]")  # control characters (tab, newline, form feed kept)
_MARKDOWN_HEADING = re.compile(r"#\s+(.+?)\s*#*\s*")


@dataclass(frozen=True)
class ImportedText:
    """A file's text as it will be stored, its title and metadata as the file states them."""

    path: Path
    text: str
    title: str
    metadata: DocumentMetadata  # perspective and place are never guessed: they stay ""
    kind: str  # "text", "markdown", "html", "docx" or "pdf"
    encoding: str = ""  # what a text or web page was decoded from; "" for docx and pdf
    source_url: str = ""  # a web page's own address, when it states one


@dataclass(frozen=True)
class ExtractedText:
    """What a format reader found: the text and whatever metadata the file states."""

    text: str
    encoding: str = ""
    title: str = ""
    outlet: str = ""
    date: str = ""
    language: str = ""
    source_url: str = ""


def read_for_import(path: Path) -> ImportedText:
    """Read a txt, md, html, docx or pdf file: its text and a metadata guess; UnreadableFileError if it cannot be."""
    path = Path(path).expanduser().resolve()
    suffix = path.suffix.lower()
    data = read_file_bytes(path)
    if suffix in HTML_SUFFIXES:
        from reader.core.html_import import read_html

        kind, found = "html", _cleaned(read_html(data, path))
    elif suffix in DOCX_SUFFIXES:
        from reader.core.office_import import read_docx

        kind, found = "docx", _cleaned(read_docx(data, path))
    elif suffix in PDF_SUFFIXES:
        from reader.core.office_import import read_pdf

        kind, found = "pdf", _cleaned(read_pdf(data, path))
    else:
        kind = "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
        found = _read_plain(data, path, known=suffix in TEXT_SUFFIXES or kind == "markdown")
    text = found.text.removeprefix("\ufeff")  # a leading mark would not survive being stored and read back
    if not text.strip():
        raise UnreadableFileError(path, "the file has no text")
    title = found.title or (_markdown_title(text) if kind == "markdown" else "") or _title_from_name(path)
    metadata = DocumentMetadata(
        outlet=found.outlet,
        date=found.date or _date_in(path.stem),
        language=found.language or guess_language(text),
    )
    return ImportedText(path, text, title, metadata, kind, found.encoding, found.source_url)


def _read_plain(data: bytes, path: Path, known: bool) -> ExtractedText:
    """A text or Markdown file exactly as decoded; an unknown kind of file must be text too."""
    try:
        decoded = decode_bytes(data, path)
    except UnreadableFileError as error:
        if known or not error.problem.startswith("this is a binary file"):
            raise
        raise UnreadableFileError(path, f"{error.problem}; {SUPPORTED}") from None
    return ExtractedText(decoded.text, decoded.encoding)


def _cleaned(found: ExtractedText) -> ExtractedText:
    """Extracted text cleaned of control characters, trailing spaces and runs of blank lines."""
    text = found.text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = [line.rstrip() for line in _EXTRACTED_JUNK.sub("", text).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return replace(found, text=text + "\n" if text else "", title=" ".join(found.title.split()), outlet=" ".join(found.outlet.split()))


def _markdown_title(text: str) -> str:
    """The text of a Markdown file's first line when it is a heading (`# Title`)."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    match = _MARKDOWN_HEADING.fullmatch(first.strip())
    return match.group(1) if match else ""


def _title_from_name(path: Path) -> str:
    """A file name made readable: `putin_speech-2001.txt` -> `putin speech-2001`."""
    return " ".join(path.stem.replace("_", " ").split()) or path.name


def _date_in(text: str) -> str:
    """The first valid yyyy-mm-dd date in a string (such as a file name), or ""."""
    for match in _ISO_DATE.finditer(text):
        found = iso_date(match.group(0))
        if found:
            return found
    return ""


def iso_date(value: object) -> str:
    """A date, datetime or date-like string as yyyy-mm-dd, or "" when it is not one."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        match = _ISO_DATE.match(value.strip())
        if match:
            try:
                return date(*(int(part) for part in match.groups())).isoformat()
            except ValueError:
                return ""
    return ""
