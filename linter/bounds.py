"""A CPU-time deadline for one step of the work, such as parsing one file.

The deadline is a ``SIGVTALRM`` timer on the CPU time of the process, so a
loaded machine does not make it fire early.  Its handler raises
:class:`Deadline` in whatever Python code runs at that moment; the C parser
calls back into Python for every node, so it is interrupted too.  Where no
timer is available (Windows, or a thread other than the main one) the step
runs without a deadline: the node and size budgets still bound it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Deadline(Exception):
    """The step took more CPU time than it was given."""


@contextmanager
def cpu_deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`Deadline` in the body once it has used ``seconds`` of CPU time."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = True

    def expire(signum: int, frame: object) -> None:
        if armed:
            raise Deadline

    previous = signal.signal(signal.SIGVTALRM, expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
