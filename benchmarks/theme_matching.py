"""Issue-4 (a): matching the whole lexicon over 20 MB of mixed text, against one plain regular expression."""

from __future__ import annotations

import re
import statistics
import time

from reader.core.corpus import Corpus
from reader.core.matcher import ThemeMatcher
from reader.core.themes import load_lexicon_file, BUNDLED_LEXICON

SIZE_BYTES = 20 * 1024 * 1024
RUNS = 3
TARGET_RATIO = 0.125
# Russian and Korean prose with some theme words among many others, as in real reporting.
RUSSIAN = (
    "Переговоры прошли в конструктивной атмосфере. Стороны обсудили развитие двусторонних связей, "
    "вопросы культуры, образования и туризма, а также восстановление железной дороги Хасан — Раджин. "
    "Российская сторона подтвердила уважение суверенитета КНДР. Делегации посетили выставку и театр.\n\n"
)
KOREAN = (
    "회담은 친선적인 분위기속에서 진행되었다. 쌍방은 문화와 교육, 관광 분야의 교류를 확대하기로 하였으며 "
    "라선-하산 철도 련결 사업에 대하여서도 언급하였다. 대표단은 박물관과 극장을 참관하였다.\n\n"
)


def mixed_text(size_bytes: int = SIZE_BYTES) -> str:
    """About `size_bytes` of the bundled English documents interleaved with Russian and Korean prose."""
    corpus = Corpus.bundled()
    english = [corpus.document(entry.id).text for entry in corpus]
    parts, total, index = [], 0, 0
    while total < size_bytes:
        piece = english[index % len(english)] + "\n" + (RUSSIAN if index % 2 else KOREAN)
        parts.append(piece)
        total += len(piece.encode("utf-8"))
        index += 1
    return "".join(parts)


FUNCTION_WORDS = {"with", "their", "between", "each", "other", "another", "means", "from", "that", "this", "into", "good"}


def literal_words(themes) -> list[str]:
    """The content words of every pattern, as a naive lexicon would list them.

    Words of three letters or fewer are left out unless they are acronyms (ABM, NMD, ПРО) or
    Hangul, and so are function words such as "with": a plain list would not have them.
    """
    words: set[str] = set()
    for theme in themes:
        for patterns in theme.patterns.values():
            for pattern in patterns:
                cleaned = re.sub(r"\\[pP]\{?\w+\}?|\(\?[-\w]*:|\\.", " ", pattern)
                for word in re.findall(r"[^\W\d_]{2,}", cleaned):
                    hangul = "\uac00" <= word[0] <= "\ud7a3"
                    if (hangul or len(word) > 3 or word.isupper()) and word.lower() not in FUNCTION_WORDS:
                        words.add(word)
    return sorted(words, key=len, reverse=True)


def run() -> dict[str, float]:
    """Print MB/s of ours and the baseline, and their time ratio (median of a few runs)."""
    themes = load_lexicon_file(BUNDLED_LEXICON)
    text = mixed_text()
    megabytes = len(text.encode("utf-8")) / 1e6
    start = time.perf_counter()
    matcher = ThemeMatcher(themes)
    compile_s = time.perf_counter() - start
    baseline = re.compile(r"\b(?:" + "|".join(map(re.escape, literal_words(themes))) + r")\b", re.IGNORECASE)
    ours, bare, counts = [], [], (0, 0)
    for _ in range(RUNS):
        start = time.perf_counter()
        found = len(matcher.match(text))
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        naive = sum(1 for _ in baseline.finditer(text))
        bare.append(time.perf_counter() - start)
        counts = (found, naive)
    result = {"app_s": statistics.median(ours), "baseline_s": statistics.median(bare), "compile_s": compile_s}
    result["ratio"] = result["app_s"] / result["baseline_s"]
    verdict = "meets" if result["ratio"] <= TARGET_RATIO else "MISSES"
    print(
        f"theme matching, {megabytes:.0f} MB mixed en/ru/ko: lexicon {megabytes / result['app_s']:.0f} MB/s "
        f"({counts[0]} spans), plain-word regex {megabytes / result['baseline_s']:.1f} MB/s ({counts[1]} words) "
        f"-> ratio {result['ratio']:.3f} ({verdict} target <= {TARGET_RATIO}); compiling the lexicon {compile_s * 1000:.0f} ms"
    )
    return result
