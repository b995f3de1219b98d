"""Extraction throughput beside bare jieba.lcut, and peak memory.

Builds a text of about 1.5 M characters by repeating the five corpus documents,
times ``Extractor.extract_text`` on it and ``jieba.lcut`` on the same text in the
same run, and prints chars/s for both, their ratio and the peak RSS of the process.
Target (issue 3): extraction ≥ 0.5 × jieba's throughput, peak RSS ≤ 1 GB.

With --traditional it also times the same text written in traditional script (OpenCC s2tw),
which adds detection, conversion for matching and the offset map (docs/extraction.md), and
prints the ratio of the two extraction rates.

usage: python benchmarks/bench_extract.py [--chars 1500000] [--traditional]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent


def corpus_text(target_chars: int) -> str:
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "corpus").glob("*.txt"))]
    block = "\n\n".join(docs)
    return (block + "\n\n") * (target_chars // len(block) + 1)


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux
    return max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        psutil.Process().memory_info().rss / 2**20,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_500_000)
    parser.add_argument("--traditional", action="store_true", help="also time a traditional-script text")
    args = parser.parse_args(argv)

    import jieba
    from policygraph.extract import DocumentInfo, Extractor

    text = corpus_text(args.chars)
    extractor = Extractor()
    jieba.initialize()
    jieba.lcut("预热")  # both sides warm before timing

    started = time.perf_counter()
    jieba.lcut(text)
    jieba_seconds = time.perf_counter() - started

    info = DocumentInfo(id="bench.txt", path=Path("bench.txt"), date="2021")
    started = time.perf_counter()
    records, _ = extractor.extract_text(text, info)
    extract_seconds = time.perf_counter() - started

    jieba_rate = len(text) / jieba_seconds
    extract_rate = len(text) / extract_seconds
    print(f"text: {len(text):,} characters")
    print(f"jieba.lcut: {jieba_seconds:.2f} s, {jieba_rate:,.0f} chars/s")
    print(f"extract:    {extract_seconds:.2f} s, {extract_rate:,.0f} chars/s, {len(records)} records")
    print(f"ratio extract/jieba: {extract_rate / jieba_rate:.2f} (target >= 0.5)")
    if args.traditional:
        import opencc

        traditional = opencc.OpenCC("s2tw").convert(text)
        started = time.perf_counter()
        converted, _ = extractor.extract_text(traditional, info)
        traditional_rate = len(traditional) / (time.perf_counter() - started)
        print(f"traditional: {traditional_rate:,.0f} chars/s, {len(converted)} records, "
              f"{traditional_rate / extract_rate:.2f} x the simplified rate")
    print(f"peak RSS: {peak_rss_mb():,.0f} MB (target <= 1024)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
