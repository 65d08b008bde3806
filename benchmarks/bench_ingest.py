"""End-to-end ingest into the embedded store: articles/s and words/s by ``--workers``,
and what a re-run over the same, unchanged files costs.

    python benchmarks/bench_ingest.py                       # 1,000 articles, workers 1 and 2
    python benchmarks/bench_ingest.py -n 200 --workers 1    # quicker
    python benchmarks/bench_ingest.py --keep-store /tmp/kg  # keep the workers=1 store

Each worker count ingests the same corpus (``corpus.py``) into its own new store with
``graphbuilder.ingest.ingest`` (read → extract → resolve → store, the CLI's code path,
without the CLI's start-up, which is reported separately), after a warm-up ingest of
the examples. So that every worker count sees the same load on a shared machine, the
corpus is ingested in ``--rounds`` slices, one folder each, the worker counts taking
turns on each slice. The two stores end with
the same graph (checked).

Reported per worker count: wall seconds, articles/s, words/s, CPU seconds of this
process (reading, resolving, the store and its JVM) and of the worker processes, the
largest memory seen (proportional set size of this process and its workers), and
the speed-up over one worker. On a busy machine the wall-clock speed-up says more about
the other jobs than about graphbuilder, so an estimate for an idle machine with
``os.cpu_count()`` CPUs is given too: the largest of the parent's CPU seconds, one
worker's share, and all CPU seconds spread over all CPUs.

Re-run: ``ingest`` over the whole corpus again, in process (every file read and hashed,
nothing parsed: ``articles_new`` must be 0) and as the real command
``graphbuilder ingest --store ... DIR`` (which adds loading the pipeline and the JVM).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
from measure import cpu_seconds, machine, memory_mb

from graphbuilder.gazetteer import Gazetteer
from graphbuilder.ingest import IngestSummary, ingest
from graphbuilder.nlp import load_pipeline
from graphbuilder.store import GraphStore, open_store
from graphbuilder.store import arcadedb as embedded_backend

GRAPHBUILDER = Path(sys.executable).with_name("graphbuilder")


def timed_ingest(paths: list[Path], store: GraphStore, nlp: Any, gazetteer: Gazetteer,
                 workers: int) -> tuple[IngestSummary, dict[str, float]]:
    peak = [0.0, 0.0]  # MB, when last sampled

    def on_progress(event: str, item: object) -> None:
        # smaps_rollup of a process with a JVM costs milliseconds: sample every 2 s
        if event == "ingested" and time.perf_counter() - peak[1] > 2.0:
            peak[0] = max(peak[0], memory_mb())
            peak[1] = time.perf_counter()

    wall = time.perf_counter()
    own, kids = cpu_seconds()
    summary = ingest(paths, store, nlp, gazetteer=gazetteer, workers=workers,
                     on_progress=on_progress)
    own2, kids2 = cpu_seconds()
    return summary, {"wall": time.perf_counter() - wall, "cpu_parent": own2 - own,
                     "cpu_workers": kids2 - kids, "memory_mb": peak[0]}


def warm_up(nlp: Any, gazetteer: Gazetteer, worker_counts: list[int], root: Path) -> None:
    """Ingest the repository's examples once per worker count into a throwaway store, so
    that first-call costs (the JVM's compiler, lazy tables) fall outside the timings."""
    with open_store(root / "store") as store:
        for w in worker_counts:
            ingest([corpus.EXAMPLES], store, nlp, gazetteer=gazetteer, workers=w)


def graph_counts(store: GraphStore) -> dict[str, int]:
    stats = store.stats()
    return {k: int(stats[k]) for k in ("articles", "actors", "facts") if k in stats}


def run(n: int, worker_counts: list[int], rounds: int, keep: Path | None,
        cli_rerun: bool) -> dict[str, Any]:
    nlp = load_pipeline()
    gazetteer = Gazetteer.load(None)
    embedded_backend.start_jvm()
    result: dict[str, Any] = {"articles": n, "machine": machine(), "modes": {}}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        root = Path(tmp)
        info = corpus.write_corpus(root / "corpus", n, per_dir=-(-n // rounds))
        result["words"] = info.words
        slices = sorted(p for p in (root / "corpus").iterdir() if p.is_dir())
        dirs = {w: (keep if keep and w == worker_counts[0] else root / f"store-w{w}")
                for w in worker_counts}
        warm_up(nlp, gazetteer, worker_counts, root / "warm-up")
        stores = {w: open_store(dirs[w]) for w in worker_counts}
        totals = {w: {"wall": 0.0, "cpu_parent": 0.0, "cpu_workers": 0.0, "memory_mb": 0.0,
                      "articles": 0, "words": 0} for w in worker_counts}
        try:
            for part in slices:
                for w in worker_counts:
                    summary, t = timed_ingest([part], stores[w], nlp, gazetteer, w)
                    total = totals[w]
                    for k in ("wall", "cpu_parent", "cpu_workers"):
                        total[k] += t[k]
                    total["memory_mb"] = max(total["memory_mb"], t["memory_mb"])
                    total["articles"] += summary.articles_new
                    total["words"] += summary.words
            counts = {w: graph_counts(stores[w]) for w in worker_counts}
            result["graph"] = counts[worker_counts[0]]
            result["same_graph"] = all(c == counts[worker_counts[0]] for c in counts.values())
            # re-run over the same directory: nothing new, nothing parsed
            result["rerun"] = {}
            for w in worker_counts:
                summary, t = timed_ingest([root / "corpus"], stores[w], nlp, gazetteer, w)
                assert summary.articles_new == 0, "a re-run extracted articles again"
                result["rerun"][f"workers={w}"] = {
                    "seconds": round(t["wall"], 2), "unchanged": summary.articles_unchanged,
                    "ms_per_article": round(1000 * t["wall"] / max(1, summary.articles_read), 2)}
        finally:
            for store in stores.values():
                store.close()
        base = totals[worker_counts[0]]["wall"]
        cores = os.cpu_count() or 1
        for w, t in totals.items():
            idle = max(t["cpu_parent"], t["cpu_workers"] / w,
                       (t["cpu_parent"] + t["cpu_workers"]) / cores)
            result["modes"][f"workers={w}"] = {
                "articles": t["articles"], "words": t["words"],
                "wall_s": round(t["wall"], 1),
                "articles_per_s": round(t["articles"] / t["wall"], 2),
                "words_per_s": round(t["words"] / t["wall"]),
                "cpu_parent_s": round(t["cpu_parent"], 1),
                "cpu_workers_s": round(t["cpu_workers"], 1),
                "speedup": round(base / t["wall"], 2),
                "idle_estimate_s": round(idle, 1),
                "idle_estimate_words_per_s": round(t["words"] / idle) if idle else 0,
                "peak_memory_mb": round(t["memory_mb"]),
            }
        if cli_rerun:
            result["rerun"]["cli"] = cli_rerun_cost(dirs[worker_counts[0]], root / "corpus")
    return result


def cli_rerun_cost(store: Path, folder: Path) -> dict[str, Any]:
    """Seconds of ``graphbuilder ingest`` over unchanged files, and of the same command on
    an empty folder (start-up alone: pipeline, JVM, store)."""
    empty = folder.parent / "empty"
    empty.mkdir(exist_ok=True)
    out: dict[str, Any] = {}
    for name, target in (("startup_only", empty), ("rerun", folder)):
        began = time.perf_counter()
        done = subprocess.run([str(GRAPHBUILDER), "ingest", "--quiet", "--store", str(store),
                               str(target)], capture_output=True, text=True, check=False)
        out[f"{name}_s"] = round(time.perf_counter() - began, 2)
        if name == "rerun":
            out["summary"] = done.stdout.strip().splitlines()[-1:] or done.stderr[-200:]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=4, help="corpus slices, taken in turn")
    parser.add_argument("--keep-store", type=Path, help="keep the first worker count's store")
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI re-run")
    parser.add_argument("--json", action="store_true", help="one JSON object, no table")
    args = parser.parse_args(argv)
    result = run(args.articles, args.workers, args.rounds, args.keep_store, not args.no_cli)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{result['articles']:,d} articles, {result['words']:,d} words; {result['machine']}")
    print(f"graph: {result['graph']}; same graph for every worker count: {result['same_graph']}")
    for mode, m in result["modes"].items():
        print(f"  {mode:10s} {m['wall_s']:7.1f} s  {m['articles_per_s']:6.2f} articles/s  "
              f"{m['words_per_s']:6,d} words/s  speed-up {m['speedup']:.2f}x  "
              f"cpu parent {m['cpu_parent_s']:.0f} s + workers {m['cpu_workers_s']:.0f} s  "
              f"(idle-machine estimate {m['idle_estimate_words_per_s']:,d} words/s)  "
              f"memory {m['peak_memory_mb']} MB")
    for mode, r in result["rerun"].items():
        print(f"  re-run {mode}: {r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
