"""What runs on each dask worker of `index --scheduler`: ExtractionPlugin loads the model once and runs the batches.

A worker whose searchapp extraction version or spaCy model differs from the indexing machine's
never takes a batch: it does not advertise the resource the batches ask for (resource_name), and
it says why (worker log, and an event on TOPIC that the indexing run prints). Imported by the
workers through the plugin and the task function, so it loads no more than they need.
"""
from __future__ import annotations

import asyncio
import logging
import threading
import time

from distributed import WorkerPlugin, get_worker

from searchapp.entities.ner import Extractor, ModelNotFoundError

TOPIC = "searchapp"  # the dask event topic on which workers say they refuse

logger = logging.getLogger(__name__)


class ClusterError(RuntimeError):
    """The cluster cannot run this extraction; the message says why and what to do."""


class ExtractionRefused(ClusterError):
    """A worker whose extraction differs from the indexing machine's was asked to run a batch."""


def resource_name(version: str) -> str:
    """The dask resource a worker advertises once it runs exactly this extraction version."""
    return f"searchapp-{version}"


class ExtractionPlugin(WorkerPlugin):
    """On each worker: check the extraction version, load the spaCy model once, run batches."""

    # Registered once per scheduler: the next run of the same version (the plugin's name)
    # finds the model loaded on every worker instead of loading it again.
    idempotent = True

    def __init__(self, model: str, version: str) -> None:
        self.model = model
        self.version = version
        self.name = resource_name(version)
        self.extractor: Extractor | None = None
        self.refusal: str | None = None
        self.texts = 0  # texts analysed on this worker, and the seconds it spent on them
        self.busy_seconds = 0.0

    async def setup(self, worker) -> None:
        """Load the model in a thread (the worker keeps answering heartbeats), then advertise."""
        self._lock = threading.Lock()
        self.refusal = await asyncio.get_running_loop().run_in_executor(None, self._load)
        if self.refusal is not None:
            logger.error("searchapp: %s", self.refusal)
            worker.log_event(TOPIC, {"worker": worker.address, "version": self.version,
                                     "refused": self.refusal})
            return
        # One batch at a time per worker process: NER is CPU-bound, and a spaCy pipeline is
        # not meant to be shared by threads; run one worker process per core instead.
        await worker.set_resources(**{self.name: 1})

    def teardown(self, worker) -> None:
        """Drop the model with the plugin."""
        self.extractor = None

    def _load(self) -> str | None:
        """Return why this worker cannot run the extraction, or None once its model is loaded."""
        try:
            extractor = Extractor(self.model)
        except ModelNotFoundError as exc:
            return f"worker refuses searchapp batches: {exc}"
        if extractor.version != self.version:
            return (f"worker refuses searchapp batches: it runs extraction {extractor.version}, "
                    f"the indexing run needs {self.version}; install the same searchapp and "
                    "spaCy model versions on every machine")
        extractor.nlp()
        self.extractor = extractor
        return None

    def analyse(self, texts: list[str]) -> list[str]:
        """Return the Mentions JSON of each text, in order."""
        if self.extractor is None:
            raise ExtractionRefused(self.refusal or "the searchapp model is not loaded")
        with self._lock:
            started = time.perf_counter()
            found = [m.to_json() for m in
                     self.extractor.analyse(texts, n_process=1, batch_size=len(texts))]
            self.busy_seconds += time.perf_counter() - started
            self.texts += len(texts)
            return found


def analyse_batch(version: str, texts: list[str]) -> list[str]:
    """The dask task: run one batch on this worker's ExtractionPlugin for version."""
    worker = get_worker()
    plugin = worker.plugins.get(resource_name(version))
    if not isinstance(plugin, ExtractionPlugin):
        raise ExtractionRefused(f"worker {worker.address} has no searchapp extraction "
                                f"{version} loaded")
    return plugin.analyse(texts)


def plugin_state(version: str, dask_worker=None) -> str | None:
    """Run on every worker by client.run: why the worker refuses, or None (ready or loading)."""
    plugin = dask_worker.plugins.get(resource_name(version))
    if not isinstance(plugin, ExtractionPlugin):
        return None  # a worker that joined a moment ago: it gets the plugin next
    return plugin.refusal


def plugin_work(version: str, dask_worker=None) -> tuple[int, float]:
    """Run on every worker by client.run: (texts analysed, seconds spent on them)."""
    plugin = dask_worker.plugins.get(resource_name(version))
    if not isinstance(plugin, ExtractionPlugin):
        return 0, 0.0
    return plugin.texts, plugin.busy_seconds
