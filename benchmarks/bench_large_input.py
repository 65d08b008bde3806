"""Benchmark one very large text file through ``graphbuilder ingest`` (issue 6, item 4).

Writes a synthetic English news text of each requested size, runs ``graphbuilder ingest``
on it in a child process, and reports the child's wall time, peak RSS and whether it
finished. The child's memory is watched twice a second; past ``--max-rss`` or
``--max-seconds`` it is killed and the report says how far it got. Two layouts of the same
text are measured: ``blank`` (paragraphs separated by blank lines) and ``lines`` (one
paragraph per line, no blank lines, as many scrapers save text).

Usage::

    python benchmarks/bench_large_input.py                        # 0.1, 0.5, 1 MB, both layouts
    python benchmarks/bench_large_input.py --sizes 50 --layouts lines --max-rss 8 \\
        --max-seconds 1800                                        # the 50 MB case
    python benchmarks/bench_large_input.py --read-only --sizes 50 # the read stage alone
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COUNTRIES = [
    "Kenya",
    "Ethiopia",
    "Chile",
    "Peru",
    "Norway",
    "Finland",
    "Poland",
    "Turkey",
    "Egypt",
    "Ghana",
    "Brazil",
    "India",
    "Japan",
    "Mexico",
    "Canada",
    "Spain",
]
VERBS = ["accused", "praised", "criticised", "thanked", "threatened", "met"]

READ_ONLY = """
import sys
from graphbuilder.read import iter_articles
for item in iter_articles([sys.argv[1]]):
    print(type(item).__name__, len(getattr(item, "text", "")))
"""


def write_text(path: Path, megabytes: float, layout: str) -> None:
    """About ``megabytes`` MB of distinct English sentences, streamed to ``path``."""
    target = int(megabytes * 1_000_000)
    separator = "\n\n" if layout == "blank" else "\n"
    written, i = 0, 0
    with path.open("w", encoding="utf-8") as f:
        f.write("A year of diplomacy\n\n")
        while written < target:
            a, b = COUNTRIES[i % 16], COUNTRIES[(i * 7 + 3) % 16]
            paragraph = (
                f"On day {i}, the government of {a} {VERBS[i % 6]} {b} in talks about trade "
                "and water. Ministers said the meeting in the capital had been useful and "
                "that more talks would follow next month." + separator
            )
            f.write(paragraph)
            written += len(paragraph)
            i += 1


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measure(command: list[str], max_rss: float, max_seconds: float) -> dict[str, object]:
    """Run ``command``; its status, seconds and peak RSS, killed past either limit."""
    began = time.monotonic()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        stopped = None
        while True:
            # wait4 (not Popen.poll) so that the child's own peak RSS comes back with it
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            rss, elapsed = _rss(child.pid), time.monotonic() - began
            if stopped is None and (rss > max_rss * 2**30 or elapsed > max_seconds):
                stopped = (
                    f"killed at {rss / 2**30:.2f} GiB RSS"
                    if rss > max_rss * 2**30
                    else f"killed after {elapsed:.0f} s"
                )
                child.send_signal(signal.SIGKILL)
            time.sleep(0.5)
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        lines = out.read().decode("utf-8", "replace").strip().splitlines()
    return {
        "status": stopped or f"exit {child.returncode}",
        "seconds": time.monotonic() - began,
        "peak_rss": usage.ru_maxrss * 1024,  # KiB on Linux
        "cpu": usage.ru_utime + usage.ru_stime,  # on a shared machine, wall time misleads
        "output": lines[-1:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=float, nargs="+", default=[0.1, 0.5, 1.0], help="file sizes in MB"
    )
    parser.add_argument(
        "--layouts", nargs="+", default=["blank", "lines"], choices=["blank", "lines"]
    )
    parser.add_argument("--max-rss", type=float, default=6.0, help="GiB before the kill")
    parser.add_argument("--max-seconds", type=float, default=1200)
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="measure the read stage alone (no parsing, no store)",
    )
    args = parser.parse_args()
    print(f"{'MB':>6} {'layout':>6} {'seconds':>8} {'CPU s':>8} {'peak RSS':>9}  status")
    with tempfile.TemporaryDirectory(prefix="bench-large-") as tmp:
        for layout in args.layouts:
            for size in args.sizes:
                path = Path(tmp) / f"{layout}-{size}.txt"
                write_text(path, size, layout)
                if args.read_only:
                    command = [sys.executable, "-c", READ_ONLY, str(path)]
                else:
                    store = Path(tmp) / f"store-{path.stem}"
                    command = [
                        sys.executable,
                        "-c",
                        "from graphbuilder.cli import main; main()",
                        "ingest",
                        "--quiet",
                        "--store",
                        str(store),
                        str(path),
                    ]
                result = measure(command, args.max_rss, args.max_seconds)
                print(
                    f"{path.stat().st_size / 1e6:6.2f} {layout:>6} {result['seconds']:8.1f} "
                    f"{result['cpu']:8.1f} "
                    f"{result['peak_rss'] / 2**20:7.0f} MiB  {result['status']} "
                    f"{' '.join(result['output'])}",
                    flush=True,
                )
                path.unlink()


if __name__ == "__main__":
    main()
