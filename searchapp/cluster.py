"""Run NER on a dask.distributed cluster: ClusterExtractor, the Extractor of `index --scheduler`.

The indexing machine keeps the index, the extraction cache and the writer; only the texts the
cache lacks travel, in batches, to `dask worker` processes that load the spaCy model once each
(ExtractionPlugin) and send back each text's Mentions as the cache's JSON. A worker whose
searchapp extraction version or spaCy model differs from the indexing machine's never takes a
batch: it does not advertise the resource the batches ask for, and it says why (worker log, and
a message to the indexing run). dask runs a batch again elsewhere when its worker dies.
"""
from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

from distributed import Client, Future, KilledWorker
from distributed.client import FutureCancelledError
from distributed.comm import connect

from searchapp.cluster_worker import (TOPIC, ClusterError, ExtractionPlugin, ExtractionRefused,
                                      analyse_batch, plugin_state, plugin_work, resource_name)

__all__ = ["ClusterError", "ClusterExtractor", "ClusterLost", "ExtractionRefused",
           "SchedulerUnreachable", "resource_name"]
from searchapp.entities.ner import Extractor, Mentions

# Texts per task: about a second of NER on one core (~65 Reuters articles/s), so the per-task
# cost (a few ms of scheduling) stays under 1% and a lost worker loses little work.
BATCH_SIZE = 64
# How long to try to reach the scheduler (at the start, and again after losing it mid-run).
CONNECT_SECONDS = 10.0
# How long a run waits for a worker that can run its extraction (at the start, or after all
# of them died) before it gives up with a message.
WORKER_WAIT_SECONDS = 60.0
# How often a run waiting for a batch checks that the cluster still has a worker for it.
POLL_SECONDS = 2.0

logger = logging.getLogger(__name__)


class SchedulerUnreachable(ClusterError):
    """No dask scheduler answered at the address given."""


class ClusterLost(ClusterError):
    """The scheduler went away, or no worker stayed to run the batches, in the middle of a run."""


def _probe(address: str, timeout: float) -> None:
    """Open and close a connection to the scheduler; raise OSError or ValueError as Client would."""
    async def connect_and_close() -> None:
        comm = await connect(address, timeout=timeout)
        await comm.close()

    # In a thread of its own: the calling thread may already run an event loop.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="searchapp-probe") as pool:
        pool.submit(lambda: asyncio.run(connect_and_close())).result()


class ClusterExtractor:
    """An Extractor whose analyse() runs on a dask.distributed cluster; same interface.

    Raises (from the constructor): SchedulerUnreachable, ClusterError (no worker can run this
    extraction). analyse() raises ClusterLost when the scheduler goes away mid-run.
    """

    def __init__(self, address: str, model: str | None = None, *,
                 batch_size: int = BATCH_SIZE,
                 on_message: Callable[[str], None] | None = None,
                 connect_seconds: float | None = None,
                 worker_wait_seconds: float | None = None) -> None:
        local = Extractor(model)  # the version of this machine is the one the cache uses
        self.model = local.model
        self.version = local.version
        self.address = address
        self.batch_size = batch_size
        self.on_message = on_message or (lambda message: logger.warning("%s", message))
        self.worker_wait_seconds = (WORKER_WAIT_SECONDS if worker_wait_seconds is None
                                    else worker_wait_seconds)
        self.resource = resource_name(self.version)
        self.texts_sent = 0
        self.bytes_sent = 0  # UTF-8 bytes of the texts sent; the Mentions JSON received:
        self.bytes_received = 0
        self._no_worker = _NoWorkerTimer(address, self.worker_wait_seconds, self.on_message)
        timeout = CONNECT_SECONDS if connect_seconds is None else connect_seconds
        try:
            # Probe first: a Client whose constructor failed still tries to close itself when
            # garbage-collected, and that times out with a traceback on stderr.
            _probe(address, timeout)
            self._client = Client(address, set_as_default=False, timeout=timeout)
        except (OSError, ValueError) as exc:
            raise SchedulerUnreachable(
                f"cannot reach the dask scheduler at {address} ({exc}); start it there with "
                f"`dask scheduler`, or check the address and port") from None
        try:
            self._client.subscribe_topic(TOPIC, self._on_event)
            self._client.register_plugin(ExtractionPlugin(self.model, self.version),
                                         name=self.resource)
            _wait_for_workers(self._client, self.ready_workers, self.version, self.resource,
                              address, self.worker_wait_seconds)
        except BaseException:
            self._client.close()
            raise

    def _on_event(self, event: tuple[float, dict]) -> None:
        _timestamp, message = event
        if message.get("version") != self.version:
            return  # another run's extraction, on a cluster that several runs share
        self.on_message(f"dask worker {message.get('worker')}: {message.get('refused')}")

    def workers(self) -> dict[str, dict]:
        """Return {address: the scheduler's identity of the worker} for every worker now."""
        # Asked of the scheduler, not Client.scheduler_info(): the client's periodic refresh
        # replaces that one with a copy without workers, and a busy client saw an empty cluster.
        return self._client.sync(self._client.scheduler.identity, n_workers=-1)["workers"]

    def ready_workers(self) -> list[str]:
        """Return the addresses of the workers that have loaded this extraction."""
        return [address for address, info in self.workers().items()
                if info.get("resources", {}).get(self.resource)]

    def worker_work(self) -> dict[str, tuple[int, float]]:
        """Return {worker address: (texts analysed, seconds of NER)} since each loaded the model."""
        return self._client.run(plugin_work, self.version)

    def analyse(self, texts: Iterable[str], n_process: int = 1,
                batch_size: int | None = None) -> Iterator[Mentions]:
        """Send the texts to the cluster now, in batches; yield one Mentions per text, in order.

        n_process is ignored: the cluster's workers decide the parallelism.
        """
        texts = list(texts)
        size = batch_size or self.batch_size
        # Submitted here, not when the iterator is first read: the indexer calls analyse() for
        # the next chunks while it writes this one, and the cluster keeps busy meanwhile.
        futures = [self._submit(texts[start:start + size])
                   for start in range(0, len(texts), size)]
        return self._collect(futures)

    def _submit(self, batch: list[str]) -> Future:
        self.texts_sent += len(batch)
        self.bytes_sent += sum(len(text.encode("utf-8")) for text in batch)
        return self._client.submit(analyse_batch, self.version, batch, pure=False,
                                   key=f"searchapp-ner-{uuid.uuid4().hex}",
                                   resources={self.resource: 1})

    def _collect(self, futures: list[Future]) -> Iterator[Mentions]:
        """Yield the batches' results in submission order, whatever order they finish in."""
        try:
            for future in futures:
                for item in self._result(future):
                    self.bytes_received += len(item.encode("utf-8"))
                    yield Mentions.from_json(item)
                future.release()
        finally:
            if self._client.status == "running":
                self._client.cancel([f for f in futures if not f.done()])

    def _result(self, future: Future) -> list[str]:
        while True:
            try:
                return future.result(timeout=POLL_SECONDS)
            except FutureCancelledError:
                raise ClusterLost(f"lost the dask scheduler at {self.address} mid-run") from None
            except KilledWorker as exc:
                raise ClusterError(f"a batch of texts killed every dask worker that ran it "
                                   f"({exc}); look for out-of-memory kills on the workers") from None
            except TimeoutError:
                self._check_alive()
            except OSError as exc:  # CommClosedError, connection refused: the scheduler went away
                raise ClusterLost(f"lost the dask scheduler at {self.address} mid-run "
                                  f"({exc.__class__.__name__})") from None

    def _check_alive(self) -> None:
        """Raise ClusterLost when the scheduler is gone, or no worker can run batches for long."""
        lost = ClusterLost(f"lost the dask scheduler at {self.address} mid-run")
        if self._client.status != "running":
            raise lost
        try:
            ready = self.ready_workers()
        except OSError:
            raise lost from None
        self._no_worker.saw(bool(ready))

    def close(self) -> None:
        """Disconnect from the scheduler (the workers keep their model for the next run)."""
        self._client.close()

    def __enter__(self) -> ClusterExtractor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _NoWorkerTimer:
    """How long a run has had no worker that can run its batches; ClusterLost past the limit."""

    def __init__(self, address: str, limit: float, on_message: Callable[[str], None]) -> None:
        self.address = address
        self.limit = limit
        self.on_message = on_message
        self.since: float | None = None  # when the last worker went; None while there is one

    def saw(self, ready: bool) -> None:
        """Record whether a worker can run batches now (says so when the last one goes).

        Raises:
            ClusterLost: none could for longer than the limit.
        """
        if ready:
            self.since = None
            return
        now = time.monotonic()
        if self.since is None:
            self.since = now
            self.on_message(f"no dask worker left that can run this extraction; waiting "
                            f"{self.limit:.0f} s for one to join {self.address}")
        elif now - self.since > self.limit:
            raise ClusterLost(f"no dask worker at {self.address} could run this extraction for "
                              f"{self.limit:.0f} s")


def _wait_for_workers(client: Client, ready_workers: Callable[[], list[str]], version: str,
                      resource: str, address: str, wait_seconds: float) -> None:
    """Wait until at least one worker has loaded the extraction (its plugin is registered).

    Raises:
        ClusterError: every worker refuses it (their reasons), or none joined in time.
    """
    deadline = time.monotonic() + wait_seconds
    while not ready_workers():
        states = client.run(plugin_state, version)
        refusals = {worker: why for worker, why in states.items() if why}
        if refusals and len(refusals) == len(states):
            client.unregister_worker_plugin(resource)
            raise ClusterError(f"no dask worker at {address} can run this extraction: "
                               + "; ".join(f"{a}: {why}" for a, why in refusals.items()))
        if time.monotonic() > deadline:
            raise ClusterError(
                f"no dask worker joined the scheduler at {address} in {wait_seconds:.0f} s; "
                f"start one on each machine with "
                f"`dask worker {address} --nworkers -1 --nthreads 1`")
        time.sleep(0.2)
