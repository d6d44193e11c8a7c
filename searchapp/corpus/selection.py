"""Which files of a folder to take: --include/--exclude globs, .searchappignore files, default skips.

Every decision comes with its reason, so that a run can list what it left out and why. Patterns
use gitignore syntax (pathspec's GitIgnoreSpec) and match the path relative to the folder given
on the command line (`*.sgm` at any depth, `/notes.txt` at the top only, `drafts/` a folder);
a .searchappignore file's patterns are relative to the folder it is in. The order of the rules:

1. --exclude: a match is left out.
2. .searchappignore files, the deepest one that decides (a `!pattern` takes a path back).
3. --include: when any is given, a file that matches none is left out.
4. Default skips: README*, LICENSE*/LICENCE*, CHANGELOG* (any case), dotfiles and dot-folders;
   an --include that matches the path (a dot-folder as `name/`) takes it back.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pathspec import GitIgnoreSpec

IGNORE_FILE = ".searchappignore"
# Names that are about a corpus rather than part of it (the Reuters folder's README.txt).
DEFAULT_SKIPS = (("readme", "README"), ("license", "LICENSE"), ("licence", "LICENSE"),
                 ("changelog", "CHANGELOG"))


@dataclass(frozen=True)
class FileRules:
    """The rules of a run: include and exclude globs (gitignore syntax), and the ignore files' name."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_include", GitIgnoreSpec.from_lines(self.include))
        object.__setattr__(self, "_exclude", GitIgnoreSpec.from_lines(self.exclude))

    def excluded_by(self, rel: str) -> str | None:
        """The --exclude pattern that matches rel (a folder ends in /), or None."""
        return _pattern(self._exclude, self.exclude, rel)

    def included_by(self, rel: str) -> str | None:
        """The --include pattern that matches rel, or None."""
        return _pattern(self._include, self.include, rel)


@dataclass(frozen=True)
class IgnoreFile:
    """One .searchappignore: its patterns apply below the folder it is in (base, relative to the root)."""

    path: Path
    base: str  # "" for the root, else "sub/dir/"
    lines: tuple[str, ...]

    @classmethod
    def read(cls, folder: Path, base: str) -> IgnoreFile | None:
        """The ignore file of folder, or None when there is none (or it cannot be read)."""
        path = folder / IGNORE_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None
        except (OSError, UnicodeDecodeError):
            return None  # unreadable: reported by nothing, like git; its folder is walked as usual
        ignore = cls(path, base, tuple(text.splitlines()))
        # pathspec drops empty lines; a comment in their place keeps pattern index == line index.
        object.__setattr__(ignore, "_spec", GitIgnoreSpec.from_lines(line or "#" for line in ignore.lines))
        return ignore

    def decide(self, rel: str) -> tuple[bool, str] | None:
        """(ignored?, reason) for rel when a pattern of this file matches it, else None."""
        if not rel.startswith(self.base):
            return None
        result = self._spec.check_file(rel[len(self.base):])
        if result.include is None:
            return None
        line = result.index + 1
        return result.include, f"ignored by {self.path} (line {line}: {self.lines[result.index].strip()})"


def skip_reason(rules: FileRules, ignores: tuple[IgnoreFile, ...], rel: str, name: str,
                is_dir: bool) -> str | None:
    """Why the file or folder at rel (relative to the root) is left out, or None to take it."""
    probe = rel + "/" if is_dir else rel
    pattern = rules.excluded_by(probe)
    if pattern is not None:
        return f"excluded by --exclude '{pattern}'"
    for ignore in reversed(ignores):  # the deepest file that has a say decides
        decision = ignore.decide(probe)
        if decision is not None:
            if decision[0]:
                return decision[1]
            break
    included = rules.included_by(probe) is not None
    if rules.include and not is_dir and not included:
        return "not matched by any --include"
    if included:
        return None
    if name.startswith("."):
        if is_dir:
            return f"dot-folder, skipped by default (--include '{name}/' takes it back)"
        return f"dotfile, skipped by default (--include '{name}' takes it back)"
    lowered = name.lower()
    for prefix, label in DEFAULT_SKIPS:
        if not is_dir and lowered.startswith(prefix):
            return f"{label} file, skipped by default (--include '{name}' takes it back)"
    return None


def ignores_down_to(root: Path, folder: Path) -> tuple[IgnoreFile, ...]:
    """The ignore files that apply inside folder (root or a folder below it): root's first, then each one's on the way."""
    parts = folder.relative_to(root).parts
    found = []
    for depth in range(len(parts) + 1):
        rel_dir = "".join(part + "/" for part in parts[:depth])
        own = IgnoreFile.read(root.joinpath(*parts[:depth]), rel_dir)
        if own is not None:
            found.append(own)
    return tuple(found)


def skip_reason_under(root: Path, path: Path, rules: FileRules, is_dir: bool) -> str | None:
    """Why path (root or below it) is left out, as a walk of root decides: each folder on the way, then path; None to take it.

    For a path that appears after the walk (`index --watch`): the same rules, relative paths and
    ignore files as the walk of root would apply.
    """
    parts = path.relative_to(root).parts
    ignores = ignores_down_to(root, root)
    folder, rel_dir = root, ""
    for depth, name in enumerate(parts, 1):
        last = depth == len(parts)
        if last and not is_dir and name == IGNORE_FILE:
            return "a .searchappignore file: rules, not an article"
        reason = skip_reason(rules, ignores, rel_dir + name, name, is_dir or not last)
        if reason is not None:
            return reason
        folder, rel_dir = folder / name, rel_dir + name + "/"
        own = None if last else IgnoreFile.read(folder, rel_dir)
        if own is not None:
            ignores += (own,)
    return None


def _pattern(spec: GitIgnoreSpec, patterns: tuple[str, ...], rel: str) -> str | None:
    result = spec.check_file(rel)
    return patterns[result.index] if result.include else None
