#!/usr/bin/env python3
"""Peak memory of ``alliance ingest`` on inputs that used to blow it up: one 5 MB line, one 60 MB file,
and the BBC News corpus.

Usage::

    python benchmarks/memory.py [--line-mb 5] [--file-mb 60] [--corpus ZIP] [--bbc-limit N]
                                [--only line,file,bbc] [--json]

Each case is one ``python -m alliancecli ingest DIR --db NEW.db`` in a child process; its peak
RSS is the ``ru_maxrss`` that ``os.wait4`` returns for that child (this parent imports neither
spaCy nor alliancecli, so the fork it starts from is small). A baseline ingest of one short
article, in the same run, gives the memory of the loaded model alone; every case is printed in
MB and as a ratio to it, with whether it stays under the 1 GB bound of issue 17.

The inputs are generated: the line is sentences joined by single spaces with no line break; the
file is paragraphs of four sentences separated by blank lines.  The BBC corpus (default
``../shared/corpora/bbc-fulltext.zip``) is extracted into a temporary folder, the first N
``.txt`` members in name order with ``--bbc-limit``.  Reading a 60 MB file through spaCy takes
about an hour on one shared core; ``--file-mb`` scales it down (the note says what was run).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOUND_MB = 1024
COUNTRIES = ["Kazakhstan", "Russia", "China", "Iran", "Belarus", "Uzbekistan", "Armenia", "Turkey"]


def sentences():
    i = 0
    while True:
        a, b = COUNTRIES[i % 8], COUNTRIES[(i * 3 + 1) % 8]
        yield (f"The foreign minister of {a} said on day {i} that talks with {b} on trade and security "
               f"would go on, and officials in {b} answered that an alliance was not on the table.")
        i += 1


def write_line(path: Path, mb: float):
    target = int(mb * 1_000_000)
    with open(path, "w", encoding="utf-8") as f:
        size = 0
        for s in sentences():
            f.write(s + " ")
            size += len(s) + 1
            if size >= target:
                break
        f.write("\n")


def write_paragraphs(path: Path, mb: float):
    target = int(mb * 1_000_000)
    gen = sentences()
    with open(path, "w", encoding="utf-8") as f:
        f.write("A long dump of articles\n\n")
        size = 0
        while size < target:
            para = " ".join(next(gen) for _ in range(4)) + "\n\n"
            f.write(para)
            size += len(para)


def ingest(folder: Path, db: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one ingest in a child process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("ALLIANCE_DB", None)
    t = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "alliancecli", "ingest", str(folder), "--db", str(db)],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t
    errs = p.stderr.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"ingest of {folder} failed ({code}):\n{errs}")
    return seconds, usage.ru_maxrss / 1024  # KB on Linux


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--line-mb", type=float, default=5.0)
    ap.add_argument("--file-mb", type=float, default=60.0)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "bbc-fulltext.zip")
    ap.add_argument("--bbc-limit", type=int, default=None)
    ap.add_argument("--only", default="line,file,bbc")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    only = set(args.only.split(","))
    rows = []
    with tempfile.TemporaryDirectory(prefix="alliance-mem-") as tmp:
        tmp = Path(tmp)

        def case(name: str, folder: Path, size_mb: float, docs: int):
            seconds, peak = ingest(folder, tmp / f"{name}.db")
            rows.append({"case": name, "input_mb": round(size_mb, 1), "files": docs, "seconds": round(seconds, 1),
                         "peak_rss_mb": round(peak), "under_1_gb": peak < BOUND_MB})
            if not args.json:
                print(f"{name:22} {size_mb:6.1f} MB {docs:5} files {seconds:8.1f} s   peak RSS {peak:6.0f} MB",
                      flush=True)

        base = tmp / "base"
        base.mkdir()
        (base / "a.txt").write_text("Talks\n\n" + next(sentences()) + "\n", encoding="utf-8")
        case("baseline (one article)", base, 0.0, 1)
        if "line" in only:
            d = tmp / "line"
            d.mkdir()
            write_line(d / "line.txt", args.line_mb)
            case(f"one {args.line_mb:g} MB line", d, (d / "line.txt").stat().st_size / 1e6, 1)
        if "file" in only:
            d = tmp / "file"
            d.mkdir()
            write_paragraphs(d / "dump.txt", args.file_mb)
            case(f"one {args.file_mb:g} MB file", d, (d / "dump.txt").stat().st_size / 1e6, 1)
        if "bbc" in only:
            d = tmp / "bbc"
            with zipfile.ZipFile(args.corpus) as z:
                names = sorted(n for n in z.namelist() if n.endswith(".txt"))[:args.bbc_limit]
                for n in names:
                    z.extract(n, d)
            size = sum(p.stat().st_size for p in d.rglob("*.txt")) / 1e6
            case("BBC corpus" + (f" (first {args.bbc_limit})" if args.bbc_limit else ""), d, size, len(names))
    base_mb = rows[0]["peak_rss_mb"]
    for r in rows:
        r["vs_baseline"] = round(r["peak_rss_mb"] / base_mb, 2)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"\nbaseline {base_mb} MB (the model loaded); bound {BOUND_MB} MB")
        for r in rows[1:]:
            print(f"{r['case']:22} {r['vs_baseline']:5.2f} x baseline   "
                  f"{'under' if r['under_1_gb'] else 'OVER'} 1 GB")


if __name__ == "__main__":
    main()
