"""What an indexing run must write and remove: the files read, checked against what the index holds.

An Inventory starts from every stored article's id, origin file, file signature and content
hash; each file the run walks is either unchanged (its signature, nothing read), or read and its
articles sorted into added, updated, unchanged (the same content: at most a new signature), or
refused (an id another file already uses). What the run neither kept nor wrote, from a file
walked again, left out by the selection, or gone, is removed.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from searchapp import schema
from searchapp.articles import Article
from searchapp.corpus import Problem, read_file


@dataclass(frozen=True)
class Stored:
    """What the index holds of one article, to tell whether its file changed."""

    origin: str
    file_sig: str
    content_hash: str

    @classmethod
    def of(cls, fields: dict) -> Stored:
        """Take it from a document's stored fields (or the fields to_document made)."""
        return cls(fields.get(schema.ORIGIN, ""), fields.get(schema.FILE_SIG, ""),
                   fields.get(schema.CONTENT_HASH, ""))


@dataclass
class Pending:
    """An article to write: new, or replacing the stored one."""

    article: Article
    file_sig: str
    is_new: bool


def file_sig(path: Path) -> str:
    """Return a cheap signature of a file's state: size and modification time."""
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}"


def read_stored(ix) -> dict[str, Stored]:
    """Read id, origin, signature and content hash of every indexed article."""
    with ix.reader() as reader:
        return {fields[schema.ARTICLE_ID]: Stored.of(fields) for _docnum, fields in reader.iter_docs()}


class Inventory:
    """The stored articles against the files of one run; counts go to stats (an IndexStats)."""

    def __init__(self, stored: dict[str, Stored], rebuild: bool, stats) -> None:
        self.stored = stored
        self.rebuild = rebuild
        self.stats = stats
        self.by_origin: dict[str, set[str]] = defaultdict(set)
        for article_id, info in stored.items():
            self.by_origin[info.origin].add(article_id)
        self.kept: set[str] = set()  # ids that stay in the index after this run
        self.seen: dict[str, str] = {}  # id -> origin, for the articles read in this run

    def take_file(self, path: Path, origin: str) -> list[Pending]:
        """Check one file; return the articles of it to write."""
        sig = file_sig(path)
        old_ids = self.by_origin.get(origin, set())
        if (not self.rebuild and old_ids
                and all(self.stored[i].file_sig == sig for i in old_ids)):
            self.stats.unchanged += len(old_ids)
            self.kept.update(old_ids)
            self.seen.update(dict.fromkeys(old_ids, origin))
            return []
        result = read_file(path)
        if result.skipped:
            self.stats.skipped.append(str(path))
            return []
        self.stats.failed.extend(result.problems)
        if result.problems:
            # A file that is (partly) bad now keeps what was indexed from it before.
            self.kept.update(old_ids)
        return [item for article in result.articles
                if (item := self._take_article(article, origin, sig)) is not None]

    def _take_article(self, article: Article, origin: str, sig: str) -> Pending | None:
        article_id = article.article_id
        other = self.seen.get(article_id)
        if other is None:
            prev = self.stored.get(article_id)
            if prev and prev.origin != origin and Path(prev.origin).exists() and not self.rebuild:
                other = prev.origin
        if other is not None and other != origin:
            self.stats.failed.append(Problem(
                origin, f"id {article_id!r} is already used by {other}; this article was skipped"))
            return None
        self.seen[article_id] = origin
        self.kept.add(article_id)
        prev = self.stored.get(article_id)
        if prev and not self.rebuild and prev.content_hash == article.content_hash():
            self.stats.unchanged += 1
            if prev.file_sig != sig or prev.origin != origin:
                # Same content, but the file was touched or moved: refresh the stored signature.
                return Pending(article, sig, is_new=False)
            return None
        if prev and not self.rebuild:
            self.stats.updated += 1
        else:
            self.stats.added += 1
        return Pending(article, sig, is_new=prev is None or self.rebuild)

    def gone(self, walked: set[str], excluded: Callable[[str], bool]) -> list[str]:
        """Return the ids to remove: stored, not kept, and their file walked again (so they
        are no longer in it), left out by the selection, or no longer there."""
        if self.rebuild:
            return []  # CLEAR drops everything that was not written again
        exists: dict[str, bool] = {}  # one stat per file, not per article (a .jsonl holds many)
        out = []
        for article_id, info in self.stored.items():
            if article_id in self.kept:
                continue
            if info.origin not in exists:
                exists[info.origin] = Path(info.origin).exists()
            if info.origin in walked or excluded(info.origin) or not exists[info.origin]:
                out.append(article_id)
        return out
