"""Timing helpers: warm-up runs, then interleaved repeats, reporting medians."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Budget:
    """How long to measure: each side gets about ``seconds`` of timed runs,
    clamped to ``[min_repeats, max_repeats]`` runs, after ``warmup`` untimed runs."""

    seconds: float = 1.0
    min_repeats: int = 11
    max_repeats: int = 400
    warmup: int = 3


def time_once(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def medians(fns: Sequence[Callable[[], object]], budget: Budget) -> list[float]:
    """The median wall time of each function, its runs interleaved with the others'.

    Interleaving keeps slow drifts of the machine (other processes, caches,
    thermal) from favouring one side.
    """
    for _ in range(budget.warmup):
        for fn in fns:
            fn()
    first = [time_once(fn) for fn in fns]
    slowest = max(max(first), 1e-9)
    repeats = int(budget.seconds / slowest)
    repeats = max(budget.min_repeats, min(budget.max_repeats, repeats))
    samples: list[list[float]] = [[t] for t in first]
    for _ in range(repeats - 1):
        for fn, runs in zip(fns, samples, strict=True):
            runs.append(time_once(fn))
    return [statistics.median(runs) for runs in samples]
