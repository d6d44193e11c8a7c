"""Find corpus files (with the selection rules, or all but hidden ones) and read each with the reader its extension and content call for, never raising."""
from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from searchapp.articles import Article
from searchapp.corpus.decoding import SNIFF_BYTES
from searchapp.corpus.plaintext import read_plaintext
from searchapp.corpus.problems import CorpusError, FileResult, Found, Problem
from searchapp.corpus.records import read_csv, read_json, read_json_lines
from searchapp.corpus.reuters import read_reuters
from searchapp.corpus.selection import IGNORE_FILE, FileRules, IgnoreFile, ignores_down_to, skip_reason
from searchapp.corpus.webpage import read_webpage

Reader = Callable[[Path], Iterator[Found | Problem]]

READERS: dict[str, Reader] = {
    ".txt": read_plaintext, ".text": read_plaintext,
    ".csv": read_csv, ".tsv": read_csv,
    ".jsonl": read_json_lines, ".ndjson": read_json_lines, ".json": read_json,
    ".sgm": read_reuters, ".sgml": read_reuters,
    ".html": read_webpage, ".htm": read_webpage, ".xhtml": read_webpage,
}


def iter_files(paths: Path | Iterable[Path]) -> Iterator[Path]:
    """Yield the files given and, sorted, the files under the directories given; hidden ones are skipped.

    Symbolic links are followed, but a directory or file already seen (a link loop, or two
    links to one file) is not visited again. A path that does not exist is yielded as it is,
    so that read_file reports it.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: set[tuple[int, int]] = set()  # (device, inode) of every directory and file visited
    for path in map(Path, paths):
        if path.is_dir():
            yield from _walk(path, seen)
        elif _is_new(path, seen):
            yield path


@dataclass(frozen=True)
class Skipped:
    """A file or folder the selection rules left out, and why."""

    path: Path
    reason: str
    is_dir: bool = False


@dataclass
class Selection:
    """The files a walk with FileRules found, and what it left out."""

    files: list[Path]
    skipped: list[Skipped]

    def __post_init__(self) -> None:
        # Resolved, as the index stores an article's origin (indexer: str(path.resolve())).
        self._files = {os.path.realpath(s.path) for s in self.skipped if not s.is_dir}
        self._dirs = tuple(os.path.join(os.path.realpath(s.path), "") for s in self.skipped if s.is_dir)

    def excludes(self, origin: str) -> bool:
        """Whether origin (a resolved file path) is a file the rules left out, or lies in such a folder."""
        return origin in self._files or origin.startswith(self._dirs)


def select_files(paths: Path | Iterable[Path], rules: FileRules | None = None) -> Selection:
    """Walk paths as iter_files does, applying rules (see selection.py); list what is left out.

    Files named in paths are always taken: the rules choose among the files found in folders.
    """
    rules = rules or FileRules()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: set[tuple[int, int]] = set()
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(_walk(path, seen, rules, skipped))
        elif _is_new(path, seen):
            files.append(path)
    return Selection(files, skipped)


def select_below(root: Path, folder: Path, rules: FileRules) -> list[Path]:
    """The files a walk of root with rules takes under folder (root or below it), in path order.

    For a folder that appears under a watched root (`index --watch`): its files are decided by
    their paths relative to root and by the ignore files above them, as in the first walk.
    """
    rel_dir = "".join(part + "/" for part in folder.relative_to(root).parts)
    outer = ignores_down_to(root, folder.parent) if folder != root else ()
    return list(_walk(folder, set(), rules, None, rel_dir, outer))


def read_file(path: Path) -> FileResult:
    """Read one file into Articles; bad records and bad files become Problems, never exceptions."""
    path = Path(os.path.realpath(path))
    reader = READERS.get(path.suffix.lower())
    if reader is None and path.is_file():
        return FileResult(path, (), (), skipped=True)
    articles: list[Article] = []
    problems: list[Problem] = []
    first_line: dict[str, int | None] = {}
    try:
        if reader is None or not path.is_file():
            raise CorpusError(path, _not_a_file(path))
        for item in _sniff(path, reader)(path):
            if isinstance(item, Problem):
                problems.append(item)
            elif item.article.article_id in first_line:
                seen_at = first_line[item.article.article_id]
                where = f" (first on line {seen_at})" if seen_at else ""
                problems.append(Problem(str(path), f"duplicate id {item.article.article_id!r}{where}; "
                                                   "this article is dropped", item.line))
            else:
                first_line[item.article.article_id] = item.line
                articles.append(item.article)
    except CorpusError as error:
        problems.append(Problem.from_error(error))
    except UnicodeDecodeError as error:
        problems.append(Problem(str(path), f"cannot decode the text ({error.encoding}: {error.reason} "
                                           f"at byte {error.start}); the rest of the file is skipped"))
    except csv.Error as error:
        problems.append(Problem(str(path), f"broken CSV ({error}); the rest of the file is skipped"))
    except RecursionError:
        problems.append(Problem(str(path), "nested too deeply to read; the rest of the file is skipped"))
    except OSError as error:
        problems.append(Problem(str(path), f"cannot read the file ({error.strerror or error})"))
    return FileResult(path, tuple(articles), tuple(problems))


def read_articles(paths: Path | Iterable[Path]) -> Iterator[FileResult]:
    """Read every file iter_files finds, one FileResult per file."""
    for path in iter_files(paths):
        yield read_file(path)


def _sniff(path: Path, reader: Reader) -> Reader:
    """Let the content overrule the extension: a .txt that is really an HTML page or Reuters SGML."""
    if reader is not read_plaintext:
        return reader
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return read_webpage
    if head.startswith((b"<!doctype lewis", b"<reuters")):
        return read_reuters
    return reader


def _not_a_file(path: Path) -> str:
    if path.is_dir():
        try:
            os.scandir(path).close()
        except OSError as error:
            return f"cannot list the directory ({error.strerror})"
        return "is a directory"
    if not path.exists():
        return "no such file"
    return "not a regular file"


def _is_new(path: Path, seen: set[tuple[int, int]]) -> bool:
    """Tell whether a file or directory has not been visited yet, and remember it."""
    try:
        info = path.stat()
    except OSError:
        return True  # missing or unreadable: let read_file report it
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _walk(root: Path, seen: set[tuple[int, int]], rules: FileRules | None = None,
          skipped: list[Skipped] | None = None, rel_root: str = "",
          outer: tuple[IgnoreFile, ...] = ()) -> Iterator[Path]:
    """Yield the files under root in path order, depth first, without recursion.

    Without rules, names that start with a dot are left out silently (iter_files); with them,
    selection.skip_reason decides, and what it leaves out goes to skipped with its reason.
    rel_root and outer place root below the folder the rules are relative to (select_below).
    """
    if not _is_new(root, seen):
        return
    # Each level: its entries, its path relative to root ("" or "a/b/"), the ignore files that apply.
    stack = [(_sorted_entries(root), rel_root, _ignores(rules, root, rel_root, outer))]
    while stack:
        entries, rel_dir, ignores = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        path = Path(entry.path)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError:
            continue
        rel = rel_dir + entry.name
        if rules is None:
            if entry.name.startswith("."):
                continue
        elif entry.name == IGNORE_FILE and is_file:
            continue  # a rule file, not an article
        elif (reason := skip_reason(rules, ignores, rel, entry.name, is_dir)) is not None:
            if skipped is not None and (is_dir or is_file):
                skipped.append(Skipped(path, reason, is_dir))
            continue
        if is_dir and _is_new(path, seen):
            stack.append((_sorted_entries(path), rel + "/", _ignores(rules, path, rel + "/", ignores)))
        elif is_file and _is_new(path, seen):
            yield path


def _ignores(rules: FileRules | None, folder: Path, rel_dir: str,
             outer: tuple[IgnoreFile, ...]) -> tuple[IgnoreFile, ...]:
    """The ignore files that apply inside folder: those of the folders above, then its own."""
    if rules is None:
        return outer
    own = IgnoreFile.read(folder, rel_dir)
    return outer + (own,) if own is not None else outer


def _sorted_entries(directory: Path) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as entries:
            return iter(sorted(entries, key=lambda entry: entry.name))
    except OSError:
        return iter(())  # an unreadable directory is skipped while walking
