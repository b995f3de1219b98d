"""Extraction of one long line without 。！？ (issue 9: it was quadratic; 260 KB took 52 s).

Builds one line of about `--bytes` of UTF-8 from the five corpus documents with every
sentence end and line break replaced by a comma, so that nothing but the sentence cap
(`extract/sentences.py: MAX_SENTENCE_CHARS`) cuts it, and times `Extractor.extract_text`
on it with the statistical NER on, as `policygraph ingest` runs it. Target: 10 MB < 30 s.

usage: python benchmarks/bench_long_line.py [--bytes 10000000]
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def long_line(target_bytes: int) -> str:
    docs = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "corpus").glob("*.txt")))
    line = re.sub(r"[。！？!?\r\n]", "，", docs)
    text = line * (target_bytes // len(line.encode("utf-8")) + 1)
    # cut to the byte budget: the corpus mixes 1- and 3-byte characters
    return text.encode("utf-8")[:target_bytes].decode("utf-8", "ignore")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bytes", type=int, default=10_000_000)
    args = parser.parse_args(argv)
    from policygraph.extract import DocumentInfo, Extractor

    text = long_line(args.bytes)
    extractor = Extractor(use_ner=True)
    info = DocumentInfo(id="long.txt", path=Path("long.txt"), date="2020-01-01")
    wall, cpu = time.perf_counter(), time.process_time()
    records, _warnings = extractor.extract_text(text, info)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"one line of {len(text.encode('utf-8')):,} bytes ({len(text):,} characters), no 。！？")
    print(f"extract_text: {wall:.1f} s wall, {cpu:.1f} s CPU, {len(records)} event records")
    print(f"peak RSS: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
