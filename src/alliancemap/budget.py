"""A per-document time budget: a document that would take too long is rejected instead of hanging the run.

In the main thread on POSIX the budget is enforced with a real-time interval timer (``setitimer``): when
it expires, ``DocumentTimeout`` is raised inside whatever stage is running, the stage's transaction rolls
back and the document becomes a ``too_slow`` rejection. Elsewhere (worker threads, Windows) the budget
is only checked at stage boundaries with ``check``. Budgets nest: an inner budget never extends an outer one.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

DEFAULT_SECONDS = 120.0
"""Generous: a long article takes well under a second; only a pathological input gets near it."""


class DocumentTimeout(Exception):
    """The document used up its time budget."""


_deadline: list[float] = []  # stack of absolute monotonic deadlines


def seconds_from_env() -> float:
    """``ALLIANCEMAP_DOC_SECONDS`` (for tests and slow machines), else ``DEFAULT_SECONDS``."""
    try:
        return float(os.environ.get("ALLIANCEMAP_DOC_SECONDS", DEFAULT_SECONDS))
    except ValueError:
        return DEFAULT_SECONDS


def check() -> None:
    """Raise ``DocumentTimeout`` when the innermost running budget has expired."""
    if _deadline and time.monotonic() >= _deadline[-1]:
        raise DocumentTimeout("time budget exceeded")


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _on_alarm(_signum: int, _frame: object) -> None:
    if _deadline:  # a late alarm after the last budget ended is ignored
        raise DocumentTimeout("time budget exceeded")


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """Run the body under a budget of ``seconds`` (``seconds_from_env()`` when None; <= 0 disables)."""
    seconds = seconds_from_env() if seconds is None else seconds
    if seconds <= 0:
        yield
        return
    deadline = time.monotonic() + seconds
    if _deadline:
        deadline = min(deadline, _deadline[-1])
    interrupt = _can_interrupt()
    previous = signal.getsignal(signal.SIGALRM) if interrupt else None
    _deadline.append(deadline)
    try:  # entered before the timer is armed: an early alarm still unwinds the stack below
        if interrupt:
            signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 1e-6))
        check()
        yield
        check()
    finally:
        try:
            if interrupt:
                signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            _deadline.pop()
        if interrupt:
            if previous not in (None, signal.SIG_DFL, _on_alarm):
                signal.signal(signal.SIGALRM, previous)
            if _deadline:  # an outer budget is still running: re-arm its timer
                signal.setitimer(signal.ITIMER_REAL, max(_deadline[-1] - time.monotonic(), 1e-6))


def within_budget(origin: str, seconds: float, work: Callable[[], Any]) -> Any:
    """``work()`` under the document's budget; a timeout or any exception becomes the document's
    rejection instead of stopping the batch (the one-process and the worker paths share this)."""
    from alliancemap.model import Rejection

    try:
        with time_budget(seconds):
            return work()
    except DocumentTimeout:
        return Rejection(origin, "too_slow", f"took over {seconds:g} s to clean and extract; split the file or"
                         " raise ALLIANCEMAP_DOC_SECONDS")
    except Exception as exc:  # noqa: BLE001 - one document must never stop the batch
        return Rejection(origin, "internal_error", f"{type(exc).__name__}: {exc}; the rest of the batch went on"
                         " — please report this input")
