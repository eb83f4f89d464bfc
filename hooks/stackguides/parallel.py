"""Run one function over many items in forked worker processes, in order.

Fork (not spawn) is used on purpose: the workers start with the parent's
state already built (for a site build: the configuration, the file list and
every page object), so only item indices go out and results come back.
Whatever a worker logs is captured and returned with its result, so that the
parent can replay the records through its own handlers (warning counters
included) at the point where a serial run would have emitted them.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from stackguides.log_records import RecordingHandler, divert_all_logging

# The work of the current map_in_order call, inherited by the forked workers.
_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


@dataclass
class Outcome:
    """What one item produced in a worker: a value or an error, and its log records."""

    value: Any = None
    error: str | None = None
    records: list[logging.LogRecord] = field(default_factory=list)


def workers_for(job_size: int, worth_it_from: int) -> int:
    """How many worker processes to start for ``job_size`` items: one per usable core.

    Below ``worth_it_from`` items the answer is 1 (forking costs more than it
    saves). ``STACKGUIDES_WORKERS`` overrides both (``1`` turns parallel work
    off). Where processes cannot be forked (Windows), the answer is always 1.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    requested = os.environ.get("STACKGUIDES_WORKERS", "").strip()
    if requested:
        if not requested.isdigit() or int(requested) < 1:
            raise ValueError(f"STACKGUIDES_WORKERS must be a whole number from 1, not {requested!r}")
        return int(requested)
    if job_size < worth_it_from:
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS has no affinity API
        return os.cpu_count() or 1


_recorder = RecordingHandler()


def _start_worker() -> None:
    """In a new worker: the handlers inherited from the parent are replaced by the recorder."""
    divert_all_logging(_recorder)


def _run_slice(bounds: tuple[int, int]) -> list[Outcome]:
    assert _job is not None, "map_in_order set the job before forking"
    func, items = _job
    outcomes = []
    for item in items[bounds[0] : bounds[1]]:
        _recorder.records = []
        try:
            outcome = Outcome(value=func(item))
        except Exception as exc:  # reported to the parent, which decides what to do
            outcome = Outcome(error=f"{type(exc).__name__}: {exc}")
        outcome.records = _recorder.records
        outcomes.append(outcome)
    return outcomes


def map_in_order(func: Callable[[Any], Any], items: Sequence[Any], workers: int) -> Iterator[Outcome]:
    """Yield an :class:`Outcome` of ``func(item)`` for each item, in the order of ``items``.

    The items are cut into contiguous slices shared out among ``workers``
    forked processes. ``func`` and ``items`` never cross a process boundary;
    the values ``func`` returns must pickle. Whatever goes wrong stays with
    the items it touched, as ``Outcome.error``: an exception in ``func`` (that
    item), a value that does not pickle (its slice), a worker that dies (every
    item not yet done), so the caller can do those items another way.
    """
    global _job
    if not items:
        return
    slice_size = max(1, -(-len(items) // (workers * 8)))  # ~8 slices per worker balances the load
    bounds = [(start, min(start + slice_size, len(items))) for start in range(0, len(items), slice_size)]
    _job = (func, items)
    # Objects the parent built so far move out of the collector's reach: a collection in a
    # worker would otherwise write to every object's header and copy the whole heap.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
            slices = [pool.submit(_run_slice, bound) for bound in bounds]
            for (start, stop), result in zip(bounds, slices, strict=True):
                try:
                    yield from result.result()
                except BrokenProcessPool:
                    error = "a worker process died (killed, or out of memory)"
                    yield from (Outcome(error=error) for _ in range(start, stop))
                except Exception as exc:  # the slice's results could not be sent back
                    yield from (Outcome(error=f"{type(exc).__name__}: {exc}") for _ in range(start, stop))
    finally:
        _job = None
        gc.unfreeze()
