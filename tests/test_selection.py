"""Which files a folder gives: default skips, --include/--exclude, .searchappignore, and why each is left out."""
import os
from pathlib import Path

import pytest

from tests.conftest import require

from searchapp import config
from searchapp.corpus import FileRules, iter_files, select_files

REUTERS_DIR = config.data_dir() / "reuters21578"


def make(root: Path, *names: str) -> Path:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Text.\n", encoding="utf-8")
    return root


def taken(root: Path, rules: FileRules | None = None, paths=None) -> list[str]:
    selection = select_files(paths or [root], rules)
    return [path.relative_to(root).as_posix() for path in selection.files]


def left_out(root: Path, rules: FileRules | None = None) -> dict[str, str]:
    selection = select_files([root], rules)
    return {path.relative_to(root).as_posix() + ("/" if is_dir else ""): reason
            for path, reason, is_dir in ((s.path, s.reason, s.is_dir) for s in selection.skipped)}


def test_readme_license_changelog_and_dot_names_are_skipped_with_their_reason(tmp_path):
    make(tmp_path, "a.txt", "README.txt", "readme.md", "LICENSE", "Licence.txt", "CHANGELOG.md",
         ".DS_Store", ".git/config.txt", "sub/README", "sub/b.txt", "readers.txt")
    assert taken(tmp_path) == ["a.txt", "readers.txt", "sub/b.txt"]
    assert left_out(tmp_path) == {
        ".DS_Store": "dotfile, skipped by default (--include '.DS_Store' takes it back)",
        ".git/": "dot-folder, skipped by default (--include '.git/' takes it back)",
        "CHANGELOG.md": "CHANGELOG file, skipped by default (--include 'CHANGELOG.md' takes it back)",
        "LICENSE": "LICENSE file, skipped by default (--include 'LICENSE' takes it back)",
        "Licence.txt": "LICENSE file, skipped by default (--include 'Licence.txt' takes it back)",
        "README.txt": "README file, skipped by default (--include 'README.txt' takes it back)",
        "readme.md": "README file, skipped by default (--include 'readme.md' takes it back)",
        "sub/README": "README file, skipped by default (--include 'README' takes it back)",
    }


def test_include_takes_default_skips_back_and_takes_only_what_it_matches(tmp_path):
    make(tmp_path, "a.txt", "b.sgm", "README.txt", ".notes/n.txt", "x/.hidden.txt")
    rules = FileRules(include=("README*", "*.sgm", ".notes/", ".hidden.txt"))
    assert taken(tmp_path, rules) == [".notes/n.txt", "README.txt", "b.sgm", "x/.hidden.txt"]
    assert left_out(tmp_path, rules) == {"a.txt": "not matched by any --include"}


def test_the_reuters_layout_with_include_sgm(tmp_path):
    make(tmp_path, "README.txt", "all-people-strings.lc.txt", "cat-descriptions_120396.txt",
         "lewis.dtd", "reut2-000.sgm", "reut2-001.sgm")
    assert taken(tmp_path) == ["all-people-strings.lc.txt", "cat-descriptions_120396.txt",
                               "lewis.dtd", "reut2-000.sgm", "reut2-001.sgm"]
    assert taken(tmp_path, FileRules(include=("*.sgm",))) == ["reut2-000.sgm", "reut2-001.sgm"]


def test_exclude_leaves_out_files_and_whole_folders_listed_once(tmp_path):
    make(tmp_path, "a.txt", "a.bak.txt", "drafts/x.txt", "drafts/deep/y.txt", "keep/drafts.txt")
    rules = FileRules(exclude=("*.bak.txt", "drafts/"))
    assert taken(tmp_path, rules) == ["a.txt", "keep/drafts.txt"]
    assert left_out(tmp_path, rules) == {"a.bak.txt": "excluded by --exclude '*.bak.txt'",
                                         "drafts/": "excluded by --exclude 'drafts/'"}


def test_exclude_wins_over_include(tmp_path):
    make(tmp_path, "notes.txt", "story.txt")
    rules = FileRules(include=("*.txt",), exclude=("notes*",))
    assert taken(tmp_path, rules) == ["story.txt"]


def test_anchored_patterns_match_from_the_folder_given(tmp_path):
    make(tmp_path, "top.txt", "sub/top.txt")
    assert taken(tmp_path, FileRules(exclude=("/top.txt",))) == ["sub/top.txt"]


def test_searchappignore_in_any_folder_relative_to_that_folder(tmp_path):
    make(tmp_path, "a.txt", "old.txt", "sub/old.txt", "sub/new.txt", "sub/keep.csv", "sub/x.csv")
    (tmp_path / ".searchappignore").write_text("# the top folder\n\n/old.txt\n", encoding="utf-8")
    (tmp_path / "sub" / ".searchappignore").write_text("*.csv\n!keep.csv\nold.txt\n", encoding="utf-8")
    assert taken(tmp_path) == ["a.txt", "sub/keep.csv", "sub/new.txt"]
    assert left_out(tmp_path) == {
        "old.txt": f"ignored by {tmp_path / '.searchappignore'} (line 3: /old.txt)",
        "sub/old.txt": f"ignored by {tmp_path / 'sub' / '.searchappignore'} (line 3: old.txt)",
        "sub/x.csv": f"ignored by {tmp_path / 'sub' / '.searchappignore'} (line 1: *.csv)",
    }


def test_a_deeper_searchappignore_can_take_a_file_back(tmp_path):
    make(tmp_path, "sub/a.csv", "sub/b.csv")
    (tmp_path / ".searchappignore").write_text("*.csv\n", encoding="utf-8")
    (tmp_path / "sub" / ".searchappignore").write_text("!a.csv\n", encoding="utf-8")
    assert taken(tmp_path) == ["sub/a.csv"]


def test_searchappignore_folder_pattern_is_not_walked(tmp_path):
    make(tmp_path, "a.txt", "archive/old/x.txt")
    (tmp_path / ".searchappignore").write_text("archive/\n", encoding="utf-8")
    assert taken(tmp_path) == ["a.txt"]
    assert list(left_out(tmp_path)) == ["archive/"]


@pytest.mark.parametrize("rules", [
    FileRules(),
    FileRules(include=("*.txt", "README*", ".notes/"), exclude=("drafts/", "/top.bak.txt")),
    FileRules(include=("sub/",)),
])
def test_a_path_decided_alone_as_the_walk_decides_it(tmp_path, rules):
    """What `index --watch` asks of a new file or folder: the walk's answer and reason, folder by folder."""
    from searchapp.corpus.files import select_below
    from searchapp.corpus.selection import skip_reason_under

    make(tmp_path, "a.txt", "top.bak.txt", "README.txt", ".hidden.txt", ".notes/n.txt",
         "drafts/d.txt", "sub/b.txt", "sub/c.csv", "sub/deep/e.txt", "sub/deep/skip.txt",
         "sub/drafts/f.txt", "sub/top.bak.txt")
    (tmp_path / "sub" / ".searchappignore").write_text("*.csv\n", encoding="utf-8")
    (tmp_path / "sub" / "deep" / ".searchappignore").write_text("skip*\n", encoding="utf-8")
    selection = select_files([tmp_path], rules)
    assert selection.files and selection.skipped
    for path in selection.files:
        assert skip_reason_under(tmp_path, path, rules, False) is None, path
    for skipped in selection.skipped:
        assert skip_reason_under(tmp_path, skipped.path, rules, skipped.is_dir) == skipped.reason
        for below in skipped.path.rglob("*") if skipped.is_dir else ():
            assert skip_reason_under(tmp_path, below, rules, below.is_dir()) is not None, below
    assert skip_reason_under(tmp_path, tmp_path / "sub" / ".searchappignore", rules, False)
    # A folder that appears later gives the files the walk takes in it.
    assert select_below(tmp_path, tmp_path / "sub", rules) == [
        p for p in selection.files if tmp_path / "sub" in p.parents]


def test_files_named_on_the_command_line_are_always_taken(tmp_path):
    make(tmp_path, "README.txt", ".hidden.txt", "a.txt")
    paths = [tmp_path / "README.txt", tmp_path / ".hidden.txt"]
    assert taken(tmp_path, FileRules(include=("a.txt",)), paths) == ["README.txt", ".hidden.txt"]


def test_excludes_answers_for_resolved_origins_of_files_and_folder_contents(tmp_path):
    make(tmp_path, "README.txt", "drafts/x.txt", "a.txt")
    os.symlink(tmp_path, tmp_path.parent / f"{tmp_path.name}-link")
    link = tmp_path.parent / f"{tmp_path.name}-link"
    selection = select_files([link], FileRules(exclude=("drafts/",)))
    assert selection.excludes(str((tmp_path / "README.txt").resolve()))
    assert selection.excludes(str((tmp_path / "drafts" / "x.txt").resolve()))
    assert not selection.excludes(str((tmp_path / "a.txt").resolve()))
    assert not selection.excludes(str(tmp_path / "drafts-2" / "x.txt"))


def test_iter_files_is_unchanged_by_the_rules(tmp_path):
    make(tmp_path, "README.txt", "a.txt", ".b.txt")
    assert [p.name for p in iter_files([tmp_path])] == ["README.txt", "a.txt"]


def test_the_real_reuters_folder_gives_its_sgm_files_only():
    require(REUTERS_DIR.is_dir(), f"shared Reuters corpus not found in {REUTERS_DIR}")
    default = select_files([REUTERS_DIR])
    assert {s.path.name for s in default.skipped} == {"README.txt", "README.md"}
    only_sgm = select_files([REUTERS_DIR], FileRules(include=("*.sgm",)))
    sgm = sorted(REUTERS_DIR.glob("*.sgm"))
    assert sgm and only_sgm.files == sgm
    assert len(only_sgm.skipped) == len(list(REUTERS_DIR.iterdir())) - len(sgm)


# --- the indexer and the CLI: what the rules leave out leaves the index -------------------------

from click.testing import CliRunner  # noqa: E402

from searchapp.cli import cli  # noqa: E402
from searchapp.indexer import build_index  # noqa: E402
from tests.test_indexer import OTHER_TEXT, SEED_TEXT, stored_docs  # noqa: E402


def test_excluding_an_indexed_file_removes_its_articles_and_including_it_brings_them_back(
        tmp_path, extractor):  # noqa: F811 - the fixture
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    (corpus / "drafts").mkdir(parents=True)
    (corpus / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (corpus / "drafts" / "other.txt").write_text(OTHER_TEXT, encoding="utf-8")
    build_index([corpus], index_dir, extractor)
    assert set(stored_docs(index_dir)) == {"seed", "other"}
    stats = build_index([corpus], index_dir, extractor, rules=FileRules(exclude=("drafts/",)))
    assert (stats.removed, stats.unchanged, stats.total) == (1, 1, 1)
    assert [(s.path.name, s.reason, s.is_dir) for s in stats.excluded] == [
        ("drafts", "excluded by --exclude 'drafts/'", True)]
    assert set(stored_docs(index_dir)) == {"seed"}
    (corpus / ".searchappignore").write_text("seed.txt\n", encoding="utf-8")
    stats = build_index([corpus], index_dir, extractor)
    assert (stats.added, stats.removed, stats.total) == (1, 1, 1)
    assert set(stored_docs(index_dir)) == {"other"}


def test_a_readme_indexed_before_is_removed_now_that_it_is_skipped(tmp_path, extractor):  # noqa: F811
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (corpus / "README.txt").write_text(OTHER_TEXT, encoding="utf-8")
    build_index([corpus], index_dir, extractor, rules=FileRules(include=("*.txt",)))
    assert set(stored_docs(index_dir)) == {"seed", "README"}
    stats = build_index([corpus], index_dir, extractor)
    assert stats.removed == 1 and set(stored_docs(index_dir)) == {"seed"}


def test_a_file_outside_the_folders_indexed_now_is_kept(tmp_path, extractor):  # noqa: F811
    first, second, index_dir = tmp_path / "first", tmp_path / "second", tmp_path / "index"
    first.mkdir()
    (first / "x.txt").write_text(SEED_TEXT, encoding="utf-8")
    (second / "y.txt").parent.mkdir()
    (second / "y.txt").write_text(OTHER_TEXT, encoding="utf-8")
    build_index([first], index_dir, extractor)
    stats = build_index([second], index_dir, extractor, rules=FileRules(exclude=("x.txt",)))
    assert stats.removed == 0 and set(stored_docs(index_dir)) == {"x", "y"}


def test_cli_index_include_exclude_and_the_reasons_it_prints(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (corpus / "README.txt").write_text(OTHER_TEXT, encoding="utf-8")
    (corpus / "notes.csv").write_text("id,text\nn,Note.\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["index", str(corpus), "--index-dir", str(index_dir),
                                 "--exclude", "*.csv"])
    assert result.exit_code == 0, result.output
    assert (f"skipped (README file, skipped by default (--include 'README.txt' takes it back)): "
            f"{corpus / 'README.txt'}") in result.output
    assert f"skipped (excluded by --exclude '*.csv'): {corpus / 'notes.csv'}" in result.output
    assert "1 added, 0 updated, 0 unchanged, 0 removed; 0 failed, 2 skipped; 1 articles" in result.output
    again = runner.invoke(cli, ["index", str(corpus), "--index-dir", str(index_dir),
                                "--include", "*.txt"])
    assert again.exit_code == 0, again.output
    assert "1 added, 0 updated, 1 unchanged, 0 removed; 0 failed, 1 skipped; 2 articles" in again.output
    assert f"skipped (not matched by any --include): {corpus / 'notes.csv'}" in again.output
