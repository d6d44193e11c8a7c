"""Deadline: the wall-clock time one request may spend searching, checked by the code that loops.

A search that runs out answers with what it found so far and a notice, never a stall. The clock
is injectable, so tests can move time on by hand instead of depending on how fast a machine is.
"""
from __future__ import annotations

import time
from typing import Callable

OUT_OF_TIME = ("The search took too long and was stopped: these are the results found in time, "
               "which may be incomplete.")


class Deadline:
    """A point in time after which searches stop and return what they have."""

    def __init__(self, seconds: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.seconds = seconds
        self.ends = None if seconds is None else clock() + seconds
        self.hit = False  # whether any step ran out of time (the page then says so)

    @classmethod
    def none(cls) -> "Deadline":
        """A deadline that never comes (the CLI, the indexer's checks, tests of other things)."""
        return cls(None)

    def expired(self) -> bool:
        """Whether the time is up; remembers that it was, for the notice."""
        if self.ends is None:
            return False
        if self.hit or self.clock() >= self.ends:
            self.hit = True
            return True
        return False

    def remaining(self) -> float:
        """Seconds left (inf without a deadline, 0 once it has passed)."""
        if self.ends is None:
            return float("inf")
        return max(0.0, self.ends - self.clock())

    @property
    def notice(self) -> str:
        return OUT_OF_TIME if self.hit else ""
