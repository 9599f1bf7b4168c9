"""A progress bar for long seeding steps, without a dependency.

On a terminal the bar redraws in place; in a log (CI, ``bench/run``'s child
process) it prints a line at start, every quarter and at the end, so that a log
shows progress without thousands of lines.
"""

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

BAR_WIDTH = 24
#: In a log, tasks this large also report each quarter; smaller ones only the end.
QUARTERS_FROM = 10_000


class Task:
    """One counted piece of work: call ``advance`` as rows are written."""

    def __init__(self, title: str, total: int, stream: TextIO, live: bool) -> None:
        self.title = title
        self.total = max(total, 0)
        self.done = 0
        self.started = time.monotonic()
        self._stream = stream
        self._live = live
        self._next_quarter = 1
        self._last_draw = 0.0
        self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        self.done = min(self.done + count, self.total)
        self._draw()

    def finish(self) -> None:
        self.done = self.total
        self._draw(force=True, final=True)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def _line(self) -> str:
        share = self.done / self.total if self.total else 1.0
        filled = round(share * BAR_WIDTH)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        return (
            f"  {self.title:<28} [{bar}] {self.done:>9,}/{self.total:<9,} "
            f"{self.seconds:6.1f} s"
        )

    def _draw(self, force: bool = False, final: bool = False) -> None:
        if self._live:
            now = time.monotonic()
            if force or now - self._last_draw >= 0.2:
                self._last_draw = now
                end = "\n" if final else ""
                self._stream.write("\r" + self._line() + end)
                self._stream.flush()
            return
        quarter = self.done * 4 // self.total if self.total else 4
        if final:
            self._stream.write(self._line() + "\n")
        elif self.total >= QUARTERS_FROM and self._next_quarter <= quarter < 4:
            self._next_quarter = quarter + 1
            self._stream.write(self._line() + "\n")
        self._stream.flush()


class Progress:
    """Hands out ``Task`` bars, one after the other, on one stream."""

    def __init__(self, stream: TextIO | None = None, live: bool | None = None):
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live

    @contextmanager
    def task(self, title: str, total: int) -> Iterator[Task]:
        task = Task(title, total, self.stream, self.live)
        yield task
        task.finish()

    def note(self, message: str) -> None:
        self.stream.write(f"  {message}\n")
        self.stream.flush()


class Silent(Progress):
    """No output: for tests and callers that report on their own."""

    def __init__(self) -> None:
        import io

        super().__init__(io.StringIO(), live=False)
