"""What a follow-up in a long chat thread costs: answers computed and time, old way vs the service.

A thread of 20 questions on the bundled seeds: an opening question, then follow-ups each about the
answer before it ("who said that?", "when?", in turn), the deepest chain a thread can make. The old adapters passed every earlier question of the
thread as ``context``, and the summarizer re-answers the previous question (recursively, for a
follow-up of a follow-up) to resolve the new one. The service keeps each thread's last exchange
and passes at most ``bot.answering.MAX_THREAD_QUESTIONS`` questions until the planned
``answer(..., previous=Answer)`` lands (then: none).

Prints, for the last follow-up of the thread: how many times ``QAIndex.answer`` ran, and its
time, for both ways, in the same run.

    .venv/bin/python bench/thread_followups.py
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import service_over  # noqa: E402
from bot.loaders import load_seeds  # noqa: E402
from summarizer import qa  # noqa: E402

OPENING = "how many troops did DHS request?"
FOLLOW_UPS = ["who said that?", "when?"]  # each about the answer before it: the deepest chain
DEPTH = 20


def main() -> None:
    questions = [OPENING] + [FOLLOW_UPS[n % len(FOLLOW_UPS)] for n in range(DEPTH - 1)]
    calls = 0
    original = qa.QAIndex.answer

    def counted(self: qa.QAIndex, *args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    qa.QAIndex.answer = counted  # type: ignore[method-assign]
    seeds = load_seeds()
    index = qa.QAIndex.build(seeds)
    index.answer(OPENING)  # warm: the same start for both ways
    results = {}

    calls = 0
    start = time.perf_counter()
    index.answer(questions[-1], context=questions[:-1])  # the old adapters: every earlier question
    results["old: whole thread as context"] = {"answers_computed": calls, "ms": round((time.perf_counter() - start) * 1000)}

    service = service_over(seeds)
    for question in questions[:-1]:
        asyncio.run(service.answer(question, thread="bench"))
    calls = 0
    start = time.perf_counter()
    asyncio.run(service.answer(questions[-1], thread="bench"))
    results["service: the thread's last exchange"] = {"answers_computed": calls, "ms": round((time.perf_counter() - start) * 1000)}
    service.close()

    print(f"# {platform.node()} {os.cpu_count()} cores, Python {platform.python_version()}; follow-up {DEPTH} of a thread")
    for way, figures in results.items():
        print(json.dumps({"way": way, **figures}))


if __name__ == "__main__":
    main()
