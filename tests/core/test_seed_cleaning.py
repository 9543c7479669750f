"""The bundled corpus is exactly what the recipe makes from the seed pages, chrome removed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from reader.core import paths
from reader.core.errors import ReaderError, UnreadableFileError
from reader.core.seed_cleaning import CleaningRules, build_corpus, clean_text, load_recipe, render_corpus

SEEDS_DIR = Path(paths.PROJECT_ROOT).parent / "shared" / "seeds"
CORPUS_DIR = paths.BUNDLED_CORPUS_DIR
RECIPE = paths.RESOURCES_DIR / "corpus-recipe.json"
NBSP = "\u00a0"

needs_seeds = pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"the seed texts are not here: {SEEDS_DIR}")

# Seed file -> document id, and the 1-based line numbers of the seed that are the article
# (headline, dateline, paragraphs), decided by reading each seed page.
SEED_IDS = {
    "000_1e7e9343aa2536f3.txt": "kremlin-2001-08-04",
    "001_fcc317b584e695b0.txt": "kremlin-2000-07-19",
    "002_45c24db9844f6b3c.txt": "dprk-2020-07-19",
    "003_ebf00b4595f9b8e6.txt": "tanjug-2024-06-19",
    "004_03b63bd73365df22.txt": "voa-2002-08-23",
}
ARTICLE_LINES = {
    "kremlin-2001-08-04": [13, 15, *range(17, 34, 2)],
    "kremlin-2000-07-19": [11, 13, *range(15, 46, 2)],
    "dprk-2020-07-19": [3, *range(5, 22, 2)],
    "tanjug-2024-06-19": [5, 7, *range(14, 45, 2)],
    "voa-2002-08-23": [6, *range(10, 29, 2)],
}
HEADLINES = {
    "kremlin-2001-08-04": "Russian President Vladimir Putin held talks with his visiting North Korean counterpart, Kim Jong Il",
    "kremlin-2000-07-19": "Replies to\u00a0Russian Journalists\u2019 Questions About Talks with Kim Jong-il, Chairman "
    "of\u00a0the\u00a0Defence Committee of\u00a0the\u00a0Democratic People\u2019s Republic of\u00a0Korea",
    "dprk-2020-07-19": "Historic Milestone for Development of DPRK-Russia Friendly Relations In New Century",
    "tanjug-2024-06-19": "You have our unreserved support!",
    "voa-2002-08-23": "Russian, North Korean Leaders Meet in Vladivostok - 2002-08-23",
}
DATELINES = {"kremlin-2001-08-04": "August 4, 2001, The Kremlin, Moscow", "kremlin-2000-07-19": "July 19, 2000, Pyongyang"}
KEY_SENTENCES = {
    "kremlin-2001-08-04": [
        "Given that the\u00a01972 ABM Treaty is the\u00a0cornerstone of\u00a0strategic stability",
        "its missile programme was of\u00a0a\u00a0peaceful nature",
        "Upon completion of\u00a0the\u00a0talks, Mr Putin hosted a\u00a0dinner in\u00a0his North Korean guest\u2019s honour.",
    ],
    "kremlin-2000-07-19": [
        "Vladimir Putin: Good afternoon.",
        "we could jointly build a\u00a0railway line from the\u00a0south of\u00a0the\u00a0Korean Peninsula to\u00a0North Korea",
        "other regional powers\u00a0\u2013 China and\u00a0Japan.",
    ],
    "dprk-2020-07-19": [
        "July 19 is a significant day which marks the 20th anniversary",
        "contacts \u2013 to include the visits to the DPRK by the Minister of Foreign Affairs",
        "in conformity with the spirit of the DPRK-Russia Joint Declaration.",
    ],
    "tanjug-2024-06-19": [
        "ended this morning in Pyongyang.",
        "to protect sovereignty, security interests, as well as territorial integrity,\" said Kim.",
        "Putin last visited North Korea in 2000.",
    ],
    "voa-2002-08-23": [
        "Mr. Kim, who avoids flying, came to Russia by rail on Tuesday.",
        "Less than a week ago, Iraq announced a new $40 billion economic cooperation deal with Iraq.",
        "is expected to return home on Saturday.",
    ],
}
CHROME_SUBSTRINGS = [
    "View settings", "Font size", "Site colours", "Official website of the President of Russia",
    "News /", "Transcripts /", "Leave a Reply", "Fill in your details", "You are commenting using",
    "Connecting to %s", "Komentari", "Možda vas zanima", "XS SM MD LG", "Accessibility links",
    "Breaking News", "World 0", "Izvor:",
]
CHROME_PARAGRAPHS = ["Images", "Settings", "News", "update", "Foreign Affairs", "XS", "SM", "MD", "LG"]


def seed_lines(seed: str) -> list[str]:
    return (SEEDS_DIR / seed).read_text(encoding="utf-8").split("\n")


def committed_text(doc_id: str) -> str:
    return (CORPUS_DIR / f"{doc_id}.txt").read_bytes().decode("utf-8")


def paragraphs(text: str) -> list[str]:
    return text.rstrip("\n").split("\n\n")


def spaced(text: str) -> str:
    return " ".join(text.split())


@needs_seeds
def test_committed_corpus_is_exactly_what_the_recipe_renders():
    rendered = render_corpus(SEEDS_DIR, RECIPE)
    assert sorted(rendered) == sorted([f"{doc_id}.txt" for doc_id in SEED_IDS.values()] + ["manifest.json"])
    for name, content in rendered.items():
        assert (CORPUS_DIR / name).read_bytes() == content.encode("utf-8"), f"corpus/{name} is out of date"
    assert sorted(p.name for p in CORPUS_DIR.glob("*.txt")) == sorted(n for n in rendered if n.endswith(".txt"))


@needs_seeds
@pytest.mark.parametrize("seed, doc_id", SEED_IDS.items())
def test_text_is_the_article_lines_of_the_seed_verbatim(seed, doc_id):
    lines = seed_lines(seed)
    expected = "\n\n".join(lines[n - 1] for n in ARTICLE_LINES[doc_id]) + "\n"
    text = committed_text(doc_id)
    assert text == expected
    kept_nbsp = sum(lines[n - 1].count(NBSP) for n in ARTICLE_LINES[doc_id])
    assert text.count(NBSP) == kept_nbsp
    # Every paragraph is a whole seed line, in the seed's order.
    position = -1
    for paragraph in paragraphs(text):
        assert paragraph in lines[position + 1 :], paragraph[:60]
        position = lines.index(paragraph, position + 1)


def test_nbsp_counts_of_the_committed_texts():
    # Seeds hold 119, 203, 16, 0, 0: one in each Kremlin section crumb, 16 in the DPRK comment form.
    counts = {doc_id: committed_text(doc_id).count(NBSP) for doc_id in SEED_IDS.values()}
    assert counts == {
        "kremlin-2001-08-04": 118,
        "kremlin-2000-07-19": 202,
        "dprk-2020-07-19": 0,
        "tanjug-2024-06-19": 0,
        "voa-2002-08-23": 0,
    }


@pytest.mark.parametrize("doc_id", SEED_IDS.values())
def test_key_sentences_survive_and_text_is_well_formed(doc_id):
    raw = (CORPUS_DIR / f"{doc_id}.txt").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    text = raw.decode("utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    for sentence in KEY_SENTENCES[doc_id]:
        assert sentence in text


@pytest.mark.parametrize("doc_id", SEED_IDS.values())
def test_no_chrome_and_headline_and_dateline_once(doc_id):
    text = committed_text(doc_id)
    flat = spaced(text)
    for chrome in CHROME_SUBSTRINGS:
        assert chrome not in flat, chrome
    for chrome in CHROME_PARAGRAPHS:
        assert chrome not in [spaced(p) for p in paragraphs(text)], chrome
    parts = paragraphs(text)
    assert parts[0] == HEADLINES[doc_id]
    assert text.count(HEADLINES[doc_id]) == 1
    if doc_id in DATELINES:
        assert parts[1] == DATELINES[doc_id]
        assert text.count(DATELINES[doc_id]) == 1


@needs_seeds
def test_build_corpus_writes_the_committed_files(tmp_path):
    out = tmp_path / "corpus"
    written = build_corpus(SEEDS_DIR, out)
    assert [p.name for p in written] == [f"{i}.txt" for i in SEED_IDS.values()] + ["manifest.json"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    for path in written:
        assert path.read_bytes() == (CORPUS_DIR / path.name).read_bytes()


def test_missing_seeds_dir_names_the_path(tmp_path):
    missing = tmp_path / "no-seeds-here"
    with pytest.raises(UnreadableFileError, match=re.escape(str(missing))):
        build_corpus(missing, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@needs_seeds
def test_missing_seed_file_names_the_file(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed in SEED_IDS:
        if seed != "003_ebf00b4595f9b8e6.txt":
            shutil.copyfile(SEEDS_DIR / seed, seeds / seed)
    with pytest.raises(UnreadableFileError) as caught:
        render_corpus(seeds)
    assert str(seeds / "003_ebf00b4595f9b8e6.txt") in str(caught.value)
    assert "does not exist" in str(caught.value)


RULES = CleaningRules(
    chrome=(re.compile("News /"), re.compile("Images")),
    cut_from=(re.compile("Leave a Reply"),),
)


def test_clean_text_matches_chrome_through_nbsp_but_keeps_kept_text_exact():
    raw = "\ufeffNews\u00a0 /\r\n\r\nHead\u00a0line\r\n\r\n\r\n\r\nThe\u00a0two \u201cleaders\u201d \u2013 met.\r\nImages\r\n"
    assert clean_text(raw, RULES) == "Head\u00a0line\n\nThe\u00a0two \u201cleaders\u201d \u2013 met.\n"


def test_clean_text_cuts_from_marker_and_drops_repeats():
    raw = "Head\n\nMay 1, Place\n\nBody one.\nBody two.\n\nHead\n\nMay\u00a01, Place\n\nLeave a Reply\n\nMore body."
    assert clean_text(raw, RULES) == "Head\n\nMay 1, Place\n\nBody one.\nBody two.\n"
    keep_all = CleaningRules(drop_repeated=False)
    assert clean_text("A\n\nA", keep_all) == "A\n\nA\n"
    assert clean_text("Images\n\n", RULES) == ""


def test_recipe_lists_the_five_seeds_with_whole_line_rules():
    recipes = load_recipe(RECIPE)
    assert [(r.seed, r.id) for r in recipes] == list(SEED_IDS.items())
    rules = recipes[0].rules
    assert any(p.fullmatch("News /") for p in rules.chrome)
    assert not any(p.fullmatch("News agencies reported") for p in rules.chrome)
    assert [p.pattern for p in recipes[2].rules.cut_from][0] == "Leave a Reply"


def write_recipe(tmp_path: Path, change) -> Path:
    data = json.loads(RECIPE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "recipe.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_broken_recipes_name_the_file_and_field(tmp_path):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"format":\n  }', encoding="utf-8")
    with pytest.raises(UnreadableFileError, match=r"bad\.json: not valid JSON at line 2, column 3"):
        load_recipe(bad_json)
    no_title = write_recipe(tmp_path, lambda d: d["seeds"][1].pop("title"))
    with pytest.raises(UnreadableFileError, match=r"seeds\[1\]\.title: this field is missing"):
        load_recipe(no_title)
    bad_pattern = write_recipe(tmp_path, lambda d: d["seeds"][0].update(cut_from=["(unclosed"]))
    with pytest.raises(UnreadableFileError, match=r"seeds\[0\]\.cut_from\[0\]: bad pattern"):
        load_recipe(bad_pattern)
    with pytest.raises(UnreadableFileError, match="no-recipe.json"):
        load_recipe(tmp_path / "no-recipe.json")


@needs_seeds
def test_recipe_whose_text_does_not_start_with_the_title_is_refused(tmp_path):
    wrong_title = write_recipe(tmp_path, lambda d: d["seeds"][4].update(title="Some other headline"))
    with pytest.raises(ReaderError, match="voa-2002-08-23"):
        render_corpus(SEEDS_DIR, wrong_title)
