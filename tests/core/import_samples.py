"""Sample files for the import tests: texts in three scripts, a web page with its chrome, Word and PDF files."""

from __future__ import annotations

from pathlib import Path

ENGLISH = "The two leaders agreed to link the Trans-Korean railway with the Trans-Siberian line."
RUSSIAN = "Стороны договорились о восстановлении железнодорожного сообщения между Хасаном и Раджином."
KOREAN = "쌍방은 나라의 자주권과 령토완정을 존중하고 내정에 간섭하지 않는 원칙을 재확인하였다."

ARTICLE = [
    "President Putin held talks in Moscow with Kim Jong Il, who arrived in Russia by train.",
    "The two sides agreed to restore the railway between Khasan and Rajin and to link the Trans-Korean railway with the Trans-Siberian line.",
    "Both reaffirmed respect for sovereignty, territorial integrity and non-interference in internal affairs.",
    "The Moscow Declaration signed on 4 August sets out their common views on security, including the ABM Treaty.",
]
CHROME = [
    "Home page of the Example Herald",  # navigation
    "Subscribe to our newsletter today",  # navigation
    "Buy discount elephants now",  # advert
    "Limited offer for premium members",  # advert
    "Leave a comment",  # comment form
    "Post your comment",  # comment form
    "All rights reserved by Example Herald Media",  # footer
    "Privacy policy and cookie settings",  # footer
]


def article_page(charset: str = "utf-8") -> str:
    """A news page: navigation, adverts, a comment form and a footer around a four-paragraph article."""
    paragraphs = "\n".join(f"<p>{sentence}</p>" for sentence in ARTICLE)
    paragraphs = paragraphs.replace("railway between", "<em>railway</em> between", 1).replace("Moscow Declaration", '<a href="/decl">Moscow Declaration</a>', 1)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="{charset}">
<title>Putin and Kim sign the Moscow Declaration | Example Herald</title>
<meta property="og:site_name" content="Example Herald">
<meta property="article:published_time" content="2001-08-04T18:30:00+04:00">
</head>
<body>
<header><nav class="menu"><ul>
<li><a href="/">{CHROME[0]}</a></li><li><a href="/world">World news</a></li><li><a href="/subscribe">{CHROME[1]}</a></li>
</ul></nav></header>
<div class="advertisement ad-banner"><a href="https://ads.example.com/">{CHROME[2]}</a></div>
<main>
<article>
<h1>Putin and Kim sign the Moscow Declaration</h1>
{paragraphs}
</article>
<aside class="sidebar-ad"><p>{CHROME[3]}</p></aside>
<section id="comments" class="comments">
<h2>{CHROME[4]}</h2>
<form action="/comment" method="post"><label for="name">Name</label><input id="name" name="name">
<textarea name="body"></textarea><button type="submit">{CHROME[5]}</button></form>
</section>
</main>
<footer><p>{CHROME[6]}</p><p><a href="/privacy">{CHROME[7]}</a></p></footer>
</body>
</html>
"""


def simple_pdf(path: Path, lines: list[str], info: dict[str, str] | None = None, password: str | None = None) -> Path:
    """A one-page PDF of ASCII lines in Helvetica, with document information and optionally encrypted ("" opens without a password)."""
    from pypdf import PdfReader, PdfWriter

    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 12 Tf 72 720 Td " + " 0 -18 Td ".join(f"({escaped(line)}) Tj" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(data)
    data += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    data += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("ascii")
    data += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    path.write_bytes(bytes(data))
    if info or password is not None:
        import io

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(data))))
        if info:
            writer.add_metadata(info)
        if password is not None:
            writer.encrypt(password, owner_password="owner", algorithm="RC4-128")
        with open(path, "wb") as handle:
            writer.write(handle)
    return path


def blank_pdf(path: Path) -> Path:
    """A PDF whose one page has no text at all, as a scan without a text layer."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def word_file(path: Path, paragraphs: list[str], title: str = "", author: str = "", created=None) -> Path:
    """A .docx made with python-docx: the paragraphs (an empty one between the first two) and core properties."""
    import docx

    document = docx.Document()
    for index, paragraph in enumerate(paragraphs):
        document.add_paragraph(paragraph)
        if index == 0:
            document.add_paragraph("")
    properties = document.core_properties
    properties.title, properties.author = title, author
    if created is not None:
        properties.created = created
    document.save(str(path))
    return path
