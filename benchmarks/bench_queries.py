"""Time every query of ``queries/`` on a graph, in the embedded store and over Bolt.

    python benchmarks/bench_queries.py --store /tmp/kg       # a store bench_ingest kept
    python benchmarks/bench_queries.py -n 1000               # ingest 1,000 articles first

The embedded store is the one given (or one built from ``-n`` corpus articles); the Bolt
side is ArcadeDB's Bolt server from the arcadedb-embedded wheel on a loopback port, filled
with ``copy_store`` (what ``graphbuilder push`` does; its rate is reported too). Each query
runs with its file's default parameters, except that actor names (``name``, ``source``,
``target``) are the graph's two busiest actors, so every per-actor query has work to do.
Each query runs ``--repeat`` times: "first" is the first run (query planning, cold
caches), "best" the fastest of the others. Rows are counted and must agree between the
two stores.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import machine

from graphbuilder.querylib import load_query
from graphbuilder.store import GraphStore, open_store
from graphbuilder.store.copy import copy_store
from graphbuilder.store.testserver import BoltTestServer

QUERIES = Path(__file__).resolve().parent.parent / "queries"
ACTOR_PARAMS = {"name": 0, "source": 0, "target": 1}  # parameter → rank of busiest actor


def query_params(store: GraphStore, defaults: dict[str, Any]) -> dict[str, Any]:
    top = [r["name"] for r in store.stats(top=2)["top_actors"]]
    params = dict(defaults)
    for key, rank in ACTOR_PARAMS.items():
        if key in params and rank < len(top):
            params[key] = top[rank]
    return params


def time_queries(store: GraphStore, repeat: int) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(QUERIES.glob("*.cypher")):
        query = load_query(str(path))
        params = query_params(store, query.defaults)
        times: list[float] = []
        rows = 0
        for _ in range(repeat):
            began = time.perf_counter()
            rows = len(store.query(query.text, params))
            times.append(time.perf_counter() - began)
        out[path.stem] = {"rows": rows, "first_ms": round(1000 * times[0], 1),
                          "best_ms": round(1000 * min(times[1:] or times), 1)}
    return out


def build_store(location: Path, n: int) -> None:
    import corpus

    from graphbuilder.gazetteer import Gazetteer
    from graphbuilder.ingest import ingest
    from graphbuilder.nlp import load_pipeline

    folder = location.parent / "corpus"
    corpus.write_corpus(folder, n)
    with open_store(location) as store:
        ingest([folder], store, load_pipeline(), gazetteer=Gazetteer.load(None))


def run(store_dir: Path | None, n: int, repeat: int, bolt: bool) -> dict[str, Any]:
    result: dict[str, Any] = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="bench-queries-") as tmp:
        root = Path(tmp)
        if store_dir is None:
            store_dir = root / "store"
            build_store(store_dir, n)
        with open_store(store_dir) as store:
            stats = store.stats()
            result["graph"] = {k: stats[k] for k in ("articles", "actors", "facts")}
            result["embedded"] = time_queries(store, repeat)
            if bolt:
                with BoltTestServer(root / "bolt-server") as server, open_store(
                    neo4j_uri=server.uri, user=server.user, password=server.password,
                    database=server.database,
                ) as remote:
                    began = time.perf_counter()
                    copied = copy_store(store, remote)
                    seconds = time.perf_counter() - began
                    result["push"] = {"seconds": round(seconds, 1),
                                      "facts_per_s": round(copied["facts"] / seconds),
                                      "articles_per_s": round(copied["articles"] / seconds)}
                    result["bolt"] = time_queries(remote, repeat)
    if bolt:
        result["same_rows"] = all(result["bolt"][q]["rows"] == r["rows"]
                                  for q, r in result["embedded"].items())
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="an existing embedded store")
    parser.add_argument("-n", "--articles", type=int, default=1000,
                        help="without --store: ingest this many corpus articles first")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-bolt", action="store_true")
    parser.add_argument("--json", action="store_true", help="one JSON object, no table")
    args = parser.parse_args(argv)
    result = run(args.store, args.articles, max(1, args.repeat), not args.no_bolt)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"graph {result['graph']}; {result['machine']}")
    if "push" in result:
        print(f"push to Bolt: {result['push']}")
    print(f"{'query':32s} {'rows':>5s} {'embedded first/best ms':>24s} {'Bolt first/best ms':>20s}")
    for name, e in result["embedded"].items():
        b = result.get("bolt", {}).get(name)
        bolt_text = f"{b['first_ms']:9.1f} /{b['best_ms']:8.1f}" if b else ""
        print(f"{name:32s} {e['rows']:5d} {e['first_ms']:13.1f} /{e['best_ms']:8.1f} {bolt_text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
