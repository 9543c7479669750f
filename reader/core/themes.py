"""Themes as data: the bundled lexicon, the user's lexicon layered over it, and their validation."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from reader.core.errors import ReaderError
from reader.core.paths import RESOURCES_DIR, user_config_dir

LEXICON_FORMAT = "parallel-reader/themes"
LEXICON_VERSION = 1
BUNDLED_LEXICON = RESOURCES_DIR / "themes" / "lexicon.json"
USER_LEXICON_NAME = "themes.json"
LANGUAGES = ("en", "ru", "ko")
#: Languages written without spaces between a word and its particles: patterns match anywhere.
UNBOUNDED_LANGUAGES = frozenset({"ko"})
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class LexiconError(ReaderError):
    """A lexicon file that cannot be read, or a theme or pattern in it that is not valid."""


@dataclass(frozen=True)
class Theme:
    """One theme: what it is, how it is drawn, and the patterns that find it, per language."""

    id: str
    label: str
    description: str
    color_light: str
    color_dark: str
    patterns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def highlight_color(self, dark: bool) -> str:
        """The colour its passages are highlighted in: the variant made for a light or a dark page."""
        return self.color_dark if dark else self.color_light

    def strong_color(self, dark: bool) -> str:
        """The other variant, for thin lines on that page (marks on the strip, the underline of an
        overlapping theme): a pastel line would vanish on a light page."""
        return self.color_light if dark else self.color_dark

    def to_json(self) -> dict:
        """The theme as it is written in a lexicon file."""
        return {
            "id": self.id,
            "label": self.label,
            "description": self.description,
            "color": {"light": self.color_light, "dark": self.color_dark},
            "patterns": {language: list(items) for language, items in self.patterns.items()},
            "exclude": {language: list(items) for language, items in self.exclude.items() if items},
        }


def _patterns(raw: object, where: str) -> dict[str, tuple[str, ...]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: expected an object of language -> list of patterns")
    result: dict[str, tuple[str, ...]] = {}
    for language, items in raw.items():
        if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
            raise LexiconError(f"{where}.{language}: expected a list of non-empty patterns")
        result[str(language)] = tuple(items)
    return result


def theme_from_json(raw: object, where: str) -> Theme:
    """A Theme from its lexicon-file form; LexiconError names the field that is wrong."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: expected an object")
    for name in ("id", "label"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            raise LexiconError(f"{where}.{name}: missing or empty")
    if not _ID.match(raw["id"]):
        raise LexiconError(f"{where}.id: {raw['id']!r} must be lower-case letters, digits and hyphens")
    color = raw.get("color")
    if not isinstance(color, dict) or not all(isinstance(color.get(k), str) and _COLOR.match(color[k]) for k in ("light", "dark")):
        raise LexiconError(f"{where}.color: expected {{\"light\": \"#rrggbb\", \"dark\": \"#rrggbb\"}}")
    theme = Theme(
        id=raw["id"],
        label=raw["label"].strip(),
        description=str(raw.get("description", "")),
        color_light=color["light"].lower(),
        color_dark=color["dark"].lower(),
        patterns=_patterns(raw.get("patterns"), f"{where}.patterns"),
        exclude=_patterns(raw.get("exclude"), f"{where}.exclude"),
    )
    if not any(theme.patterns.values()):
        raise LexiconError(f"{where}.patterns: a theme needs at least one pattern")
    return theme


def parse_lexicon(data: bytes, source: str | Path) -> list[Theme]:
    """Themes of one lexicon file's bytes; LexiconError with the file and the line or field."""
    return parse_lexicon_document(data, source)[0]


def parse_lexicon_document(data: bytes, source: str | Path) -> tuple[list[Theme], list[str]]:
    """(themes, ids of bundled themes the file removes) of one lexicon file's bytes."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise LexiconError(f"{source}: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise LexiconError(f"{source}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    if not isinstance(document, dict) or document.get("format") != LEXICON_FORMAT:
        raise LexiconError(f"{source}: format: expected \"{LEXICON_FORMAT}\"")
    version = document.get("version")
    if not isinstance(version, int) or version > LEXICON_VERSION:
        raise LexiconError(f"{source}: version: {version!r} is newer than this version of Parallel Reader understands")
    if not isinstance(document.get("themes"), list):
        raise LexiconError(f"{source}: themes: expected a list")
    themes = [theme_from_json(raw, f"{source}: themes[{index}]") for index, raw in enumerate(document["themes"])]
    seen: set[str] = set()
    for index, theme in enumerate(themes):
        if theme.id in seen:
            raise LexiconError(f"{source}: themes[{index}].id: duplicate theme id {theme.id!r}")
        seen.add(theme.id)
    removed = document.get("removed", [])
    if not isinstance(removed, list) or not all(isinstance(item, str) for item in removed):
        raise LexiconError(f"{source}: removed: expected a list of theme ids")
    return themes, removed


def load_lexicon_file(path: Path) -> list[Theme]:
    """Read and validate one lexicon file (patterns are checked when a matcher is built)."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise LexiconError(f"{path}: cannot be read ({error.strerror or error})") from None
    return parse_lexicon(data, path)


def layer(bundled: Iterable[Theme], user: Iterable[Theme], removed: Iterable[str] = ()) -> list[Theme]:
    """The user's themes over the bundled ones: same id replaces, new ids come after, removed ids go."""
    merged = {theme.id: theme for theme in bundled}
    for theme_id in removed:
        merged.pop(theme_id, None)
    for theme in user:
        merged[theme.id] = theme
    return list(merged.values())


def user_lexicon_path() -> Path:
    """Where the user's own and edited themes are kept."""
    return user_config_dir() / USER_LEXICON_NAME


def load_themes(extra_lexicon: Path | None = None) -> list[Theme]:
    """Bundled themes, with the user's lexicon (and `extra_lexicon`, if given) layered over them."""
    themes = load_lexicon_file(BUNDLED_LEXICON)
    user_path = user_lexicon_path()
    if user_path.is_file():
        user_themes, removed = read_user_lexicon(user_path)
        themes = layer(themes, user_themes, removed)
    if extra_lexicon is not None:
        themes = layer(themes, load_lexicon_file(extra_lexicon))
    return themes


def read_user_lexicon(path: Path | None = None) -> tuple[list[Theme], list[str]]:
    """The user's own and edited themes, and the bundled ids they remove ([] and [] if no file)."""
    path = path or user_lexicon_path()
    if not path.is_file():
        return [], []
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LexiconError(f"{path}: cannot be read ({error.strerror or error})") from None
    return parse_lexicon_document(data, path)


def lexicon_json(themes: Iterable[Theme], removed: Iterable[str] = ()) -> str:
    """A lexicon file's text for `themes` (stable key order, so it diffs well)."""
    document: dict = {"format": LEXICON_FORMAT, "version": LEXICON_VERSION, "themes": [t.to_json() for t in themes]}
    removed = sorted(set(removed))
    if removed:
        document["removed"] = removed
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def save_user_lexicon(themes: list[Theme], path: Path | None = None) -> Path:
    """Write the user lexicon that turns the bundled themes into `themes`; atomic (temp file, fsync, replace)."""
    path = path or user_lexicon_path()
    bundled = {theme.id: theme for theme in load_lexicon_file(BUNDLED_LEXICON)}
    kept = {theme.id for theme in themes}
    overrides = [theme for theme in themes if bundled.get(theme.id) != theme]
    removed = [theme_id for theme_id in bundled if theme_id not in kept]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(lexicon_json(overrides, removed))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return path
