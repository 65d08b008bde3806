"""Memory while streaming many articles through ``ingest`` into the embedded store.

    python benchmarks/bench_memory.py                     # 2,000 articles (a few minutes)
    python benchmarks/bench_memory.py -n 10000            # the issue's 10,000 (an hour here)
    python benchmarks/bench_memory.py -n 10000 --workers 2

Every ``--every`` articles (default: a tenth of them) it prints the memory of this
process and its workers (proportional set size, so pages forked workers share count
once), this process's resident size, the number of strings in spaCy's vocabulary (which
``nlp.memory_zone`` keeps from growing), and the actors in the store. Flat memory means
nothing in the path keeps a list of the whole corpus. What does grow is the resolver's
table of known actors, with the number of distinct actors; at the end the table is
rebuilt from the store and its size measured with tracemalloc.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
from measure import machine, memory_mb, peak_rss_mb, rss_mb

from graphbuilder.gazetteer import Gazetteer
from graphbuilder.ingest import ingest
from graphbuilder.nlp import load_pipeline
from graphbuilder.resolve import Resolver
from graphbuilder.store import GraphStore, open_store

COUNT_ACTORS = "MATCH (a:Actor) RETURN count(a) AS n"


def resolver_mb(store: GraphStore, gazetteer: Gazetteer) -> tuple[int, float]:
    """Known actors in the store, and MB the resolver's tables of them take (the Actor
    records included)."""
    tracemalloc.start()
    resolver = Resolver(store.known_actors(), gazetteer=gazetteer)
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return len(resolver.actors), size / 1e6


def run(n: int, workers: int, every: int) -> dict[str, Any]:
    nlp = load_pipeline()
    gazetteer = Gazetteer.load(None)
    rows: list[dict[str, Any]] = []
    result: dict[str, Any] = {"articles": n, "workers": workers, "machine": machine(),
                              "checkpoints": rows}
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        root = Path(tmp)
        info = corpus.write_corpus(root / "corpus", n)
        result["words"] = info.words
        with open_store(root / "store") as store:
            began = time.perf_counter()
            done = [0, 0]  # articles, words

            def on_progress(event: str, item: Any) -> None:
                if event != "ingested":
                    return
                done[0] += 1
                done[1] += len(item.text.split())
                if done[0] % every == 0 or done[0] == 1:
                    row = {"articles": done[0], "words": done[1],
                           "seconds": round(time.perf_counter() - began),
                           "memory_mb": round(memory_mb()), "rss_mb": round(rss_mb()),
                           "vocab_strings": len(nlp.vocab.strings),
                           "store_actors": store.query(COUNT_ACTORS)[0]["n"]}
                    rows.append(row)
                    print(json.dumps(row), file=sys.stderr, flush=True)

            summary = ingest([root / "corpus"], store, nlp, gazetteer=gazetteer,
                             workers=workers, on_progress=on_progress)
            result["seconds"] = round(time.perf_counter() - began)
            result["articles_new"] = summary.articles_new
            result["peak_rss_mb"] = round(peak_rss_mb())
            actors, size = resolver_mb(store, gazetteer)
            result["resolver"] = {"actors": actors, "mb": round(size, 1),
                                  "kb_per_actor": round(1000 * size / max(1, actors), 2)}
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--every", type=int, help="articles between checkpoints")
    parser.add_argument("--json", action="store_true", help="one JSON object, no table")
    args = parser.parse_args(argv)
    result = run(args.articles, args.workers, args.every or max(1, args.articles // 10))
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{result['articles']:,d} articles, {result['words']:,d} words, "
          f"{args.workers} worker(s); {result['machine']}")
    print(f"{'articles':>8s} {'seconds':>7s} {'memory MB':>9s} {'RSS MB':>7s} "
          f"{'vocab strings':>13s} {'actors':>7s}")
    for r in result["checkpoints"]:
        print(f"{r['articles']:8,d} {r['seconds']:7d} {r['memory_mb']:9d} {r['rss_mb']:7d} "
              f"{r['vocab_strings']:13,d} {r['store_actors']:7,d}")
    res = result["resolver"]
    print(f"peak RSS {result['peak_rss_mb']} MB; resolver tables {res['mb']} MB for "
          f"{res['actors']:,d} actors ({res['kb_per_actor']} kB each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
