"""Load N synthetic relationships into each store, batched and one row per transaction.

    python benchmarks/bench_store_load.py                  # N = 20,000, embedded and Bolt
    python benchmarks/bench_store_load.py --large          # N = 100,000
    python benchmarks/bench_store_load.py --backend bolt --neo4j bolt://localhost:7687 \\
        --user neo4j --password secret                     # a real Neo4j (adds synthetic data!)

"Batched" is ``GraphStore.write_articles``: UNWIND batches of ``--batch-size`` rows, one
transaction per group of whole articles. "One row per transaction" runs exactly the
statements that path runs for a new article (``plan_writes_of_new``), article by
article, with one row each, each in its own transaction (through the same
managed-transaction path), as a naive loader would: about 68 transactions for an article
of 10 facts (the article, each of its ~19 actors twice, a mention per actor, a fact per
fact). Planned per article, its cost per relationship does not depend on how many are
loaded, so ``--single`` can be smaller than N. (Planning a whole benchmark slice at
once, as this benchmark did before, writes each actor once per slice instead of once per
article: fewer transactions per relationship the larger the slice.) Both load the same
kind of graph (10 facts per article between 500 actors, with their articles, actors and
mentions; different ids) into the same store after a warm-up load, and rates are
relationships (facts) per second of wall time.

The two loads run interleaved, a slice of each per round, so both see the same load on
a shared machine; CPU seconds per relationship are printed as well (this process, and
the Bolt server process when it runs here), as those depend less on what else runs.
Without ``--neo4j`` the Bolt side is ArcadeDB's Bolt server from the arcadedb-embedded
wheel on a free loopback port, set to sync its log to disk on every commit as Neo4j
does by default (``--no-sync`` keeps ArcadeDB's own default, which does not).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from graphbuilder.store import GraphStore, open_store
from graphbuilder.store import arcadedb as embedded_backend
from graphbuilder.store.rows import plan_writes_of_new
from graphbuilder.store.synthetic import synthetic_graphs
from graphbuilder.store.testserver import BoltTestServer
from graphbuilder.types import ArticleGraph

# Loaded before timing, batched and one row per transaction, so that the JVM has compiled
# both paths (the embedded store's JIT compiler otherwise takes as much CPU as the load
# itself for the first ten thousand relationships) and the constraints exist.
WARM_UP = 10_000
WARM_UP_SINGLE = 200
ROUNDS = 10


def process_cpu(pid: int | None) -> float:
    """CPU seconds used so far by another process (Linux), 0 elsewhere."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write_batched(store: GraphStore, graphs: list[ArticleGraph], batch_size: int) -> int:
    store.write_articles(graphs, batch_size=batch_size)
    return 0


def write_one_row_per_transaction(
    store: GraphStore, graphs: list[ArticleGraph], batch_size: int
) -> int:
    """Article by article, each row of the article's statements in its own transaction."""
    transactions = 0
    for graph in graphs:
        for statement in plan_writes_of_new([graph], store.ontology, batch_size=1):
            store._write([statement])
            transactions += 1
    return transactions


def run(
    name: str, store: GraphStore, n: int, single: int, batch_size: int, pid: int | None
) -> None:
    store.write_articles(synthetic_graphs(WARM_UP, seed=99))
    write_one_row_per_transaction(store, list(synthetic_graphs(WARM_UP_SINGLE, seed=98)), 1)
    modes: list[tuple[str, list[ArticleGraph], Callable[..., int]]] = [
        (f"batched ({batch_size} rows)", list(synthetic_graphs(n, seed=1)), write_batched),
        (
            "one row per transaction",
            list(synthetic_graphs(single, seed=2)),
            write_one_row_per_transaction,
        ),
    ]
    for _, graphs, _ in modes:
        store._ensure_fact_schema(graphs)
    totals = {mode: [0.0, 0.0, 0.0, 0] for mode, _, _ in modes}  # wall, cpu, server cpu, tx
    before = store.stats()["facts"]
    for r in range(ROUNDS):
        for mode, graphs, write in modes:
            part = graphs[len(graphs) * r // ROUNDS : len(graphs) * (r + 1) // ROUNDS]
            wall, cpu, server = time.perf_counter(), time.process_time(), process_cpu(pid)
            transactions = write(store, part, batch_size)
            t = totals[mode]
            t[0] += time.perf_counter() - wall
            t[1] += time.process_time() - cpu
            t[2] += process_cpu(pid) - server
            t[3] += transactions
    written = store.stats()["facts"] - before
    assert written == n + single, f"{name}: {written} relationships written, not {n + single}"
    rates = []
    for mode, graphs, _ in modes:
        wall, cpu, server, transactions = totals[mode]
        count = sum(len(g.facts) for g in graphs)
        rates.append(count / wall)
        cpu_text = f"cpu {1000 * cpu / count:5.2f} ms/rel"
        if pid is not None:
            cpu_text += f" + server {1000 * server / count:5.2f} ms/rel"
        tx = f"  {transactions:,d} transactions" if transactions else ""
        print(
            f"{name:8s} {mode:25s} {count:>8,d} rel {wall:7.1f} s {count / wall:8,.0f} rel/s  "
            f"{cpu_text}{tx}"
        )
    print(f"{name:8s} {'ratio batched / one-row':25s} {rates[0] / rates[1]:>22.1f}x")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20_000, help="relationships to load batched")
    parser.add_argument("--large", action="store_true", help="N = 100,000")
    parser.add_argument(
        "--single",
        type=int,
        default=None,
        help="relationships to load one row per transaction [default: N, at most 5,000]",
    )
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--backend", choices=["embedded", "bolt", "both"], default="both")
    parser.add_argument(
        "--no-sync", action="store_true", help="Bolt server does not sync its log per commit"
    )
    parser.add_argument("--neo4j", help="a real Neo4j URI instead of the ArcadeDB Bolt server")
    parser.add_argument("--user", default=os.environ.get("NEO4J_USERNAME", "neo4j"))
    parser.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD"))
    parser.add_argument("--database", default=os.environ.get("NEO4J_DATABASE"))
    args = parser.parse_args(argv)
    n = 100_000 if args.large else args.n
    single = args.single if args.single is not None else min(n, 5_000)

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        root = Path(tmp)
        if args.backend in ("embedded", "both"):
            began = time.perf_counter()
            embedded_backend.start_jvm()
            print(f"embedded: JVM start {time.perf_counter() - began:.2f} s (once per process)")
            with open_store(root / "embedded") as store:
                run("embedded", store, n, single, args.batch_size, None)
        if args.backend in ("bolt", "both") and args.neo4j:
            with open_store(
                neo4j_uri=args.neo4j, user=args.user, password=args.password, database=args.database
            ) as store:
                run("neo4j", store, n, single, args.batch_size, None)
        elif args.backend in ("bolt", "both"):
            began = time.perf_counter()
            server = BoltTestServer(root / "bolt-server", durable=not args.no_sync).start()
            sync = "no sync" if args.no_sync else "log synced on every commit"
            print(
                f"bolt: ArcadeDB Bolt server ({sync}) ready in {time.perf_counter() - began:.1f} s"
            )
            try:
                with open_store(
                    neo4j_uri=server.uri,
                    user=server.user,
                    password=server.password,
                    database=server.database,
                ) as store:
                    run("bolt", store, n, single, args.batch_size, server.pid)
            finally:
                server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
