"""The one process pool: jobs run in worker processes, portably, with bounded memory.

Workers are started with ``fork`` on Linux (they inherit the imported library: no
start-up cost) and ``spawn`` elsewhere (Windows and macOS have no safe fork);
``JIEKUN_START_METHOD`` forces one. Either way a job is a top-level function and
picklable arguments, so every caller works with ``spawn``. With fewer than two
workers the jobs run in this process, one after another, with the same results.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from contextlib import contextmanager
from typing import Any

from jiekun.io.guard import START_METHOD_ENV, start_method

__all__ = ["START_METHOD_ENV", "as_done", "executor", "in_order", "start_method"]


@contextmanager
def executor(workers: int) -> Iterator[Executor]:
    """``workers`` processes, all started now (a forked worker must not inherit reader threads)."""
    import gc
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    gc.freeze()  # forked workers keep the objects made so far frozen: their pages stay shared
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(start_method()))
        for f in [pool.submit(os.getpid) for _ in range(workers)]:
            f.result()
    finally:
        gc.unfreeze()  # this process collects as before
    with pool:
        yield pool


def in_order(
    fn: Callable[..., Any], jobs: Iterable[tuple], *, workers: int, window: int
) -> Iterator[tuple[tuple, Any]]:
    """``(job, fn(*job))`` for each job, in the order of ``jobs``, on ``workers`` processes.

    This process is one of them: it draws the jobs (reads the chunks) and runs every
    ``workers``-th job itself while the pool's ``workers - 1`` processes run the others.
    That keeps one process per core and sends a share of the jobs nowhere (no pickling).
    ``jobs`` is drawn lazily: at most ``window`` jobs wait beyond the one being handed
    back, so memory holds a bounded number of them (chunks of a file).
    """
    if workers < 2:
        for job in jobs:
            yield job, fn(*job)
        return
    with executor(workers - 1) as pool:
        waiting: deque[tuple[tuple, Future]] = deque()
        try:
            for i, job in enumerate(jobs):
                if _here(i, workers):
                    done: Future = Future()
                    done.set_result(fn(*job))
                    waiting.append((job, done))
                else:
                    waiting.append((job, pool.submit(fn, *job)))
                del job  # the window alone holds the jobs, so memory holds no more of them
                while len(waiting) > window or (waiting and waiting[0][1].done()):
                    yield _settled(waiting)
            while waiting:
                yield _settled(waiting)
        finally:
            for _, fut in waiting:
                fut.cancel()


def _here(i: int, workers: int) -> bool:
    """Job ``i`` is this process's share: every ``workers``-th job (the pool runs the rest)."""
    return i % workers == workers - 1


def _settled(waiting: deque[tuple[tuple, Future]]) -> tuple[tuple, Any]:
    job, fut = waiting.popleft()
    return job, fut.result()


def as_done(
    fn: Callable[..., Any],
    jobs: list[tuple],
    *,
    workers: int,
    tick: float | None = None,
    on_tick: Callable[[], None] | None = None,
) -> Iterator[tuple[int, Any]]:
    """``(i, fn(*jobs[i]))`` as each job finishes (any order; in order with one worker).

    As in :func:`in_order`, this process is one of the ``workers``: it runs every
    ``workers``-th job itself while the pool runs the others. While waiting,
    ``on_tick()`` is called every ``tick`` seconds (a progress bar's clock). The first
    job that raises stops the run with its exception.
    """
    if workers < 2:
        for i, job in enumerate(jobs):
            yield i, fn(*job)
        return
    mine = [i for i in range(len(jobs)) if _here(i, workers)]
    with executor(workers - 1) as pool:
        futures = {pool.submit(fn, *job): i for i, job in enumerate(jobs) if not _here(i, workers)}
        pending = set(futures)
        try:
            for i in mine:
                yield i, fn(*jobs[i])
                finished = {f for f in pending if f.done()}
                pending -= finished
                for fut in sorted(finished, key=futures.__getitem__):
                    yield futures[fut], fut.result()
                if on_tick:
                    on_tick()
            while pending:
                finished, pending = wait(pending, timeout=tick, return_when=FIRST_COMPLETED)
                if not finished and on_tick:
                    on_tick()
                for fut in sorted(finished, key=futures.__getitem__):
                    yield futures[fut], fut.result()  # result() re-raises a worker's InputError
        finally:
            for fut in pending:
                fut.cancel()
