#!/usr/bin/env python3
"""Ingest throughput of alliancecli on the BBC News corpus, against spaCy's own ceiling.

Usage::

    python benchmarks/ingest.py [--corpus ZIP] [--limit N] [--rounds N] [--skip-workers] [--skip-dask]
                                [--skip-extraction] [--json]

The corpus zip (default ``../shared/corpora/bbc-fulltext.zip`` relative to the
repository root) is read in place; its ``.txt`` members (the first N in sorted
member-name order with ``--limit``) are extracted into a temporary folder that is
removed afterwards. Words are ``len(text.split())`` summed over the decoded texts
(decoded exactly as the ingest decodes them). In one run it measures:

(a) ceiling: ``alliancecli.nlp.load(lean=False)`` (spaCy's own components, every
    one enabled, plus the project's entity ruler), then ``for _ in nlp.pipe(texts,
    batch_size=64): pass`` over the whole texts, in a fresh child process; words per
    second (model load not timed), and its CPU seconds. The ingest uses the lean
    pipeline (``nlp.load()``), whose components set the same values faster and whose
    matrices are multiplied through numpy; (a') is ``nlp.pipe`` on that pipeline, to
    show how much of the gain is the pipeline's. b/a is the goal of issue 16 (1.3),
    given both in wall-clock time and in CPU seconds (the latter less distorted on a
    shared machine). (a), (a') and (b) take turns for ``--rounds`` rounds (default 3);
    each round's ratio compares runs seconds apart, and the figures are the medians.
(b) ``pipeline.ingest([folder], new_db)`` in a fresh child process
    (``python -c``), which first runs ``pipeline.warm()`` (loads the model and the
    data files the analysis reads, ~0.5 s, as (a) loads its model before its clock)
    and then times only the ``ingest`` call; words per second, and the child's peak RSS, its own
    ``VmHWM`` from ``/proc/self/status`` (``ru_maxrss`` of itself elsewhere; the
    model is included). ``getrusage(RUSAGE_CHILDREN)`` in the parent is not used:
    it reports the parent's size at the time of the fork, (a) included.
    Attribution share: the child wraps ``quotes.attribute`` (quotations, colon and
    transcript turns, reported speech) in a timer; the time spent inside it over
    the same spaCy docs, divided by (b)'s time.
(b') unless ``--memory-probe 0``: (b) again on only the first N files (default
    200), for its peak RSS, to show whether memory grows with the corpus.
(c) a second ``pipeline.ingest`` of the unchanged folder into the same database,
    in this process (model already loaded): seconds, and c/b as a time ratio.
(d) unless ``--skip-workers``: ``pipeline.ingest([folder], another_new_db,
    workers=2)`` in a fresh child timed like (b) (the worker processes' start-up
    is inside the timing); speed-up = time(b) / time(d), where (b) is the run of the
    same round: (d) and (e) take turns with (a), (a') and (b), and the figure is the
    median of the rounds' speed-ups, each round's printed beside it.

(e) unless ``--skip-workers``/``--skip-dask`` (or without dask.distributed): the
    same ingest through ``--scheduler`` on a ``LocalCluster`` of 1, then 2 worker
    processes (one thread each; Dask's statistical profiler off and its event loops' tick,
    memory and system monitors slowed, as the README advises) started in the child, each worker warmed (``pipeline.warm()``) before the timing; speed-up over (b), the client's and each worker's peak RSS
    and CPU seconds (``client.run``). (e') the 2-worker run again on the first N
    files (``--memory-probe``), to show that neither peak grows with the corpus.
(f) the single writer's ceiling: the first 40 documents analysed once, untimed; their
    rows written 10 times under new paths by ``store.write_document`` into a fresh
    database (WAL, synchronous=NORMAL, as the ingest does); documents a second, and
    that over (b)'s documents a second = how many workers one writer keeps busy.
(g) unless ``--skip-extraction`` (or without ``../shared``): what the speed costs in extraction.
    ``benchmarks/devscore.py`` scores the sample articles, the Zelenskyy set and PolNeAR dev
    twice, each in a child process and without the parse cache: with the lean pipeline the
    ingest uses, and with spaCy's own components (``--pipeline full``). It prints every figure
    that differs and the largest difference (issue 16: at most 0.005 on any figure).

CPU seconds: user + system time of (b)'s ingest call, and of (d)'s parent and
(joined) worker processes. On a machine shared with other work the wall-clock
speed-up of (d) says little (Linux shares CPU between sessions, not processes, so
more processes need not get more of it); "if nothing else ran" is (b)'s CPU time
over the larger of half of (d)'s total and (d)'s parent alone: the speed-up two
otherwise idle cores would allow. The 1-minute load average is printed before (a)
and after (b) and (d).

It prints a small table (``--json``: one JSON object). No assertions on timings:
it only measures and prints.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path, PurePosixPath
from statistics import median

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO / ".." / "shared" / "corpora" / "bbc-fulltext.zip"

# Run in a fresh interpreter: load the model and data (pipeline.warm), then time one ingest call; print JSON.
# Attribution (quotes.attribute: quotations, colon and transcript turns, reported speech) is timed
# on the side, over the very spaCy docs the ingest parses; with workers=1 it all runs in this process.
# Peak memory is this process's own high-water mark (VmHWM): getrusage(RUSAGE_CHILDREN) in the parent
# would report the parent's size at fork time, which includes (a)'s pipeline and everything it parsed.
CHILD = r"""
import json, resource, sys, time
from alliancecli import nlp, pipeline, quotes
folder, db, mode = sys.argv[1], sys.argv[2], sys.argv[3]
attribution = [0.0]
attribute = quotes.attribute
def timed_attribute(*args, **kwargs):
    t = time.perf_counter()
    try:
        return attribute(*args, **kwargs)
    finally:
        attribution[0] += time.perf_counter() - t
quotes.attribute = timed_attribute
def cpu(who):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime
def peak_mb():
    try:
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return r / (1024 * 1024) if sys.platform == "darwin" else r / 1024
def worker_state():
    import resource
    return {"cpu_s": cpu(resource.RUSAGE_SELF), "peak_rss_mb": peak_mb()}
def warm():
    from alliancecli import pipeline
    pipeline.warm()
QUIET_DASK = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
              "distributed.admin.system-monitor.interval": "2s", "distributed.worker.memory.monitor-interval": "1s"}
t0 = time.perf_counter()
client = None
if mode.startswith("dask"):  # a LocalCluster of N worker processes, each with the pipeline loaded
    import dask
    from distributed import Client, LocalCluster
    # Dask samples each worker's task thread every 10 ms for its dashboard profile, which cost the parse
    # 14-30% of its CPU here; its event loops also wake every 20 ms (the tick watchdog) and poll memory
    # every 100 ms and the system every 500 ms, which cost 0.6 s of CPU in the client and 0.3 s in each
    # worker a run. The README tells users to start workers with the settings below, and so does this.
    dask.config.set(QUIET_DASK)
    cluster = LocalCluster(n_workers=int(mode[4:]), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    client = Client(cluster)
    client.run(warm)
    kwargs = {"scheduler": cluster.scheduler_address}
    before = client.run(worker_state)
else:
    pipeline.warm()  # the pipeline and the data files, loaded before the clock as (a) loads its pipeline
    kwargs = {"workers": int(mode)}
t1 = time.perf_counter()
c1 = cpu(resource.RUSAGE_SELF)
s = pipeline.ingest([folder], db, **kwargs)
t2 = time.perf_counter()
cpu_parent, cpu_workers = cpu(resource.RUSAGE_SELF) - c1, cpu(resource.RUSAGE_CHILDREN)
workers = None
if client is not None:
    after = client.run(worker_state)
    workers = [{"cpu_s": after[w]["cpu_s"] - before[w]["cpu_s"], "peak_rss_mb": after[w]["peak_rss_mb"]}
               for w in sorted(after) if w in before]
    cpu_workers = sum(w["cpu_s"] for w in workers)
print(json.dumps({"load_s": t1 - t0, "seconds": t2 - t1, "documents": s.documents, "new": s.new,
                  "unchanged": s.unchanged, "failed": s.failed, "skipped": s.skipped,
                  "statements": s.statements, "line": s.line(), "attribution_s": attribution[0],
                  "peak_rss_mb": peak_mb(), "cpu_parent_s": cpu_parent, "cpu_workers_s": cpu_workers,
                  "workers": workers}))
if client is not None:
    client.close()
    cluster.close()
"""


# (a) in a fresh interpreter too, so that (a) and (b) start equally cold (spaCy's lemma cache, the
# vocabulary's lexemes): load the pipeline, then time nlp.pipe over the texts; print JSON.
CEILING = r"""
import json, sys, time
from alliancecli import nlp
texts = json.load(open(sys.argv[1], encoding="utf-8"))
pipe = nlp.load(lean=sys.argv[2] == "lean")
t0, c0 = time.perf_counter(), time.process_time()
for _ in pipe.pipe(texts, batch_size=64):
    pass
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu_s": time.process_time() - c0}))
"""


def child_ceiling(texts_json: Path, lean: bool) -> dict:
    return run_child(CEILING, [texts_json, "lean" if lean else "full"], "nlp.pipe child")


def run_child(code: str, args: list, what: str) -> dict:
    """Run ``code`` in a fresh interpreter that imports this checkout's alliancecli; its last line, as JSON."""
    env = dict(os.environ)
    src = str(REPO / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    p = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-4000:])
        raise SystemExit(f"{what} failed with exit status {p.returncode}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def extract(corpus: Path, dest: Path, limit: int | None) -> list[Path]:
    """Extract the .txt members (sorted by name, the first ``limit``) into ``dest``; return their paths."""
    with zipfile.ZipFile(corpus) as z:
        names = sorted(n for n in z.namelist() if n.lower().endswith(".txt") and not n.endswith("/"))
        if limit is not None:
            names = names[:limit]
        out = []
        for n in names:
            parts = [p for p in PurePosixPath(n).parts if p not in ("", ".", "..", "/")]
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(n))
            out.append(target)
    return out


def loadavg() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # pragma: no cover - not on Unix
        return None


def child_ingest(folder: Path, db: Path, workers) -> dict:
    out = run_child(CHILD, [folder, db, workers], f"ingest child (workers={workers})")
    out["loadavg_after"] = loadavg()
    return out


def _parallel(runs: dict, key: str) -> dict | None:
    """The round of ``runs[key]`` with the median speed-up over the same round's (b), plus every round's."""
    if key not in runs:
        return None
    speedups = [b["seconds"] / x["seconds"] for b, x in zip(runs["b"], runs[key])]
    cpu_bound = [b["cpu_parent_s"] / max((x["cpu_parent_s"] + x["cpu_workers_s"]) / (len(x["workers"] or []) or 2),
                                         x["cpu_parent_s"], 1e-9) for b, x in zip(runs["b"], runs[key])]
    mid = sorted(range(len(speedups)), key=speedups.__getitem__)[(len(speedups) - 1) // 2]
    return runs[key][mid] | {"speedup": median(speedups), "speedup_rounds": speedups,
                             "cpu_bound_speedup": median(cpu_bound), "cpu_bound_speedup_rounds": cpu_bound}


def machine(nlp) -> dict:
    import spacy

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count()
    meta = nlp.meta
    return {
        "platform": platform.platform(), "processor": platform.machine(),
        "python": platform.python_version(), "cpu_count": os.cpu_count(), "cpus_usable": cores,
        "spacy": spacy.__version__,
        "model": f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '')}".strip(),
    }


def run(corpus: Path, limit: int | None, skip_workers: bool, progress, memory_probe: int = 200,
        skip_dask: bool = False, rounds: int = 3) -> dict:
    from alliancecli import nlp as nlp_mod
    from alliancecli import pipeline, reader

    with tempfile.TemporaryDirectory(prefix="alliance-bench-") as tmp:
        tmp = Path(tmp)
        folder = tmp / "corpus"
        files = extract(corpus, folder, limit)
        texts = []
        for f in files:
            try:
                texts.append(reader.read_file(f).text)
            except reader.ReadError:
                pass  # the ingest skips it too
        words = sum(len(t.split()) for t in texts)
        progress(f"corpus: {len(files)} files, {words} words in {folder}")

        # (a) ceiling, (a') the lean pipeline alone and (b) the ingest, each in a fresh child, taking turns
        # for ``rounds`` rounds: a shared machine's load drifts over minutes, and each ratio compares runs
        # seconds apart; the figures are the medians of the rounds
        texts_json = tmp / "texts.json"
        texts_json.write_text(json.dumps(texts), encoding="utf-8")
        load_before = loadavg()
        runs: dict[str, list[dict]] = {"a": [], "a_lean": [], "b": []}
        parallel = [] if skip_workers else [("d", 2)] + ([] if skip_dask else [("e1", "dask1"), ("e2", "dask2")])
        db_b = tmp / "b.db"
        for k in range(rounds):
            progress(f"round {k + 1}/{rounds}: (a) nlp.pipe over {len(texts)} texts, spaCy's components ...")
            runs["a"].append(child_ceiling(texts_json, lean=False))
            progress(f"round {k + 1}/{rounds}: (a') nlp.pipe, the lean pipeline ...")
            runs["a_lean"].append(child_ceiling(texts_json, lean=True))
            progress(f"round {k + 1}/{rounds}: (b) ingest in a child process ...")
            if db_b.exists():
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db_b}{suffix}").unlink(missing_ok=True)
            runs["b"].append(child_ingest(folder, db_b, 1))
            # (d) two pool workers and (e) a LocalCluster of 1 and 2, in the same round, each against this (b)
            for key, mode in parallel:
                progress(f"round {k + 1}/{rounds}: ({key[0]}) ingest, {mode} ...")
                db_x = tmp / f"{key}-{k}.db"
                runs.setdefault(key, []).append(child_ingest(folder, db_x, mode))
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db_x}{suffix}").unlink(missing_ok=True)
        b = runs["b"][-1] | {key: median([x[key] for x in runs["b"]])
                             for key in ("seconds", "cpu_parent_s", "attribution_s", "peak_rss_mb")}
        a_s, a_cpu = median([x["seconds"] for x in runs["a"]]), median([x["cpu_s"] for x in runs["a"]])
        al_s = median([x["seconds"] for x in runs["a_lean"]])
        ratios = [x["seconds"] / y["seconds"] for x, y in zip(runs["a"], runs["b"])]
        ratios_cpu = [x["cpu_s"] / y["cpu_parent_s"] for x, y in zip(runs["a"], runs["b"])]
        rss_b = b["peak_rss_mb"]

        # (b) again on the first files only: does peak memory grow with the corpus?
        probe = None
        small = tmp / "small"
        if memory_probe and memory_probe < len(files):
            progress(f"(b') ingest of the first {memory_probe} files, for peak memory ...")
            extract(corpus, small, memory_probe)
            p = child_ingest(small, tmp / "small.db", 1)
            probe = {"documents": p["documents"], "peak_rss_mb": p["peak_rss_mb"]}

        # (c) unchanged re-ingest, this process
        progress("(c) re-ingest, unchanged ...")
        t0 = time.perf_counter()
        c = pipeline.ingest([folder], db_b)
        c_s = time.perf_counter() - t0

        # (d) two workers and (e) a LocalCluster of 1 and 2 worker processes: the median round, with
        # every round's speed-up over the (b) of its own round
        d = _parallel(runs, "d")
        dask = {n: _parallel(runs, f"e{n}") for n in (1, 2) if f"e{n}" in runs}
        if dask:
            if memory_probe and memory_probe < len(files):
                progress(f"(e') LocalCluster of 2 on the first {memory_probe} files, for peak memory ...")
                p = child_ingest(small, tmp / "e2-small.db", "dask2")
                dask["probe"] = {"documents": p["documents"], "peak_rss_mb": p["peak_rss_mb"],
                                 "workers_peak_rss_mb": [w["peak_rss_mb"] for w in p["workers"]]}

        # (f) the single writer's ceiling: prepared rows written, analysis free
        progress("(f) the writer alone, fed prepared rows ...")
        nlp = nlp_mod.load()
        f = writer_ceiling(folder, tmp, nlp)

    b_s = b["seconds"]

    return {
        "machine": machine(nlp),
        "corpus": {"path": str(corpus), "limit": limit, "documents": len(files), "words": words},
        "rounds": rounds,
        "a_ceiling": {"seconds": a_s, "words_per_s": words / a_s if a_s else None,
                      "loadavg_before": load_before, "cpu_s": a_cpu, "rounds": runs["a"]},
        "a_lean": {"seconds": al_s, "words_per_s": words / al_s if al_s else None, "a_over": a_s / al_s,
                   "rounds": runs["a_lean"]},
        "b_ingest": {"seconds": b_s, "words_per_s": words / b_s if b_s else None,
                     "b_over_a": median(ratios), "b_over_a_rounds": ratios,
                     "b_over_a_cpu": median(ratios_cpu), "b_over_a_cpu_rounds": ratios_cpu,
                     "model_load_s": b["load_s"], "peak_rss_mb": rss_b, "summary": b["line"],
                     "cpu_s": b["cpu_parent_s"], "loadavg_after": b["loadavg_after"],
                     "attribution_s": b["attribution_s"],
                     "attribution_share": b["attribution_s"] / b_s if b_s else None},
        "b_memory_probe": probe,
        "c_reingest": {"seconds": c_s, "c_over_b": c_s / b_s if b_s else None, "unchanged": c.unchanged,
                       "new": c.new, "summary": c.line()},
        "d_workers2": None if d is None else {
            "seconds": d["seconds"], "words_per_s": words / d["seconds"] if d["seconds"] else None,
            "speedup": d["speedup"], "speedup_rounds": d["speedup_rounds"], "summary": d["line"],
            "cpu_parent_s": d["cpu_parent_s"], "cpu_workers_s": d["cpu_workers_s"],
            "loadavg_after": d["loadavg_after"],
            # what two otherwise idle cores would allow: the work split over two, or the parent alone
            "cpu_bound_speedup": d["cpu_bound_speedup"]},
        "e_dask": {str(n): {"seconds": x["seconds"], "speedup": x["speedup"], "speedup_rounds": x["speedup_rounds"],
                            "summary": x["line"],
                            "client_peak_rss_mb": x["peak_rss_mb"], "cpu_client_s": x["cpu_parent_s"],
                            "workers": x["workers"], "loadavg_after": x["loadavg_after"],
                            "cluster_start_s": x["load_s"],
                            # the work split over n otherwise idle cores, or the client alone
                            "cpu_bound_speedup": x["cpu_bound_speedup"]}
                   for n, x in dask.items() if n != "probe"} | (
                      {"probe": dask["probe"]} if "probe" in dask else {}),
        "f_writer": f | {"workers_served": f["docs_per_s"] / (len(files) / b_s) if b_s else None},
    }


def writer_ceiling(folder: Path, tmp: Path, nlp, sample: int = 40, copies: int = 10) -> dict:
    """Documents a second that store.write_document absorbs when the rows are ready.

    The first ``sample`` documents are analysed once (not timed); their rows are written
    ``copies`` times under new paths into a fresh database, as the ingest writes them (one
    transaction each, WAL, synchronous=NORMAL). The closing actors refresh is timed apart.
    """
    import copy
    import dataclasses

    from alliancecli import pipeline, sources, store

    rows = []
    for path in sorted(folder.rglob("*.txt"))[:sample]:
        for src in sources.read(path):
            prep = pipeline.segmented(pipeline.Prepared(src, None, [], None))
            docs = list(nlp.pipe([pipeline.unit_text(src.text, u) for u in prep.units]))
            rows.append(pipeline.analyse(prep, docs))
    batch = []
    for k in range(copies):
        for r in rows:
            r = copy.deepcopy(r)
            r = dataclasses.replace(r, document={**r.document, "path": f"copy{k}/{r.document['path']}",
                                                 "sha256": f"{k}:{r.document['sha256']}"})
            batch.append(r)
    db = store.connect(tmp / "writer.db", create=True)
    db.execute("pragma synchronous = normal")
    t0 = time.perf_counter()
    for r in batch:
        store.write_document(db, r)
    write_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    store.refresh_actors(db)
    refresh_s = time.perf_counter() - t0
    db.close()
    return {"documents": len(batch), "seconds": write_s, "docs_per_s": len(batch) / write_s,
            "refresh_actors_s": refresh_s}


def _rounds(x: dict) -> str:
    rounds = x.get("speedup_rounds") or []
    return f"; median of rounds {', '.join(f'{v:.2f}' for v in rounds)}" if len(rounds) > 1 else ""


def _la(x) -> str:
    return "?" if x is None else f"{x:.1f}"


EXTRACTION_CORPORA = "seeds,zelenskyy,polnear-dev"


def extraction(tmp: Path, progress) -> dict | None:
    """(g) the dev corpora scored with the lean pipeline and with spaCy's own; None without ``../shared``."""
    if not (REPO.parent / "shared" / "gold").is_dir():
        progress("(g) skipped: no ../shared/gold to score against")
        return None
    figures = {}
    for pipe in ("lean", "full"):
        progress(f"(g) extraction figures, {pipe} pipeline ({EXTRACTION_CORPORA}, no parse cache) ...")
        out = subprocess.run([sys.executable, str(HERE / "devscore.py"), "--corpora", EXTRACTION_CORPORA,
                              "--no-cache", "--json", "--pipeline", pipe, "--out", str(tmp / f"g-{pipe}")],
                             capture_output=True, text=True, check=True).stdout
        figures[pipe] = {f"{corpus} {key}": value for corpus, fs in json.loads(out).items()
                         for key, value in fs.items() if not key.startswith("_") and value is not None}
    lean, full = figures["lean"], figures["full"]
    diffs = {k: round(lean[k] - full[k], 4) for k in sorted(set(lean) & set(full))}
    return {"corpora": EXTRACTION_CORPORA, "figures": len(diffs),
            "max_abs_diff": max((abs(d) for d in diffs.values()), default=0.0),
            "differ": {k: {"lean": lean[k], "full": full[k]} for k, d in diffs.items() if d}}


def render(r: dict) -> str:
    m, c, a, b, cc, d = (r["machine"], r["corpus"], r["a_ceiling"], r["b_ingest"], r["c_reingest"],
                         r["d_workers2"])
    rows = [
        ("machine", f"{m['platform']} ({m['processor']}), Python {m['python']}, "
                    f"{m['cpu_count']} CPUs ({m['cpus_usable']} usable)"),
        ("spaCy / model", f"{m['spacy']} / {m['model']}"),
        ("corpus", f"{c['documents']} docs, {c['words']:,} words"),
        ("(a) nlp.pipe ceiling", f"{a['words_per_s']:,.0f} words/s ({a['seconds']:.1f} s)"),
        ("(a') nlp.pipe, lean", f"{r['a_lean']['words_per_s']:,.0f} words/s ({r['a_lean']['seconds']:.1f} s; "
                                f"{r['a_lean']['a_over']:.2f}x (a))"),
        ("(b) ingest", f"{b['words_per_s']:,.0f} words/s ({b['seconds']:.1f} s)"),
        ("b/a (speed)", f"{b['b_over_a']:.2f} wall clock, {b['b_over_a_cpu']:.2f} in CPU seconds "
                        f"(goal: 1.30)" + (f"; medians of {r['rounds']} rounds" if r["rounds"] > 1 else "; one round")),
        ("    each round", "wall " + ", ".join(f"{x:.2f}" for x in b["b_over_a_rounds"])
         + "; CPU " + ", ".join(f"{x:.2f}" for x in b["b_over_a_cpu_rounds"])),
        ("(c) unchanged re-ingest", f"{cc['seconds']:.2f} s, c/b = {cc['c_over_b']:.3f} "
                                    f"({cc['unchanged']} unchanged)"),
        ("(d) workers=2 speed-up", "skipped" if d is None else
         f"{d['speedup']:.2f}x ({d['seconds']:.1f} s, {d['words_per_s']:,.0f} words/s)" + _rounds(d)),
        ("CPU seconds", f"(b) {b['cpu_s']:.1f}" + ("" if d is None else
         f"; (d) parent {d['cpu_parent_s']:.1f} + workers {d['cpu_workers_s']:.1f}: "
         f"{d['cpu_bound_speedup']:.2f}x if nothing else ran")),
        ("load average (1 min)", f"{_la(a.get('loadavg_before'))} before (a), {_la(b['loadavg_after'])} after (b)"
         + ("" if d is None else f", {_la(d['loadavg_after'])} after (d)")),
        ("attribution in (b)", f"{b['attribution_s']:.1f} s = {100 * b['attribution_share']:.1f}% of (b)"),
        ("peak RSS of (b)", f"{b['peak_rss_mb']:.0f} MB" + (
            "" if r.get("b_memory_probe") is None else
            f" ({r['b_memory_probe']['peak_rss_mb']:.0f} MB for the first "
            f"{r['b_memory_probe']['documents']} files)")),
        ("(b) summary", b["summary"]),
    ]
    for n, x in r.get("e_dask", {}).items():
        if n == "probe":
            continue
        rows.append((f"(e) LocalCluster, {n} worker{'s' if n != '1' else ''}",
                     f"{x['speedup']:.2f}x serial ({x['seconds']:.1f} s; {x['cpu_bound_speedup']:.2f}x if nothing "
                     f"else ran; load {_la(x['loadavg_after'])} after)" + _rounds(x)))
        rows.append((f"    peak RSS ({n})", f"client {x['client_peak_rss_mb']:.0f} MB, workers "
                     + ", ".join(f"{w['peak_rss_mb']:.0f}" for w in x["workers"]) + " MB"))
    probe = r.get("e_dask", {}).get("probe")
    if probe:
        rows.append(("    peak RSS, first files", f"{probe['documents']} docs: client {probe['peak_rss_mb']:.0f} MB, "
                     "workers " + ", ".join(f"{m:.0f}" for m in probe["workers_peak_rss_mb"]) + " MB"))
    f = r["f_writer"]
    rows.append(("(f) writer alone", f"{f['docs_per_s']:,.0f} docs/s ({f['documents']} docs in {f['seconds']:.1f} s; "
                 f"actors refresh {f['refresh_actors_s']:.1f} s)"))
    if f.get("workers_served"):
        rows.append(("    workers one writer serves", f"{f['workers_served']:.0f} (writer docs/s / serial docs/s)"))
    g = r.get("g_extraction")
    if g is not None:
        rows.append(("(g) extraction, lean - full", f"largest difference {g['max_abs_diff']:.3f} over {g['figures']} "
                     f"figures of {g['corpora']} (goal: 0.005)"))
        for k, v in g["differ"].items():
            rows.append((f"    {k}", f"lean {v['lean']:.3f}, full {v['full']:.3f}"))
    w = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{w}}  {v}" for k, v in rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="BBC fulltext zip [default: %(default)s]")
    ap.add_argument("--limit", type=int, default=None, help="only the first N .txt files in sorted order")
    ap.add_argument("--skip-workers", action="store_true", help="skip (d) and (e), the parallel ingests")
    ap.add_argument("--skip-dask", action="store_true", help="skip (e), the LocalCluster ingests")
    ap.add_argument("--memory-probe", type=int, default=200, metavar="N",
                    help="also ingest the first N files alone, to compare peak memory (0: skip) [default: 200]")
    ap.add_argument("--rounds", type=int, default=3, metavar="N",
                    help="run (a), (a'), (b), (d) and (e) N times, taking turns; report the medians [default: 3]")
    ap.add_argument("--skip-extraction", action="store_true",
                    help="skip (g), the dev corpora scored with the lean pipeline and with spaCy's own")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = ap.parse_args(argv)
    corpus = args.corpus.resolve()
    if not corpus.is_file():
        ap.error(f"no corpus zip at {corpus}")
    if args.limit is not None and args.limit < 1:
        ap.error("--limit must be at least 1")

    def progress(msg):
        print(msg, file=sys.stderr, flush=True)

    try:
        import distributed  # noqa: F401
    except ImportError:
        args.skip_dask = True
        progress("(e) skipped: dask.distributed is not installed (pip install 'alliancecli[dask]')")
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    r = run(corpus, args.limit, args.skip_workers, progress, args.memory_probe, args.skip_dask, args.rounds)
    if not args.skip_extraction:
        with tempfile.TemporaryDirectory(prefix="alliance-bench-g-") as tmp:
            r["g_extraction"] = extraction(Path(tmp), progress)
    print(json.dumps(r, indent=2) if args.json else render(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
