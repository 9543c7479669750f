"""Web pages for import: the page decoded, then only its article kept (trafilatura), with the metadata it states."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from reader.core.document_import import ExtractedText, iso_date
from reader.core.errors import UnreadableFileError
from reader.core.importers import DecodedText, decode_bytes

_DECLARED_CHARSET = (
    re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE),
    re.compile(rb"""^\s*<\?xml[^>]+?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE),
)
# What browsers read a declared label as (WHATWG Encoding): the wider Windows code page.
_AS_BROWSERS_READ = {"ascii": "cp1252", "iso8859-1": "cp1252", "euc-kr": "cp949", "gb2312": "gbk", "utf-16": "utf-8"}
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3})(?![A-Za-z])""", re.IGNORECASE)
_NOT_A_LANGUAGE = frozenset({"und", "mul", "zxx", "mis"})
_BLOCKS = frozenset({"p", "head", "quote", "list", "item", "table", "row", "code", "div"})
_SPACES = re.compile(r"[ \t\r\v]+")  # ASCII white space only: a non-breaking space stays what it is
_NO_ARTICLE = "found no article text in this web page"


def decode_html(data: bytes, path: Path) -> DecodedText:
    """A page's text: by its byte-order mark, else as UTF-8, else in its declared charset, else detected."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, path)
    try:
        data.decode("utf-8")  # valid UTF-8 is what it is, whatever an old template declares
    except UnicodeDecodeError:
        declared = _declared_codec(data[:4096])
        if declared:
            try:
                text = data.decode(declared)
            except UnicodeDecodeError:
                pass
            else:
                return DecodedText(text.replace("\r\n", "\n").replace("\r", "\n"), declared)
    return decode_bytes(data, path)


def _declared_codec(head: bytes) -> str:
    """The codec a page's `<meta charset>` or XML declaration names, as browsers read it; "" if none or unknown."""
    for pattern in _DECLARED_CHARSET:
        match = pattern.search(head)
        if match:
            try:
                name = codecs.lookup(match.group(1).decode("ascii")).name.replace("_", "-")
            except LookupError:
                return ""
            return _AS_BROWSERS_READ.get(name, name)
    return ""


def read_html(data: bytes, path: Path) -> ExtractedText:
    """The article of a web page, one paragraph per block, and the title, date, outlet and language it states."""
    decoded = decode_html(data, path)
    import trafilatura  # deferred: a large library, needed only for web pages
    from lxml import etree

    options = dict(
        output_format="xml",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},  # a date the page states, not one guessed from its text
    )
    try:
        xml = trafilatura.extract(decoded.text, **options) or trafilatura.extract(decoded.text, favor_recall=True, **options)
        root = etree.fromstring(xml) if xml else None
    except Exception as error:  # the extractor's failures are many and undocumented: report, do not crash
        raise UnreadableFileError(path, f"not a readable web page ({error})") from None
    main = root.find("main") if root is not None else None
    if main is None:
        raise UnreadableFileError(path, _NO_ARTICLE)
    blocks = [block for block in (_block_text(child) for child in main) if block]
    if not blocks:
        raise UnreadableFileError(path, _NO_ARTICLE)
    return ExtractedText(
        text="\n\n".join(blocks),
        encoding=decoded.encoding,
        title=root.get("title") or "",
        outlet=root.get("sitename") or root.get("author") or "",
        date=iso_date(root.get("date") or ""),
        language=_page_language(decoded.text),
        source_url=root.get("url") or "",
    )


def _block_text(element) -> str:
    """One block of trafilatura's XML as text: line breaks and list items on lines of their own."""
    pieces: list[str] = []

    def walk(node) -> None:
        if node.text and not _indentation(node.text):
            pieces.append(node.text)
        for child in node:
            if child.tag == "lb":
                pieces.append("\n")
            elif child.tag in _BLOCKS:
                pieces.append("\n")
                walk(child)
                pieces.append("\n")
            elif child.tag == "cell":
                walk(child)
                pieces.append(" ")
            else:
                walk(child)
            if child.tail and not _indentation(child.tail):
                pieces.append(child.tail)

    walk(element)
    lines = (_SPACES.sub(" ", line).strip(" ") for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _indentation(text: str) -> bool:
    """White space that only lays out the XML (a line break and indent), not text."""
    return "\n" in text and not text.strip()


def _page_language(text: str) -> str:
    """The primary language a page declares in `<html lang>`, such as "ru" for `ru-RU`; "" if none."""
    match = _HTML_LANG.search(text[:8192])
    code = match.group(1).lower() if match else ""
    return "" if code in _NOT_A_LANGUAGE else code
