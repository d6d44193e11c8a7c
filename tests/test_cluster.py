"""Indexing with NER on a real dask.distributed cluster on 127.0.0.1: same entities, and faults.

Each cluster is a `dask scheduler` and `dask worker` subprocesses (one thread each, free ports,
this worktree's searchapp on their PYTHONPATH). One is SIGKILLed mid-run; the scheduler of
another is SIGKILLed mid-run; the index must then equal a local run's.
"""
import gc
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import require

from searchapp.entities import EXTRACTION_VERSION
from click.testing import CliRunner
from whoosh import index as whoosh_index

from searchapp import cluster, cluster_worker, config, indexer, schema
from searchapp.articles import text_hash
from searchapp.cache import ExtractionCache
from searchapp.cli import cli
from searchapp.cluster import ClusterError, ClusterExtractor, resource_name
from searchapp.corpus import read_articles
from searchapp.entities import Extractor, ner
from searchapp.indexer import build_index

DASK = Path(sys.executable).parent / "dask"
REUTERS = "reuters21578/reut2-000.sgm"
FILES, PER_FILE = 10, 15  # 150 Reuters articles in 10 files: chunks and commits are per file
ENTITY_FIELDS = (schema.PEOPLE, schema.PLACES, schema.ORGANIZATIONS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalCluster:
    """A `dask scheduler` and `dask worker` processes, each in its own process group."""

    def __init__(self, n_workers: int, log_dir: Path) -> None:
        if not DASK.exists():
            pytest.fail(f"the `dask` command is missing at {DASK}: pip install distributed")
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.log_dir = log_dir
        # The workers import this worktree's searchapp, whatever is installed in the venv.
        self.env = dict(os.environ, PYTHONPATH=str(config.PROJECT_DIR))
        self.scheduler = self._start("scheduler", ["scheduler", "--host", "127.0.0.1", "--port",
                                                   self.address.rsplit(":", 1)[1],
                                                   "--no-dashboard"])
        self.workers: dict[str, subprocess.Popen] = {}
        for i in range(n_workers):
            self.add_worker(f"w{i}")

    def add_worker(self, name: str, pythonpath: Path = config.PROJECT_DIR) -> subprocess.Popen:
        self.workers[name] = self._start(name, [
            "worker", self.address, "--nthreads", "1", "--host", "127.0.0.1", "--name", name,
            "--no-dashboard", "--death-timeout", "60"], pythonpath)
        return self.workers[name]

    def _start(self, name: str, args: list[str],
               pythonpath: Path = config.PROJECT_DIR) -> subprocess.Popen:
        env = dict(self.env, PYTHONPATH=str(pythonpath))
        with open(self.log_dir / f"{name}.log", "w") as log:
            return subprocess.Popen([str(DASK), *args], env=env, stdout=log, stderr=log,
                                    start_new_session=True)

    def kill(self, proc: subprocess.Popen) -> None:
        """SIGKILL a process and its children (a worker's nanny and worker), as a dying machine."""
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=30)

    def close(self) -> None:
        for proc in [*self.workers.values(), self.scheduler]:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in [*self.workers.values(), self.scheduler]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill(proc)


@pytest.fixture(scope="module")
def reuters_corpus(tmp_path_factory) -> Path:
    """150 Reuters articles, cut from the real SGML into 10 files of 15."""
    source = config.data_dir() / REUTERS
    require(source.exists(), f"{source} not found (set SEARCHAPP_DATA_DIR)")
    text = source.read_text(encoding="latin-1")
    blocks = re.findall(r"<REUTERS .*?</REUTERS>", text, flags=re.S)
    folder = tmp_path_factory.mktemp("reuters150")
    for i in range(FILES):
        part = blocks[i * PER_FILE:(i + 1) * PER_FILE]
        (folder / f"reut-{i:02d}.sgm").write_text("\n".join(part) + "\n", encoding="latin-1")
    shutil.copytree(Path(__file__).parent / "data" / "corpus", folder / "corpus")
    return folder


@pytest.fixture(scope="module")
def local_entities(reuters_corpus, tmp_path_factory) -> dict[str, tuple]:
    """The stored entities of a local build (one NER process): what a cluster build must equal."""
    index_dir = tmp_path_factory.mktemp("local-index")
    build_index([reuters_corpus], index_dir, Extractor(), n_process=1)
    return stored_entities(index_dir)


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory):
    started = LocalCluster(2, tmp_path_factory.mktemp("cluster-logs"))
    yield started
    started.close()


def stored_entities(index_dir: Path) -> dict[str, tuple]:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        found = {fields[schema.ARTICLE_ID]: tuple(fields.get(name, "") for name in ENTITY_FIELDS)
                 for fields in searcher.all_stored_fields()}
    ix.close()
    return found


class _Wrapped:
    """An extractor that runs callbacks while the cluster works on a chunk's batches."""

    def __init__(self, inner: ClusterExtractor, on_first_result=None, on_submitted=None) -> None:
        self.inner = inner
        self.version = inner.version
        self.on_first_result = on_first_result or (lambda call: None)
        self.on_submitted = on_submitted or (lambda call: None)
        self.calls = 0

    def analyse(self, texts, n_process=1):
        self.calls += 1
        call = self.calls
        mentions = self.inner.analyse(texts, n_process)
        self.on_submitted(call)

        def results():
            for i, m in enumerate(mentions):
                if i == 0:
                    self.on_first_result(call)
                yield m
        return results()

    def ready_workers(self):
        return self.inner.ready_workers()

    def close(self):
        self.inner.close()


def test_a_worker_killed_mid_run_leaves_an_index_equal_to_a_local_build(
        two_workers, reuters_corpus, local_entities, tmp_path):
    messages = []
    extractor = ClusterExtractor(two_workers.address, batch_size=5, on_message=messages.append)
    assert len(extractor.ready_workers()) == 2
    victim = two_workers.workers["w1"]
    seen = {}

    def kill_w1(call):
        if call != 1:
            return
        address = next(a for a, w in extractor.workers().items() if w["name"] == "w1")
        # The scheduler assigns the batches a moment after they are submitted: kill w1 as soon
        # as it holds some (a batch takes w1 0.1-1 s, all 33 of them several seconds).
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            seen["w1 batches"] = len(extractor._client.processing()[address])
            if seen["w1 batches"]:
                break
            time.sleep(0.005)
        two_workers.kill(victim)

    with extractor:
        stats = build_index([reuters_corpus], tmp_path,
                            _Wrapped(extractor, on_submitted=kill_w1))
        workers_after = extractor.ready_workers()
    assert seen["w1 batches"] >= 1
    assert victim.poll() is not None and len(workers_after) == 1
    assert stats.failed == [] and stats.total == FILES * PER_FILE + 15
    assert stats.analysed == extractor.texts_sent
    assert stored_entities(tmp_path) == local_entities
    assert messages == []


def test_the_cli_uses_the_scheduler_option_and_the_environment_variable(
        two_workers, reuters_corpus, local_entities, tmp_path):
    corpus = reuters_corpus / "corpus"
    result = CliRunner().invoke(cli, ["index", str(corpus), "--index-dir", str(tmp_path / "a"),
                                      "--scheduler", two_workers.address])
    assert result.exit_code == 0, result.output
    assert "dask workers ready" in result.output and "15 added" in result.output
    result = CliRunner(env={"SEARCHAPP_SCHEDULER": two_workers.address}).invoke(
        cli, ["index", str(corpus), "--index-dir", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert "dask workers ready" in result.output
    expected = {k: v for k, v in local_entities.items() if k in stored_entities(tmp_path / "a")}
    assert len(expected) == 15
    assert stored_entities(tmp_path / "a") == stored_entities(tmp_path / "b") == expected


def test_workers_with_another_extraction_version_refuse_before_anything_is_written(
        two_workers, monkeypatch, tmp_path):
    # This machine now runs another extraction than every worker of the cluster.
    monkeypatch.setattr(ner, "EXTRACTION_VERSION", f"{EXTRACTION_VERSION}-other")
    result = CliRunner().invoke(cli, ["index", str(Path(__file__).parent / "data" / "corpus"),
                                      "--index-dir", str(tmp_path / "index"),
                                      "--scheduler", two_workers.address])
    assert result.exit_code == 1
    assert "no dask worker at" in result.output and "can run this extraction" in result.output
    x = re.escape(f"-x{EXTRACTION_VERSION}")
    assert re.search(rf"it runs extraction \S+{x}, the indexing run needs \S+{x}-other",
                     result.output)
    assert "Nothing was written" in result.output
    assert not (tmp_path / "index").exists()


def test_a_worker_with_another_searchapp_joins_refuses_and_gets_no_batch(
        two_workers, tmp_path):
    # A worker machine with an older searchapp: a copy of this one with another version.
    old = tmp_path / "old-searchapp"
    shutil.copytree(config.PROJECT_DIR / "searchapp", old / "searchapp")
    ner_py = old / "searchapp" / "entities" / "ner.py"
    source = ner_py.read_text(encoding="utf-8")
    ner_py.write_text(re.sub(r'^EXTRACTION_VERSION = "([^"]*)"', r'EXTRACTION_VERSION = "\1-old"',
                             source, count=1, flags=re.M), encoding="utf-8")
    messages = []
    with ClusterExtractor(two_workers.address, batch_size=2,
                          on_message=messages.append) as extractor:
        ready = set(extractor.ready_workers())
        two_workers.add_worker("old", old)
        deadline = time.monotonic() + 90
        while not messages and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(messages) == 1, messages
        assert re.search(r"dask worker tcp://127\.0\.0\.1:\d+: worker refuses searchapp batches: "
                         r"it runs extraction \S+-x\S+-old, the indexing run needs \S+; install "
                         r"the same searchapp", messages[0])
        assert set(extractor.ready_workers()) == ready
        texts = [f"Chancellor Helmut Kohl met {name} in Bonn." for name in
                 ("Jacques Chirac", "Margaret Thatcher", "Ronald Reagan", "Felipe Gonzalez")] * 5
        found = list(extractor.analyse(texts))
        work = extractor.worker_work()
    assert found == list(Extractor().analyse(texts))
    assert any(m.people for m in found)
    refuser = next(a for a in work if a not in ready)
    assert work[refuser] == (0, 0.0)
    assert sum(texts for texts, _seconds in work.values()) >= len(texts)


def test_a_batch_sent_to_a_worker_without_the_extraction_is_refused(two_workers):
    with ClusterExtractor(two_workers.address) as extractor:
        # Bypass the resource that keeps batches away from such workers.
        future = extractor._client.submit(cluster_worker.analyse_batch, "other-version", ["Hello."],
                                          pure=False)
        with pytest.raises(cluster_worker.ExtractionRefused, match="has no searchapp extraction"):
            future.result(timeout=30)


def test_an_unreachable_scheduler_is_a_clear_error_before_anything_is_written(
        monkeypatch, tmp_path):
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1.0)
    address = f"tcp://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(cli, ["index", str(Path(__file__).parent / "data" / "corpus"),
                                      "--index-dir", str(tmp_path / "index"),
                                      "--scheduler", address])
    assert result.exit_code == 1
    gc.collect()  # no half-made dask Client left to time out while closing (unraisable)
    assert f"cannot reach the dask scheduler at {address}" in result.output
    assert "Nothing was written" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "index").exists()


def test_a_scheduler_lost_mid_run_stops_at_the_last_commit_and_a_rerun_finishes_from_the_cache(
        reuters_corpus, local_entities, tmp_path, tmp_path_factory, monkeypatch):
    # Small chunks (two files each) and a commit every two chunks, as 1,000 and 5,000 do at scale.
    monkeypatch.setattr(indexer, "CHUNK_SIZE", 25)
    monkeypatch.setattr(indexer, "COMMIT_EVERY", 60)
    own = LocalCluster(1, tmp_path_factory.mktemp("lost-scheduler-logs"))
    index_dir = tmp_path / "index"

    def kill_scheduler(call):
        # Call 6 is the last chunk (files sort corpus/ first, then two Reuters files a
        # chunk): by its first result chunks 1-5 are extracted, 1-4 committed.
        if call == 6:
            own.kill(own.scheduler)

    # The command a user runs, with the cluster's extractor watched by the test.
    monkeypatch.setattr(cluster, "ClusterExtractor", lambda address, **kwargs: _Wrapped(
        ClusterExtractor(address, batch_size=5, **kwargs), kill_scheduler))
    try:
        result = CliRunner().invoke(cli, ["index", str(reuters_corpus), "--index-dir",
                                          str(index_dir), "--scheduler", own.address])
    finally:
        own.close()
    assert result.exit_code == 1, result.output
    assert f"Error: lost the dask scheduler at {own.address} mid-run" in result.output
    assert ("The index keeps what its last commit wrote; run the same command again to finish"
            in result.output)
    committed = stored_entities(index_dir)
    assert 60 <= len(committed) < FILES * PER_FILE
    # The committed articles' names are provisional: names are resolved across the whole
    # corpus once a run completes (searchapp.resolution), which the re-run below does.
    assert set(committed) < set(local_entities)
    # What was extracted before the loss is in the cache, committed or not: the re-run
    # (here on this machine) analyses exactly the other texts.
    articles = [a for r in read_articles([reuters_corpus]) for a in r.articles]
    cache = ExtractionCache(index_dir)
    cached = cache.get_many([text_hash(a.text) for a in articles], Extractor().version)
    cache.close()
    assert len(cached) > len(committed)
    missing = {text_hash(a.text) for a in articles} - set(cached)
    assert missing
    result = CliRunner().invoke(cli, ["index", str(reuters_corpus), "--index-dir", str(index_dir)])
    assert result.exit_code == 0, result.output
    assert f"{len(committed)} unchanged" in result.output
    assert f"{len(missing)} texts analysed" in result.output
    assert stored_entities(index_dir) == local_entities


def test_a_scheduler_without_workers_is_a_clear_error(tmp_path_factory):
    own = LocalCluster(0, tmp_path_factory.mktemp("no-worker-logs"))
    try:
        with pytest.raises(ClusterError, match=r"no dask worker joined the scheduler at "
                                               r"tcp://127\.0\.0\.1:\d+ in 1 s; start one"):
            ClusterExtractor(own.address, connect_seconds=30, worker_wait_seconds=1)
    finally:
        own.close()


def test_plugin_refuses_a_model_that_is_not_installed():
    plugin = cluster_worker.ExtractionPlugin("no_such_model_xx", "no_such_model_xx-1-x3")
    plugin.refusal = plugin._load()  # as setup() does on a worker
    assert "no_such_model_xx" in plugin.refusal
    with pytest.raises(cluster_worker.ExtractionRefused, match="no_such_model_xx"):
        plugin.analyse(["text"])
    assert resource_name("m-1-x3") == "searchapp-m-1-x3"
