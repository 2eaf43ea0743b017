"""Cold start of the CLI: wall time and peak memory of `newsbrief brief` and `newsbrief ask` on the seeds.

Each run is a fresh process (imports included), as a user starting the command. Prints the median
and worst of N runs, and the peak RSS of the child. For comparison, in the same run: a bare
`python -c pass` (the interpreter floor) and a process that only imports sumy's LexRank.

    .venv/bin/python bench/cold_start.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def measure(cmd: list[str], runs: int) -> tuple[float, float, float]:
    """(median s, max s, peak RSS MiB) over `runs` fresh processes."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # child: exec the command with output discarded
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.execv(cmd[0], cmd)
        _, status, usage = os.wait4(pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(cmd)} failed")
    return statistics.median(times), max(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    newsbrief = str(BIN / "newsbrief")
    cases = {
        "python -c pass (floor)": [sys.executable, "-c", "pass"],
        "import sumy LexRank (baseline)": [sys.executable, "-c", "import sumy.summarizers.lex_rank"],
        "newsbrief brief": [newsbrief, "brief"],
        "newsbrief brief --json": [newsbrief, "brief", "--json"],
        "newsbrief ask 'how many troops?'": [newsbrief, "ask", "how many troops?"],
    }
    print(f"# cold start, {args.runs} runs each; {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'command':40} {'median s':>9} {'max s':>7} {'peak RSS MiB':>13}")
    for name, cmd in cases.items():
        median, worst, peak = measure(cmd, args.runs)
        print(f"{name:40} {median:9.3f} {worst:7.3f} {peak:13.1f}")


if __name__ == "__main__":
    main()
