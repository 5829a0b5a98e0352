"""Wall time and peak memory of a command and every process it starts (dbt, parse workers).

Two memory figures: the largest sum of the resident sets of the whole process tree, sampled from /proc every
0.1 s (what the machine must hold at once; a peak shorter than a sample may be missed), and the largest resident
set of one process of the tree (``wait4``'s ``ru_maxrss``: exact, but blind to workers running side by side).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")
_SAMPLE_S = 0.1


@dataclass(frozen=True)
class Run:
    wall_s: float
    tree_rss_mb: float  # sampled peak of the tree's summed RSS
    process_rss_mb: float  # peak RSS of the largest single process (wait4)


def run(command: list[str], *, env: dict[str, str], log: Path) -> Run:
    """Runs ``command`` to the end (stdout and stderr to ``log``, each line after the seconds since the start, which
    tell where the time went, and last the tree's peak, process by process); raises when it fails."""
    peak = _Peak()
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        writer = threading.Thread(target=_timestamped, args=(process.stdout, out, start), daemon=True)
        writer.start()
        done = threading.Event()
        sampler = threading.Thread(target=_sample, args=(process.pid, done, peak, start), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        writer.join()
        out.write(peak.describe().encode())
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{tail}")
    # ru_maxrss is in KiB on Linux.
    return Run(wall, peak.total / 2**20, usage.ru_maxrss / 1024)


def _timestamped(lines, out, start: float) -> None:
    for line in lines:
        out.write(f"{time.perf_counter() - start:7.1f}s  ".encode() + line)


@dataclass
class _Peak:
    total: int = 0
    at_s: float = 0.0
    processes: tuple[tuple[str, int], ...] = ()

    def describe(self) -> str:
        parts = ", ".join(f"{name} {rss / 2**20:.0f}" for name, rss in sorted(self.processes, key=lambda p: -p[1]))
        return f"peak tree RSS {self.total / 2**20:.0f} MB at {self.at_s:.1f}s: {parts}\n"


def _sample(root: int, done: threading.Event, peak: _Peak, start: float) -> None:
    while not done.wait(_SAMPLE_S):
        processes = _tree_rss(root)
        total = sum(rss for _, rss in processes)
        if total > peak.total:
            peak.total, peak.at_s, peak.processes = total, time.perf_counter() - start, tuple(processes)


def _tree_rss(root: int) -> list[tuple[str, int]]:
    """(command name, RSS in bytes) of ``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # the process ended meanwhile
        # The command name, in parentheses, may hold blanks: the fields after it are counted from its end.
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found = []
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
            name = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        found.append((_command_name(name), rss))
        stack.extend(children.get(pid, []))
    return found


def _command_name(argv: list[bytes]) -> str:
    # The word that tells the ingest ("python -m pipeline"), dbt, the parse workers and multiprocessing's resource
    # tracker apart.
    words = [w.decode(errors="replace") for w in argv if w]
    for role in ("resource_tracker", "spawn", "forkserver"):
        if any(f"multiprocessing.{role}" in w for w in words):
            return "parse worker" if role == "spawn" else role
    if any(Path(w).name == "dbt" for w in words[:2]):
        return "dbt"
    if "pipeline" in words:
        return "pipeline"
    return Path(words[0]).name if words else "?"
