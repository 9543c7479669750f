"""Full-text search over 10,000 documents of about 2 KB each: indexing rate, and query time against a LIKE scan."""

from __future__ import annotations

import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from reader.core.corpus import Document, DocumentMetadata
from reader.core.search_index import SearchIndex
from reader.core.search_query import parse_query

DOCUMENTS = 10_000
DOC_BYTES = 2_000
RUNS = 3
HIT_LIMIT = 100  # hits per query, as one page of the search dock
TARGET_MS = 50.0
SEED = 20_000_719
# Vocabularies from the corpus's subject matter, commonest first; a few entries are phrases.
ENGLISH = (
    "the of and to in a on for with that was by talks leaders cooperation delegation railway peninsula "
    "missile treaty sovereignty security economic president visit agreement relations link programme "
    "Moscow Pyongyang Korea Russia Europe trans-Korean national defence peaceful independence integrity "
    "territorial energy projects declaration summit interference satellite launch ballistic"
).split() + ["railway link", "missile programme", "national missile defence", "Khasan\u2013Rajin line"]
RUSSIAN = (
    "и в на с по что о для к переговоры стороны сотрудничество делегация железной дороги полуострова договор "
    "ракетной суверенитета безопасности президент визит соглашение отношения программы Москва Пхеньян Корея "
    "Россия Европа территориальной целостности независимости энергетики проекты декларация встреча "
    "вмешательства спутника запуск баллистической объединённой"
).split() + ["железной дороги", "Договор по ПРО", "территориальной целостности", "Хасан\u00a0\u2014 Раджин"]
KOREAN = (
    "및 그리고 대하여 있다 하였다 회담은 쌍방은 협력을 대표단은 철도를 반도의 조약을 자주권을 안전 경제 수반 방문 "
    "협정 관계 련결 계획 모스크바 평양 조선 로씨야 유럽 령토 완정 독립 에네르기 사업 선언 상봉 간섭 위성 발사 "
    "철도련결을 조선반도종단철도와 시베리아횡단철도를"
).split() + ["철도 련결", "경제 협력", "라선\u2013하산 철도"]
VOCABULARIES = {"en": ENGLISH, "ru": RUSSIAN, "ko": KOREAN}
PERSPECTIVES = ("russian-official", "dprk-official", "western-media", "other-media")
WORDS = "railway missile sovereignty treaty cooperation delegation peninsula железной договор суверенитета сотрудничество делегация ракетной полуострова 철도 조약 자주권 협력 대표단 련결".split()
PHRASES = [
    '"railway link"', '"missile programme"', '"national missile defence"', '"Khasan-Rajin"', '"trans-Korean railway"',
    '"железной дороги"', '"Договор по ПРО"', '"территориальной целостности"', '"Хасан-Раджин"', '"объединенной Корея"',
    '"철도 련결"', '"경제 협력"', '"라선-하산"', '"평양 방문"', '"Moscow Pyongyang"',
]
PREFIXES = "railw* missil* sovereign* cooperat* treat* delegat* желез* ракет* суверен* сотрудн* договор* 철도* 련결* 협력* 조약*".split()
QUERIES = WORDS + PHRASES + PREFIXES


def generate_documents(count: int = DOCUMENTS, size_bytes: int = DOC_BYTES) -> list[Document]:
    """`count` deterministic documents of about `size_bytes` each, a third in each language, Zipf-like word use."""
    rng = random.Random(SEED)
    weights = {lang: [1 / (rank + 1) for rank in range(len(words))] for lang, words in VOCABULARIES.items()}
    documents = []
    for number in range(count):
        language = ("en", "ru", "ko")[number % 3]
        words, sentences, size = VOCABULARIES[language], [], 0
        while size < size_bytes:
            sentence = rng.choices(words, weights[language], k=rng.randint(6, 14))
            if rng.random() < 0.1:  # a little of another language, as in quotations
                other = rng.choice([lang for lang in VOCABULARIES if lang != language])
                sentence.insert(rng.randrange(len(sentence)), rng.choice(VOCABULARIES[other]))
            text = " ".join(sentence)
            text = text[:1].upper() + text[1:] + (".\n\n" if rng.random() < 0.2 else ". ")
            sentences.append(text)
            size += len(text.encode("utf-8"))
        date = f"{2000 + number % 25}-{1 + number % 12:02}-{1 + number % 28:02}"
        meta = DocumentMetadata(outlet="Generated", perspective=PERSPECTIVES[number % 4], date=date, language=language)
        documents.append(Document(f"doc-{number:05}", f"Document {number}", "".join(sentences), meta))
    return documents


def like_pattern(query: str) -> str:
    """The LIKE pattern a plain scan would use for the query: %words%, quotes and stars dropped."""
    return "%" + query.strip('"*') + "%"


def _median_ms(timings: list[float]) -> float:
    return statistics.median(timings) * 1000


def run() -> dict[str, float]:
    """Print indexing docs/s, and median query times of FTS5 (documents, and hits in context) and a LIKE scan."""
    documents = generate_documents()
    megabytes = sum(len(doc.text.encode("utf-8")) for doc in documents) / 1e6
    with tempfile.TemporaryDirectory(prefix="parallel-reader-search-") as folder:
        path = Path(folder) / "index.sqlite"
        with SearchIndex(path) as index:
            start = time.perf_counter()
            index.update(documents)
            index_s = time.perf_counter() - start
            size_mb = path.stat().st_size / 1e6
            db = sqlite3.connect(path)
            fts, like, hits, counts = [], [], [], []
            for query in QUERIES:
                fts_query = parse_query(query).fts()
                per_fts, per_like, per_hits = [], [], []
                for _ in range(RUNS):
                    began = time.perf_counter()
                    fts_docs = db.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", (fts_query,)).fetchone()[0]
                    per_fts.append(time.perf_counter() - began)
                    began = time.perf_counter()
                    like_docs = db.execute("SELECT count(*) FROM documents WHERE text LIKE ?", (like_pattern(query),)).fetchone()[0]
                    per_like.append(time.perf_counter() - began)
                    began = time.perf_counter()
                    found = index.search(query, limit=HIT_LIMIT)
                    per_hits.append(time.perf_counter() - began)
                fts.append(statistics.median(per_fts))
                like.append(statistics.median(per_like))
                hits.append(statistics.median(per_hits))
                counts.append((fts_docs, like_docs, len(found)))
            db.close()
    result = {
        "docs_per_s": len(documents) / index_s,
        "fts_ms": _median_ms(fts),
        "like_ms": _median_ms(like),
        "search_ms": _median_ms(hits),
        "search_max_ms": max(hits) * 1000,
    }
    result["ratio"] = result["fts_ms"] / result["like_ms"]
    result["search_ratio"] = result["search_ms"] / result["like_ms"]
    verdict = "meets" if result["search_ms"] <= TARGET_MS else "MISSES"
    matched = statistics.median(count[0] for count in counts)
    print(
        f"search index, {len(documents)} docs ({megabytes:.0f} MB en/ru/ko): indexing {result['docs_per_s']:.0f} docs/s "
        f"({megabytes / index_s:.1f} MB/s, index {size_mb:.0f} MB); {len(QUERIES)} queries (words, phrases, prefixes), medians: "
        f"FTS5 matching documents {result['fts_ms']:.2f} ms (median {matched:.0f} docs), LIKE '%word%' scan {result['like_ms']:.1f} ms "
        f"-> ratio {result['ratio']:.3f}; search with keyword in context ({HIT_LIMIT} hits) {result['search_ms']:.1f} ms, "
        f"slowest {result['search_max_ms']:.1f} ms -> ratio {result['search_ratio']:.3f} to LIKE ({verdict} target median <= {TARGET_MS:.0f} ms)"
    )
    return result


if __name__ == "__main__":
    run()
