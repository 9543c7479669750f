"""Readable ASCII slugs for document ids, from titles in Latin, Cyrillic or Hangul script."""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya i yi ye g u".split(),
    )
)
# Revised Romanization of Korean, letter by letter (no sound changes across syllables).
_INITIALS = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_MEDIALS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_FINALS = "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _romanised(c: str) -> str:
    """One character in Latin letters: Cyrillic and Hangul transliterated, accents dropped."""
    if c in _CYRILLIC:
        return _CYRILLIC[c].strip("-")
    code = ord(c)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        index = code - _HANGUL_FIRST
        parts = (_INITIALS[index // 588], _MEDIALS[index % 588 // 28], _FINALS[index % 28])
        return "".join(part.strip("-") for part in parts)
    return "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))


def slugify(text: str, max_length: int = 48) -> str:
    """`Путин в Пхеньяне` -> `putin-v-pkhenyane`: lower-case ASCII words joined by hyphens, cut at a word."""
    romanised = "".join(_romanised(c) for c in text.lower())
    slug = _NOT_SLUG.sub("-", romanised.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1].rsplit("-", 1)[0]
        slug = cut if len(cut) >= max_length // 2 else slug[:max_length].rstrip("-")
    return slug
