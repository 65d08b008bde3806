"""Run every benchmark and print one table of figures (Markdown).

    python benchmarks/run_all.py            # every measure of the README table, at sizes that
                                            # take under 10 minutes on a busy 2-CPU machine
    python benchmarks/run_all.py --quick    # small sizes, a few minutes: does it all run?
    python benchmarks/run_all.py --full     # the README's sizes: 1,000-article ingest,
                                            # 100,000-relationship loads, 10,000-article
                                            # memory run (about an hour and a half)

Each benchmark runs as its own process (``benchmarks/bench_*.py``; run one alone for its
details). The figures are wall-clock rates on whatever machine runs this, which is named
with its load in the output; ratios (extraction vs parse, batched vs one row) are measured
within one run, so they hold better than absolute rates on a busy machine.
``--out FILE`` also writes every figure as JSON.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import machine

HERE = Path(__file__).resolve().parent
SIZES = {  # default / --quick / --full
    "extract_articles": (60, 30, 150),
    "ingest_articles": (200, 100, 1000),
    "store_relations": (20_000, 2_000, 20_000),
    "store_single": (2_000, 1_000, 5_000),  # one row per transaction: the rate hardly
    "html": ((5000, 20000), (500, 2000), (5000, 20000)),  # depends on how many
}


def bench(script: str, *args: str) -> str:
    """Run ``benchmarks/<script>`` with this Python; its stdout (stderr passed through)."""
    command = [sys.executable, str(HERE / script), *args]
    print(f"$ {' '.join(command[1:])}", file=sys.stderr, flush=True)
    began = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    print(f"  ({time.perf_counter() - began:.0f} s)", file=sys.stderr, flush=True)
    if done.returncode != 0:
        raise SystemExit(f"{script} failed (exit {done.returncode})")
    return done.stdout


def last_json(text: str) -> dict[str, Any]:
    return json.loads([line for line in text.splitlines() if line.startswith("{")][-1])


_STORE_LINE = re.compile(
    r"^(?P<backend>\w+)\s+(?P<mode>batched|one row)[^\d]*(?:\d+ rows\))?\s+(?P<n>[\d,]+) rel\s+"
    r"(?P<seconds>[\d.]+) s\s+(?P<rate>[\d,]+) rel/s\s+cpu\s+(?P<cpu>[\d.]+) ms/rel"
)


def store_load(n: int, single: int) -> dict[str, dict[str, float]]:
    """bench_store_load.py's rates: backend → {"batched": rel/s, "one row": rel/s,
    "batched cpu": ms/rel, "one row cpu": ms/rel} (CPU of this process; for Bolt the
    server's is printed separately by the benchmark).

    ``single`` relationships are loaded one row per transaction: that rate does not
    depend on how many (each article is planned on its own), and a smaller sample saves
    minutes."""
    out: dict[str, dict[str, float]] = {}
    for line in bench("bench_store_load.py", "-n", str(n), "--single", str(single)
                      ).splitlines():
        m = _STORE_LINE.match(line)
        if m:
            rates = out.setdefault(m["backend"], {})
            rates[m["mode"]] = float(m["rate"].replace(",", ""))
            rates[m["mode"] + " cpu"] = float(m["cpu"])
    return out


def collect(quick: bool, full: bool) -> dict[str, Any]:
    pick = 1 if quick else 2 if full else 0
    sizes = {k: v[pick] for k, v in SIZES.items()}
    figures: dict[str, Any] = {"machine_before": machine(), "sizes": sizes}
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-all-") as tmp:
        store = Path(tmp) / "kg"
        figures["extract"] = {
            w: last_json(bench("bench_extract.py", "-n", str(sizes["extract_articles"]),
                               "--workers", str(w), "--json"))
            for w in (1, 2)
        }
        figures["ingest"] = last_json(bench(
            "bench_ingest.py", "-n", str(sizes["ingest_articles"]), "--keep-store", str(store),
            "--json"))
        figures["queries"] = last_json(bench("bench_queries.py", "--store", str(store),
                                             "--json"))
    n = sizes["store_relations"]
    figures["store_load"] = {n: store_load(n, sizes["store_single"])}
    if full:
        figures["store_load"][100_000] = store_load(100_000, 10_000)
    actors, facts = sizes["html"]
    figures["html"] = last_json(bench("bench_html.py", "--actors", str(actors),
                                      "--facts", str(facts)))
    if full:
        figures["memory"] = last_json(bench("bench_memory.py", "-n", "10000", "--json"))
    figures["seconds"] = round(time.perf_counter() - began)
    figures["machine_after"] = machine()
    return figures


def table(f: dict[str, Any]) -> str:
    rows: list[tuple[str, str]] = []
    for w, e in f["extract"].items():
        raw = e["modes"]["raw parse (nlp.pipe)"]
        ours = e["modes"]["extract (extract_stream)"]
        rows.append((f"Extraction, {w} process(es), {e['articles']} articles / "
                     f"{e['words']:,d} words",
                     f"raw parse {raw['words_per_s']:,d} words/s; extract "
                     f"{ours['words_per_s']:,d} words/s = **{ours['cost_vs_parse']:.2f}x** the "
                     f"parse (CPU {ours['cpu_cost_vs_parse']:.2f}x; target <= 1.25x)"))
    ing = f["ingest"]
    for mode, m in ing["modes"].items():
        rows.append((f"Ingest {m['articles']:,d} articles ({m['words']:,d} words), "
                     f"embedded, {mode.replace('=', ' ')}",
                     f"{m['wall_s']:.0f} s: **{m['articles_per_s']:.2f} articles/s, "
                     f"{m['words_per_s']:,d} words/s**, speed-up {m['speedup']:.2f}x; CPU "
                     f"{m['cpu_parent_s'] + m['cpu_workers_s']:.0f} s (idle-machine estimate "
                     f"{m['idle_estimate_words_per_s']:,d} words/s); memory "
                     f"{m['peak_memory_mb']} MB"))
    rerun = ing["rerun"]
    first = next(v for k, v in rerun.items() if k.startswith("workers="))
    text = (f"{first['seconds']:.1f} s in process ({first['ms_per_article']:.1f} ms per "
            f"unchanged article, nothing parsed)")
    if "cli" in rerun:
        text += (f"; `graphbuilder ingest` {rerun['cli']['rerun_s']:.1f} s, of which "
                 f"{rerun['cli']['startup_only_s']:.1f} s start-up")
    rows.append((f"Re-run over the same {first['unchanged']:,d} files", text))
    for n, backends in f["store_load"].items():
        for backend, r in backends.items():
            if "batched" in r and "one row" in r:
                cpu = ""
                if backend == "embedded":
                    cpu = (f" (CPU {r['batched cpu']:.2f} vs {r['one row cpu']:.2f} ms/rel: "
                           f"{r['one row cpu'] / r['batched cpu']:.1f}x)")
                rows.append((f"Store load {int(n):,d} relationships, {backend}",
                             f"batched {r['batched']:,.0f} rel/s, one row per transaction "
                             f"{r['one row']:,.0f} rel/s: **{r['batched'] / r['one row']:.1f}x**"
                             f"{cpu}"))
    if "memory" in f:
        mem = f["memory"]
        points = ", ".join(f"{c['articles']:,d}: {c['memory_mb']} MB"
                           for c in mem["checkpoints"] if c["articles"] in (1000, 5000, 10000))
        rows.append((f"Memory streaming {mem['articles']:,d} articles",
                     f"{points} (after n articles; peak RSS {mem['peak_rss_mb']} MB); "
                     f"resolver tables {mem['resolver']['mb']} MB for "
                     f"{mem['resolver']['actors']:,d} actors"))
    h = f["html"]
    rows.append((f"HTML export {h['actors']:,d} actors / {h['facts']:,d} relations",
                 f"write {h['write_s']} s, {h['size_mb']} MB; headless Chromium: drawn and "
                 f"interactive {h['open_wall_s']} s after opening, a filter click redrawn in "
                 f"{h['filter_click_s']} s"))
    q = f["queries"]
    for name, e in q["embedded"].items():
        b = q.get("bolt", {}).get(name, {})
        rows.append((f"Query `{name}` ({e['rows']} rows)",
                     f"embedded {e['best_ms']:.0f} ms (first {e['first_ms']:.0f}); Bolt "
                     f"{b.get('best_ms', 0):.0f} ms (first {b.get('first_ms', 0):.0f})"))
    if "push" in q:
        rows.append(("`push` of that graph to Bolt",
                     f"{q['push']['seconds']} s ({q['push']['facts_per_s']:,d} facts/s)"))
    lines = ["| measure | figure |", "| --- | --- |"]
    lines += [f"| {a} | {b} |" for a, b in rows]
    lines.append("")
    lines.append(f"Machine: {f['machine_before']} (before); {f['machine_after']} (after). "
                 f"All benchmarks: {f['seconds'] / 60:.1f} min.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--full", action="store_true", help="also the large variants")
    parser.add_argument("--out", type=Path, help="write all figures as JSON here")
    args = parser.parse_args(argv)
    figures = collect(args.quick, args.full)
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
