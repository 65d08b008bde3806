"""Small measuring helpers shared by the benchmarks (Linux: they read /proc)."""

from __future__ import annotations

import os
import platform
import resource
from pathlib import Path


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its children reaped so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    """Direct child processes of ``pid``."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return _status_kb(pid, "VmRSS")


def rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process (default this one), in MB."""
    return _status_kb(pid or os.getpid(), "VmRSS") / 1024


def memory_mb(pid: int | None = None) -> float:
    """Memory of a process and its children, in MB: proportional set sizes (pages shared
    by forked workers counted once in total, not once per process)."""
    pid = pid or os.getpid()
    return (_pss_kb(pid) + sum(_pss_kb(c) for c in children(pid))) / 1024


def peak_rss_mb(pid: int | None = None) -> float:
    """High-water mark of this process's resident memory (VmHWM), in MB."""
    return _status_kb(pid or os.getpid(), "VmHWM") / 1024


def machine() -> str:
    """One line: CPUs, memory, Python, load."""
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 1024
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs, {mem / 1024:.1f} GiB RAM, Python "
            f"{platform.python_version()}, load average {load}")
