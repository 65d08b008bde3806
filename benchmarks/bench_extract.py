"""Extraction overhead: words/s of the raw parse vs words/s of our extraction, same corpus.

    python benchmarks/bench_extract.py                    # 200 articles, 1 process
    python benchmarks/bench_extract.py --workers 2        # 2 processes on both sides
    python benchmarks/bench_extract.py --profile          # + where extraction spends its time
    python benchmarks/bench_extract.py --model accurate   # the optional transformer pipeline

"raw parse" is ``nlp.pipe`` of the bundled (or ``--model``) pipeline over the article texts
(``n_process=workers``); "extract" is ``graphbuilder.parallel.extract_stream`` (what
``ingest`` runs: ``extract_all`` in chunks, in ``workers`` forked processes), and with
``--workers 2`` also ``extract_all(n_process=2)`` (spaCy's own processes parse, this one
extracts). Words are whitespace-separated words of the article text, the same count for
every mode, so words/s ratios are time ratios. The modes run interleaved, a slice of the
corpus each per round, so all see the same load on a shared machine; CPU seconds
(this process and its finished children) are reported too. The target: extraction costs
at most 1.25x the raw parse.

``--profile`` samples one single-process extraction with pyinstrument
(``pip install pyinstrument``) and prints the functions with the most time, by own time
and by time including callees.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
from measure import cpu_seconds as measure_cpu
from measure import machine

from graphbuilder.extract import extract_all
from graphbuilder.gazetteer import Gazetteer
from graphbuilder.nlp import load_pipeline
from graphbuilder.parallel import extract_stream
from graphbuilder.read import iter_articles
from graphbuilder.types import Article

ROUNDS = 4


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have finished."""
    return sum(measure_cpu())


def load_articles(n: int, tmp: Path) -> list[Article]:
    """``n`` corpus articles, read by graphbuilder's reader (ids, titles as in ingest)."""
    corpus.write_corpus(tmp / "corpus", n)
    return [a for a in iter_articles([tmp / "corpus"]) if isinstance(a, Article)]


def modes(nlp: Any, workers: int, gazetteer: Gazetteer
          ) -> dict[str, Callable[[list[Article]], int]]:
    def raw(articles: list[Article]) -> int:
        docs = nlp.pipe((a.text for a in articles), batch_size=32, n_process=workers)
        return sum(1 for _ in docs)

    def ours(articles: list[Article]) -> int:
        return sum(1 for _ in extract_stream(articles, nlp, workers=workers,
                                             gazetteer=gazetteer))

    def spacy_processes(articles: list[Article]) -> int:
        return sum(1 for _ in extract_all(articles, nlp, n_process=workers,
                                          gazetteer=gazetteer))

    found = {"raw parse (nlp.pipe)": raw, "extract (extract_stream)": ours}
    if workers > 1:
        found["extract (extract_all, spaCy n_process)"] = spacy_processes
    return found


def measure(articles: list[Article], nlp: Any, workers: int, gazetteer: Gazetteer
            ) -> dict[str, dict[str, float]]:
    """Wall and CPU seconds of each mode over the same articles, interleaved by rounds."""
    runs = modes(nlp, workers, gazetteer)
    totals = {name: [0.0, 0.0] for name in runs}
    for r in range(ROUNDS):
        part = articles[len(articles) * r // ROUNDS: len(articles) * (r + 1) // ROUNDS]
        for name, run in runs.items():
            wall, cpu = time.perf_counter(), cpu_seconds()
            assert run(part) == len(part)
            totals[name][0] += time.perf_counter() - wall
            totals[name][1] += cpu_seconds() - cpu
    words = sum(len(a.text.split()) for a in articles)
    raw_wall, raw_cpu = totals["raw parse (nlp.pipe)"]
    return {
        name: {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
               "words_per_s": round(words / wall), "cpu_words_per_s": round(words / cpu),
               "cost_vs_parse": round(wall / raw_wall, 3),
               "cpu_cost_vs_parse": round(cpu / raw_cpu, 3)}
        for name, (wall, cpu) in totals.items()
    }


def profile(articles: Iterable[Article], nlp: Any, gazetteer: Gazetteer, top: int
            ) -> dict[str, list[tuple[str, float]]]:
    """Own and inclusive seconds of the busiest functions while extracting ``articles``."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit("--profile needs pyinstrument: pip install pyinstrument")
    profiler = Profiler(interval=0.002)
    profiler.start()
    for _ in extract_stream(articles, nlp, gazetteer=gazetteer):
        pass
    session = profiler.stop()
    own: dict[str, float] = {}
    inclusive: dict[str, float] = {}
    total = 0.0
    for stack, seconds in session.frame_records:  # one record per sample: (call stack, time)
        names = [_frame_name(ident) for ident in stack]
        names = [n for n in names if n]
        if not names:
            continue
        total += seconds
        own[names[-1]] = own.get(names[-1], 0.0) + seconds
        for name in set(names):  # a recursive function counts once per sample
            inclusive[name] = inclusive.get(name, 0.0) + seconds

    def best(table: dict[str, float]) -> list[tuple[str, float]]:
        ranked = sorted(table.items(), key=lambda kv: -kv[1])[:top]
        return [(name, round(100 * s / total, 1)) for name, s in ranked]

    return {"total_s": [("sampled", round(total, 2))], "own_percent": best(own),
            "inclusive_percent": best(inclusive)}


def _frame_name(identifier: str) -> str:
    """``function (package/module.py)`` of a pyinstrument frame identifier; "" for the
    synthetic frames (threads, self-time markers)."""
    parts = identifier.split("\x00")
    if len(parts) < 2 or parts[1] in ("", "<thread>") or parts[0].startswith("["):
        return ""
    where = Path(parts[1])
    return f"{parts[0]} ({'/'.join(where.parts[-2:])})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--model", default=None,
                        help="pipeline to measure: 'accurate', a package or a directory "
                             "(default: the bundled one)")
    parser.add_argument("--profile", action="store_true", help="profile one extraction too")
    parser.add_argument("--top", type=int, default=25, help="profile entries to show")
    parser.add_argument("--json", action="store_true", help="one JSON object, no table")
    args = parser.parse_args(argv)

    nlp = load_pipeline(args.model)
    gazetteer = Gazetteer.load(None)
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        articles = load_articles(args.articles, Path(tmp))
    words = sum(len(a.text.split()) for a in articles)
    for _ in extract_stream(articles[:4], nlp, gazetteer=gazetteer):
        pass  # warm-up: first-call allocations, lazy tables
    load = os.getloadavg()[0]
    result: dict[str, Any] = {"articles": len(articles), "words": words,
                              "workers": args.workers, "load_average": round(load, 1)}
    result["modes"] = measure(articles, nlp, args.workers, gazetteer)
    if args.profile:
        result["profile"] = profile(articles, nlp, gazetteer, args.top)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{len(articles):,d} articles, {words:,d} words, {args.workers} process(es); "
          f"{machine()}")
    for name, m in result["modes"].items():
        print(f"  {name:40s} {m['words_per_s']:7,d} words/s  (cpu {m['cpu_words_per_s']:7,d})  "
              f"cost {m['cost_vs_parse']:.2f}x parse  (cpu {m['cpu_cost_vs_parse']:.2f}x)")
    if args.profile:
        prof = result["profile"]
        print(f"profile of one extraction, {prof['total_s'][0][1]} s; own time:")
        for name, pct in prof["own_percent"]:
            print(f"  {pct:5.1f}%  {name}")
        print("including callees:")
        for name, pct in prof["inclusive_percent"]:
            print(f"  {pct:5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
