"""Word (.docx) and PDF files for import: their text, and the title, author and date their properties state."""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

from reader.core.document_import import ExtractedText, iso_date
from reader.core.errors import UnreadableFileError

# A control character in PDF text is a glyph mapped wrongly, most often the space: Qt maps its space
# glyph to a tab or to U+0001, depending on the font. PDFs have no tab stops, so all of them become spaces.
_PDF_CONTROLS = dict.fromkeys([*range(0, 10), *range(11, 32), 127], " ")
_WORD_TITLE_PREFIXES = ("Microsoft Word - ",)  # what printing to PDF from Word puts before a file name
# python-docx's blank template states these; a file a script made from it says nothing about its text.
_TEMPLATE_AUTHOR, _TEMPLATE_CREATED = "python-docx", datetime(2013, 12, 23, 23, 15, tzinfo=timezone.utc)


def read_docx(data: bytes, path: Path) -> ExtractedText:
    """A Word document's paragraphs (and table rows) in order, blank lines between them, and its core properties."""
    import docx  # deferred: needed only for Word files
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                rows = ("\t".join(_unique_cells(row.cells)) for row in block.rows)
                blocks.append("\n".join(row for row in rows if row.strip()))
            else:
                blocks.append(block.text)
        properties = document.core_properties
        title, author, created = properties.title or "", properties.author or "", properties.created
        author, created = ("" if author == _TEMPLATE_AUTHOR else author), (None if created == _TEMPLATE_CREATED else created)
    except Exception as error:  # a broken package fails in many ways (zip, XML, missing parts)
        raise UnreadableFileError(path, f"not a readable Word document ({_reason(error)})") from None
    return ExtractedText(
        text="\n\n".join(block.strip("\n") for block in blocks if block.strip()),
        title=title,
        outlet=author,
        date=iso_date(created),
    )


def _unique_cells(cells) -> list[str]:
    """Cell texts of a row, a merged cell (listed once per grid column it spans) once."""
    texts: list[str] = []
    seen: set[int] = set()
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            texts.append(cell.text.strip())
    return texts


def read_pdf(data: bytes, path: Path) -> ExtractedText:
    """The text of every page of a PDF, a blank line between pages, and its document information."""
    import pypdf  # deferred: needed only for PDF files

    problem = "not a readable PDF"
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFileError(path, f"{problem}: it is protected by a password")
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            problem = f"not a readable PDF (page {number})"
            pages.append((page.extract_text() or "").translate(_PDF_CONTROLS))
        problem = "not a readable PDF"
        title, author, created = _pdf_information(reader)
    except UnreadableFileError:
        raise
    except pypdf.errors.DependencyError as error:  # AES encryption, even without a password, needs `cryptography`
        raise UnreadableFileError(path, f"{problem}: it is encrypted in a way this installation cannot decrypt ({error})") from None
    except Exception as error:  # damaged files fail in many ways inside the parser
        raise UnreadableFileError(path, f"{problem}: {_reason(error)}") from None
    if not any(page.strip() for page in pages):
        raise UnreadableFileError(path, "this PDF has no text layer (a scanned image?); run text recognition (OCR) on it first")
    return ExtractedText(
        text="\n\n".join(page.strip("\n") for page in pages if page.strip()),
        title=title,
        outlet=author,
        date=created,
    )


def _pdf_information(reader) -> tuple[str, str, str]:
    """Title, author and creation date (yyyy-mm-dd) from a PDF's document information, "" where absent or broken."""
    try:
        info = reader.metadata
    except Exception:  # a damaged information dictionary is no reason to refuse the text
        return "", "", ""
    if info is None:
        return "", "", ""
    values = []
    for name in ("title", "author", "creation_date"):
        try:
            values.append(getattr(info, name))
        except Exception:  # an unparsable date string, for one
            values.append(None)
    title, author, created = values
    title = str(title or "").strip()
    for prefix in _WORD_TITLE_PREFIXES:
        title = title.removeprefix(prefix)
    return title, str(author or "").strip(), iso_date(created)


def _reason(error: Exception) -> str:
    """A library error as a short phrase: its message, or its kind when it has none."""
    text = " ".join(str(error).split())
    return text[:200] or type(error).__name__
