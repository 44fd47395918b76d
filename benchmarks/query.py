#!/usr/bin/env python3
"""Query latency of alliancecli on a database of about 100,000 documents.

Usage::

    python benchmarks/query.py [--corpus ZIP] [--docs 100000] [--runs 20] [--base-limit N]
                               [--workers N] [--keep] [--db PATH] [--others] [--json]
    # quick: python benchmarks/query.py --docs 5000 --base-limit 200 --runs 3

Build
    The BBC corpus zip (default ``../shared/corpora/bbc-fulltext.zip`` relative to
    the repository root; read in place) is extracted to a temporary folder (only
    the first ``--base-limit`` ``.txt`` members in sorted name order, if given) and
    ingested once with ``alliancecli.pipeline.ingest`` into a temporary database.
    Its rows are then replicated in SQL until the documents table holds ``--docs``
    rows: copy k (k = 1, 2, ...) inserts every base document again with
    ``id + k * (max_id + 1)`` and ``path || '#copyK'`` (the path index is unique),
    and, with ``INSERT ... SELECT``, every row of each table that references
    ``documents`` (segments, comments, statements, mentions, pairs, found from the
    schema's foreign keys), with its own ``id`` and every foreign-key column offset
    the same way per referenced table (so ``statement_id``, ``comment_id`` and
    ``parent_id`` stay consistent). The last copy takes only the first base
    documents needed. The FTS triggers index the copied statements and comments.
    The ``actors`` rows are left as the ingest built them; their stored mention and
    statement counts are then recounted with ``store.refresh_counts``, as the end of
    every ingest does. Nothing is ANALYZEd.

Timing
    ``--runs`` runs each (default 20), in milliseconds, median and 95th percentile
    (nearest rank: with 3 runs it is the maximum), after one untimed warm-up each:

    * Python calls on one ``store.connect_read`` connection (the one the commands use),
      each what the command computes by default: the first page of 100 rows plus the
      total (``who_said(country="United Kingdom", limit=100)`` and ``count_who_said``,
      the same for ``statements(pair=("United Kingdom", "United States"))``,
      ``search("election")`` and ``actors()``; ``pairs(min_mentions=3)`` whole, as the
      command sorts every pair before printing a page), then every row of
      ``who_said(country="United Kingdom")`` and ``search("election")``.
    * Whole CLI processes, ``subprocess.run([.venv/bin/alliance, ...])`` with stdout
      captured: ``alliance --help`` and the same five commands with ``--json --db DB``
      (a page of 100; the total is read from the note on stderr), then ``who-said`` and
      ``search`` with ``--all``.

    ``--db PATH`` times a database kept by an earlier run (``--keep``) and builds nothing.
    ``--others`` adds Python calls the issue does not name: ``pairs`` within a statement,
    paragraph and document, ``directed_pairs``, ``who_said`` by speaker, ``statements`` by
    stance and by actor, and ``search("the")``, a word in nearly every statement.

It prints the machine, the document count and a table of median/p95 per command
(``--json``: one JSON object). No assertions on timings: it only measures and prints.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO / ".." / "shared" / "corpora" / "bbc-fulltext.zip"

UK, US = "United Kingdom", "United States"


def extract(corpus: Path, dest: Path, limit: int | None) -> int:
    with zipfile.ZipFile(corpus) as z:
        names = sorted(n for n in z.namelist() if n.lower().endswith(".txt") and not n.endswith("/"))
        if limit is not None:
            names = names[:limit]
        for n in names:
            parts = [p for p in PurePosixPath(n).parts if p not in ("", ".", "..", "/")]
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(n))
    return len(names)


# -- replication --------------------------------------------------------------------------------------


def _copy_plan(con: sqlite3.Connection) -> list[tuple[str, list[str], dict[str, str], bool]]:
    """Tables to copy, in dependency order: (table, columns, {fk column: referenced table}, has id pk)."""
    tables = [r[0] for r in con.execute(
        "select name from sqlite_master where type = 'table' and sql not like 'CREATE VIRTUAL%' "
        "and name not like 'sqlite_%'")]
    info = {}
    for t in tables:
        cols = [(r[1], r[5]) for r in con.execute(f"pragma table_info([{t}])")]
        fks = {r[3]: r[2] for r in con.execute(f"pragma foreign_key_list([{t}])")}
        info[t] = ([c for c, _ in cols], fks, any(c == "id" and pk for c, pk in cols))
    # documents, and every table with a foreign key (direct or through another copied table) into them
    copied = {"documents"}
    changed = True
    while changed:
        changed = False
        for t, (cols, fks, _) in info.items():
            if t not in copied and "document_id" in cols and any(ref in copied for ref in fks.values()):
                copied.add(t)
                changed = True
    order: list[str] = []
    while len(order) < len(copied):
        for t in sorted(copied - set(order)):
            deps = {ref for ref in info[t][1].values() if ref in copied and ref != t}
            if deps <= set(order):
                order.append(t)
                break
        else:  # pragma: no cover - a cycle: copy in name order anyway
            order += sorted(copied - set(order))
    return [(t, info[t][0], {c: ref for c, ref in info[t][1].items() if ref in copied}, info[t][2]) for t in order]


def replicate(db_path: Path, target: int, progress) -> int:
    """Copy the base rows until ``documents`` holds ``target`` rows (or as many as it has); returns the count."""
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("pragma synchronous = off")
    base = con.execute("select count(*) from documents").fetchone()[0]
    if base == 0:
        raise SystemExit("the base ingest wrote no documents")
    if target <= base:
        con.close()
        return base
    plan = _copy_plan(con)
    maxid = {t: con.execute(f"select coalesce(max(id), 0) from [{t}]").fetchone()[0] for t, _, _, has in plan if has}
    base_ids = [r[0] for r in con.execute("select id from documents order by id")]
    con.execute("create temp table _sel (id integer primary key)")
    need, k = target - base, 0
    t0 = time.perf_counter()
    while need > 0:
        k += 1
        take = base_ids[:need]
        con.execute("begin")
        con.execute("delete from _sel")
        con.executemany("insert into _sel (id) values (?)", [(i,) for i in take])
        for table, cols, fks, has_id in plan:
            exprs = []
            for c in cols:
                if c == "id" and has_id:
                    exprs.append(f"[id] + {k * (maxid[table] + 1)}")
                elif c in fks and fks[c] in maxid:
                    exprs.append(f"[{c}] + {k * (maxid[fks[c]] + 1)}")
                elif table == "documents" and c == "path":
                    exprs.append(f"[path] || '#copy{k}'")
                else:
                    exprs.append(f"[{c}]")
            key = "id" if table == "documents" else "document_id"
            con.execute(f"insert into [{table}] ({', '.join(f'[{c}]' for c in cols)}) "
                        f"select {', '.join(exprs)} from [{table}] where [{key}] in (select id from _sel)")
        con.execute("commit")
        need -= len(take)
        if k % 5 == 0 or need <= 0:
            progress(f"  copy {k}: {target - need} documents ({time.perf_counter() - t0:.0f} s)")
    con.execute("pragma wal_checkpoint(truncate)")
    n = con.execute("select count(*) from documents").fetchone()[0]
    con.close()
    return n


def refresh_counts(db_path: Path):
    """Recount actors' mentions and statements over the copies (ingest does this at its end)."""
    from alliancecli import store

    db = store.connect(db_path)
    with db.conn:
        store.refresh_counts(db)
    db.close()


# -- timing --------------------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def summarize(times: list[float]) -> dict:
    return {"median_ms": statistics.median(times), "p95_ms": pct(times, 95), "min_ms": min(times),
            "runs": len(times)}


PAGE = 100  # what the list commands print unless told otherwise (alliancecli.cli.PAGE)


def page(fetch, count):
    """A timed call that fetches a page and counts the whole: (rows, total)."""
    return lambda: (len(fetch()), count())


def whole(fetch):
    """A timed call that fetches every row: (rows, rows)."""
    return lambda: (len(rows := fetch()), len(rows))


def timed(fn, runs: int) -> dict:
    """``fn`` run ``runs`` times: median and p95 in ms."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return summarize(times)


def python_calls(db) -> dict:
    """name -> call returning (rows, total): what each command computes by default, then every row."""
    from alliancecli import queries

    return {
        f'who_said(country="{UK}") page + count': page(
            lambda: queries.who_said(db, country=UK, limit=PAGE), lambda: queries.count_who_said(db, country=UK)),
        "pairs(min_mentions=3)": whole(lambda: queries.pairs(db, min_mentions=3)),
        f'statements(pair=("{UK}", "{US}")) page + count': page(
            lambda: queries.statements(db, pair=(UK, US), limit=PAGE),
            lambda: queries.count_statements(db, pair=(UK, US))),
        'search("election") page + count': page(
            lambda: queries.search(db, "election", limit=PAGE), lambda: queries.count_search(db, "election")),
        "actors() page + count": page(lambda: queries.actors(db, limit=PAGE), lambda: queries.count_actors(db)),
        f'who_said(country="{UK}"), every row': whole(lambda: queries.who_said(db, country=UK)),
        'search("election"), every row': whole(lambda: queries.search(db, "election")),
    }


def other_calls(db) -> dict:
    """--others: queries the issue does not name, to see where the slow ones are."""
    from alliancecli import queries

    return {
        f"pairs(within={w!r}, min_mentions=3)": whole(lambda w=w: queries.pairs(db, within=w, min_mentions=3))
        for w in ("statement", "paragraph", "document")
    } | {
        "directed_pairs(min_mentions=3)": whole(lambda: queries.directed_pairs(db, min_mentions=3)),
        f'who_said(country="{UK}", group="speaker") page': whole(
            lambda: queries.who_said(db, country=UK, group="speaker", limit=PAGE)),
        'statements(stance="oppose") page + count': page(
            lambda: queries.statements(db, stance="oppose", limit=PAGE),
            lambda: queries.count_statements(db, stance="oppose")),
        'statements(actor="Blair") page + count': page(
            lambda: queries.statements(db, actor="Blair", limit=PAGE),
            lambda: queries.count_statements(db, actor="Blair")),
        'search("the") page + count': page(
            lambda: queries.search(db, "the", limit=PAGE), lambda: queries.count_search(db, "the")),
    }


def time_python(db_path: Path, runs: int, progress, others: bool = False) -> dict:
    from alliancecli import store

    db = store.connect_read(db_path)  # what the query commands open
    out = {}
    for name, fn in (other_calls(db) if others else python_calls(db)).items():
        rows, total = fn()  # warm-up
        out[name] = {**timed(fn, runs), "rows": rows, "total": total}
        progress(f"  {name}: median {out[name]['median_ms']:.1f} ms")
    db.close()
    return out


def alliance_command() -> list[str]:
    exe = Path(sys.executable).parent / ("alliance.exe" if os.name == "nt" else "alliance")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "alliancecli"]


def cli_commands() -> dict:
    return {
        "alliance --help": ["--help"],
        f"who-said --country '{UK}'": ["who-said", "--country", UK],
        "pairs --min-mentions 3": ["pairs", "--min-mentions", "3"],
        f"statements --pair '{UK}' '{US}'": ["statements", "--pair", UK, US],
        "search election": ["search", "election"],
        "actors": ["actors"],
        f"who-said --country '{UK}' --all": ["who-said", "--country", UK, "--all"],
        "search election --all": ["search", "election", "--all"],
    }


def time_cli(db_path: Path, runs: int, progress) -> dict:
    base = alliance_command()
    out = {}
    for name, args in cli_commands().items():
        if args != ["--help"]:
            args = args + ["--json", "--db", str(db_path)]

        def once():
            return subprocess.run(base + args, capture_output=True, text=True, cwd=REPO)
        p = once()  # warm-up
        rows = None
        if p.returncode != 0:
            out[name] = {"error": f"exit status {p.returncode}: {p.stderr.strip()[-300:]}"}
            progress(f"  {name}: FAILED ({out[name]['error']})")
            continue
        if "--json" in args:
            try:
                rows = len(json.loads(p.stdout))
            except ValueError:
                rows = None
        # the page note on stderr ("rows 1-100 of 66,883; ...") gives the total
        total = int(p.stderr.split(" of ")[1].split(";")[0].replace(",", "")) if " of " in p.stderr else rows
        out[name] = {**timed(once, runs), "rows": rows, "total": total}
        progress(f"  {name}: median {out[name]['median_ms']:.0f} ms")
    return out


def machine() -> dict:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count()
    return {"platform": platform.platform(), "processor": platform.machine(), "python": platform.python_version(),
            "cpu_count": os.cpu_count(), "cpus_usable": cores, "sqlite": sqlite3.sqlite_version}


def db_counts(db_path: Path) -> dict:
    con = sqlite3.connect(db_path)
    out = {t: con.execute(f"select count(*) from [{t}]").fetchone()[0]
           for t in ("documents", "statements", "mentions", "pairs", "actors")}
    con.close()
    out["size_mb"] = db_path.stat().st_size / 1e6
    return out


def time_both(db_path: Path, runs: int, progress, others: bool = False) -> tuple[dict, dict]:
    progress(f"timing Python calls ({runs} runs) ...")
    py = time_python(db_path, runs, progress)
    if others:
        progress(f"timing other Python calls ({runs} runs) ...")
        py |= time_python(db_path, runs, progress, others=True)
    progress(f"timing CLI processes ({runs} runs) ...")
    return py, time_cli(db_path, runs, progress)


def run(args, progress) -> dict:
    from alliancecli import pipeline

    if args.db is not None:  # a database kept by an earlier run: time it again, build nothing
        py, cli = time_both(args.db, args.runs, progress, args.others)
        return {"machine": machine(), "base": None, "database": db_counts(args.db), "runs": args.runs,
                "python": py, "cli": cli}
    tmp = Path(tempfile.mkdtemp(prefix="alliance-qbench-"))
    db_path = tmp / "bench.db"
    try:
        folder = tmp / "corpus"
        n = extract(args.corpus, folder, args.base_limit)
        progress(f"base ingest of {n} files (workers={args.workers}) ...")
        t0 = time.perf_counter()
        s = pipeline.ingest([folder], db_path, workers=args.workers)
        ingest_s = time.perf_counter() - t0
        progress(f"  {s.line()} ({ingest_s:.0f} s)")
        progress(f"replicating to {args.docs} documents ...")
        t0 = time.perf_counter()
        replicate(db_path, args.docs, progress)
        replicate_s = time.perf_counter() - t0
        progress("refreshing actor counts, as the end of an ingest does ...")
        t0 = time.perf_counter()
        refresh_counts(db_path)
        refresh_s = time.perf_counter() - t0
        counts = db_counts(db_path)
        py, cli = time_both(db_path, args.runs, progress, args.others)
    finally:
        shutil.rmtree(tmp / "corpus", ignore_errors=True)
        if args.keep:
            progress(f"kept {db_path}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return {"machine": machine(), "base": {"files": n, "summary": s.line(), "ingest_s": ingest_s},
            "replicate_s": replicate_s, "refresh_s": refresh_s, "database": counts, "runs": args.runs, "python": py, "cli": cli}


def render(r: dict) -> str:
    m, d = r["machine"], r["database"]
    lines = [
        f"machine    {m['platform']} ({m['processor']}), Python {m['python']}, SQLite {m['sqlite']}, "
        f"{m['cpu_count']} CPUs ({m['cpus_usable']} usable)",
        f"database   {d['documents']:,} documents, {d['statements']:,} statements, {d['mentions']:,} mentions, "
        f"{d['pairs']:,} pairs, {d['actors']:,} actors, {d['size_mb']:,.0f} MB",
        (f"build      base ingest {r['base']['files']} files in {r['base']['ingest_s']:.0f} s, "
         f"replication {r['replicate_s']:.0f} s, actor counts {r.get('refresh_s', 0):.1f} s"
         if r["base"] else "build      none: --db, a database kept by an earlier run"),
        f"runs       {r['runs']} per command (median / p95 in ms)",
        "",
    ]
    for title, res in (("Python call", r["python"]), ("CLI process (--json)", r["cli"])):
        w = max(len(title), *(len(k) for k in res))
        lines.append(f"{title:<{w}}  {'median':>9}  {'p95':>9}  {'rows':>7}  {'of':>7}")
        for name, v in res.items():
            if "error" in v:
                lines.append(f"{name:<{w}}  {v['error']}")
                continue
            rows = "" if v["rows"] is None else f"{v['rows']:,}"
            total = "" if v.get("total") is None else f"{v['total']:,}"
            lines.append(f"{name:<{w}}  {v['median_ms']:>9.1f}  {v['p95_ms']:>9.1f}  {rows:>7}  {total:>7}")
        lines.append("")
    return "\n".join(lines).rstrip()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="BBC fulltext zip [default: %(default)s]")
    ap.add_argument("--docs", type=int, default=100_000, help="documents in the database [default: %(default)s]")
    ap.add_argument("--runs", type=int, default=20, help="timed runs per command [default: %(default)s]")
    ap.add_argument("--base-limit", type=int, default=None, help="ingest only the first N .txt files")
    ap.add_argument("--workers", type=int, default=1, help="spaCy processes for the base ingest [default: 1]")
    ap.add_argument("--keep", action="store_true", help="keep the temporary database and print its path")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--others", action="store_true",
                    help="also time queries the issue does not name (pairs above the sentence, ...)")
    ap.add_argument("--db", type=Path, default=None,
                    help="time this database (one kept with --keep) instead of building one")
    args = ap.parse_args(argv)
    args.corpus = args.corpus.resolve()
    if args.db is not None and not args.db.is_file():
        ap.error(f"no database at {args.db}")
    if args.db is None and not args.corpus.is_file():
        ap.error(f"no corpus zip at {args.corpus}")
    for opt in ("docs", "runs", "workers"):
        if getattr(args, opt) < 1:
            ap.error(f"--{opt} must be at least 1")
    if args.base_limit is not None and args.base_limit < 1:
        ap.error("--base-limit must be at least 1")

    def progress(msg):
        print(msg, file=sys.stderr, flush=True)

    r = run(args, progress)
    print(json.dumps(r, indent=2) if args.json else render(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
