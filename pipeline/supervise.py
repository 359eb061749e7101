"""Run documents in worker processes that a supervisor can stop.

Each worker handles one document at a time. The supervisor stops a worker
whose document runs past its time limit or grows past its memory limit, and
replaces a worker that dies (a crash in pdfium, poppler or tesseract takes
down only that process); the document gets a failure, the batch goes on.
A document may ask for more time while it runs (:func:`extend_deadline`,
used before OCR of many pages).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

POLL_S = 0.2

_OUTBOX = None  # set in a worker: its pipe to the supervisor, for results and deadline extensions
_TASK: list = [None]


def extend_deadline(seconds: float) -> None:
    """Ask the supervisor for ``seconds`` more for the current document (no-op outside a worker)."""
    if _OUTBOX is not None and _TASK[0] is not None:
        _OUTBOX.send(("extend", _TASK[0], float(seconds)))


@dataclass
class Failure:
    """Why a document produced no result."""

    status: str  # "timeout", "too-large", "error"
    message: str


def _status_mb(pid: int, field: str) -> float:
    """A memory figure of a process from /proc (VmRSS, VmSize), in MB; 0 where unknown."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _rss_mb(pid: int) -> float:
    return _status_mb(pid, "VmRSS")


def _vm_mb(pid: int) -> float:
    return _status_mb(pid, "VmSize")


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the supervisor dies, even by SIGKILL."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _worker(inbox, outbox, init: Callable, init_args: tuple, run: Callable, memory_mb: float) -> None:
    """A worker's loop. Each worker has its own pipes: when the supervisor kills
    one in the middle of a write, no other worker's channel is left locked."""
    global _OUTBOX
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the supervisor decides when workers stop
    _OUTBOX = outbox
    init(*init_args)
    if memory_mb:
        # a hard ceiling above what the loaded models use: a runaway allocation fails in this
        # worker (MemoryError, or at worst the process) instead of taking the machine
        ceiling = int((_vm_mb(os.getpid()) + memory_mb * 2) * 1024 * 1024)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (ceiling, resource.RLIM_INFINITY))
        except (ValueError, OSError):
            pass
    while True:
        try:
            task = inbox.recv()
        except EOFError:
            return
        if task is None:
            return
        task_id, args = task
        _TASK[0] = task_id
        outbox.send(("start", task_id, None))  # the clock runs from here, not while models load
        try:
            result = run(*args)
        except MemoryError:
            result = Failure("too-large", f"the document needed more than the memory limit ({memory_mb:.0f} MB)")
        except Exception as err:  # the worker survives a failing document
            result = Failure("error", f"{type(err).__name__}: {err}")
        _TASK[0] = None
        outbox.send(("done", task_id, result))


class _Slot:
    def __init__(self, ctx, init, init_args, run, memory_mb):
        task_r, self.tasks = ctx.Pipe(duplex=False)  # supervisor -> worker
        self.results, outbox_w = ctx.Pipe(duplex=False)  # worker -> supervisor
        self.process = ctx.Process(target=_worker, args=(task_r, outbox_w, init, init_args, run, memory_mb),
                                   daemon=True)
        self.process.start()
        task_r.close()
        outbox_w.close()
        self.task = None
        self.deadline = 0.0
        self.peak_mb = 0.0

    def give(self, task_id, args) -> None:
        self.task = task_id
        self.deadline = float("inf")  # set when the worker says it started
        self.tasks.send((task_id, args))

    def kill(self) -> None:
        try:
            self.process.kill()
        except Exception:
            pass
        self.process.join(timeout=5)
        for conn in (self.tasks, self.results):
            try:
                conn.close()
            except Exception:
                pass


class Supervisor:
    """Worker processes with models loaded once, kept between calls of :meth:`map`.

    ``run(*args)`` reads one document in a worker; ``init(*init_args)`` loads what
    every document needs when a worker starts (and again in a replacement).
    """

    def __init__(self, run: Callable, init: Callable, init_args: tuple, workers: int, timeout_s: float,
                 memory_mb: float):
        self.run, self.init, self.init_args = run, init, init_args
        self.workers, self.timeout_s, self.memory_mb = max(1, workers), timeout_s, memory_mb
        self.ctx = mp.get_context("spawn")
        self.slots: list[_Slot] = []

    def _new_slot(self) -> _Slot:
        return _Slot(self.ctx, self.init, self.init_args, self.run, self.memory_mb)

    def map(self, tasks: Iterable[tuple[Any, tuple]]) -> Iterator[tuple[Any, Any, float]]:
        """Yield (task id, result or :class:`Failure`, peak RSS in MB of its worker) as documents finish."""
        from multiprocessing.connection import wait

        todo = deque(tasks)
        slots = self.slots
        while len(slots) < min(self.workers, len(todo)):
            slots.append(self._new_slot())
        timeout_s, memory_mb = self.timeout_s, self.memory_mb
        next_check = 0.0
        while todo or any(slot.task is not None for slot in slots):
            for slot in slots:
                if slot.task is None and todo:
                    slot.give(*todo.popleft())
            ready = wait([slot.results for slot in slots if slot.task is not None], timeout=POLL_S)
            for slot in slots:
                if slot.results not in ready:
                    continue
                try:
                    kind, key, payload = slot.results.recv()
                except (EOFError, OSError):
                    next_check = 0.0  # the worker died: found below, now
                    continue
                if kind == "start" and key == slot.task:
                    slot.deadline = time.monotonic() + timeout_s if timeout_s else float("inf")
                elif kind == "extend" and key == slot.task:
                    slot.deadline += payload
                elif kind == "done" and key == slot.task:
                    slot.task = None
                    # measured here too: a document read between two polls would leave no trace
                    slot.peak_mb = peak = max(slot.peak_mb, _rss_mb(slot.process.pid))
                    if todo:  # the worker reads its next document while the caller writes this one
                        slot.give(*todo.popleft())
                    yield key, payload, peak
            now = time.monotonic()
            if now < next_check:
                continue
            # the workers' health once per poll interval, not after every message: reading a
            # worker's memory from /proc and asking whether it lives are system calls that
            # take the cores' time from the workers
            next_check = now + POLL_S
            for k, slot in enumerate(slots):
                if slot.task is None:
                    continue
                rss = _rss_mb(slot.process.pid)
                slot.peak_mb = max(slot.peak_mb, rss)
                failure = None
                if not slot.process.is_alive():
                    failure = Failure("error", f"the worker process stopped (exit code {slot.process.exitcode}) "
                                               "while reading this document; a native library probably crashed")
                elif now > slot.deadline:
                    failure = Failure("timeout", f"reading took longer than the time limit ({timeout_s:.0f} s); "
                                                 "raise it with --timeout")
                elif memory_mb and rss > memory_mb:
                    failure = Failure("too-large", f"reading needed {rss:.0f} MB, more than the memory limit "
                                                   f"({memory_mb:.0f} MB); raise it with --memory-limit")
                if failure:
                    task_id, peak = slot.task, slot.peak_mb
                    slot.kill()
                    slots[k] = self._new_slot()
                    yield task_id, failure, peak

    def close(self) -> None:
        """Stop the workers (they also die with this process). They hold nothing to save, so
        one that is still tearing down its models after a moment is killed rather than awaited."""
        for slot in self.slots:
            try:
                slot.tasks.send(None)
            except Exception:
                pass
        for slot in self.slots:
            slot.process.join(timeout=0.2)
            if slot.process.is_alive():
                slot.kill()
        self.slots = []


def supervise(tasks: Iterable[tuple[Any, tuple]], run: Callable, init: Callable, init_args: tuple,
              workers: int, timeout_s: float, memory_mb: float) -> Iterator[tuple[Any, Any, float]]:
    """Yield (task id, result or :class:`Failure`, peak RSS in MB of its worker) as documents finish."""
    pool = Supervisor(run, init, init_args, workers, timeout_s, memory_mb)  # map starts no more than it needs
    try:
        yield from pool.map(tasks)
    finally:
        pool.close()
