"""Parallel ingest: chunks of documents analysed by workers, every row written here.

One engine, two kinds of worker behind the same loop:

- :class:`Pool`: worker processes on this machine (``alliance ingest --workers N``), forked
  after the pipeline is loaded, so they share it;
- :class:`Cluster`: the workers of a Dask cluster (``alliance ingest --scheduler ADDRESS``),
  each of which loads the pipeline once, on its first chunk.

:func:`analyse` sends chunks of read, hashed and deduplicated documents (large chunks, as spaCy's
maintainers advise for multiprocessing: the model loaded once a process, many documents a task);
a worker segments, dates, parses and analyses them and sends back their rows.  The caller stays
the only writer into SQLite: it takes results in the order they complete and writes each
document in its own transaction.  At most ``window`` chunks are in flight, so memory stays flat
in the size of the corpus.  A chunk whose worker dies is run again elsewhere by Dask (the pool
has no such retry: a dead local process ends the ingest); its rows reach the caller once, from
the one run that completes, so nothing is written twice.
"""
from __future__ import annotations

import threading
from typing import Iterable, Iterator

from . import store

INSTALL_HINT = "pip install 'alliancecli[dask]'"
CHUNK_WORDS = 5000  # ~10 news articles: long enough that a task's overhead is lost in its parse


class DaskMissing(RuntimeError):
    def __init__(self):
        super().__init__(f"--scheduler needs Dask (dask.distributed), which is not installed: run \"{INSTALL_HINT}\"")


class SchedulerUnreachable(RuntimeError):
    pass


_load_lock = threading.Lock()


def analyse_chunk(chunk: list, model: str | None, batch_size: int) -> list[store.DocumentRows]:
    """In a worker: segment, parse and analyse a chunk of read documents; their rows, in order."""
    from . import nlp as nlp_mod
    from . import pipeline

    with _load_lock:  # a Dask worker may run tasks in several threads: load the pipeline once
        nlp = nlp_mod.load(model)
    chunk = [pipeline.segmented(p) for p in chunk]
    items = [(pipeline.unit_text(p.source.text, u), i) for i, p in enumerate(chunk) for u in p.units]
    docs: list[list] = [[] for _ in chunk]
    for doc, i in pipeline.pipe_bounded(nlp, items, batch_size):  # batches bounded in characters too
        docs[i].append(doc)
    return [pipeline.analyse(p, d) for p, d in zip(chunk, docs)]


def chunks(preps: Iterable, chunk_words: int) -> Iterator[list]:
    """Consecutive documents, cut into chunks of about ``chunk_words`` words (one long document alone)."""
    chunk: list = []
    words = 0
    for prep in preps:
        chunk.append(prep)
        words += len(prep.source.text.split())
        if words >= chunk_words:
            yield chunk
            chunk, words = [], 0
    if chunk:
        yield chunk


def analyse(preps: Iterable, workers, model: str | None = None, batch_size: int = 64,
            chunk_words: int = CHUNK_WORDS, window: int | None = None) -> Iterator[tuple[object, store.DocumentRows]]:
    """(prepared, rows) of every document, in the order their chunks complete.

    ``workers`` is a :class:`Pool` or a :class:`Cluster`.  ``preps`` is read lazily: no more than
    ``window`` chunks (default: three per worker) are sent ahead of the results.  Stopping the
    iteration (or an exception, a second Ctrl-C) cancels the chunks still in flight.
    """
    window = window or max(2, 3 * workers.size())
    in_flight: dict = {}  # future -> the chunk's documents, without their text, for the caller
    try:
        for chunk in chunks(preps, chunk_words):
            in_flight[workers.submit(analyse_chunk, chunk, model, batch_size)] = [_light(p) for p in chunk]
            while len(in_flight) >= window:
                yield from _collect(workers, in_flight)
        while in_flight:
            yield from _collect(workers, in_flight)
    finally:
        workers.cancel(list(in_flight))


def _collect(workers, in_flight: dict):
    for future in workers.wait_first(list(in_flight)):
        done = in_flight.pop(future, None)
        if done is not None:
            yield from zip(done, future.result())


def _light(prep):
    """The prepared document without its text and outline: what the writer needs to report it."""
    import dataclasses

    return dataclasses.replace(prep, source=dataclasses.replace(prep.source, text=""), outline=None, units=[])


def _ignore_sigint():
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle: it finishes what is in flight


def require_dask():
    """Raise :class:`DaskMissing` unless dask.distributed can be imported."""
    import importlib.util

    if importlib.util.find_spec("distributed") is None:
        raise DaskMissing()


class Pool:
    """``n`` worker processes on this machine (forked where possible: they inherit the loaded pipeline and data)."""

    def __init__(self, n: int, model: str | None = None):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        from . import pipeline

        fork = "fork" in mp.get_all_start_methods()
        if fork:
            pipeline.warm(model)
        self.n = n
        self.executor = ProcessPoolExecutor(n, mp_context=mp.get_context("fork" if fork else "spawn"),
                                            initializer=_ignore_sigint)

    def size(self) -> int:
        return self.n

    def submit(self, fn, *args):
        return self.executor.submit(fn, *args)

    def wait_first(self, futures: list):
        from concurrent.futures import FIRST_COMPLETED, wait

        return wait(futures, return_when=FIRST_COMPLETED).done

    def cancel(self, futures: list):
        for f in futures:
            f.cancel()

    def close(self, now: bool = False):
        if now:  # a second Ctrl-C or an error: do not wait for the chunks being parsed
            for p in list(getattr(self.executor, "_processes", {}).values()):
                p.terminate()
        self.executor.shutdown(wait=not now, cancel_futures=True)

    def __enter__(self):
        return self

    def __exit__(self, kind, *exc):
        self.close(now=kind is not None)


class Cluster:
    """The workers of the Dask cluster whose scheduler is at ``address`` (``tcp://host:8786``)."""

    def __init__(self, address: str, timeout: float = 30):
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise DaskMissing() from None
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except OSError as e:
            raise SchedulerUnreachable(f"no Dask scheduler answers at {address}: {e}") from None
        self.completed = as_completed(loop=self.client.loop)  # every chunk submitted, as it completes

    def size(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, fn, *args):
        # pure=False: every chunk is a task of its own, even if two chunks held equal documents
        future = self.client.submit(fn, *args, pure=False)
        self.completed.add(future)
        return future

    def wait_first(self, futures: list):
        return self.completed.next_batch(block=True)

    def cancel(self, futures: list):
        if futures:
            self.client.cancel(futures)

    def close(self):
        self.client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def workers_for(scheduler: str | None, workers: int, model: str | None):
    """The workers an ingest uses: a Dask cluster, a local pool of ``workers`` processes, or None (serial)."""
    if scheduler:
        return Cluster(scheduler)
    if workers > 1:
        return Pool(workers, model)
    return None
