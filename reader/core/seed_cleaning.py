"""Build the bundled corpus from the seed pages, removing page chrome by rules kept as data.

The rules live in `resources/corpus-recipe.json`. A seed is read line by line; a line is
dropped when it is page chrome, when it repeats an earlier kept line (a headline or dateline
printed twice), or when it comes at or after a cut marker (a comment form). Patterns are
compared with the line's whitespace collapsed, but kept lines are written exactly as they
are in the seed, so no-break spaces, curly quotes and dashes survive.

Regenerate the committed corpus with `python -m reader.core.seed_cleaning [SEEDS_DIR [OUT_DIR]]`.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from reader.core.corpus import MANIFEST_FORMAT, MANIFEST_NAME, MANIFEST_VERSION
from reader.core.errors import ReaderError, UnreadableFileError
from reader.core.paths import BUNDLED_CORPUS_DIR, PROJECT_ROOT, RESOURCES_DIR

RECIPE_FORMAT = "parallel-reader/corpus-recipe"
DEFAULT_RECIPE = RESOURCES_DIR / "corpus-recipe.json"
DEFAULT_SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"
METADATA_FIELDS = ("outlet", "perspective", "date", "place", "language")


def comparable(line: str) -> str:
    """The line as rules see it: whitespace runs (no-break spaces too) as one space, trimmed."""
    return " ".join(line.split())


@dataclass(frozen=True)
class CleaningRules:
    """What to drop from one seed: chrome lines, everything from a cut marker on, repeats."""

    chrome: tuple[re.Pattern[str], ...] = ()
    cut_from: tuple[re.Pattern[str], ...] = ()
    drop_repeated: bool = True


@dataclass(frozen=True)
class SeedRecipe:
    """One seed file, the document made from it, and how to clean it."""

    seed: str
    id: str
    title: str
    metadata: dict[str, str | None]
    rules: CleaningRules


def _matches(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    return any(pattern.fullmatch(line) for pattern in patterns)


def clean_text(raw: str, rules: CleaningRules) -> str:
    """The article text of one seed: kept lines, one blank line between paragraphs, final newline."""
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[list[str]] = [[]]
    seen: set[str] = set()
    for line in text.split("\n"):
        key = comparable(line)
        if not key:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if _matches(rules.cut_from, key):
            break
        if _matches(rules.chrome, key) or (rules.drop_repeated and key in seen):
            continue
        seen.add(key)
        paragraphs[-1].append(line)
    blocks = ["\n".join(lines) for lines in paragraphs if lines]
    return "\n\n".join(blocks) + "\n" if blocks else ""


class _RecipeReader:
    """Reads the recipe's fields, naming the recipe file and the field in every error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> UnreadableFileError:
        return UnreadableFileError(self.path, f"{where}: {problem}")

    def field(self, row: object, key: str, where: str, kinds: tuple[type, ...] = (str,)) -> object:
        if not isinstance(row, dict) or key not in row:
            raise self.fail(f"{where}.{key}", "this field is missing")
        if not isinstance(row[key], kinds):
            raise self.fail(f"{where}.{key}", f"expected {' or '.join(k.__name__ for k in kinds)}")
        return row[key]

    def patterns(self, values: object, where: str) -> tuple[re.Pattern[str], ...]:
        if not isinstance(values, list):
            raise self.fail(where, "expected a list of patterns")
        compiled = []
        for index, value in enumerate(values):
            pattern = value["pattern"] if isinstance(value, dict) and "pattern" in value else value
            if not isinstance(pattern, str):
                raise self.fail(f"{where}[{index}]", "expected a pattern string")
            try:
                compiled.append(re.compile(pattern))
            except re.error as error:
                raise self.fail(f"{where}[{index}]", f"bad pattern {pattern!r} ({error})") from None
        return tuple(compiled)


def load_recipe(recipe_path: Path = DEFAULT_RECIPE) -> list[SeedRecipe]:
    """Read the corpus recipe: one entry per seed with its metadata and cleaning rules."""
    reader = _RecipeReader(recipe_path)
    try:
        data = json.loads(recipe_path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise UnreadableFileError(recipe_path, f"cannot read the corpus recipe ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise UnreadableFileError(recipe_path, "the corpus recipe is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise UnreadableFileError(
            recipe_path, f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if reader.field(data, "format", "recipe") != RECIPE_FORMAT:
        raise reader.fail("format", f"expected {RECIPE_FORMAT!r}")
    chrome = reader.patterns(reader.field(data, "chrome_lines", "recipe", (list,)), "chrome_lines")
    drop_repeated = bool(reader.field(data, "drop_repeated_lines", "recipe", (bool,)))
    recipes: list[SeedRecipe] = []
    for index, row in enumerate(reader.field(data, "seeds", "recipe", (list,))):
        where = f"seeds[{index}]"
        doc_id = str(reader.field(row, "id", where))
        if any(recipe.id == doc_id for recipe in recipes):
            raise reader.fail(f"{where}.id", f"duplicate document id {doc_id!r}")
        metadata = {key: reader.field(row, key, where, (str, type(None))) for key in METADATA_FIELDS}
        cut_from = reader.patterns(reader.field(row, "cut_from", where, (list,)), f"{where}.cut_from")
        recipes.append(
            SeedRecipe(
                seed=str(reader.field(row, "seed", where)),
                id=doc_id,
                title=str(reader.field(row, "title", where)),
                metadata=metadata,  # type: ignore[arg-type]
                rules=CleaningRules(chrome=chrome, cut_from=cut_from, drop_repeated=drop_repeated),
            )
        )
    return recipes


def read_seed(path: Path) -> str:
    """The decoded text of one seed file; UnreadableFileError when missing or not UTF-8."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UnreadableFileError(path, "the seed file does not exist") from None
    except OSError as error:
        raise UnreadableFileError(path, f"cannot read the seed file ({error.strerror or error})") from None
    except UnicodeDecodeError as error:
        raise UnreadableFileError(path, f"the seed file is not UTF-8 text (byte {error.start})") from None


def render_corpus(seeds_dir: Path, recipe_path: Path = DEFAULT_RECIPE) -> dict[str, str]:
    """Every corpus file the recipe makes from the seeds: file name -> exact content."""
    seeds_dir = Path(seeds_dir)
    recipes = load_recipe(recipe_path)
    if not seeds_dir.is_dir():
        raise UnreadableFileError(seeds_dir, "the seeds folder does not exist")
    files: dict[str, str] = {}
    documents: list[dict[str, str | None]] = []
    for recipe in recipes:
        text = clean_text(read_seed(seeds_dir / recipe.seed), recipe.rules)
        first = text.split("\n\n", 1)[0]
        if comparable(first) != comparable(recipe.title):
            raise ReaderError(
                f"{recipe_path}: {recipe.id}: the cleaned text starts with {first[:80]!r}, not the title {recipe.title!r}"
            )
        files[f"{recipe.id}.txt"] = text
        documents.append(
            {"id": recipe.id, "title": recipe.title, "path": f"{recipe.id}.txt", **recipe.metadata, "seed": recipe.seed}
        )
    manifest = {"format": MANIFEST_FORMAT, "version": MANIFEST_VERSION, "documents": documents}
    files[MANIFEST_NAME] = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    return files


def build_corpus(seeds_dir: Path, out_dir: Path, recipe_path: Path = DEFAULT_RECIPE) -> list[Path]:
    """Write the cleaned texts and manifest.json into out_dir; return the paths written."""
    files = render_corpus(seeds_dir, recipe_path)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in files.items():
        path = out_dir / name
        path.write_bytes(content.encode("utf-8"))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Rebuild the corpus: `[SEEDS_DIR [OUT_DIR]]`, defaulting to the shared seeds and corpus/."""
    args = sys.argv[1:] if argv is None else argv
    seeds_dir = Path(args[0]) if args else DEFAULT_SEEDS_DIR
    out_dir = Path(args[1]) if len(args) > 1 else BUNDLED_CORPUS_DIR
    try:
        for path in build_corpus(seeds_dir, out_dir):
            print(path)
    except ReaderError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
