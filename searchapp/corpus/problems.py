"""What the readers report: CorpusError inside a reader, Problem and FileResult to callers."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from searchapp.articles import Article


class CorpusError(Exception):
    """A bad file or record, raised inside a reader and turned into a Problem by read_file."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None):
        super().__init__(path, reason, line)
        self.path = str(path)
        self.reason = reason
        self.line = line

    def __str__(self) -> str:
        return str(Problem.from_error(self))


@dataclass(frozen=True)
class Problem:
    """One reported failure: a whole file (line is None) or one record in it."""

    path: str
    reason: str
    line: int | None = None

    @classmethod
    def from_error(cls, error: CorpusError) -> Problem:
        """Make the Problem that reports a CorpusError."""
        return cls(error.path, error.reason, error.line)

    def __str__(self) -> str:
        """The one way a problem is written: "path:line: reason", or "path: reason" for a whole file."""
        return f"{self.path}:{self.line}: {self.reason}" if self.line else f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class FileResult:
    """Everything read_file found in one file: the articles it could read and what went wrong."""

    path: Path
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    skipped: bool = False  # an unsupported file type: listed, but neither read nor a failure


class Found(NamedTuple):
    """An article a reader found, with the line it starts on (for duplicate-id reports)."""

    article: Article
    line: int | None = None
