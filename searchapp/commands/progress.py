"""The progress line of `searchapp index`: redrawn on a terminal, one log line every few seconds otherwise."""
from __future__ import annotations

import sys
import time

# Non-terminal progress: one log line every this many seconds.
LOG_EVERY_SECONDS = 5.0


class ProgressPrinter:
    """Draw a progress line on a terminal, or log a line every few seconds otherwise."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.last = 0.0
        self.drawn = False

    def close(self) -> None:
        """End the progress line on a terminal."""
        if self.tty and self.drawn:
            self.stream.write("\n")
            self.stream.flush()

    def __call__(self, p) -> None:
        now = time.monotonic()
        final = p.files_done == p.files_total
        if not final and now - self.last < (0.2 if self.tty else LOG_EVERY_SECONDS):
            return
        self.drawn = True
        self.last = now
        rate = p.articles / p.seconds if p.seconds > 0 else 0.0
        share = p.files_done / p.files_total if p.files_total else 1.0
        eta = p.seconds * (1 - share) / share if share > 0 else 0.0
        width = 30
        bar = "#" * int(share * width)
        line = (f"[{bar:<{width}}] {p.files_done}/{p.files_total} files, {p.articles} articles, "
                f"{rate:.0f} articles/s, ETA {int(eta) // 60}:{int(eta) % 60:02d}")
        if self.tty:
            self.stream.write("\r" + line + " " * 4)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
