"""A small sampling profiler that sees every thread, for benchmarks of threaded asyncio code.

cProfile follows only the thread that enabled it, but the pipeline does its work in
``asyncio.to_thread`` workers (SQLite, clustering, briefing). This sampler looks at the Python
stack of every thread ``interval`` seconds apart (``sys._current_frames``) and counts, for each
busy thread, the innermost project function (self time: time spent in that function's own code
and the C calls it makes, such as SQLite or regex) and every project function on the stack
(inclusive time). Idle threads (a worker waiting for work, an event loop waiting in ``select``)
are not counted. Each sample is filed under the first phase whose marker function is on its
stack, so one run gives a profile per phase without changing the code measured.

    sampler = StackSampler({"filing": "StoryTracker.update", "briefing": "StoryTracker.brief"})
    with sampler:
        run_pipeline()
    print(sampler.report())

Shares are of the samples taken, so they are estimates (a few percent at 1,000 samples).
"""

from __future__ import annotations

import sys
import threading
from collections import Counter, defaultdict
from pathlib import Path
from types import FrameType
from typing import Self

__all__ = ["StackSampler"]

_ROOT = Path(__file__).resolve().parents[1]
_PROJECT_DIRS = ("bot", "summarizer")
_IDLE = frozenset({"select", "_worker", "wait", "_wait_for_tstate_lock", "get", "accept", "serve_forever", "run_forever", "_run_once"})


class StackSampler:
    """Samples all threads' stacks in a background thread while it is entered."""

    def __init__(self, phases: dict[str, str], *, interval: float = 0.005, other: str = "ingest") -> None:
        self.phases = phases  # phase name -> "Class.method" or "function" marking it on a stack
        self.other = other
        self.interval = interval
        self.samples: Counter[str] = Counter()
        self.self_time: dict[str, Counter[str]] = defaultdict(Counter)
        self.inclusive: dict[str, Counter[str]] = defaultdict(Counter)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stack-sampler", daemon=True)
        self._names: dict[object, str | None] = {}

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = threading.get_ident()
        while not self._stop.wait(self.interval):
            for ident, frame in sys._current_frames().items():
                if ident != me:
                    self._sample(frame)

    def _name(self, frame: FrameType) -> str | None:
        """"bot/stories.py:StoryTracker.update" for project code, the module for libraries."""
        code = frame.f_code
        if code in self._names:
            return self._names[code]
        path = Path(code.co_filename)
        name: str | None
        try:
            rel = path.resolve().relative_to(_ROOT)
        except ValueError:
            rel = None
        qualname = getattr(code, "co_qualname", code.co_name)
        if rel is not None and rel.parts and rel.parts[0] in _PROJECT_DIRS:
            name = f"{rel.as_posix()}:{qualname}"
        elif rel is not None:
            name = None  # the benchmark itself
        else:
            parts = path.parts
            module = parts[parts.index("site-packages") + 1] if "site-packages" in parts else f"stdlib/{path.stem}"
            name = f"[{module}] {qualname}"
        self._names[code] = name
        return name

    def _sample(self, frame: FrameType) -> None:
        innermost = self._name(frame)
        if frame.f_code.co_name in _IDLE and innermost is not None and innermost.startswith("[stdlib/"):
            return  # waiting in the standard library: a thread with nothing to do
        stack: list[str] = []
        current: FrameType | None = frame
        while current is not None:
            name = self._name(current)
            if name is not None:
                stack.append(name)
            current = current.f_back
        if not stack:
            return
        phase = self.other
        for candidate, marker in self.phases.items():
            if any(entry.endswith(":" + marker) for entry in stack):
                phase = candidate
                break
        self.samples[phase] += 1
        self.self_time[phase][stack[0]] += 1
        for name in set(stack):
            if not name.startswith("["):
                self.inclusive[phase][name] += 1

    def report(self, top: int = 12) -> str:
        """Per phase: samples, then the top functions by self and by inclusive share."""
        lines = []
        for phase, count in self.samples.most_common():
            lines.append(f"== {phase}: {count} samples (~{count * self.interval:.1f} s of busy thread time)")
            lines.append("   self time:")
            for name, n in self.self_time[phase].most_common(top):
                lines.append(f"   {100 * n / count:5.1f}%  {name}")
            lines.append("   inclusive (project code):")
            for name, n in self.inclusive[phase].most_common(top):
                lines.append(f"   {100 * n / count:5.1f}%  {name}")
        return "\n".join(lines)
